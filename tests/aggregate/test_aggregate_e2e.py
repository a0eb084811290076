"""End to end over the three dev articles: ingest (the real pipeline), then timeline, index,
contradictions and brief — asserting what the articles actually say (see test_aggregate_dev's
docstring): the visa ban once, tariffs only threatened, no decertification, US sanctions on
Venezuela once, nothing in January 2025 to show, and a briefing whose every sentence is in the
stored article text."""

from __future__ import annotations

import json

import pytest

from detente.present.brief import BriefData, build_brief, render_html
from detente.store import Store


@pytest.fixture(scope="module")
def dev_db(dev_corpus, cli, tmp_path_factory):
    db = tmp_path_factory.mktemp("e2e") / "dev.duckdb"
    result = cli("ingest", dev_corpus, "--db", db)
    assert result.exit_code == 0, result.output
    return db


def _stories(cli, db, *args):
    result = cli("timeline", "--db", db, "--format", "jsonl", *args)
    assert result.exit_code == 0, result.output
    return [json.loads(line) for line in result.stdout.splitlines()]


def test_named_measures_appear_once_as_the_articles_report_them(cli, dev_db):
    stories = _stories(cli, dev_db, "--dyad", "USA-COL")
    assert stories
    by_mode = {}
    for s in stories:
        by_mode.setdefault((s["event_type"], s["mode"], s["actor"]["country"]), []).append(s)
    visa = by_mode[("SANCTION", "visa_ban", "USA")]
    assert len(visa) == 1 and visa[0]["n_outlets"] == 1
    assert "visa ban" in visa[0]["mentions"][0]["evidence"]["text"]
    # The articles only report tariffs as a threat, and never mention decertification.
    assert not any(s["event_type"] == "SANCTION" and s["mode"] == "tariff" for s in stories)
    assert any(s["event_type"] == "THREATEN" and "tariff" in s["mentions"][0]["evidence"]["text"]
               for s in stories)
    assert not any("decertif" in (s["mode"] or "") for s in stories)
    # "reinstated economic sanctions and blocked Venezuela's participation": two acts, one story each
    venezuela = [s for s in _stories(cli, dev_db, "--dyad", "USA>VEN") if s["event_type"] == "SANCTION"]
    assert sorted(s["mode"] for s in venezuela) == ["economic_sanctions", "exclusion"]
    assert all("sanctions" in s["mentions"][0]["evidence"]["text"] for s in venezuela)
    # No story event is listed twice: every mention belongs to exactly one story.
    event_ids = [m["event_id"] for s in _stories(cli, dev_db) for m in s["mentions"]]
    assert len(event_ids) == len(set(event_ids))


def test_index_has_no_january_2025_shock_because_no_article_reports_one(cli, dev_db):
    result = cli("index", "--db", dev_db, "--dyad", "USA-COL", "--format", "jsonl")
    assert result.exit_code == 0
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    periods = {r["period"]: r for r in rows if r["record"] == "period" and r["direction"] == "USA-COL"}
    # 004's friendly call is dated only to its range (election to inauguration), spread over it:
    # January 2025 holds a share of it, and no conflict
    assert periods["2025-01"]["score"] > 0 and periods["2025-01"]["n_spread"] > 0
    # 002 (28 October 2025) is the one dated report of Trump's pressure: autumn 2025 is in conflict,
    # though its events are dated only by the report (n_reported).
    october = periods["2025-10"]
    assert october["score"] < 0 and october["n_reported"] > 0


def test_brief_on_the_dev_articles_is_extractive(cli, dev_db, tmp_path):
    out = tmp_path / "brief"
    assert cli("brief", "--db", dev_db, "--out", out).exit_code == 0
    assert (tmp_path / "brief.html").stat().st_size > 5000 and (tmp_path / "brief.md").exists()
    with Store(dev_db, read_only=True) as store:
        data = BriefData.from_store(store)
        texts = {doc_id: a.text for doc_id, a in store.load_articles(with_text=True).items()}
    brief = build_brief(data, dyad="USA-COL")
    assert brief.evidence
    for item in brief.evidence:
        assert texts[item.doc_id][item.start:item.end] == item.text
    page = render_html(brief)
    for story in brief.stories:
        assert all(f'id="ev-{m.event_id}"' in page for m in story.mentions)
