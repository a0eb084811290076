"""Dates (explicit, relative, honest precision), quotes (speaker, words) and numeric claims."""

from __future__ import annotations

from datetime import date

from test_events import run

from detente.events.dates import DateResolver, find_dates

ANCHOR = date(2025, 10, 28)


def one(text, anchor=ANCHOR):
    (value,) = find_dates(text, anchor)
    return value.date, value.precision, value.method


def test_explicit_dates():
    assert one("It happened on January 26, 2025, in Bogota.") == ("2025-01-26", "day", "explicit")
    assert one("It happened on 3 March 2024.") == ("2024-03-03", "day", "explicit")
    assert one("It happened in September 2024.") == ("2024-09", "month", "explicit")
    assert one("It happened in 2024.") == ("2024", "year", "explicit")


def test_relative_dates_are_honest_about_precision():
    assert one("It happened in September.") == ("2025-09", "month", "relative")
    assert one("It happened in November.") == ("2024-11", "month", "relative")  # the last November before the anchor
    assert one("It happened last month.") == ("2025-09", "month", "relative")
    assert one("It happened last year.") == ("2024", "year", "relative")
    assert one("It happened yesterday.") == ("2025-10-27", "day", "relative")
    assert one("It happened this week.") == ("2025-10", "month", "relative")


def test_may_the_modal_is_not_a_month():
    assert find_dates("Petro may be calculating that it helps.", ANCHOR) == []


def test_following_month_uses_the_previous_dated_event():
    resolver = DateResolver("2025-10-28")
    from test_events import nlp_for_tests

    doc = nlp_for_tests()("Tariffs came in January 2025. The following month, talks began.")
    sents = list(doc.sents)
    assert resolver.for_event(sents[0], 0).date == "2025-01"
    assert resolver.for_event(sents[1], 0).date == "2025-02"


def test_quotes_have_speakers_and_link_to_events():
    coded = run('"Washington is attacking our sovereignty," Petro said. Trump criticized Colombia.')
    (quote,) = coded.quotes
    assert quote.text == "Washington is attacking our sovereignty," or quote.text.startswith("Washington is attacking")
    assert quote.speaker is not None and quote.speaker.country == "COL"
    coded = run("Petro criticized the United States, according to Colombia's foreign ministry.")
    assert coded.events[0].event_type == "ACCUSE"


def test_claims_numbers_units_and_measures():
    coded = run("The United States imposed a 25% tariff on Colombian goods after giving $590 million in aid in 2024. "
                "Colombian police said 836.8 tonnes seized this year were a record. Nearly one-third of exports go north.")
    got = {(c.value, c.unit, c.measure) for c in coded.claims}
    assert (25.0, "percent", "tariff") in got
    assert (590e6, "USD", "aid") in got
    assert (836.8, "tonnes", "seize") in got
    assert any(c.unit == "share" and c.text.startswith("Nearly") for c in coded.claims)
    text = coded.claims[0].evidence.text
    assert "25%" in text
