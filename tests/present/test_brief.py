"""Briefing content (events, quotes, evidence links, nothing invented, escaping) and a
headless-Chromium screenshot of the HTML page."""

from __future__ import annotations

import html
import re
import shutil
import struct
import zlib
from pathlib import Path

import pytest
from builders import T2, art, brief_data

from detente.present.brief import BriefData, build_brief, render_html, render_markdown
from detente.present.charts import Series, line_chart, nice_ticks, sparkline


def test_brief_selects_dyad_data_and_says_why_it_chose_the_dyad():
    brief = build_brief(brief_data())
    assert brief.dyad == "COL-USA" and "most story events (5)" in brief.dyad_note
    assert brief.n_stories == 5  # the two tariff mentions merged; the FRA–DEU treaty left out
    tariff = next(s for s in brief.stories if s.mode == "tariff")
    assert tariff.n_articles == 2
    assert [c.kind for c in brief.contradictions] == ["number"]
    assert {a.doc_id for a in brief.articles} == {"b1", "b2"}
    assert len(brief.quotes) == 1
    summary = brief.headline[0].text
    assert summary.startswith("Between 2025-01-26 and 2025-10-31, 5 story events between COL and USA")  # a story dated to October runs to its end
    assert "across 2 articles from 2 outlets" in summary


def test_html_contains_events_quotes_and_links_every_event_to_evidence():
    brief = build_brief(brief_data(), dyad="USA-COL")
    page = render_html(brief)
    for story in brief.stories:
        assert f'id="st-{story.story_id}"' in page
        for mention in story.mentions:
            assert f'href="#ev-{mention.event_id}"' in page
            assert f'id="ev-{mention.event_id}"' in page
    assert html.escape("We will not be anyone's colony") in page
    targets = set(re.findall(r'id="([^"]+)"', page))
    for href in re.findall(r'href="#([^"]+)"', page):
        assert href in targets, f"dangling evidence link #{href}"
    assert "<svg" in page and "Conflict–cooperation index" in page


def test_nothing_in_the_evidence_appendix_is_absent_from_the_articles():
    d = brief_data()
    brief = build_brief(d, dyad="USA-COL")
    for item in brief.evidence:
        text = d.articles[item.doc_id].text
        assert text[item.start:item.end] == item.text
    page = render_html(brief)
    appendix = page.split('<h2 id="evidence">', 1)[1]
    sentences = [html.unescape(s) for s in re.findall(r"<li id=\"[^\"]+\"><q>(.*?)</q>", appendix)]
    assert len(sentences) == len(brief.evidence) >= 7
    corpus = [a.text for a in d.articles.values()]
    assert all(any(s in text for text in corpus) for s in sentences)
    quoted = [html.unescape(q) for q in re.findall(r"<q>(.*?)</q>", page)]
    assert all(any(q in text for text in corpus) for q in quoted)


def test_html_escapes_article_text_and_needs_no_network():
    page = render_html(build_brief(brief_data(), dyad="USA-COL"))
    assert "<script" not in page.lower() and "&lt;script&gt;" in page
    assert "&lt;a leader&gt;" in page and "<a leader>" not in page
    assert "https://wire.example/a?x=1&amp;y=2" in page
    assert not re.search(r'(src|href)="(https?:)?//', page.replace('href="https://wire.example', ""))
    assert "<link" not in page and "@import" not in page


def test_since_until_restrict_the_brief():
    brief = build_brief(brief_data(), dyad="USA-COL", since="2025-09")
    assert {s.date[:7] for s in brief.stories} == {"2025-09", "2025-10"}
    assert all(r.period >= "2025-09" for r in brief.index_rows)


def test_markdown_has_the_same_sections_and_anchors():
    brief = build_brief(brief_data(), dyad="USA-COL")
    text = render_markdown(brief)
    for heading in ("## Summary", "## Index over time", "## Timeline of major story events",
                    "## Main actors and what they did", "## Key quotes", "## Where sources disagree",
                    "### Single-sourced", "## Articles used", "## Evidence"):
        assert heading in text
    assert "data:image/svg+xml;base64," in text
    for story in brief.stories:
        assert f"(#ev-{story.mentions[0].event_id})" in text
        assert f'<a id="ev-{story.mentions[0].event_id}"></a>' in text
    assert "\\<script\\>" in text and "<script>" not in text
    assert "We will not be anyone's colony" in text


def test_no_events_for_the_dyad_renders_an_honest_empty_brief():
    brief = build_brief(brief_data(), dyad="BRA-ARG")
    assert brief.n_stories == 0 and brief.index_rows == []
    assert "No story events between BRA and ARG" in brief.headline[0].text
    assert "No story event of this dyad" in render_html(brief)
    assert "## Evidence" in render_markdown(brief)


def test_chart_helpers():
    assert nice_ticks(-17.1, 3.0) == [-20, -15, -10, -5, 0, 5]
    assert sparkline([0, None, 10]) == "▁·█"
    svg = line_chart(["2025-01", "2025-02", "2025-03"], [Series("s", [-5.0, None, 2.0])], title="t",
                     y_label="y", x_label="month")
    assert svg.count("<circle") == 2 and "<polyline" not in svg  # the gap splits the line
    assert 'class="zero"' in svg and ">2025-02</text>" in svg


@pytest.mark.browser
@pytest.mark.skipif(not Path("/usr/bin/chromium").exists(), reason="needs Debian chromium at /usr/bin/chromium")
def test_html_brief_renders_in_headless_chromium(tmp_path):
    from playwright.sync_api import sync_playwright

    page_path = tmp_path / "brief.html"
    page_path.write_text(render_html(build_brief(brief_data(), dyad="USA-COL")), encoding="utf-8")
    shot = tmp_path / "brief.png"
    requests = []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=[
            "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
            "--disable-component-update", "--disable-sync", "--no-first-run"])
        try:
            context = browser.new_context(offline=True, viewport={"width": 1000, "height": 900})
            page = context.new_page()
            page.on("request", lambda r: requests.append(r.url))
            page.goto(page_path.as_uri())
            page.wait_for_load_state("load")
            chart = page.locator("svg.chart").first
            assert chart.is_visible()
            box = chart.bounding_box()
            assert box and box["width"] > 300 and box["height"] > 150
            assert page.locator("h1").inner_text().startswith("USA–COL")
            page.screenshot(path=str(shot), full_page=True)
        finally:
            browser.close()
    assert [u for u in requests if not u.startswith("file://")] == []
    width, height, pixels = _png_pixels(shot.read_bytes())
    assert width >= 900 and height > 900
    assert len(set(pixels)) > 20  # a blank page decodes to one or two byte values
    shutil.copy(shot, Path("/tmp") / "detente-brief-screenshot.png")


def _png_pixels(data: bytes) -> tuple[int, int, bytes]:
    """Width, height and the decompressed scanlines of a PNG (no imaging library needed)."""
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    pos, idat, width, height = 8, b"", 0, 0
    while pos < len(data):
        length = struct.unpack(">I", data[pos:pos + 4])[0]
        kind, body = data[pos + 4:pos + 8], data[pos + 8:pos + 8 + length]
        if kind == b"IHDR":
            width, height = struct.unpack(">II", body[:8])
        elif kind == b"IDAT":
            idat += body
        pos += 12 + length
    return width, height, zlib.decompress(idat)


def test_only_web_urls_become_links():
    hostile = art("b9", T2, outlet="Daily Two", url="javascript:alert(1)", published="2025-10-25")
    base = brief_data()
    events = [type(e)(**{**e.__dict__, "doc_id": "b9"}) if e.doc_id == "b2" else e for e in base.events]
    articles = {**base.articles, "b9": hostile}
    page = render_html(build_brief(BriefData(events=events, articles=articles, quotes=base.quotes,
                                             claims=base.claims), dyad="USA-COL"))
    assert 'href="javascript:' not in page.lower() and "javascript:alert(1)" in page
    markdown = render_markdown(build_brief(BriefData(events=events, articles=articles, quotes=base.quotes,
                                                     claims=base.claims), dyad="USA-COL"))
    assert "<javascript:" not in markdown


def test_a_speaker_the_dictionaries_do_not_know_is_shown_by_name_without_a_code():
    from detente.models import Actor
    from detente.present.brief import _actor_text

    assert _actor_text(Actor(text="Kofi Mensimah")) == "Kofi Mensimah"
    assert _actor_text(Actor(text="Accra", code="GHAGOV", country="GHA")).endswith("(GHAGOV)")
