"""Exports load cleanly in pandas, R and Datasette: one column layout (the field table) for CSV,
JSONL, Parquet, `to_pandas()` and the API; codes stay strings; dates always parse; every event
row says where it came from; actors carry a canonical name; docs/fields.md lists every column."""

from __future__ import annotations

import csv
import json
import re

import duckdb
import pandas as pd
import pyarrow.parquet as pq
import pytest
from builders import REPO, article_text, make_article, make_event, make_processed

import detente
from detente.models import FIELDS, Actor, field_names
from detente.present.formats import flat_columns
from detente.store import Store, migrations

ROOT = REPO


@pytest.fixture
def db(db_path):
    a = make_article(article_text(60), source_path="corpus/a.txt", url="https://ledger.example.test/a",
                     title="Washington sends aid", outlet="Pacific Ledger", published="2025-01-27")
    b = make_article(article_text(61), source_path="corpus/b.txt", outlet="Andean Observer")
    with Store(db_path) as store:
        store.write(make_processed(a, [
            make_event(a.doc_id, 0, event_type="AID", mode="humanitarian", cameo_root="07", quad_class=2,
                       intensity=7.4, date="2025-01-26"),
            make_event(a.doc_id, 1, actor=("he", "COLGOV", "COL", "GOV", "Gustavo Petro"),
                       recipient=("Trump", "USAGOV", "USA", "GOV", "Donald Trump"), date="2024-02",
                       date_precision="month"),
        ]), "a")
        store.write(make_processed(b, [make_event(b.doc_id, 0, date=None, date_precision=None, date_method=None),
                                       make_event(b.doc_id, 1, date="2025", date_precision="year")]), "b")
    return db_path


# --- one layout -----------------------------------------------------------------------------


def test_csv_jsonl_parquet_pandas_and_api_share_the_field_tables_columns(db, tmp_path):
    from fastapi.testclient import TestClient

    from detente.server.app import create_app

    out = tmp_path / "out"
    with Store(db, read_only=True) as store:
        for fmt in ("csv", "jsonl", "parquet"):
            store.export(out, fmt=fmt)
        frame = store.events().to_pandas()
    for table in FIELDS:
        with (out / f"{table}.csv").open(encoding="utf-8") as handle:
            header = next(csv.reader(handle))
        extra = ["text"] if table == "documents" else []  # the cleaned text goes with the documents
        assert header == flat_columns(table) + extra, table
        parquet = pq.read_table(out / f"{table}.parquet").flatten().column_names
        assert parquet == flat_columns(table) + extra, table
        lines = (out / f"{table}.jsonl").read_text(encoding="utf-8").splitlines()
        for line in lines[:1]:  # quotes and claims: none in this database
            assert list(json.loads(line)) == list(field_names(table)) + extra, table
    assert list(frame.columns) == flat_columns("events")
    with TestClient(create_app(db)) as client:
        items = client.get("/api/events").json()["items"]
        assert list(items[0]) == list(field_names("events"))
        api_csv = client.get("/api/export/events", params={"format": "csv"}).text
        assert api_csv.splitlines()[0].split(",") == flat_columns("events")


def test_csv_holds_the_columns_an_analyst_asks_for(db, tmp_path):
    with Store(db, read_only=True) as store:
        store.export(tmp_path, fmt="csv", tables=("events",))
    frame = pd.read_csv(tmp_path / "events.csv", dtype=str)
    assert {"outlet", "title", "url", "published", "event_code", "cameo_root", "date", "date_precision",
            "date_earliest", "date_latest", "actor.name", "actor.text"} <= set(frame.columns)


# --- codes are strings, dates always parse ----------------------------------------------------


def test_cameo_codes_stay_strings_with_their_leading_zero(db, tmp_path):
    with Store(db, read_only=True) as store:
        store.export(tmp_path, fmt="csv", tables=("events",))
        store.export(tmp_path, fmt="parquet", tables=("events",))
        frame = store.events().to_pandas()
    assert list(frame["cameo_root"])[0] == "07" and list(frame["event_code"])[0] == "070"
    parquet = pd.read_parquet(tmp_path / "events.parquet")
    assert parquet["cameo_root"].tolist()[:2] == ["07", "16"]
    assert parquet["event_code"].tolist()[:2] == ["070", "160"]
    rows = list(csv.DictReader((tmp_path / "events.csv").open(encoding="utf-8")))
    assert (rows[0]["cameo_root"], rows[0]["event_code"]) == ("07", "070")  # the text keeps the zero
    # Datasette/sqlite-utils and R read Parquet with its types: a string column stays a string
    typed = duckdb.sql(f"SELECT typeof(cameo_root) FROM '{tmp_path / 'events.parquet'}' LIMIT 1").fetchall()
    assert typed == [("VARCHAR",)]


def test_date_bounds_are_iso_days_pandas_parses_at_every_precision(db, tmp_path):
    with Store(db, read_only=True) as store:
        store.export(tmp_path, fmt="csv", tables=("events",))
    frame = pd.read_csv(tmp_path / "events.csv", dtype=str)
    earliest = pd.to_datetime(frame.date_earliest)  # raises if any value is not a date
    latest = pd.to_datetime(frame.date_latest)
    assert frame.date.tolist() == ["2025-01-26", "2024-02", None, "2025"] or frame.date.isna().tolist() == [
        False, False, True, False]
    assert [d.strftime("%Y-%m-%d") if not pd.isna(d) else None for d in earliest] == [
        "2025-01-26", "2024-02-01", None, "2025-01-01"]
    assert [d.strftime("%Y-%m-%d") if not pd.isna(d) else None for d in latest] == [
        "2025-01-26", "2024-02-29", None, "2025-12-31"]
    assert (latest.dropna() >= earliest.dropna()).all()


# --- where each row came from, who acted -------------------------------------------------------


def test_event_rows_carry_their_documents_outlet_title_url_and_publication_date(db):
    with detente.open(db) as store:
        first, _, third, _ = store.events().to_dicts()
    assert (first["outlet"], first["title"], first["url"], first["published"]) == (
        "Pacific Ledger", "Washington sends aid", "https://ledger.example.test/a", "2025-01-27")
    assert third["outlet"] == "Andean Observer" and third["url"] is None


def test_actors_carry_a_canonical_name_beside_the_mention(db):
    with detente.open(db) as store:
        records = store.events().to_dicts()
    assert records[1]["actor"] == {"text": "he", "name": "Gustavo Petro", "code": "COLGOV", "country": "COL",
                                   "sector": "GOV"}
    assert records[0]["actor"]["name"] == "Government (United States)"  # known only by its code
    assert records[0]["recipient"]["name"] == "Colombia"
    assert Actor("them", "IGOUNO", None, "IGO").to_dict()["name"] == "International organisation"


def test_a_database_of_schema_3_gets_the_new_columns_filled(tmp_path):
    path = tmp_path / "old.duckdb"
    con = duckdb.connect(str(path))
    migrations.migrate(con, upto=3)
    con.execute("INSERT INTO documents (doc_id, source_path, outlet, title, published, language, status, text) "
                "VALUES ('d1', 'a.txt', 'Pacific Ledger', 'T', '2025-01-27', 'en', 'stored', 'x')")
    con.execute("INSERT INTO events (doc_id, event_id, actor_text, actor_code, actor_country, actor_sector, "
                "recipient_text, recipient_code, recipient_country, event_type, cameo_root, quad_class, "
                "intensity, date, date_precision, evidence_text, evidence_start, evidence_end, confidence) VALUES "
                "('d1', 'e1', 'U.S. officials', 'USAGOV', 'USA', 'GOV', 'Peru', 'PER', 'PER', 'SANCTION', '16', 4, "
                "-4.0, '2024-02', 'month', 's', 0, 1, 0.5)")
    con.close()
    with Store(path) as store:
        assert store.version >= 4
        record = store.events()[0]
    assert (record["outlet"], record["title"], record["published"], record["language"]) == (
        "Pacific Ledger", "T", "2025-01-27", "en")
    assert (record["event_code"], record["date_earliest"], record["date_latest"]) == ("160", "2024-02-01", "2024-02-29")
    assert record["actor"]["name"] == "Government (United States)" and record["recipient"]["name"] == "Peru"


# --- detente export: timeline, index and contradictions too ------------------------------------


def test_export_writes_timeline_index_and_contradictions_beside_the_tables(db, tmp_path, cli):
    out = tmp_path / "x"
    result = cli("export", out, "--db", db, "--format", "csv", "--table", "events", "--table", "timeline",
                 "--table", "index", "--table", "contradictions")
    assert result.exit_code == 0, result.output
    timeline = pd.read_csv(out / "timeline.csv", dtype=str)
    assert len(timeline) >= 3 and {"story_id", "actor.name", "date_earliest", "mentions"} <= set(timeline.columns)
    index = pd.read_csv(out / "index.csv", dtype=str)
    assert set(index["dyad"]) == {"COL-USA"} and {"period", "direction", "score"} <= set(index.columns)
    assert (out / "contradictions.csv").exists()
    result = cli("export", out, "--db", db, "--format", "parquet", "--table", "timeline", "--dyad", "USA-COL",
                 "--since", "2025")
    assert result.exit_code == 0, result.output
    stories = pd.read_parquet(out / "timeline.parquet")
    assert len(stories) >= 1 and all(str(d) >= "2025" for d in stories["date"].dropna())


def test_export_usage_errors_name_what_is_accepted(db, tmp_path, cli):
    from typer.testing import CliRunner

    from detente.cli import app

    runner = CliRunner()
    bad_table = runner.invoke(app, ["export", str(tmp_path), "--db", str(db), "--table", "stories"])
    assert bad_table.exit_code == 2 and "timeline" in bad_table.output
    bad_dyad = runner.invoke(app, ["export", str(tmp_path), "--db", str(db), "--table", "index", "--dyad", "Narnia-COL"])
    assert bad_dyad.exit_code == 2
    plover_docs = runner.invoke(app, ["export", str(tmp_path), "--db", str(db), "--format", "plover"])
    assert plover_docs.exit_code == 2 and "events" in plover_docs.output


# --- the data dictionary --------------------------------------------------------------------------


def _documented(table: str) -> list[str]:
    text = (ROOT / "docs" / "fields.md").read_text(encoding="utf-8")
    section = re.search(rf"^## `{table}`.*?(?=^## |\Z)", text, re.S | re.M)
    assert section, f"docs/fields.md has no section for {table}"
    return re.findall(r"^\| `([^`]+)` \|", section.group(0), re.M)


def test_docs_fields_lists_exactly_the_columns_of_the_field_table():
    for table in FIELDS:
        extra = ["text"] if table == "documents" else []
        assert _documented(table) == flat_columns(table) + extra, table


# --- tables and briefings name the sides -----------------------------------------------------


def test_tables_and_the_briefing_show_the_canonical_name_not_the_pronoun(db):
    from detente.aggregate.briefing import build_brief
    from detente.present.brief import render_html, render_markdown
    from detente.present.formats import event_view

    with Store(db, read_only=True) as store:
        records = store.events().to_dicts()
        brief = build_brief(store, dyad="USA-COL")
    assert event_view(records[1])["who"] == "Gustavo Petro > Donald Trump"
    assert event_view(records[0])["who"] == "Government (United States) > Colombia"
    for page in (render_markdown(brief), render_html(brief)):
        assert "Gustavo Petro (COLGOV)" in page
        assert "he (COLGOV)" not in page


def test_date_bounds_of_any_string_are_none_or_two_ordered_iso_days():
    from datetime import date

    from hypothesis import given
    from hypothesis import strategies as st

    from detente.models import date_bounds

    iso = st.from_regex(r"\A\d{4}(-\d{2}(-\d{2})?)?\Z")

    @given(st.one_of(st.text(max_size=12), iso))
    def check(value):
        earliest, latest = date_bounds(value)
        if earliest is None:
            assert latest is None
            return
        first, last = date.fromisoformat(earliest), date.fromisoformat(latest)
        assert first <= last and earliest.startswith(value[:4]) and len(earliest) == len(latest) == 10

    check()


def test_sqlite_export_is_one_typed_file_datasette_opens(db, tmp_path, cli):
    import sqlite3

    result = cli("export", tmp_path, "--db", db, "--format", "sqlite", "--table", "events", "--table", "documents",
                 "--table", "timeline")
    assert result.exit_code == 0, result.output
    con = sqlite3.connect(tmp_path / "detente.sqlite")
    columns = [row[1:3] for row in con.execute('PRAGMA table_info("events")')]
    assert [name for name, _ in columns] == flat_columns("events")
    assert dict(columns)["cameo_root"] == "TEXT" and dict(columns)["quad_class"] == "INTEGER"
    assert dict(columns)["intensity"] == "REAL"
    assert con.execute('SELECT cameo_root, typeof(cameo_root), event_code, "actor.name" FROM events').fetchone() == (
        "07", "text", "070", "Government (United States)")
    assert con.execute("SELECT count(*) FROM documents").fetchone() == (2,)
    stories = [row[1] for row in con.execute('PRAGMA table_info("timeline")')]
    assert {"story_id", "actor.name", "date_earliest", "mentions"} <= set(stories)
    con.close()


def test_python_extract_gives_the_same_record_as_the_store():
    text = ("BOGOTÁ, January 26, 2025 — Colombian President Gustavo Petro on Sunday recalled the "
            "ambassador to Washington after the United States imposed tariffs on Colombian coffee.")
    events = detente.extract(text, published="2025-01-26", outlet="Pacific Ledger", title="Recall")
    assert events, "the sentence codes at least one event"
    record = events[0].to_dict()
    assert list(record) == list(field_names("events"))
    assert (record["published"], record["outlet"], record["title"], record["language"]) == (
        "2025-01-26", "Pacific Ledger", "Recall", "en")
    assert all(side is None or side["name"] for side in (record["actor"], record["recipient"]))


def test_a_side_an_event_does_not_have_is_shown_as_none_not_as_unknown():
    """An act that is news alone has no recipient: the views show "—", not the "?" of a side that
    is there but unnamed."""
    from detente.present.formats import event_view

    alone = {"actor": {"text": "Ghana", "name": "Ghana", "code": "GHA", "country": "GHA"}, "recipient": None,
             "event_type": "COERCE", "mode": "restrictions"}
    unnamed = {**alone, "recipient": {"text": None, "name": None, "code": None, "country": None}}
    assert event_view(alone)["who"] == "Ghana > —"
    assert event_view(unnamed)["who"] == "Ghana > ?"
