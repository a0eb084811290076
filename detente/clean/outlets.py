"""Outlets: one name per outlet, whichever way an input names it.

"Pacific Ledger" (a site name), "www.pacific-ledger.example.test" (a host) and
"https://pacific-ledger.example.test/a/1" (a URL) are one outlet. The outlet of an article is
its host, normalised (lower case, no `www.`, the registered domain when the public suffix is
known: `edition.cnn.com` → `cnn.com`), because every input with a URL has one and it is the
same string in every record; a site name stands in only when no host is known, or when it
names another outlet than the URL's host (a syndicated copy: the supplier's name is kept).
A site name and a host of the same record are one outlet when their slugs match
("Pacific Ledger" ~ `pacific-ledger`, "The Coastal Herald" ~ `coastalherald`).

tldextract runs on its bundled Public Suffix List snapshot: no download, no cache written.
A file path or a `file:` URL is never an outlet.
"""

from __future__ import annotations

import ipaddress
import re
import unicodedata
from functools import lru_cache
from urllib.parse import urlsplit

import tldextract

__all__ = ["host_of", "names_outlet", "outlet_for", "same_outlet"]

_HOST = re.compile(r"^(?=.{1,253}$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z0-9-]{2,63}$")
_SERVICE_PREFIX = re.compile(r"^(?:www\d{0,3}|m|amp|mobile)\.")
_SCHEME = re.compile(r"^[a-z][a-z0-9+.-]*://", re.I)


@lru_cache(maxsize=1)
def _extract() -> tldextract.TLDExtract:
    """Offline: no suffix-list URL to fetch, no cache directory; the bundled snapshot."""
    return tldextract.TLDExtract(suffix_list_urls=(), cache_dir=None, fallback_to_snapshot=True,
                                 include_psl_private_domains=True)


def _bare_host(value: str) -> str | None:
    """The lower-case host of a URL or of a bare host name; None for anything else."""
    value = value.strip()
    if not value or any(c.isspace() for c in value):
        return None
    if _SCHEME.match(value):
        parts = urlsplit(value)
        if parts.scheme.lower() not in ("http", "https"):
            return None  # file:, ftp:, data: … never name an outlet
        host = parts.hostname or ""
    else:
        host = value.split("/", 1)[0].split(":", 1)[0]
    host = host.lower().rstrip(".")
    try:
        host = host.encode("idna").decode("ascii") if not host.isascii() else host
    except UnicodeError:
        return None
    try:
        ipaddress.ip_address(host)
        return host
    except ValueError:
        pass
    return host if _HOST.match(host) else None


def host_of(value: str | None) -> str | None:
    """The outlet's host of a URL or host: no `www.`/`m.`, the registered domain when the public
    suffix is known, the whole host otherwise (`pacific-ledger.example.test`)."""
    host = _bare_host(value) if value else None
    if not host:
        return None
    host = _SERVICE_PREFIX.sub("", host)
    parts = _extract()(host)
    if parts.suffix and parts.domain:
        return f"{parts.domain}.{parts.suffix}"
    return host


def _main_label(host: str) -> str:
    """The label that names the site: the registered domain's, or the first of an unknown suffix."""
    parts = _extract()(host)
    return parts.domain if parts.suffix and parts.domain else host.split(".", 1)[0]


def _words(value: str) -> list[str]:
    folded = unicodedata.normalize("NFKD", value).encode("ascii", "ignore").decode("ascii").lower()
    return re.findall(r"[a-z0-9]+", folded)


def _slugs(value: str) -> set[str]:
    """"The Guardian" → {"theguardian", "guardian"}: a leading "the" is in some hosts, not others."""
    words = _words(value)
    slugs = {"".join(words)}
    if len(words) > 1 and words[0] == "the":
        slugs.add("".join(words[1:]))
    return slugs - {""}


def _initials_slug(value: str) -> str:
    """"New York Times" → "nytimes": the initials of all words but the last, then the last."""
    words = [w for w in _words(value) if w != "the"]
    return "".join(w[0] for w in words[:-1]) + words[-1] if len(words) > 1 else ""


def same_outlet(name: str, host: str) -> bool:
    """Does a site name name the site at `host`? (slug comparison, no guessing beyond it)"""
    label = "".join(_words(_main_label(host)))
    if not label:
        return False
    if _initials_slug(name) == label:
        return True
    labels = {label, label[3:]} if label.startswith("the") and len(label) > 6 else {label}
    for slug in _slugs(name):
        for site in labels:
            # "BBC News" ~ bbc, "Coastal Herald" ~ coastalheraldonline: one begins the other
            shorter, longer = sorted((slug, site), key=len)
            if len(shorter) >= 3 and longer.startswith(shorter):
                return True
    return False


def names_outlet(name: str, outlet: str | None) -> bool:
    """Does `name`, as written in an article ("VOA", "Voice of America", "the BBC"), name the
    article's own outlet (a host, or a site name when no host is known)? The initials of a
    name of several words count ("Voice of America" ~ voanews.com)."""
    if not outlet or not name.strip():
        return False
    words = [w for w in _words(name) if w != "the"]
    if not words:
        return False
    host = host_of(outlet) if "." in outlet and " " not in outlet else None
    if host is None:
        return bool(_slugs(name) & _slugs(outlet))
    if same_outlet(name, host):
        return True
    initials = "".join(w[0] for w in words) if len(words) > 2 else ""
    return len(initials) >= 3 and "".join(_words(_main_label(host))).startswith(initials)


def outlet_for(name: str | None, url: str | None) -> str | None:
    """The one outlet string of an article from its site name (or host) and its URL."""
    url_host = host_of(url) if url else None
    if name:
        name = " ".join(name.split())
    if not name or looks_like_path(name):  # a file name ("0.JSON") is no host either
        return url_host
    name_host = host_of(name) if "." in name and " " not in name else None
    if name_host:
        return url_host or name_host  # two hosts: the URL's is the page's own
    if url_host and same_outlet(name, url_host):
        return url_host
    return name


def looks_like_path(value: str) -> bool:
    """A file path or file URL, which must never be shown as an outlet."""
    value = value.strip()
    return (value.lower().startswith("file:") or value.startswith(("/", "./", "../", "~/"))
            or bool(re.match(r"^[a-zA-Z]:[\\/]", value)) or "\\" in value
            or bool(re.search(r"\.(?:html?|txt|md|jsonl?|warc)(?:\.gz)?$", value, re.I)))
