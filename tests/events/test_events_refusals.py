"""A negated future act is a refusal stated now (PLOVER REJECT, CAMEO 12): "will not lift the
embargo", "said it would not meet". A negated past act is no event, and so is an act kept from
happening ("stopped X from attacking"). Own sentences; actors from the test stand-in, or from the
real dictionaries where `extracted_triples` is used."""

from __future__ import annotations

import pytest
from builders import coded, extracted_triples, run, triples

import detente


@pytest.mark.parametrize(("text", "expected"), [
    ("Russia will not withdraw its troops from Ukraine.", [("RUS", "UKR", "REJECT")]),
    ("China said it would not meet the Indian delegation.", [("CHN", "IND", "REJECT")]),
    ("India won't sign the agreement with Pakistan.", [("IND", "PAK", "REJECT")]),
])
def test_a_negated_future_act_is_a_refusal(text, expected):
    assert triples(text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    # a negated sense of its own ("not recognise": non-recognition) with a reported "would" is
    # stated; with a condition it is still a hypothetical
    ("Chile said it would not recognise the result of Peru's election.", [("CHL", "PER", "REJECT")]),
    ("Chile would not recognise the result of Peru's election if it were rigged.", []),
])
def test_a_negated_act_with_a_reported_would_is_stated(text, expected):
    assert extracted_triples(text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    # "made it clear" is a verb of saying, wherever the parse hangs the clause: its "would" is a
    # reported "will", and its "it" is the one who made it clear
    ("Ghana has made it clear it will not lift the embargo until Togo releases the prisoners.",
     [("GHA", "TGO", "REJECT")]),
    ("Ghana has made it clear that it would impose sanctions on Togo.", [("GHA", "TGO", "THREATEN")]),
    ("Ghana made clear that it would not lift the embargo on Togo.", [("GHA", "TGO", "REJECT")]),
    # a would under no verb of saying is still a hypothetical
    ("Ghana would impose sanctions on Togo if the talks failed.", []),
])
def test_what_an_actor_made_clear_is_said(text, expected):
    assert extracted_triples(text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    # a refusal until the other side acts is aimed at that side: it refuses now
    ("The EU will not resume talks unless Turkey frees the journalists.", [("IGOEEC", "REJECT", "TUR")]),
    ("Chile will not sign the deal unless Peru lowers its tariffs.", [("CHL", "REJECT", "PER")]),
])
def test_a_refusal_on_a_condition_set_to_another_party_is_aimed_at_it(text, expected):
    assert coded(text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    # a threat that waits for another's act is aimed at that other
    ("Ghana warned that it would retaliate if Togo attacked.", [("GHA", "THREATEN", "TGO")]),
    ("Peru threatened to impose tariffs unless Chile reopened the border.", [("PER", "THREATEN", "CHL")]),
])
def test_a_threat_on_a_condition_set_to_another_party_is_aimed_at_it(text, expected):
    assert coded(text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    # a verb only the base dictionaries know (PETRARCH2's blocks: punish, reimburse), governed by
    # a threat, a promise or a refusal, is the act at stake
    ("Ghana vowed to punish Togo.", [("GHA", "THREATEN", "TGO")]),
    ("Peru refused to reimburse Chile.", [("PER", "REJECT", "CHL")]),
])
def test_a_governed_verb_of_the_base_dictionaries_is_the_act_at_stake(text, expected):
    assert coded(text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    # not letting someone do something is refusing them, past or not; the one not let is its recipient,
    # a modifier of the clause's subject included
    ("Israel did not allow the Turkish aid convoy to enter Gaza.", [("ISR", "REJECT", "TUR")]),
    ("Egypt did not permit Iranian ships to cross the canal.", [("EGY", "REJECT", "IRN")]),
])
def test_not_letting_someone_do_something_is_a_refusal(text, expected):
    assert coded(text) == expected


def test_refusing_to_ease_a_measure_is_cameo_124():
    assert [e.event_code for e in run("The United States will not lift the embargo on Iran.").events] == ["124"]


@pytest.mark.parametrize("text", [
    "Russia did not withdraw its troops from Ukraine.",  # a past act that did not happen
    "Japan will not impose tariffs on China.",  # declining a hostile act is no refusal
    "If the talks fail, India will not sign the agreement with Pakistan.",  # a condition, not a refusal
])
def test_a_negated_past_or_hostile_act_is_no_refusal(text):
    assert [t for t in triples(text) if t[2] == "REJECT"] == []


def test_an_act_after_before_or_until_in_a_demand_is_its_condition():
    from builders import triples

    assert [t for t in triples("Washington asked for reforms before lifting sanctions on Colombia.")
            if t[2] == "CONCEDE"] == []
    # a past act told before another stays an act
    assert ("RUS", "UKR", "ASSAULT") in triples("Russia shelled Kyiv before Ukraine's forces withdrew.")


def test_an_act_after_without_is_not_done():
    from builders import triples

    assert [t for t in triples("Russia moved troops without consulting China.") if t[2] == "CONSULT"] == []


def test_a_clause_under_it_is_necessary_is_advice_not_an_act():
    from builders import triples

    assert triples("Russia sent humanitarian aid to Ukraine.") == [("RUS", "UKR", "AID")]
    assert triples("It is necessary for Russia to send humanitarian aid to Ukraine.") == []
    assert triples("It is vital that Russia sends humanitarian aid to Ukraine.") == []
    assert triples("It is important for China to impose sanctions on Japan.") == []


def test_a_clause_under_it_is_unlikely_or_possible_is_a_guess_not_an_act():
    from builders import triples

    assert triples("It is unlikely that Venezuela will return to talks with Guyana.") == []
    assert triples("It is possible that Russia attacked Ukraine.") == []
    # a fact said to be clear is still told
    assert triples("It is clear that Russia attacked Ukraine.") == [("RUS", "UKR", "ASSAULT")]


@pytest.mark.parametrize(("text", "expected"), [
    # readiness said of oneself is a stated intent: a promise, or a threat for a hostile act
    ("Ghana is ready to send aid to Togo.", [("GHA", "TGO", "AGREE")]),
    ("Ghana stands ready to help Togo.", [("GHA", "TGO", "AGREE")]),
    ("Ghana is ready to impose sanctions on Togo.", [("GHA", "TGO", "THREATEN")]),
    # reluctance or inability to act: no act
    ("Ghana is reluctant to impose sanctions on Togo.", []),
    ("Ghana was unable to send aid to Togo.", []),
    ("Ghana is unwilling to meet Togo's president.", []),
])
def test_readiness_to_act_is_a_stated_intent_and_reluctance_no_act(text, expected):
    assert extracted_triples(text) == expected


@pytest.mark.parametrize("text", [
    "Trump's failure to sell missiles to Colombia angered Bogota.",
    "India's inability to stop the attacks on Pakistan worried Washington.",
])
def test_an_act_that_failed_to_happen_is_no_event(text):
    assert triples(text) == []


@pytest.mark.parametrize(("text", "expected"), [
    ("Turkey could anger Washington by attacking Kurdish fighters in Syria.", []),
    ("Turkey angered Washington by attacking Kurdish fighters in Syria.", [("Turkey", "ASSAULT")]),
])
def test_an_act_told_as_the_means_of_another_shares_its_mood(text, expected):
    """"could anger X by attacking Y": the attack is as hypothetical as the anger (real dictionaries)."""
    import detente

    events = detente.extract(text, published="2025-06-06")
    assert [(e.actor.text, e.event_type) for e in events if e.event_type == "ASSAULT"] == expected


@pytest.mark.parametrize("text", [
    "Japan rarely criticizes China.",
    "Malaysia's former leader seldom criticized China.",
    "Kenya has hardly ever met Somalia's leaders.",
])
def test_an_act_said_to_be_rare_is_no_act(text):
    """"seldom criticised", "rarely criticizes": the exception, not an act that happened."""
    import detente

    assert [e.event_type for e in detente.extract(text, published="2025-06-06")] == []


@pytest.mark.parametrize("text", [
    "The Indian ministry declined to comment on the Pakistani claims.",
    "The Indian ministry declined to be named in the Pakistani report.",
    "The Indian ministry refused to discuss the Pakistani proposal.",
])
def test_refusing_to_speak_is_no_refusal_of_anyone(text):
    assert triples(text) == []


@pytest.mark.parametrize(("text", "expected"), [
    ("India refused to extradite the Pakistani suspects.", [("IND", "PAK", "REJECT")]),
    ("India declined the Pakistani request.", [("IND", "PAK", "REJECT")]),
])
def test_refusing_an_act_or_a_request_is_still_a_refusal(text, expected):
    assert triples(text) == expected


@pytest.mark.parametrize("text", [
    "The Indian envoy was almost shot in Karachi by Pakistani militants.",
    "Pakistani militants nearly killed the Indian envoy.",
])
def test_a_near_miss_is_no_act(text):
    assert triples(text) == []


def test_nearly_before_a_number_is_no_near_miss():
    assert triples("Pakistani militants killed nearly 40 Indian soldiers.") == [("PAK", "IND", "ASSAULT")]



@pytest.mark.parametrize("text", [
    "Chile stopped Argentina from attacking Peru.",
    "The Chilean navy kept Argentina from shelling the Peruvian port.",
    "Argentina refrained from attacking Peru.",
    "Brazil vowed to prevent Argentina from acquiring Peruvian missiles.",
    # warned or voted against: opposed, not done
    "Brazil warned Argentina against attacking Peru.",
    "Brazil argued against Argentina sending troops to Peru.",
    # put off
    "Argentina held off on sanctioning Peru.",
    "Argentina held back from striking Peru.",
    "Argentina delayed imposing tariffs on Peru.",
    "Argentina postponed expelling Peru's ambassador.",
    "Argentina ruled out sanctioning Peru.",
    "Argentina's refusal to meet Peru angered Lima.",
])
def test_an_act_kept_from_happening_opposed_or_put_off_is_no_act(text):
    assert [t for t in extracted_triples(text) if t[:2] in (("ARG", "PER"), ("PER", "ARG"))] == []


def test_a_plan_dropped_is_no_intent_and_no_act():
    assert [t for t in extracted_triples("Argentina dropped plans to sanction Peru.")
            if t[2] in ("SANCTION", "THREATEN")] == []


@pytest.mark.parametrize(("text", "expected"), [
    # "keep" with a complement of its own goes on doing; barring someone is an act of its own
    ("Argentina kept attacking Peru.", [("ARG", "PER", "ASSAULT")]),
    ("Chile barred Argentina from entering its ports.", [("CHL", "ARG", "SANCTION")]),
    # an act told beside a postponement is still told
    ("Argentina postponed the talks, accusing Peru of bad faith.", [("ARG", "PER", "ACCUSE")]),
])
def test_going_on_with_an_act_or_barring_someone_is_still_an_act(text, expected):
    assert extracted_triples(text) == expected


@pytest.mark.parametrize("text", [
    "Argentina vowed never to attack Peru.",
    "Argentina promised not to impose tariffs on Peru.",
    "Argentina pledged not to send troops to Peru.",
])
def test_a_pledge_to_refrain_from_force_or_pressure_is_an_intent_to_yield_not_a_threat(text):
    assert [(e.actor.country, e.recipient.country if e.recipient else None, e.event_type, e.event_code)
            for e in detente.extract(text)] == [("ARG", "PER", "AGREE", "035")]


def test_a_pledge_to_use_force_is_still_a_threat():
    assert extracted_triples("Argentina vowed to attack Peru.") == [("ARG", "PER", "THREATEN")]


@pytest.mark.parametrize(("text", "expected"), [
    # not giving leave to is refusing it, as not allowing is ("did not allow … to land")
    ("Ghana did not give permission for the Togolese rally.", [("GHA", "TGO", "REJECT")]),
    ("The Ghanaian government has not granted approval to the Togolese plan.", [("GHA", "TGO", "REJECT")]),
    # the verb alone, negated, refuses nothing: only its phrase with the noun does
    ("Ghana did not give the Togolese envoy a reply.", []),
])
def test_leave_not_given_is_a_refusal(text, expected):
    assert extracted_triples(text) == expected
