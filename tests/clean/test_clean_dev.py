"""The three dev articles (../shared/corpus/dev), cleaned — with the right answers and why.

000 — a clean article that a site ("From: India News Bull") republished from NDTV ("Source:"
    line). No date anywhere in the text. What the text proves: it calls Petro "Colombian
    President" (in office 2022-08-07 to 2026-08-07), says "President Trump" (in office from
    2017-01-20 to 2021-01-20 or from 2025-01-20) and "his Secretary of State, Marco Rubio"
    (from 2025-01-21), and calls the 2026 presidential elections "upcoming". So: published
    between 2025-01-21 and 2026-08-07, inferred, no single day. (The visa ban after the UN
    visit and the "No Kings" posts put the real date in October 2025 — inside the range.)
    Outlet: the page's own "From:" line, "India News Bull"; URL: the "Source:" line.
002 — an analysis buried in the flattened navigation of thediplomatinspain. The site header
    says "Wednesday, October 29, 2025": that is the site's "today" when the page was scraped,
    not the article's date. The article's own dateline, "28 de October de 2025", sits under
    the byline right after the headline: published 2025-10-28, method dateline. The title is
    "Analysis | Washington and Bogotá: …", printed twice; the section label is dropped.
    The text starts at the first paragraph ("Relations between …"); the "Introduction"
    subheading before it is dropped, later subheadings are kept. Outlet: the copyright line.
004 — written before the inauguration: "U.S. President-elect Donald Trump" (2016-11-08 to
    2017-01-20, or 2024-11-05 to 2025-01-20) together with "Colombian President Gustavo Petro"
    (from 2022-08-07) leaves 2024-11-05 to 2025-01-20: inferred range, no single day.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from builders import DEV_CORPUS

from detente.clean import clean
from detente.config import Settings
from detente.read import iter_raw

DEV = DEV_CORPUS


@pytest.fixture(scope="module")
def dev_articles():
    if not DEV.is_dir():
        pytest.skip(f"dev corpus not found at {DEV}")
    settings = Settings()
    articles = {Path(raw.source_path).name[:3]: clean(raw, settings) for raw in iter_raw([str(DEV)], settings)}
    if not {"000", "002", "004"} <= set(articles):
        pytest.skip("dev corpus incomplete")
    return articles


def _source_lines(prefix: str) -> list[str]:
    (path,) = DEV.glob(f"{prefix}_*.txt")
    return path.read_text(encoding="utf-8").splitlines()


def test_000_clean_article(dev_articles):
    a = dev_articles["000"]
    lines = _source_lines("000")
    assert a.status == "stored" and a.language == "en" and not a.truncated
    assert a.title == lines[0]
    assert a.outlet == "India News Bull"
    assert a.url.startswith("https://www.ndtv.com/world-news/")
    body = [ln for ln in lines[7:] if ln.strip() and not ln.startswith("Source:")]
    assert a.text.split("\n") == body  # every paragraph, nothing else (no "Views: 20", no "Source:")
    assert (a.published, a.published_method) == (None, "inferred")
    assert (a.published_earliest, a.published_latest) == ("2025-01-21", "2026-08-07")


def test_002_article_buried_in_navigation(dev_articles):
    a = dev_articles["002"]
    lines = _source_lines("002")
    assert a.status == "stored" and a.language == "en"
    assert a.text.startswith("Relations between the United States and Colombia")
    assert a.title == "Washington and Bogotá: The New Tension Between Trump and Petro"
    assert a.outlet == "The Diplomat in Spain"
    assert (a.published, a.published_method) == ("2025-10-28", "dateline")
    kept = set(a.text.split("\n"))
    # every paragraph of the article is kept: the long lines between the title and "ADVERTISEMENT"
    start = next(i for i, ln in enumerate(lines) if ln.startswith("Relations between"))
    end = next(i for i, ln in enumerate(lines) if ln.strip() == "ADVERTISEMENT")
    paragraphs = [ln.strip() for ln in lines[start:end] if len(ln.split()) > 25]
    assert len(paragraphs) >= 20 and all(p in kept for p in paragraphs)
    assert "From Natural Allies to Uneasy Partners" in kept  # a subheading inside the body
    # and nothing of the page around it
    outside = {ln.strip() for ln in lines[:start] + lines[end:] if ln.strip()}
    assert not (kept & outside), kept & outside
    assert a.text.rstrip().endswith("the same diplomatic language.")


def test_002_menu_calendar_and_footer_lines_are_gone(dev_articles):
    text = dev_articles["002"].text
    for pattern in (r"•", r"\bLogin\b", r"Share on", r"Recommended", r"Newsletter", r"M T W T F S S",
                    r"©", r"Forgotten Password", r"Previous Post", r"Next Post", r"View All Result"):
        assert not re.search(pattern, text), pattern


def test_004_written_before_the_inauguration(dev_articles):
    a = dev_articles["004"]
    lines = [ln for ln in _source_lines("004") if ln.strip()]
    assert a.status == "stored" and a.title == lines[0]
    assert a.text.split("\n") == lines[1:]  # paragraphs and their subheadings, all kept
    assert (a.published, a.published_method) == (None, "inferred")
    assert (a.published_earliest, a.published_latest) == ("2024-11-05", "2025-01-20")
