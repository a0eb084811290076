"""`detente timeline | index | contradictions | brief` over a store written with crafted data."""

from __future__ import annotations

import csv
import io
import json

import pytest
from builders import brief_data, make_processed

from detente.cli.insight import brief_paths
from detente.models import Article
from detente.store import Store


@pytest.fixture
def crafted_db(db_path):
    d = brief_data()
    with Store(db_path) as store:
        for doc_id, article in d.articles.items():
            stored = Article(**{**article.__dict__, "language": "en", "words": len(article.text.split())})
            store.write(make_processed(
                stored, [e for e in d.events if e.doc_id == doc_id],
                [q for q in d.quotes if q.doc_id == doc_id], [c for c in d.claims if c.doc_id == doc_id]),
                f"key-{doc_id}")
    return db_path


def test_timeline_jsonl_is_the_story_event_record(cli, crafted_db):
    result = cli("timeline", "--db", crafted_db, "--dyad", "USA-COL", "--format", "jsonl")
    assert result.exit_code == 0, result.output
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert [r["date"] for r in records] == ["2025-01-26", "2025-01-27", "2025-09", "2025-10", "2025-10-24"]
    tariff = records[0]
    for key in ("story_id", "actor", "recipient", "event_type", "mode", "cameo_root", "quad_class", "intensity",
                "date", "date_precision", "date_earliest", "date_latest", "n_mentions", "n_articles",
                "n_outlets", "mentions"):
        assert key in tariff
    assert (tariff["n_articles"], tariff["n_outlets"]) == (2, 2)
    assert {m["outlet"] for m in tariff["mentions"]} == {"Wire <One>", "Daily Two"}
    one_way = cli("timeline", "--db", crafted_db, "--dyad", "COL>USA", "--format", "jsonl")
    assert [json.loads(x)["event_type"] for x in one_way.stdout.splitlines()] == ["AGREE"]


def test_timeline_table_csv_md_and_filters(cli, crafted_db):
    table = cli("timeline", "--db", crafted_db, "--since", "2025-10")
    assert table.exit_code == 0 and "ACCUSE" in table.stdout and "AGREE" not in table.stdout
    rows = list(csv.DictReader(io.StringIO(cli("timeline", "--db", crafted_db, "--type", "tariff",
                                               "--format", "csv").stdout)))
    assert len(rows) == 1 and rows[0]["mode"] == "tariff" and rows[0]["actor.code"] == "USAGOV"
    md = cli("timeline", "--db", crafted_db, "--format", "md").stdout
    assert md.startswith("### 6 story events") and "| date |" in md
    bad = cli("timeline", "--db", crafted_db, "--dyad", "USACOL")
    assert bad.exit_code == 2 and "USA-COL" in bad.output


def test_index_rows_and_turning_points(cli, crafted_db):
    result = cli("index", "--db", crafted_db, "--dyad", "USA-COL", "--format", "jsonl")
    assert result.exit_code == 0
    records = [json.loads(line) for line in result.stdout.splitlines()]
    periods = [r for r in records if r["record"] == "period" and r["direction"] == "USA-COL"]
    assert [p["period"] for p in periods] == [f"2025-{m:02d}" for m in range(1, 11)]
    assert [p["n_events"] for p in periods] == [2, 0, 0, 0, 0, 0, 0, 0, 1, 2]
    assert periods[1]["score"] is None
    points = [r for r in records if r["record"] == "turning_point"]
    assert points and points[0]["period"] == "2025-01" and points[0]["kind"] == "opening"
    assert points[0]["drivers"][0]["label"] == "SANCTION/tariff USA>COL 2025-01-26"
    csv_points = list(csv.DictReader(io.StringIO(cli("index", "--db", crafted_db, "--dyad", "USA-COL",
                                                     "--turning-points", "--format", "csv").stdout)))
    assert csv_points[0]["drivers"].startswith("SANCTION/tariff USA>COL 2025-01-26 (")
    table = cli("index", "--db", crafted_db, "--dyad", "USA-COL", "--freq", "week")
    assert table.exit_code == 0 and "2025-W04" in table.stdout and "turning points" in table.stdout
    # the month-precision stories are spread over the weeks of their month, each with a share
    weekly = [json.loads(line) for line in cli("index", "--db", crafted_db, "--dyad", "USA-COL", "--freq", "week",
                                               "--format", "jsonl").stdout.splitlines()]
    assert any(r.get("n_spread") for r in weekly if r["record"] == "period")
    assert cli("index", "--db", crafted_db, "--dyad", "USA-COL", "--freq", "day").exit_code == 2


def test_contradictions_and_single_sourced(cli, crafted_db):
    result = cli("contradictions", "--db", crafted_db, "--format", "jsonl")
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert [r["kind"] for r in records] == ["number"]
    assert {records[0]["a"]["value"], records[0]["b"]["value"]} == {"25%", "50%"}
    single = cli("contradictions", "--db", crafted_db, "--single-sourced", "--format", "jsonl")
    labels = [json.loads(line)["label"] for line in single.stdout.splitlines()]
    assert "SANCTION/visa_ban USA>COL 2025-09" in labels
    assert not any("tariff USA>COL" in label for label in labels)  # two outlets


def test_brief_writes_html_md_or_both(cli, crafted_db, tmp_path):
    out = tmp_path / "b.html"
    result = cli("brief", "--db", crafted_db, "--dyad", "USA-COL", "--out", out)
    assert result.exit_code == 0 and str(out) in result.stdout
    assert "<svg" in out.read_text() and "Where sources disagree" in out.read_text()
    both = cli("brief", "--db", crafted_db, "--out", tmp_path / "both")
    assert both.exit_code == 0 and "most story events" in both.stderr
    assert (tmp_path / "both.html").exists() and (tmp_path / "both.md").read_text().startswith("# COL–USA")
    assert cli("brief", "--db", crafted_db, "--out", tmp_path / "x.pdf").exit_code == 2
    assert [kind for _, kind in brief_paths("x")] == ["html", "md"]


def test_missing_database_is_a_usage_error(cli, tmp_path):
    result = cli("timeline", "--db", tmp_path / "none.duckdb")
    assert result.exit_code == 2 and "detente ingest" in result.output
