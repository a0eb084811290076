"""`detente.open()`: read-only by default and never holding the file between calls (a notebook
must not lock out `detente ingest`), a missing path refused unless `create=True`, and the
documented `.timeline()`, `.index()`, `.contradictions()` answering DataFrame-ready records."""

from __future__ import annotations

import subprocess
import sys

import pandas as pd
import pytest
from builders import TESTS, article_text, build_corpus, make_article, make_processed

import detente
from detente.notebook import Database, DatabaseMissing, ReadOnlyError
from detente.store import StoreError


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    return build_corpus(tmp_path_factory.mktemp("notebook") / "notebook.duckdb")


def run_python(code: str, *args: str) -> subprocess.CompletedProcess:
    """`code` in another Python process (another DuckDB client of the same file)."""
    return subprocess.run([sys.executable, "-c", f"import sys; sys.path.insert(0, {str(TESTS)!r}); " + code,
                           *args], capture_output=True, text=True, timeout=120)


def test_a_missing_path_is_refused_unless_create(tmp_path):
    missing = tmp_path / "typo.duckdb"
    with pytest.raises(DatabaseMissing, match="no detente database at .*typo.duckdb.*create=True"):
        detente.open(missing)
    assert not missing.exists()  # refused, not created empty
    with pytest.raises(FileNotFoundError):
        detente.open(missing)
    with detente.open(missing, create=True) as db:
        assert db.read_only and len(db.events()) == 0 and db.timeline() == []
    assert missing.exists()


def test_open_is_read_only_by_default_and_writes_raise_a_clear_error(corpus):
    db = detente.open(corpus["db"])
    assert isinstance(db, detente.Database) and db.read_only
    extra = make_article(article_text(61), source_path="extra.txt")
    with pytest.raises(ReadOnlyError, match=r"read-only .*read_only=False"):
        db.write(make_processed(extra), "extra")
    with pytest.raises(ReadOnlyError, match="read-only"):
        db.sql("DELETE FROM events")
    assert len(db.events()) == 5  # nothing was written
    db.close()


def test_a_read_only_open_does_not_block_other_readers(corpus):
    first, second = detente.open(corpus["db"]), detente.open(corpus["db"])
    assert len(first.events()) == len(second.events()) == 5
    other = run_python("import detente; print(len(detente.open(sys.argv[1]).events()))", str(corpus["db"]))
    assert other.returncode == 0, other.stderr
    assert other.stdout.strip() == "5"
    first.close()
    second.close()


def test_a_notebook_handle_does_not_lock_out_a_writer_and_sees_what_it_wrote(corpus, tmp_path):
    import shutil

    db_path = tmp_path / "shared.duckdb"
    shutil.copy(corpus["db"], db_path)
    notebook = detente.open(db_path)
    assert len(notebook.documents()) == 4  # three stored, one rejected
    writer = run_python(
        "from builders import article_text, make_article, make_processed; from detente.store import Store; "
        "s = Store(sys.argv[1]); "
        "s.write(make_processed(make_article(article_text(62), source_path='new.txt')), 'new'); "
        "s.close(); print('written')", str(db_path))
    assert writer.returncode == 0, writer.stderr  # the CLI's store writes while the notebook is open
    assert writer.stdout.strip() == "written"
    assert "new.txt" in set(notebook.documents().to_pandas()["source_path"])
    notebook.close()


def test_read_write_handle_writes(tmp_path):
    with detente.open(tmp_path / "new.duckdb", read_only=False, create=True) as db:
        assert not db.read_only
        db.write(make_processed(make_article(article_text(63), source_path="w.txt")), "w")
        assert [d["source_path"] for d in db.documents()] == ["w.txt"]


def test_timeline_index_and_contradictions_are_dataframe_ready(corpus):
    with detente.open(corpus["db"]) as db:
        timeline = db.timeline(dyad="USA-COL")
        assert isinstance(timeline, list) and isinstance(timeline[0], dict)
        frame = timeline.to_pandas()
        assert isinstance(frame, pd.DataFrame) and len(frame) == len(timeline) >= 3
        assert {"story_id", "date", "event_type", "actor.country", "recipient.country"} <= set(frame.columns)

        index = db.index("USA-COL")
        assert index.dyad == "USA-COL" and index.freq == "month" and index.turning_points
        rows = index.to_pandas()
        assert list(rows[rows.direction == "USA-COL"].period) == ["2025-01", "2025-02", "2025-03"]

        contradictions = db.contradictions(dyad="USA-COL")
        assert sorted(c["kind"] for c in contradictions) == ["date", "number"]
        table = contradictions.to_pandas()
        assert {"kind", "about", "values", "n_sources"} <= set(table.columns)
        single = db.contradictions(dyad="USA-COL", single_sourced=True).to_pandas()
        assert single["single_sourced"].all()


def test_the_filters_are_checked_as_on_the_command_line(corpus):
    from detente.queries import QueryError

    with detente.open(corpus["db"]) as db:
        with pytest.raises(QueryError, match="dyad"):
            db.timeline(dyad="USA-")
        with pytest.raises(QueryError, match="since"):
            db.events(since="January")


def test_not_a_detente_database_is_still_refused(tmp_path):
    path = tmp_path / "notes.duckdb"
    path.write_text("not a database at all " * 200)
    with pytest.raises(StoreError, match="not a detente database"):
        Database(path)
