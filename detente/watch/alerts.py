"""Alert rules → alert records, computed with the aggregate stage over the stored events.

A rule only speaks about what the watcher brought since its last look: documents with a
`documents.seq` above the watermark `since_seq`. Then

- ``new_event``: a story event of the given types, in a watched dyad or with a watched actor,
  every mention of which is new (a new article retelling an old story is not a new event);
- ``index_move``: the dyad's index score in its latest period differs from the period before by
  more than ``more_than`` (turning-point arithmetic of `aggregate.index`), and a story event
  of that period is new;
- ``contradiction``: a contradiction between sources (`aggregate.contradictions`) one of whose
  sides is new.

Each alert's id is a hash of the rule name and what it is about (story, period, contradiction),
so computing it again after a crash gives the same id and the store keeps it once.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from datetime import UTC, datetime
from typing import Any

from detente.aggregate.contradictions import find_contradictions
from detente.aggregate.index import dyad_index, story_label, turning_points
from detente.aggregate.merge import merge_events
from detente.dyad import Dyad, DyadError, countries_of
from detente.models import Article, Evidence, StoryEvent
from detente.store.store import Store
from detente.watch.config import Rule

MAX_EVIDENCE = 5  # evidence sentences carried by one alert


def alert_id(rule: str, about: str) -> str:
    return hashlib.sha256(f"{rule}\x00{about}".encode()).hexdigest()[:16]


def evidence_item(doc_id: str, evidence: Evidence, articles: dict[str, Article],
                  url: str | None = None, outlet: str | None = None) -> dict[str, Any]:
    """One evidence sentence with its links: the article's URL and the dashboard page that
    highlights the sentence (`detente serve`'s /documents/{doc_id}?start=…&end=…)."""
    article = articles.get(doc_id)
    ev = evidence.to_dict()
    return {"doc_id": doc_id, "title": article.title if article else None,
            "outlet": outlet or (article.outlet if article else None),
            "url": url or (article.url if article else None),
            "source_path": article.source_path if article else None,
            "published": article.published if article else None,
            "text": ev["text"], "start": ev["start"], "end": ev["end"],
            "link": f"/documents/{doc_id}?start={int(ev['start'])}&end={int(ev['end'])}#selected"}


def _story_evidence(story: StoryEvent, articles: dict[str, Article]) -> list[dict[str, Any]]:
    return [evidence_item(m.doc_id, m.evidence, articles, m.url, m.outlet) for m in story.mentions[:MAX_EVIDENCE]]


def _dyad_text(story: StoryEvent) -> str | None:
    actor, recipient = countries_of(story)
    return f"{actor}>{recipient}" if actor and recipient else None


def _base(rule: Rule, about: str, title: str, dyad: str | None, evidence: list[dict[str, Any]],
          **details: Any) -> dict[str, Any]:
    return {"alert_id": alert_id(rule.name, about), "rule": rule.name, "kind": rule.kind, "dyad": dyad,
            "title": title, "created_at": datetime.now(UTC).isoformat(timespec="seconds"),
            **details, "evidence": evidence}


class Evaluator:
    """Runs the rules over one open store against the watermark `since_seq`."""

    def __init__(self, store: Store, since_seq: int):
        self.store = store
        self.since_seq = since_seq
        self._articles: dict[str, Article] | None = None
        self._seqs: dict[str, int] = {}
        self._touched: set[tuple[str | None, str | None]] | None = None

    @property
    def articles(self) -> dict[str, Article]:
        if self._articles is None:
            self._articles = self.store.load_articles()
        return self._articles

    def _is_new(self, doc_ids: Iterable[str]) -> list[bool]:
        from detente.store.watch import WatchState

        doc_ids = list(doc_ids)
        missing = [d for d in doc_ids if d not in self._seqs]
        if missing:
            self._seqs.update(WatchState(self.store).document_seqs(missing))
        return [self._seqs.get(d, 0) > self.since_seq for d in doc_ids]

    @property
    def touched(self) -> set[tuple[str | None, str | None]]:
        """The (actor, recipient) countries of the new documents' events: only their dyads can
        hold a new story event, a moved index or a new contradiction."""
        if self._touched is None:
            from detente.store.watch import WatchState

            self._touched = WatchState(self.store).pairs_since(self.since_seq)
        return self._touched

    def _touches(self, dyad: Dyad) -> bool:
        return any(dyad.matches({"actor": {"country": a}, "recipient": {"country": r}}) for a, r in self.touched)

    def _pairs(self, rule: Rule) -> list[Dyad] | None:
        """The undirected dyads to load for a rule; None when a new event lacks a country
        (then the rule's events are loaded whatever their dyad)."""
        if rule.dyads and not rule.actors:
            return [d.pair for d in rule.dyads if self._touches(d.pair)]
        pairs = set()
        for a, r in self.touched:
            if a is None or r is None or a == r:
                return None
            pairs.add(tuple(sorted((a, r))))
        return [Dyad(a, r) for a, r in sorted(pairs)]

    def _stories(self, rule: Rule) -> tuple[list[StoryEvent], list]:
        """Story events under the rule, merged from the events of the dyads new documents touched."""
        types = list(rule.types) or None
        pairs = self._pairs(rule)
        try:
            events = self.store.load_events(event_type=types) if pairs is None else list(
                {e.event_id: e for d in pairs for e in self.store.load_events(dyad=d.name, event_type=types)}.values())
        except DyadError:  # a code the dyad grammar does not know: read the rule's events whatever the dyad
            events = self.store.load_events(event_type=types)
        stories = merge_events(events, self.articles)
        return [s for s in stories if rule.watches(s)], events

    def evaluate(self, rules: Iterable[Rule]) -> list[dict[str, Any]]:
        alerts: list[dict[str, Any]] = []
        for rule in rules:
            if rule.kind == "new_event":
                alerts.extend(self.new_events(rule))
            elif rule.kind == "index_move":
                alerts.extend(self.index_moves(rule))
            else:
                alerts.extend(self.contradictions(rule))
        return alerts

    def new_events(self, rule: Rule) -> list[dict[str, Any]]:
        stories, _ = self._stories(rule)
        found = []
        for story in stories:
            if rule.types and story.event_type not in rule.types:
                continue
            if not story.mentions or not all(self._is_new(m.doc_id for m in story.mentions)):
                continue
            first = min(m.event_id for m in story.mentions)
            label = story_label(story)
            found.append(_base(rule, f"new_event|{first}", f"new {label} ({story.n_articles} article"
                               f"{'s' if story.n_articles != 1 else ''})", _dyad_text(story),
                               _story_evidence(story, self.articles), story=story.to_dict()))
        return found

    def index_moves(self, rule: Rule) -> list[dict[str, Any]]:
        found = []
        for dyad in rule.dyads:
            pair = dyad.pair
            if not self._touches(pair):
                continue
            direction = dyad.directions[0] if dyad.directed else dyad.directions[2]
            stories = merge_events(self.store.load_events(dyad=pair.name), self.articles)
            rows = dyad_index(stories, pair, rule.freq)
            series = [r for r in rows if r.direction == direction]
            if not series:
                continue
            current = series[-1]
            before = (series[-2].score or 0.0) if len(series) > 1 else 0.0
            change = round((current.score or 0.0) - before, 3)
            by_id = {s.story_id: s for s in stories}
            members = [by_id[i] for i in current.story_ids if i in by_id]
            fresh = any(any(self._is_new(m.doc_id for m in s.mentions)) for s in members)
            if not fresh or abs(change) <= rule.more_than:
                continue
            points = turning_points(stories, pair, rule.freq, n=len(series),
                                    direction=direction, rows=rows)
            drivers = next((p.drivers for p in points if p.period == current.period), [])
            evidence = [item for d in drivers for item in _story_evidence(by_id[d.story_id], self.articles)]
            kind = "escalation" if change < 0 else "de-escalation"
            title = (f"{direction} index {'fell' if change < 0 else 'rose'} by {abs(change):g} in "
                     f"{current.period} ({kind}): {before:g} → {current.score or 0.0:g}")
            found.append(_base(rule, f"index_move|{direction}|{rule.freq}|{current.period}", title, direction,
                               evidence[:MAX_EVIDENCE], period=current.period, change=change,
                               level_before=before, level_after=current.score, movement=kind,
                               drivers=[d.to_dict() for d in drivers]))
        return found

    def contradictions(self, rule: Rule) -> list[dict[str, Any]]:
        stories, events = self._stories(rule)
        doc_ids = sorted({m.doc_id for s in stories for m in s.mentions})
        claims = self.store.load_claims(doc_ids=doc_ids) if doc_ids else []
        found = []
        for c in find_contradictions(stories, claims, self.articles, events):
            if not any(self._is_new([side.doc_id for side in c.sides])):  # a new article among its sources
                continue
            sides = [p.sources[0] for p in c.positions] + [s for p in c.positions for s in p.sources[1:]]
            evidence = [evidence_item(side.doc_id, side.evidence, self.articles, side.url, side.outlet)
                        for side in sides[:MAX_EVIDENCE]]  # one source of each position first
            title = f"sources disagree on the {c.kind} of {c.about}: {' vs '.join(p.value for p in c.positions)}"
            story = next((s for s in stories if s.story_id == c.story_id), None)
            found.append(_base(rule, f"contradiction|{c.contradiction_id}", title,
                               _dyad_text(story) if story else None, evidence, contradiction=c.to_dict()))
        return found
