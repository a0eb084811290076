"""`detente extract`: design event records as JSONL in text order, PLOVER-JSON, table/csv."""

from __future__ import annotations

import json

from typer.testing import CliRunner

import detente.cli.extract  # noqa: F401 - registers the commands
from detente.cli import app
from detente.present.plover import plover_record

ARTICLE = """Washington and Bogota clash over tariffs
BOGOTA, March 3, 2025 - The United States imposed tariffs on Colombian goods on Sunday, officials said.
Colombia criticized Washington and recalled its ambassador from Washington.
Analysts said the dispute could hurt both economies for years to come, and that trade may fall further.
"""


def test_extract_jsonl_is_the_event_record(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    result = CliRunner().invoke(app, ["extract", str(path), "--format", "jsonl"])
    assert result.exit_code == 0, result.output
    records = [json.loads(line) for line in result.stdout.splitlines() if line.strip()]
    assert records, "no events"
    assert records[0]["event_type"] == "SANCTION" and records[0]["recipient"]["country"] == "COL"
    starts = [r["evidence"]["start"] for r in records]
    assert starts == sorted(starts)
    assert {"event_id", "doc_id", "actor", "recipient", "cameo_root", "quad_class", "date_method", "evidence"} <= set(records[0])
    plover = CliRunner().invoke(app, ["extract", str(path), "--format", "plover"])
    first = json.loads(plover.stdout.splitlines()[0])
    assert first["event"] == ["SANCTION"] and first["id"] == records[0]["event_id"]
    assert set(first) >= {"id", "date", "source", "recipient", "event", "mode", "context", "quad_code", "event_scale",
                          "event_text", "text_info", "cite_info"}


def test_extract_missing_path_and_bad_format(tmp_path):
    assert CliRunner().invoke(app, ["extract", str(tmp_path / "nope.txt")]).exit_code == 2
    assert CliRunner().invoke(app, ["extract", str(tmp_path), "--format", "xml"]).exit_code == 2


def test_plover_record_layout():
    record = {"event_id": "x", "date": "2025-01", "actor": {"code": "USAGOV", "country": "USA", "text": "Trump"},
              "recipient": None, "event_type": "THREATEN", "mode": "tariff", "evidence": {"text": "s", "start": 0, "end": 1}}
    out = plover_record(record)
    assert [a["code"] for a in out["source"]] == ["USA"] and out["source"][0]["actor_code"] == "USAGOV"
    assert out["recipient"] == [] and out["event_text"] == ["s"]
    # PLOVER's own mode name for a threatened tariff, the month as its first day and an end date
    assert out["mode"] == ["restrict"] and out["detente_mode"] == "tariff" and "economic" in out["context"]
    assert (out["date"], out["enddate"], out["date_precision"]) == ("2025-01-01", "2025-01-31", None)


def test_extract_min_confidence_prints_only_events_at_or_over_it(tmp_path):
    path = tmp_path / "row.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    every = CliRunner().invoke(app, ["extract", str(path)])
    assert every.exit_code == 0, every.output
    confidences = sorted(json.loads(line)["confidence"] for line in every.stdout.splitlines())
    floor = confidences[-1]
    surest = CliRunner().invoke(app, ["extract", str(path), "--min-confidence", str(floor)])
    assert surest.exit_code == 0, surest.output
    records = [json.loads(line) for line in surest.stdout.splitlines()]
    assert records and all(r["confidence"] >= floor for r in records)
    assert len(records) < len(confidences)
    assert CliRunner().invoke(app, ["extract", str(path), "--min-confidence", "2"]).exit_code == 2
