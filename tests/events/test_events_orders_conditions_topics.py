"""The coder on sentences about other countries than the sample corpus:
1. "ordered the envoy out" expels diplomats (CAMEO 161), "ordered its ambassador home" recalls;
   "ordered troops out" is no expulsion;
2. an act in a "before/until/unless/once" clause under a negated, modal or future main verb is a
   condition, not an event;
3. an event noun inside "complaint about X" / "dispute over X" is a topic, not an event;
4. an indirect question ("asked whether X would …", "did not know who attacked …") asserts no act."""

from __future__ import annotations

import functools

import pytest
from builders import run, triples

FILLER = " Officials from both countries met in Hanoi to discuss trade and the border."


@functools.lru_cache(maxsize=1)
def pipeline():
    from detente.pipeline import default_pipeline

    return default_pipeline()


def coded(text: str) -> list[tuple]:
    """Events of one sentence through the whole pipeline (real actor dictionaries)."""
    from detente.pipeline import raw_from_string

    raw = raw_from_string("Diplomatic row\n\n" + text + FILLER, published="2025-03-01")
    processed = next(pipeline().process([raw]))
    return [(e.actor.country if e.actor else None, e.recipient.country if e.recipient else None,
             e.event_type, e.cameo_root, e.mode) for e in processed.coded.events
            if e.evidence.text.startswith(text[:20])]


def double(text: str) -> list[tuple]:
    """Events through the stand-in actor dictionary of builders (fake_actor_mentions)."""
    return [(e.actor.country if e.actor else None, e.recipient.country if e.recipient else None,
             e.event_type, e.mode) for e in run(text).events]


# ---- 1. ordered out: expulsion ---------------------------------------------------------------------
@pytest.mark.parametrize("text, pair", [
    ("India ordered two Pakistani diplomats out of the country.", ("IND", "PAK")),
    ("France ordered German ambassador Hans Muller out on Monday, giving him 48 hours.", ("FRA", "DEU")),
])
def test_ordered_out_is_expulsion(text, pair):
    events = coded(text)
    assert (*pair, "SANCTION", "16", "expel_diplomats") in events
    assert not any(e[2] == "REQUEST" for e in events)


def test_ordered_out_with_stand_in_actors():
    assert double("Russia ordered two Ukrainian diplomats out of the country.") == [
        ("RUS", "UKR", "SANCTION", "expel_diplomats")]
    assert double("Germany sent two Pakistani diplomats home.") == [("DEU", "PAK", "SANCTION", "expel_diplomats")]


@pytest.mark.parametrize("text", ["France ordered its ambassador in Germany home for consultations.",
                                  "France ordered its ambassador to Germany home."])
def test_own_ambassador_ordered_home_is_recall(text):
    assert double(text) == [("FRA", "DEU", "SANCTION", "recall_ambassador")]


@pytest.mark.parametrize("text", ["Russia ordered troops out of the city.", "Russia ordered its troops out of Ukraine."])
def test_troops_ordered_out_is_no_expulsion(text):
    assert not any(e[3] == "expel_diplomats" for e in double(text))
    assert not any(e[4] == "expel_diplomats" for e in coded(text))


# ---- 2. acts in a condition clause -----------------------------------------------------------------
def test_act_before_a_negated_future_act_is_a_condition():
    events = coded("Germany will not lift its duty before France removes the tariff on German wine.")
    assert not any(e[2] == "CONCEDE" for e in events)


@pytest.mark.parametrize("text", [
    "India will keep its sanctions until Pakistan withdraws its troops from Indian territory.",
    "India says it cannot lift its sanctions unless Pakistan withdraws its troops from Indian territory.",
])
def test_act_until_or_unless_under_modal_is_a_condition(text):
    assert not any(e[0] == "PAK" for e in double(text))


def test_act_before_a_past_act_is_still_an_event():
    assert ("PAK", "IND", "RETREAT", "withdraw_troops") in double(
        "Pakistan withdrew its troops from Indian territory before India lifted its sanctions.")
    events = coded("Germany lifted its duty on French cheese before France removed the tariff on German wine.")
    assert ("FRA", "DEU", "CONCEDE", "08", "lift_tariff") in events


# ---- 3. topics of complaints and disputes ----------------------------------------------------------
@pytest.mark.parametrize("text", [
    "A joint commission will examine India's complaint about Pakistani export subsidies to Indian firms.",
    "The dispute over Russian sanctions on Ukraine continued.",
])
def test_noun_in_complaint_or_dispute_is_a_topic(text):
    assert double(text) == []


def test_complaint_itself_is_still_coded_and_plain_nouns_are_events():
    assert double("India lodged a complaint about Pakistani aid to Iran.") == [("IND", "PAK", "ACCUSE", "complain")]
    assert double("France sent aid to Germany.") == [("FRA", "DEU", "AID", "aid")]
    assert double("Russian sanctions on Ukraine took effect.") == [("RUS", "UKR", "SANCTION", "sanctions")]


@pytest.mark.parametrize("text", [
    "Reporters asked whether China would impose sanctions on Japan.",
    "Germany asked if France would send troops to Venezuela.",
    "India said it did not know who attacked the Pakistani convoy.",
    "It is unclear how the United States will respond to Mexico's tariffs.",
])
def test_an_indirect_question_asks_and_asserts_no_act(text):
    assert triples(text) == []


@pytest.mark.parametrize(("text", "expected"), [
    ("Germany asked France to send troops to Venezuela.", [("DEU", "FRA", "REQUEST")]),
    ("Trump said that if Mexico keeps its tariff, he will impose a 200% tariff on Brazil.", [("USA", "BRA", "THREATEN")]),
])
def test_a_request_or_a_conditional_threat_is_still_an_event(text, expected):
    assert triples(text) == expected
