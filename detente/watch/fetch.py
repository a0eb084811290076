"""Polite HTTP for the watcher: one client, timeouts, a size cap, robots.txt, a per-host pace.

Every failure becomes a `FetchError` with a reason a person can read and whether trying
again later may help (timeouts, connection errors, 5xx, 429 do; 404, robots.txt, a page
over the size cap do not). Redirects are followed by hand so every hop obeys robots.txt
and the per-host pace.
"""

from __future__ import annotations

import time
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit
from urllib.robotparser import RobotFileParser

import httpx

from detente.watch.config import FetchPolicy

TRANSIENT_STATUS = frozenset({408, 425, 429, 500, 502, 503, 504})
MAX_REDIRECTS = 5
ROBOTS_TTL = 24 * 3600.0  # seconds a host's robots.txt is trusted
ROBOTS_MAX_BYTES = 512 * 1024
ROBOTS_CACHE = 256  # hosts whose robots.txt is kept (least recently used dropped)
MAX_CRAWL_DELAY = 60.0  # a robots.txt Crawl-delay is honoured up to this many seconds


class FetchError(Exception):
    def __init__(self, reason: str, transient: bool, kind: str = "error"):
        super().__init__(reason)
        self.reason = reason
        self.transient = transient
        self.kind = kind  # error | disallowed


@dataclass(frozen=True)
class Fetched:
    url: str  # after redirects
    status: int  # 200…299, or 304 (not modified: `data` empty)
    data: bytes
    content_type: str
    etag: str | None = None
    last_modified: str | None = None

    @property
    def not_modified(self) -> bool:
        return self.status == 304


def _host(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}".lower()


def _size(n: int) -> str:
    return f"{n / 1_000_000:.1f} MB" if n >= 1_000_000 else f"{n / 1000:.0f} kB"


class Fetcher:
    """GETs with the policy's limits; `close()` (or `with`) releases the connections."""

    def __init__(self, policy: FetchPolicy, sleep: Callable[[float], None] = time.sleep,
                 transport: httpx.BaseTransport | None = None):
        self.policy = policy
        self._sleep = sleep
        self.client = httpx.Client(timeout=httpx.Timeout(policy.timeout), follow_redirects=False,
                                   headers={"User-Agent": policy.user_agent}, transport=transport)
        self._last: dict[str, float] = {}
        self._robots: OrderedDict[str, tuple[RobotFileParser | None, float]] = OrderedDict()

    def close(self) -> None:
        self.client.close()

    def __enter__(self) -> Fetcher:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    # --- public ----------------------------------------------------------------------------
    def get(self, url: str, etag: str | None = None, last_modified: str | None = None,
            obey_robots: bool = True) -> Fetched:
        """The body of `url` (conditional on `etag`/`last_modified` when given)."""
        headers = {}
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        for _ in range(MAX_REDIRECTS + 1):
            if obey_robots and not self.allowed(url):
                raise FetchError(f"disallowed by {_host(url)}/robots.txt", transient=False, kind="disallowed")
            response = self._get(url, headers)
            if isinstance(response, Fetched):
                return response
            url = response  # a redirect target
        raise FetchError(f"more than {MAX_REDIRECTS} redirects", transient=False)

    def allowed(self, url: str) -> bool:
        """May this URL be fetched under its host's robots.txt? (A missing robots.txt allows all.)"""
        parser = self._robots_for(_host(url))
        return parser is None or parser.can_fetch(self.policy.user_agent, url)

    # --- internals -------------------------------------------------------------------------
    def _pace(self, host: str) -> None:
        interval = self.policy.per_host_interval
        cached = self._robots.get(host)
        if cached and cached[0] is not None:
            delay = cached[0].crawl_delay(self.policy.user_agent)
            if delay:
                interval = max(interval, min(float(delay), MAX_CRAWL_DELAY))
        wait = self._last.get(host, float("-inf")) + interval - time.monotonic()
        if wait > 0:
            self._sleep(wait)
        self._last[host] = time.monotonic()
        if len(self._last) > 4 * ROBOTS_CACHE:  # bounded: forget the hosts not seen for longest
            for old in sorted(self._last, key=lambda h: self._last[h])[:ROBOTS_CACHE]:
                del self._last[old]

    def _get(self, url: str, headers: dict[str, str]) -> Fetched | str:
        """One request: a `Fetched`, or the absolute URL a redirect points to."""
        self._pace(_host(url))
        limit = self.policy.max_bytes
        started = time.monotonic()
        try:
            with self.client.stream("GET", url, headers=headers) as r:
                if r.status_code == 304:
                    return Fetched(url, 304, b"", "", r.headers.get("etag"), r.headers.get("last-modified"))
                if r.status_code in (301, 302, 303, 307, 308):
                    target = r.headers.get("location")
                    if not target:
                        raise FetchError(f"HTTP {r.status_code} redirect without a Location", transient=False)
                    return urljoin(url, target)
                if r.status_code >= 400 or r.status_code < 200:
                    raise FetchError(f"HTTP {r.status_code} {r.reason_phrase}".strip(),
                                     transient=r.status_code in TRANSIENT_STATUS)
                declared = r.headers.get("content-length")
                if declared and declared.isdigit() and int(declared) > limit:
                    raise FetchError(f"larger than the {_size(limit)} limit ({_size(int(declared))} declared)",
                                     transient=False)
                body = bytearray()
                for chunk in r.iter_bytes():
                    body.extend(chunk)
                    if len(body) > limit:
                        raise FetchError(f"larger than the {_size(limit)} limit (stopped reading)", transient=False)
                    if time.monotonic() - started > 2 * self.policy.timeout:
                        raise FetchError(f"too slow: not finished after {2 * self.policy.timeout:.0f} s",
                                         transient=True)
                return Fetched(str(r.url), r.status_code, bytes(body), r.headers.get("content-type", ""),
                               r.headers.get("etag"), r.headers.get("last-modified"))
        except httpx.TimeoutException:
            raise FetchError(f"timed out (no answer within {self.policy.timeout:g} s)", transient=True) from None
        except httpx.InvalidURL as exc:
            raise FetchError(f"invalid URL: {exc}", transient=False) from None
        except httpx.TransportError as exc:
            raise FetchError(f"network error: {exc or type(exc).__name__}", transient=True) from None

    def _robots_for(self, host: str) -> RobotFileParser | None:
        cached = self._robots.get(host)
        if cached is not None and time.monotonic() - cached[1] < ROBOTS_TTL:
            self._robots.move_to_end(host)
            return cached[0]
        parser: RobotFileParser | None
        try:
            self._pace(host)
            r = self.client.get(host + "/robots.txt", follow_redirects=True)
        except httpx.HTTPError as exc:
            raise FetchError(f"robots.txt of {host} unreachable ({exc or type(exc).__name__}): try later",
                             transient=True) from None
        if r.status_code >= 500 or r.status_code == 429:
            raise FetchError(f"robots.txt of {host} answered HTTP {r.status_code}: try later", transient=True)
        if 200 <= r.status_code < 300:
            parser = RobotFileParser()
            parser.parse(r.content[:ROBOTS_MAX_BYTES].decode("utf-8", "replace").splitlines())
        else:  # 4xx: no robots.txt, everything allowed
            parser = None
        self._robots[host] = (parser, time.monotonic())
        while len(self._robots) > ROBOTS_CACHE:
            self._robots.popitem(last=False)
        return parser
