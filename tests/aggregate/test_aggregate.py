"""Aggregate stage: dates and timeline tests on crafted events (`ev`, `art` from builders)."""

from __future__ import annotations

from builders import art, ev

from detente.aggregate.dates import interval, period_key, period_range, prefix_in_range
from detente.aggregate.merge import merge_events, outlet_of
from detente.aggregate.timeline import timeline
from detente.dyad import Dyad

# ---------------------------------------------------------------- dates


def test_interval_by_precision():
    assert [d.isoformat() for d in interval("2025-02", "month")] == ["2025-02-01", "2025-02-28"]
    assert [d.isoformat() for d in interval("2024", "year")] == ["2024-01-01", "2024-12-31"]
    assert interval("2025-01-26", "day")[0] == interval("2025-01-26", "day")[1]
    assert interval(None) is None and interval("garbage!!!") is None


def test_period_keys_and_ranges():
    assert period_key("2025-01-26", "day", "month") == "2025-01"
    assert period_key("2025-01-26", "day", "week") == "2025-W04"
    assert period_key("2025", "year", "month") is None
    assert period_key("2025-01-26", "day", "year") == period_key("2025", "year", "year") == "2025"
    assert period_range("2023", "2025", "year") == ["2023", "2024", "2025"]
    assert period_key("2025-01", "month", "week") is None
    assert period_range("2024-11", "2025-02", "month") == ["2024-11", "2024-12", "2025-01", "2025-02"]
    assert period_range("2024-W52", "2025-W02", "week") == ["2024-W52", "2025-W01", "2025-W02"]


def test_prefix_compare():
    assert prefix_in_range("2025-01", "2025-01-15", None)
    assert not prefix_in_range("2024-12-31", "2025-01", None)
    assert prefix_in_range("2025-03-02", None, "2025-03")
    assert not prefix_in_range("2025-04", None, "2025-03-31")
    assert not prefix_in_range(None, "2025", None)
    assert prefix_in_range(None, None, None)


def test_outlet_falls_back_to_the_url_s_host_and_never_to_a_path():
    assert outlet_of(art("a", outlet="Reuters")) == "Reuters"
    assert outlet_of(art("a", url="https://www.ndtv.com/world-news/x")) == "ndtv.com"
    assert outlet_of(art("a")) is None
    assert outlet_of(None, "x/y.txt") is None
    assert outlet_of(art("a", outlet="./saved/page.html")) is None


# ---------------------------------------------------------------- timeline


def _timeline_stories():
    a = art("t1", "Washington imposed tariffs on Colombia. Bogotá recalled its ambassador from Washington. "
                  "Petro accused Ecuador of meddling. The two sides held talks.")
    events = [
        ev(a, "Washington imposed tariffs on Colombia.", mode="tariff", date="2025-01-26"),
        ev(a, "Bogotá recalled its ambassador from Washington.", actor="COL", recipient="USA",
           event_type="COERCE", date="2025-10", intensity=-5.0),
        ev(a, "Petro accused Ecuador of meddling.", actor="COL", recipient="ECU", event_type="ACCUSE",
           date="2025-03-02", intensity=-2.0),
        ev(a, "The two sides held talks.", event_type="CONSULT", intensity=1.0, date=None),
    ]
    return merge_events(events, {"t1": a})


def test_timeline_orders_by_date_undated_last():
    stories = timeline(_timeline_stories())
    assert [s.date for s in stories] == ["2025-01-26", "2025-03-02", "2025-10", None]


def test_timeline_dyad_filters():
    stories = _timeline_stories()
    both = timeline(stories, dyad="USA-COL")
    assert {(s.actor.country, s.recipient.country) for s in both} == {("USA", "COL"), ("COL", "USA")}
    assert len(both) == 3
    one = timeline(stories, dyad="COL>USA")
    assert [s.event_type for s in one] == ["COERCE"]
    assert Dyad.parse("usa>col") == Dyad("USA", "COL", True)
    assert Dyad.parse("USA-COL") == Dyad("USA", "COL", False)


def test_timeline_since_until_type():
    stories = _timeline_stories()
    assert [s.date for s in timeline(stories, since="2025-02")] == ["2025-03-02", "2025-10"]
    assert [s.date for s in timeline(stories, until="2025-03")] == ["2025-01-26", "2025-03-02"]
    assert [s.event_type for s in timeline(stories, event_type="sanction")] == ["SANCTION"]
    assert [s.mode for s in timeline(stories, event_type="tariff")] == ["tariff"]
