"""RSS/Atom feed bytes → the articles it lists (URL, title, published), via feedparser.

Feeds are untrusted input: a malformed feed yields what feedparser could recover, or a
`FeedError` with the reason when it recovered nothing; an entry without a usable link is
skipped. URLs are normalised so the same article linked with tracking parameters or a
fragment is fetched once.
"""

from __future__ import annotations

import re
import time
from dataclasses import dataclass
from urllib.parse import parse_qsl, quote, urlencode, urljoin, urlsplit, urlunsplit

import feedparser

# Query parameters that only say where a click came from: dropped when comparing URLs.
TRACKING_PREFIXES = ("utm_",)
URL_SAFE = ":/?#[]@!$&'()*+,;=%~"
TRACKING_PARAMS = frozenset({"fbclid", "gclid", "mc_cid", "mc_eid", "ocid", "cmpid", "smid", "ref", "rss"})


class FeedError(ValueError):
    """A feed that gave no usable entries, with feedparser's reason."""


@dataclass(frozen=True)
class FeedItem:
    url: str
    title: str | None
    published: str | None  # ISO date (YYYY-MM-DD) when the feed gives one


@dataclass(frozen=True)
class ParsedFeed:
    title: str | None
    items: list[FeedItem]
    skipped: int  # entries without a usable http(s) link


def normalise_url(url: str, base: str | None = None) -> str | None:
    """An absolute http(s) URL without fragment, tracking parameters or default port; None
    when `url` is not one (javascript:, mailto:, empty)."""
    # as browsers do: tabs and newlines dropped, other controls and spaces (any Unicode space, so
    # that a space left at the end once the fragment is gone is not stripped next time) encoded
    url = re.sub(r"[\t\n\r]", "", (url or "").strip())
    url = quote(url, safe=URL_SAFE) if re.search(r"[\x00-\x20\x7f]|\s", url) else url
    if not url:
        return None
    if base:
        url = urljoin(base, url)
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError:
        return None
    scheme = parts.scheme.lower()
    if scheme not in ("http", "https") or not parts.hostname:
        return None
    host = parts.hostname.lower()
    if port and not ((scheme == "http" and port == 80) or (scheme == "https" and port == 443)):
        host = f"{host}:{port}"
    query = [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True)
             if not k.lower().startswith(TRACKING_PREFIXES) and k.lower() not in TRACKING_PARAMS]
    return urlunsplit((scheme, host, parts.path or "/", urlencode(query), ""))


def parse_feed(data: bytes, feed_url: str) -> ParsedFeed:
    """The articles a feed lists, in feed order, each URL once."""
    parsed = feedparser.parse(data, sanitize_html=False, resolve_relative_uris=False)
    if not parsed.entries and not parsed.get("version"):
        raise FeedError("not an RSS/Atom feed (no channel or feed element)")
    items: list[FeedItem] = []
    seen: set[str] = set()
    skipped = 0
    for entry in parsed.entries:
        url = normalise_url(entry.get("link") or "", base=feed_url)
        if url is None or url in seen:
            skipped += url is None
            continue
        seen.add(url)
        items.append(FeedItem(url=url, title=(entry.get("title") or None), published=_date(entry)))
    if not items and parsed.get("bozo"):  # what feedparser recovered from a broken feed is no use
        raise FeedError(f"not a readable RSS/Atom feed: {parsed.get('bozo_exception') or 'malformed'}")
    title = parsed.feed.get("title") if parsed.get("feed") else None
    return ParsedFeed(title=title or None, items=items, skipped=skipped)


def _date(entry) -> str | None:
    for key in ("published_parsed", "updated_parsed"):
        value = entry.get(key)
        if value:
            try:
                return time.strftime("%Y-%m-%d", value)
            except (TypeError, ValueError):
                continue
    return None
