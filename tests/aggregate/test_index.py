"""Index arithmetic against hand-computed values, empty periods, turning points and drivers."""

from __future__ import annotations

import math

import pytest
from builders import story

from detente.aggregate.index import (
    contribution,
    dyad_index,
    turning_points,
    unindexed_stories,
    weight,
)

A = story("A", "USA", "COL", "2025-01-26", -8.0, 0.9, 3)
B = story("B", "COL", "USA", "2025-01-27", -4.0, 0.5, 1)
C = story("C", "USA", "COL", "2025-03", 3.0, 1.0, 1, event_type="AGREE")
D = story("D", "USA", "COL", "2025", -6.0, 1.0, 1)  # year only: no month to put it in
E = story("E", "USA", "VEN", "2025-02-02", -9.0, 1.0, 1)  # another dyad
STORIES = [A, B, C, D, E]


def test_weight_and_contribution_formula():
    assert weight(A) == pytest.approx(0.9 * (1 + math.log(3)))  # 1.888751
    assert contribution(A) == pytest.approx(-8 * 0.9 * (1 + math.log(3)))  # -15.110
    assert weight(B) == pytest.approx(0.5) and contribution(B) == pytest.approx(-2.0)


def test_monthly_rows_hand_computed():
    rows = {(r.period, r.direction): r for r in dyad_index(STORIES, "USA-COL", "month")}
    assert sorted({p for p, _ in rows}) == ["2025-01", "2025-02", "2025-03"]
    jan_usa = rows[("2025-01", "USA>COL")]
    assert jan_usa.score == pytest.approx(-15.110, abs=1e-3) and jan_usa.mean == pytest.approx(-8.0)
    assert rows[("2025-01", "COL>USA")].score == pytest.approx(-2.0)
    jan = rows[("2025-01", "USA-COL")]
    assert jan.score == pytest.approx(-17.110, abs=1e-3)
    assert jan.mean == pytest.approx(-17.110 / 2.388751, abs=1e-3)  # -7.163
    assert (jan.n_events, jan.n_articles, jan.n_mentions, jan.n_reported) == (2, 4, 4, 0)
    assert jan.story_ids == ["A", "B"]  # most negative contribution first
    # February has no USA–COL event (E is USA–VEN): explicit rows with null score.
    feb = rows[("2025-02", "USA-COL")]
    assert (feb.n_events, feb.score, feb.mean) == (0, None, None)
    assert rows[("2025-03", "USA-COL")].score == pytest.approx(3.0)
    assert rows[("2025-03", "COL>USA")].score is None


def test_upper_bound_only_stories_count_in_their_report_period():
    reported = story("R", "USA", "COL", "2025-03-10", -5.0, 1.0, 1)
    reported.date_earliest = None  # as merge_events leaves a story dated only by "reported" mentions
    rows = {(r.period, r.direction): r for r in dyad_index(STORIES + [reported], "USA-COL")}
    march = rows[("2025-03", "USA-COL")]
    assert (march.n_events, march.n_reported) == (2, 1) and march.score == pytest.approx(-2.0)


def test_unplaceable_stories_are_reported_not_indexed():
    assert [s.story_id for s in unindexed_stories(STORIES, "USA-COL", "month")] == ["D"]
    # Week needs day precision: C (month) cannot be placed either.
    assert {s.story_id for s in unindexed_stories(STORIES, "USA-COL", "week")} == {"C", "D"}


def test_weekly_rows():
    rows = [r for r in dyad_index(STORIES, "USA-COL", "week") if r.direction == "USA-COL"]
    assert rows[0].period == "2025-W04" and rows[0].n_events == 1  # A: Sunday 26 Jan
    assert rows[1].period == "2025-W05" and rows[1].score == pytest.approx(-2.0)  # B: Monday 27 Jan
    assert len(rows) == 2


def test_since_until_extend_the_range_with_empty_rows():
    rows = [r for r in dyad_index(STORIES, "USA-COL", "month", since="2024-12", until="2025-04")
            if r.direction == "USA-COL"]
    assert [r.period for r in rows] == ["2024-12", "2025-01", "2025-02", "2025-03", "2025-04"]
    assert [r.n_events for r in rows] == [0, 2, 0, 1, 0]


def test_turning_points_name_their_drivers():
    points = turning_points(STORIES, "USA-COL", "month", n=2)
    assert [(p.period, p.kind) for p in points] == [("2025-01", "opening"), ("2025-02", "de-escalation")]
    jan, feb = points
    assert jan.change == pytest.approx(-17.110, abs=1e-3) and jan.previous is None
    assert [d.story_id for d in jan.drivers] == ["A", "B"]
    assert jan.drivers[0].label == "SANCTION USA>COL 2025-01-26"
    # February is quiet: the de-escalation is the January events stopping.
    assert feb.change == pytest.approx(17.110, abs=1e-3)
    assert [d.story_id for d in feb.drivers] == ["A", "B"] and feb.drivers[0].period == "2025-01"
    third = turning_points(STORIES, "USA-COL", "month", n=3)[-1]
    assert (third.period, third.kind, third.change) == ("2025-03", "de-escalation", 3.0)
    assert [d.story_id for d in third.drivers] == ["C"]


def test_directed_turning_points_and_empty_dyad():
    points = turning_points(STORIES, "USA-COL", "month", n=1, direction="COL>USA")
    assert points[0].period == "2025-01" and [d.story_id for d in points[0].drivers] == ["B"]
    assert dyad_index(STORIES, "FRA-DEU") == []
    assert turning_points(STORIES, "FRA-DEU") == []
