"""The spark engine on `local[2]`: the same documents, events, quotes and claims as the local
engine on the same inputs, in Parquet that `Store.import_parquet` reads.

The local reference runs in a child process with the PYTHONHASHSEED that PySpark gives its
Python workers ("0" unless set): the coder's choice of an actor's surface text ("US" or
"United States" for the same USA actor) currently depends on the hash seed, and the engines
must be compared under the same conditions.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from builders import wire_story

pytestmark = [pytest.mark.spark, pytest.mark.slow]

pytest.importorskip("pyspark", reason="pyspark is not installed (pip install 'detente[spark]')")
if shutil.which("java") is None and not os.environ.get("JAVA_HOME"):
    pytest.skip("Java is not installed (Spark needs a JDK 17+ on PATH or JAVA_HOME)", allow_module_level=True)

import pyarrow.parquet as pq  # noqa: E402

from detente.config import Settings  # noqa: E402
from detente.engines import spark as spark_engine  # noqa: E402
from detente.engines.rows import COLUMNS, TABLES, processed_to_rows  # noqa: E402
from detente.read import iter_raw  # noqa: E402
from detente.store import Store  # noqa: E402

WORKER_HASH_SEED = os.environ.get("PYTHONHASHSEED", "0")  # what PySpark gives its workers


def local_ingest(paths: list[Path], db: Path, batch_size: int) -> subprocess.Popen:
    """Start `detente ingest` with the local engine in a child process with the workers' hash seed."""
    env = dict(os.environ, PYTHONHASHSEED=WORKER_HASH_SEED)
    return subprocess.Popen([sys.executable, "-c", "from detente.cli import main; main()", "ingest",
                             *map(str, paths), "--db", str(db), "--batch-size", str(batch_size)],
                            env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)


@pytest.fixture(scope="module")
def corpus(tmp_path_factory, dev_corpus) -> Path:
    """The dev articles, generated stories, a JSONL file holding a new story, an exact duplicate
    of a story file and a broken line, and a file too short to be an article."""
    root = tmp_path_factory.mktemp("spark-corpus")
    shutil.copytree(dev_corpus, root / "dev")
    for i in range(4):
        (root / f"story_{i}.txt").write_text(wire_story(i), encoding="utf-8")
    lines = [json.dumps({"id": "n-100", "url": "https://example.org/100", "text": wire_story(100)}),
             json.dumps({"id": "n-1", "text": wire_story(1)}), "this line is not JSON"]
    (root / "wire.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    (root / "short.txt").write_text("Too short to be an article.\n", encoding="utf-8")
    return root


@pytest.fixture(scope="module")
def session():
    spark = spark_engine.spark_session("local[2]")
    yield spark
    spark.stop()


@pytest.fixture(scope="module")
def runs(corpus, session, tmp_path_factory):
    """The local engine into a store (in a child process, meanwhile), and the spark engine into
    Parquet: the whole corpus rebalanced, and its plain-text files without rebalancing,
    overwriting a stale table."""
    tmp = tmp_path_factory.mktemp("spark-runs")
    settings = Settings.load(batch_size=4)
    reference = local_ingest([corpus], tmp / "local.duckdb", settings.batch_size)
    try:
        out = tmp / "parquet"
        counts = spark_engine.run_spark([str(corpus)], str(out), settings, spark=session, partitions=3)
        plain = tmp / "parquet-plain"
        (plain / "documents").mkdir(parents=True)
        (plain / "documents" / "stale.parquet").write_bytes(b"not parquet")
        # In the order a walk of the corpus folder reads them (root files, then dev/).
        text_files = [str(corpus / f"story_{i}.txt") for i in range(4)] + [str(corpus / "dev")]
        plain_counts = spark_engine.run_spark(text_files, str(plain), settings, spark=session,
                                              partitions=2, rebalance=False, overwrite=True)
    finally:
        output, _ = reference.communicate(timeout=600)
    assert reference.returncode == 0, output.decode(errors="replace")
    return {"settings": settings, "local_db": tmp / "local.duckdb", "out": out, "counts": counts,
            "plain": plain, "plain_counts": plain_counts, "text_files": text_files, "tmp": tmp}


def _table(folder: Path, table: str) -> list[dict]:
    return pq.read_table(folder / table).to_pylist()


def test_writes_every_table_with_the_store_columns_in_input_order(runs, corpus):
    out = runs["out"]
    assert sorted(p.name for p in out.iterdir()) == sorted(TABLES), "staging table left behind"
    for table in TABLES:
        assert pq.read_schema(next((out / table).glob("*.parquet"))).names == [c for c, _ in COLUMNS[table]]
    documents = _table(out, "documents")
    by_reader = [r.source_path for r in iter_raw([str(corpus)], runs["settings"])]
    internal = {r["source_path"] for r in _table(out, "rejections") if r["reason"].startswith("internal error")}
    assert [d["source_path"] for d in documents] == [p for p in by_reader if p not in internal]
    counts = runs["counts"]
    assert counts["inputs"] == 3 + 4 + 1 + 1
    assert counts["documents"] == len(by_reader) == 3 + 4 + 3 + 1
    for table in ("events", "quotes", "claims"):
        assert counts[table] == len(_table(out, table))
    assert counts["events"] > 0 and counts["quotes"] > 0


def test_rejections_name_each_rejected_input_with_its_reason(runs, corpus):
    rejections = {r["source_path"]: r["reason"] for r in _table(runs["out"], "rejections")}
    assert set(rejections) == {str(corpus / "short.txt"), f"{corpus / 'wire.jsonl'}#L3"}
    assert rejections[f"{corpus / 'wire.jsonl'}#L3"].startswith("not JSON")
    assert runs["counts"]["rejected"] == 2
    with Store(runs["local_db"], read_only=True) as store:
        assert {r["source_path"] for r in store.rejections()} == set(rejections)


def test_imported_into_a_store_equals_the_local_engine(runs):
    with Store(runs["tmp"] / "spark.duckdb") as spark_store, Store(runs["local_db"], read_only=True) as local_store:
        added = spark_store.import_parquet(runs["out"])
        # The JSONL line repeating story_1.txt is one document after import (exact dedup by doc_id).
        documents = _table(runs["out"], "documents")
        assert len(documents) - len({d["doc_id"] for d in documents}) == 1
        assert added["documents"] == len(documents) - 1
        # Rejected inputs are listed by the store per source, which an import does not record:
        # they are in the `rejections` table (see the test above). Stored documents are the same.
        stored = ["stored", "near_duplicate"]
        assert {d["doc_id"] for d in spark_store.documents(status=stored)} == \
            {d["doc_id"] for d in local_store.documents(status=stored)}

        local_events = sorted((e for e in local_store.events()), key=lambda e: (e["doc_id"], e["event_id"]))
        spark_events = sorted((e for e in spark_store.events()), key=lambda e: (e["doc_id"], e["event_id"]))
        assert len(local_events) > 10
        assert [e["event_id"] for e in spark_events] == [e["event_id"] for e in local_events]
        assert spark_events == local_events
        for table, key in (("quotes", "quote_id"), ("claims", "claim_id")):
            ours = sorted(getattr(spark_store, table)(), key=lambda r: (r["doc_id"], r[key]))
            theirs = sorted(getattr(local_store, table)(), key=lambda r: (r["doc_id"], r[key]))
            assert ours == theirs, table
        # Importing the same Parquet again adds nothing.
        assert set(spark_store.import_parquet(runs["out"]).values()) == {0}


def test_without_rebalancing_the_rows_are_the_same(runs):
    """The plain-text files give the same rows either way (the rebalanced run's copy of a story
    repeated in the JSONL file aside: quotes and claims carry no source path, keep the first)."""
    text_paths = {r.source_path for r in iter_raw(runs["text_files"], runs["settings"])}
    docs = {d["doc_id"] for d in _table(runs["plain"], "documents")}
    for table in TABLES:
        rebalanced = _table(runs["out"], table)
        if table in ("documents", "events", "rejections"):
            rebalanced = [r for r in rebalanced if r["source_path"] in text_paths]
        else:
            key = "quote_id" if table == "quotes" else "claim_id"
            firsts = {}
            for r in rebalanced:
                if r["doc_id"] in docs:
                    firsts.setdefault((r["doc_id"], r[key]), r)
            rebalanced = list(firsts.values())
        assert _table(runs["plain"], table) == rebalanced, table
    assert runs["plain_counts"]["documents"] == 3 + 4
    assert not (runs["plain"] / "documents" / "stale.parquet").exists()


def test_refuses_to_overwrite_before_doing_any_work(runs, corpus, session):
    with pytest.raises(FileExistsError, match="overwrite=True"):
        spark_engine.run_spark([str(corpus / "story_0.txt")], str(runs["out"]), runs["settings"], spark=session)
    assert len(_table(runs["out"], "documents")) == runs["counts"]["documents"]


def test_engine_interface_yields_in_input_order_like_the_local_engine(runs, corpus, session):
    settings = runs["settings"]
    paths = [str(corpus / "dev"), str(corpus / "story_0.txt")]
    ours = list(spark_engine.run(iter_raw(paths, settings), settings))
    assert [p.article.source_path for p in ours] == [r.source_path for r in iter_raw(paths, settings)]
    # The store keeps the first event of a document under one event_id (the coder can give two).
    firsts: dict[tuple[str, str], dict] = {}
    for p in ours:
        for e in processed_to_rows(p)["events"]:
            firsts.setdefault((e["doc_id"], e["event_id"]), e)
    events = list(firsts.values())
    doc_ids = {p.article.doc_id for p in ours}
    with Store(runs["local_db"], read_only=True) as store:
        theirs = [e for e in store.events() if e["doc_id"] in doc_ids]
    assert len(events) > 10
    assert sorted(events, key=lambda e: (e["doc_id"], e["event_id"])) == \
        sorted(theirs, key=lambda e: (e["doc_id"], e["event_id"]))
