"""`detente.engines.rows` (the Parquet rows an engine writes) and the driver-side listing of
the spark engine: no Spark or Java needed."""

from __future__ import annotations

import json

import pyarrow.parquet as pq
import pytest
from builders import make_article, make_event, make_processed, wire_story

from detente.config import Settings
from detente.engines.rows import COLUMNS, TABLES, arrow_schema, processed_to_rows
from detente.models import Actor, Article, Claim, Evidence, ProcessedDocument, Quote
from detente.read import iter_raw
from detente.store import Store


def _coded_document():
    article = make_article(wire_story(3), source_path="corpus/a.txt", url="https://example.org/a",
                           external_id="x-1")
    quote = Quote("q1", article.doc_id, Actor("Petro", "COLGOV", "COL", "GOV"), "words",
                  Evidence("He said words.", 4, 18))
    claim = Claim("c1", article.doc_id, 25.0, "percent", "tariff", "25%", Evidence("A 25% tariff.", 0, 13))
    events = [make_event(article.doc_id, 0), make_event(article.doc_id, 1, recipient=None,
                                                       source_path="elsewhere.txt")]
    return make_processed(article, events, [quote], [claim])


def test_rows_have_exactly_the_columns_and_inherit_document_fields():
    processed = _coded_document()
    rows = processed_to_rows(processed)
    assert set(rows) == set(TABLES)
    for table, records in rows.items():
        for record in records:
            assert list(record) == [name for name, _ in COLUMNS[table]]
    assert [len(rows[t]) for t in TABLES] == [1, 2, 1, 1, 0]
    first, second = rows["events"]
    # Events without their own source_path/url/external_id carry the document's, as in the store.
    assert (first["source_path"], first["url"], first["external_id"]) == ("corpus/a.txt", "https://example.org/a", "x-1")
    assert second["source_path"] == "elsewhere.txt"
    assert second["recipient"] is None
    assert first["actor"] == {"text": "Washington", "name": "Government (United States)", "code": "USAGOV",
                              "country": "USA", "sector": "GOV"}
    assert first["evidence"] == {"text": "sentence 0", "start": 0, "end": 9}
    assert rows["documents"][0]["text"] == processed.article.text
    assert rows["claims"][0]["value"] == 25.0 and rows["quotes"][0]["speaker"]["code"] == "COLGOV"


def test_rejected_documents_are_listed_and_internal_errors_are_not_documents():
    rejected = ProcessedDocument(Article(doc_id="d1", source_path="bad.txt", status="rejected",
                                         reason="no article text (3 words)", text="ignored"))
    rows = processed_to_rows(rejected)
    assert rows["rejections"] == [{"source_path": "bad.txt", "doc_id": "d1", "external_id": None, "url": None,
                                   "reason": "no article text (3 words)"}]
    assert [d["status"] for d in rows["documents"]] == ["rejected"] and rows["documents"][0]["text"] == ""
    failed = ProcessedDocument(Article(doc_id="d2", source_path="boom.txt", status="rejected",
                                       reason="internal error: ValueError: x"))
    rows = processed_to_rows(failed)
    assert rows["documents"] == [] and len(rows["rejections"]) == 1


def test_arrow_schema_matches_the_store_export(tmp_path):
    """What an engine writes has the names and types of `Store.export(..., "parquet")`."""
    with Store(tmp_path / "s.duckdb") as store:
        store.write(_coded_document(), "k1")
        written = store.export(tmp_path / "export")
    for table, path in written.items():
        exported = pq.read_schema(path)
        ours = arrow_schema(table)
        assert [(f.name, f.type) for f in ours] == [(f.name, f.type) for f in exported], table


def test_rows_written_with_pyarrow_import_into_the_store(tmp_path):
    import pyarrow as pa

    processed = _coded_document()
    rows = processed_to_rows(processed)
    folder = tmp_path / "parquet"
    folder.mkdir()
    for table in TABLES:
        pq.write_table(pa.Table.from_pylist(rows[table], schema=arrow_schema(table)), folder / f"{table}.parquet")
    with Store(tmp_path / "s.duckdb") as store:
        assert store.import_parquet(folder) == {"documents": 1, "events": 2, "quotes": 1, "claims": 1}
        # as the store writes them: each event with its document's fields where it has none
        reference = [record for table, record in processed.coded_records() if table == "events"]
        assert [e.to_dict() for e in store.load_events()] == reference


def test_list_inputs_lists_what_the_reader_reads(tmp_path):
    pytest.importorskip("pyspark", reason="the spark engine module imports pyspark lazily but needs it installed")
    from detente.engines.spark import list_inputs

    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "z.txt").write_text(wire_story(1), encoding="utf-8")
    (tmp_path / "a.html").write_text("<html><body><p>" + wire_story(2) + "</p></body></html>", encoding="utf-8")
    (tmp_path / ".hidden.txt").write_text(wire_story(3), encoding="utf-8")
    (tmp_path / "notes.csv").write_text("a,b\n", encoding="utf-8")
    (tmp_path / "README.md").write_text(wire_story(5), encoding="utf-8")  # a project file, not an article
    (tmp_path / "feed.jsonl").write_text(json.dumps({"text": wire_story(4)}) + "\n", encoding="utf-8")
    files = list_inputs([str(tmp_path), str(tmp_path / "missing.txt")])
    assert files == [str(tmp_path / "a.html"), str(tmp_path / "feed.jsonl"), str(tmp_path / "b" / "z.txt"),
                     str(tmp_path / "missing.txt")]
    settings = Settings.load()
    by_reader = [r.source_path.split("#")[0] for r in iter_raw([str(tmp_path), str(tmp_path / "missing.txt")], settings)]
    assert by_reader == files
    with pytest.raises(ValueError, match="standard input"):
        list_inputs(["-"])
