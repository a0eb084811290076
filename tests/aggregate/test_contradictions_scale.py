"""Contradictions and corroboration found through indexes (buckets, sorted values, the two
extreme pairs) give exactly what comparing every pair gives — the all-pairs rules written out
here as the reference."""

from __future__ import annotations

from dataclasses import replace
from itertools import combinations
from unittest.mock import patch

from builders import MERGE_ACTORS, drawn_event
from hypothesis import given, settings
from hypothesis import strategies as st

from detente.aggregate.contradictions import (
    _actors_disagree,
    _apart_across_docs,
    _claims_comparable,
    _part_cues,
    _same_act_candidates,
    _values_differ,
    _within,
    actor_contradictions,
    corroboration,
    measure_key,
    number_contradictions,
    number_window,
    scope_of,
)
from detente.aggregate.dates import interval
from detente.aggregate.merge import merge_events, outlet_of
from detente.models import Article, Claim, Event, Evidence

DOCS = [f"d{i}" for i in range(5)]
ARTICLES = {d: Article(doc_id=d, source_path=f"{d}.txt", text="", outlet=f"Outlet {i % 3}")
            for i, d in enumerate(DOCS)}
CONTESTED = ["Washington imposed 25% tariffs on Colombian coffee on Sunday.",
             "Quito imposed 25% tariffs on Colombian coffee on Sunday, officials said."]
VALUES = st.one_of(st.sampled_from([0.0, 1.0, 20.0, 21.0, 25.0, -3.0, 1e6, 1.05e6]),
                   st.floats(-1e9, 1e9, allow_nan=False))


def _bounded(event: Event) -> Event:
    """The event with the range its date means (what the resolver stores beside a date)."""
    span = interval(event.date, event.date_precision)
    return replace(event, date_earliest=span[0].isoformat(), date_latest=span[1].isoformat()) if span else event


@st.composite
def stories(draw):
    """Story events of the merge tests' small world, and of a narrower one where one act is
    often told with different actors (so actor contradictions occur)."""
    events = [_bounded(drawn_event(draw, f"e{i:03d}", draw(st.sampled_from(DOCS)), "x"))
              for i in range(draw(st.integers(0, 25)))]
    for i in range(draw(st.integers(4, 25))):
        sentence = draw(st.sampled_from(CONTESTED))
        value, precision = draw(st.sampled_from([("2025-01-26", "day"), ("2025-01-27", "day"), ("2025-01", "month")]))
        events.append(_bounded(Event(
            event_id=f"c{i:03d}", doc_id=draw(st.sampled_from(DOCS)), actor=draw(st.sampled_from(MERGE_ACTORS[:3])),
            recipient=MERGE_ACTORS[1], event_type="SANCTION", cameo_root="16", quad_class=4, intensity=-5.0,
            evidence=Evidence(sentence, 0, len(sentence)), mode=draw(st.sampled_from([None, "tariff"])),
            date=value, date_precision=precision, date_method="explicit", confidence=0.8, source_path="x")))
    return merge_events(events, ARTICLES)


@st.composite
def claims(draw) -> list[Claim]:
    found = []
    for i in range(draw(st.integers(0, 30))):
        sentence = draw(st.sampled_from(["Tariffs of 25% cover $320 million of trade.",
                                         "Aid reached $4.5 billion last year."]))
        surface = draw(st.sampled_from(["25%", "$320 million", "$4.5 billion", ""]))
        found.append(Claim(claim_id=f"c{i:03d}", doc_id=draw(st.sampled_from(DOCS)), value=draw(VALUES),
                           unit=draw(st.sampled_from(["percent", "USD"])),
                           measure=draw(st.sampled_from(["tariff", "aid", "unknown"])), text=surface,
                           evidence=Evidence(sentence, 0, len(sentence)),
                           subject=draw(st.sampled_from([None, "COL", "USA"])),
                           date=draw(st.sampled_from([None, "2025-01", "2025-01-26", "2025-02"]))))
    return found


@settings(max_examples=150, deadline=None)
@given(stories())
def test_the_candidate_index_never_misses_two_stories_whose_actors_disagree(drawn):
    candidates = set(_same_act_candidates(drawn))
    for i, j in combinations(range(len(drawn)), 2):
        if _actors_disagree(drawn[i], drawn[j]):
            assert (i, j) in candidates


@settings(max_examples=80, deadline=None)
@given(stories())
def test_actor_contradictions_are_those_of_every_pair(drawn):
    every_pair = lambda found: combinations(range(len(found)), 2)  # noqa: E731 - the all-pairs reference
    with patch("detente.aggregate.contradictions._same_act_candidates", every_pair):
        expected = [c.to_dict() for c in actor_contradictions(drawn)]
    assert [c.to_dict() for c in actor_contradictions(drawn)] == expected


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(DOCS), VALUES, st.floats(0, 1e3)), max_size=12),
       st.floats(0, 0.9))
def test_two_extreme_pairs_decide_whether_articles_disagree(items, tolerance):
    """Intervals (start, start + length) that do not overlap, and values further apart than the
    tolerance, between two different articles: the two extreme pairs say what all pairs say."""
    spans = [(doc, (lo, lo + length)) for doc, lo, length in items]
    every = any(a[0] != b[0] and (a[1][0] > b[1][1] or b[1][0] > a[1][1]) for a, b in combinations(spans, 2))
    assert _apart_across_docs(spans, lambda x: x[0], lambda x: x[1][0], lambda x: x[1][1],
                              lambda late, early: late[1][0] > early[1][1]) == every
    numbers = [(doc, value) for doc, value, _ in items]
    every = any(a[0] != b[0] and _values_differ(a[1], b[1], tolerance) for a, b in combinations(numbers, 2))
    assert _apart_across_docs(numbers, lambda x: x[0], lambda x: x[1], lambda x: x[1],
                              lambda high, low: _values_differ(high[1], low[1], tolerance)) == every


@settings(max_examples=300, deadline=None)
@given(VALUES, st.lists(VALUES, max_size=20), st.floats(0, 0.99))
def test_the_value_window_holds_every_value_within_tolerance(value, others, tolerance):
    ordered = sorted(others)
    lo, hi = _within(ordered, value, tolerance)
    assert [v for v in ordered if not _values_differ(value, v, tolerance)] == \
        [v for v in ordered[lo:hi] if not _values_differ(value, v, tolerance)]


def _corroboration_of_every_pair(found: list[Claim], tolerance: float = 0.05) -> list[tuple]:
    records = []
    for c in found:
        outlets = {outlet_of(ARTICLES.get(c.doc_id)) or c.doc_id}
        for other in found:
            if measure_key(other) == measure_key(c) and _claims_comparable(c, other) \
                    and not _values_differ(float(c.value), float(other.value), tolerance):
                outlets.add(outlet_of(ARTICLES.get(other.doc_id)) or other.doc_id)
        records.append((c.claim_id, sorted(outlets)))
    return records


@settings(max_examples=150, deadline=None)
@given(claims())
def test_claim_corroboration_is_that_of_every_pair(drawn):
    got = [(r.ref, r.outlets) for r in corroboration([], drawn, ARTICLES)]
    assert got == _corroboration_of_every_pair(drawn)


def test_values_close_only_through_a_chain_of_others_are_two_answers():
    # 100 ~ 120 ~ 144 (20 % apart at each step) but 100 and 144 are not: one answer each end
    evidence = Evidence("Tariffs of 25% cover $320 million of trade.", 0, 43)
    drawn = [Claim(claim_id=f"c{i}", doc_id=doc, value=value, unit="USD", measure="aid", text=str(value),
                   evidence=evidence) for i, (doc, value) in enumerate([("d0", 100.0), ("d0", 120.0), ("d1", 144.0)])]
    (found,) = number_contradictions(drawn, ARTICLES, 0.2)
    assert [[s.value for s in p.sources] for p in found.positions] == [["100.0", "120.0"], ["144.0"]]


@settings(max_examples=150, deadline=None)
@given(claims(), st.floats(0, 0.5))
def test_number_contradictions_need_two_articles_apart(drawn, tolerance):
    found = number_contradictions(drawn, ARTICLES, tolerance)
    for c in found:
        docs = {s.doc_id for s in c.sides}
        assert len(docs) >= 2 and len(c.positions) >= 2
    if not any(a.doc_id != b.doc_id and measure_key(a) == measure_key(b)
               and a.measure.lower() not in ("", "unknown")
               and _values_differ(a.value, b.value, tolerance) for a, b in combinations(drawn, 2)):
        assert found == []


def _scope_of_every_window(claim: Claim) -> str:
    words = number_window(claim)
    return "part" if words and any(tuple(side[i:i + len(cue)]) == cue for side in words for cue in _part_cues()[1]
                                   for i in range(len(side) - len(cue) + 1)) else "whole"


PART_WORDS = sorted({w for cue in _part_cues()[1] for w in cue} | {"of", "trade", "the", "25%", "x-ray"})


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(PART_WORDS), max_size=8), st.lists(st.sampled_from(PART_WORDS), max_size=8))
def test_the_scope_of_a_number_is_read_from_whole_words_next_to_it(before, after):
    sentence = " ".join([*before, "$5 million", *after])
    drawn = Claim(claim_id="c", doc_id="d0", value=5e6, unit="USD", measure="aid", text="$5 million",
                  evidence=Evidence(sentence, 0, len(sentence)))
    assert scope_of(drawn) == _scope_of_every_window(drawn)
