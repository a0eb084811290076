"""A date on the act's own vehicle ("in a statement issued on March 3", "at a press conference on
Monday") dates the act stated in it; a date on another act it names does not. Own sentences."""

from __future__ import annotations

import pytest

from detente import extract


@pytest.mark.parametrize(("text", "date"), [
    ("In a statement issued on March 3, Colombia accused Venezuela of harboring rebels.", "2025-03-03"),
    ("At a press conference on Monday, Colombia accused Venezuela of harboring rebels.", "2025-05-19"),
])
def test_the_vehicle_s_date_dates_the_act(text, date):
    events = extract(text, published="2025-05-20")
    assert [(e.event_type, e.date) for e in events] == [("ACCUSE", date)]


def test_the_date_of_an_act_it_names_is_not_the_condemnation_s():
    events = extract("Colombia condemned the May 2 attack by Venezuela.", published="2025-05-20")
    assert [e.to_dict()["date"] for e in events] == [None]


@pytest.mark.parametrize(("text", "date"), [
    ("The Egyptian president's 2019 visit to Sudan was the last one.", "2019"),
    ("The 2021 talks between Peru and Chile ended without a deal.", "2021"),
])
def test_a_year_written_before_an_event_noun_dates_that_event(text, date):
    events = extract(text, published="2025-05-20")
    assert [(e.event_type, e.to_dict()["date"]) for e in events] == [("CONSULT", date)]


def test_a_bare_number_before_a_noun_that_is_no_event_is_no_year():
    events = extract("Kenya sent 2000 troops to Somalia on Monday.", published="2025-05-20")
    assert [e.to_dict()["date"] for e in events] == ["2025-05-19"]
