"""Aggregate and briefing over the three dev articles, fed the hand-coded gold events.

The gold (tests/fixtures/gold/dev.jsonl) is what a perfect coder would emit, so this checks the
aggregate stage on the real articles independently of the coder's recall. What the articles
actually say (read them): no article reports the January 2025 tariffs (000 only has Trump
*threatening* tariffs), the decertification, or sanctions on Petro; 000 reports the visa ban
and the aid being withheld, undated (000 carries no date at all); 002 (28 Oct 2025) dates
Trump's acts only to 2025 and reports US sanctions on *Venezuela*; 004 (between the 2024
election and the inauguration) is the friendly Petro–Trump call. So there is no monthly index
and no January shock to find; at yearly resolution, the data does show the turn from 2024
(cooperation) to 2025 (conflict).
"""

from __future__ import annotations

import json

import pytest
from builders import FIXTURES

from detente.aggregate.contradictions import corroboration
from detente.aggregate.index import dyad_index, turning_points
from detente.aggregate.merge import merge_events
from detente.aggregate.timeline import timeline
from detente.models import Actor, Article, Event, Evidence
from detente.present.brief import BriefData, build_brief, render_html

GOLD = FIXTURES / "gold" / "dev.jsonl"


def _actor(data: dict) -> Actor:
    return Actor(text=data.get("text") or "", code=data.get("code"), country=data.get("country"),
                 sector=data.get("sector"))


@pytest.fixture(scope="module")
def gold_data(dev_corpus) -> BriefData:
    articles: dict[str, Article] = {}
    events = []
    for i, line in enumerate(GOLD.read_text(encoding="utf-8").splitlines()):
        record = json.loads(line)
        text = (dev_corpus / record["source_path"]).read_text(encoding="utf-8")
        doc_id = record["source_path"][:3]
        articles.setdefault(doc_id, Article(doc_id=doc_id, source_path=record["source_path"], text=text,
                                            title=text.splitlines()[0][:80]))
        sentence = record["evidence"]["text"]
        start = text.find(sentence)
        assert start >= 0
        events.append(Event(
            event_id=f"gold{i:02d}", doc_id=doc_id, actor=_actor(record["actor"]),
            recipient=_actor(record["recipient"]), event_type=record["event_type"],
            cameo_root=record["cameo_root"], quad_class=record["quad_class"], intensity=record["intensity"],
            evidence=Evidence(sentence, start, start + len(sentence)), mode=record["mode"],
            date=record["date"], date_precision=record["date_precision"], date_method=record["date_method"],
            confidence=0.8, source_path=record["source_path"]))
    return BriefData(events=events, articles=articles)


def test_distinct_acts_stay_distinct_and_each_appears_once(gold_data):
    stories = merge_events(gold_data.events, gold_data.articles)
    # The gold codes one event per distinct act per article; nothing in it is told twice in
    # compatible terms, so merging must not collapse any of the 38 acts...
    assert len(stories) == 38
    # ...and each of the named measures the articles do report appears exactly once.
    def count(mode, actor="USA", recipient="COL"):
        return sum(1 for s in stories if s.mode == mode and s.actor.country == actor
                   and s.recipient.country == recipient)
    assert count("visa_ban") == 1
    assert count("tariff") == 1 and next(s for s in stories if s.mode == "tariff").event_type == "THREATEN"
    assert count("sanctions", recipient="VEN") == 1
    assert count("recall_ambassador", actor="COL", recipient="USA") == 1
    assert count("decertification") == 0  # no dev article mentions it
    visa = next(s for s in stories if s.mode == "visa_ban")
    assert (visa.n_articles, visa.date) == (1, None)


def test_yearly_index_shows_the_turn_from_2024_to_2025(gold_data):
    stories = timeline(merge_events(gold_data.events, gold_data.articles), dyad="USA-COL")
    # nothing is dated to the month: on a monthly index every story is spread over its year
    assert all(r.n_spread == r.n_events for r in dyad_index(stories, "USA-COL", "month"))
    rows = {(r.period, r.direction): r for r in dyad_index(stories, "USA-COL", "year")}
    assert rows[("2024", "USA-COL")].score > 0 and rows[("2024", "USA>COL")].n_events == 0
    assert rows[("2025", "USA-COL")].score < 0 and rows[("2025", "USA>COL")].n_events == 9
    points = turning_points(stories, "USA-COL", "year")
    escalation = next(p for p in points if p.kind == "escalation")
    assert escalation.period == "2025" and escalation.previous == "2024"
    assert all(d.label.endswith("USA>COL 2025") for d in escalation.drivers)


def test_everything_is_single_sourced_in_the_dev_articles(gold_data):
    stories = merge_events(gold_data.events, gold_data.articles)
    assert all(r.single_sourced for r in corroboration(stories, [], gold_data.articles))


def test_brief_on_dev_gold_uses_yearly_index_and_real_sentences(gold_data):
    brief = build_brief(gold_data)
    assert brief.dyad == "COL-USA" and brief.freq == "year"
    page = render_html(brief)
    for item in brief.evidence:
        assert gold_data.articles[item.doc_id].text[item.start:item.end] == item.text
    assert "withhold millions in aid to Colombia" in page
    assert "The largest escalation came in 2025" in " ".join(s.text for s in brief.headline)
