"""Contradiction detection on crafted pairs (date, number, actor) and single-sourced marking."""

from __future__ import annotations

from builders import art, claim, ev

from detente.aggregate.contradictions import (
    corroboration,
    find_contradictions,
    number_contradictions,
    single_sourced,
)
from detente.aggregate.merge import merge_events

S1 = "Trump imposed 25% tariffs on Colombian goods on January 26, 2025."
S2 = "Washington imposed tariffs of 50% on Colombian goods on January 28, 2025."
S3 = "Ecuador imposed tariffs on Colombian goods on January 26, 2025, officials said."
S4 = "Tariffs on Colombian goods, 25% in all, remain in force."
P1 = art("p1", "Intro. " + S1, outlet="Reuters")
P2 = art("p2", S2 + " More text.", outlet="El Tiempo")
P3 = art("p3", S3, outlet="Primicias")
P4 = art("p4", S4, outlet="Blog")
ARTICLES = {a.doc_id: a for a in (P1, P2, P3, P4)}


def crafted():
    events = [
        ev(P1, S1, mode="tariff", date="2025-01-26"),
        ev(P2, S2, mode="tariff", date="2025-01-28"),
        ev(P3, S3, actor="ECU", mode="tariff", date="2025-01-26"),
        ev(P4, S4, mode="tariff", date="2025-10-02", method="reported"),
    ]
    claims = [
        claim(P1, S1, "25%", 25.0, "percent", "tariff"),
        claim(P2, S2, "50%", 50.0, "percent", "tariff"),
        claim(P4, S4, "25%", 25.0, "percent", "tariff"),
    ]
    return events, claims


def test_date_number_and_actor_contradictions_found_with_both_sides():
    events, claims = crafted()
    stories = merge_events(events, ARTICLES)
    usa = [s for s in stories if s.actor.country == "USA"]
    assert len(usa) == 1 and usa[0].n_articles == 3  # 26 vs 28 January: one story, dates disputed
    found = find_contradictions(stories, claims, ARTICLES, events)
    kinds = sorted(c.kind for c in found)
    assert kinds == ["actor", "date", "number"]  # 25 % (two outlets) vs 50 %: one disagreement

    date = next(c for c in found if c.kind == "date")
    assert (date.a.value, date.b.value) == ("2025-01-26", "2025-01-28")
    assert (date.a.outlet, date.b.outlet) == ("Reuters", "El Tiempo")
    assert date.a.evidence.text == S1 and date.b.evidence.text == S2
    assert date.story_id == usa[0].story_id

    number = next(c for c in found if c.kind == "number")
    assert [(p.value, p.outlets) for p in number.positions] == [("25%", ["Blog", "Reuters"]), ("50%", ["El Tiempo"])]

    actor = next(c for c in found if c.kind == "actor")
    assert {actor.a.value, actor.b.value} == {"USAGOV", "ECU"}
    assert {actor.a.outlet, actor.b.outlet} == {"Primicias", "Reuters"}
    assert actor.to_dict()["a"]["evidence"]["text"] in (S1, S2, S3)


def test_reported_dates_do_not_contradict_precise_ones():
    events, _ = crafted()
    stories = merge_events([events[0], events[3]], ARTICLES)
    assert len(stories) == 1  # the October article reports the January tariffs
    assert find_contradictions(stories, [], ARTICLES, [events[0], events[3]]) == []


def test_numbers_within_tolerance_or_about_other_things_agree():
    a = art("n1", "Aid of $590 million was frozen. Tariffs rose 25% on Mexico.", outlet="A")
    b = art("n2", "Aid of $600 million was frozen. Tariffs rose 10% on Colombia.", outlet="B")
    c = art("n3", "Aid of $1.2 billion was frozen in March.", outlet="C")
    claims = [
        claim(a, "Aid of $590 million was frozen.", "$590 million", 590e6, "USD", "aid"),
        claim(b, "Aid of $600 million was frozen.", "$600 million", 600e6, "USD", "aid"),
        claim(a, "Tariffs rose 25% on Mexico.", "25%", 25, "percent", "tariff", subject="MEX"),
        claim(b, "Tariffs rose 10% on Colombia.", "10%", 10, "percent", "tariff", subject="COL"),
        claim(c, "Aid of $1.2 billion was frozen in March.", "$1.2 billion", 1.2e9, "USD", "aid",
              date="2025-03"),
    ]
    articles = {x.doc_id: x for x in (a, b, c)}
    assert number_contradictions(claims[:4], articles) == []  # 590 vs 600 within 5 %; MEX vs COL
    found = number_contradictions(claims, articles)  # the undated claims can be compared with March
    assert [[s.value for s in p.sources] for f in found for p in f.positions] == [
        ["$590 million", "$600 million"], ["$1.2 billion"]]  # one disagreement, 590 and 600 one answer
    assert number_contradictions(claims, articles, tolerance=0.6) == []


def test_same_article_numbers_are_not_a_disagreement_between_sources():
    a = art("s1", "Tariffs of 25% began. Later tariffs of 50% were threatened.", outlet="A")
    claims = [claim(a, "Tariffs of 25% began.", "25%", 25, "percent", "tariff"),
              claim(a, "Later tariffs of 50% were threatened.", "50%", 50, "percent", "tariff")]
    assert number_contradictions(claims, {"s1": a}) == []


def test_single_sourced_marking():
    events, claims = crafted()
    stories = merge_events(events, ARTICLES)
    records = {r.ref: r for r in corroboration(stories, claims, ARTICLES)}
    usa = next(s for s in stories if s.actor.country == "USA")
    ecu = next(s for s in stories if s.actor.country == "ECU")
    assert records[usa.story_id].n_outlets == 3 and not records[usa.story_id].single_sourced
    assert records[ecu.story_id].single_sourced and records[ecu.story_id].outlets == ["Primicias"]
    by_claim = {c.claim_id: records[c.claim_id] for c in claims}
    assert by_claim[claims[0].claim_id].outlets == ["Blog", "Reuters"]  # 25 % twice
    assert by_claim[claims[1].claim_id].single_sourced  # 50 % only in El Tiempo
    assert {r.ref for r in single_sourced(stories, claims, ARTICLES)} == {ecu.story_id, claims[1].claim_id}


def test_numbers_of_unknown_meaning_are_not_compared():
    a = art("u1", "Trade reached $4.5 billion.", outlet="A")
    b = art("u2", "Goods worth $180 million are covered.", outlet="B")
    claims = [claim(a, "Trade reached $4.5 billion.", "$4.5 billion", 4.5e9, "USD", "unknown"),
              claim(b, "Goods worth $180 million are covered.", "$180 million", 1.8e8, "USD", "unknown")]
    assert number_contradictions(claims, {x.doc_id: x for x in (a, b)}) == []
