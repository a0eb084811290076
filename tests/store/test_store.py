"""The DuckDB store: schema and migrations, one transaction per document, duplicates,
idempotence, the query functions the CLI and API share, export and import."""

from __future__ import annotations

import json

import duckdb
import pytest
from builders import article_text, make_article, make_event, make_processed

from detente.dedup import Deduplicator
from detente.models import Actor, Article, Claim, Evidence, Quote
from detente.store import AmbiguousId, Store, StoreError, migrations


def near_copy(text: str) -> str:
    words = text.split()
    words[5] = "ambassador"  # one word changed in 120: a re-run of the same wire story
    return " ".join(words)


def deduplicated(store: Store, processed, source_key: str) -> Article:
    """Write as an ingest does: the dedup step's verdict first, then the store records it."""
    return store.write(processed, source_key, verdict=Deduplicator(store).verdict(processed.article))


def test_new_database_has_the_latest_schema(db_path):
    with Store(db_path) as store:
        assert store.version == migrations.LATEST
        assert store.counts() == {"documents": 0, "events": 0, "quotes": 0, "claims": 0,
                                  "sources": 0, "runs": 0}


def test_older_database_is_migrated_and_keeps_its_data(db_path):
    con = duckdb.connect(str(db_path))
    assert migrations.migrate(con, upto=1) == [1]
    con.execute("INSERT INTO documents (doc_id, source_path, status, text) VALUES ('abc', 'old.txt', 'stored', 'x')")
    con.close()
    with Store(db_path) as store:
        assert store.version == migrations.LATEST
        assert [d["doc_id"] for d in store.documents()] == ["abc"]
        assert len(store.events()) == 0
    with Store(db_path, read_only=True) as store:  # a migrated file opens read-only
        assert store.version == migrations.LATEST


def test_read_only_open_refuses_an_old_schema(db_path):
    con = duckdb.connect(str(db_path))
    migrations.migrate(con, upto=1)
    con.close()
    with pytest.raises(StoreError, match="needs v"):
        Store(db_path, read_only=True)


def test_broken_and_foreign_databases_are_named(tmp_path):
    garbage = tmp_path / "garbage.duckdb"
    garbage.write_bytes(b"\x89PNG\r\n\x1a\n" + b"\0" * 5000)
    with pytest.raises(StoreError, match="not a detente database"):
        Store(garbage)
    foreign = tmp_path / "foreign.duckdb"
    con = duckdb.connect(str(foreign))
    con.execute("CREATE TABLE customers (id INTEGER)")
    con.close()
    with pytest.raises(StoreError, match="not a detente database"):
        Store(foreign)
    with pytest.raises(StoreError, match="no detente database"):
        Store(tmp_path / "missing.duckdb", read_only=True)


def test_write_stores_document_and_its_events_in_order(db_path):
    article = make_article(article_text(1), source_path="corpus/a.txt", url="https://x.example/a")
    events = [make_event(article.doc_id, n) for n in range(3)]
    with Store(db_path) as store:
        stored = store.write(make_processed(article, events), "key-a")
        assert stored.status == "stored"
        docs = store.documents().to_dicts()
        assert list(docs[0]) == list(article.to_dict(with_text=False))
        assert store.documents(with_text=True)[0]["text"] == article.text
        rows = store.events().to_dicts()
        assert [r["event_id"] for r in rows] == [e.event_id for e in events]
        expected = events[0].to_dict()
        expected.update(source_path="corpus/a.txt", url="https://x.example/a")  # inherited from the document
        expected.update({key: getattr(article, key) for key in ("outlet", "title", "published", "language")})
        assert rows[0] == expected
        assert list(rows[0]) == list(expected)


def test_exact_duplicate_records_the_source_and_stores_nothing_twice(db_path):
    text = article_text(2)
    first = make_article(text, source_path="a.txt")
    again = make_article(text, source_path="copy/a.txt")
    with Store(db_path) as store:
        deduplicated(store, make_processed(first, [make_event(first.doc_id)]), "k1")
        result = deduplicated(store, make_processed(again, [make_event(again.doc_id)]), "k2")
        assert result.status == "duplicate" and result.duplicate_of == first.doc_id
        assert store.counts()["documents"] == 1 and store.counts()["events"] == 1
        sources = {s["source_key"]: s for s in store.sources()}
        assert sources["k2"]["status"] == "duplicate" and sources["k2"]["duplicate_of"] == first.doc_id
        assert store.describe([result.duplicate_of])[first.doc_id]["source_path"] == "a.txt"


def test_near_duplicate_is_stored_and_linked_also_after_reopening(db_path):
    text = article_text(3)
    original = make_article(text, source_path="a.txt")
    with Store(db_path) as store:
        deduplicated(store, make_processed(original), "k1")
        unrelated = deduplicated(store, make_processed(make_article(article_text(4), source_path="b.txt")), "k2")
        assert unrelated.status == "stored"
    copy = make_article(near_copy(text), source_path="c.txt")
    assert copy.doc_id != original.doc_id
    with Store(db_path) as store:  # the LSH index is rebuilt from stored signatures
        result = deduplicated(store, make_processed(copy, [make_event(copy.doc_id)]), "k3")
        assert result.status == "near_duplicate" and result.duplicate_of == original.doc_id
        doc = store.document(copy.doc_id)
        assert doc.status == "near_duplicate" and doc.duplicate_of == original.doc_id and doc.text
        assert len(store.events(doc_id=copy.doc_id)) == 1


def test_rejections_are_recorded_per_source_with_reason(db_path):
    with Store(db_path) as store:
        for name in ("empty1.txt", "empty2.txt"):  # same bytes → same doc_id, two sources
            rejected = make_article("", source_path=name, doc_id="e3b0c44298fc1c14",
                                    status="rejected", reason="empty file")
            assert store.write(make_processed(rejected), name).status == "rejected"
        rejections = store.rejections().to_dicts()
        assert [(r["source_path"], r["reason"]) for r in rejections] == [
            ("empty1.txt", "empty file"), ("empty2.txt", "empty file")]
        docs = store.documents(status="rejected").to_dicts()
        assert [(d["source_path"], d["status"], d["reason"]) for d in docs] == [
            ("empty1.txt", "rejected", "empty file"), ("empty2.txt", "rejected", "empty file")]
        assert [d["source_path"] for d in store.documents()] == ["empty1.txt", "empty2.txt"]
        assert list(docs[0]) == list(Article.KEYS) and docs[0]["words"] == 0
        assert store.document("e3b0c442").status == "rejected"


def test_writing_twice_is_idempotent_and_seen_drives_resume(db_path):
    article = make_article(article_text(5))
    processed = make_processed(article, [make_event(article.doc_id, n) for n in range(2)])
    with Store(db_path) as store:
        assert not store.seen("k")
        store.write(processed, "k")
        assert store.seen("k")
        before = store.counts()
        store.write(processed, "k")
        assert store.counts() == before


def test_internal_errors_are_retried_on_the_next_run(db_path):
    failed = make_article("", source_path="x.txt", doc_id="ffff", status="rejected",
                          reason="internal error in code: ValueError: boom")
    with Store(db_path) as store:
        store.write(make_processed(failed), "kx")
        assert not store.seen("kx")
        assert [r["reason"] for r in store.rejections()] == ["internal error in code: ValueError: boom"]
        (listed,) = store.documents(status="rejected")  # listed although it has no document row
        assert listed["source_path"] == "x.txt" and listed["reason"].startswith("internal error")
        ok = make_article(article_text(6), source_path="x.txt")
        store.write(make_processed(ok), "kx")
        assert store.seen("kx") and len(store.rejections()) == 0


@pytest.fixture
def filled(db_path):
    a = make_article(article_text(10), source_path="a.txt", external_id="ext-1")
    b = make_article(article_text(11), source_path="b.txt")
    with Store(db_path) as store:
        store.write(make_processed(a, [
            make_event(a.doc_id, 0, date="2025-01-26"),
            make_event(a.doc_id, 1, actor=("Petro", "COLGOV", "COL", "GOV"),
                       recipient=("Washington", "USAGOV", "USA", "GOV"), event_type="ACCUSE",
                       mode=None, cameo_root="11", quad_class=3, intensity=-2.0, date="2025-09",
                       date_precision="month"),
            make_event(a.doc_id, 2, actor=("Caracas", "VENGOV", "VEN", "GOV"), date=None),
        ]), "ka")
        store.write(make_processed(b, [
            make_event(b.doc_id, 0, recipient=None, event_type="THREATEN", cameo_root="13",
                       quad_class=3, date="2024-12-30"),
        ]), "kb")
        yield store, a, b


def test_event_filters(filled):
    store, a, b = filled

    def ids(**kw):
        return [r["event_id"] for r in store.events(**kw)]

    assert ids(dyad="USA-COL") == [f"{a.doc_id}-e0", f"{a.doc_id}-e1"]
    assert ids(dyad="usa>col") == [f"{a.doc_id}-e0"]
    assert ids(dyad="COL>USA") == [f"{a.doc_id}-e1"]
    assert ids(dyad="VEN") == [f"{a.doc_id}-e2"]
    assert ids(since="2025-01") == [f"{a.doc_id}-e0", f"{a.doc_id}-e1"]
    assert ids(since="2025-09-15") == [f"{a.doc_id}-e1"]  # month precision overlaps the bound
    assert ids(until="2025-01") == [f"{a.doc_id}-e0", f"{b.doc_id}-e0"]
    assert ids(until="2024") == [f"{b.doc_id}-e0"]
    assert ids(event_type="threaten") == [f"{b.doc_id}-e0"]
    assert ids(doc_id=b.doc_id[:6]) == [f"{b.doc_id}-e0"]
    record = store.events(event_type="THREATEN")[0]
    assert record["recipient"] is None and record["actor"]["code"] == "USAGOV"
    assert store.events(dyad="USA-COL")[0]["external_id"] == "ext-1"


def test_rows_convert_for_notebooks(filled):
    store, a, _ = filled
    rows = store.events(dyad="USA-COL")
    frame = rows.to_pandas()
    assert len(frame) == 2 and "actor.country" in frame.columns and "evidence.start" in frame.columns
    table = rows.to_arrow()
    assert str(table.schema.field("actor").type).startswith("struct")
    assert table.num_rows == len(rows) == 2
    assert len(store.events(dyad="FRA-DEU").to_pandas()) == 0


def test_model_loaders_round_trip(filled):
    store, a, b = filled
    events = store.load_events(dyad="USA-COL")
    assert [e.event_id for e in events] == [f"{a.doc_id}-e0", f"{a.doc_id}-e1"]
    assert events[1].actor.country == "COL" and events[1].date == "2025-09"
    articles = store.load_articles()
    assert set(articles) == {a.doc_id, b.doc_id} and articles[a.doc_id].text == ""
    assert store.load_articles(with_text=True)[a.doc_id].text == a.text
    assert store.document(a.doc_id[:8]).source_path == "a.txt"
    assert store.document("zzzz") is None


def test_ambiguous_prefix_is_an_error(db_path):
    with Store(db_path) as store:
        for i, doc_id in enumerate(("abc1", "abc2")):
            store.write(make_processed(make_article(article_text(20 + i), doc_id=doc_id)), doc_id)
        with pytest.raises(AmbiguousId):
            store.document("abc")
        assert store.document("abc1").doc_id == "abc1"


def test_quotes_and_claims(db_path):
    article = make_article(article_text(30))
    speaker = Actor("Petro", "COLGOV", "COL", "GOV")
    quote = Quote("q1", article.doc_id, speaker, "we will not accept", Evidence("He said …", 5, 40), "2025-01-26")
    claim = Claim("c1", article.doc_id, 25.0, "percent", "tariff", "25%", Evidence("A 25% tariff", 0, 12),
                  subject="COL")
    with Store(db_path) as store:
        store.write(make_processed(article, quotes=[quote], claims=[claim]), "k")
        assert store.quotes(speaker="COL").to_dicts() == [quote.to_dict()]
        assert store.claims(measure="tariff").to_dicts() == [claim.to_dict()]
        assert [q.to_dict() for q in store.load_quotes([article.doc_id])] == [quote.to_dict()]
        assert [c.to_dict() for c in store.load_claims()] == [claim.to_dict()]
        assert store.load_claims(doc_ids=["other"]) == []


@pytest.mark.parametrize("fmt", ["parquet", "jsonl", "csv"])
def test_export_writes_one_file_per_table(filled, tmp_path, fmt):
    store, a, _ = filled
    paths = store.export(tmp_path / "out", fmt=fmt)
    assert sorted(paths) == ["claims", "documents", "events", "quotes"]
    if fmt == "jsonl":
        lines = [json.loads(line) for line in paths["events"].read_text().splitlines()]
        assert lines == store.events().to_dicts()
        docs = [json.loads(line) for line in paths["documents"].read_text().splitlines()]
        assert list(docs[0]) == list(a.to_dict(with_text=True))
    elif fmt == "csv":
        header = paths["events"].read_text().splitlines()[0].split(",")
        assert "actor.country" in header and "evidence.end" in header
    else:
        table = duckdb.sql(f"SELECT * FROM read_parquet('{paths['events']}')").to_arrow_table()
        assert table.num_rows == 4 and table.to_pylist() == store.events().to_dicts()


def test_import_parquet_is_idempotent(filled, tmp_path):
    store, a, _ = filled
    store.export(tmp_path / "out", fmt="parquet")
    with Store(tmp_path / "other.duckdb") as other:
        assert other.import_parquet(tmp_path / "out") == {"documents": 2, "events": 4, "quotes": 0, "claims": 0}
        assert other.import_parquet(tmp_path / "out") == {"documents": 0, "events": 0, "quotes": 0, "claims": 0}
        assert other.events().to_dicts() == store.events().to_dicts()
        assert other.document(a.doc_id).text == a.text


def test_imported_documents_are_found_as_near_duplicates(filled, tmp_path):
    store, a, _ = filled
    store.export(tmp_path / "out", fmt="parquet")
    with Store(tmp_path / "other.duckdb") as other:
        other.import_parquet(tmp_path / "out")
        copy = make_article(near_copy(a.text), source_path="copy.txt")
        assert deduplicated(other, make_processed(copy), "k").duplicate_of == a.doc_id


def test_duplicates_are_listed_as_records_of_what_they_repeat(db_path):
    text = article_text(60)
    original = make_article(text, source_path="a.txt", title="Talks")
    with Store(db_path) as store:
        deduplicated(store, make_processed(original), "k1")
        deduplicated(store, make_processed(make_article(text, source_path="mirror/a.txt")), "k2")
        assert [d["source_path"] for d in store.documents()] == ["a.txt"]
        (dup,) = store.documents(status="duplicate").to_dicts()
        assert list(dup) == list(Article.KEYS)
        assert (dup["source_path"], dup["status"], dup["duplicate_of"], dup["title"]) == (
            "mirror/a.txt", "duplicate", original.doc_id, "Talks")
        both = store.documents(status=["stored", "duplicate"], with_text=True).to_dicts()
        assert [d["status"] for d in both] == ["stored", "duplicate"] and both[1]["text"] == text


def test_runs_left_running_by_a_killed_process_become_interrupted(db_path):
    with Store(db_path) as store:
        run_id = store.start_run({"paths": ["x"]})
        store.write(make_processed(make_article(article_text(40))), "k", run_id=run_id)
    # the process "died": the run is still marked running
    with Store(db_path) as store:
        store.start_run({})
        runs = {r["run_id"]: r for r in store.runs()}
        assert runs[run_id]["status"] == "interrupted" and runs[run_id]["n_stored"] == 1
