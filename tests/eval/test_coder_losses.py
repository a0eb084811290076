"""The loss classes of `benchmarks/coder_losses.py`: where the learned step left a marked pair,
from the trace notes of one sentence (made-up notes; no labelled sentence is read)."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "benchmarks"))

from coder_losses import classify  # noqa: E402

SOURCE, TARGET = "the Togolese army", "Ghanaian border posts"
EVENT = {"actor": {"text": "the Togolese army"}, "recipient": {"text": "border posts"}}
OTHER = {"actor": {"text": "the Togolese army"}, "recipient": {"text": "the village"}}


def test_a_coded_pair_is_no_loss():
    assert classify([EVENT], SOURCE, TARGET, [], 0.65) is None


def test_a_side_with_no_word_of_three_letters_cannot_be_scored():
    assert classify([], "US", TARGET, [], 0.65).startswith("unscorable")


@pytest.mark.parametrize("notes, events, expected", [
    ([], [], "no event: no act reaches the learned step"),
    ([("scored", "the army", "the village", 0.9)], [],
     "no event: no candidate pair (a side is no phrase, or the source cannot act)"),
    ([("ineligible", "the Togolese army", "border posts", "the target is the audience")], [],
     "no event: ineligible: the target is the audience"),
    ([("scored", "the Togolese army", "border posts", 0.4)], [], "no event: under the pair threshold"),
    ([("scored", "the Togolese army", "border posts", 0.8), ("scored", "the army", "the village", 0.9),
      ("chosen", "the army", "the village", 0.9)], [OTHER], "source right, target wrong: another pair chosen"),
    ([("scored", "the Togolese army", "border posts", 0.9), ("chosen", "the Togolese army", "border posts", 0.9),
      ("dropped", "the Togolese army", "border posts", "below the confidence floor")], [],
     "no event: chosen, dropped: below the confidence floor"),
    ([("coded", "the Togolese army", "border posts", 0.7)], [{"actor": {"text": "Chile"}, "recipient": {"text": "Peru"}}],
     "another pair: coded by the learned step, lost later"),
])
def test_each_loss_is_put_where_the_learned_step_left_the_pair(notes, events, expected):
    assert classify(events, SOURCE, TARGET, notes, 0.65) == expected
