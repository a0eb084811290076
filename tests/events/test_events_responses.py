"""A response carried out as an act: "retaliated with tariffs on X", "hit back with duties on X's
steel" is the act the "with" phrase names. Own sentences; actors from the test stand-in."""

from __future__ import annotations

import pytest
from builders import coded, triples


@pytest.mark.parametrize(("text", "expected"), [
    ("Mexico retaliated with tariffs on American steel.", [("MEX", "USA", "SANCTION")]),
    ("Brazil hit back with duties on Chinese steel.", [("BRA", "CHN", "SANCTION")]),
    ("China answered with a 10 percent levy on American cars.", [("CHN", "USA", "SANCTION")]),
])
def test_a_response_with_an_event_noun_is_that_act(text, expected):
    assert triples(text) == expected


@pytest.mark.parametrize("text", [
    "Mexico responded with a statement on the United States.",  # no act in the "with" phrase
    "Mexico agreed with the United States on Monday.",  # not a response verb: "with" names the partner
])
def test_a_with_phrase_that_names_no_act_makes_no_response_event(text):
    assert [t for t in triples(text) if t[2] == "SANCTION"] == []


@pytest.mark.parametrize(("text", "expected"), [
    # tariffs aimed at someone are tariffs on them, not an attack
    ("Peru's tariffs targeting Chile and Bolivia took effect on Monday.",
     [("PER", "SANCTION", "CHL"), ("PER", "SANCTION", "BOL")]),
    # airstrikes that hit someone are still an attack
    ("The Kenyan airstrikes hit Somali rebels on Monday.", [("KEN", "ASSAULT", "SOMREB")]),
    # the noun as the subject: the learned model links the sides, the noun keeps its act
    ("The Indian tariffs target Bangladesh.", [("IND", "SANCTION", "BGD")]),
    ("Brazil's new duties target Argentina.", [("BRA", "SANCTION", "ARG")]),
    # whoever does the aiming is no act aimed: troops and police that target someone attack them
    ("Indian troops targeted Pakistani posts.", [("INDMIL", "ASSAULT", "PAK")]),
    ("Kenyan police targeted Somali refugees.", [("KENCOP", "ASSAULT", "SOMCVL")]),
])
def test_a_verb_that_aims_an_event_noun_states_that_nouns_act(text, expected):
    assert coded(text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    # an act on an event the text has just told ("the arrests", "the request") is aimed at who did it
    ("Togo detained two Ghanaian journalists last week. Ghana condemned the arrests.",
     [("TGO", "COERCE", "GHAMED"), ("GHA", "ACCUSE", "TGO")]),
    ("Togo asked Ghana for electricity supplies. Ghana agreed to the request.",
     [("TGO", "REQUEST", "GHA"), ("GHA", "AGREE", "TGO")]),
    ("Peru threatened Chile with sanctions. Chile dismissed the threat.",
     [("PER", "THREATEN", "CHL"), ("CHL", "REJECT", "PER")]),
    # a thing ("the vaccines") is no event told before; an event noun with its own party keeps it
    ("India sent vaccines to Nepal. Nepal welcomed the vaccines.", [("IND", "AID", "NPL")]),
])
def test_an_act_on_an_event_told_before_is_aimed_at_its_doer(text, expected):
    assert coded(text) == expected
