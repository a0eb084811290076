"""Publication dates a user can trust: the crawl time is an upper bound on every source of a
date, and dated past events an undated article reports narrow its inferred range."""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from detente.clean import clean
from detente.clean.dates import infer_range, parse_date, reported_dates, reported_words
from detente.clean.html import page_date
from detente.config import Settings
from detente.models import RawDocument
from detente.read import iter_raw

BODY = " ".join(["Chile and Peru officials met in Lima on Tuesday to discuss the fruit tariffs and the "
                 "border programme, the two foreign ministries said in a joint statement."] * 3)


def _page(extra: str = "", head: str = "") -> str:
    return (f"<html><head><title>Chile and Peru talks</title>{head}</head><body><article>"
            f"<h1>Chile and Peru talks</h1>{extra}<p>{BODY}</p>"
            "<p>Both parties are already preparing for the 2030 elections.</p></article></body></html>")


def _clean_html(html: str, crawled: str | None, url: str = "https://pacific-ledger.example.test/a"):
    return clean(RawDocument(source_path="crawl.warc#record-1", data=html.encode(), kind="html", url=url,
                             crawled=crawled), Settings())


# --- the crawl time bounds every source ---------------------------------------------------------

def test_htmldate_is_given_the_crawl_time_as_max_date(monkeypatch):
    import htmldate

    seen = {}

    def fake_find_date(html, **kwargs):
        seen.update(kwargs)
        return None

    monkeypatch.setattr(htmldate, "find_date", fake_find_date)
    page_date("<html></html>", None, True, max_date=dt.date(2025, 1, 26))
    assert seen["max_date"] == dt.datetime(2025, 1, 26, 23, 59, 59)


def test_a_date_in_the_url_after_the_crawl_is_not_the_publication_date():
    html = _page()
    url = "https://pacific-ledger.example.test/2026/03/05/chile-peru-talks"
    unbounded = _clean_html(html, None, url)
    assert unbounded.published == "2026-03-05"  # htmldate reads the URL: plausible without a crawl time
    bounded = _clean_html(html, "2025-01-26T10:00:00Z", url)
    assert bounded.published is None or bounded.published <= "2025-01-26"
    assert bounded.published_latest == "2025-01-26"


@pytest.mark.parametrize("extra,head", [
    ("<p>Posted March 5, 2026</p>", ""),  # a dateline
    ("", '<meta property="article:published_time" content="2026-03-05T10:00:00Z">'),  # page markup
])
def test_no_source_may_date_a_page_after_its_crawl(extra, head):
    article = _clean_html(_page(extra, head), "2025-01-26T10:00:00Z")
    assert article.published is None
    assert (article.published_method, article.published_latest) == ("inferred", "2025-01-26")
    assert _clean_html(_page(extra, head), None).published == "2026-03-05"  # the same page, uncrawled


def test_a_page_dated_before_its_crawl_keeps_its_date():
    article = _clean_html(_page("<p>Posted January 20, 2025</p>"), "2025-01-26T10:00:00Z")
    assert (article.published, article.published_method) == ("2025-01-20", "dateline")


def test_supplied_metadata_after_the_crawl_field_is_rejected_in_favour_of_the_next_source():
    raw = RawDocument(source_path="f.jsonl#L1", kind="text", published="2031-01-01", crawled="2025-02-01",
                      text="LIMA, January 30, 2025 — " + BODY)
    article = clean(raw, Settings())
    assert (article.published, article.published_method) == ("2025-01-30", "dateline")


def test_warc_date_reaches_clean_through_the_reader(tmp_path: Path):
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    path = tmp_path / "crawl.warc.gz"
    with path.open("wb") as handle:
        writer = WARCWriter(handle, gzip=True)
        http = StatusAndHeaders("200 OK", [("Content-Type", "text/html")], protocol="HTTP/1.1")
        writer.write_record(writer.create_warc_record(
            "https://pacific-ledger.example.test/2026/03/05/talks", "response",
            payload=io.BytesIO(_page().encode()), http_headers=http,
            warc_headers_dict={"WARC-Date": "2025-01-26T10:00:00Z"}))
    (raw,) = iter_raw([str(path)], Settings())
    assert raw.crawled == "2025-01-26T10:00:00Z"
    article = clean(raw, Settings())
    assert article.status == "stored" and article.published is None
    assert article.published_latest == "2025-01-26"


@pytest.mark.parametrize("value,iso", [("20250126", "2025-01-26"), ("20250126103000", "2025-01-26"),
                                       ("2025-01-26T10:00:00Z", "2025-01-26"), ("20251399", None)])
def test_crawl_and_gdelt_timestamps_parse(value, iso):
    assert parse_date(value) == iso


_DATES = st.dates(min_value=dt.date(1996, 1, 1), max_value=dt.date(2035, 12, 31))


@given(_DATES, _DATES, st.sampled_from(["", "In {m} the talks collapsed. ", "By {m}, trade had halved. ",
                                        "Elections are due in {m}. "]))
@settings(max_examples=60, deadline=None)
def test_nothing_after_the_crawl_is_ever_returned(crawl, mentioned, sentence):
    month = mentioned.strftime("%B %Y")
    text = (f"LIMA, {mentioned.strftime('%B')} {mentioned.day}, {mentioned.year} — "
            + sentence.format(m=month) + BODY)
    raw = RawDocument(source_path="f.jsonl#L1", kind="text", text=text, published=mentioned.isoformat(),
                      crawled=crawl.isoformat())
    article = clean(raw, Settings())
    for value in (article.published, article.published_earliest, article.published_latest):
        assert value is None or value <= crawl.isoformat()


# --- dated past events narrow an undated article's range ----------------------------------------

@pytest.mark.parametrize("text,earliest", [
    ("In March 2024 the talks collapsed.", "2024-03-01"),
    ("By June 2024, trade between the two countries had halved.", "2024-06-01"),
    ("The ceasefire has held since August 2024, officials said.", "2024-08-01"),
    ("Talks began on 3 March 2021. The tariffs took effect on 1 June 2022.", "2022-06-01"),
    ("The ministers met on March 3, 2024 in Lima. In August 2023 both envoys had been recalled.", "2024-03-03"),
])
def test_latest_reported_past_event_is_the_earliest_publication(text, earliest):
    assert infer_range(text).earliest == earliest


@pytest.mark.parametrize("text", [
    "Both parties are preparing for the 2030 elections.",
    "The elections will be held in March 2030.",
    "Officials agreed to withdraw troops by June 2026.",
    "The sanctions were extended until March 2030.",
    "Campaigning for the March 2025 elections began last week.",  # no preposition: the date is a name
    "The United Nations meeting in June 2030 is the next step.",  # "United" is not a past verb
    "The Geneva-based talks in June 2030 are important.",
    "Since 2000, the United States has provided over $12 billion in aid.",  # a bare year
    "The summit, scheduled for May 2027, was announced on Monday.",
])
def test_future_plans_and_bare_years_do_not_narrow(text):
    assert reported_dates(text) == []


def test_reported_events_intersect_with_office_terms():
    text = ("President Gustavo Petro recalled the ambassador in March 2024. "
            "In January 2025 Bogotá said talks had resumed.")
    inf = infer_range(text)
    assert (inf.earliest, inf.latest) == ("2025-01-01", "2026-08-07")  # Petro's term ends 2026-08-07
    assert any(r.startswith("reports 2025-01-01") for r in inf.reasons)


def test_an_undated_article_reporting_dated_events_gets_an_inferred_range():
    text = ("Chile and Peru restored full diplomatic relations on Monday, their foreign ministries said. "
            "In March 2025 both had expelled each other's ambassadors, and by June 2025 the tariffs "
            "imposed in February had been lifted. Both parties are preparing for the 2030 elections.")
    article = clean(RawDocument(source_path="a.txt", data=text.encode(), kind="text"), Settings())
    assert (article.published, article.published_method) == (None, "inferred")
    assert (article.published_earliest, article.published_latest) == ("2025-06-01", None)


def test_reported_dates_word_lists_are_strings():
    words = reported_words()  # raises on a YAML bool (a bare `on`)
    assert words.before_date.search("talks began on ")


def test_two_holders_of_one_office_are_history_not_a_handover_day():
    text = ("President Trump said Turkey would face sanctions. President Obama had refused to sell the "
            "Patriot system to Ankara, officials said.")
    inf = infer_range(text)
    assert (inf.earliest, inf.latest) == ("2009-01-20", "2029-01-20")  # either term, not 2017-01-20 alone


def test_one_person_in_two_states_is_either_state():
    inf = infer_range("President-elect Trump met Petro's envoy. President Trump later imposed tariffs on Colombia.")
    assert (inf.earliest, inf.latest) == ("2016-11-08", "2029-01-20")
