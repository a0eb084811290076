"""Outlets: a site name, a host and a URL of one outlet are one outlet; hosts are normalised
offline; a file path is never an outlet."""

from __future__ import annotations

import socket

import pytest
from builders import REPO
from hypothesis import given, settings
from hypothesis import strategies as st

from detente.clean import clean
from detente.clean import outlets as outlets_module
from detente.clean.outlets import host_of, looks_like_path, outlet_for, same_outlet
from detente.config import Settings
from detente.read import iter_raw

SAMPLE = REPO / "detente" / "data" / "sample"
BODY = " ".join(["Chile and Peru officials met in Lima on Tuesday to discuss the fruit tariffs and the "
                 "border programme, the two foreign ministries said in a joint statement."] * 3)


@pytest.mark.parametrize("name,url,outlet", [
    ("Pacific Ledger", "https://pacific-ledger.example.test/americas/a", "pacific-ledger.example.test"),
    (None, "https://www.pacific-ledger.example.test/a", "pacific-ledger.example.test"),
    ("www.pacific-ledger.example.test", None, "pacific-ledger.example.test"),  # news-please source_domain
    ("The Guardian", "https://www.theguardian.com/world/1", "theguardian.com"),
    ("BBC News", "https://www.bbc.co.uk/news/1", "bbc.co.uk"),
    ("New York Times", "https://www.nytimes.com/2025/01/01/x.html", "nytimes.com"),
    (None, "https://edition.cnn.com/2025/x", "cnn.com"),
    (None, "https://foo.blogspot.com/x", "foo.blogspot.com"),  # a private suffix: each blog its own
    ("India News Bull", "https://www.ndtv.com/world-news/x", "India News Bull"),  # names another site
    ("Pacific Ledger", None, "Pacific Ledger"),
    ("./saved/page.html", None, None),
    ("saved\\page.html", None, None),
    ("D:\\pages\\page.html", None, None),
    (None, "file:saved/page.html", None),
    ("  ", None, None),
])
def test_outlet_for(name, url, outlet):
    assert outlet_for(name, url) == outlet


def test_same_outlet_needs_the_slugs_to_match():
    assert same_outlet("Pacific Ledger", "pacific-ledger.example.test")
    assert same_outlet("Costa Pacífico Daily", "costapacificodaily.example.test")
    assert not same_outlet("Andean Observer", "pacific-ledger.example.test")
    assert not same_outlet("AP", "apnews.com")  # too short to tell


def test_the_sample_corpus_has_one_pacific_ledger():
    """The JSONL record names it "Pacific Ledger" beside its URL; the text files give only a URL."""
    articles = [clean(raw, Settings()) for raw in iter_raw([str(SAMPLE)], Settings())]
    ledger = [a for a in articles if a.url and "pacific-ledger" in a.url]
    assert len(ledger) == 4
    assert {a.outlet for a in ledger} == {"pacific-ledger.example.test"}
    assert not any(a.outlet and looks_like_path(a.outlet) for a in articles)


def test_hosts_are_parsed_offline(monkeypatch, tmp_path):
    def no_network(*args, **kwargs):
        raise AssertionError("tldextract tried the network")

    monkeypatch.setattr(socket.socket, "connect", no_network)
    monkeypatch.setattr(socket, "create_connection", no_network)
    monkeypatch.setenv("HOME", str(tmp_path))
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    outlets_module._extract.cache_clear()
    try:
        assert host_of("https://news.bbc.co.uk/x") == "bbc.co.uk"
        assert host_of("https://www.elpais.com.co/x") == "elpais.com.co"
    finally:
        outlets_module._extract.cache_clear()
    assert not any(tmp_path.rglob("*")), "tldextract wrote a cache"


def _saved_page(head: str = "", comment: str = "") -> bytes:
    return (f"{comment}<html><head><title>Chile and Peru talks</title>{head}</head><body><article>"
            f"<p>{BODY}</p></article></body></html>").encode()


@pytest.mark.parametrize("page,outlet", [
    (_saved_page(), None),
    (_saved_page('<link rel="canonical" href="https://www.pacific-ledger.example.test/a">'),
     "pacific-ledger.example.test"),
    (_saved_page('<meta property="og:url" content="https://andean-observer.example.test/b">'),
     "andean-observer.example.test"),
    (_saved_page('<meta property="og:site_name" content="Andean Observer">'), "Andean Observer"),
    (_saved_page(comment="<!-- saved from url=(0042)https://www.pacific-ledger.example.test/c -->\n"),
     "pacific-ledger.example.test"),
])
def test_a_folder_of_saved_pages_never_shows_a_path(tmp_path, page, outlet):
    path = tmp_path / "saved" / "Chile and Peru talks.html"
    path.parent.mkdir()
    path.write_bytes(page)
    (raw,) = iter_raw([str(tmp_path)], Settings())
    article = clean(raw, Settings())
    assert article.status == "stored"
    assert article.outlet == outlet


@given(st.one_of(st.none(), st.text(max_size=80)), st.one_of(st.none(), st.text(max_size=80),
                                                            st.from_regex(r"https?://[a-z0-9.-]{1,30}/[^ ]{0,20}")))
@settings(max_examples=300, deadline=None)
def test_outlet_for_never_raises_and_never_returns_a_path(name, url):
    outlet = outlet_for(name, url)
    assert outlet is None or (outlet.strip() and not looks_like_path(outlet))


def test_a_name_in_the_text_names_the_articles_own_outlet_by_slug_or_initials():
    from detente.clean.outlets import names_outlet

    assert names_outlet("VOA", "voanews.com")
    assert names_outlet("Voice of America", "voanews.com")
    assert names_outlet("the BBC", "bbc.co.uk")
    assert names_outlet("The Coastal Herald", "Coastal Herald")
    assert not names_outlet("Reuters", "voanews.com")
    assert not names_outlet("VOA", None)
    assert not names_outlet("Pacific Ledger", "Coastal Herald")


def test_a_file_name_given_as_the_site_name_is_no_outlet():
    # found by the property test above: "0.JSON" was taken for a host name
    assert outlet_for("0.JSON", None) is None
    assert outlet_for("story.html", "https://news.example.org/a") == outlet_for(None, "https://news.example.org/a")
