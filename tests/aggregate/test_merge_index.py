"""Merging with an index (candidates by dyad, type and date window) gives the stories that
comparing every event with every story of its dyad gives."""

from __future__ import annotations

from collections import defaultdict

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
from detente.models import Actor, Event, Evidence

ACTORS = [Actor("Trump", "USAGOV", "USA", "GOV"), Actor("Colombia", "COL", "COL", None),
          Actor("Ecuador", "ECU", "ECU", None), Actor("rebels", None, None, None)]
# (type, CAMEO root, quad class): two types share a root, one type has two roots
KINDS = [("SANCTION", "16", 4), ("SANCTION", "17", 4), ("COERCE", "17", 4), ("ACCUSE", "11", 3),
         ("THREATEN", "13", 3), ("AGREE", "03", 1)]
SENTENCES = [
    "Washington imposed 25% tariffs on Colombian coffee on Sunday.",
    "The United States slapped tariffs of 25 percent on Colombian imports.",
    "Trump ordered tariffs on all goods from Colombia after flights were turned back.",
    "Colombia accused Washington of breaking the trade agreement.",
    "Ecuador and Colombia signed a border agreement in Quito.",
    "Officials said 40 soldiers were deployed to the border.",
    "",
]
DATES = [(None, None, None), ("2025-01-26", "day", "explicit"), ("2025-01-28", "day", "explicit"),
         ("2025-01", "month", "explicit"), ("2025-02-03", "day", "inferred"), ("2025", "year", "explicit"),
         ("2025-03-01", "day", "reported"), ("2025-01-20", "day", "publication")]


@st.composite
def events(draw) -> list[Event]:
    out = []
    for i in range(draw(st.integers(1, 40))):
        actor, recipient = draw(st.sampled_from(ACTORS)), draw(st.sampled_from(ACTORS[1:]))
        event_type, root, quad = draw(st.sampled_from(KINDS))
        value, precision, method = draw(st.sampled_from(DATES))
        text = draw(st.sampled_from(SENTENCES))
        out.append(Event(
            event_id=f"e{i:03d}", doc_id=f"d{draw(st.integers(0, 4))}", actor=actor, recipient=recipient,
            event_type=event_type, cameo_root=root, quad_class=quad, intensity=-5.0,
            evidence=Evidence(text, 0, len(text)), mode=draw(st.sampled_from([None, "tariff", "visa_ban"])),
            date=value, date_precision=precision, date_method=method,
            confidence=draw(st.sampled_from([0.5, 0.8])), source_path="x"))
    return out


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
