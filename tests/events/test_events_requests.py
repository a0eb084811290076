"""Requests are addressed to the one asked: "urged supporters to march against X" asks the
speaker's own supporters, not X, and "urged member states to impose sanctions on X" is no act of
the speaker's against X. Own sentences; actors from the test stand-in."""

from __future__ import annotations

import pytest
from builders import triples


@pytest.mark.parametrize("text", [
    "Venezuela urged supporters to march against Colombia.",
    "The European Union urged member states to impose sanctions on Russia.",
    "Brazil asked farmers to stop selling beef to China.",
])
def test_a_request_to_a_group_no_dictionary_knows_is_not_addressed_to_the_acts_target(text):
    assert [t for t in triples(text) if t[1] in ("COL", "RUS", "CHN")] == []


@pytest.mark.parametrize(("text", "expected"), [
    ("Germany urged Russia to withdraw its troops.", [("DEU", "RUS", "REQUEST")]),
    ("France pressed Iran to release the detained tourists.", [("FRA", "IRN", "REQUEST")]),
])
def test_a_request_to_a_known_actor_is_still_coded(text, expected):
    assert [(a, r, t) for a, r, t in triples(text)] == expected
