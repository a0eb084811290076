"""What every page and its `/api/…` twin show: one function per view, returning plain dicts.

The JSON API returns these dicts as they are; the dashboard renders the same dicts through a
template — so a page never shows something its JSON twin does not (Datasette's rule). The
queries are the store's (`detente.store.Store`), the story events, index and contradictions
the aggregate stage's; nothing here reads the database directly.
"""

from __future__ import annotations

import os
import threading
from collections import Counter
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from detente.aggregate.contradictions import find_contradictions
from detente.aggregate.index import default_freq, dyad_index, turning_points, unindexed_stories
from detente.aggregate.merge import merge_events
from detente.aggregate.timeline import timeline
from detente.dyad import Dyad, undirected_name
from detente.models import Article, Claim, Event, StoryEvent
from detente.present.brief import Brief, BriefData, build_brief
from detente.store import Store

# --- pagination --------------------------------------------------------------------------


def page(items: list[dict[str, Any]], limit: int, offset: int) -> dict[str, Any]:
    """The envelope of every list endpoint: the records of one page and where the list goes on."""
    total = len(items)
    chunk = items[offset:offset + limit]
    return {"total": total, "limit": limit, "offset": offset,
            "next_offset": offset + limit if offset + limit < total else None,
            "items": chunk}


# --- dyads -------------------------------------------------------------------------------


def dyads(store: Store) -> list[dict[str, Any]]:
    """Every pair of countries that events connect, with counts per direction, most events first."""
    groups: dict[str, dict[str, Any]] = {}
    for record in store.events():
        actor = (record.get("actor") or {}).get("country")
        recipient = (record.get("recipient") or {}).get("country")
        if not actor or not recipient or actor == recipient:
            continue
        name = undirected_name(actor, recipient)
        group = groups.setdefault(name, {"dyad": name, "n_events": 0, "directions": Counter(),
                                         "docs": set(), "dates": []})
        group["n_events"] += 1
        group["directions"][f"{actor}>{recipient}"] += 1
        group["docs"].add(record["doc_id"])
        if record.get("date"):
            group["dates"].append(record["date"])
    result = []
    for group in groups.values():
        left, right = group["dyad"].split("-")
        dates = sorted(group["dates"])
        result.append({
            "dyad": group["dyad"],
            "n_events": group["n_events"],
            "n_articles": len(group["docs"]),
            "directions": {f"{left}>{right}": group["directions"][f"{left}>{right}"],
                           f"{right}>{left}": group["directions"][f"{right}>{left}"]},
            "first_date": dates[0] if dates else None,
            "last_date": dates[-1] if dates else None,
        })
    return sorted(result, key=lambda d: (-d["n_events"], d["dyad"]))


# --- the aggregate stage, computed once per state of the database ---------------------------


@dataclass
class Aggregates:
    """Story events and contradictions over the whole store (merging needs every article)."""

    events: dict[str, Event]
    articles: dict[str, Article]
    claims: list[Claim]
    stories: list[StoryEvent]
    contradictions: list[dict[str, Any]]


def _state(path: str) -> tuple:
    """What changes when the database file is written: size and mtime of it and its WAL."""
    state = []
    for candidate in (path, path + ".wal"):
        try:
            stat = os.stat(candidate)
        except OSError:
            state.append(None)
        else:
            state.append((stat.st_mtime_ns, stat.st_size))
    return tuple(state)


class AggregateCache:
    """Merging re-reads every event, so it runs once per state of the file, not per request."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._key: tuple | None = None
        self._value: Aggregates | None = None

    def get(self, store: Store) -> Aggregates:
        key = (str(Path(store.path).resolve()), _state(store.path), tuple(sorted(store.counts().items())))
        with self._lock:
            if self._key != key or self._value is None:
                self._value = compute_aggregates(store)
                self._key = key
            return self._value


def compute_aggregates(store: Store) -> Aggregates:
    events = store.load_events()
    articles = store.load_articles()
    claims = store.load_claims()
    stories = merge_events(events, articles)
    found = find_contradictions(stories, claims, articles, events)
    return Aggregates(events={e.event_id: e for e in events}, articles=articles, claims=claims,
                      stories=stories, contradictions=[c.to_dict() for c in found])


# --- views -------------------------------------------------------------------------------


def overview(store: Store) -> dict[str, Any]:
    """The front page: dyads with their event counts, documents ingested, rejections."""
    counts = store.counts()
    by_status = Counter(d["status"] for d in store.documents())
    rejections = store.rejections().to_dicts()
    return {
        "documents": {"total": counts["documents"] - by_status.get("rejected", 0),
                      "by_status": dict(sorted(by_status.items())),
                      "sources": counts["sources"]},
        "events": counts["events"], "quotes": counts["quotes"], "claims": counts["claims"],
        "dyads": dyads(store),
        "rejections": [{"source_path": r["source_path"], "reason": r["reason"], "doc_id": r["doc_id"]}
                       for r in rejections],
    }


def index(aggregates: Aggregates, dyad: str, freq: str | None = None, since: str | None = None,
          until: str | None = None) -> dict[str, Any]:
    """The conflict–cooperation index of a dyad per period, its turning points, and how many
    of the dyad's story events the index could not place in a period."""
    freq = freq or default_freq(aggregates.stories, dyad)
    rows = dyad_index(aggregates.stories, dyad, freq, since=since, until=until)
    points = turning_points(aggregates.stories, dyad, freq, rows=rows)
    pair = Dyad.parse(dyad)
    return {"dyad": pair.pair.name, "freq": freq, "directions": list(pair.directions),
            "rows": [r.to_dict() for r in rows],
            "turning_points": [p.to_dict() for p in points],
            "n_unindexed": len(unindexed_stories(aggregates.stories, dyad, freq))}


def contradictions(aggregates: Aggregates, dyad: str | None = None) -> list[dict[str, Any]]:
    """Contradictions between sources; with a dyad, those about it: the story event is the
    dyad's, one side is an event between the two countries, or (numbers) one side comes from
    an article that reports an event of the dyad."""
    if not dyad:
        return list(aggregates.contradictions)
    pair = Dyad.parse(dyad)
    stories = {s.story_id for s in aggregates.stories if pair.matches(s)}
    dyad_events = {e.event_id for e in aggregates.events.values() if pair.matches(e)}
    dyad_docs = {aggregates.events[i].doc_id for i in dyad_events}
    chosen = []
    for record in aggregates.contradictions:
        refs = {record["a"]["ref"], record["b"]["ref"]}
        if record["story_id"] in stories or refs & dyad_events:
            chosen.append(record)
        elif record["kind"] == "number" and {record["a"]["doc_id"], record["b"]["doc_id"]} & dyad_docs:
            chosen.append(record)
    return chosen


def dyad_page(store: Store, aggregates: Aggregates, dyad: str, freq: str | None = None) -> dict[str, Any]:
    """One pair of countries: its index, its timeline of story events, its contradictions."""
    stories = timeline(aggregates.stories, dyad=dyad)
    return {"dyad": Dyad.parse(dyad).name, "index": index(aggregates, dyad, freq),
            "timeline": [s.to_dict() for s in stories],
            "contradictions": contradictions(aggregates, dyad),
            "n_events": len(store.events(dyad=dyad))}


def brief_record(brief: Brief) -> dict[str, Any]:
    """The briefing as JSON: what `render_html` prints, with the design's records inside."""
    return {
        "dyad": brief.dyad, "dyad_note": brief.dyad_note, "since": brief.since, "until": brief.until,
        "freq": brief.freq,
        "headline": [asdict(s) for s in brief.headline],
        "stories": [s.to_dict() for s in brief.stories], "n_stories": brief.n_stories,
        "index": [r.to_dict() for r in brief.index_rows],
        "turning_points": [p.to_dict() for p in brief.turning_points],
        "n_unindexed": brief.n_unindexed,
        "actors": [asdict(a) for a in brief.actors],
        "quotes": [q.to_dict() for q in brief.quotes],
        "contradictions": [c.to_dict() for c in brief.contradictions],
        "single_sourced": [c.to_dict() for c in brief.single_sourced],
        "articles": [a.to_dict(with_text=False) for a in brief.articles],
        "evidence": [asdict(e) for e in brief.evidence],
    }


def briefing(store: Store, aggregates: Aggregates, dyad: str | None, since: str | None = None,
             until: str | None = None, freq: str | None = None) -> Brief:
    """The briefing module's selection for a dyad (the busiest pair when none is given), over
    the cached story events: only the quotes are read per request."""
    data = BriefData(events=list(aggregates.events.values()), articles=aggregates.articles,
                     quotes=store.load_quotes(), claims=aggregates.claims, stories=aggregates.stories)
    return build_brief(data, dyad=dyad, since=since, until=until, freq=freq)
