"""The notebook API: `detente.open(db)` is the store the CLI writes, with the same queries."""

from __future__ import annotations

import pandas as pd
import pytest
from builders import article_text, make_article, make_event, make_processed

import detente
from detente.store import Store, StoreError


@pytest.fixture
def db(db_path):
    a = make_article(article_text(50), source_path="a.txt")
    b = make_article(article_text(51), source_path="b.txt")
    with Store(db_path) as store:
        store.write(make_processed(a, [make_event(a.doc_id, 0, date="2025-01-26"),
                                       make_event(a.doc_id, 1, date="2024-11-30")]), "a")
        store.write(make_processed(b, [make_event(b.doc_id, 0, actor=("Petro", "COLGOV", "COL", "GOV"),
                                                  recipient=("Trump", "USAGOV", "USA", "GOV"),
                                                  event_type="ACCUSE", date="2025-02")]), "b")
    return db_path


def test_open_events_by_dyad_and_date(db):
    with detente.open(db) as store:
        rows = store.events(dyad="USA-COL", since="2025-01")
        assert len(rows) == 2
        frame = rows.to_pandas()
        assert isinstance(frame, pd.DataFrame)
        assert set(frame["actor.country"]) == {"USA", "COL"}
        assert list(frame["date"]) == ["2025-01-26", "2025-02"]
        table = rows.to_arrow()
        assert table.column("event_type").to_pylist() == ["SANCTION", "ACCUSE"]
        assert [r["event_type"] for r in rows] == ["SANCTION", "ACCUSE"]
        assert store.events(dyad="COL>USA").to_dicts()[0]["actor"]["text"] == "Petro"


def test_open_documents_and_one_document(db):
    with detente.open(db, read_only=True) as store:
        frame = store.documents().to_pandas()
        assert list(frame["source_path"]) == ["a.txt", "b.txt"]
        doc_id = frame["doc_id"][0]
        assert store.document(doc_id[:6]).text == article_text(50)


def test_open_refuses_what_is_not_a_detente_database(tmp_path):
    path = tmp_path / "notes.duckdb"
    path.write_text("not a database at all " * 200)
    with pytest.raises(StoreError, match="not a detente database"):
        detente.open(path)
