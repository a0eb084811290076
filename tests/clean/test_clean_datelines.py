"""Datelines are found once, in clean: where a wire story was filed ("SANTIAGO, March 18, 2025
(Pacific Ledger) — "), never an opening clause that happens to hold a dash."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from detente.clean.dateline import dateline_end, datelines


@pytest.mark.parametrize(("text", "rest"), [
    ("T\n\nLIMA, May 3, 2025 (Andes Wire) \u2014 Peru said", "Peru said"),
    ("KYIV (Reuters) - Ukraine said", "Ukraine said"),
    ("WASHINGTON \u2013 The US said", "The US said"),
    ("Santiago, March 18, 2025 \u2014 Chile said", "Chile said"),
    ("Bogot\u00e1, Colombia \u2014 The government said", "The government said"),
    ("NAIROBI: Kenya said", "Kenya said"),
])
def test_the_opening_dateline_ends_where_the_story_begins(text, rest):
    assert text[dateline_end(text):] == rest


@pytest.mark.parametrize("text", [
    "The talks - which failed - ended.",
    "Colombia, a key ally \u2014 said so.",
    "US-Colombia relations soured.",
    "Colombia: a key ally said so.",
])
def test_an_opening_clause_with_a_dash_is_no_dateline(text):
    assert dateline_end(text) == 0 and datelines(text) == []


def test_every_story_of_a_file_has_its_dateline():
    text = "LIMA (Wire) - Peru said.\nQUITO (Wire) - Ecuador said."
    found = datelines(text)
    assert [text[d.start:d.city_end] for d in found] == ["LIMA", "QUITO"]
    assert dateline_end(text) == found[0].end


@given(st.text(max_size=300))
def test_datelines_are_ordered_spans_inside_any_text(text):
    found = datelines(text)
    assert all(0 <= d.start < d.city_end < d.end <= len(text) for d in found)
    assert [d.start for d in found] == sorted(d.start for d in found)
    assert 0 <= dateline_end(text) <= len(text)
