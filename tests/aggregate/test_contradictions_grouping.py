"""Contradictions a reader believes: one disagreement is one contradiction listing every
source, and numbers are compared only when they measure the same thing."""

from __future__ import annotations

from builders import art, claim, ev

from detente.aggregate.contradictions import (
    corroboration,
    date_contradictions,
    find_contradictions,
    number_contradictions,
    scope_of,
)
from detente.aggregate.merge import merge_events

T1 = "Peru imposed a 20 percent tariff on Chilean grapes on Monday."
T2 = "Chile protested against a 25 percent tariff that Peru placed on Chilean grapes."
T3 = "The dispute began when Peru placed a 20 percent tariff on Chilean fruit."
T4 = "Peru will remove its 20 percent tariff on Chilean grapes under the accord."
DOCS = [art("g1", T1, outlet="Pacific Ledger"), art("g2", T2, outlet="Andean Observer"),
        art("g3", T3, outlet="Costa Daily"), art("g4", T4, outlet="Pacific Ledger")]
ARTICLES = {a.doc_id: a for a in DOCS}


def tariff_claims():
    return [claim(doc, doc.text, f"{value} percent", float(value), "percent", "tariff", subject="PER")
            for doc, value in zip(DOCS, (20, 25, 20, 20), strict=True)]


def test_one_disagreement_is_one_contradiction_with_every_source():
    found = number_contradictions(tariff_claims(), ARTICLES)
    assert len(found) == 1  # not one row per pair of articles (three pairs here)
    (c,) = found
    assert c.kind == "number" and c.about == "tariff (percent) PER"
    assert [p.value for p in c.positions] == ["20 percent", "25 percent"]
    assert [sorted(s.doc_id for s in p.sources) for p in c.positions] == [["g1", "g3", "g4"], ["g2"]]
    assert c.positions[0].outlets == ["Costa Daily", "Pacific Ledger"]
    record = c.to_dict()
    assert record["values"] == ["20 percent", "25 percent"]
    assert record["n_sources"] == 4 and record["n_outlets"] == 3
    assert {s["evidence"]["text"] for p in record["positions"] for s in p["sources"]} == {T1, T2, T3, T4}
    assert record["a"]["value"] == "20 percent" and record["b"]["value"] == "25 percent"


def test_the_contradiction_id_is_stable_and_names_the_group():
    first = number_contradictions(tariff_claims(), ARTICLES)[0]
    again = number_contradictions(list(reversed(tariff_claims())), ARTICLES)[0]
    assert first.contradiction_id.startswith("number-")
    assert [p.value for p in first.positions] == [p.value for p in again.positions]


def test_a_total_and_a_covered_part_of_it_are_not_a_contradiction():
    total = art("t1", "Trade between the two neighbours reached about $4.5 billion last year.", outlet="A")
    part = art("t2", "Together the tariffs cover about $320 million of annual trade.", outlet="B")
    claims = [claim(total, total.text, "about $4.5 billion", 4.5e9, "USD", "trade", subject=None),
              claim(part, part.text, "about $320 million", 3.2e8, "USD", "trade", subject=None)]
    assert [scope_of(c) for c in claims] == ["whole", "part"]
    assert number_contradictions(claims, {"t1": total, "t2": part}) == []


def test_two_parts_of_the_same_measure_that_differ_do_contradict():
    a = art("p1", "The tariffs cover about $320 million of annual trade.", outlet="A")
    b = art("p2", "The new duties cover some $900 million of annual trade, officials said.", outlet="B")
    claims = [claim(a, a.text, "about $320 million", 3.2e8, "USD", "trade", subject=None),
              claim(b, b.text, "some $900 million", 9e8, "USD", "trade", subject=None)]
    (c,) = number_contradictions(claims, {"p1": a, "p2": b})
    assert c.about == "trade (USD, a part of it)"
    assert [p.value for p in c.positions] == ["about $320 million", "some $900 million"]


def test_different_measures_units_or_subjects_never_contradict():
    a = art("m1", "Peru imposed a 20 percent tariff. Imports fell 25 percent. Aid reached $5 million.", outlet="A")
    b = art("m2", "Chile imposed a 25 percent tariff. Exports fell 40 percent. Aid reached 5 million euros.",
            outlet="B")
    claims = [
        claim(a, "Peru imposed a 20 percent tariff.", "20 percent", 20, "percent", "tariff", subject="PER"),
        claim(b, "Chile imposed a 25 percent tariff.", "25 percent", 25, "percent", "tariff", subject="CHL"),
        claim(a, "Imports fell 25 percent.", "25 percent", 25, "percent", "import"),
        claim(b, "Exports fell 40 percent.", "40 percent", 40, "percent", "export"),
        claim(a, "Aid reached $5 million.", "$5 million", 5e6, "USD", "aid"),
        claim(b, "Aid reached 5 million euros.", "5 million euros", 5e6, "EUR", "aid"),
    ]
    assert number_contradictions(claims, {"m1": a, "m2": b}) == []


def test_same_measure_in_different_months_is_no_contradiction_but_undated_claims_join():
    a = art("d1", "The tariff was 20 percent in January.", outlet="A")
    b = art("d2", "The tariff was raised to 35 percent in June.", outlet="B")
    c = art("d3", "The tariff stands at 25 percent.", outlet="C")
    jan = claim(a, a.text, "20 percent", 20, "percent", "tariff", date="2025-01")
    jun = claim(b, b.text, "35 percent", 35, "percent", "tariff", date="2025-06")
    undated = claim(c, c.text, "25 percent", 25, "percent", "tariff")
    articles = {x.doc_id: x for x in (a, b, c)}
    assert number_contradictions([jan, jun], articles) == []
    found = number_contradictions([jan, jun, undated], articles)
    assert sorted([p.value for p in f.positions] for f in found) == [
        ["20 percent", "25 percent"], ["25 percent", "35 percent"]]


def test_a_date_disagreement_among_three_articles_is_one_contradiction():
    s1 = "Peru imposed tariffs on Chilean grapes on February 10, 2025."
    s2 = "Peru imposed tariffs on Chilean grapes on February 11, 2025, the ministry said."
    s3 = "Peru imposed tariffs on Chilean grapes on February 10, 2025, officials said."
    docs = [art("x1", s1, outlet="A"), art("x2", s2, outlet="B"), art("x3", s3, outlet="C")]
    events = [ev(d, s, actor="USA", recipient="COL", mode="tariff", date=day)
              for d, s, day in zip(docs, (s1, s2, s3), ("2025-02-10", "2025-02-11", "2025-02-10"), strict=True)]
    stories = merge_events(events, {d.doc_id: d for d in docs})
    assert len(stories) == 1
    (c,) = date_contradictions(stories, {e.event_id: e for e in events})
    assert [(p.value, p.outlets) for p in c.positions] == [("2025-02-10", ["A", "C"]), ("2025-02-11", ["B"])]
    assert c.story_id == stories[0].story_id


def test_corroboration_counts_only_claims_measuring_the_same_thing():
    total = art("k1", "Trade reached about $320 million last year.", outlet="A")
    part = art("k2", "The tariffs cover about $320 million of annual trade.", outlet="B")
    claims = [claim(total, total.text, "about $320 million", 3.2e8, "USD", "trade", subject=None),
              claim(part, part.text, "about $320 million", 3.2e8, "USD", "trade", subject=None)]
    records = corroboration([], claims, {"k1": total, "k2": part})
    assert all(r.single_sourced for r in records)  # the same number, but not the same thing
    assert find_contradictions([], claims, {"k1": total, "k2": part}) == []
