"""Merge the events of many articles into story events: one per real-world event.

Matching rule
-------------
Two events (from the same article or from different ones) are told about the same real-world
event — and end up in one story event — when all the hard conditions hold:

1. **Same directed dyad**: actor country → recipient country are equal (USA→COL never merges
   with COL→USA). Events with an unknown country on either side only merge on strong sentence
   similarity (see 4).
2. **Compatible type**: the same PLOVER type, or the same CAMEO root; and the mode is equal or
   one of them has none (SANCTION/tariff never merges with SANCTION/visa_ban).
3. **Compatible date** with every dated member of the story: the intervals the dates stand
   for overlap, day-precision dates widened by ``DAY_TOLERANCE`` days (sources disagree by a
   day or two; such disagreements are reported as contradictions, not split). A date found by
   the ``reported`` method (the article's publication date standing in for "recently") is
   only an upper bound: the event happened on or before it. Undated events fit any date.

and the evidence supports it:

4. **Date anchor or sentence similarity**: either both events have a date found in the text
   (not reported, not inferred) precise enough to pin the event down — month or day for a
   material act (quad class 2/4: a tariff, a visa ban, an aid cut), day only for a statement
   (quad class 1/3: leaders make many statements a month) — or the evidence sentences are
   similar enough: ``similarity()`` combines rapidfuzz ``token_set_ratio`` with the share of
   key words and numbers (not years or month names: dates are rule 3's job) the two sentences
   have in common; the threshold is lower when both events are the same material act (same
   mode) and higher for statements. Two mentions of an act in one article get a small bonus.

An event that fits several stories joins the one it is most similar to (the tie-breaker), so
the result does not depend on input order: events are processed from the most precisely dated
to the least, then by event_id.

Canonical values of a story event: the most frequent actor/recipient code (ties: the most
specific code — one with a sector — then alphabetical), type, mode and CAMEO root; the
confidence-weighted mean intensity; the most precise non-reported date (most frequent value at
that precision), with ``date_earliest``/``date_latest`` spanning every member's interval. When
only reported dates are known, ``date`` is the tightest upper bound and ``date_earliest`` is null
("on or before"). Confidence rises with corroboration: noisy-OR over the best confidence of
each article, capped at 0.99. ``story_id`` is a hash of the sorted member event_ids.
"""

from __future__ import annotations

import hashlib
import math
import re
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from pathlib import Path

from rapidfuzz import fuzz

from detente.aggregate.dates import (
    PRECISION_RANK,
    PUBLICATION_METHODS,
    interval,
    precision_of,
    widen,
)
from detente.dyad import countries_of
from detente.models import Actor, Article, Event, Mention, StoryEvent

DAY_TOLERANCE = 3  # days either side of a day-precision date when matching
SIMILARITY_THRESHOLD = 55.0  # evidence similarity needed without a date anchor (acts)
STATEMENT_THRESHOLD = 75.0  # … for statements (verbal quad 1/3), which share actors and verbs
SAME_MODE_THRESHOLD = 35.0  # … when both events carry the same specific mode
SAME_ARTICLE_BONUS = 10.0
UNKNOWN_DYAD_THRESHOLD = 80.0  # evidence similarity needed when a country is unknown
MAX_CONFIDENCE = 0.99

STOPWORDS = frozenset(
    """a about above after again against all also am an and any are as at be because been before
    being below between both but by can could did do does doing down during each few for from
    further had has have having he her here hers him his how i if in into is it its itself just
    last me more most my no nor not now of off on once only or other our ours out over own same
    she should so some such than that the their theirs them then there these they this those
    through to too under until up very was we were what when where which while who whom why will
    with would you your said says say told according new first year years month months week
    weeks day days today yesterday earlier later recent recently january february march april may
    june july august september october november december monday tuesday wednesday thursday
    friday saturday sunday""".split()
)
_WORD = re.compile(r"[^\W_]+(?:[.,][0-9]+)*", re.UNICODE)


def outlet_of(article: Article | None, url: str | None = None) -> str | None:
    """The outlet an article counts as: its outlet, else its URL's host (normalised as clean
    does), else none — a file path is never an outlet (sources are then told apart by document)."""
    return _outlet(article.outlet if article else None, article.url if article else None, url)


@lru_cache(maxsize=1 << 14)
def _outlet(outlet: str | None, article_url: str | None, url: str | None) -> str | None:
    """`outlet_of`, remembered: every mention of an article asks it again."""
    from detente.clean.outlets import host_of, looks_like_path

    if outlet and not looks_like_path(outlet):
        return outlet
    for candidate in (article_url, url):
        if candidate and not looks_like_path(candidate):
            host = host_of(candidate)
            if host:
                return host
    return None


def key_terms(text: str) -> set[str]:
    """Content words (lower case, no stop words, crude plural folding) and numbers."""
    terms = set()
    for token in _WORD.findall(text.lower()):
        if token[0].isdigit():
            if not (len(token) == 4 and token[:2] in ("19", "20")):  # years: the date rule's job
                terms.add(token.replace(",", ""))
        elif len(token) > 2 and token not in STOPWORDS:
            terms.add(token[:-1] if token.endswith("s") and len(token) > 4 else token)
    return terms


def numbers_in(text: str) -> set[str]:
    return {t for t in key_terms(text) if t[0].isdigit()}


@lru_cache(maxsize=1 << 15)
def _terms(text: str) -> tuple[frozenset[str], frozenset[str]]:
    """(key terms, numbers) of an evidence sentence: the same sentences are compared many times."""
    terms = frozenset(key_terms(text))
    return terms, frozenset(t for t in terms if t[0].isdigit())


def similarity(a: str, b: str) -> float:
    """Evidence similarity 0–100: half token_set_ratio, half shared key terms; numbers that
    disagree (both sentences have numbers, none in common) cost 20 points."""
    if not a or not b:
        return 0.0
    ratio = fuzz.token_set_ratio(a.lower(), b.lower())
    (terms_a, nums_a), (terms_b, nums_b) = _terms(a), _terms(b)
    shared = len(terms_a & terms_b) / max(1, min(len(terms_a), len(terms_b)))
    score = 0.5 * ratio + 50.0 * shared
    if nums_a and nums_b and not nums_a & nums_b:
        score -= 20.0
    return max(0.0, min(100.0, score))


@lru_cache(maxsize=1 << 18)
def _pair_similarity(a: str, b: str) -> float:
    """`similarity`, remembered: a syndicated story's copies bring the same sentence pairs again."""
    return similarity(a, b)


@dataclass
class _When:
    """An event's date as a matching interval; `anchor` = precise enough to pin the event."""

    span: tuple[date | None, date | None] | None  # None: undated
    raw: tuple[date, date] | None
    anchor: bool
    strength: int  # sort key: higher is more precise
    day: bool = False

    @classmethod
    def of(cls, event: Event) -> _When:
        raw = interval(event.date, event.date_precision)
        if event.date_earliest and event.date_latest and event.date_method not in PUBLICATION_METHODS:
            raw = (date.fromisoformat(event.date_earliest[:10]), date.fromisoformat(event.date_latest[:10]))  # a range
        if raw is None:
            return cls(None, None, False, 0)
        precision = precision_of(event.date, event.date_precision)
        if event.date_method in PUBLICATION_METHODS:
            return cls((None, raw[1]), raw, False, 1)
        span = widen(raw, DAY_TOLERANCE) if precision == "day" else raw
        anchor = precision in ("day", "month") and event.date_method != "inferred"
        rank = PRECISION_RANK.get(precision or "", 0)
        return cls(span, raw, anchor, 2 + rank + (3 if anchor else 0), precision == "day")


@dataclass
class _Cluster:
    """A story in the making, with what matching needs kept up to date as members join:
    the date window every dated member allows, whether a member anchors it, and the
    distinct evidence sentences (a story retold by many copies of a wire has one)."""

    dyad: tuple[str | None, str | None]
    members: list[tuple[Event, _When]] = field(default_factory=list)
    order: int = 0  # creation order: the tie-breaker between equally good clusters
    latest_start: date | None = None  # max start over dated members (None: none bounded)
    earliest_end: date | None = None  # min end over dated members
    anchor_any: bool = False  # a dated member that is an anchor
    anchor_day: bool = False  # … at day precision
    evidence: dict[str, set[str]] = field(default_factory=dict)  # evidence text → its members' doc_ids

    @property
    def event_type(self) -> str:
        return self.members[0][0].event_type

    @property
    def cameo_root(self) -> str:
        return self.members[0][0].cameo_root

    mode: str | None = None  # the first member's mode that has one

    def add(self, event: Event, when: _When) -> None:
        self.members.append((event, when))
        if self.mode is None and event.mode:
            self.mode = event.mode
        self.evidence.setdefault(event.evidence.text, set()).add(event.doc_id)
        if when.span is None:
            return
        start, end = when.span
        if start is not None and (self.latest_start is None or start > self.latest_start):
            self.latest_start = start
        if end is not None and (self.earliest_end is None or end < self.earliest_end):
            self.earliest_end = end
        if when.anchor:
            self.anchor_any = True
            self.anchor_day = self.anchor_day or when.day

    def fits_dates(self, when: _When) -> bool:
        """Whether `when` overlaps every dated member (the same test as one `overlaps` per member)."""
        if when.span is None:
            return True
        start, end = when.span
        if start is not None and self.earliest_end is not None and start > self.earliest_end:
            return False
        return not (end is not None and self.latest_start is not None and self.latest_start > end)


def _type_compatible(event: Event, cluster: _Cluster) -> bool:
    same_type = event.event_type == cluster.event_type
    same_root = bool(event.cameo_root) and event.cameo_root == cluster.cameo_root
    if not (same_type or same_root):
        return False
    return event.mode is None or cluster.mode is None or event.mode == cluster.mode


def _material(event: Event) -> bool:
    """Material acts (quad 2/4: tariffs, visa bans, aid) are retold; statements are many."""
    return event.quad_class in (2, 4)


def _match_score(event: Event, when: _When, cluster: _Cluster) -> float | None:
    """None if the event cannot join the cluster, else how well it fits (higher is better)."""
    if countries_of(event) != cluster.dyad or not _type_compatible(event, cluster):
        return None
    if not cluster.fits_dates(when):
        return None
    # A statement (verbal quad 1/3) is pinned only by a day; an act by a month.
    anchored = when.span is not None and when.anchor and (
        (cluster.anchor_any and _material(event)) or (when.day and cluster.anchor_day))
    best = 0.0
    for text, doc_ids in cluster.evidence.items():
        sim = _pair_similarity(event.evidence.text, text)
        if event.doc_id in doc_ids and _material(event):
            sim += SAME_ARTICLE_BONUS
        best = max(best, sim)
    if None in cluster.dyad:
        return best if best >= UNKNOWN_DYAD_THRESHOLD else None
    if anchored:
        return 100.0 + best
    same_mode = event.mode is not None and event.mode == cluster.mode and _material(event)
    if same_mode:
        threshold = SAME_MODE_THRESHOLD
    else:
        threshold = SIMILARITY_THRESHOLD if _material(event) else STATEMENT_THRESHOLD
    return best if best >= threshold else None


def _most_common(values: Iterable, key=None):
    counts = Counter(v for v in values if v is not None)
    if not counts:
        return None
    return sorted(counts.items(), key=lambda kv: (-kv[1], *(key(kv[0]) if key else (str(kv[0]),))))[0][0]


def _canonical_actor(actors: list[Actor | None]) -> Actor | None:
    present = [a for a in actors if a is not None]
    if not present:
        return None
    code = _most_common(
        (a.code or a.country or "" for a in present),
        key=lambda c: (-int(any(a.sector for a in present if (a.code or a.country or "") == c)), -len(c), c),
    )
    same = [a for a in present if (a.code or a.country or "") == code]
    text = _most_common(a.text for a in same) or same[0].text
    first = next(a for a in same if a.text == text)
    return Actor(text=text, code=first.code, country=first.country, sector=first.sector, name=first.name)


def _story_date(members: list[tuple[Event, _When]]) -> tuple[str | None, str | None, str | None, str | None]:
    """(date, precision, earliest, latest) — see the module docstring."""
    firm = [(e, w) for e, w in members if w.raw is not None and e.date_method not in PUBLICATION_METHODS]
    reported = [(e, w) for e, w in members if w.raw is not None and e.date_method in PUBLICATION_METHODS]
    if firm:
        best_rank = max(PRECISION_RANK.get(precision_of(e.date, e.date_precision) or "", 0) for e, _ in firm)
        best = [e for e, _ in firm if PRECISION_RANK.get(precision_of(e.date, e.date_precision) or "", 0) == best_rank]
        # Prefer explicit dates over inferred ones at the same precision.
        explicit = [e for e in best if e.date_method != "inferred"] or best
        value = _most_common((e.date for e in explicit), key=lambda d: (d,))
        precision = precision_of(value, None)
        earliest = min(w.raw[0] for _, w in firm).isoformat()
        latest = max(w.raw[1] for _, w in firm).isoformat()
        return value, precision, earliest, latest
    if reported:
        event, when = min(reported, key=lambda ew: (ew[1].raw[1], ew[0].event_id))
        return event.date, precision_of(event.date, event.date_precision), None, when.raw[1].isoformat()
    return None, None, None, None


def story_id_for(event_ids: Iterable[str]) -> str:
    return hashlib.sha1("\n".join(sorted(event_ids)).encode("utf-8")).hexdigest()[:16]


def _build_story(cluster: _Cluster, articles: dict[str, Article]) -> StoryEvent:
    events = [e for e, _ in cluster.members]
    mentions = []
    for event in sorted(events, key=lambda e: (e.doc_id, e.evidence.start, e.event_id)):
        article = articles.get(event.doc_id)
        mentions.append(Mention(
            event_id=event.event_id, doc_id=event.doc_id,
            source_path=event.source_path or (article.source_path if article else None),
            outlet=outlet_of(article, event.url),
            evidence=event.evidence, date=event.date,
            url=event.url or (article.url if article else None),
        ))
    best_per_doc: dict[str, float] = defaultdict(float)
    for event in events:
        best_per_doc[event.doc_id] = max(best_per_doc[event.doc_id], float(event.confidence))
    confidence = 1.0 - math.prod(1.0 - min(c, MAX_CONFIDENCE) for c in best_per_doc.values())
    weights = [max(float(e.confidence), 1e-6) for e in events]
    intensity = sum(w * float(e.intensity) for w, e in zip(weights, events, strict=True)) / sum(weights)
    event_type = _most_common(e.event_type for e in events)
    of_type = [e for e in events if e.event_type == event_type]
    cameo_root = _most_common(e.cameo_root for e in of_type if e.cameo_root) or of_type[0].cameo_root
    quad = _most_common(e.quad_class for e in of_type) or of_type[0].quad_class
    value, precision, earliest, latest = _story_date(cluster.members)
    return StoryEvent(
        story_id=story_id_for(e.event_id for e in events),
        actor=_canonical_actor([e.actor for e in events]),
        recipient=_canonical_actor([e.recipient for e in events]),
        event_type=event_type, cameo_root=cameo_root, quad_class=int(quad),
        intensity=round(intensity, 2), mode=_most_common(e.mode for e in events),
        date=value, date_precision=precision, date_earliest=earliest, date_latest=latest,
        n_mentions=len(mentions), n_articles=len({m.doc_id for m in mentions}),
        n_outlets=len({m.outlet or m.doc_id for m in mentions}),
        confidence=round(min(confidence, MAX_CONFIDENCE), 3), mentions=mentions,
        background=all(e.background for e in events),
    )


def story_sort_key(story: StoryEvent) -> tuple:
    """Date order with undated stories last; ties by story_id for a stable order."""
    return (story.date is None, story.date or "", story.story_id)


def _rule_version() -> str:
    """A hash of the merge and date rules' source: stories stored by another version are stale."""
    digest = hashlib.sha1()
    for module in (Path(__file__), Path(__file__).with_name("dates.py")):
        digest.update(module.read_bytes())
    return digest.hexdigest()[:12]


RULE_VERSION = _rule_version()


def candidate_labels(event: Event) -> tuple[str, ...]:
    """What links an event to the stories it can join inside its dyad: its type and CAMEO root."""
    return (f"type:{event.event_type}",) + ((f"root:{event.cameo_root}",) if event.cameo_root else ())


def partition_keys(pairs: Iterable[tuple[tuple[str | None, str | None], tuple[str, ...]]]
                   ) -> dict[tuple[tuple[str | None, str | None], str], tuple]:
    """(dyad, label) → its partition's key, for (dyad, `candidate_labels`) pairs: labels that
    occur on one event are in one partition (union-find); the key is the dyad and the
    partition's smallest label."""
    parent: dict[tuple, tuple] = {}

    def find(node: tuple) -> tuple:
        while parent[node] != node:
            parent[node] = parent[parent[node]]
            node = parent[node]
        return node

    for dyad, labels in pairs:
        nodes = [(dyad, label) for label in labels]
        for node in nodes:
            parent.setdefault(node, node)
        for node in nodes[1:]:
            a, b = find(nodes[0]), find(node)
            if a != b:
                parent[max(a, b, key=_node_order)] = min(a, b, key=_node_order)
    return {node: find(node) for node in parent}


def _node_order(node: tuple) -> tuple:
    (actor, recipient), label = node
    return (actor or "", recipient or "", label)


def merge_events(events: list[Event], articles: dict[str, Article] | None = None) -> list[StoryEvent]:
    """Group events telling the same real-world event into story events (rule: module docstring).

    Returns the story events in date order (undated last).
    """
    articles = articles or {}
    unique = {e.event_id: e for e in events}
    prepared = [(e, _When.of(e)) for e in unique.values()]
    prepared.sort(key=lambda ew: (-ew[1].strength, ew[0].date or "", ew[0].event_id))
    # candidates are found by dyad and by type or CAMEO root (the only clusters an event can
    # join), then by date window (`fits_dates`), before any sentence is compared
    clusters: list[_Cluster] = []
    by_type: dict[tuple, list[_Cluster]] = defaultdict(list)
    by_root: dict[tuple, list[_Cluster]] = defaultdict(list)
    for event, when in prepared:
        dyad = countries_of(event)
        candidates = by_type.get((dyad, event.event_type), [])
        if event.cameo_root:
            same_root = by_root.get((dyad, event.cameo_root), [])
            if same_root:
                seen = {c.order for c in candidates}
                candidates = sorted(candidates + [c for c in same_root if c.order not in seen], key=lambda c: c.order)
        best, best_score = None, None
        for cluster in candidates:
            score = _match_score(event, when, cluster)
            if score is not None and (best_score is None or score > best_score):
                best, best_score = cluster, score
        if best is None:
            best = _Cluster(dyad=dyad, order=len(clusters))
            clusters.append(best)
            by_type[dyad, event.event_type].append(best)
            if event.cameo_root:
                by_root[dyad, event.cameo_root].append(best)
        best.add(event, when)
    _pair_similarity.cache_clear()  # the cache serves one merge, not the process's lifetime
    stories = [_build_story(c, articles) for c in clusters]
    return sorted(stories, key=story_sort_key)
