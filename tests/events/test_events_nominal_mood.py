"""Events told as nouns: a visit with both its sides named is an event; a noun of an event still
ahead ("the upcoming visit", "talks are scheduled for June") or called off ("the summit was
postponed") is none. Own sentences."""

from __future__ import annotations

import pytest
from builders import coded as _coded
from builders import extracted_triples


@pytest.mark.parametrize(("text", "expected"), [
    ("The visit by the French president to Morocco was the first in five years.", [("FRAGOV", "CONSULT", "MAR")]),
    ("The Egyptian president's trip to Sudan ended on Monday.", [("EGYGOV", "CONSULT", "SDN")]),
])
def test_a_visit_with_its_visitor_and_host_named_is_an_event(text, expected):
    assert _coded(text) == expected


def test_a_visit_with_one_side_only_is_no_event():
    assert _coded("The visit to Morocco was the first in five years.") == []


@pytest.mark.parametrize("text", [
    "The French president's upcoming visit to Morocco drew attention.",
    "A visit by the Indian prime minister to Nepal is expected in May.",
    "Talks between Peru and Chile are scheduled for June.",
    "The summit between Ghana and Togo is due next week.",
    "The visit by the French president to Morocco was postponed.",
    "The talks between Peru and Chile were cancelled on Monday.",
])
def test_an_event_noun_still_ahead_or_called_off_is_no_event(text):
    assert _coded(text) == []


@pytest.mark.parametrize(("text", "expected"), [
    # readiness for an act ("ready for talks") is a stated intent: a promise (AGREE), the act ahead
    ("Ghana is ready for dialogue with Togo.", [("GHA", "TGO", "AGREE")]),
    ("Peru's foreign ministry said Lima was ready for talks with Santiago.", [("PER", "CHL", "AGREE")]),
    # "said it was ready to …": the reported "it" is the speaker, through the adjective's clause
    ("The Chilean government said it was ready to resume talks with Peru.", [("CHL", "PER", "AGREE")]),
])
def test_readiness_for_an_act_is_an_intent_to_do_it(text, expected):
    assert extracted_triples(text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    # an agreement between two sides signed with no agent named: the two sides sign it
    ("The agreement between Ghana and Togo was signed in Lome.", [("GHA", "TGO", "SUPPORT")]),
    ("A trade deal between Peru and Chile was concluded on Monday.", [("PER", "CHL", "SUPPORT")]),
])
def test_an_act_between_two_sides_told_in_the_passive_has_both_sides(text, expected):
    assert extracted_triples(text) == expected
