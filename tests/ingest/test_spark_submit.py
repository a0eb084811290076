"""`spark-submit …/detente/spark_submit.py PATH --out DIR --db FILE`, the README's cluster
command, on `--master local[2]`: the module is a spark-submit application that uses the session
spark-submit made, writes the Parquet tables and imports them into a store, story events
included."""

from __future__ import annotations

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

from detente import spark_submit as submit_app  # noqa: E402
from detente.store import Store  # noqa: E402


def test_spark_submit_runs_the_module_and_imports_into_a_store(tmp_path):
    spark_submit = Path(sys.executable).with_name("spark-submit")
    if not spark_submit.exists():
        pytest.skip(f"no spark-submit beside {sys.executable} (pyspark's launcher)")
    for i in range(2):
        (tmp_path / f"story_{i}.txt").write_text(wire_story(i), encoding="utf-8")
    out, db = tmp_path / "out", tmp_path / "spark.duckdb"
    env = dict(os.environ, PYSPARK_PYTHON=sys.executable, PYSPARK_DRIVER_PYTHON=sys.executable,
               SPARK_LOCAL_IP="127.0.0.1")
    done = subprocess.run([str(spark_submit), "--master", "local[2]", "--conf", "spark.ui.enabled=false",
                           "--conf", "spark.driver.host=127.0.0.1", submit_app.__file__,
                           str(tmp_path / "story_0.txt"), str(tmp_path / "story_1.txt"),
                           "--out", str(out), "--db", str(db)],
                          env=env, capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr[-3000:]
    assert "detente spark job: inputs 2, documents 2, stored 2" in done.stdout
    events = pq.read_table(out / "events").to_pylist()
    assert events
    with Store(db, read_only=True) as store:
        assert len(store.documents()) == 2
        assert sorted(e["event_id"] for e in store.events()) == sorted({e["event_id"] for e in events})
        stored_stories = store.con.execute("SELECT count(*) FROM stories").fetchone()[0]
        assert stored_stories > 0, "the imported events were not merged into stored story events"
