"""`detente ingest` and `detente serve` on one database at the same time (issue 9, point 3): both
make progress, every read is whole (a document is never seen without all its events), and a
request that has to wait too long gets 503 with Retry-After."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

import httpx
import pytest
from builders import REPO, wire_story

from detente.store import Store
from detente.store.sharing import Busy, WriterTurn, wait_for_writers, writer_waiting

CLI = [sys.executable, "-c", "from detente.cli import main; main()"]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _stories(folder: Path, start: int, n: int) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for i in range(start, start + n):
        (folder / f"story_{i:03d}.txt").write_text(wire_story(i), encoding="utf-8")


# --- the turn protocol, in one process -------------------------------------------------------

def test_a_writer_turn_is_seen_by_readers_and_excludes_other_writers(tmp_path):
    db = str(tmp_path / "x.duckdb")
    first, second = WriterTurn(db), WriterTurn(db)
    assert not writer_waiting(db)
    first.acquire(timeout=1)
    try:
        assert writer_waiting(db)
        with pytest.raises(Busy):
            second.acquire(timeout=0.2)
        started = time.monotonic()
        with pytest.raises(Busy):
            wait_for_writers(db, timeout=0.3)
        assert 0.3 <= time.monotonic() - started < 2
    finally:
        first.release()
    assert not writer_waiting(db)
    wait_for_writers(db, timeout=0.1)
    second.acquire(timeout=1)
    second.release()


def test_a_reader_gets_in_between_back_to_back_writer_turns(tmp_path):
    db = str(tmp_path / "x.duckdb")
    writer = WriterTurn(db)
    stop = threading.Event()

    def write_batches() -> None:  # a fast ingest: the next batch is ready as soon as one is written
        while not stop.is_set():
            writer.acquire(timeout=5)
            time.sleep(0.05)
            writer.release()

    thread = threading.Thread(target=write_batches, daemon=True)
    thread.start()
    try:
        time.sleep(0.2)
        waits = []
        for _ in range(5):
            started = time.monotonic()
            wait_for_writers(db, timeout=1.0)  # Busy here: the writer kept the file for a second
            waits.append(time.monotonic() - started)
            time.sleep(0.03)
    finally:
        stop.set()
        thread.join(timeout=5)
    assert max(waits) < 1.0, waits


def test_a_released_store_can_be_read_by_another_process_then_written_again(tmp_path):
    from builders import article_text, make_article, make_processed

    db = tmp_path / "turns.duckdb"
    store = Store(db)
    store.write(make_processed(make_article(article_text(1))), "one")
    read = [sys.executable, "-c", "import sys; from detente.store import Store; "
            "s = Store(sys.argv[1], read_only=True); print(s.counts()['documents'])", str(db)]
    store.release()
    assert subprocess.run(read, capture_output=True, text=True, timeout=60).stdout.strip() == "1"
    with store.turn():
        store.write(make_processed(make_article(article_text(2), source_path="b.txt")), "two")
    assert subprocess.run(read, capture_output=True, text=True, timeout=60).stdout.strip() == "2"
    store.close()


# --- both commands at once -------------------------------------------------------------------

@pytest.mark.slow
def test_ingest_and_serve_share_one_database_and_every_read_is_whole(tmp_path):
    db = tmp_path / "shared.duckdb"
    first, more = tmp_path / "first", tmp_path / "more"
    _stories(first, 0, 3)
    _stories(more, 100, 40)
    env = {**os.environ, "PYTHONUNBUFFERED": "1", "DETENTE_WRITE_SECONDS": "0.5"}
    assert subprocess.run([*CLI, "ingest", str(first), "--db", str(db)], capture_output=True,
                          timeout=300, cwd=REPO, env=env).returncode == 0

    port = _free_port()
    server = subprocess.Popen([*CLI, "serve", "--db", str(db), "--port", str(port), "--log-level", "warning"],
                              stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, cwd=REPO, env=env)
    ingest = None
    base = f"http://127.0.0.1:{port}"
    seen: dict[str, int] = {}  # doc_id → number of events the server showed with it
    statuses: list[int] = []
    visible: list[int] = []
    try:
        client = httpx.Client(base_url=base, timeout=30)
        deadline = time.monotonic() + 60
        while True:
            try:
                if client.get("/api/overview").status_code == 200:
                    break
            except httpx.TransportError:
                pass
            assert time.monotonic() < deadline, "the server did not start"
            time.sleep(0.2)

        ingest = subprocess.Popen([*CLI, "ingest", str(more), "--db", str(db), "--batch-size", "4"],
                                  stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=REPO, env=env)
        ingest_done = threading.Event()
        threading.Thread(target=lambda: (ingest.wait(), ingest_done.set()), daemon=True).start()
        while not ingest_done.wait(0.1):  # a client that asks ten times a second
            response = client.get("/api/events", params={"limit": 1000})
            statuses.append(response.status_code)
            if response.status_code == 503:
                assert response.headers.get("retry-after"), "a 503 says when to retry"
                continue
            assert response.status_code == 200, response.text
            by_doc: dict[str, int] = {}
            for event in response.json()["items"]:
                by_doc[event["doc_id"]] = by_doc.get(event["doc_id"], 0) + 1
            docs = client.get("/api/documents", params={"limit": 1000})
            statuses.append(docs.status_code)
            if docs.status_code == 200:
                visible.append(docs.json()["total"])
            for doc_id, n in by_doc.items():
                seen[doc_id] = max(seen.get(doc_id, 0), n)
        out, err = ingest.communicate(timeout=60)
        assert ingest.returncode == 0, err
        final = client.get("/api/events", params={"limit": 1000}).json()["items"]
    finally:
        if ingest is not None and ingest.poll() is None:
            ingest.kill()
        server.terminate()
        server.wait(timeout=30)

    final_by_doc: dict[str, int] = {}
    for event in final:
        final_by_doc[event["doc_id"]] = final_by_doc.get(event["doc_id"], 0) + 1
    with Store(db, read_only=True) as store:
        assert store.counts()["documents"] == 43
    # every read was whole: a document the server showed came with all of its events
    assert seen and all(final_by_doc[d] == n for d, n in seen.items()), (seen, final_by_doc)
    # both made progress: the server answered while the ingest wrote, and saw the count grow
    ok = statuses.count(200)
    assert ok >= 10 and ok >= 0.8 * len(statuses), statuses
    assert len(set(visible)) >= 3 and visible == sorted(visible), visible
    print(out.splitlines()[0])
    print(f"{len(statuses)} requests during the ingest: {ok} answered 200, "
          f"{statuses.count(503)} 503; documents seen growing through {sorted(set(visible))}")
