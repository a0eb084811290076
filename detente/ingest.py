"""Ingest: read → clean → analyse → code → dedup → store, resumable, one transaction per document.

`ingest()` is the library function behind `detente ingest`; it returns an `IngestReport`
(the run summary) and leaves the run's row in the database. It sits above the engines and
the store: the engine codes documents while the database file is closed, and the store is
opened only for short turns that write what has been coded since the last one (every
`Settings.write_seconds` or `batch_size` documents), so a server can read the same file in
between (see `detente.store.sharing`). In a turn, the dedup step (`detente.dedup`) gives each
document its verdict — new, duplicate or near-duplicate — and the store records it.
"""

from __future__ import annotations

import signal
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from contextlib import closing, contextmanager
from dataclasses import dataclass, field
from typing import Any

from detente.budget import budgets
from detente.config import Settings
from detente.models import Article, ProcessedDocument, RawDocument
from detente.store.sharing import Busy
from detente.store.store import Store, StoreError

CHECKPOINT_THRESHOLD = "4MB"
OUTCOMES_KEPT = 1000  # duplicates and near-duplicates a run's report lists (the CLI prints 200)


@dataclass
class Outcome:
    """What happened to one input that was not simply stored (for the summary)."""

    source_path: str
    status: str  # duplicate | near_duplicate | rejected | not_coded (stored, e.g. "language es: not coded")
    doc_id: str
    reason: str | None = None
    duplicate_of: str | None = None
    duplicate_path: str | None = None

    def line(self) -> str:
        if self.status in ("rejected", "not_coded"):
            return f"{self.source_path}: {self.reason or self.status}"
        original = f"{self.duplicate_of}" + (f" ({self.duplicate_path})" if self.duplicate_path else "")
        if self.status == "duplicate":
            return f"{self.source_path}: same text as {original}"
        return f"{self.source_path}: repeats {original}"


@dataclass
class IngestReport:
    run_id: str
    read: int = 0  # inputs processed in this run (seen-before ones are `skipped`)
    stored: int = 0
    near_duplicate: int = 0
    duplicate: int = 0
    rejected: int = 0
    skipped: int = 0
    events: int = 0
    quotes: int = 0
    claims: int = 0
    not_coded: int = 0  # stored but not coded (a language without models): never silently empty
    seconds: float = 0.0
    interrupted: bool = False
    outcomes: list[Outcome] = field(default_factory=list)
    # duplicates past OUTCOMES_KEPT are counted, not listed: a long run's memory stays flat
    # (every rejection and not-coded input is still listed; the database has every source)
    outcomes_not_listed: int = 0
    _duplicates_listed: int = field(default=0, repr=False)

    COUNTS = ("read", "stored", "near_duplicate", "duplicate", "rejected", "skipped",
              "events", "quotes", "claims", "not_coded")

    def counts(self) -> dict[str, int]:
        return {key: getattr(self, key) for key in self.COUNTS}

    @property
    def rate(self) -> float:
        return self.read / self.seconds if self.seconds > 0 else 0.0

    def add(self, article: Article, processed: ProcessedDocument) -> None:
        self.read += 1
        status = article.status
        setattr(self, status, getattr(self, status) + 1)
        if status in ("stored", "near_duplicate"):
            self.events += len(processed.coded.events)
            self.quotes += len(processed.coded.quotes)
            self.claims += len(processed.coded.claims)
        if status in ("duplicate", "near_duplicate") and self._duplicates_listed >= OUTCOMES_KEPT:
            self.outcomes_not_listed += 1
        elif status != "stored":
            self._duplicates_listed += status in ("duplicate", "near_duplicate")
            self.outcomes.append(Outcome(article.source_path, status, article.doc_id,
                                         article.reason, article.duplicate_of))
        if status in ("stored", "near_duplicate") and not article.is_codable:
            self.not_coded += 1
            if status == "stored":
                self.outcomes.append(Outcome(article.source_path, "not_coded", article.doc_id, article.reason))


class _InterruptGuard:
    """Ctrl-C (or SIGTERM) between documents stops at once; during a write it waits for the
    transaction to commit, so an interrupted run never leaves half a document behind."""

    def __init__(self):
        self._deferring = False
        self._pending = False
        self._previous: dict[int, Any] = {}

    def _handler(self, signum, frame):
        if self._deferring:
            self._pending = True
        else:
            raise KeyboardInterrupt

    def __enter__(self):
        if threading.current_thread() == threading.main_thread():
            for sig in (signal.SIGINT, signal.SIGTERM):
                self._previous[sig] = signal.signal(sig, self._handler)
        return self

    def __exit__(self, *exc):
        for sig, previous in self._previous.items():
            signal.signal(sig, previous)
        self._previous.clear()

    @contextmanager
    def deferred(self):
        self._deferring = True
        try:
            yield
        finally:
            self._deferring = False
        if self._pending:
            self._pending = False
            raise KeyboardInterrupt


def ingest(paths: Iterable[str], store: Store, settings: Settings, args: dict[str, Any] | None = None,
           on_document: Callable[[Article, IngestReport], None] | None = None,
           raws: Iterable[RawDocument] | None = None) -> IngestReport:
    """Ingest `paths` (or an already-open stream of `raws`) into `store`; resumable.

    Sources recorded by an earlier run are skipped (`report.skipped`), except an internal
    error (retried once) and a rejection over a budget raised since; each new document is
    written in its own transaction. On KeyboardInterrupt the current document is finished, the
    run is marked "interrupted" and the partial report returned (`report.interrupted`).
    """
    from detente.aggregate.stories import refresh as refresh_stories
    from detente.dedup import Deduplicator
    from detente.engines import run as run_engine
    from detente.read import iter_raw, source_key

    started = time.perf_counter()
    paths = list(paths)
    with store.turn():
        # Rows written since the last checkpoint are held in memory (DuckDB checkpoints when the
        # WAL reaches 16 MiB by default); checkpoint more often so that stays small during a run.
        store.con.execute(f"SET checkpoint_threshold = '{CHECKPOINT_THRESHOLD}'")
        run_id = store.start_run({**(args or {"paths": paths}), "budgets": budgets(settings)})
        done = store.seen_keys(settings)
    store.release()
    report = IngestReport(run_id=run_id)
    dedup = Deduplicator(store)  # its index lasts the run: documents written in it are found too
    keys: deque[str] = deque()
    this_run: set[str] = set()

    def fresh() -> Iterator[RawDocument]:
        for raw in raws if raws is not None else iter_raw(paths, settings):
            key = source_key(raw)
            if key in this_run or key in done:
                report.skipped += 1
                continue
            this_run.add(key)
            keys.append(key)
            yield raw

    pending: list[tuple[ProcessedDocument, str]] = []
    last_write = time.monotonic()

    def write_pending() -> None:
        """One turn on the file: write every document coded since the last turn."""
        nonlocal last_write
        if not pending:
            return
        with store.turn(), guard.deferred():  # a signal here is acted on once the batch is written
            store.con.execute(f"SET checkpoint_threshold = '{CHECKPOINT_THRESHOLD}'")
            # sources another ingest of the same input wrote meanwhile
            seen = store.seen_among([key for _, key in pending], settings)
            report.skipped += sum(1 for _, key in pending if key in seen)
            todo = [(processed, key) for processed, key in pending if key not in seen]
            verdicts = dedup.verdicts(processed.article for processed, _ in todo)
            written = store.write_many(((processed, key, verdict) for (processed, key), verdict
                                        in zip(todo, verdicts, strict=True)), run_id=run_id)
            for article, (processed, _) in zip(written, todo, strict=True):
                report.add(article, processed)
            pending.clear()
        last_write = time.monotonic()
        if on_document is not None:
            for article in written:
                on_document(article, report)

    guard = _InterruptGuard()
    status = "failed"
    try:
        # the engine is closed on the way out, so a Ctrl-C stops its workers here, not at exit
        with guard, closing(run_engine(fresh(), settings)) as processed_documents:
            for processed in processed_documents:
                pending.append((processed, keys.popleft()))
                if (len(pending) >= settings.batch_size
                        or time.monotonic() - last_write >= settings.write_seconds):
                    write_pending()
            write_pending()
        status = "completed"
    except KeyboardInterrupt:
        report.interrupted = True
        status = "interrupted"
    finally:
        report.seconds = time.perf_counter() - started
        try:
            with store.turn():
                if not report.interrupted:  # story events take in this run's events
                    refresh_stories(store)
                    report.seconds = time.perf_counter() - started
                store.finish_run(run_id, status, report.counts())
                originals = store.describe(o.duplicate_of for o in report.outcomes if o.duplicate_of)
        except (Busy, StoreError):  # the next run closes this one as interrupted
            originals = {}
    for outcome in report.outcomes:
        if outcome.duplicate_of in originals:
            outcome.duplicate_path = originals[outcome.duplicate_of]["source_path"]
    return report
