"""An act told in the complement of an allegation is its content, not an event of its own; an
act in a preposition's complement after an object that can act is the object's. Own sentences,
real dictionaries."""

from __future__ import annotations

import pytest

import detente


def _triples(text: str):
    return [(e.actor.country if e.actor else None, e.event_type, e.recipient.country if e.recipient else None)
            for e in detente.extract(text, published="2025-04-04")]


@pytest.mark.parametrize(("text", "expected"), [
    ("Israel accused Iran of arming Hezbollah.", [("ISR", "ACCUSE", "IRN")]),
    ("Washington blamed Moscow for attacking the Ukrainian grid.", [("USA", "ACCUSE", "RUS")]),
    ("Turkey accused Greece of harbouring Kurdish militants.", [("TUR", "ACCUSE", "GRC")]),
    # the clause of a claim is its content too; what someone said was done is reported as done
    ("Kenya alleged that Uganda had blocked Ukrainian ships.", [("KEN", "ACCUSE", "UGA")]),
    ("A lawsuit alleged that Russia had blocked Ukrainian ships.", []),
    ("A report claimed that Russia had blocked Ukrainian ships.", []),
    ("Kenya said that Uganda had blocked Ukrainian ships.", [("UGA", "SANCTION", "UKR")]),
])
def test_only_the_allegation_is_coded_not_the_act_alleged(text, expected):
    assert _triples(text) == expected


def test_a_charge_is_coded_and_the_charged_act_is_not():
    triples = _triples("Kenya charged two Somali men with helping al-Shabab.")
    assert ("KEN", "COERCE", "SOM") in triples
    assert all(kind != "AID" for _, kind, _ in triples)


def test_the_object_does_the_act_of_a_for_complement():
    triples = _triples("Ukraine thanked Poland for sending tanks to Kyiv.")
    assert ("UKR", "SUPPORT", "POL") in triples
    assert all(actor != "UKR" for actor, kind, _ in triples if kind != "SUPPORT")


def test_after_a_thing_as_object_the_subject_still_acts():
    assert ("JPN", "CONSULT", "IND") in _triples("Japan signed the deal after meeting Indian officials in Tokyo.")


@pytest.mark.parametrize("text", [
    "Chile accused Peru of violating the treaty, a charge Lima denied.",
    "Chile accused Peru of spying, an allegation Lima rejected.",
])
def test_a_charge_another_denies_is_still_told(text):
    """"X accused Y, a charge Z denied": the parser hangs the accusation under the denial as its
    clause, but the denial has an object of its own (the charge): the accusation is told."""
    assert ("CHL", "ACCUSE", "PER") in _triples(text)


def test_what_a_denial_governs_is_still_denied():
    assert all(kind != "ASSAULT" for _, kind, _ in _triples("Lima denied that Peru attacked Chile."))


@pytest.mark.parametrize("text", [
    "Chile accused the rebel group of attacking Peruvian soldiers.",
    "Chile accused the militants of attacking Peruvian soldiers.",
    "Chile blamed the militants for the attack on Peruvian soldiers.",
    "Chile alleged that the militants had attacked Peruvian soldiers.",
])
def test_an_accusation_of_someone_unknown_is_not_aimed_at_the_victims(text):
    """The accused are named (no country the dictionaries know); the soldiers are who the
    accused act was done to, not who is accused."""
    assert ("CHL", "ACCUSE", "PER") not in _triples(text)
    assert any(actor == "CHL" and kind == "ACCUSE" for actor, kind, _ in _triples(text))


def test_an_accusation_of_a_known_party_is_aimed_at_it():
    assert _triples("Chile accused Peruvian rebels of attacking its soldiers.") == [("CHL", "ACCUSE", "PER")]


def test_an_accused_pronoun_is_the_accused_not_a_party_inside_the_charge():
    # "it" is Togo: the militants the charge names are not accused
    triples = _triples("Ghanaian officials blamed archrival Togo, accusing it of providing support to anti-Ghana "
                       "militants in Burkina Faso.")
    assert ("GHA", "ACCUSE", "TGO") in triples
    assert all(recipient != "BFA" for _, _, recipient in triples), triples


@pytest.mark.parametrize("text", [
    # a claim of one's own act reports that act, by its doer
    "The Peruvian rebels claimed that they had attacked the Chilean army base.",
    "The Peruvian rebels claimed they attacked the Chilean army base.",
    # ... and so does responsibility or credit claimed for it
    "Shining Path claimed responsibility for the attack on the Chilean army base.",
    "Shining Path took credit for the bombing of the Chilean embassy.",
])
def test_a_claim_of_ones_own_act_is_that_act(text):
    assert ("PER", "ASSAULT", "CHL") in _triples(text)


@pytest.mark.parametrize("text", [
    # a claim about another's act stays an allegation; responsibility denied claims no act
    "A report claimed that Chile had attacked the Peruvian army base.",
    "Shining Path denied responsibility for the attack on the Chilean army base.",
])
def test_a_claim_about_another_or_a_denial_is_no_act_of_the_claimer(text):
    assert all(kind != "ASSAULT" for _, kind, _ in _triples(text))
