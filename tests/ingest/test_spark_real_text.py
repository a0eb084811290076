"""The spark engine on real news: a slice of the VOA stories (`../shared/corpus/voa/`) gives the
same events, quotes and claims on `local[2]` as the local engine (issue 12, "Spark at scale,
same results").

The slice is one JSONL file, so Spark splits it into records and redistributes them over the
partitions: batches are made of other documents than in the local engine, which is the
situation of a cluster. The local reference runs in a child process with the hash seed PySpark
gives its Python workers (see test_spark.py).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from builders import SHARED

pytestmark = [pytest.mark.spark, pytest.mark.slow]

pytest.importorskip("pyspark", reason="pyspark is not installed (pip install 'detente[spark]')")
if shutil.which("java") is None and not os.environ.get("JAVA_HOME"):
    pytest.skip("Java is not installed (Spark needs a JDK 17+ on PATH or JAVA_HOME)", allow_module_level=True)

from detente.config import Settings  # noqa: E402
from detente.engines import spark as spark_engine  # noqa: E402
from detente.store import Store  # noqa: E402

VOA = SHARED / "corpus" / "voa" / "voa_stories.jsonl"
STORIES = 12  # every seventh story of the 89: many sections and country pairs
WORKER_HASH_SEED = os.environ.get("PYTHONHASHSEED", "0")


@pytest.fixture(scope="module")
def voa_slice(tmp_path_factory) -> Path:
    if not VOA.exists():
        pytest.skip(f"real-text corpus not found at {VOA} (../shared/corpus/voa/ beside the repository)")
    lines = [line for line in VOA.read_text(encoding="utf-8").splitlines() if line.strip()]
    path = tmp_path_factory.mktemp("voa") / "voa_slice.jsonl"
    path.write_text("\n".join(lines[::7][:STORIES]) + "\n", encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def stores(voa_slice, tmp_path_factory):
    """The local engine's store (`detente ingest`, in a child process meanwhile) and a store
    that imported the spark engine's Parquet (local[2], three partitions)."""
    tmp = tmp_path_factory.mktemp("voa-runs")
    settings = Settings.load(batch_size=4)
    env = dict(os.environ, PYTHONHASHSEED=WORKER_HASH_SEED)
    local = subprocess.Popen([sys.executable, "-c", "from detente.cli import main; main()", "ingest",
                              str(voa_slice), "--db", str(tmp / "local.duckdb"),
                              "--batch-size", str(settings.batch_size), "--workers", "1"],
                             env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    spark = spark_engine.spark_session("local[2]")
    try:
        counts = spark_engine.run_spark([str(voa_slice)], str(tmp / "parquet"), settings,
                                        spark=spark, partitions=3)
    finally:
        spark.stop()
        output, _ = local.communicate(timeout=900)
    assert local.returncode == 0, output.decode(errors="replace")
    with Store(tmp / "spark.duckdb") as store:
        store.import_parquet(tmp / "parquet")
    return {"local": tmp / "local.duckdb", "spark": tmp / "spark.duckdb", "counts": counts}


def _identity(event: dict) -> tuple:
    """What makes an event the same event: article, evidence span, dyad, type, date."""
    return (event["doc_id"], event["evidence"]["start"], event["evidence"]["end"],
            (event["actor"] or {}).get("code") or "", (event["recipient"] or {}).get("code") or "", event["event_type"],
            event["mode"] or "",
            event["date"], event["date_earliest"], event["date_latest"])


def test_real_stories_give_the_local_engines_events(stores):
    with Store(stores["local"], read_only=True) as local, Store(stores["spark"], read_only=True) as spark:
        assert {d["doc_id"] for d in spark.documents()} == {d["doc_id"] for d in local.documents()}
        assert len(local.documents()) == STORIES
        ours = sorted(spark.events(), key=lambda e: (e["doc_id"], e["event_id"]))
        theirs = sorted(local.events(), key=lambda e: (e["doc_id"], e["event_id"]))
        assert len(theirs) >= 3 * STORIES, "too few events to compare on real text"
        assert sorted(map(_identity, ours)) == sorted(map(_identity, theirs))
        assert ours == theirs  # every field: actors' texts, evidence, confidence, dating method


def test_real_stories_give_the_local_engines_quotes_and_claims(stores):
    with Store(stores["local"], read_only=True) as local, Store(stores["spark"], read_only=True) as spark:
        for table, key in (("quotes", "quote_id"), ("claims", "claim_id")):
            ours = sorted(getattr(spark, table)(), key=lambda r: (r["doc_id"], r[key]))
            theirs = sorted(getattr(local, table)(), key=lambda r: (r["doc_id"], r[key]))
            assert ours == theirs, table
        assert stores["counts"]["documents"] == STORIES and stores["counts"]["rejected"] == 0
