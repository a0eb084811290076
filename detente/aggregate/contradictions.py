"""Where sources disagree, and what only one source says.

Contradictions (each with both sentences, articles and outlets):

- **date** — two articles date the same story event precisely (month or day, found in the text:
  not a "reported" publication date, not inferred) and the dates cannot both be true (their
  intervals do not overlap: "26 January" vs "27 January", "January" vs "February").
- **number** — two articles give a different number for the same measure: claims are grouped by
  (measure, unit) and compared when their subjects match (or one is unknown) and their dates
  fall in the same month (or one is undated); values differing by more than ``tolerance``
  (relative, default 5 %) contradict each other.
- **actor** — two story events agree on recipient, type, mode and (firm, overlapping) date, are
  told in similar words (evidence similarity ≥ ``ACTOR_SIMILARITY``), come from different
  articles, but name a different actor country.

Corroboration: a story event or claim reported by only one outlet is single-sourced; a claim is
corroborated when another outlet gives the same measure, unit and (within tolerance) value.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from itertools import combinations
from typing import Any

from detente.aggregate.dates import interval, overlaps, precision_of, prefix_in_range
from detente.aggregate.index import story_label
from detente.aggregate.merge import outlet_of, similarity
from detente.aggregate.timeline import timeline
from detente.dyad import Dyad
from detente.models import Article, Claim, Event, Evidence, Mention, StoryEvent

ACTOR_SIMILARITY = 50.0
DEFAULT_TOLERANCE = 0.05


@dataclass
class Side:
    """One source's version: the value it gives and the sentence it gives it in."""

    value: str
    doc_id: str
    outlet: str | None
    evidence: Evidence
    ref: str  # event_id or claim_id
    url: str | None = None
    source_path: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"value": self.value, "doc_id": self.doc_id, "outlet": self.outlet,
                "ref": self.ref, "url": self.url, "source_path": self.source_path,
                "evidence": self.evidence.to_dict()}


@dataclass
class Contradiction:
    kind: str  # date | number | actor
    about: str  # the story event label or the claim group ("tariff (percent) COL")
    story_id: str | None
    a: Side
    b: Side

    @property
    def contradiction_id(self) -> str:
        return f"{self.kind}-{self.a.ref}-{self.b.ref}"

    def to_dict(self) -> dict[str, Any]:
        return {"contradiction_id": self.contradiction_id, "kind": self.kind, "about": self.about,
                "story_id": self.story_id, "a": self.a.to_dict(), "b": self.b.to_dict()}


@dataclass
class Corroboration:
    kind: str  # event | claim
    ref: str  # story_id or claim_id
    label: str
    n_outlets: int
    outlets: list[str]
    single_sourced: bool
    evidence: Evidence
    doc_id: str

    def to_dict(self) -> dict[str, Any]:
        return {"kind": self.kind, "ref": self.ref, "label": self.label, "n_outlets": self.n_outlets,
                "outlets": list(self.outlets), "single_sourced": self.single_sourced,
                "doc_id": self.doc_id, "evidence": self.evidence.to_dict()}


def _mention_side(mention: Mention, value: str) -> Side:
    return Side(value=value, doc_id=mention.doc_id, outlet=mention.outlet, evidence=mention.evidence,
                ref=mention.event_id, url=mention.url, source_path=mention.source_path)


def _claim_side(claim: Claim, articles: dict[str, Article]) -> Side:
    article = articles.get(claim.doc_id)
    return Side(value=claim.text or f"{claim.value:g} {claim.unit}", doc_id=claim.doc_id,
                outlet=outlet_of(article) or claim.doc_id, evidence=claim.evidence, ref=claim.claim_id,
                url=article.url if article else None, source_path=article.source_path if article else None)


def _firm_date(mention: Mention, events: dict[str, Event]) -> tuple | None:
    """The mention's date as an interval if it is precise and found in the text, else None."""
    event = events.get(mention.event_id)
    value = event.date if event else mention.date
    declared = event.date_precision if event else None
    if event is not None and event.date_method in ("reported", "inferred"):
        return None
    if precision_of(value, declared) not in ("day", "month"):
        return None
    return interval(value, declared)


def date_contradictions(stories: list[StoryEvent], events: dict[str, Event] | None = None) -> list[Contradiction]:
    events = events or {}
    found = []
    for story in stories:
        seen = set()
        dated = [(m, _firm_date(m, events)) for m in story.mentions]
        dated = [(m, span) for m, span in dated if span is not None]
        for (ma, sa), (mb, sb) in combinations(dated, 2):
            if ma.doc_id == mb.doc_id or overlaps(sa, sb):
                continue
            key = (tuple(sorted((ma.doc_id, mb.doc_id))), tuple(sorted((ma.date or "", mb.date or ""))))
            if key in seen:
                continue
            seen.add(key)
            first, second = sorted([(ma, sa), (mb, sb)], key=lambda x: (x[1][0], x[0].event_id))
            found.append(Contradiction("date", story_label(story), story.story_id,
                                       _mention_side(first[0], first[0].date or ""),
                                       _mention_side(second[0], second[0].date or "")))
    return found


def _values_differ(a: float, b: float, tolerance: float) -> bool:
    return abs(a - b) > tolerance * max(abs(a), abs(b), 1e-12)


def _claims_comparable(a: Claim, b: Claim) -> bool:
    if a.subject and b.subject and a.subject != b.subject:
        return False
    if a.date and b.date and a.date[:7] != b.date[:7]:
        return False
    return True


def _claim_about(claim: Claim) -> str:
    return f"{claim.measure} ({claim.unit})" + (f" {claim.subject}" if claim.subject else "")


UNKNOWN_MEASURES = frozenset({"", "unknown"})


def number_contradictions(claims: list[Claim], articles: dict[str, Article] | None = None,
                          tolerance: float = DEFAULT_TOLERANCE) -> list[Contradiction]:
    articles = articles or {}
    groups: dict[tuple[str, str], list[Claim]] = defaultdict(list)
    for c in sorted(claims, key=lambda c: (c.doc_id, c.evidence.start, c.claim_id)):
        if c.measure.lower() in UNKNOWN_MEASURES:
            continue  # two numbers whose meaning is unknown cannot contradict each other
        groups[(c.measure.lower(), c.unit.lower())].append(c)
    found = []
    for members in groups.values():
        seen = set()
        for a, b in combinations(members, 2):
            if a.doc_id == b.doc_id or not _claims_comparable(a, b):
                continue
            if not _values_differ(float(a.value), float(b.value), tolerance):
                continue
            key = (tuple(sorted((a.doc_id, b.doc_id))), tuple(sorted((a.value, b.value))), a.subject or b.subject)
            if key in seen:
                continue
            seen.add(key)
            found.append(Contradiction("number", _claim_about(a), None,
                                       _claim_side(a, articles), _claim_side(b, articles)))
    return found


def _firm_span(story: StoryEvent):
    if story.date is None or story.date_earliest is None:
        return None
    if precision_of(story.date, story.date_precision) not in ("day", "month"):
        return None
    return interval(story.date, story.date_precision)


def actor_contradictions(stories: list[StoryEvent]) -> list[Contradiction]:
    found = []
    for a, b in combinations(stories, 2):
        if not (a.actor and b.actor and a.recipient and b.recipient):
            continue
        if not a.actor.country or not b.actor.country or a.actor.country == b.actor.country:
            continue
        if a.recipient.country != b.recipient.country or a.event_type != b.event_type or a.mode != b.mode:
            continue
        span_a, span_b = _firm_span(a), _firm_span(b)
        if span_a is None or span_b is None or not overlaps(span_a, span_b):
            continue
        if {m.doc_id for m in a.mentions} & {m.doc_id for m in b.mentions}:
            continue
        best = max(((similarity(ma.evidence.text, mb.evidence.text), ma, mb)
                    for ma in a.mentions for mb in b.mentions), key=lambda t: t[0], default=None)
        if best is None or best[0] < ACTOR_SIMILARITY:
            continue
        _, ma, mb = best
        found.append(Contradiction("actor", story_label(a), a.story_id,
                                   _mention_side(ma, a.actor.code or a.actor.country),
                                   _mention_side(mb, b.actor.code or b.actor.country)))
    return found


def claims_of(stories: list[StoryEvent], claims: list[Claim], since: str | None = None,
              until: str | None = None) -> list[Claim]:
    """The claims that go with a selection of story events: from the articles telling them,
    undated or dated inside since/until — what the CLI, the API and the briefing compare."""
    docs = {m.doc_id for s in stories for m in s.mentions}
    return [c for c in claims if c.doc_id in docs and (c.date is None or prefix_in_range(c.date, since, until))]


def find_contradictions(stories: list[StoryEvent], claims: list[Claim] | None = None,
                        articles: dict[str, Article] | None = None,
                        events: list[Event] | dict[str, Event] | None = None,
                        tolerance: float = DEFAULT_TOLERANCE) -> list[Contradiction]:
    """Every date, number and actor contradiction (see module doc).

    `events` (the coded events behind the stories) tell which mention dates are firm; without
    them every mention date is taken as found in the text.
    """
    if isinstance(events, list):
        events = {e.event_id: e for e in events}
    return (date_contradictions(stories, events) + number_contradictions(claims or [], articles, tolerance)
            + actor_contradictions(stories))


def contradictions_about(stories: list[StoryEvent], claims: list[Claim], articles: dict[str, Article],
                         events: dict[str, Event], dyad: Dyad | str | None = None, since: str | None = None,
                         until: str | None = None) -> list[Contradiction]:
    """Where sources disagree about a dyad in a period: the one definition the CLI, the API, the
    dashboard and the briefing share.

    Found among every story event and claim of the period (so a number a COL–VEN article gives
    on Colombia can contradict a USA–COL article's), then kept when it is on one of the dyad's
    story events or, for numbers, when one side comes from an article telling one of them.
    """
    period = timeline(stories, since=since, until=until) if (since or until) else list(stories)
    in_period = [c for c in claims if c.date is None or prefix_in_range(c.date, since, until)]
    found = find_contradictions(period, in_period, articles, events)
    if not dyad:
        return found
    mine = timeline(period, dyad=dyad)
    story_ids = {s.story_id for s in mine}
    event_ids = {m.event_id for s in mine for m in s.mentions}
    doc_ids = {m.doc_id for s in mine for m in s.mentions}
    return [c for c in found if c.story_id in story_ids or {c.a.ref, c.b.ref} & event_ids
            or (c.kind == "number" and {c.a.doc_id, c.b.doc_id} & doc_ids)]


def corroboration(stories: list[StoryEvent], claims: list[Claim] | None = None,
                  articles: dict[str, Article] | None = None,
                  tolerance: float = DEFAULT_TOLERANCE) -> list[Corroboration]:
    """How many outlets back each story event and claim; one outlet = single-sourced."""
    articles = articles or {}
    records = []
    for story in stories:
        outlets = sorted({m.outlet or m.doc_id for m in story.mentions})
        first = story.mentions[0]
        records.append(Corroboration("event", story.story_id, story_label(story), len(outlets), outlets,
                                     len(outlets) <= 1, first.evidence, first.doc_id))
    claims = claims or []
    for c in claims:
        outlets = {outlet_of(articles.get(c.doc_id)) or c.doc_id}
        for other in claims:
            if (other.measure.lower(), other.unit.lower()) != (c.measure.lower(), c.unit.lower()):
                continue
            if _claims_comparable(c, other) and not _values_differ(float(c.value), float(other.value), tolerance):
                outlets.add(outlet_of(articles.get(other.doc_id)) or other.doc_id)
        records.append(Corroboration("claim", c.claim_id, f"{_claim_about(c)}: {c.text}", len(outlets),
                                     sorted(outlets), len(outlets) <= 1, c.evidence, c.doc_id))
    return records


def single_sourced(stories: list[StoryEvent], claims: list[Claim] | None = None,
                   articles: dict[str, Article] | None = None) -> list[Corroboration]:
    return [r for r in corroboration(stories, claims, articles) if r.single_sourced]
