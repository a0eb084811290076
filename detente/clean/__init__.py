"""Stage 2 — clean: RawDocument → Article (main text, title, outlet, URL, date with method, language).

`clean` is pure and never raises: whatever is wrong with the input becomes
`Article(status="rejected", reason=...)`, so one bad file never stops a run.
Submodules do one job each: decode (bytes → str), html (trafilatura), text (flattened pages),
dates (dateline, inference), language, truncation.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable

from detente.budget import too_long
from detente.clean.dates import find_dates, infer_range, parse_date
from detente.clean.decode import binary_kind, decode, strip_invisible
from detente.clean.fingerprint import bytes_hash, content_hash
from detente.clean.language import detect_language, not_coded_reason
from detente.clean.outlets import outlet_for
from detente.clean.text import analyse_text
from detente.clean.truncation import detect_truncation
from detente.config import Settings
from detente.models import Article, RawDocument

__all__ = ["clean", "looks_like_html", "reject"]

_ANY_TAG = re.compile(r"<(?:[a-zA-Z][a-zA-Z0-9]*\b[^>]*|/[a-zA-Z][a-zA-Z0-9]*\s*|!--.*?--)>", re.S)
_HTML_SNIFF = re.compile(r"<\s*(?:!doctype\s+html|html|head|body|p|div|article|title|meta)\b", re.I)


def looks_like_html(text: str) -> bool:
    """Markup in the first kilobytes, whatever the file was called."""
    head = text[:4096].lstrip("\ufeff \t\r\n")
    return head.startswith("<") and bool(_HTML_SNIFF.search(head))


def reject(raw: RawDocument, reason: str) -> Article:
    """The rejected Article for `raw`, identified by its bytes (or its path and text)."""
    basis = raw.data if raw.data else (raw.source_path + "\x00" + (raw.text or raw.html or "")).encode(
        "utf-8", "replace")
    return Article(
        doc_id=bytes_hash(basis), source_path=raw.source_path, external_id=raw.external_id,
        url=raw.url, title=raw.title, outlet=raw.outlet, status="rejected",
        reason=" ".join(reason.split())[:300],
    )


def clean(raw: RawDocument, settings: Settings | None = None) -> Article:
    """Clean one raw document; never raises (failures become rejected Articles with a reason)."""
    settings = settings or Settings()
    try:
        return _clean(raw, settings)
    except Exception as exc:  # noqa: BLE001 - the contract: one bad input never stops a run
        return reject(raw, f"cleaning failed: {type(exc).__name__}: {exc}")


def _clean(raw: RawDocument, settings: Settings) -> Article:
    if raw.error:
        return reject(raw, raw.error)
    body, kind = _body_text(raw)
    if isinstance(body, Article):
        return body
    body = strip_invisible(body)
    crawled = _crawl_day(raw.crawled)
    if kind == "html":
        # trafilatura is imported here, not with the package: readers of a store (a briefing's
        # outlet names) import detente.clean without cleaning any page
        from detente.clean.html import extract_html, page_date

        page = extract_html(body, url=raw.url)
        text, title, outlet, url, author = page.text, page.title, page.outlet, page.url, page.author
        dateline = _dateline_in(text)
        text_date = None

        def html_date(extensive: bool) -> str | None:
            return page_date(body, raw.url or page.url, extensive, max_date=crawled)
    else:
        tpage = analyse_text(body)
        text, title, outlet, url, author = tpage.text, tpage.title, tpage.outlet, tpage.url, tpage.author
        lines = [line.strip() for line in body.splitlines() if line.strip()] if not text.strip() else []
        if len(lines) == 1:
            text = lines[0]  # a one-line text is its own content, not a headline or a menu item
        dateline, text_date = tpage.dateline, tpage.page_date
        html_date = None

    text, truncated = detect_truncation(text)
    words = len(text.split())
    # the word floor is for scraped pages; a text handed over as text (a JSONL `text` field, a
    # string) is what the user wants coded, however short
    explicit_text = raw.text is not None and raw.data is None and kind == "text"
    if words < (1 if explicit_text else settings.min_words):
        return reject(raw, f"no article text found ({words} words)")
    if len(text) > settings.max_chars:
        return reject(raw, too_long(len(text), settings.max_chars))

    language = detect_language(text)
    article = Article(
        doc_id=content_hash(text), source_path=raw.source_path, text=text,
        external_id=raw.external_id, url=raw.url or url, title=_visible(raw.title or title),
        outlet=outlet_for(_visible(raw.outlet or outlet), raw.url or url), author=_visible(author),
        language=language, words=words, truncated=truncated,
        reason=not_coded_reason(language),
    )
    _set_date(article, raw, html_date, dateline, text_date, crawled)
    return article


def _crawl_day(value: str | None) -> dt.date | None:
    """The day an input was fetched (WARC-Date, a crawl field), if it parses."""
    iso = parse_date(value)
    return dt.date.fromisoformat(iso) if iso else None


def _visible(value: str | None) -> str | None:
    """A metadata field (title, outlet) without invisible characters or stray spaces."""
    return (" ".join(strip_invisible(value).split()) or None) if value else None


def _body_text(raw: RawDocument) -> tuple[str | Article, str]:
    """The document as text plus its kind (html | text), or a rejected Article."""
    if raw.html:
        return raw.html, "html"
    if raw.text is not None and raw.data is None:
        return raw.text, "html" if looks_like_html(raw.text) else "text"
    data = raw.data or b""
    if not data.strip():
        return reject(raw, "empty file"), "text"
    binary = binary_kind(data)
    if binary:
        return reject(raw, f"binary file ({binary}), not text"), "text"
    text = decode(data)
    if "\x00" in text:
        text = text.replace("\x00", "")
    if looks_like_html(text) or (raw.kind == "html" and _ANY_TAG.search(text[:65536])):
        return text, "html"
    return text, "text"  # also a ".html" file that holds no markup: it is a flattened page


def _dateline_in(text: str) -> str | None:
    """A date that opens the extracted text (a dateline under the headline)."""
    head = "\n".join(text.split("\n")[:3])[:300]
    found = find_dates(head)
    return found[0].date.isoformat() if found else None


def _set_date(article: Article, raw: RawDocument, html_date: Callable[[bool], str | None] | None,
              dateline: str | None, text_date: str | None, crawled: dt.date | None = None) -> None:
    """Most trustworthy first: the supplier's metadata, the page's metadata markup, a dateline,
    htmldate's extensive search, then inference. htmldate runs only when it is asked. Nothing
    after the crawl time is a publication date, whichever source says so."""
    candidates = (
        (lambda: parse_date(raw.published), "metadata"),
        (lambda: html_date(False) if html_date else None, "metadata"),
        (lambda: dateline, "dateline"),
        (lambda: html_date(True) if html_date else None, "htmldate"),
    )
    for find, method in candidates:
        value = find()
        if value and crawled is not None and value > crawled.isoformat():
            continue  # published after it was fetched: impossible, so not this source's answer
        if value:
            article.published = value
            article.published_method = method
            article.published_earliest = article.published_latest = value
            return
    bounds = [dt.date.fromisoformat(d) for d in (text_date,) if d] + ([crawled] if crawled else [])
    upper = min(bounds) if bounds else None
    inferred = infer_range(article.text + "\n" + (article.title or ""), upper=upper)
    if inferred and (inferred.earliest or inferred.latest):
        article.published_method = "inferred"
        article.published_earliest = inferred.earliest
        article.published_latest = inferred.latest
