"""Verbs that judge their object ("praised France's efforts", "condemned Pakistan's role") are
events with the object's owner, even when the object noun would make a light verb no event
("made an effort"). Own sentences; actors from the test stand-in."""

from __future__ import annotations

import pytest
from builders import triples


@pytest.mark.parametrize(("text", "expected"), [
    ("Germany praised France's efforts to end the crisis.", [("DEU", "FRA", "SUPPORT")]),
    ("India condemned the role of Pakistan in the attack.", [("IND", "PAK", "ACCUSE")]),
])
def test_a_verb_judging_an_actors_effort_or_role_is_an_event_with_that_actor(text, expected):
    assert triples(text) == expected


@pytest.mark.parametrize("text", [
    "Germany made an effort to end the crisis.",  # a light verb with a non-event object: no event
    "Germany praised the film.",  # judged, but no other side in the sentence: none guessed
])
def test_a_non_event_object_still_stops_light_verbs_and_guessed_sides(text):
    assert triples(text) == []
