"""What the grammar reaches without the learned model: acts done to people no dictionary knows
("released dozens of activists", "police arrested 18 people"), coded with the people's phrase as
the recipient; acts of a named person or organisation no dictionary knows aimed at a known party
("Kofi Mensah filed a complaint against the Togolese state"); attacks or weapons that kill or hit
as their owner's act ("a Peruvian airstrike killed …"). Own sentences."""

from __future__ import annotations

import pytest
from builders import rules_coded

import detente


@pytest.mark.parametrize(("text", "expected"), [
    ("Togo released dozens of political activists on Monday.", ("TGO", "CONCEDE", "political activists", None)),
    ("Togolese police arrested 18 people on Saturday.", ("TGOCOP", "COERCE", "18 people", None)),
    ("The Togolese government has pardoned the former president.", ("TGOGOV", "CONCEDE", "the former president", None)),
    ("Togo has deported a 60-year-old businessman.", ("TGO", "COERCE", "a 60-year-old businessman", None)),
    ("Togo banned the opposition leader from holding public office.", ("TGO", "COERCE", "the opposition leader", None)),
    # a country word inside the people's phrase codes them
    ("A court in Lome freed a Togolese woman.", ("TGOJUD", "CONCEDE", "a Togolese woman", "TGO")),
    # ... or the dictionary knows the people named (one journalist is the media)
    ("A court in Lome freed a Togolese journalist.", ("TGOJUD", "CONCEDE", "Togolese journalist", "TGOMED")),
])
def test_an_act_done_to_people_is_aimed_at_them_by_the_grammar_alone(text, expected):
    assert rules_coded(text) == [expected]


@pytest.mark.parametrize(("text", "expected"), [
    # where people were arrested or freed is no party: they are
    ("Ghanaian police arrested two men in Togo.", ("GHACOP", "COERCE", "two men", None)),
    ("The Ghanaian army arrested 18 smugglers near the Togolese border on Sunday.",
     ("GHAMIL", "COERCE", "18 smugglers", None)),
])
def test_the_place_of_an_act_done_to_people_is_not_its_recipient(text, expected):
    assert rules_coded(text) == [expected]


def test_the_place_of_an_attack_is_still_its_target():
    assert [(a, t, c) for a, t, _, c in rules_coded("The Ghanaian army shelled villages near the Togolese border.")] \
        == [("GHAMIL", "ASSAULT", "TGO")]


@pytest.mark.parametrize("text", [
    # asked of another, refused, negated or only possible: not done
    "Kenya put pressure on Uganda to release the prisoners.",
    "Togo refused to release the activists.",
    "Togo did not release the activists.",
    "Togo may release the activists.",
    # done to things, not people: no recipient to code
    "Togo banned imports of rice.",
])
def test_no_act_done_to_people_when_none_was_done_or_no_one_was_its_object(text):
    assert [e for e in rules_coded(text) if e[1] in ("CONCEDE", "COERCE")] == []


def test_the_whole_pipeline_codes_an_act_done_to_people_once():
    events = detente.extract("Togolese police arrested 18 people on Saturday.", published="2025-05-20")
    assert [(e.actor.code, e.event_type, e.recipient.text) for e in events] == [("TGOCOP", "COERCE", "18 people")]


@pytest.mark.parametrize(("text", "expected"), [
    ("A Ghanaian military airstrike has killed a worker for a telecom company in Togo.", ("GHAMIL", "ASSAULT", "worker", "TGOCVL")),
    ("The missiles fired by the Ghanaian military struck an arms depot of the Togolese army.",
     ("GHAMIL", "ASSAULT", "Togolese army", "TGOMIL")),
])
def test_an_attack_or_a_weapon_that_kills_or_hits_is_its_owners_act_by_the_grammar_alone(text, expected):
    assert rules_coded(text) == [expected]


@pytest.mark.parametrize(("text", "expected"), [
    ("Former prime minister Kofi Mensah criticised the Togolese government on Monday.",
     [(None, "ACCUSE", "Togolese government", "TGOGOV")]),
    ("Kofi Mensah, a lawyer, filed a complaint against the Togolese state.", [(None, "ACCUSE", "Togolese state", "TGO")]),
    ("Kofi Mensah has conducted several trips to the Togolese capital.", [(None, "CONSULT", "Togolese capital", "TGO")]),
    # the subject of the verb the act is coordinated with
    ("Kofi Mensah arrived in Lome on Monday and criticised the Togolese government.",
     [(None, "ACCUSE", "Togolese government", "TGOGOV")]),
    # the "by" phrase of a passive
    ("The Togolese government was criticised by Kofi Mensah on Monday.", [(None, "ACCUSE", "Togolese government", "TGOGOV")]),
    # a base file's loose verb-object pattern names no doer; a pronoun may be the doer himself
    ("Kofi Mensah described the proposed plan as a disaster for Ghana.", []),
    ("Kofi Mensah issued his appeal on Friday.", []),
    # negated: no act
    ("Kofi Mensah did not criticise the Togolese government.", []),
])
def test_a_named_doer_no_dictionary_knows_acts_on_a_known_party_by_the_grammar_alone(text, expected):
    assert rules_coded(text) == expected


def test_a_named_doer_keeps_the_words_of_its_name():
    (event,) = detente.extract("Former prime minister Kofi Mensah criticised the Togolese government on Monday.",
                               published="2025-05-20")
    assert event.actor.text.endswith("Kofi Mensah") and event.actor.code is None


def test_no_counterpart_is_guessed_for_an_act_done_to_people_the_sentence_names():
    # a Ghana-Togo story: the civilians killed are named, so Togo is not guessed as the target
    text = ("Ghana accused Togo of arming rebels. Togo denied it. Togo said Ghana was lying. Togo recalled its "
            "envoy. Ghanaian soldiers killed 12 civilians near the border on Sunday.")
    last = [(e.actor.code, e.event_type, e.recipient.text if e.recipient else None, e.recipient.code if e.recipient else None)
            for e in detente.extract(text, published="2025-05-20") if e.event_type == "ASSAULT"]
    assert last == [("GHAMIL", "ASSAULT", "12 civilians", None)]


@pytest.mark.parametrize(("text", "expected"), [
    # an act given is aimed at the people it is given to, its object or its "to" phrase
    ("Ghana helped refugees on Sunday.", ("GHA", "AID", "refugees", None)),
    ("Ghana provided humanitarian aid to refugees.", ("GHA", "AID", "refugees", None)),
    ("Ghana gave shelter to displaced families.", ("GHA", "AID", "displaced families", None)),
])
def test_aid_given_to_people_no_dictionary_knows_is_aimed_at_them(text, expected):
    assert rules_coded(text) == [expected]


@pytest.mark.parametrize(("text", "expected"), [
    # demands accepted or met are yielded to; the one yielded to is who made them, people included
    ("The Togolese government accepted the demands of the protesters.",
     ("TGOGOV", "CONCEDE", "the protesters", None)),
    ("Togo met the key demands of the striking teachers.", ("TGO", "CONCEDE", "the striking teachers", None)),
    ("The Togolese government accepted the demands of Ghana.", ("TGOGOV", "CONCEDE", "Ghana", "GHA")),
    # rejected, they are refused to whoever made them
    ("The Togolese government rejected the demands of the protesters.", ("TGOGOV", "REJECT", "the protesters", None)),
])
def test_an_answer_to_demands_is_aimed_at_who_made_them(text, expected):
    assert rules_coded(text) == [expected]


@pytest.mark.parametrize(("text", "expected"), [
    # an investigation of a person no dictionary knows is aimed at that person, verb or noun
    ("Ghanaian police are investigating Kofi Mensah.", ("GHACOP", "ACCUSE", "Kofi Mensah", None)),
    ("Ghanaian police launched an investigation into Kofi Mensah.", ("GHACOP", "ACCUSE", "Kofi Mensah", None)),
])
def test_an_investigation_of_a_person_is_aimed_at_them(text, expected):
    assert rules_coded(text) == [expected]


def test_an_investigation_into_an_act_is_no_act_against_anyone():
    assert rules_coded("Ghanaian police launched an investigation into the killing.") == []
