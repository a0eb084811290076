"""Dates (explicit, relative, honest precision), quotes (speaker, words) and numeric claims."""

from __future__ import annotations

from datetime import date

import pytest
from builders import rules_quotes, run
from hypothesis import given, settings
from hypothesis import strategies as st

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
    assert one("It happened in September.") == ("2025-09", "month", "relative-to-publication")
    # a month without a year: the nearest occurrence; a past-tense clause keeps it before the anchor
    assert one("It happened in November.") == ("2025-11", "month", "relative-to-publication")
    (value,) = find_dates("It happened in November.", ANCHOR, tense_at=lambda _: "past")
    assert value.date == "2024-11"
    assert one("It happened last month.") == ("2025-09", "month", "relative-to-publication")
    assert one("It happened last year.") == ("2024", "year", "relative-to-publication")
    assert one("It happened yesterday.") == ("2025-10-27", "day", "relative-to-publication")
    assert one("It happened this week.") == ("2025-10", "month", "relative-to-publication")


def test_recently_is_a_range_of_weeks_before_the_writing():
    (value,) = find_dates("It happened recently.", ANCHOR)
    assert (value.earliest, value.latest, value.method) == ("2025-08-29", "2025-10-28", "relative-to-publication")
    (value,) = find_dates("In recent days, it happened.", ANCHOR)
    assert (value.earliest, value.latest) == ("2025-10-14", "2025-10-28")


def test_may_the_modal_is_not_a_month():
    assert find_dates("Petro may be calculating that it helps.", ANCHOR) == []


def test_following_month_uses_the_previous_dated_event():
    resolver = DateResolver("2025-10-28")
    from builders import nlp_for_tests

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


# ---- round 2: nearest occurrence, tense, complements, inferred ranges, datelines ------------------
def event_dates(text, published="2025-05-20", **kw):
    return [(e.event_type, e.date, e.date_method) for e in run(text, published=published, **kw).events]


def test_month_without_year_is_the_nearest_occurrence():
    # a past act in June reported in May happened last June; a bare "from July 1" is the coming one
    assert find_dates("The tariff applies from July 1.", date(2025, 6, 24))[0].date == "2025-07-01"
    assert find_dates("Talks resume in June.", date(2025, 5, 20))[0].date == "2025-06"
    assert find_dates("They met last June.", date(2025, 5, 20))[0].date == "2024-06"
    assert find_dates("They met in January.", date(2025, 12, 30), tense_at=lambda _: "past")[0].date == "2025-01"
    assert find_dates("They meet in January.", date(2025, 12, 30))[0].date == "2026-01"


def test_past_tense_keeps_a_yearless_date_before_the_anchor():
    assert event_dates("Russia attacked Ukraine in June.", published="2025-05-20") == [("ASSAULT", "2024-06", "relative-to-publication")]
    assert event_dates("Russia attacked Ukraine on March 3.", published="2025-05-20") == [("ASSAULT", "2025-03-03", "relative-to-publication")]


def test_an_offer_is_dated_when_made_not_when_the_offered_act_happens():
    (e,) = run("Japan offered to host talks with India in June.", published="2025-05-20").events
    assert (e.event_type, e.date, e.date_method) == ("AGREE", "2025-05-20", "publication")


def test_relative_date_on_an_inferred_range_is_not_one_end_of_it():
    kw = dict(published=None, published_earliest="2025-01-21", published_latest="2026-08-07")
    (e,) = run("Russia attacked Ukraine last month.", **kw).events
    assert e.date is None and e.date_method == "inferred"
    kw = dict(published=None, published_earliest="2025-03-02", published_latest="2025-06-20")
    (e,) = run("Russia attacked Ukraine last month.", **kw).events
    assert (e.date, e.date_precision, e.date_method) == ("2025", "year", "inferred")
    # an explicit date is still explicit
    (e,) = run("Russia attacked Ukraine on March 3, 2025.", **kw).events
    assert (e.date, e.date_method) == ("2025-03-03", "explicit")


def test_dateline_is_neither_actor_nor_date():
    text = ("Peru-Chile cement row\n\nSANTIAGO, March 18, 2025 (Pacific Ledger) \u2014 Chile imposed a 15 percent "
            "duty on cement imports from Peru on Monday, the trade ministry said.")
    from builders import GAZETTEER

    GAZETTEER.setdefault("santiago", ("CHLGOV", "CHL", "GOV"))
    GAZETTEER.setdefault("chile", ("CHL", "CHL", None))
    GAZETTEER.setdefault("peru", ("PER", "PER", None))
    events = run(text, published="2025-03-18").events
    assert [(e.actor.country, e.recipient.country, e.event_type, e.mode, e.date) for e in events] == [
        ("CHL", "PER", "SANCTION", "tariff", "2025-03-17")]
    assert events[0].actor.text == "Chile"


def test_a_period_after_a_number_is_not_what_it_measures():
    from detente.pipeline import default_pipeline, raw_from_string

    filler = " Officials from both countries met in Hanoi to discuss trade and the border."
    text = "Trade between Vietnam and Laos reached about $4.5 billion last year, officials said." + filler
    processed = next(default_pipeline().process([raw_from_string(text, published="2025-03-01")]))
    assert [(c.text, c.measure) for c in processed.coded.claims] == [("about $4.5 billion", "trade")]


# ---- date attachment: a date dates the event it is attached to ---------------------------------
def dated(text, published="2025-06-12"):
    return [(e.actor.country, e.recipient.country, e.event_type, e.date, e.date_precision, e.date_method)
            for e in run(text, published=published).events]


def test_main_clause_date_is_not_the_date_of_an_act_named_in_its_adjunct():
    # "on Tuesday" is when India imposed its duty; Pakistan's ban is only referred to
    assert dated("India imposed a 10 percent duty on textiles from Pakistan on Tuesday, retaliating for a "
                 "Pakistani ban on Indian sugar.") == [
        ("IND", "PAK", "SANCTION", "2025-06-10", "day", "relative-to-publication"),
        ("PAK", "IND", "SANCTION", "2025-06-12", "day", "publication")]
    assert dated("India imposed a 10 percent duty on textiles from Pakistan on Tuesday in response to Pakistani "
                 "sanctions on Indian banks.")[1][3:] == ("2025-06-12", "day", "publication")


def test_coordinated_verbs_share_a_date():
    for text in ("Germany expelled two Russian diplomats and closed Russia's consulate in Leipzig on Friday.",
                 "On Friday, Germany expelled two Russian diplomats and closed Russia's consulate in Leipzig."):
        assert [e[3:] for e in dated(text)] == [("2025-06-06", "day", "relative-to-publication")] * 2


def test_a_date_inside_the_noun_phrase_dates_the_nominal_event():
    for text in ("India imposed a duty on Pakistani cement on Tuesday, retaliating for a Pakistani tariff on "
                 "Indian sugar imposed on 3 March.",
                 "India imposed a duty on Pakistani cement on Tuesday, retaliating for the March 3 Pakistani "
                 "tariff on Indian sugar.",
                 "India imposed a duty on Pakistani cement on Tuesday, retaliating for a Pakistani tariff of "
                 "March 3 on Indian sugar."):
        assert dated(text) == [("IND", "PAK", "SANCTION", "2025-06-10", "day", "relative-to-publication"),
                               ("PAK", "IND", "SANCTION", "2025-03-03", "day", "anchored")]
    assert dated("Pakistan's tariff on Indian sugar took effect on March 3.")[0][3] == "2025-03-03"


def test_a_date_inside_a_referred_act_does_not_date_the_verb():
    # "the March 3 tariff" is when the tariff came; the condemnation is undated in the text
    assert dated("Brazil condemned the March 3 tariff by Mexico.")[0][2:] == ("ACCUSE", "2025-06-12", "day",
                                                                             "publication")


def test_since_february_dates_a_nominal_event_to_the_month():
    assert dated("India imposed a duty on Pakistani cement on Tuesday, retaliating for a Pakistani tariff on "
                 "Indian sugar that has soured relations since February.")[1] == (
        "PAK", "IND", "SANCTION", "2025-02", "month", "anchored")


def test_a_participle_clause_shares_the_date_of_its_verb():
    # "criticised the deal" is no dyadic event; "accusing Japan" told on from it is, on Thursday
    assert dated("China criticised the deal on Thursday, accusing Japan of stirring up confrontation.",
                 published="2025-06-13") == [("CHN", "JPN", "ACCUSE", "2025-06-12", "day", "relative-to-publication")]


def test_a_date_in_a_clause_embedded_under_the_event_is_not_its_date():
    # February is when the dispute began (and Pakistan's tariff came), not when India accused
    assert dated("India accused Pakistan of using the recording to distract from the trade dispute that began in "
                 "February, when Pakistan imposed a 20 percent tariff on Indian sugar.") == [
        ("IND", "PAK", "ACCUSE", "2025-06-12", "day", "publication"),
        ("PAK", "IND", "SANCTION", "2025-02", "month", "relative-to-publication")]


def test_a_weekday_of_an_act_to_come_does_not_date_the_promise():
    # 2025-06-12 is a Thursday: "on Monday" of a future meeting is the 16th, after publication, so
    # the promise to meet is dated by the publication (on or before it), not by last Monday
    assert dated("India will hold talks with Pakistan on Monday.") == [
        ("IND", "PAK", "AGREE", "2025-06-12", "day", "publication")]
    assert dated("India will hold talks with Pakistan next Monday.")[0][3:] == ("2025-06-12", "day", "publication")
    assert dated("India held talks with Pakistan on Monday.")[0][3:] == ("2025-06-09", "day", "relative-to-publication")


def test_next_and_last_weekdays_and_tomorrow():
    from datetime import date

    from detente.events.dates import find_dates

    thursday = date(2025, 6, 12)
    assert [(d.date, d.future) for d in find_dates("Peru will reply next Tuesday.", thursday)] == [("2025-06-17", True)]
    assert [(d.date, d.future) for d in find_dates("Chile replied last Thursday.", thursday)] == [("2025-06-05", False)]
    assert [(d.date, d.future) for d in find_dates("Chile replied on Thursday.", thursday)] == [("2025-06-12", False)]
    assert [(d.date, d.future) for d in find_dates("Peru will reply tomorrow.", thursday)] == [("2025-06-13", True)]


def test_weeks_ago_and_the_weekend_are_ranges_around_their_days():
    from datetime import date

    from detente.events.dates import find_dates

    friday = date(2020, 2, 14)
    [two_weeks] = find_dates("Peru recalled its envoy two weeks ago.", friday)
    # about the 31st of January, not the whole of January
    assert (two_weeks.earliest, two_weeks.latest) == ("2020-01-28", "2020-02-03")
    [weekend] = find_dates("Chile closed the crossing over the weekend.", friday)
    assert (weekend.earliest, weekend.latest) == ("2020-02-08", "2020-02-09")
    [weekend] = find_dates("Chile closed the crossing over the weekend.", date(2020, 2, 16))
    assert (weekend.earliest, weekend.latest) == ("2020-02-15", "2020-02-16")


def test_a_weekend_is_its_saturday_and_sunday_and_the_past_week_the_last_seven_days():
    from datetime import date

    from detente.events.dates import find_dates

    def span(text, day):
        [value] = find_dates(text, day)
        return value.earliest, value.latest, value.future

    friday, sunday = date(2020, 2, 14), date(2020, 2, 16)
    assert span("Chile closed the crossing last weekend.", friday) == ("2020-02-08", "2020-02-09", False)
    assert span("Chile closed the crossing last weekend.", sunday) == ("2020-02-08", "2020-02-09", False)
    assert span("Chile closed the crossing this weekend.", sunday) == ("2020-02-15", "2020-02-16", False)
    assert span("Chile will close the crossing this weekend.", friday)[2] is True
    assert span("Chile closed the crossing in the past week.", friday) == ("2020-02-07", "2020-02-14", False)
    assert span("Chile closed two crossings in recent months.", friday)[:2] == ("2019-02-14", "2020-02-14")







@pytest.mark.parametrize("text,speaker", [
    pytest.param("Ghana's president backed the protests in Togo, posting 'No more walls between neighbours' on his "
                 "page.", {"country": "GHA"}, id="a participle's words are its governing verb's subject's"),
    pytest.param("Peru's foreign minister met the Chilean envoys and wrote 'We will settle this at the table' "
                 "afterwards.", {"country": "PER"}, id="a second verb's words are the first verb's subject's"),
    pytest.param("Togo wants closer ties with Ghana, \"but the talks have stalled for months,\" said Kofi Mensimah, "
                 "a trader in Aflao.", {"text": "Kofi Mensimah", "code": None},
                 id="someone the dictionaries do not know, not the last country named"),
    pytest.param("Peru raised tariffs on Chilean copper, which Ama Quispewaman called \"a blow to every miner in "
                 "the south.\"", {"text": "Ama Quispewaman", "code": None}, id="the one who called it so"),
    pytest.param("Ghana and Togo met on Monday, and a trader in Aflao said \"the border stays shut for now.\"",
                 {"text": "a trader", "code": None}, id="someone described, not named"),
    pytest.param("\"The border stays shut until the talks resume,\" a spokesperson for Ghana's foreign ministry "
                 "said.", {"country": "GHA"}, id="a spokesperson for a known body speaks for it"),
    pytest.param("One of the report's authors, Kofi Mensimah, told VOA that \"Ghana and Togo have never traded "
                 "more.\"", {"text": "Kofi Mensimah", "code": None}, id="a name in apposition to the subject"),
    pytest.param("Kofi Mensimah, a trader in Aflao, said Ghana is the most careful of the neighbours. Ghana \"will "
                 "always be more cautious about Togo than about anyone else,\" he told reporters.",
                 {"text": "Kofi Mensimah", "code": None}, id="an unresolved he is the person named last"),
])
def test_the_speaker_of_a_quote_is_the_one_its_speech_verb_names(text, speaker):
    (quote,) = rules_quotes(text)
    assert quote.speaker is not None
    assert {field: getattr(quote.speaker, field) for field in speaker} == speaker


def test_he_added_after_a_quote_is_the_last_speaker_not_someone_named_inside_the_quote():
    quotes = rules_quotes("\"Ghana will not reopen the border this year,\" said Kofi Mensimah, a trader in Aflao. "
                          "\"It is in the interest of both Accra and President Faure Gnassingbe of Togo to settle "
                          "this soon,\" he added.")
    assert [q.speaker.text if q.speaker else None for q in quotes] == ["Kofi Mensimah", "Kofi Mensimah"]



def test_a_relative_who_after_a_quote_does_not_go_on_with_its_speaker():
    quotes = rules_quotes("\"Ghana will not reopen the border this year,\" said Kofi Mensimah, a trader in Aflao. "
                          "Togo's president, who said \"the border was never ours to close,\" met him on Monday.")
    assert quotes[1].speaker is not None and quotes[1].speaker.country == "TGO"


_PIECES = ["Ghana", "Togo", "said", "Kofi Mensimah", "he", "added", "a trader", "the ministry", "posting", "and",
           "wrote", ",", ".", "\"", "“", "”", "'", "the border stays shut", "who", "told VOA", "one of the authors"]


@settings(max_examples=40, deadline=None)
@given(st.lists(st.sampled_from(_PIECES), max_size=30))
def test_quotes_of_any_scraped_text_are_its_own_words_and_speakers(pieces):
    text = " ".join(pieces)
    for quote in rules_quotes(text):
        assert quote.text in text
        assert text[quote.evidence.start:quote.evidence.end] == quote.evidence.text
        if quote.speaker is not None and quote.speaker.code is None:
            assert quote.speaker.text in text



def test_a_number_a_verb_brings_something_to_or_by_measures_that_verbs_object():
    # "boosted trade to $2 billion", "cut its aid by 30 percent": the number is the object's amount
    coded = run("The pact has helped boost bilateral trade between Ghana and Togo to about $2 billion annually. "
                "Ghana cut its aid to Togo by 30 percent.")
    got = {(c.value, c.unit, c.measure) for c in coded.claims}
    assert (2e9, "USD", "trade") in got
    assert (30.0, "percent", "aid") in got


def test_a_quote_opened_and_closed_with_different_marks_ends_at_its_own_closing_mark():
    # scraped text mixes straight and curly marks; a quote must not run on to the next straight one
    quotes = rules_quotes("Kofi Mensimah said \"the border stays shut for now.” Ghana and Togo met on Monday. "
                          "Togo's president said \"talks will go on next week\" in Lome.")
    assert [q.text for q in quotes] == ["the border stays shut for now.", "talks will go on next week"]


def test_a_title_in_quotation_marks_is_no_quote():
    # the name of a programme, a book or a group is written in quotation marks, but no one says it
    assert rules_quotes("Kofi Mensimah told \"Morning Talk With Ama\" that Ghana would reopen the border.") == []
    assert rules_quotes("The cell called itself \"the Lions of the Volta Basin.\" Police in Accra arrested "
                        "three members.") == []
    (quote,) = rules_quotes("Kofi Mensimah said \"the border stays shut for now\" in Aflao.")
    assert quote.text == "the border stays shut for now"
