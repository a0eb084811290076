"""Publication dates: parsing, datelines, and honest inferred ranges."""

from __future__ import annotations

import datetime as dt

import pytest

from detente.clean import clean
from detente.clean.dates import date_line, find_dates, infer_range, load_role_states, parse_date
from detente.config import Settings
from detente.models import RawDocument


@pytest.mark.parametrize("text,iso", [
    ("28 de October de 2025", "2025-10-28"),
    ("12 de marzo de 2025", "2025-03-12"),
    ("Wednesday, October 29, 2025", "2025-10-29"),
    ("Oct. 3, 2024", "2024-10-03"),
    ("3rd March 2025", "2025-03-03"),
    ("le 5 juillet 2023", "2023-07-05"),
    ("am 9. Oktober 2024", "2024-10-09"),
    ("2025-01-26T10:00:00Z", "2025-01-26"),
])
def test_find_dates_in_several_languages(text, iso):
    (found,) = find_dates(text)
    assert found.date.isoformat() == iso


def test_invalid_dates_are_skipped():
    assert find_dates("31 February 2025 and 2025-13-40") == []


def test_date_line_needs_the_line_to_be_essentially_a_date():
    assert date_line("Published: 28 October 2025 10:32") == dt.date(2025, 10, 28)
    assert date_line("The treaty signed on 28 October 2025 was ratified by both parliaments in a vote") is None


@pytest.mark.parametrize("value,iso", [("2025-02-03", "2025-02-03"), ("3 February 2025", "2025-02-03"),
                                       ("Feb 3, 2025 10:00", "2025-02-03"), ("not a date", None), ("", None)])
def test_parse_metadata_dates(value, iso):
    assert parse_date(value) == iso


def test_role_states_file_is_valid():
    states = load_role_states()
    assert states and all(start <= end for s in states for start, end in s.periods)


def test_president_elect_alone_gives_the_hull_of_both_periods():
    inf = infer_range("Mexico's foreign minister met President-elect Donald Trump's transition team.")
    assert (inf.earliest, inf.latest) == ("2016-11-08", "2025-01-20")  # honest: two possible transitions


def test_role_states_intersect():
    text = ("Colombian President Gustavo Petro spoke with President-elect Donald Trump by phone, "
            "his office said.")
    inf = infer_range(text)
    assert (inf.earliest, inf.latest) == ("2024-11-05", "2025-01-20")


def test_former_titles_are_not_evidence():
    assert infer_range("Former President Obama and former President Trump both visited Bogotá.") is None


def test_latest_reported_date_is_a_lower_bound_but_future_dates_are_not():
    inf = infer_range("Talks began on 3 March 2021. The tariffs took effect on 1 June 2022.")
    assert (inf.earliest, inf.latest) == ("2022-06-01", None)
    inf = infer_range("Talks began on 3 March 2021. The tariffs will take effect on 1 June 2030.")
    assert inf.earliest == "2021-03-03"


def test_upcoming_year_is_an_upper_bound():
    inf = infer_range("Both parties are preparing for the upcoming 2026 elections.")
    assert (inf.earliest, inf.latest) == (None, "2026-12-31")


def test_contradictory_evidence_gives_no_range():
    assert infer_range("President Barack Obama met President-elect Donald Trump in 2024 on 5 March 2030.") is None


def test_nothing_known_is_unknown():
    text = ("The two ministers met in the capital and agreed to continue their talks on fishing rights, "
            "officials said after the meeting ended late in the evening.")
    article = clean(RawDocument(source_path="a.txt", data=text.encode()), Settings())
    assert (article.published, article.published_method, article.published_earliest,
            article.published_latest) == (None, "unknown", None, None)


def test_wire_dateline_at_the_start_of_the_text():
    text = ("Bogotá, 12 de marzo de 2025 — El gobierno de Colombia anunció este miércoles que suspenderá las "
            "conversaciones comerciales con Ecuador después de que Quito impusiera nuevos aranceles.")
    article = clean(RawDocument(source_path="a.txt", data=text.encode()), Settings())
    assert (article.published, article.published_method) == ("2025-03-12", "dateline")
