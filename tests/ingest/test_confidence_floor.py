"""The confidence floor (`Settings.min_confidence`, `--min-confidence`): fewer, surer events."""

from __future__ import annotations

import json

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


def test_ingest_min_confidence_stores_only_events_at_or_over_it_and_records_the_floor(cli, tmp_path):
    from detente.store import Store

    source = tmp_path / "row.txt"
    source.write_text(TEXT, encoding="utf-8")
    every, surer = tmp_path / "every.duckdb", tmp_path / "surer.duckdb"
    assert cli("ingest", source, "--db", every, "--workers", "1").exit_code == 0
    with Store(every, read_only=True) as store:
        confidences = sorted(e["confidence"] for e in store.events().to_dicts())
    floor = confidences[len(confidences) // 2]
    result = cli("ingest", source, "--db", surer, "--workers", "1", "--min-confidence", str(floor))
    assert result.exit_code == 0, result.output
    with Store(surer, read_only=True) as store:
        kept = sorted(e["confidence"] for e in store.events().to_dicts())
        runs = store.runs().to_dicts()
    assert kept == [c for c in confidences if c >= floor] and len(kept) < len(confidences)
    assert json.loads(runs[-1]["args"])["min_confidence"] == floor
