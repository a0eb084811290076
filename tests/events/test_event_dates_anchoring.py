"""Event dates read from the article's own narrative: anchors, ranges, background (code stage).

Every sentence here is written for the test. `dates_of` resolves a short story the way the coder
does (every sentence in reading order) and returns, for the last sentence, the date an event
told at its first verb would get.
"""

from __future__ import annotations

from datetime import date

import pytest
from builders import nlp_for_tests, run

from detente.events.dates import DateResolver, find_dates, value_of


def resolve(story: str, published: str | None = None, published_earliest: str | None = None,
            published_latest: str | None = None, method: str | None = None):
    """The date an event told at the start of the story's last sentence gets."""
    doc = nlp_for_tests()(story)
    resolver = DateResolver(published, published_latest, method or ("metadata" if published else "inferred"),
                            published_earliest)
    last = list(doc.sents)[-1]
    return resolver.for_event(last, len(last.text) // 2), doc


def short(value):
    return value.date, value.precision, value.method


# ---- narrative anchoring -------------------------------------------------------------------------
def test_a_yearless_month_after_a_full_date_takes_that_year():
    value, _ = resolve("The ministers met in January 2023 in Quito. In March, the two governments signed a fisheries pact.")
    assert short(value) == ("2023-03", "month", "anchored")


def test_the_anchor_beats_the_publication_date():
    value, _ = resolve("Chile recalled its envoy in January 2023. In March, Peru expelled two Chilean diplomats.",
                       published="2025-06-01")
    assert short(value) == ("2023-03", "month", "anchored")


def test_an_anchored_date_points_at_its_anchor():
    story = "Ghana and Togo closed the border in May 2024. In August, Ghana reopened it."
    value, doc = resolve(story)
    assert story[value.anchor_start:value.anchor_end] == "in May 2024"


def test_the_story_moves_past_the_end_of_the_year():
    value, _ = resolve("Talks opened in November 2022. In December, Kenya hosted a second round. "
                       "In February, Uganda walked out of the talks.")
    assert short(value) == ("2023-02", "month", "anchored")


def test_a_past_tense_month_is_never_after_the_publication_date():
    value, _ = resolve("Relations froze in May 2024. In October, Brazil sent a trade mission to Argentina.",
                       published="2025-03-01")
    assert value.date == "2024-10"


def test_a_day_without_a_year_is_anchored():
    value, _ = resolve("The quarrel began on 4 December 2023. Jan. 3 saw Serbia summon the Croatian ambassador.")
    assert short(value) == ("2024-01-03", "day", "anchored")


def test_the_following_month_steps_from_the_anchor():
    value, _ = resolve("Norway froze the aid in April 2021. The following month, Denmark did the same.")
    assert short(value) == ("2021-05", "month", "anchored")


def test_a_week_later_is_a_range_after_the_anchor():
    value, _ = resolve("Egypt protested on 10 June 2022. A week later, Sudan answered with a note.")
    assert (value.earliest, value.latest, value.method) == ("2022-06-17", "2022-06-17", "anchored")
    value, _ = resolve("Egypt protested on 10 June 2022. Days later, Sudan answered with a note.")
    assert (value.earliest, value.latest) == ("2022-06-11", "2022-06-24")


def test_days_after_the_inauguration_uses_the_known_date():
    value, _ = resolve("The new government took stock in January 2025. Days after the inauguration, "
                       "Washington suspended the aid programme.")
    assert value.method == "anchored" and value.earliest == "2025-01-21" and value.latest == "2025-02-03"


@pytest.mark.parametrize(("tail", "span"), [
    ("Earlier that year, Chile recalled its envoy.", ("2019-01-01", "2019-05-08")),
    ("Later that month, Chile recalled its envoy.", ("2019-05-08", "2019-05-31")),
    ("That year, Chile recalled its envoy.", ("2019-01-01", "2019-12-31")),
    # the anchor stays where the story set it: "later that month" after "earlier that year"
    ("Earlier that year, Chile had warned Peru. Later that month, Chile recalled its envoy.", ("2019-05-08", "2019-05-31")),
])
def test_that_year_and_month_are_the_anchor_s_own_period(tail, span):
    value, _ = resolve("Peru and Chile signed a fisheries pact on May 8, 2019. " + tail, published="2020-02-14")
    assert (value.earliest, value.latest, value.method) == (*span, "anchored")


def test_years_later_are_calendar_years():
    # not 730 days: 2019 two years on is 2021, not 31 December 2020 to 30 December 2021
    value, _ = resolve("Peru and Chile signed a fisheries pact in 2019. Two years later, Chile recalled its envoy.",
                       published="2024-02-14")
    assert (value.earliest, value.latest, value.date, value.precision) == ("2021-01-01", "2021-12-31", "2021", "year")


def test_since_then_runs_from_the_anchor_to_publication():
    value, _ = resolve("The pact lapsed in March 2024. Since then, the navies have shadowed each other.",
                       published="2024-09-10")
    assert (value.earliest, value.latest, value.method) == ("2024-03-01", "2024-09-10", "anchored")


def test_a_since_year_is_no_anchor_of_the_story():
    # "in power since 1986" tells a state, not where the story is: "in June" stays near publication
    value, _ = resolve("The president, in power since 1986, faces a vote. In June, Kenya offered to mediate.",
                       published="2020-09-01")
    assert short(value) == ("2020-06", "month", "relative-to-publication")


def test_a_since_date_runs_from_that_date_to_publication():
    # "since June 2018" starts a run of acts; it does not date them to June 2018
    value, _ = resolve("Ghana has held three rounds of border talks with Togo since June 2018.", published="2020-02-14")
    assert (value.earliest, value.latest, value.method) == ("2018-06-01", "2020-02-14", "explicit")
    value, _ = resolve("Ghana has sent grain to Togo ever since 2017.", published="2020-02-14")
    assert (value.earliest, value.latest) == ("2017-01-01", "2020-02-14")


def test_an_act_told_in_a_since_dates_own_clause_is_on_that_date():
    events = run("Since June 2018, when India accused Pakistan of harbouring rebels, the border has stayed closed.",
                 published="2020-02-14").events
    assert [(e.event_type, e.date, e.date_precision) for e in events] == [("ACCUSE", "2018-06", "month")]


def test_a_since_date_of_an_undated_story_keeps_its_start():
    value, _ = resolve("Ghana has held three rounds of border talks with Togo since June 2018.")
    assert (value.earliest, value.latest) == ("2018-06-01", None)
    value, _ = resolve("Ghana has held three rounds of border talks with Togo since June 2018.",
                       published_earliest="2019-01-01", published_latest="2019-12-31")
    assert (value.earliest, value.latest) == ("2018-06-01", "2019-12-31")


def test_a_since_day_is_no_anchor_of_the_story():
    value, _ = resolve("Peru has patrolled the river with Chile since March 3, 2019. In June, Chile closed a crossing.",
                       published="2021-09-01")
    assert short(value) == ("2021-06", "month", "relative-to-publication")


# ---- deictic words: the moment of writing ----------------------------------------------------------
def test_deictic_words_resolve_on_the_publication_date():
    value, _ = resolve("In 2019, the ministers met twice. Last year, Laos signed a rail deal with Thailand.",
                       published="2021-05-04")
    assert short(value) == ("2020", "year", "relative-to-publication")
    value, _ = resolve("Tariffs came in 2019. This week, Vietnam protested to China.", published="2021-05-06")
    assert (value.earliest, value.latest) == ("2021-05-03", "2021-05-06")


def test_deictic_words_of_an_undated_article_give_the_range_of_its_publication():
    # published some time in 2024 (inferred), not before the June 2024 the story told of
    value, _ = resolve("The talks failed in June 2024. Last month, Chad recalled its envoy from Niger.",
                       published_earliest="2024-01-01", published_latest="2024-12-31")
    assert value.method == "inferred"
    assert (value.earliest, value.latest) == ("2024-05-01", "2024-11-30")


# ---- ranges, not guesses --------------------------------------------------------------------------
def test_by_a_month_is_on_or_before_it():
    value, _ = resolve("The dispute started in February 2025. By September, Mexico had cut its imports.")
    assert (value.earliest, value.latest) == ("2025-02-01", "2025-09-30")
    assert value.date == "2025" and value.precision == "year"
    (alone,) = find_dates("By October the border was shut.", date(2025, 11, 20))
    assert (alone.earliest, alone.latest) == (None, "2025-10-31")


def test_an_undated_act_of_an_undated_article_gets_the_range_its_anchors_allow():
    value, _ = resolve("The crisis began in January 2025. Bolivia recalled its ambassador from Peru.",
                       published_earliest="2025-01-01", published_latest="2025-06-30")
    assert value.method == "inferred" and (value.earliest, value.latest) == ("2025-01-01", "2025-06-30")
    assert value.date == "2025"  # never a made-up day


def test_an_undated_act_with_nothing_to_go_on_is_undated():
    value, _ = resolve("Bolivia recalled its ambassador from Peru.")
    assert value.date is None and value.earliest is None and value.latest is None


def test_an_undated_act_of_a_dated_article_is_dated_by_publication():
    value, _ = resolve("Bolivia recalled its ambassador from Peru.", published="2025-03-04")
    assert short(value) == ("2025-03-04", "day", "publication") and value.latest == "2025-03-04"


def test_value_of_names_what_the_bounds_share():
    assert value_of(date(2025, 3, 1), date(2025, 3, 31), "inferred").date == "2025-03"
    assert value_of(date(2025, 3, 1), date(2025, 7, 1), "inferred").date == "2025"
    assert value_of(date(2024, 3, 1), date(2025, 7, 1), "inferred").date is None


# ---- background is not news ------------------------------------------------------------------------
@pytest.mark.parametrize("sentence", [
    "The commander joined the guerrilla at 17 and fought the army in Colombia.",
    "Since 2000 the United States has provided $12 billion to Colombia.",
    "He was demobilised in 1990 after a peace deal.",
    "For decades, the two nations collaborated against drug cartels.",
    "Historically, Peru has sent aid to Bolivia.",
])
def test_biographical_and_historical_facts_are_background(sentence):
    value, _ = resolve(sentence, published="2025-10-01")
    assert value.background


def test_an_old_dated_fact_is_background_and_news_is_not():
    value, _ = resolve("Ecuador and Peru fought a border war in 1995.", published="2025-10-01")
    assert value.background and value.date == "1995"
    value, _ = resolve("Ecuador and Peru held border talks in September 2025.", published="2025-10-01")
    assert not value.background


def test_the_event_record_carries_the_range_the_anchor_and_background():
    coded = run("Colombia and the United States clashed in January 2025. In March, the United States "
                "sanctioned Colombia.", published=None)
    sanction = next(e for e in coded.events if e.event_type == "SANCTION")
    assert (sanction.date, sanction.date_method) == ("2025-03", "anchored")
    record = sanction.to_dict()
    assert record["date_earliest"] == "2025-03-01" and record["date_latest"] == "2025-03-31"
    assert record["date_anchor_start"] is not None and record["background"] is False
    coded = run("Since 2000 the United States has provided $12 billion in aid to Colombia.")
    assert coded.events and all(e.background for e in coded.events)


def test_a_range_read_off_an_unknown_publication_date_is_no_anchor():
    # "on Tuesday" of an undated article is only a range; "in November" must not hang on it
    value, _ = resolve("On Tuesday, Peru summoned the Chilean envoy. In November, Chile answered.",
                       published_earliest="2023-01-01", published_latest="2024-12-31")
    assert value.method != "anchored"


@pytest.mark.parametrize(("text", "verb", "tense"), [
    ("Peru's president is due to meet Chile's leader in March.", "meet", "future"),
    ("Peru's foreign minister is scheduled to visit Santiago in March.", "visit", "future"),
    ("Peru's president is going to meet Chile's leader in March.", "meet", "future"),
    ("Peru's president met Chile's leader in March.", "met", "past"),
    ("Peru's president wanted to meet Chile's leader in March.", "meet", None),
])
def test_an_act_a_governor_puts_ahead_is_in_the_future_tense(text, verb, tense):
    from detente.events.dates import clause_tense

    doc = nlp_for_tests()(text)
    assert clause_tense(next(t for t in doc if t.text == verb)) == tense


@pytest.mark.parametrize("text", [
    "India's prime minister, who joined the army at 17, met Pakistan's leader last week.",
    "India's president, in power since 2017, met Pakistan's leader last week.",
])
def test_a_biography_told_beside_the_act_does_not_make_it_background(text):
    events = run(text, published="2020-02-14").events
    assert [(e.event_type, e.background, e.date_earliest, e.date_latest) for e in events] == [
        ("CONSULT", False, "2020-02-03", "2020-02-09")]


def test_a_biography_told_in_its_own_clause_is_background():
    events = run("India's prime minister, who joined the army at 17, fought Pakistan in 1995.",
                 published="2020-02-14").events
    assert [(e.event_type, e.background) for e in events] == [("ASSAULT", True)]


def test_a_deictic_date_of_a_story_dated_only_from_below_keeps_that_bound():
    # no publication date; the story told of March 3, 2024, so it was written after it
    value, _ = resolve("Peru closed the border on March 3, 2024. Chile recalled its envoy last week.",
                       published_earliest="2024-03-03")
    assert (value.method, value.earliest, value.latest) == ("inferred", "2024-02-19", None)


@pytest.mark.parametrize("published", ["2025-03-20", None])
def test_a_pluperfect_act_lies_before_the_story_s_date(published):
    events = run("India closed the border with Pakistan in March 2024. Pakistan had expelled two Indian diplomats.",
                 published=published).events
    told = [(e.event_type, e.date_earliest, e.date_latest, e.date_method) for e in events if e.actor.country == "PAK"]
    assert told == [("SANCTION", None, "2024-03-31", "anchored")]
