"""The index with uncertainty: ranges spread over their periods, background off the index, and
a briefing that says how many story events are off the index and why (aggregate stage)."""

from __future__ import annotations

from dataclasses import replace

import pytest
from builders import ACTORS, story

from detente.aggregate.briefing import BriefData, build_brief
from detente.aggregate.index import (
    contribution,
    default_freq,
    dyad_index,
    placements,
    unindexed_stories,
    why_unindexed,
)
from detente.models import Actor, Article, Event, Evidence, StoryEvent


def ranged(sid, earliest, latest, intensity=-6.0, background=False):
    s = story(sid, "USA", "COL", None, intensity, 1.0, 1)
    s.date_earliest, s.date_latest, s.background = earliest, latest, background
    return s


def test_a_range_is_spread_over_its_months_with_equal_shares():
    s = ranged("R", "2025-02-10", "2025-04-20")
    assert placements(s, "month") == [("2025-02", pytest.approx(1 / 3)), ("2025-03", pytest.approx(1 / 3)),
                                      ("2025-04", pytest.approx(1 / 3))]
    rows = {(r.period, r.direction): r for r in dyad_index([s], "USA-COL", "month")}
    march = rows[("2025-03", "USA-COL")]
    assert march.score == pytest.approx(contribution(s) / 3) and march.mean == pytest.approx(-6.0)
    assert (march.n_events, march.n_spread) == (1, 1)


def test_a_month_is_spread_over_its_weeks_and_a_day_is_not_spread():
    month = story("M", "USA", "COL", "2025-03", -2.0, 1.0, 1)
    month.date_earliest, month.date_latest = "2025-03-01", "2025-03-31"
    weeks = placements(month, "week")
    assert [k for k, _ in weeks][0] == "2025-W09" and len(weeks) == 6
    assert sum(share for _, share in weeks) == pytest.approx(1.0)
    assert placements(story("D", "USA", "COL", "2025-03-04", -2.0, 1.0, 1), "week") == [("2025-W10", 1.0)]


def test_background_and_too_wide_ranges_stay_off_the_index_with_their_reason():
    old = ranged("B", "2000-01-01", "2000-12-31", background=True)
    wide = ranged("W", "2020-01-01", "2025-06-30")
    undated = ranged("U", None, None)
    assert unindexed_stories([old, wide, undated], "USA-COL", "month") == [old, wide, undated]
    assert [why_unindexed(s, "month") for s in (old, wide, undated)] == ["background", "range too wide", "undated"]


def test_ranges_alone_keep_the_default_index_yearly():
    assert default_freq([ranged("R", "2025-01-01", "2025-12-31")], "USA-COL") == "year"
    assert default_freq([story("D", "USA", "COL", "2025-03-04", -2.0, 1.0, 1)], "USA-COL") == "month"


def _event(eid, date, method, earliest=None, latest=None, background=False, text="Washington cut aid to Bogota.",
           event_type="SANCTION"):
    usa = Actor("Washington", "USAGOV", "USA", "GOV")
    col = Actor("Bogota", "COLGOV", "COL", "GOV")
    return Event(event_id=eid, doc_id="d1", actor=usa, recipient=col, event_type=event_type,
                 cameo_root={"SANCTION": "16", "THREATEN": "13", "AID": "07"}[event_type], quad_class=4, intensity=-5.0,
                 evidence=Evidence(text, 0, len(text)), mode=None,
                 date=date, date_precision={4: "year", 7: "month", 10: "day"}.get(len(date or "")),
                 date_method=method, date_earliest=earliest, date_latest=latest, background=background,
                 confidence=0.8)


def test_the_briefing_counts_what_is_off_the_index_and_keeps_background_out():
    article = Article(doc_id="d1", source_path="a.txt", text="x", published=None)
    events = [
        _event("e1", "2025-03", "anchored", "2025-03-01", "2025-03-31", text="In March Washington cut aid to Bogota."),
        _event("e2", "2025", "inferred", "2025-02-01", "2025-05-31", text="Washington later sent flood relief to Bogota.",
               event_type="AID"),
        _event("e3", None, None, text="Washington once threatened Bogota with a visa ban.", event_type="THREATEN"),
        _event("e4", "2000", "explicit", "2000-01-01", "2000-12-31", background=True,
               text="Since 2000 Washington has given Bogota billions.", event_type="AID"),
    ]
    brief = build_brief(BriefData(events=events, articles={"d1": article}), dyad="USA-COL", freq="month")
    assert brief.n_background == 1
    assert all(not s.background for s in brief.stories)
    assert brief.unindexed_why == {"undated": 1}
    text = " ".join(st.text for st in brief.headline)
    assert "1 story event is off the index" in text and "undated" in text
    assert "1 background fact" in text and "spread over the periods" in text
    periods = {r.period for r in brief.index_rows if r.n_events}
    assert {"2025-02", "2025-03", "2025-04", "2025-05"} <= periods and "2000-01" not in periods


def test_story_background_needs_every_mention_to_be_background():
    assert StoryEvent("s", None, None, "AID", "07", 2, 3.0).background is False
    assert ACTORS  # the shared actors of the aggregate tests


def test_a_spread_story_drives_a_turning_point_only_by_its_share():
    from detente.aggregate.index import turning_points

    wide = ranged("W", "2025-01-01", "2025-04-30", intensity=-8.0)
    sharp = story("S", "USA", "COL", "2025-03-05", -4.0, 1.0, 1)
    (point,) = [p for p in turning_points([wide, sharp], "USA-COL", "month", n=5) if p.period == "2025-03"]
    by_id = {d.story_id: d for d in point.drivers}
    assert by_id["W"].contribution == pytest.approx(contribution(wide) / 4)
    assert by_id["W"].label.endswith("2025-01-01…2025-04-30")


def _brief_of_a_sharp_month_and_a_long_range():
    article = Article(doc_id="d1", source_path="a.txt", text="x", published=None)
    events = [
        _event("e1", "2025-10-28", "explicit", "2025-10-28", "2025-10-28",
               text="On 28 October 2025 Washington cut aid to Bogota."),
        replace(_event("e2", None, "inferred", "2025-01-21", "2026-08-07", event_type="AID",
                       text="Washington sent flood relief to Bogota after the inauguration."), intensity=7.4, quad_class=2),
    ]
    return build_brief(BriefData(events=events, articles={"d1": article}), dyad="USA-COL", freq="month")


def test_the_headline_spans_ranges_too_not_only_the_stories_dated_to_a_day():
    brief = _brief_of_a_sharp_month_and_a_long_range()
    first = brief.headline[0].text
    assert "2025-10-28 and 2025-10-28" not in first
    assert first.startswith("Between 2025-01-21 and 2026-08-07 (1 dated only to a range), 2 story events")


def test_the_latest_period_named_is_one_with_story_events_of_its_own_not_only_shares_of_ranges():
    brief = _brief_of_a_sharp_month_and_a_long_range()
    text = " ".join(st.text for st in brief.headline)
    assert "latest period with story events of its own (2025-10)" in text
    assert "(2026-08)" not in text


def test_a_fall_after_a_sharp_month_is_explained_by_that_month_not_by_small_shares_of_a_range():
    brief = _brief_of_a_sharp_month_and_a_long_range()
    text = " ".join(st.text for st in brief.headline)
    assert "The largest de-escalation came in 2025-11" in text
    assert "as no comparable events followed those of 2025-10" in text
