"""`detente watch` as a process: --once for cron, SIGTERM finishes cleanly, a restart resumes."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from builders import DUTIES, TARIFF, TROOPS, Site, rss, write_config

DETENTE = [str(Path(sys.executable).parent / "detente")]


@pytest.fixture
def site():
    web = Site()
    yield web
    web.close()


def _serve(site) -> None:
    site.page("/robots.txt", "User-agent: *\nDisallow: /private/\n", ctype="text/plain")
    site.page("/news/chile-tariffs", TARIFF)
    site.page("/news/steel-duties", DUTIES)
    site.page("/news/bolivia-troops", TROOPS)
    site.page("/feed.xml", rss([("Tariffs", f"{site.base}/news/chile-tariffs"),
                                ("Duties", f"{site.base}/news/steel-duties"),
                                ("Troops", f"{site.base}/news/bolivia-troops")]), ctype="application/rss+xml")


def _config(site, tmp_path: Path) -> Path:
    return write_config(tmp_path, site, feeds=[f"{site.base}/feed.xml"],
                        sinks={"terminal": True, "webhook": f"{site.base}/hook"})


def test_once_polls_once_prints_alerts_and_a_status_line(site, tmp_path):
    _serve(site)
    db = tmp_path / "w.duckdb"
    run = subprocess.run(DETENTE + ["watch", str(_config(site, tmp_path)), "--db", str(db), "--once"],
                         capture_output=True, text=True, timeout=300)
    assert run.returncode == 0, run.stderr
    assert run.stdout.count("ALERT [force]") == 2
    assert [line for line in run.stderr.splitlines() if " poll: " in line][0].count("fetched 3") == 1
    again = subprocess.run(DETENTE + ["watch", str(_config(site, tmp_path)), "--db", str(db), "--once"],
                           capture_output=True, text=True, timeout=300)
    assert again.returncode == 0 and "ALERT" not in again.stdout
    assert "1 not modified" in again.stderr
    assert site.gets("/news/chile-tariffs") == 1


def test_a_confidence_floor_reaches_the_coder(site, tmp_path):
    from detente.store import Store

    _serve(site)
    db = tmp_path / "floor.duckdb"
    run = subprocess.run(DETENTE + ["watch", str(_config(site, tmp_path)), "--db", str(db), "--once",
                                    "--min-confidence", "1"], capture_output=True, text=True, timeout=300)
    assert run.returncode == 0, run.stderr
    with Store(db, read_only=True) as store:  # the three pages stored, none of their events sure enough
        assert len(store.documents().to_dicts()) == 3 and store.events().to_dicts() == []
    assert "ALERT" not in run.stdout


def test_sigterm_stops_cleanly_and_a_restart_resumes(site, tmp_path):
    _serve(site)
    db = tmp_path / "w.duckdb"
    config = _config(site, tmp_path)
    proc = subprocess.Popen(DETENTE + ["watch", str(config), "--db", str(db), "--every", "1s"],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        deadline = time.monotonic() + 240
        while not site.gets("/news/chile-tariffs") and time.monotonic() < deadline:
            time.sleep(0.05)
        time.sleep(0.5)  # fetched (a local page takes milliseconds); the model loads, then codes it
        proc.send_signal(signal.SIGTERM)  # while the first article is being coded
        out, err = proc.communicate(timeout=120)
    finally:
        if proc.poll() is None:
            proc.kill()
    assert proc.returncode == 130, err
    assert "run the same command to resume" in err
    fetched = {p: site.gets(p) for p in ("/news/chile-tariffs", "/news/steel-duties", "/news/bolivia-troops")}
    assert fetched["/news/chile-tariffs"] == 1

    rerun = subprocess.run(DETENTE + ["watch", str(config), "--db", str(db), "--once"],
                           capture_output=True, text=True, timeout=300)
    assert rerun.returncode == 0, rerun.stderr
    # the article being coded at the signal was finished and stored: never fetched again
    assert site.gets("/news/chile-tariffs") == 1
    for path, n in fetched.items():
        assert site.gets(path) <= max(n, 1)
    ids = [a["alert_id"] for a in site.hooks]
    assert len(ids) == len(set(ids)) and sorted(a["rule"] for a in site.hooks).count("force") == 2


@pytest.mark.parametrize("args", [["--every", "soon"], []])
def test_usage_errors_say_what_to_fix(tmp_path, args):
    config = tmp_path / "feeds.yaml"
    config.write_text("feeds: [ftp://nowhere]\n" if not args else "feeds: ['https://example.org/rss']\n")
    run = subprocess.run(DETENTE + ["watch", str(config), "--once"] + args, capture_output=True, text=True,
                         timeout=120, env={**os.environ, "DETENTE_DB": str(tmp_path / "x.duckdb")})
    assert run.returncode == 2
    assert ("not a duration" in run.stderr) if args else ("not an http(s) URL" in run.stderr)


def test_after_kill_9_a_restart_fetches_no_stored_article_again_and_alerts_once(site, tmp_path):
    _serve(site)
    db = tmp_path / "w.duckdb"
    config = _config(site, tmp_path)
    proc = subprocess.Popen(DETENTE + ["watch", str(config), "--db", str(db), "--every", "1s"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 240
        while not site.gets("/news/steel-duties") and time.monotonic() < deadline:
            time.sleep(0.02)  # the second article is fetched: the first one is stored
        proc.kill()
        proc.wait(timeout=30)
    finally:
        if proc.poll() is None:
            proc.kill()
    assert site.hooks == []  # killed before the alerts

    from detente.store import Store

    with Store(db, read_only=True) as store:
        stored = {r[0] for r in store.con.execute("SELECT source_path FROM sources").fetchall()}
    assert f"{site.base}/news/chile-tariffs" in stored
    before = {p: site.gets(p) for p in ("/news/chile-tariffs", "/news/steel-duties", "/news/bolivia-troops")}

    rerun = subprocess.run(DETENTE + ["watch", str(config), "--db", str(db), "--once"],
                           capture_output=True, text=True, timeout=300)
    assert rerun.returncode == 0, rerun.stderr
    for path, n in before.items():
        if f"{site.base}{path}" in stored:
            assert site.gets(path) == n, path  # stored before the kill: not fetched again
    rules = sorted(a["rule"] for a in site.hooks)
    assert rules.count("force") == 2 and rules.count("chile-peru-moves") == 1
    assert len({a["alert_id"] for a in site.hooks}) == len(site.hooks)
