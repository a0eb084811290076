"""The store records the dedup step's verdict as given and decides none itself: the status,
the document repeated and the signature come from the verdict, and the store package does not
import the dedup step."""

from __future__ import annotations

import ast
from pathlib import Path

import duckdb
import pytest
from builders import article_text, make_article, make_event, make_processed

import detente.store
from detente.clean.fingerprint import minhash
from detente.dedup import Verdict, encode
from detente.store import Store


def near_copy(text: str) -> str:
    words = text.split()
    words[5] = "ambassador"
    return " ".join(words)


def test_a_near_copy_given_a_stored_verdict_is_stored(db_path):
    text = article_text(1)
    original, copy = make_article(text, source_path="a.txt"), make_article(near_copy(text), source_path="b.txt")
    with Store(db_path) as store:
        store.write(make_processed(original), "k1", verdict=Verdict("stored", None, minhash(text)))
        written = store.write(make_processed(copy), "k2", verdict=Verdict("stored", None, minhash(copy.text)))
        assert (written.status, written.duplicate_of) == ("stored", None)
        assert store.status_counts() == {"stored": 2}


def test_a_near_duplicate_verdict_is_recorded_with_its_link_events_and_signature(db_path):
    a, b = make_article(article_text(2), source_path="a.txt"), make_article(article_text(3), source_path="b.txt")
    signature = minhash(b.text)
    with Store(db_path) as store:
        store.write(make_processed(a), "k1", verdict=Verdict("stored", None, minhash(a.text)))
        written = store.write(make_processed(b, [make_event(b.doc_id)]), "k2",
                              verdict=Verdict("near_duplicate", a.doc_id, signature))
        assert (written.status, written.duplicate_of) == ("near_duplicate", a.doc_id)
        doc = store.document(b.doc_id)
        assert (doc.status, doc.duplicate_of) == ("near_duplicate", a.doc_id)
        assert len(store.events(doc_id=b.doc_id)) == 1
        assert store.signatures([b.doc_id]) == [(b.doc_id, *encode(signature))]


def test_a_duplicate_verdict_records_only_the_source(db_path):
    a, b = make_article(article_text(4), source_path="a.txt"), make_article(article_text(5), source_path="b.txt")
    with Store(db_path) as store:
        store.write(make_processed(a), "k1", verdict=Verdict("stored", None, minhash(a.text)))
        written = store.write(make_processed(b, [make_event(b.doc_id)]), "k2", verdict=Verdict("duplicate", a.doc_id))
        assert (written.status, written.duplicate_of) == ("duplicate", a.doc_id)
        assert store.counts()["documents"] == 1 and store.counts()["events"] == 0
        sources = {s["source_key"]: s for s in store.sources()}
        assert (sources["k2"]["status"], sources["k2"]["duplicate_of"]) == ("duplicate", a.doc_id)


def test_without_a_verdict_the_article_is_recorded_as_it_comes_unsigned(db_path):
    article = make_article(article_text(6))
    with Store(db_path) as store:
        assert store.write(make_processed(article), "k").status == "stored"
        assert store.signatures([article.doc_id]) == [(article.doc_id, None, None)]
        assert store.is_kept(article.doc_id) and not store.is_kept("0000000000000000")


def test_the_store_package_does_not_import_the_dedup_step():
    imported = set()
    for path in Path(detente.store.__file__).parent.glob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.module:
                imported.add((path.name, node.module))
            elif isinstance(node, ast.Import):
                imported.update((path.name, alias.name) for alias in node.names)
    assert not [(name, module) for name, module in imported if module.startswith("detente.dedup")]


def _table_rows(store: Store, table: str) -> list[tuple]:
    """A table's rows without the time each was written."""
    columns = [c for (c, *_rest) in store.con.execute(f"DESCRIBE {table}").fetchall()
               if c not in ("ingested_at", "seen_at", "seq")]
    return sorted(map(repr, store.con.execute(f"SELECT {', '.join(columns)} FROM {table}").fetchall()))


def _turn():
    a, b, c = (make_article(article_text(n), source_path=f"{n}.txt") for n in (20, 21, 22))
    rejected = make_article("", doc_id="e3b0c44298fc1c14", source_path="empty.txt", status="rejected",
                            reason="empty file")
    return [
        (make_processed(a, [make_event(a.doc_id, 0), make_event(a.doc_id, 1)]), "k1", Verdict("stored", None, minhash(a.text))),
        (make_processed(b, [make_event(b.doc_id)]), "k2", Verdict("near_duplicate", a.doc_id, minhash(b.text))),
        (make_processed(a), "k3", Verdict("duplicate", a.doc_id)),
        (make_processed(rejected), "k4", Verdict("rejected")),
        (make_processed(c), "k5", Verdict("stored", None, minhash(c.text))),
    ]


def test_a_turn_written_together_stores_exactly_what_writing_one_by_one_stores(tmp_path):
    with Store(tmp_path / "one.duckdb") as one, Store(tmp_path / "together.duckdb") as together:
        singly = [one.write(p, key, run_id="r", verdict=v) for p, key, v in _turn()]
        at_once = together.write_many(_turn(), run_id="r")
        assert at_once == singly
        assert [a.status for a in at_once] == ["stored", "near_duplicate", "duplicate", "rejected", "stored"]
        for table in ("documents", "events", "sources"):
            assert _table_rows(together, table) == _table_rows(one, table), table
        assert together.counts()["events"] == 3


def test_a_document_that_breaks_the_turn_is_written_alone_and_the_ones_before_it_are_kept(db_path):
    good, bad, after = (make_article(article_text(n), source_path=f"{n}.txt") for n in (30, 31, 32))
    broken = make_event(bad.doc_id, intensity="very strong")  # no number: the events table refuses it
    items = [(make_processed(good, [make_event(good.doc_id)]), "k1", Verdict("stored", None, minhash(good.text))),
             (make_processed(bad, [broken]), "k2", Verdict("stored", None, minhash(bad.text))),
             (make_processed(after), "k3", Verdict("stored", None, minhash(after.text)))]
    with Store(db_path) as store:
        with pytest.raises(duckdb.Error):
            store.write_many(items, run_id="r")
        # as `write` one by one: the document before the bad one is stored whole, the bad one not at all
        assert [d["doc_id"] for d in store.documents()] == [good.doc_id]
        assert store.counts()["events"] == 1
        assert [s["source_key"] for s in store.sources()] == ["k1"]


def test_two_documents_with_one_doc_id_in_a_turn_are_written_as_one_by_one(tmp_path):
    text = article_text(40)
    first, second = make_article(text, source_path="a.txt"), make_article(text, source_path="b.txt")
    items = [(make_processed(first), "k1", Verdict("stored", None, minhash(text))),
             (make_processed(second), "k2", Verdict("stored", None, minhash(text)))]
    with Store(tmp_path / "one.duckdb") as one, Store(tmp_path / "together.duckdb") as together:
        singly = [one.write(p, key, verdict=v) for p, key, v in items]
        assert together.write_many(items) == singly
        for table in ("documents", "sources"):
            assert _table_rows(together, table) == _table_rows(one, table), table
