"""The watch loop: poll feeds and folders → fetch new articles → the ingest → alert rules → sinks.

One poll opens the store, does all of that, and closes it again, so a dashboard
(`detente serve`) reads the same file between polls. State lives in the store
(`detente.store.watch`): a restarted watcher fetches no URL twice and sends no alert twice.

Ctrl-C / SIGTERM: between articles the watcher stops at once; while an article is being
coded and stored, the stop waits until that article is committed.
"""

from __future__ import annotations

import signal
import sys
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import nullcontext
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from typing import TextIO

import httpx

from detente.config import Settings
from detente.models import INTERNAL_ERROR, Article, RawDocument
from detente.store.sharing import Busy
from detente.store.store import Store, StoreError
from detente.store.watch import WatchState
from detente.watch.alerts import Evaluator
from detente.watch.config import WatchConfig
from detente.watch.feeds import FeedError, parse_feed
from detente.watch.fetch import Fetcher, FetchError
from detente.watch.sinks import deliver

_SIGNALS = (signal.SIGINT, signal.SIGTERM)


@dataclass
class PollReport:
    feeds: int = 0
    not_modified: int = 0
    feed_errors: int = 0
    new_links: int = 0
    fetched: int = 0
    fetch_failed: int = 0
    waiting: int = 0  # links still to fetch (transient failures, or over the per-poll cap)
    ingested: dict[str, int] = field(default_factory=dict)  # article status → count
    events: int = 0
    alerts: int = 0
    delivered: int = 0
    interrupted: bool = False
    seconds: float = 0.0

    def line(self) -> str:
        when = datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
        stored = ", ".join(f"{n} {status.replace('_', '-')}" for status, n in sorted(self.ingested.items())) or "0 new"
        text = (f"{when} poll: feeds {self.feeds} ({self.not_modified} not modified, {self.feed_errors} failed)"
                f" · {self.new_links} new links · fetched {self.fetched}, failed {self.fetch_failed},"
                f" waiting {self.waiting} · documents: {stored} · {self.events} events"
                f" · {self.alerts} alerts ({self.delivered} deliveries) · {self.seconds:.1f} s")
        return text + (" · interrupted" if self.interrupted else "")


def _content_kind(content_type: str) -> str:
    content_type = content_type.lower()
    if "html" in content_type or "xml" in content_type:
        return "html"
    if content_type.startswith("text/plain"):
        return "text"
    return "unknown"


class Watcher:
    """`poll()` once, or `run()` every `config.every` seconds until stopped."""

    def __init__(self, config: WatchConfig, db: str, settings: Settings | None = None,
                 log: Callable[[str], None] | None = None, out: TextIO | None = None,
                 transport: httpx.BaseTransport | None = None):
        self.config = config
        self.db = db
        # One article per engine batch: an article is coded and committed before the next is
        # fetched, so a stop never throws away fetched work and memory holds one page.
        self.settings = replace(settings or Settings.load(db=db), db=db, batch_size=1, workers=1)
        self.log = log or (lambda message: print(message, file=sys.stderr, flush=True))
        self.out = out
        self.stop_requested = False
        self._transport = transport
        self._held = False  # an article is being coded and stored: a stop waits for it
        self._fetcher: Fetcher | None = None

    # --- signals ---------------------------------------------------------------------------
    def _on_signal(self, signum, frame) -> None:
        self.stop_requested = True

    def _on_ingest_signal(self, signum, frame) -> None:
        """During the ingest: stop at once between articles; while one is coded and stored,
        only note the stop (acted on once it is committed)."""
        self.stop_requested = True
        if not self._held:
            raise KeyboardInterrupt

    def _take_signals(self) -> None:
        """Put `_on_ingest_signal` in place of the ingest's own handler (restored when it ends)."""
        if threading.current_thread() is threading.main_thread():
            for sig in _SIGNALS:
                signal.signal(sig, self._on_ingest_signal)

    def _hold_signals(self, hold: bool) -> None:
        self._held = hold

    def _sleep(self, seconds: float) -> None:
        deadline = time.monotonic() + seconds
        while not self.stop_requested and (left := deadline - time.monotonic()) > 0:
            time.sleep(min(left, 0.5))

    # --- the loop --------------------------------------------------------------------------
    def run(self, once: bool = False, every: float | None = None) -> int:
        """Poll until stopped (or once); returns the number of polls made."""
        every = every or self.config.every
        previous = {}
        if threading.current_thread() is threading.main_thread():
            previous = {sig: signal.signal(sig, self._on_signal) for sig in _SIGNALS}
        polls = 0
        self._fetcher = Fetcher(self.config.fetch, sleep=self._sleep, transport=self._transport)
        try:
            while not self.stop_requested:
                started = time.monotonic()
                try:
                    report = self.poll()
                except (StoreError, Busy, OSError) as exc:
                    # unattended: a database kept busy by another writer, a full disk, a file
                    # gone — said, and tried again next poll (a bad first poll is the user's to fix)
                    if polls == 0 or once:
                        raise
                    self.log(f"poll failed: {exc} (trying again in {every:g} s)")
                else:
                    self.log(report.line())
                    if report.interrupted:
                        break
                polls += 1
                if once or self.stop_requested:
                    break
                self._sleep(max(0.0, every - (time.monotonic() - started)))
        finally:
            self._fetcher.close()
            self._fetcher = None
            for sig, handler in previous.items():
                signal.signal(sig, handler)
        return polls

    def poll(self) -> PollReport:
        """One poll. The store is held only for short turns (never across a network request),
        so a dashboard reading the same file waits at most for one of them."""
        report = PollReport()
        started = time.perf_counter()
        store = Store(self.db, settings=self.settings)
        try:
            # run() keeps one fetcher across polls (robots.txt cache, per-host pace); a lone poll has its own
            with nullcontext(self._fetcher) if self._fetcher else Fetcher(
                    self.config.fetch, sleep=self._sleep, transport=self._transport) as fetcher:
                state = WatchState(store)
                with store.turn():
                    state.start_watermark()
                    state.settle_items()
                    known = {feed.url: state.feed(feed.url) for feed in self.config.feeds}
                store.release()
                self._poll_feeds(store, state, fetcher, known, report)
                with store.turn():
                    has_open = state.n_open() > 0
                store.release()
                if not self.stop_requested and (self.config.folders or has_open):
                    self._ingest(store, state, fetcher, report)
                with store.turn():
                    state.settle_items()
                    report.waiting = state.n_open()
                    if not self.stop_requested:
                        self._alert(store, state, report)
                store.release()
                if not self.stop_requested:
                    report.delivered = deliver(state, self.config.sinks, fetcher.client, self.log, self.out,
                                               should_stop=lambda: self.stop_requested)
        finally:
            store.close()
        report.interrupted = report.interrupted or self.stop_requested
        report.seconds = time.perf_counter() - started
        return report

    def _poll_feeds(self, store: Store, state: WatchState, fetcher: Fetcher, known: dict[str, dict],
                    report: PollReport) -> None:
        for feed in self.config.feeds:
            if self.stop_requested:
                return
            report.feeds += 1
            try:
                fetched = fetcher.get(feed.url, etag=known[feed.url]["etag"],
                                      last_modified=known[feed.url]["last_modified"],
                                      obey_robots=False)  # a feed is fetched because its user listed it
                parsed = None if fetched.not_modified else parse_feed(fetched.data, fetched.url)
            except (FetchError, FeedError) as exc:
                report.feed_errors += 1
                reason = getattr(exc, "reason", None) or str(exc)
                self.log(f"feed {feed.url}: {reason}")
                with store.turn():
                    state.record_feed(feed.url, "failed", reason)
                continue
            with store.turn():
                if parsed is None:
                    report.not_modified += 1
                    state.record_feed(feed.url, "not_modified")
                    continue
                report.new_links += sum(state.add_item(item.url, feed.url, item.title, item.published)
                                        for item in parsed.items)
                state.record_feed(feed.url, "ok", None, fetched.etag, fetched.last_modified,
                                  feed.name or parsed.title, len(parsed.items))
            if parsed.skipped:
                self.log(f"feed {feed.url}: {parsed.skipped} entries without an http(s) link skipped")

    def _failed(self, store: Store, state: WatchState, url: str, attempts: int, reason: str,
                transient: bool, status: str | None = None) -> None:
        """An article that could not be fetched or coded: tried again next poll while the
        failure may pass and attempts remain, else given up; logged with its reason either way."""
        if status is None:
            status = "retry" if transient and attempts + 1 < self.config.fetch.max_attempts else "failed"
        with store.turn():
            state.set_item(url, status, reason, attempted=True)
        self.log(f"article {url}: {reason}" + (" (will retry)" if status == "retry" else ""))

    def _articles(self, store: Store, state: WatchState, fetcher: Fetcher, report: PollReport,
                  attempts: dict[str, int]) -> Iterator[RawDocument]:
        """Folder files, then the fetched articles; signals are held while each one is coded."""
        from detente.read import iter_raw

        self._take_signals()
        sources: Iterator[RawDocument] = iter_raw(list(self.config.folders), self.settings) \
            if self.config.folders else iter(())
        for raw in sources:
            self._hold_signals(False)
            if self.stop_requested:
                return
            self._hold_signals(True)
            yield raw
        policy = self.config.fetch
        with store.turn():
            items = state.open_items(policy.max_items)
        for item in items:
            self._hold_signals(False)
            if self.stop_requested:
                return
            url = item["url"]
            attempts[url] = item["attempts"]
            try:
                fetched = fetcher.get(url)
            except FetchError as exc:
                report.fetch_failed += 1
                self._failed(store, state, url, attempts[url], exc.reason, exc.transient,
                             "disallowed" if exc.kind == "disallowed" else None)
                continue
            report.fetched += 1
            self._hold_signals(True)
            # the fetch time bounds the publication date from above (as a WARC record's crawl time)
            crawled = datetime.now(UTC).isoformat(timespec="seconds")
            yield RawDocument(source_path=url, data=fetched.data, kind=_content_kind(fetched.content_type),
                              url=url, title=item["title"], published=item["published"], size=len(fetched.data),
                              crawled=crawled)

    def _ingest(self, store: Store, state: WatchState, fetcher: Fetcher, report: PollReport) -> None:
        from detente.ingest import ingest

        attempts: dict[str, int] = {}  # URL → earlier attempts, for the articles of this poll

        def on_document(article: Article, ingest_report) -> None:
            if (article.reason or "").startswith(INTERNAL_ERROR) and article.source_path in attempts:
                # the ingest retries such a source; the watcher fetches it again, a few times
                self._failed(store, state, article.source_path, attempts[article.source_path],
                             article.reason or INTERNAL_ERROR, transient=True)
            elif article.status == "rejected":
                self.log(f"document {article.source_path}: rejected: {article.reason}")
            report.ingested[article.status] = report.ingested.get(article.status, 0) + 1
            self._hold_signals(False)
            if self.stop_requested:  # a signal came while this article was coded: it is stored now
                raise KeyboardInterrupt

        try:
            result = ingest([], store, self.settings, args={"watch": True, "db": self.db},
                            on_document=on_document, raws=self._articles(store, state, fetcher, report, attempts))
        finally:
            self._hold_signals(False)
        report.events += result.events
        if result.interrupted:
            report.interrupted = True
            self.stop_requested = True

    def _alert(self, store: Store, state: WatchState, report: PollReport) -> None:
        through = state.max_document_seq()
        since = state.alerted_through()
        if through <= since:
            return
        alerts = Evaluator(store, since).evaluate(self.config.rules) if self.config.rules else []
        report.alerts = len(state.record_alerts(alerts, self.config.sinks.names(), through))
