"""`detente.extract` on a string: the notebook entry point, same code path as the CLI."""

from __future__ import annotations

import detente


def test_extract_codes_a_single_short_sentence():
    events = detente.extract("Germany expelled two Pakistani diplomats on Friday.", published="2025-03-07")
    assert [(e.actor.country, e.event_type, e.recipient.country) for e in events] == [("DEU", "SANCTION", "PAK")]
    assert events[0].date == "2025-03-07" and events[0].date_method == "relative"
    assert events[0].to_dict()["evidence"]["text"] == "Germany expelled two Pakistani diplomats on Friday."


def test_extract_accepts_html():
    page = ("<html><head><title>Row</title></head><body><article><p>Japan signed a "
            "defence cooperation agreement with South Korea in Tokyo on Monday, officials said.</p>"
            "</article></body></html>")
    events = detente.extract(page, published="2025-05-14")
    assert any(e.event_type in ("AGREE", "COOPERATE") and {e.actor.country, e.recipient.country} == {"JPN", "KOR"}
               for e in events)
