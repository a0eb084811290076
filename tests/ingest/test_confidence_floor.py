"""The confidence floor (`Settings.min_confidence`, `--min-confidence`): fewer, surer events."""

from __future__ import annotations

import pytest

from detente.config import Settings
from detente.pipeline import Pipeline, raw_from_string

TEXT = (
    "Norway expelled two Belarusian diplomats on Tuesday, the foreign ministry in Oslo said. The ministry "
    "accused them of spying on Norwegian oil platforms.\n"
    "Belarus called the decision a provocation and said it would answer in kind. Officials in Minsk later "
    "summoned the Norwegian charge d'affaires.\n"
)


def _events(settings: Settings):
    raw = raw_from_string(TEXT, published="2025-04-02")
    return next(Pipeline(settings).process([raw])).events()


def _key(event):
    return event.event_id, event.confidence


def test_events_under_the_floor_are_dropped_and_the_rest_kept_as_they_were():
    every = _events(Settings.load(min_words=1))
    confidences = sorted({e.confidence for e in every})
    assert len(confidences) >= 2, "the text must give events of different confidence"
    floor = confidences[len(confidences) // 2]
    kept = _events(Settings.load(min_words=1, min_confidence=floor))
    assert [_key(e) for e in kept] == [_key(e) for e in every if e.confidence >= floor]
    assert 0 < len(kept) < len(every)


def test_a_floor_outside_zero_to_one_is_refused():
    with pytest.raises(ValueError, match="from 0 to 1"):
        Settings(min_confidence=1.5)
    with pytest.raises(ValueError, match="from 0 to 1"):
        Settings(min_confidence=-0.1)
