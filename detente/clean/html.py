"""HTML → main text and metadata through trafilatura; `page_date` (htmldate) for the page's date.

The options are the ones that scored best on the article-extraction benchmark (see
benchmarks/README.md). When trafilatura finds no main text (unusual layouts, truncated
markup) the page's visible text goes through the plain-text line classifier instead, so a
page with an article is never lost.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

import trafilatura

from detente.clean import boilerplate
from detente.clean.text import analyse_text

# Measured on benchmarks/extraction.py (favor_precision: F1 0.967 against 0.960 for the
# defaults); the benchmark runs bare trafilatura with these same options.
TRAFILATURA_OPTIONS = {
    "include_comments": False,
    "include_tables": True,
    "favor_precision": True,
    "favor_recall": False,
    "deduplicate": False,
}


RETRY_WORDS = 80  # precision-first output this short is retried favouring recall


def _recall_retry(html: str, url: str | None, text: str) -> str:
    """Precision-first extraction sometimes keeps only a notice; keep the fuller text if it is
    clearly more (at least twice as many words)."""
    options = {**TRAFILATURA_OPTIONS, "favor_precision": False, "favor_recall": True}
    try:
        fuller = (trafilatura.extract(html, url=url, **options) or "").strip()
    except Exception:  # noqa: BLE001 - keep what we have
        return text
    return fuller if len(fuller.split()) >= 2 * max(1, len(text.split())) else text


@dataclass
class HtmlPage:
    text: str
    title: str | None = None
    author: str | None = None
    outlet: str | None = None
    url: str | None = None
    method: str = "trafilatura"  # trafilatura | fallback


def page_date(html: str, url: str | None, extensive: bool, max_date: dt.date | None = None) -> str | None:
    """The page's date by htmldate: from its metadata markup, or (`extensive`) also from its
    text and URL. Costly, so `clean` asks only when no better source gave a date. `max_date`
    (the crawl time) is htmldate's upper bound: a "2030 elections" in the text is no date."""
    try:
        from htmldate import find_date

        latest = dt.datetime.combine(max_date, dt.time(23, 59, 59)) if max_date else None
        return find_date(repair(html), extensive_search=extensive, original_date=True, url=url,
                         max_date=latest)
    except Exception:  # noqa: BLE001 - a date library failure must not lose the article
        return None


_SAVED_FROM = re.compile(r"<!--\s*saved from url=\(\d{1,5}\)\s*(https?://[^\s>]{1,2000}?)\s*-->", re.I)


def saved_from_url(html: str) -> str | None:
    """The address a browser's "Save page as" wrote into the page (`<!-- saved from url=(…)… -->`)."""
    m = _SAVED_FROM.search(html[:4096])
    return m.group(1) if m else None


_UNCLOSED_TITLE = re.compile(r"(<title\b[^>]*>)([^<]*)(?=<(?!/title))", re.I)


def repair(html: str) -> str:
    """Close a <title> left open: parsers would otherwise read the whole page as its title."""
    return _UNCLOSED_TITLE.sub(r"\1\2</title>", html, count=1)


def extract_html(html: str, url: str | None = None, flattened: bool = False) -> HtmlPage:
    """Main text and metadata of one HTML page (never raises on malformed markup).

    lxml (under trafilatura and the fallback alike) drops what lies deeper than 255 elements;
    when neither finds any text, the page is read again with its layout containers removed.
    """
    html = repair(html)
    url = url or saved_from_url(html)
    doc = None
    try:
        doc = trafilatura.bare_extraction(html, url=url, with_metadata=True, **TRAFILATURA_OPTIONS)
    except Exception:  # noqa: BLE001 - trafilatura on hostile markup: fall back below
        doc = None
    text = (getattr(doc, "text", None) or "").strip() if doc is not None else ""
    if "recall_retry" in boilerplate.ENABLED and len(text.split()) < RETRY_WORDS:
        text = _recall_retry(html, url, text)
    page = HtmlPage(
        text=text,
        title=getattr(doc, "title", None) if doc is not None else None,
        author=getattr(doc, "author", None) if doc is not None else None,
        outlet=getattr(doc, "sitename", None) if doc is not None else None,
        url=(getattr(doc, "url", None) if doc is not None else None) or url,
    )
    if not text:
        page.text = _fallback_text(html)
        page.method = "fallback"
        if not page.text.strip() and not flattened:
            flat = flatten(html)
            if flat != html:
                return extract_html(flat, url=url, flattened=True)
    else:
        page.text = boilerplate.strip_boilerplate(text, page.title)
    return page


# Tags that carry the text's structure; every other tag (div, span, section, table …) is layout.
_STRUCTURE = "p|br|h[1-6]|li|title|head|body|html|meta|script|style|noscript|template|blockquote|pre"
_LAYOUT_TAG = re.compile(rf"</?(?!(?:{_STRUCTURE})\b)[a-zA-Z][a-zA-Z0-9:-]*\b[^>]*>")


def flatten(html: str) -> str:
    """The page without its layout containers, so no parser's nesting limit hides its text."""
    return _LAYOUT_TAG.sub("\n", html)


_BLOCK_TAGS = frozenset(
    "address article aside blockquote br dd div dl dt figcaption figure footer form h1 h2 h3 h4 h5 h6 header "
    "hr li main nav ol p pre section table td th tr ul".split()
)
_INVISIBLE_TAGS = frozenset("script style noscript template svg head iframe object button select option".split())


def visible_text(html: str) -> str:
    """The text a browser would show, one line per block element (no recursion: deep pages are safe)."""
    import lxml.html
    from lxml import etree

    try:
        tree = lxml.html.fromstring(html)
    except (etree.ParserError, ValueError):
        return ""
    parts: list[str] = []
    hidden = 0
    for event, el in etree.iterwalk(tree, events=("start", "end")):
        tag = el.tag if isinstance(el.tag, str) else None  # comments and processing instructions
        if event == "start":
            if tag is None or tag in _INVISIBLE_TAGS:
                hidden += 1
                continue
            if hidden:
                continue
            if tag in _BLOCK_TAGS:
                parts.append("\n")
            if el.text:
                parts.append(el.text)
        else:
            if tag is None or tag in _INVISIBLE_TAGS:
                hidden -= 1
            elif not hidden and tag in _BLOCK_TAGS:
                parts.append("\n")
            if not hidden and el.tail and el is not tree:
                parts.append(el.tail)
    lines = (" ".join(line.split()) for line in "".join(parts).split("\n"))
    return "\n".join(line for line in lines if line)


def _fallback_text(html: str) -> str:
    """The page's visible text through the plain-text line classifier."""
    try:
        text = visible_text(html)
    except Exception:  # noqa: BLE001 - unparsable markup: strip tags crudely
        text = re.sub(r"<[^>]*>", "\n", html)
    return analyse_text(text).text
