"""Commentary is not an act: what an analyst, expert or professor says, predicts or recommends
about states ("X should send aid, said Y, an analyst"; "according to experts, X will retaliate")
is an opinion, while what an official or a ministry says an actor did stays an event. Acts still
ahead ("is set to", "is due to") are not acts that happened. Own sentences; actors from the test
stand-in, or from the real dictionaries where `extracted_triples` is used."""

from __future__ import annotations

import pytest
from builders import coded, extracted_triples, triples


@pytest.mark.parametrize("text", [
    "India should send more aid to Pakistan, said John Carter, an analyst at a research institute.",
    "According to analysts, China will retaliate against Japan.",
    "Experts believe Russia attacked Ukraine to test its neighbours.",
    "Germany sent aid to Venezuela, an economist said.",
    "The professor argued that Iran had threatened Israel.",
])
def test_what_a_commentator_says_is_no_event(text):
    assert triples(text) == []


@pytest.mark.parametrize(("text", "expected"), [
    ("Russia attacked Ukraine on Monday, the defense ministry said.", [("RUS", "UKR", "ASSAULT")]),
    ("The French president said Germany sent aid to Venezuela.", [("DEU", "VEN", "AID")]),
])
def test_what_an_official_reports_is_still_an_event(text, expected):
    assert triples(text) == expected


@pytest.mark.parametrize("text", [
    "Japan is poised to impose tariffs on China.",
    "India is set to impose sanctions on Pakistan.",
])
def test_an_act_still_ahead_is_a_stated_intent_not_the_act(text):
    assert {t for _, _, t in triples(text)} <= {"THREATEN"}


@pytest.mark.parametrize("text", [
    "Speaking to Chinese lawmakers on Monday, Trump said the talks would resume.",
    "Speaking at an EU summit on Ukraine, Trump said the war must end.",
    "Talking to Indian students, Petro stressed that trade with China was growing.",
])
def test_speaking_to_an_audience_before_a_statement_is_no_meeting(text):
    """The participle sets the scene of the statement (its audience, its venue)."""
    assert [t for t in triples(text) if t[2] == "CONSULT"] == []


def test_speaking_to_an_audience_is_no_meeting_when_a_participle_in_it_is_parsed_as_the_verb():
    # the parser takes "gathered" for the verb the speaking clause belongs to
    text = ("Speaking to top Chilean military officers gathered in Lima on Tuesday, Peruvian Defense Minister "
            "Walter Astudillo stressed the urgency of boosting defense.")
    assert [t for t in extracted_triples(text) if t[2] == "CONSULT"] == []


@pytest.mark.parametrize(("text", "expected"), [
    ("Speaking with Chinese officials by phone, Trump said trade ties were strong.", [("USA", "CHN", "CONSULT")]),
    ("Speaking to Petro by phone on Friday, Trump said the United States wanted a deal.", [("USA", "COL", "CONSULT")]),
    ("Trump spoke to Petro on Tuesday.", [("USA", "COL", "CONSULT")]),
])
def test_a_conversation_or_a_call_is_still_a_meeting(text, expected):
    assert triples(text) == expected


def test_the_one_told_is_the_audience_not_the_other_side_of_the_act():
    """"rejected the ruling, telling Ukrainian journalists that …": the journalists hear it."""
    assert triples("Russia rejected the ruling, telling Ukrainian journalists that it was biased.") == [
        ("RUS", None, "REJECT")]  # the ruling is what was rejected; no one in Ukraine


@pytest.mark.parametrize(("text", "expected"), [
    ("Trump has voiced interest in sending more military aid to Colombia.", [("USA", "COL", "AGREE")]),
    ("China showed readiness to impose sanctions on Japan.", [("CHN", "JPN", "THREATEN")]),
    ("Germany sent more military aid to Ukraine.", [("DEU", "UKR", "AID")]),
    # a plan or a proposal announced is an intent stated, not the act
    ("China announced a plan to impose sanctions on Japan.", [("CHN", "JPN", "THREATEN")]),
    ("Germany unveiled a proposal to send more military aid to Ukraine.", [("DEU", "UKR", "AGREE")]),
])
def test_an_act_under_an_intention_noun_is_a_stated_intent(text, expected):
    """"interest in sending aid" promises aid, "readiness to impose sanctions" threatens them."""
    assert triples(text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("China's bid to isolate Japan failed.", []),
    ("China made an attempt to impose sanctions on Japan.", []),
    # an act done as part of an effort is still done
    ("Germany sent military aid to Ukraine in an effort to end the war.", [("DEU", "UKR", "AID")]),
])
def test_an_act_under_an_attempt_noun_is_tried_not_done(text, expected):
    assert triples(text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("Former Peruvian president Pedro Castillo tried to establish a dialogue with Chile.", []),
    ("Peru attempted to sanction Chile.", []),
    ("Britain is seeking to finalize a deal with Peru on fishing rights.", []),
    # sought with an object is asked for
    ("Peru sought talks with Chile.", [("PER", "CHL", "REQUEST")]),
    ("Peru tried to impose sanctions on Chile, but Brazil blocked the move.", []),
    # what the attempt would end is there ("tried to break the blockade"); an act beside it is done
    ("Activists tried to break the Chilean blockade of Peru.", [("CHL", "PER", "COERCE")]),
    ("Peru sanctioned Chile after trying to negotiate.", [("PER", "CHL", "SANCTION")]),
])
def test_an_act_under_an_attempt_verb_is_tried_not_done(text, expected):
    assert extracted_triples(text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("Argentina will veto any resolution condemning Chile.", [("ARG", "CHL", "REJECT")]),
    ("Brazil's senators hope to derail any plan to impose tariffs on Argentina.", []),
    ("Peru promised to fight whatever steps Chile takes to expel its diplomats.", []),
    # "any" on the one acted on leaves the act told
    ("Peru imposed sanctions on any company that trades with Chile.", [("PER", None, "COERCE")]),
])
def test_any_act_of_a_kind_is_no_act_in_particular(text, expected):
    """"any resolution condemning X", "any plan to impose tariffs": no condemnation or plan told;
    a refusal of such acts is still a refusal."""
    assert extracted_triples(text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ('"Israel, the cruel occupying state, attacks the Palestinians in Hebron in a savage manner," Erdogan said.', []),
    ('"Russian drones attacked the port of Odesa last night," the Ukrainian minister said.', ["ASSAULT"]),
    ('"All EU ministers support the French plan for a truce," the Dutch minister said.', ["SUPPORT"]),
])
def test_a_quoted_material_act_in_the_simple_present_characterises_and_reports_nothing(text, expected):
    """A third party's quoted simple present ("Israel attacks …") says how it behaves, not what it
    did; a past act said in a quotation, and a stance said in the present, are still events."""
    import detente

    assert [e.event_type for e in detente.extract(text, published="2025-06-06")] == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("The Taliban routinely deny giving shelter to fighters from Pakistan.", []),
    ("Japan usually sends aid to the Philippines after typhoons.", []),
    # a simple present passive with one, or any simple present under a condition, is a rule too
    ("Kenyan migrants are usually deported by Saudi Arabia.", []),
    ("If their visas expire, Kenya deports Somali migrants.", []),
    ("Somali migrants were deported by Kenya on Monday.", [("KEN", "COERCE", "SOMCVL")]),
    ("Japan sent aid to the Philippines on Monday.", [("JPN", "AID", "PHL")]),
])
def test_an_act_in_the_simple_present_with_an_adverb_of_habit_is_no_event(text, expected):
    assert coded(text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("Members of the Kenyan cabinet are responsible for scrutinizing the policies of Uganda.", []),
    ("Japan was tasked with monitoring China on Monday.", []),
    ("Japan scrutinized the policies of China on Monday.", [("JPN", "ACCUSE", "CHN")]),
])
def test_an_act_named_as_a_duty_is_no_event(text, expected):
    assert coded(text) == expected


@pytest.mark.parametrize("text", [
    "Both leaders appear to recognize the need for cooperation between Peru and Chile.",
    "Peru seems to support Chile in the dispute.",
])
def test_an_act_that_only_appears_or_seems_is_no_event(text):
    assert coded(text) == []
