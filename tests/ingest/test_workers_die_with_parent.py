"""`detente ingest --workers 2` killed with `kill -9`: its workers end with it, and the next run
removes the temporary folder the killed one left (issue 9, point 5)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import psutil
from builders import REPO, wire_story

from detente.engines.local import remove_stale_temp_dirs


def _ingest(folder: Path, db: Path, tmp: Path) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-c", "from detente.cli import main; main()", "ingest", str(folder), "--db", str(db),
         "--workers", "2", "--batch-size", "1", "--log"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=REPO,
        env={**os.environ, "PYTHONUNBUFFERED": "1", "TMPDIR": str(tmp), "DETENTE_WRITE_SECONDS": "0"})


def test_killed_ingest_takes_its_workers_along_and_the_next_run_cleans_up(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    for i in range(40):
        (folder / f"story_{i:03d}.txt").write_text(wire_story(i), encoding="utf-8")
    tmp = tmp_path / "tmp"
    tmp.mkdir()
    db = tmp_path / "db.duckdb"

    parent = _ingest(folder, db, tmp)
    try:
        line = parent.stderr.readline()  # the first document is written: the workers are up
        assert line.startswith(("stored\t", "near_duplicate\t")), line + parent.stderr.read()
        children = psutil.Process(parent.pid).children(recursive=True)
        assert len(children) >= 2
        left = [p.name for p in tmp.iterdir() if p.name.startswith("pymp-")]
        assert left, "the pool keeps its fork-server socket in a pymp-* folder"
        parent.send_signal(signal.SIGKILL)
        parent.wait(timeout=30)
        started = time.monotonic()
        gone, alive = psutil.wait_procs(children, timeout=15)
        assert not alive, f"still running after the parent was killed: {[p.pid for p in alive]}"
        print(f"workers gone {time.monotonic() - started:.1f} s after kill -9")
    finally:
        if parent.poll() is None:
            parent.kill()

    for path in tmp.iterdir():  # as old as the cleaner requires
        os.utime(path, (time.time() - 60, time.time() - 60))
    assert sorted(Path(p).name for p in remove_stale_temp_dirs(str(tmp))) == sorted(left)
    assert not [p for p in tmp.iterdir() if p.name.startswith("pymp-")]


def test_a_live_pool_keeps_its_temporary_folder(tmp_path):
    import multiprocessing

    tmp = tmp_path / "tmp"
    tmp.mkdir()
    code = ("import multiprocessing as mp, sys, time; ctx = mp.get_context('forkserver'); "
            "pool = ctx.Pool(1); pool.apply(time.sleep, (0,)); print('up', flush=True); sys.stdin.read()")
    assert "forkserver" in multiprocessing.get_all_start_methods()
    live = subprocess.Popen([sys.executable, "-c", code], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                            text=True, env={**os.environ, "TMPDIR": str(tmp)})
    try:
        assert live.stdout.readline().strip() == "up"
        for path in tmp.iterdir():
            os.utime(path, (time.time() - 60, time.time() - 60))
        assert remove_stale_temp_dirs(str(tmp)) == []
        assert [p for p in tmp.iterdir() if p.name.startswith("pymp-")]
    finally:
        live.stdin.close()
        live.wait(timeout=30)
