"""`detente spark`: the batch Spark path end to end through the CLI, then the same timeline
commands over the imported store."""

from __future__ import annotations

import json
import shutil

import pytest

pytestmark = [pytest.mark.spark, pytest.mark.slow]
pytest.importorskip("pyspark", reason="pyspark is not installed (pip install 'detente[spark]')")
if shutil.which("java") is None:
    pytest.skip("no Java on PATH: the spark engine needs Java 17", allow_module_level=True)


def test_spark_command_writes_parquet_imports_it_and_refuses_to_overwrite(cli, tmp_path, dev_corpus):
    corpus = tmp_path / "in"
    corpus.mkdir()
    for path in sorted(dev_corpus.glob("*.txt")):
        shutil.copy(path, corpus / path.name)
    (corpus / "empty.txt").write_text("")
    out, db = tmp_path / "parquet", tmp_path / "spark.duckdb"

    result = cli("spark", corpus, "--out", out, "--db", db)
    assert result.exit_code == 0, result.output
    assert "stored 3" in result.output and "rejected 1" in result.output
    assert all((out / table).is_dir() for table in ("documents", "events", "quotes", "claims", "rejections"))

    events = [json.loads(line) for line in cli("events", "--db", db, "--format", "jsonl").output.splitlines()]
    assert events and all(e["evidence"]["text"] for e in events)
    stories = cli("timeline", "--db", db, "--dyad", "USA-COL", "--format", "jsonl").output.splitlines()
    assert stories

    again = cli("spark", corpus, "--out", out)
    assert again.exit_code == 2 and "already holds" in again.output
