"""`detente ingest` end to end, the local engine, and the document commands
(docs, show, clean, export) — through the real CLI."""

from __future__ import annotations

import json
import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from builders import REPO, wire_story

from detente.engines import EngineError, get_engine
from detente.engines.local import ordered_pool_map, process_chunk
from detente.models import Article, RawDocument
from detente.store import Store

PYTHON = sys.executable


def write_stories(folder: Path, n: int, start: int = 0) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for i in range(start, start + n):
        path = folder / f"story_{i:03d}.txt"
        path.write_text(wire_story(i), encoding="utf-8")
        paths.append(path)
    return paths


def snapshot(db: Path) -> dict:
    """Everything a run leaves, minus run ids and times: to compare runs."""
    with Store(db, read_only=True) as store:
        return {
            "documents": sorted((d["doc_id"], d["source_path"], d["status"], d["duplicate_of"])
                                for d in store.documents()),
            "sources": sorted((s["source_path"], s["doc_id"], s["status"]) for s in store.sources()),
            "events": sorted((e["doc_id"], e["event_id"]) for e in store.events()),
            "quotes": len(store.quotes()), "claims": len(store.claims()),
        }


# --- the engine ------------------------------------------------------------------------------

def test_get_engine_dispatches_by_name():
    assert get_engine("local").__name__ == "detente.engines.local"
    with pytest.raises(ValueError, match="unknown engine"):
        get_engine("cluster")


def test_pool_keeps_input_order_and_bounds_what_is_in_flight():
    pulled = []

    def chunks():
        for i in range(12):
            pulled.append(i)
            yield [3 * i + 2, 3 * i + 1, 3 * i]  # `sorted` in the worker reorders each chunk only

    results = ordered_pool_map(sorted, chunks(), workers=2, max_in_flight=3)
    first = next(results)
    assert first == 0 and len(pulled) <= 3  # never more than max_in_flight chunks submitted
    assert [first, *results] == list(range(36))


_ABANDON = """
import subprocess, sys, time
from detente.engines.local import ordered_pool_map
sleep = ["sh", "-c", "exec sleep 30 >/dev/null 2>&1"]  # not holding the test's pipes
chunks = [["echo", "x"], sleep, sleep, sleep]
results = ordered_pool_map(subprocess.check_output, iter(chunks), workers=2)
assert next(results) == ord("x")  # the chunks that sleep are running now
started = time.monotonic()
results.close()  # what a Ctrl-C in the consumer does
print(round(time.monotonic() - started, 1))
"""


def test_an_abandoned_pool_stops_its_running_chunks_and_lets_the_process_exit():
    started = time.monotonic()
    done = subprocess.run([PYTHON, "-c", _ABANDON], capture_output=True, text=True, timeout=120, cwd=REPO)
    assert done.returncode == 0, done.stderr
    assert time.monotonic() - started < 20  # not held at exit until the 30 s chunks end


class _Exploding:
    """A pipeline whose coder breaks on one document."""

    def process(self, raws):
        for raw in raws:
            if raw.text == "boom":
                raise RuntimeError("coder crashed")
        return [type("P", (), {"article": Article(doc_id=r.text, source_path=r.source_path)})() for r in raws]


def test_one_failing_document_does_not_sink_its_chunk():
    raws = [RawDocument(source_path=f"{t}.txt", text=t) for t in ("a", "boom", "c")]
    results = process_chunk(_Exploding(), raws)
    assert [r.article.source_path for r in results] == ["a.txt", "boom.txt", "c.txt"]
    failed = results[1].article
    assert failed.status == "rejected" and failed.reason.startswith("internal error")
    assert "coder crashed" in failed.reason


class _NoModel:
    _nlp = None

    @property
    def nlp(self):
        raise OSError("[E050] Can't find model 'xx_missing'")

    def process(self, raws):
        return [self.nlp for _ in raws]


def test_a_model_that_does_not_load_stops_the_run_with_its_reason():
    with pytest.raises(EngineError, match="could not load the language model.*xx_missing"):
        process_chunk(_NoModel(), [RawDocument(source_path="a.txt", text="x")])


def test_a_missing_model_is_a_clear_error_not_a_rejection(cli, db_path, tmp_path):
    story = write_stories(tmp_path / "in", 1)[0]
    result = cli("ingest", story, "--db", db_path, "--model", str(tmp_path / "no-such-model"))
    assert result.exit_code == 2 and "could not load the language model" in result.stderr
    with Store(db_path, read_only=True) as store:
        assert store.runs()[-1]["status"] == "failed" and len(store.sources()) == 0


# --- ingest ----------------------------------------------------------------------------------

def test_ingest_dev_corpus_then_rerun_stores_nothing_new(cli, dev_corpus, db_path):
    result = cli("ingest", dev_corpus, "--db", db_path)
    assert result.exit_code == 0, result.output
    assert "completed" in result.stdout and "read" in result.stdout
    first = snapshot(db_path)
    assert len(first["documents"]) == 3 and first["events"], first
    with Store(db_path, read_only=True) as store:
        docs = store.documents().to_dicts()
        assert all(d["status"] == "stored" for d in docs), docs
        run = store.runs()[-1]
        assert run["status"] == "completed" and run["n_stored"] == 3 and run["n_events"] == len(first["events"])
    again = cli("ingest", dev_corpus, "--db", db_path)
    assert again.exit_code == 0
    assert snapshot(db_path) == first
    assert re.search(r"^already ingested \(skipped\)\s+3$", again.stdout, re.M)
    assert re.search(r"^read\s+0$", again.stdout, re.M)


def test_docs_show_and_export(cli, dev_corpus, db_path, tmp_path, monkeypatch):
    monkeypatch.setenv("COLUMNS", "200")  # rich folds long cells at 80 columns when not a terminal
    assert cli("ingest", dev_corpus, "--db", db_path).exit_code == 0
    lines = cli("docs", "--db", db_path, "--format", "jsonl").stdout.splitlines()
    records = [json.loads(line) for line in lines]
    assert len(records) == 3 and all(list(r) == list(Article.KEYS) for r in records)
    with_text = [json.loads(line) for line in cli("docs", "--db", db_path, "--format", "jsonl",
                                                   "--with-text").stdout.splitlines()]
    assert all(list(r) == [*Article.KEYS, "text"] and r["text"] for r in with_text)
    csv_out = cli("docs", "--db", db_path, "--format", "csv").stdout
    assert csv_out.splitlines()[0].split(",") == list(Article.KEYS)
    table = cli("docs", "--db", db_path)
    assert table.exit_code == 0 and records[0]["doc_id"] in table.stdout

    doc = with_text[0]
    shown = cli("show", doc["doc_id"][:8], "--db", db_path)
    assert shown.exit_code == 0 and doc["text"][:60] in shown.stdout
    as_json = json.loads(cli("show", doc["doc_id"], "--db", db_path, "--format", "json").stdout)
    assert as_json == doc
    missing = cli("show", "zzzz", "--db", db_path)
    assert missing.exit_code == 1 and "no document" in missing.stderr

    out = tmp_path / "export"
    exported = cli("export", out, "--db", db_path, "--format", "parquet")
    assert exported.exit_code == 0
    assert sorted(p.name for p in out.iterdir()) == ["claims.parquet", "documents.parquet",
                                                     "events.parquet", "quotes.parquet"]
    with Store(tmp_path / "copy.duckdb") as copy:
        copy.import_parquet(out)
    assert snapshot(tmp_path / "copy.duckdb")["events"] == snapshot(db_path)["events"]


def test_clean_prints_records_without_storing(cli, dev_corpus, tmp_path):
    files = sorted(dev_corpus.iterdir())
    result = cli("clean", *files, "--format", "jsonl")
    assert result.exit_code == 0
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert len(records) == len(files)
    assert all(list(r) == [*Article.KEYS, "text"] for r in records)
    text = cli("clean", files[0], "--format", "text")
    assert text.exit_code == 0 and records[0]["text"].strip()[:80] in text.stdout
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    rejected = cli("clean", empty, "--format", "text")
    assert rejected.exit_code == 0 and rejected.stdout == ""
    assert f"rejected {empty}: empty file" in rejected.stderr
    (record,) = [json.loads(line) for line in cli("clean", empty, "--format", "jsonl").stdout.splitlines()]
    assert record["status"] == "rejected" and record["reason"] == "empty file"
    assert not list(tmp_path.glob("*.duckdb"))


def test_stdin_and_jsonl_keep_external_ids(cli, db_path, tmp_path):
    lines = [json.dumps({"id": f"row-{i}", "url": f"https://news.example/{i}", "text": wire_story(100 + i)})
             for i in range(2)]
    result = cli("ingest", "-", "--db", db_path, input="\n".join(lines) + "\n")
    assert result.exit_code == 0, result.output
    with Store(db_path, read_only=True) as store:
        docs = store.documents().to_dicts()
        assert sorted(d["external_id"] for d in docs) == ["row-0", "row-1"]
        events = store.events().to_dicts()
        assert events and all(e["external_id"] in ("row-0", "row-1") for e in events)


def test_usage_errors_exit_2(cli, tmp_path, db_path):
    missing = cli("ingest", tmp_path / "nope", "--db", db_path)
    assert missing.exit_code == 2 and "no such file" in missing.stderr
    assert not db_path.exists()
    broken = tmp_path / "broken.duckdb"
    broken.write_bytes(b"this is not a database" * 100)
    story = write_stories(tmp_path / "in", 1)[0]
    result = cli("ingest", story, "--db", broken)
    assert result.exit_code == 2 and "not a detente database" in result.stderr
    assert cli("docs", "--db", broken).exit_code == 2
    assert cli("docs", "--db", tmp_path / "absent.duckdb").exit_code == 2
    assert cli("docs", "--db", db_path, "--format", "xml").exit_code == 2


def test_workers_give_the_same_result_as_one_process(cli, tmp_path):
    folder = tmp_path / "in"
    write_stories(folder, 8)
    one, two = tmp_path / "one.duckdb", tmp_path / "two.duckdb"
    assert cli("ingest", folder, "--db", one, "--batch-size", "2").exit_code == 0
    result = cli("ingest", folder, "--db", two, "--workers", "2", "--batch-size", "2")
    assert result.exit_code == 0, result.output
    assert snapshot(one) == snapshot(two)

    def in_order(store):  # (the coder may pick another mention of the same actor per process)
        return [(e["doc_id"], e["event_id"], e["event_type"], (e["actor"] or {}).get("country"),
                 (e["recipient"] or {}).get("country")) for e in store.events()]

    with Store(one, read_only=True) as a, Store(two, read_only=True) as b:
        assert in_order(a) == in_order(b)  # same order too


def _start_ingest(folder: Path, db: Path) -> subprocess.Popen:
    return subprocess.Popen(
        [PYTHON, "-c", "from detente.cli import main; main()", "ingest", str(folder), "--db", str(db),
         "--batch-size", "2", "--log"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=REPO, env={**os.environ, "PYTHONUNBUFFERED": "1"})


def _wait_for_stored(process: subprocess.Popen, n: int, timeout: float = 60) -> int:
    deadline, seen = time.monotonic() + timeout, 0
    while seen < n and time.monotonic() < deadline:
        line = process.stderr.readline()
        if not line:
            break
        seen += line.startswith(("stored\t", "near_duplicate\t"))
    return seen


def test_kill_and_interrupt_lose_nothing_and_duplicate_nothing(cli, tmp_path):
    folder = tmp_path / "in"
    write_stories(folder, 16)
    reference = tmp_path / "reference.duckdb"
    assert cli("ingest", folder, "--db", reference).exit_code == 0
    db = tmp_path / "resumed.duckdb"

    killed = _start_ingest(folder, db)
    assert _wait_for_stored(killed, 3) == 3
    killed.send_signal(signal.SIGKILL)
    killed.wait(timeout=30)
    partial = snapshot(db)
    assert 3 <= len(partial["documents"]) < 16

    interrupted = _start_ingest(folder, db)
    assert _wait_for_stored(interrupted, 2) == 2
    interrupted.send_signal(signal.SIGINT)
    stdout, _ = interrupted.communicate(timeout=60)
    if interrupted.returncode == 0:  # it raced to the end before the signal arrived
        assert "completed" in stdout
    else:
        assert interrupted.returncode == 130 and "interrupted" in stdout
    with Store(db, read_only=True) as store:
        runs = store.runs().to_dicts()
        assert runs[0]["status"] == "interrupted"  # the killed run, closed by the next one
        for run in runs:  # the counts of each run are what it left in the database
            assert run["n_read"] == store.run_counts(run["run_id"])["read"], run

    final = subprocess.run([PYTHON, "-c", "from detente.cli import main; main()", "ingest", str(folder),
                            "--db", str(db)], capture_output=True, text=True, timeout=120, cwd=REPO)
    assert final.returncode == 0, final.stderr
    assert snapshot(db) == snapshot(reference)
