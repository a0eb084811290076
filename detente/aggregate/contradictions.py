"""Where sources disagree, and what only one source says.

One disagreement is one `Contradiction`, however many sources take part: its positions (each
answer given: "20 %", "25 %") each list every source giving it, with the sentence, article and
outlet — a reader sees "20 % (three outlets) vs 25 % (one)", not one row per pair of articles.

- **date** — articles date the same story event precisely (month or day, found in the text:
  not a "reported" publication date, not inferred) and two of the dates cannot both be true
  (their intervals do not overlap: "26 January" vs "27 January", "January" vs "February").
- **number** — articles give different numbers for the same thing: claims are grouped by what
  they measure (measure, unit, and whether the number is the whole or a part of it: "trade
  reached $4.5 billion" vs "tariffs cover $320 million of trade" are not compared; cue words
  in `data/measures.yaml`), by subject and by month (an unknown subject or an undated claim
  joins the groups it fits); values more than ``tolerance`` apart (relative, default 5 %)
  are different positions, and a group with two positions from different articles is a
  contradiction.
- **actor** — story events agree on recipient, type, mode and (firm, overlapping) date, are
  told in similar words (evidence similarity ≥ ``ACTOR_SIMILARITY``), come from different
  articles, but name a different actor country.

Corroboration: a story event or claim reported by only one outlet is single-sourced; a claim is
corroborated when another outlet gives the same measure, unit and (within tolerance) value.
"""

from __future__ import annotations

import hashlib
import re
from bisect import bisect_left, bisect_right
from collections import defaultdict
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from detente.aggregate.dates import (
    PUBLICATION_METHODS,
    interval,
    overlaps,
    precision_of,
    prefix_in_range,
)
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
class Position:
    """One answer to the disputed question and every source that gives it ("20 %": Reuters, AP)."""

    value: str
    sources: list[Side]

    @property
    def outlets(self) -> list[str]:
        return sorted({s.outlet or s.doc_id for s in self.sources})

    def to_dict(self) -> dict[str, Any]:
        return {"value": self.value, "n_sources": len(self.sources), "outlets": self.outlets,
                "sources": [s.to_dict() for s in self.sources]}


@dataclass
class Contradiction:
    """One disagreement: the question (`about`), each answer given (`positions`, in order: the
    lowest number, the earliest date) and every source behind each answer."""

    kind: str  # date | number | actor
    about: str  # the story event label or the claim group ("tariff (percent) COL")
    story_id: str | None
    positions: list[Position]

    @property
    def sides(self) -> list[Side]:
        """Every source, position by position."""
        return [s for p in self.positions for s in p.sources]

    @property
    def a(self) -> Side:
        """The first source of the first position (one end of the disagreement)."""
        return self.positions[0].sources[0]

    @property
    def b(self) -> Side:
        """The first source of the last position (the other end)."""
        return self.positions[-1].sources[0]

    @property
    def contradiction_id(self) -> str:
        refs = "|".join(sorted(s.ref for s in self.sides))
        return f"{self.kind}-{hashlib.sha1(refs.encode()).hexdigest()[:12]}"

    def to_dict(self) -> dict[str, Any]:
        sides = self.sides
        return {"contradiction_id": self.contradiction_id, "kind": self.kind, "about": self.about,
                "story_id": self.story_id, "values": [p.value for p in self.positions],
                "n_sources": len(sides), "n_outlets": len({s.outlet or s.doc_id for s in sides}),
                "positions": [p.to_dict() for p in self.positions],
                "a": self.a.to_dict(), "b": self.b.to_dict()}


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
    if event is not None and (event.date_method in PUBLICATION_METHODS or event.date_method == "inferred"):
        return None
    if precision_of(value, declared) not in ("day", "month"):
        return None
    return interval(value, declared)


def date_contradictions(stories: list[StoryEvent], events: dict[str, Event] | None = None) -> list[Contradiction]:
    """One contradiction per story event whose articles give dates that cannot all be true,
    with every firmly dated mention, one position per date given."""
    events = events or {}
    found = []
    for story in stories:
        dated = [(m, _firm_date(m, events)) for m in story.mentions]
        dated = [(m, span) for m, span in dated if span is not None]
        if not _apart_across_docs(dated, lambda x: x[0].doc_id, lambda x: x[1][0], lambda x: x[1][1],
                                  lambda late, early: late[1][0] > early[1][1]):
            continue  # every two firm dates of different articles overlap
        by_value: dict[str, list[tuple[Mention, tuple]]] = defaultdict(list)
        for m, span in dated:
            by_value[m.date or ""].append((m, span))
        ordered = sorted(by_value.items(), key=lambda kv: (kv[1][0][1][0], kv[1][0][1][1], kv[0]))
        positions = [Position(value, [_mention_side(m, value) for m, _ in _one_per_doc(members)])
                     for value, members in ordered]
        found.append(Contradiction("date", story_label(story), story.story_id, positions))
    return found


def _apart_across_docs(items: list, doc: Callable, high: Callable, low: Callable,
                       apart: Callable[[Any, Any], bool]) -> bool:
    """Whether two items of different articles are `apart(x, y)`, x the higher: a test that
    holds still when x's `high` rises or y's `low` falls (a later start, an earlier end; a
    larger value, a smaller one), so only two pairs need it — the highest item with the lowest
    of another article, the lowest with the highest of another — not every pair."""
    if len(items) < 2:
        return False
    top, bottom = max(items, key=high), min(items, key=low)
    below_top = [y for y in items if doc(y) != doc(top)]
    above_bottom = [x for x in items if doc(x) != doc(bottom)]
    return bool((below_top and apart(top, min(below_top, key=low)))
                or (above_bottom and apart(max(above_bottom, key=high), bottom)))


def _one_per_doc(members: list) -> list:
    """A source counted once per article (an article repeating a date is one source)."""
    seen, kept = set(), []
    for member in sorted(members, key=lambda x: (x[0].doc_id, x[0].evidence.start, x[0].event_id)):
        if member[0].doc_id not in seen:
            seen.add(member[0].doc_id)
            kept.append(member)
    return kept


def _value(claim: Claim) -> float:
    return float(claim.value)


def _values_differ(a: float, b: float, tolerance: float) -> bool:
    return abs(a - b) > tolerance * max(abs(a), abs(b), 1e-12)


def _within(values: list[float], value: float, tolerance: float) -> tuple[int, int]:
    """The slice of sorted `values` that can lie within `tolerance` of `value` (a superset:
    |a - b| <= t·max(|a|, |b|) gives |b| <= |a| / (1 - t), so |a - b| <= t·|a| / (1 - t))."""
    if tolerance >= 1:
        return 0, len(values)
    reach = tolerance * max(abs(value), 1e-12) / (1 - tolerance) * (1 + 1e-9) + 1e-12
    return bisect_left(values, value - reach), bisect_right(values, value + reach)


def _claims_comparable(a: Claim, b: Claim) -> bool:
    if a.subject and b.subject and a.subject != b.subject:
        return False
    if a.date and b.date and a.date[:7] != b.date[:7]:
        return False
    return True


MEASURES_FILE = Path(__file__).resolve().parents[1] / "data" / "measures.yaml"


@lru_cache(maxsize=1)
def _part_cues() -> tuple[int, tuple[tuple[str, ...], ...]]:
    data = yaml.safe_load(MEASURES_FILE.read_text(encoding="utf-8"))
    return int(data.get("window", 4)), tuple(tuple(cue.lower().split()) for cue in data.get("part", []))


WORD = re.compile(r"[\w'-]+")


def number_window(claim: Claim) -> tuple[list[str], list[str]] | None:
    """The lower-cased words just before and just after the claim's number in its sentence
    (`window` of each, `data/measures.yaml`), or None when the number is not found in it."""
    window, _ = _part_cues()
    text = claim.evidence.text
    at = text.find(claim.text) if claim.text else -1
    if at < 0:
        return None
    before = [w.lower() for w in WORD.findall(text[:at])][-window:]
    after = [w.lower() for w in WORD.findall(text[at + len(claim.text):])][:window]
    return before, after


def scope_of(claim: Claim) -> str:
    """"part" when the sentence says the number is a part of its measure ("tariffs cover $320
    million of trade"), else "whole" — cue words in `data/measures.yaml`."""
    words = number_window(claim)
    if words is None:
        return "whole"
    # words hold no space, so a cue is a run of the window's words when " cue " is in " words "
    lines = [f" {' '.join(side)} " for side in words]
    return "part" if any(f" {' '.join(cue)} " in line for line in lines for cue in _part_cues()[1]) else "whole"


def measure_key(claim: Claim) -> tuple[str, str, str]:
    """What a claim measures: (measure, unit, scope). Two claims are compared only when these agree."""
    return claim.measure.lower(), claim.unit.lower(), scope_of(claim)


def _claim_about(claim: Claim, subject: str | None = None) -> str:
    part = ", a part of it" if scope_of(claim) == "part" else ""
    subject = subject or claim.subject
    return f"{claim.measure} ({claim.unit}{part})" + (f" {subject}" if subject else "")


UNKNOWN_MEASURES = frozenset({"", "unknown"})


def _specific(key: tuple[str | None, str | None], other: tuple[str | None, str | None]) -> bool:
    """`other` says at least as much as `key` and agrees with it."""
    return all(k is None or k == o for k, o in zip(key, other, strict=True))


def _claim_groups(claims: list[Claim]) -> list[list[Claim]]:
    """Claims about the same thing at the same time: same (measure, unit, scope), and the same
    subject and month, a claim that leaves one of them unknown joining every group it fits."""
    buckets: dict[tuple[str, str, str], list[Claim]] = defaultdict(list)
    for c in sorted(claims, key=lambda c: (c.doc_id, c.evidence.start, c.claim_id)):
        if c.measure.lower() in UNKNOWN_MEASURES:
            continue  # two numbers whose meaning is unknown cannot contradict each other
        buckets[measure_key(c)].append(c)
    groups: list[list[Claim]] = []
    seen: set[frozenset[str]] = set()
    for members in buckets.values():
        keys = {(c.subject, c.date[:7] if c.date else None) for c in members}
        maximal = [k for k in keys if not any(o != k and _specific(k, o) for o in keys)]
        for key in sorted(maximal, key=lambda k: (k[0] or "", k[1] or "")):
            group = [c for c in members if _specific((c.subject, c.date[:7] if c.date else None), key)
                     or _specific(key, (c.subject, c.date[:7] if c.date else None))]
            ids = frozenset(c.claim_id for c in group)
            if ids not in seen:
                seen.add(ids)
                groups.append(group)
    members_of = [frozenset(map(id, g)) for g in groups]
    return [g for g, mine in zip(groups, members_of, strict=True)
            if not any(mine < other for other in members_of)]


def _number_positions(group: list[Claim], articles: dict[str, Article], tolerance: float) -> list[Position]:
    """The group's values, those within `tolerance` of the smallest value of their answer counted
    as one answer (not of their neighbour: a chain of close values would join two values the
    contradiction holds apart into one answer)."""
    ordered = sorted(group, key=lambda c: (float(c.value), c.doc_id, c.claim_id))
    clusters: list[list[Claim]] = []
    for c in ordered:
        if clusters and not _values_differ(float(clusters[-1][0].value), float(c.value), tolerance):
            clusters[-1].append(c)
        else:
            clusters.append([c])
    positions = []
    for cluster in clusters:
        sides, seen = [], set()
        for c in sorted(cluster, key=lambda c: (c.doc_id, c.evidence.start, c.claim_id)):
            if (c.doc_id, c.value) not in seen:
                seen.add((c.doc_id, c.value))
                sides.append(_claim_side(c, articles))
        positions.append(Position(sides[0].value, sides))
    return positions


def number_contradictions(claims: list[Claim], articles: dict[str, Article] | None = None,
                          tolerance: float = DEFAULT_TOLERANCE) -> list[Contradiction]:
    """One contradiction per group of claims measuring the same thing (`_claim_groups`) in
    which two articles give values more than `tolerance` apart, with every source."""
    articles = articles or {}
    found = []
    for group in _claim_groups(claims):
        if not _apart_across_docs(group, lambda c: c.doc_id, _value, _value,
                                  lambda high, low: _values_differ(_value(high), _value(low), tolerance)):
            continue
        subjects = {c.subject for c in group if c.subject}
        about = _claim_about(group[0], next(iter(subjects)) if len(subjects) == 1 else None)
        found.append(Contradiction("number", about, None, _number_positions(group, articles, tolerance)))
    return found


def _firm_span(story: StoryEvent):
    if story.date is None or story.date_earliest is None:
        return None
    if precision_of(story.date, story.date_precision) not in ("day", "month"):
        return None
    return interval(story.date, story.date_precision)


def _actors_disagree(a: StoryEvent, b: StoryEvent) -> bool:
    """The same act (recipient, type, mode, firm overlapping date), told in similar words by
    different articles, with a different actor country."""
    if not (a.actor and b.actor and a.recipient and b.recipient):
        return False
    if not a.actor.country or not b.actor.country or a.actor.country == b.actor.country:
        return False
    if a.recipient.country != b.recipient.country or a.event_type != b.event_type or a.mode != b.mode:
        return False
    span_a, span_b = _firm_span(a), _firm_span(b)
    if span_a is None or span_b is None or not overlaps(span_a, span_b):
        return False
    if {m.doc_id for m in a.mentions} & {m.doc_id for m in b.mentions}:
        return False
    return max((similarity(ma.evidence.text, mb.evidence.text) for ma in a.mentions for mb in b.mentions),
               default=0.0) >= ACTOR_SIMILARITY


def _same_act_candidates(stories: list[StoryEvent]) -> Iterator[tuple[int, int]]:
    """The pairs (i < j) `_actors_disagree` can accept: same recipient country, type and mode,
    both with an actor country and firm dates that overlap — by bucket, then a sweep over the
    dates in order, instead of every pair of story events (25,000 stories: 300 million pairs)."""
    buckets: dict[tuple, list[tuple]] = defaultdict(list)
    for i, story in enumerate(stories):
        if not (story.actor and story.actor.country and story.recipient):
            continue
        span = _firm_span(story)
        if span is not None:
            buckets[(story.recipient.country, story.event_type, story.mode)].append((span[0], span[1], i))
    for members in buckets.values():
        members.sort()
        for k, (_, end, i) in enumerate(members):
            for start, _, j in members[k + 1:]:
                if start > end:
                    break  # sorted by start: no later member overlaps this one
                yield min(i, j), max(i, j)


def actor_contradictions(stories: list[StoryEvent]) -> list[Contradiction]:
    """Story events that are one act told with different actors, joined (A~B, B~C: one
    contradiction), one position per actor with every mention naming it."""
    parent = list(range(len(stories)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    linked: set[int] = set()
    for i, j in _same_act_candidates(stories):
        if _actors_disagree(stories[i], stories[j]):
            parent[root(j)] = root(i)
            linked.update((i, j))
    groups: dict[int, list[StoryEvent]] = defaultdict(list)
    for i in sorted(linked):
        groups[root(i)].append(stories[i])
    found = []
    for members in groups.values():
        by_actor: dict[str, list[Mention]] = defaultdict(list)
        for story in members:
            value = story.actor.code or story.actor.country if story.actor else "?"
            by_actor[value or "?"].extend(story.mentions)
        positions = [Position(value, [_mention_side(m, value) for m, in _one_per_doc([(m,) for m in mentions])])
                     for value, mentions in sorted(by_actor.items())]
        found.append(Contradiction("actor", story_label(members[0]), members[0].story_id, positions))
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
    return [c for c in found if c.story_id in story_ids or {s.ref for s in c.sides} & event_ids
            or (c.kind == "number" and {s.doc_id for s in c.sides} & doc_ids)]


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
    keys = [measure_key(c) for c in claims]
    by_key: dict[tuple[str, str, str], list[tuple[float, int]]] = defaultdict(list)
    for n, (c, key) in enumerate(zip(claims, keys, strict=True)):
        by_key[key].append((float(c.value), n))
    for members in by_key.values():
        members.sort()
    values_of = {key: [v for v, _ in members] for key, members in by_key.items()}
    for c, key in zip(claims, keys, strict=True):
        outlets = {outlet_of(articles.get(c.doc_id)) or c.doc_id}
        members, values = by_key[key], values_of[key]
        lo, hi = _within(values, float(c.value), tolerance)
        for value, n in members[lo:hi]:
            other = claims[n]
            if _claims_comparable(c, other) and not _values_differ(float(c.value), value, tolerance):
                outlets.add(outlet_of(articles.get(other.doc_id)) or other.doc_id)
        records.append(Corroboration("claim", c.claim_id, f"{_claim_about(c)}: {c.text}", len(outlets),
                                     sorted(outlets), len(outlets) <= 1, c.evidence, c.doc_id))
    return records


def single_sourced(stories: list[StoryEvent], claims: list[Claim] | None = None,
                   articles: dict[str, Article] | None = None) -> list[Corroboration]:
    return [r for r in corroboration(stories, claims, articles) if r.single_sourced]
