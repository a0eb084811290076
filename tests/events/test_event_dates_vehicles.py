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


def test_a_date_in_the_purpose_clause_of_an_act_dates_the_act():
    events = extract("Kenya launched an operation to flush out militants from the forest, on the border "
                     "with Somalia, in 2015.", published="2020-02-17")
    assert [(e.event_type, e.to_dict()["date"]) for e in events] == [("ASSAULT", "2015")]


def test_a_date_in_a_clause_of_its_own_time_does_not_date_the_act():
    # "after they attacked a base in 2015": the date is the earlier attack's, not the offensive's
    events = extract("Kenya launched an offensive against Somali militants after they attacked a base in 2015.",
                     published="2020-02-17")
    assert all(e.to_dict()["date"] != "2015" or e.event_type != "ASSAULT" or e.actor.code != "KEN" for e in events)


@pytest.mark.parametrize("text", [
    "During his visit to Lome in June 2018, Ghana's president signed a trade pact with Togo.",
    "Ghana's president signed a trade pact with Togo on a visit to Lome in June 2018.",
])
def test_the_occasion_s_date_dates_the_act_done_on_it(text):
    events = extract(text, published="2020-02-14")
    assert [(e.event_type, e.to_dict()["date"]) for e in events] == [("SUPPORT", "2018-06")]


@pytest.mark.parametrize("text", [
    "In June 2018, when Ghana accused Togo of harbouring rebels, relations soured.",
    # the parser hangs the when-clause on the date itself
    "The border was closed in June 2018, when Ghana accused Togo of harbouring rebels.",
])
def test_an_act_told_in_a_when_clause_is_on_that_date(text):
    events = extract(text, published="2020-02-14")
    assert [(e.event_type, e.to_dict()["date"]) for e in events] == [("ACCUSE", "2018-06")]
