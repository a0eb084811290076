"""detente watch, end to end: feeds and pages served from 127.0.0.1 in the test process.

The articles are written for these tests (invented moves between Chile, Peru, Bolivia and
Paraguay); each was checked to give events with `detente extract`.
"""

from __future__ import annotations

import html
import io
import json
import time
from pathlib import Path

import pytest
from builders import DUTIES, FRUIT, TARIFF, TROOPS, Site, rss, write_config

from detente.config import Settings
from detente.store import Store
from detente.store.watch import WatchState
from detente.watch import Watcher, load


@pytest.fixture
def site():
    s = Site()
    yield s
    s.close()


BAD_PATHS = ("/news/missing", "/news/huge", "/slow/story", "/private/secret")


def serve_news(site: Site) -> None:
    site.page("/robots.txt", "User-agent: *\nDisallow: /private/\n", ctype="text/plain")
    site.page("/news/chile-tariffs", TARIFF)
    site.page("/mirror/chile-tariffs", TARIFF)  # the same article under a second URL
    site.page("/news/steel-duties", DUTIES)
    site.page("/news/bolivia-troops", TROOPS)
    site.page("/news/huge", "<html><body>" + "<p>padding text for a huge page</p>" * 160_000 + "</body></html>")
    site.page("/slow/story", TARIFF, delay=2.0)
    site.page("/private/secret", TROOPS)
    site.page("/feed.xml", rss([
        ("Chile slaps tariffs", f"{site.base}/news/chile-tariffs"),
        ("Chile slaps tariffs (tracked)", f"{site.base}/news/chile-tariffs?utm_source=rss#top"),
        ("Mirror", f"{site.base}/mirror/chile-tariffs"),
        ("Steel duties", f"{site.base}/news/steel-duties"),
        ("Troops", f"{site.base}/news/bolivia-troops"),
        ("Missing", f"{site.base}/news/missing"),
        ("Huge", f"{site.base}/news/huge"),
        ("Slow", f"{site.base}/slow/story"),
        ("Secret", f"{site.base}/private/secret"),
    ]), ctype="application/rss+xml")
    site.page("/broken.xml", b"<rss><channel><item><title>half a feed", ctype="application/rss+xml")
    site.page("/notes.xml", b"just some words, no feed at all", ctype="text/plain")


def make_watcher(config_path: Path, db: Path, logs: list[str], out: io.StringIO) -> Watcher:
    return Watcher(load(config_path), str(db), Settings.load(db=str(db)), log=logs.append, out=out)


def alert_kinds(alerts: list[dict]) -> list[tuple[str, str]]:
    return sorted((a["rule"], a["title"]) for a in alerts)


# --- the whole path ----------------------------------------------------------------------------
def test_watch_once_raises_expected_alerts_once_and_survives_bad_inputs(site, tmp_path):
    serve_news(site)
    db = tmp_path / "w.duckdb"
    config = write_config(tmp_path, site)
    logs: list[str] = []
    out = io.StringIO()

    report = make_watcher(config, db, logs, out).poll()

    # every bad input logged with its reason, none stopped the poll
    text = "\n".join(logs)
    assert f"feed {site.base}/broken.xml: not a readable RSS/Atom feed" in text
    assert f"feed {site.base}/notes.xml:" in text
    assert "feed http://127.0.0.1:9/nothing-listens-here.xml: network error" in text
    assert f"article {site.base}/news/missing: HTTP 404" in text
    assert f"article {site.base}/news/huge: larger than the 1.0 MB limit" in text
    assert f"article {site.base}/slow/story: timed out" in text and "(will retry)" in text
    assert f"article {site.base}/private/secret: disallowed by {site.base}/robots.txt" in text
    assert site.gets("/private/secret") == 0
    assert report.feeds == 4 and report.feed_errors == 3

    with Store(db, read_only=True) as store:
        items = {i["url"].removeprefix(site.base): i for i in WatchState(store).items()}
    assert items["/news/chile-tariffs"]["status"] == "ingested"
    assert "/news/chile-tariffs?utm_source=rss" not in "".join(items)  # one URL after normalising
    assert items["/mirror/chile-tariffs"]["reason"] == "duplicate"  # same text, second URL
    assert items["/news/missing"]["status"] == "failed"
    assert items["/news/huge"]["status"] == "failed"
    assert items["/slow/story"]["status"] == "retry"
    assert items["/private/secret"]["status"] == "disallowed"
    assert site.gets("/news/chile-tariffs") == 1

    hooks = site.hooks
    rules = sorted(a["rule"] for a in hooks)
    assert rules.count("force") == 2  # CHL>PER SANCTION/tariff, BOL>PRY MOBILIZE
    assert rules.count("chile-peru-moves") == 1
    assert rules.count("disputed") >= 1  # 25 vs 40 percent
    titles = {a["title"] for a in hooks}
    assert any("SANCTION/tariff CHL>PER 2025-03-03" in t for t in titles)
    assert any("MOBILIZE" in t and "BOL>PRY" in t for t in titles)
    assert any("CHL-PER index fell" in t and "2025-03" in t for t in titles)
    for alert in hooks:
        assert alert["evidence"], alert["title"]
        for item in alert["evidence"]:
            assert item["url"].startswith(site.base)
            assert item["link"].startswith(f"/documents/{item['doc_id']}?start=")
    sanction = next(a for a in hooks if "SANCTION/tariff" in a["title"])
    assert {e["url"].removeprefix(site.base) for e in sanction["evidence"]} == {
        "/news/chile-tariffs", "/news/steel-duties"}

    # the same alerts, once each, in every sink
    jsonl = [json.loads(line) for line in (tmp_path / "alerts.jsonl").read_text().splitlines()]
    assert sorted(a["alert_id"] for a in jsonl) == sorted(a["alert_id"] for a in hooks)
    assert len({a["alert_id"] for a in hooks}) == len(hooks)
    assert out.getvalue().count("ALERT [") == len(hooks)
    assert report.alerts == len(hooks)

    # a second poll: feed unchanged (304), nothing fetched again, no alert again
    logs.clear()
    again = make_watcher(config, db, logs, io.StringIO()).poll()
    assert again.not_modified == 1 and again.alerts == 0, logs
    assert site.gets("/news/chile-tariffs") == 1 and site.gets("/mirror/chile-tariffs") == 1
    assert len(site.hooks) == len(hooks)
    assert len((tmp_path / "alerts.jsonl").read_text().splitlines()) == len(hooks)
    conditional = [h for m, p, h in site.requests if p == "/feed.xml"]
    assert "If-None-Match" in conditional[-1] or "if-none-match" in {k.lower() for k in conditional[-1]}
    # the slow host got its second and last try
    with Store(db, read_only=True) as store:
        slow = [i for i in WatchState(store).items() if i["url"].endswith("/slow/story")][0]
    assert slow["status"] == "failed" and slow["attempts"] == 2


def test_a_new_item_raises_only_its_own_alert(site, tmp_path):
    serve_news(site)
    db = tmp_path / "w.duckdb"
    config = write_config(tmp_path, site)
    make_watcher(config, db, [], io.StringIO()).poll()
    before = len(site.hooks)
    site.page("/news/peru-fruit", FRUIT)
    site.page("/feed.xml", rss([("Fruit", f"{site.base}/news/peru-fruit"),
                                ("Chile slaps tariffs", f"{site.base}/news/chile-tariffs")]),
              ctype="application/rss+xml")
    report = make_watcher(config, db, [], io.StringIO()).poll()
    new = site.hooks[before:]
    assert report.fetched == 1
    assert [a["rule"] for a in new] == ["force"]
    assert "SANCTION" in new[0]["title"] and "PER>CHL" in new[0]["title"]
    assert site.gets("/news/chile-tariffs") == 1


def test_restart_after_a_kill_neither_refetches_nor_realerts(site, tmp_path):
    """A kill after the alerts were stored but before they were delivered: the restart
    delivers them once and fetches nothing again."""
    serve_news(site)
    db = tmp_path / "w.duckdb"
    config = write_config(tmp_path, site)
    watcher = make_watcher(config, db, [], io.StringIO())

    import detente.watch.watcher as watcher_module

    def killed(*args, **kwargs):
        raise KeyboardInterrupt  # stands for SIGKILL right after the alerts were committed

    original = watcher_module.deliver
    watcher_module.deliver = killed
    try:
        with pytest.raises(KeyboardInterrupt):
            watcher.poll()
    finally:
        watcher_module.deliver = original
    assert site.hooks == []
    fetched = {p: site.gets(p) for p in ("/news/chile-tariffs", "/news/steel-duties", "/news/bolivia-troops")}

    report = make_watcher(config, db, [], io.StringIO()).poll()
    assert report.alerts == 0 and report.fetched == 0
    assert {p: site.gets(p) for p in fetched} == fetched
    assert len(site.hooks) >= 4 and len({a["alert_id"] for a in site.hooks}) == len(site.hooks)
    make_watcher(config, db, [], io.StringIO()).poll()
    assert len({a["alert_id"] for a in site.hooks}) == len(site.hooks)


def test_existing_documents_are_history_not_alerts(site, tmp_path):
    """A watcher started over a database that already holds articles alerts only on what it adds."""
    from detente.ingest import ingest

    serve_news(site)
    db = tmp_path / "w.duckdb"
    old = tmp_path / "old"
    old.mkdir()
    (old / "troops.html").write_text(TROOPS)
    settings = Settings.load(db=str(db))
    with Store(db, settings=settings) as store:
        ingest([str(old)], store, settings)
    site.page("/feed.xml", rss([("Troops", f"{site.base}/news/bolivia-troops")]), ctype="application/rss+xml")
    make_watcher(write_config(tmp_path, site, feeds=[f"{site.base}/feed.xml"]), db, [], io.StringIO()).poll()
    assert site.hooks == []


def test_new_files_in_a_watched_folder_are_ingested_and_alerted(site, tmp_path):
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    db = tmp_path / "w.duckdb"
    config = write_config(tmp_path, site, feeds=[], folders=["inbox"])
    out = io.StringIO()
    make_watcher(config, db, [], out).poll()
    assert site.hooks == []
    (inbox / "troops.html").write_text(TROOPS)
    report = make_watcher(config, db, [], out).poll()
    assert report.ingested == {"stored": 1}
    assert [a["rule"] for a in site.hooks] == ["force"]
    assert "ALERT [force] new MOBILIZE" in out.getvalue()
    again = make_watcher(config, db, [], out).poll()
    assert again.ingested == {} and len(site.hooks) == 1


def test_an_unreachable_webhook_is_retried_on_the_next_poll(site, tmp_path):
    serve_news(site)
    db = tmp_path / "w.duckdb"
    config = write_config(tmp_path, site, feeds=[f"{site.base}/feed.xml"],
                          sinks={"terminal": False, "webhook": "http://127.0.0.1:9/hook"})
    logs: list[str] = []
    make_watcher(config, db, logs, io.StringIO()).poll()
    assert any("not delivered to webhook" in line for line in logs)
    good = write_config(tmp_path, site, feeds=[f"{site.base}/feed.xml"],
                        sinks={"terminal": False, "webhook": f"{site.base}/hook"})
    # the sink's URL changed but its name did not: the pending deliveries go out now
    make_watcher(good, db, [], io.StringIO()).poll()
    assert len(site.hooks) >= 4


# --- the dashboard ---------------------------------------------------------------------------
def test_dashboard_shows_alerts_with_their_evidence(site, tmp_path):
    from fastapi.testclient import TestClient

    from detente.server.app import create_app

    inbox = tmp_path / "inbox"
    inbox.mkdir()
    (inbox / "troops.html").write_text(TROOPS)
    db = tmp_path / "w.duckdb"
    config = write_config(tmp_path, site, feeds=[], folders=["inbox"], sinks={"terminal": False})
    assert make_watcher(config, db, [], io.StringIO()).poll().alerts == 1

    with TestClient(create_app(db)) as client:
        data = client.get("/api/alerts").json()
        assert data["total"] == 1 and data["next_offset"] is None
        alert = data["items"][0]
        assert alert["rule"] == "force" and alert["kind"] == "new_event" and alert["dyad"] == "BOL>PRY"
        evidence = alert["evidence"][0]
        assert "Bolivia deployed troops" in evidence["text"]
        assert client.get("/api/alerts", params={"rule": "nothing"}).json()["total"] == 0
        page = client.get("/alerts")
        assert page.status_code == 200
        assert html.escape(alert["title"], quote=False) in page.text
        assert f'href="/documents/{evidence["doc_id"]}?start={evidence["start"]}&amp;end={evidence["end"]}#selected"' in page.text
        linked = client.get(evidence["link"])
        assert linked.status_code == 200 and "Bolivia deployed troops" in linked.text


# --- fetching ----------------------------------------------------------------------------------
def test_requests_to_one_host_are_paced_and_redirects_obey_robots(site):
    from detente.watch.config import FetchPolicy
    from detente.watch.fetch import Fetcher, FetchError

    serve_news(site)
    site.page("/moved", "", status=302, headers={"Location": "/private/secret"})
    waits: list[float] = []
    with Fetcher(FetchPolicy(timeout=2, per_host_interval=0.3), sleep=waits.append) as fetcher:
        assert b"Chile imposed tariffs" in fetcher.get(f"{site.base}/news/chile-tariffs").data
        fetcher.get(f"{site.base}/news/steel-duties")
        with pytest.raises(FetchError, match="disallowed by") as caught:
            fetcher.get(f"{site.base}/moved")
    assert caught.value.kind == "disallowed" and not caught.value.transient
    assert site.gets("/private/secret") == 0
    assert len(waits) >= 2 and all(0 < w <= 0.3 for w in waits)  # robots.txt, then each page, 0.3 s apart
    agents = {h.get("User-Agent") for m, p, h in site.requests}
    assert agents == {FetchPolicy().user_agent}


def test_a_webhook_carries_the_alert_id_as_idempotency_key(site, tmp_path):
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    (inbox / "troops.html").write_text(TROOPS)
    config = write_config(tmp_path, site, feeds=[], folders=["inbox"], sinks={"webhook": f"{site.base}/hook"})
    make_watcher(config, tmp_path / "w.duckdb", [], io.StringIO()).poll()
    posted = [h for m, p, h in site.requests if m == "POST"]
    assert [h["Idempotency-Key"] for h in posted] == [a["alert_id"] for a in site.hooks]


def test_a_page_without_length_is_cut_at_the_size_cap():
    import httpx

    from detente.watch.config import FetchPolicy
    from detente.watch.fetch import Fetcher, FetchError

    served = []

    def chunks():
        for _ in range(5 * 1024):  # 5 MB in 1 kB chunks, no Content-Length
            served.append(1)
            yield b"x" * 1024

    def handler(request: httpx.Request) -> httpx.Response:
        if request.url.path == "/robots.txt":
            return httpx.Response(404)
        return httpx.Response(200, headers={"Content-Type": "text/html"}, content=chunks())

    policy = FetchPolicy(max_bytes=100_000, per_host_interval=0)
    with Fetcher(policy, transport=httpx.MockTransport(handler)) as fetcher, \
            pytest.raises(FetchError, match="larger than the 100 kB limit .stopped reading."):
        fetcher.get("http://news.invalid/endless")
    assert len(served) < 200  # stopped soon after the cap, not after 5 MB


def test_an_article_that_breaks_the_coder_is_fetched_again_next_poll(site, tmp_path, monkeypatch):
    from detente.pipeline import Pipeline

    site.page("/robots.txt", "", ctype="text/plain")
    site.page("/news/bolivia-troops", TROOPS)
    site.page("/feed.xml", rss([("Troops", f"{site.base}/news/bolivia-troops")]), ctype="application/rss+xml")
    db = tmp_path / "w.duckdb"
    config = write_config(tmp_path, site, feeds=[f"{site.base}/feed.xml"], sinks={"webhook": f"{site.base}/hook"})
    original = Pipeline.process

    def broken(self, raws):
        raise RuntimeError("coder bug")

    monkeypatch.setattr(Pipeline, "process", broken)
    logs: list[str] = []
    make_watcher(config, db, logs, io.StringIO()).poll()
    assert any("bolivia-troops: internal error" in line and "(will retry)" in line for line in logs), logs
    monkeypatch.setattr(Pipeline, "process", original)
    make_watcher(config, db, [], io.StringIO()).poll()
    assert site.gets("/news/bolivia-troops") == 2
    assert [a["rule"] for a in site.hooks] == ["force"]


def test_a_failed_poll_is_logged_and_the_next_one_runs(tmp_path, monkeypatch):
    from detente.store.sharing import Busy
    from detente.watch import PollReport
    from detente.watch.config import parse

    watcher = Watcher(parse({"folders": [str(tmp_path)]}), str(tmp_path / "w.duckdb"), log=(logs := []).append)
    outcomes = iter([PollReport(), Busy("another writer kept the database for more than 120 s"), None])

    def poll():
        outcome = next(outcomes)
        if isinstance(outcome, Exception):
            raise outcome
        if outcome is None:
            watcher.stop_requested = True
            return PollReport()
        return outcome

    monkeypatch.setattr(watcher, "poll", poll)
    assert watcher.run(every=0.01) == 3
    assert any(line.startswith("poll failed: another writer kept the database") for line in logs), logs


def test_a_fetched_page_is_never_dated_after_its_fetch(site, tmp_path):
    """The fetch time bounds publication from above, as a WARC record's crawl time does: a feed
    item that claims a date years ahead is not stored as published then."""
    site.page("/news/ahead", TROOPS)
    feed = rss([("Ahead", f"{site.base}/news/ahead")]).replace(b"Mon, 03 Mar 2025", b"Thu, 01 May 2031")
    site.page("/feed.xml", feed, ctype="application/rss+xml")
    db = tmp_path / "w.duckdb"
    make_watcher(write_config(tmp_path, site, feeds=[f"{site.base}/feed.xml"]), db, [], io.StringIO()).poll()
    with Store(db, settings=Settings.load(db=str(db))) as store:
        published = [row[0] for row in store.con.execute("SELECT published FROM documents").fetchall()]
    assert published and all(p is None or p[:10] <= time.strftime("%Y-%m-%d") for p in published)
