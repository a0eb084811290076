"""Merging with an index (candidates by dyad, type and date window) gives the stories that
comparing every event with every story of its dyad gives."""

from __future__ import annotations

from collections import defaultdict

from builders import drawn_event
from hypothesis import given, settings
from hypothesis import strategies as st

from detente.aggregate.dates import overlaps
from detente.aggregate.merge import (
    SAME_ARTICLE_BONUS,
    SAME_MODE_THRESHOLD,
    SIMILARITY_THRESHOLD,
    STATEMENT_THRESHOLD,
    UNKNOWN_DYAD_THRESHOLD,
    _build_story,
    _Cluster,
    _material,
    _When,
    merge_events,
    similarity,
    story_sort_key,
)
from detente.dyad import countries_of
from detente.models import Event


@st.composite
def events(draw) -> list[Event]:
    return [drawn_event(draw, f"e{i:03d}", f"d{draw(st.integers(0, 4))}", "x") for i in range(draw(st.integers(1, 40)))]


def _mode(cluster: _Cluster) -> str | None:
    return next((e.mode for e, _ in cluster.members if e.mode), None)


def _score_every_member(event: Event, when: _When, cluster: _Cluster) -> float | None:
    """The matching rule as it was written before the index: one comparison per member."""
    if countries_of(event) != cluster.dyad:
        return None
    if not (event.event_type == cluster.event_type or (event.cameo_root and event.cameo_root == cluster.cameo_root)):
        return None
    if not (event.mode is None or _mode(cluster) is None or event.mode == _mode(cluster)):
        return None
    anchored = False
    for _other, other_when in cluster.members:
        if when.span is not None and other_when.span is not None:
            if not overlaps(when.span, other_when.span):
                return None
            if when.anchor and other_when.anchor:
                anchored = anchored or _material(event) or (when.day and other_when.day)
    best = 0.0
    for other, _ in cluster.members:
        sim = similarity(event.evidence.text, other.evidence.text)
        if other.doc_id == event.doc_id and _material(event):
            sim += SAME_ARTICLE_BONUS
        best = max(best, sim)
    if None in cluster.dyad:
        return best if best >= UNKNOWN_DYAD_THRESHOLD else None
    if anchored:
        return 100.0 + best
    if event.mode is not None and event.mode == _mode(cluster) and _material(event):
        threshold = SAME_MODE_THRESHOLD
    else:
        threshold = SIMILARITY_THRESHOLD if _material(event) else STATEMENT_THRESHOLD
    return best if best >= threshold else None


def merge_by_comparing_all(events: list[Event]):
    prepared = [(e, _When.of(e)) for e in {e.event_id: e for e in events}.values()]
    prepared.sort(key=lambda ew: (-ew[1].strength, ew[0].date or "", ew[0].event_id))
    by_dyad: dict[tuple, list[_Cluster]] = defaultdict(list)
    for event, when in prepared:
        dyad = countries_of(event)
        best, best_score = None, None
        for cluster in by_dyad[dyad]:
            score = _score_every_member(event, when, cluster)
            if score is not None and (best_score is None or score > best_score):
                best, best_score = cluster, score
        if best is None:
            best = _Cluster(dyad=dyad)
            by_dyad[dyad].append(best)
        best.members.append((event, when))
    return sorted((_build_story(c, {}) for cs in by_dyad.values() for c in cs), key=story_sort_key)


@settings(max_examples=300, deadline=None)
@given(events())
def test_indexed_merge_gives_the_stories_of_comparing_every_pair(evs):
    indexed = merge_events(evs)
    reference = merge_by_comparing_all(evs)
    assert [s.to_dict() for s in indexed] == [s.to_dict() for s in reference]
