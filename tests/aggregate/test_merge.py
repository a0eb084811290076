"""Merging events into story events: cases that must and must not merge."""

from __future__ import annotations

from builders import ACTORS, art, ev

from detente.aggregate.merge import merge_events, similarity, story_id_for
from detente.models import Actor

A1 = art("d1", "On January 26, 2025, President Trump ordered 25% tariffs on all Colombian goods after "
               "Bogotá turned back two deportation flights. Trump also revoked visas for Colombian "
               "officials. The 25 percent tariffs hit coffee and flowers.",
         outlet="Reuters", url="https://www.reuters.com/a")
A2 = art("d2", "In January 2025 Washington slapped tariffs of 25 percent on Colombian imports. "
               "In September the State Department revoked the visa of President Gustavo Petro.",
         outlet="AP")
A3 = art("d3", "The 25% tariffs Trump imposed on Colombian goods earlier this year still weigh on exporters.",
         url="https://www.example.org/story", published="2025-10-28")


def tariff_three_ways():
    return [
        ev(A1, "On January 26, 2025, President Trump ordered 25% tariffs on all Colombian goods after "
               "Bogotá turned back two deportation flights.", mode="tariff", date="2025-01-26",
           confidence=0.9),
        ev(A2, "In January 2025 Washington slapped tariffs of 25 percent on Colombian imports.",
           actor_obj=Actor("Washington", "USA", "USA", None), mode="tariff", date="2025-01",
           confidence=0.7),
        ev(A3, "The 25% tariffs Trump imposed on Colombian goods earlier this year still weigh on exporters.",
           mode="tariff", date="2025-10-28", method="reported", confidence=0.6),
    ]


ARTICLES = {a.doc_id: a for a in (A1, A2, A3)}


def test_same_tariff_told_three_ways_merges():
    stories = merge_events(tariff_three_ways(), ARTICLES)
    assert len(stories) == 1
    story = stories[0]
    assert (story.n_mentions, story.n_articles, story.n_outlets) == (3, 3, 3)
    assert story.date == "2025-01-26" and story.date_precision == "day"
    # The spread covers the firm dates; the October "reported" date is only an upper bound.
    assert story.date_earliest == "2025-01-01" and story.date_latest == "2025-01-31"
    assert story.actor.code == "USAGOV"  # the more specific code wins the 1–1 tie
    assert story.mode == "tariff" and story.event_type == "SANCTION"
    assert {m.outlet for m in story.mentions} == {"Reuters", "AP", "example.org"}
    # Corroboration raises confidence above any single mention: 1 - 0.1*0.3*0.4.
    assert story.confidence == round(1 - 0.1 * 0.3 * 0.4, 3)
    assert story.intensity == -8.0


def test_merge_is_order_independent_and_id_deterministic():
    events = tariff_three_ways()
    forward = merge_events(events, ARTICLES)
    backward = merge_events(list(reversed(events)), ARTICLES)
    assert [s.story_id for s in forward] == [s.story_id for s in backward]
    assert forward[0].story_id == story_id_for([e.event_id for e in events])


def test_two_visa_revocations_months_apart_stay_two():
    events = [
        ev(A1, "Trump also revoked visas for Colombian officials.", mode="visa_ban", date="2025-01-26"),
        ev(A2, "In September the State Department revoked the visa of President Gustavo Petro.",
           mode="visa_ban", date="2025-09"),
    ]
    stories = merge_events(events, ARTICLES)
    assert len(stories) == 2
    assert [s.date for s in stories] == ["2025-01-26", "2025-09"]


def test_opposite_directions_never_merge():
    text = "Colombia and the United States imposed tariffs on each other on January 26, 2025."
    a = art("x", text)
    events = [ev(a, text, mode="tariff", date="2025-01-26"),
              ev(a, text, actor="COL", recipient="USA", mode="tariff", date="2025-01-26")]
    stories = merge_events(events, {"x": a})
    assert len(stories) == 2
    assert {(s.actor.country, s.recipient.country) for s in stories} == {("USA", "COL"), ("COL", "USA")}


def test_tariff_and_visa_ban_do_not_merge():
    events = [
        ev(A1, "On January 26, 2025, President Trump ordered 25% tariffs on all Colombian goods after "
               "Bogotá turned back two deportation flights.", mode="tariff", date="2025-01-26"),
        ev(A1, "Trump also revoked visas for Colombian officials.", mode="visa_ban", date="2025-01-26"),
    ]
    stories = merge_events(events, ARTICLES)
    assert sorted(s.mode for s in stories) == ["tariff", "visa_ban"]


def test_two_mentions_in_one_article_merge():
    events = [
        ev(A1, "On January 26, 2025, President Trump ordered 25% tariffs on all Colombian goods after "
               "Bogotá turned back two deportation flights.", mode="tariff", date="2025-01-26"),
        ev(A1, "The 25 percent tariffs hit coffee and flowers.", mode="tariff", date=None),
    ]
    stories = merge_events(events, ARTICLES)
    assert len(stories) == 1
    assert (stories[0].n_mentions, stories[0].n_articles, stories[0].n_outlets) == (2, 1, 1)


def test_dissimilar_undated_events_do_not_merge():
    a = art("u", "Trump criticised Colombia's coca policy. Trump attacked Colombia over migration at the border.")
    events = [ev(a, "Trump criticised Colombia's coca policy.", event_type="ACCUSE", intensity=-2.0),
              ev(a, "Trump attacked Colombia over migration at the border.", event_type="ACCUSE",
                 intensity=-2.0)]
    # Same article bonus is not enough: nothing in common but the actors.
    assert len(merge_events(events, {"u": a})) == 2


def test_reported_date_is_an_upper_bound():
    """An article of 2025-03 reporting tariffs cannot be about tariffs first dated 2025-09."""
    a = art("r", "Tariffs of 25% on Colombian goods were announced. Tariffs of 25% on Colombian goods began.")
    events = [ev(a, "Tariffs of 25% on Colombian goods were announced.", mode="tariff",
                 date="2025-03-10", method="reported"),
              ev(A2, "In January 2025 Washington slapped tariffs of 25 percent on Colombian imports.",
                 mode="tariff", date="2025-09")]
    assert len(merge_events(events, {"r": a, **ARTICLES})) == 2
    later = [events[0], ev(A2, "In January 2025 Washington slapped tariffs of 25 percent on Colombian imports.",
                           mode="tariff", date="2025-01")]
    stories = merge_events(later, {"r": a, **ARTICLES})
    assert len(stories) == 1 and stories[0].date == "2025-01"


def test_only_reported_dates_give_an_upper_bound():
    story = merge_events([tariff_three_ways()[2]], ARTICLES)[0]
    assert story.date == "2025-10-28" and story.date_earliest is None and story.date_latest == "2025-10-28"


def test_unknown_country_needs_near_identical_evidence():
    who = Actor("officials", None, None, None)
    s = "The 25% tariffs Trump imposed on Colombian goods earlier this year still weigh on exporters."
    events = [ev(A3, s, actor_obj=who, mode="tariff"), ev(A3, s, actor_obj=who, mode="tariff"),
              ev(A1, "Trump also revoked visas for Colombian officials.", actor_obj=who, mode="tariff")]
    assert sorted(s.n_mentions for s in merge_events(events, ARTICLES)) == [1, 2]


def test_similarity_rewards_shared_numbers_and_nouns():
    a = "Trump imposed 25% tariffs on Colombian goods."
    assert similarity(a, "Washington put tariffs of 25 percent on Colombian goods.") > 60
    assert similarity(a, "Washington put tariffs of 50 percent on Colombian goods.") < similarity(
        a, "Washington put tariffs of 25 percent on Colombian goods.")
    assert similarity(a, "") == 0.0
    assert ACTORS["USA"].country == "USA"


def test_separate_statements_of_the_same_kind_stay_apart():
    """Four quotes of intent in one article, dated only to the year, are four statements."""
    a = art("q", '"We emphasized the mutual benefits of our trade," Petro noted. '
                 '"We must find common ground," Petro remarked. '
                 '"We emphasized the mutual benefits of our trade," Petro repeated.')
    events = [ev(a, '"We emphasized the mutual benefits of our trade," Petro noted.', actor="COL",
                 recipient="USA", event_type="AGREE", mode="intent", date="2024", method="inferred",
                 intensity=4.0),
              ev(a, '"We must find common ground," Petro remarked.', actor="COL", recipient="USA",
                 event_type="AGREE", mode="intent", date="2024", method="inferred", intensity=4.0),
              ev(a, '"We emphasized the mutual benefits of our trade," Petro repeated.', actor="COL",
                 recipient="USA", event_type="AGREE", mode="intent", date="2024", method="inferred",
                 intensity=4.0)]
    stories = merge_events(events, {"q": a})
    # The repeated sentence is the same statement; the other one is a different statement.
    assert sorted(s.n_mentions for s in stories) == [1, 2]


def test_statements_in_the_same_month_need_the_same_day_or_similar_words():
    a = art("m", "Trump accused Petro of lying in October 2025. Trump accused Colombia of failing on coca "
                 "in October 2025.")
    events = [ev(a, "Trump accused Petro of lying in October 2025.", event_type="ACCUSE", date="2025-10",
                 intensity=-2.0),
              ev(a, "Trump accused Colombia of failing on coca in October 2025.", event_type="ACCUSE",
                 date="2025-10", intensity=-2.0)]
    assert len(merge_events(events, {"m": a})) == 2


def test_an_act_with_no_recipient_told_twice_is_one_story_outside_every_dyad():
    """A one-sided act ("declared a state of emergency") from two outlets is one story with no
    recipient; a dyad's index never counts it, whichever of its countries is asked for."""
    from dataclasses import replace

    from detente.aggregate.index import dyad_index

    a = art("o1", "Colombia declared a state of emergency on March 3, 2025.", outlet="One")
    b = art("o2", "On March 3, 2025 Colombia declared a state of emergency in the north.", outlet="Two")
    told = [replace(ev(doc, doc.text, actor="COL", event_type="COERCE", mode="restrictions", date="2025-03-03"),
                    recipient=None) for doc in (a, b)]
    stories = merge_events(told, {a.doc_id: a, b.doc_id: b})
    assert [(s.actor.code, s.recipient, s.n_articles) for s in stories] == [("COL", None, 2)]
    rows = dyad_index(stories, "COL-USA", "month")
    assert all(r.n_events == 0 for r in rows)
