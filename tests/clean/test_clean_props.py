"""Untrusted input: cleaning, decoding and the line classifier never raise, whatever they get."""

from __future__ import annotations

import re

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from detente.clean import clean
from detente.clean.dates import find_dates, infer_range, parse_date
from detente.clean.decode import binary_kind, decode
from detente.clean.text import analyse_text
from detente.config import Settings
from detente.models import RawDocument

SETTINGS = Settings(min_words=3)
_lines = st.lists(st.one_of(
    st.text(max_size=120),
    st.sampled_from(["• Home", "Share on Facebook", "© 2024 Site.", "28 de October de 2025", "M T W T F S S",
                     "The minister said the talks would continue next week in the capital.", "", "Source: http://x"]),
), max_size=40)
_html = st.builds(lambda parts: "".join(parts), st.lists(st.one_of(
    st.sampled_from(["<html>", "<body>", "<p>", "</p>", "<div>", "<title>", "<script>", "<!--", "<a href='",
                     "<meta charset='", "&amp;", "&#x0;", "<![CDATA[", "</html>"]),
    st.text(max_size=40)), max_size=30))


@given(st.binary(max_size=2000))
@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_clean_never_raises_on_bytes(data):
    article = clean(RawDocument(source_path="x.html", data=data, kind="html"), SETTINGS)
    assert article.status in ("stored", "rejected") and article.doc_id
    assert (article.status == "rejected") == bool(article.reason)


@given(_html)
@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_clean_never_raises_on_broken_html(html):
    article = clean(RawDocument(source_path="x.html", html=html, kind="html"), SETTINGS)
    assert article.status in ("stored", "rejected")


@given(_lines)
@settings(max_examples=200, deadline=None)
def test_clean_never_raises_on_text(lines):
    text = "\n".join(lines)
    article = clean(RawDocument(source_path="x.txt", text=text, kind="text"), SETTINGS)
    assert article.status in ("stored", "rejected")
    page = analyse_text(text)
    # the classifier only selects (and unwraps) what is there: it never writes words of its own
    assert set(re.findall(r"\w+", page.text)) <= set(re.findall(r"\w+", text))


@given(st.binary(max_size=3000))
@settings(max_examples=300, deadline=None)
def test_decode_never_raises(data):
    assert isinstance(decode(data), str)
    binary_kind(data)


@given(st.text(max_size=400))
@settings(max_examples=300, deadline=None)
def test_date_functions_never_raise(text):
    find_dates(text)
    parse_date(text)
    inf = infer_range(text)
    assert inf is None or inf.earliest is None or inf.latest is None or inf.earliest <= inf.latest
