"""Subheadings glued to the next sentence in flattened text start a sentence of their own (own
sentences)."""

from __future__ import annotations

import pytest

import detente
from detente.analyse import load_nlp
from detente.config import Settings


@pytest.fixture(scope="module")
def nlp():
    return load_nlp(Settings.load())


@pytest.mark.parametrize(("text", "sentences"), [
    ("Kenya tightened its rules. Chinese demand The changes in policy have come with costs.",
     ["Kenya tightened its rules.", "Chinese demand", "The changes in policy have come with costs."]),
    ("Rebels deny it. Recent attacks Since January, the rebels have attacked convoys.",
     ["Rebels deny it.", "Recent attacks", "Since January, the rebels have attacked convoys."]),
    # a heading with a number in it, or in capitals, and a sentence that opens with a quotation
    ("The talks stalled. Army kills 20 fighters In the north, the army took two towns.",
     ["The talks stalled.", "Army kills 20 fighters", "In the north, the army took two towns."]),
    ('The talks stalled. UN aid cuts "It will take months," the envoy said.',
     ["The talks stalled.", "UN aid cuts", '"It will take months," the envoy said.']),
])
def test_a_subheading_glued_to_the_next_sentence_is_a_sentence_of_its_own(nlp, text, sentences):
    assert [s.text for s in nlp(text).sents] == sentences


@pytest.mark.parametrize("text", [
    "He said the talks went well. In Nairobi, the ministers met again.",  # a sentence's own opener
    "The film Born In the USA was shown in Kenya.",  # a title inside a sentence, no sentence end before
    "Kenya criticised Somalia on Monday. The talks In Nairobi failed.",  # "The" opens no heading
])
def test_a_capitalised_word_inside_a_sentence_is_no_heading(nlp, text):
    doc = nlp(text)
    from detente.analyse.headings import glued_heading_starts

    assert glued_heading_starts(doc) == []


def test_a_heading_glued_to_a_sentence_tells_no_act():
    # split off, "Chinese demand" alone would still be China's demand of the story's other country
    events = detente.extract("Japan and China held talks on Monday. Japan eased its visa rules for Chinese "
                             "visitors. China welcomed the move by Japan. Chinese demand The changes in Japanese "
                             "immigration policy have come with consequences.", published="2025-05-01")
    assert not any(e.event_type == "REQUEST" for e in events), [(e.actor.text, e.event_type) for e in events]
    assert any(e.event_type == "CONSULT" for e in events)  # the story's own acts stay
