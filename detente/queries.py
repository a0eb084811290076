"""The one query layer: every question the CLI, the API and the dashboard ask of a database.

Each function takes the filters a user typed (strings, as the command line and the query
string give them), checks them — a `QueryError` names the parameter, what was wrong and what
is accepted, in one line — and answers:

- record lists (events, documents, quotes, claims, rejections, dyads) are filtered, sorted and
  paged in SQL, so a page costs the size of the page, not of the table;
- story events (timeline) are read from the stories the store keeps current as documents
  are written (`detente.aggregate.stories`): filtered on their headers with the timeline's own
  filters, then only the page's records read; when the stored stories do not cover every
  event (a database written by an older detente, an import, an ingest still running), the
  stored events are merged in memory as before — the same stories either way;
- the index and contradictions come from `Insights`, made once per content version of the
  database (`InsightCache`), then selected with the same dyad and since/until whoever asks.
"""

from __future__ import annotations

import re
import threading
from array import array
from collections import OrderedDict
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from detente.aggregate import stories as stored_stories
from detente.aggregate.contradictions import claims_of, contradictions_about, single_sourced
from detente.aggregate.index import default_freq, dyad_index, turning_points, unindexed_stories
from detente.aggregate.merge import merge_events
from detente.aggregate.timeline import timeline as select_stories
from detente.config import confidence_floor
from detente.dyad import Dyad, DyadError
from detente.models import Article, Claim, Event, StoryEvent
from detente.ontology import PLOVER_TYPES, modes
from detente.store import Store

DEFAULT_LIMIT, MAX_LIMIT = 100, 1000
FREQS = ("week", "month", "year")
STATUSES = ("stored", "near_duplicate", "duplicate", "rejected")
DATE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")
DATE_ACCEPTED = "use an ISO date at any precision: 2025, 2025-01 or 2025-01-26"


class QueryError(ValueError):
    """A filter that names nothing detente knows: `param` is the filter's name."""

    def __init__(self, param: str, message: str, value: Any = None):
        super().__init__(message)
        self.param, self.value = param, value


# --- checks of what the user typed ----------------------------------------------------------


def check_dyad(value: str | Dyad | None, single: bool = False, required: bool = False,
               param: str = "dyad") -> Dyad | None:
    if value is None or value == "":
        if required:
            raise QueryError(param, "a dyad is needed, e.g. USA-COL (both directions) or USA>COL", value)
        return None
    try:
        return Dyad.parse(value, single=single)
    except DyadError as exc:
        raise QueryError(param, str(exc), value) from None


def check_date(value: str | None, param: str) -> str | None:
    if value is None or value == "":
        return None
    text = str(value).strip()
    match = DATE.match(text)
    valid = bool(match)
    if match:
        year, month, day = (int(g) if g else None for g in match.groups())
        try:
            date(year, month or 1, day or 1)
        except ValueError:
            valid = False
    if not valid:
        raise QueryError(param, f"{param} {value!r} is not a date: {DATE_ACCEPTED}", value)
    return text


def check_period(since: str | None, until: str | None) -> tuple[str | None, str | None]:
    since, until = check_date(since, "since"), check_date(until, "until")
    if since and until:
        n = min(len(since), len(until))
        if since[:n] > until[:n]:
            raise QueryError("until", f"until {until} is before since {since}: nothing can match", until)
    return since, until


def _did_you_mean(value: str, choices: Sequence[str]) -> str:
    from rapidfuzz import process

    found = process.extractOne(value, list(choices), score_cutoff=75)
    return f" (did you mean {found[0]}?)" if found else ""


def check_event_types(value: str | Sequence[str] | None, param: str = "type") -> list[str] | None:
    """PLOVER types, one or several (comma-separated or a list), any case."""
    if not value:
        return None
    parts = value.split(",") if isinstance(value, str) else list(value)
    types = [p.strip().upper() for p in parts if p and p.strip()]
    for kind in types:
        if kind not in PLOVER_TYPES:
            raise QueryError(param, f"unknown event type {kind!r}{_did_you_mean(kind, PLOVER_TYPES)}: "
                                    f"use one of {', '.join(PLOVER_TYPES)}", value)
    return types or None


def check_story_type(value: str | None, store: Store | None = None, param: str = "type") -> str | None:
    """A PLOVER type (SANCTION), a mode (tariff) or both (SANCTION/tariff); modes are those of
    the lexicon files and of the stored events (a user's lexicon may add some)."""
    if not value:
        return None
    text = value.strip()
    kind, _, mode = text.partition("/")
    known_modes = modes()

    def mode_known(name: str) -> bool:
        return name.lower() in known_modes or (store is not None and name.lower() in store.modes())

    accepted = (f"use a PLOVER type ({', '.join(PLOVER_TYPES)}), a mode such as tariff, or both "
                "as SANCTION/tariff")
    if mode or "/" in text:
        if kind.upper() not in PLOVER_TYPES:
            raise QueryError(param, f"unknown event type {kind!r}{_did_you_mean(kind.upper(), PLOVER_TYPES)}: "
                                    f"{accepted}", value)
        if not mode_known(mode):
            raise QueryError(param, f"unknown mode {mode!r}{_did_you_mean(mode.lower(), sorted(known_modes))}: "
                                    f"{accepted}", value)
        return text
    if kind.upper() in PLOVER_TYPES or mode_known(kind):
        return text
    hint = _did_you_mean(kind.upper(), PLOVER_TYPES) or _did_you_mean(kind.lower(), sorted(known_modes))
    raise QueryError(param, f"unknown event type or mode {kind!r}{hint}: {accepted}", value)


def check_freq(value: str | None, param: str = "freq") -> str | None:
    if value is None or value == "":
        return None
    if value not in FREQS:
        raise QueryError(param, f"unknown frequency {value!r}: use week, month or year", value)
    return value


def check_outlet(store: Store, value: str | None, param: str = "outlet") -> str | None:
    if not value:
        return None
    outlets = store.outlets()
    if value.lower() not in {o.lower() for o in outlets}:
        listed = ", ".join(outlets[:10]) + (" …" if len(outlets) > 10 else "")
        raise QueryError(param, f"no document from outlet {value!r}{_did_you_mean(value, outlets)}: "
                                f"use one of {listed or '(no outlet is recorded)'}", value)
    return value


def check_confidence(value: float | None, param: str = "min_confidence") -> float | None:
    """A floor on the coder's confidence: a number from 0 to 1 (0 or none: every event)."""
    if value is None:
        return None
    try:
        return confidence_floor(value) or None
    except (TypeError, ValueError):
        raise QueryError(param, f"{param} {value!r}: use a number from 0 to 1", value) from None


def check_page(limit: int | None, offset: int | None) -> tuple[int, int]:
    limit = DEFAULT_LIMIT if limit is None else int(limit)
    offset = 0 if offset is None else int(offset)
    if not 1 <= limit <= MAX_LIMIT:
        raise QueryError("limit", f"limit {limit} is out of range: use 1 to {MAX_LIMIT}", limit)
    if offset < 0:
        raise QueryError("offset", f"offset {offset} is negative: use 0 or more", offset)
    return limit, offset


# --- pages ----------------------------------------------------------------------------------


@dataclass
class Page:
    """One page of a list: its records and where the list goes on (the API's envelope)."""

    items: list[dict[str, Any]]
    total: int
    limit: int
    offset: int

    @property
    def next_offset(self) -> int | None:
        return self.offset + self.limit if self.offset + self.limit < self.total else None

    def to_dict(self) -> dict[str, Any]:
        return {"total": self.total, "limit": self.limit, "offset": self.offset,
                "next_offset": self.next_offset, "items": self.items}


def page_of(items: list[dict[str, Any]], limit: int | None, offset: int = 0) -> Page:
    """A page of a list already in memory (a cached answer); limit None: all of it."""
    if limit is None:
        return Page(list(items), len(items), max(len(items), 1), 0)
    limit, offset = check_page(limit, offset)
    return Page(items[offset:offset + limit], len(items), limit, offset)


def _sql_page(selection, limit: int | None, offset: int, cache: InsightCache | None = None) -> Page:
    """One page in SQL; with a cache, a table ordered by seq keeps its order (row ids) per
    content version and question, so any page is one row-id range read, and other lists
    count their total once per version."""
    limit, offset = check_page(limit, offset)
    if cache is not None and selection.table is not None:
        order = cache.ordering(selection.store, (selection.table, selection.where,
                                                 tuple(map(_hashable, selection.params))), selection.row_ids)
        return Page(selection.records_at(order[offset:offset + limit]), len(order), limit, offset)
    if cache is None:
        total = selection.count()
    else:
        total = cache.answer(selection.store, ("count", selection.sql, tuple(map(_hashable, selection.params))),
                             selection.count)
    return Page(selection.records(limit, offset), total, limit, offset)


def _hashable(value: Any) -> Any:
    return tuple(value) if isinstance(value, list) else value


# --- record lists, paged in SQL ---------------------------------------------------------------


def select_events(store: Store, dyad: str | Dyad | None = None, since: str | None = None,
                  until: str | None = None, event_type: str | Sequence[str] | None = None,
                  doc_id: str | None = None, outlet: str | None = None, min_confidence: float | None = None):
    """The checked filters as a store selection (count, page or stream it)."""
    pair = check_dyad(dyad, single=True)
    since, until = check_period(since, until)
    return store.select_events(dyad=pair, since=since, until=until, event_type=check_event_types(event_type),
                               doc_id=doc_id, outlet=check_outlet(store, outlet),
                               min_confidence=check_confidence(min_confidence))


def events(store: Store, dyad: str | Dyad | None = None, since: str | None = None, until: str | None = None,
           event_type: str | Sequence[str] | None = None, doc_id: str | None = None,
           outlet: str | None = None, limit: int | None = DEFAULT_LIMIT, offset: int = 0,
           cache: InsightCache | None = None, min_confidence: float | None = None) -> Page:
    """Event records in ingest order (text order within a document)."""
    return _sql_page(select_events(store, dyad, since, until, event_type, doc_id, outlet, min_confidence),
                     limit, offset, cache)


def iter_events(store: Store, **filters: Any) -> Iterator[dict[str, Any]]:
    """Every event record passing the filters, streamed in batches (the CLI, exports)."""
    return iter(select_events(store, **filters))


def documents(store: Store, status: str | None = None, limit: int | None = DEFAULT_LIMIT,
              offset: int = 0, cache: InsightCache | None = None) -> Page:
    if status is not None and status not in STATUSES:
        raise QueryError("status", f"unknown status {status!r}: use one of {', '.join(STATUSES)}", status)
    return _sql_page(store.select_documents(status=status), limit, offset, cache)


def quotes(store: Store, doc_id: str | None = None, speaker: str | None = None, since: str | None = None,
           until: str | None = None, limit: int | None = DEFAULT_LIMIT, offset: int = 0,
           cache: InsightCache | None = None) -> Page:
    since, until = check_period(since, until)
    return _sql_page(store.select_quotes(doc_id=doc_id, speaker=speaker, since=since, until=until),
                     limit, offset, cache)


def claims(store: Store, doc_id: str | None = None, measure: str | None = None, unit: str | None = None,
           subject: str | None = None, limit: int | None = DEFAULT_LIMIT, offset: int = 0,
           cache: InsightCache | None = None) -> Page:
    return _sql_page(store.select_claims(doc_id=doc_id, measure=measure, unit=unit,
                                         subject=subject.upper() if subject else None), limit, offset, cache)


def rejections(store: Store, limit: int | None = DEFAULT_LIMIT, offset: int = 0,
               cache: InsightCache | None = None) -> Page:
    return _sql_page(store.select_rejections(), limit, offset, cache)


def _dyad_record(row: dict[str, Any]) -> dict[str, Any]:
    left, right = row["l"], row["r"]
    return {"dyad": row["dyad"], "n_events": row["n_events"], "n_articles": row["n_articles"],
            "directions": {f"{left}>{right}": row["n_forward"], f"{right}>{left}": row["n_backward"]},
            "first_date": row["first_date"], "last_date": row["last_date"]}


def dyads(store: Store, limit: int | None = DEFAULT_LIMIT, offset: int = 0,
          cache: InsightCache | None = None) -> Page:
    """Every pair of countries events connect, with counts per direction, most events first
    (an aggregate over every event: computed once per content version, then paged)."""
    records = _cache(cache).answer(store, ("dyads",), lambda: [
        _dyad_record(r) for r in store.dyad_counts().records()])
    return page_of(records, limit, offset)


def overview(store: Store, cache: InsightCache | None = None) -> dict[str, Any]:
    """The front page: documents ingested, records stored, every dyad, every rejection."""
    counts = store.counts()
    by_status = store.status_counts()
    return {
        "documents": {"total": counts["documents"] - by_status.get("rejected", 0),
                      "by_status": by_status, "sources": counts["sources"]},
        "events": counts["events"], "quotes": counts["quotes"], "claims": counts["claims"],
        "dyads": dyads(store, limit=None, cache=cache).items,
        "rejections": [{"source_path": r["source_path"], "reason": r["reason"], "doc_id": r["doc_id"]}
                       for r in store.rejections()],
    }


# --- insights: story events, index, contradictions --------------------------------------------


@dataclass
class Insights:
    """The stored records merged into story events; merging needs every article, so it is
    done once per content version and every selection is made from it."""

    events: dict[str, Event]
    articles: dict[str, Article]
    claims: list[Claim]
    stories: list[StoryEvent]

    @classmethod
    def of(cls, store: Store) -> Insights:
        events = store.load_events()
        articles = store.load_articles()
        if stored_stories.is_current(store):
            ids = [h.story_id for h in select_stories(stored_stories.headers(store))]
            merged = [stored_stories.story_of(r) for r in stored_stories.records(store, ids)]
        else:
            merged = merge_events(events, articles)
        return cls(events={e.event_id: e for e in events}, articles=articles, claims=store.load_claims(),
                   stories=merged)  # quotes are read by who needs them: a briefing, its dyad's only


@dataclass
class InsightCache:
    """Insights and answers computed from them, kept while the database's content version
    stays the same (a server keeps one; a CLI command makes a fresh one)."""

    max_answers: int = 512
    max_orderings: int = 32
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False)
    _key: tuple | None = None
    _insights: Insights | None = None
    _answers: OrderedDict = field(default_factory=OrderedDict, repr=False)
    _orderings: OrderedDict = field(default_factory=OrderedDict, repr=False)

    def _current(self, store: Store) -> tuple:
        return (store.path, store.content_version())

    def insights(self, store: Store) -> Insights:
        key = self._current(store)
        with self._lock:
            if self._key == key and self._insights is not None:
                return self._insights
        computed = Insights.of(store)  # outside the lock: readers of the old version go on
        with self._lock:
            if self._key != key:
                self._answers.clear()
                self._orderings.clear()
            self._key, self._insights = key, computed
        return computed

    def ordering(self, store: Store, question: tuple, compute: Callable[[], list[int]]) -> Any:
        """A list's order (row ids), kept for the content version; at most `max_orderings`
        of them (an order of 300,000 events is 2.4 MB)."""
        key = (self._current(store), question)
        with self._lock:
            if key in self._orderings:
                self._orderings.move_to_end(key)
                return self._orderings[key]
        value = array("q", compute())
        with self._lock:
            self._orderings[key] = value
            while len(self._orderings) > self.max_orderings:
                self._orderings.popitem(last=False)
        return value

    def answer(self, store: Store, question: tuple, compute: Callable[[], Any]) -> Any:
        """`compute()`'s result, remembered under the content version and the question."""
        key = (self._current(store), question)
        with self._lock:
            if key in self._answers:
                self._answers.move_to_end(key)
                return self._answers[key]
        value = compute()
        with self._lock:
            self._answers[key] = value
            while len(self._answers) > self.max_answers:
                self._answers.popitem(last=False)
        return value


def _cache(cache: InsightCache | None) -> InsightCache:
    return cache if cache is not None else InsightCache()


def _stored_ids(store: Store, pair: Dyad | None, since: str | None, until: str | None,
                event_type: str | None, cache: InsightCache) -> list[str] | None:
    """The story_ids of the stored stories passing the (checked) filters, in timeline order;
    None when the stored stories do not cover every stored event."""
    if not stored_stories.is_current(store):
        return None
    every = cache.answer(store, ("story_headers",), lambda: stored_stories.headers(store))
    return cache.answer(store, ("story_ids", pair, since, until, event_type), lambda: [
        h.story_id for h in select_stories(every, dyad=pair, since=since, until=until, event_type=event_type)])


def stories(store: Store, dyad: str | Dyad | None = None, since: str | None = None, until: str | None = None,
            event_type: str | None = None, cache: InsightCache | None = None) -> list[StoryEvent]:
    """Story events in date order (undated last) that pass the filters."""
    pair = check_dyad(dyad)
    since, until = check_period(since, until)
    event_type = check_story_type(event_type, store)
    cache = _cache(cache)

    def compute() -> list[StoryEvent]:
        ids = _stored_ids(store, pair, since, until, event_type, cache)
        if ids is not None:
            return [stored_stories.story_of(r) for r in stored_stories.records(store, ids)]
        return select_stories(cache.insights(store).stories, dyad=pair, since=since, until=until,
                              event_type=event_type)

    return cache.answer(store, ("stories", pair, since, until, event_type), compute)


def timeline(store: Store, dyad: str | Dyad | None = None, since: str | None = None, until: str | None = None,
             event_type: str | None = None, limit: int | None = DEFAULT_LIMIT, offset: int = 0,
             cache: InsightCache | None = None) -> Page:
    """Story event records in date order, one page of them (limit None: all); from the stored
    stories, only the page's records are read."""
    cache = _cache(cache)
    pair = check_dyad(dyad)
    since, until = check_period(since, until)
    event_type = check_story_type(event_type, store)
    ids = _stored_ids(store, pair, since, until, event_type, cache)
    if ids is not None and limit is not None:
        limit, offset = check_page(limit, offset)
        return Page(stored_stories.records(store, ids[offset:offset + limit]), len(ids), limit, offset)
    if ids is not None:
        return page_of(cache.answer(store, ("timeline", pair, since, until, event_type),
                                    lambda: stored_stories.records(store, ids)), None)
    records = cache.answer(store, ("timeline", pair, since, until, event_type), lambda: [
        s.to_dict() for s in stories(store, pair, since, until, event_type, cache)])
    return page_of(records, limit, offset)


def index(store: Store, dyad: str | Dyad, freq: str | None = None, since: str | None = None,
          until: str | None = None, top: int = 3, cache: InsightCache | None = None) -> dict[str, Any]:
    """The conflict–cooperation index of the dyad's story events in the period (a directed
    dyad counts only its direction), its turning points, and how many story events it could
    not place in a period. Without `freq`, month, or year when nothing is dated to the month."""
    cache = _cache(cache)
    pair = check_dyad(dyad, required=True)
    freq = check_freq(freq)
    since, until = check_period(since, until)

    def compute() -> dict[str, Any]:
        chosen = stories(store, pair, since, until, cache=cache)
        period = freq or default_freq(chosen, pair)
        rows = dyad_index(chosen, pair, period)
        points = turning_points(chosen, pair, period, n=top, rows=rows)
        return {"dyad": pair.pair.name, "freq": period, "directions": list(pair.directions),
                "rows": [r.to_dict() for r in rows], "turning_points": [p.to_dict() for p in points],
                "n_unindexed": len(unindexed_stories(chosen, pair, period))}

    return cache.answer(store, ("index", pair, freq, since, until, top), compute)


def contradictions(store: Store, dyad: str | Dyad | None = None, since: str | None = None,
                   until: str | None = None, single: bool = False, limit: int | None = DEFAULT_LIMIT,
                   offset: int = 0, cache: InsightCache | None = None) -> Page:
    """Where sources disagree about the dyad in the period (`contradictions_about`); with
    `single`, what only one outlet reports among the dyad's story events and their articles' claims."""
    cache = _cache(cache)
    pair = check_dyad(dyad)
    since, until = check_period(since, until)

    def compute() -> list[dict[str, Any]]:
        insights = cache.insights(store)
        if single:
            chosen = stories(store, pair, since, until, cache=cache)
            filtered = pair is not None or since or until
            claims = claims_of(chosen, insights.claims, since, until) if filtered else insights.claims
            return [r.to_dict() for r in single_sourced(chosen, claims, insights.articles)]
        return [c.to_dict() for c in contradictions_about(insights.stories, insights.claims, insights.articles,
                                                          insights.events, pair, since, until)]

    records = cache.answer(store, ("contradictions", pair, since, until, single), compute)
    return page_of(records, limit, offset)


def brief(store: Store, dyad: str | Dyad | None = None, since: str | None = None, until: str | None = None,
          freq: str | None = None, cache: InsightCache | None = None):
    """The briefing's selection for the dyad (the busiest pair when none is given)."""
    from detente.aggregate.briefing import BriefData, build_brief

    cache = _cache(cache)
    pair = check_dyad(dyad)
    since, until = check_period(since, until)
    freq = check_freq(freq)

    def compute():
        insights = cache.insights(store)
        data = BriefData(events=list(insights.events.values()), articles=insights.articles,
                         claims=insights.claims, stories=insights.stories,
                         quotes_of=lambda doc_ids: store.load_quotes(doc_ids=sorted(doc_ids)))
        return build_brief(data, dyad=pair, since=since, until=until, freq=freq)

    return cache.answer(store, ("brief", pair, since, until, freq), compute)


def dyad_page(store: Store, dyad: str | Dyad, freq: str | None = None, since: str | None = None,
              until: str | None = None, cache: InsightCache | None = None) -> dict[str, Any]:
    """One pair of countries in a period: its index, its timeline of story events, its
    contradictions — the answers `index`, `timeline` and `contradictions` give alone."""
    cache = _cache(cache)
    pair = check_dyad(dyad, required=True)
    since, until = check_period(since, until)
    return {"dyad": pair.name, "since": since, "until": until,
            "index": index(store, pair, freq, since, until, cache=cache),
            "timeline": timeline(store, pair, since, until, limit=None, cache=cache).items,
            "contradictions": contradictions(store, pair, since, until, limit=None, cache=cache).items,
            "n_events": store.select_events(dyad=pair, since=since, until=until).count()}


__all__ = ["DEFAULT_LIMIT", "MAX_LIMIT", "InsightCache", "Insights", "Page", "QueryError", "brief",
           "check_date", "check_dyad", "check_event_types", "check_freq", "check_outlet", "check_period",
           "check_story_type", "claims", "contradictions", "documents", "dyad_page", "dyads", "events",
           "index", "iter_events", "overview", "quotes", "rejections", "stories", "timeline"]
