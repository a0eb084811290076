"""One database file shared by an ingest (the writer) and a server (a reader), in turns.

DuckDB lets one process open a file for writing, and only while no other process has it open
at all, not even read-only. So nobody may hold the file for long: a writer takes its turn on
the lock file `<db>.lock` (an exclusive `flock`), opens the database, writes a batch of whole
documents (one transaction each), closes it and gives the turn up; an ingest does that every
`Settings.write_seconds` and codes the next documents meanwhile. A reader sees a turn taken
(`writer_waiting`), lets its requests in flight finish, closes its connection and waits (a
server answers 503 with Retry-After when the wait passes `Settings.read_wait_seconds`;
`wait_for_writers`). Readers never see half a document: a reader and a writer never have the
file open together.
"""

from __future__ import annotations

import fcntl
import os
import time
from collections.abc import Callable
from typing import TypeVar

POLL_SECONDS = 0.02
# A writer that gave its turn up waits this long before taking the next one, so a reader
# waiting for it (polling every POLL_SECONDS) gets in between two back-to-back batches: a fast
# ingest would otherwise hold the file from its first batch to its last.
READER_WINDOW = 0.1

T = TypeVar("T")


class Busy(Exception):  # noqa: N818 - a state, as the store's other errors
    """The database stayed in another process's hands for longer than the wait allowed."""


def lock_path(db_path: str) -> str | None:
    """The lock file next to a database file (None for an in-memory database)."""
    return None if db_path == ":memory:" else f"{db_path}.lock"


class WriterTurn:
    """The exclusive turn of one writer; `acquire` waits for the previous writer to finish."""

    def __init__(self, db_path: str):
        self.path = lock_path(db_path)
        self._fd: int | None = None
        self._released_at = float("-inf")

    @property
    def held(self) -> bool:
        return self._fd is not None

    def acquire(self, timeout: float) -> None:
        if self.path is None or self._fd is not None:
            return
        gap = self._released_at + READER_WINDOW - time.monotonic()
        if gap > 0:  # readers' turn between two of ours
            time.sleep(gap)
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
        deadline = time.monotonic() + timeout
        try:
            while True:
                try:
                    fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                    self._fd = fd
                    return
                except BlockingIOError:
                    if time.monotonic() > deadline:
                        raise Busy(f"another writer kept the database for more than {timeout:g} s") from None
                    time.sleep(POLL_SECONDS)
        finally:
            if self._fd is None:
                os.close(fd)

    def release(self) -> None:
        if self._fd is not None:
            fcntl.flock(self._fd, fcntl.LOCK_UN)
            os.close(self._fd)
            self._fd = None
            self._released_at = time.monotonic()


def writer_waiting(db_path: str) -> bool:
    """Does a writer hold (or wait for) its turn on this database right now?"""
    path = lock_path(db_path)
    if path is None:
        return False
    try:
        fd = os.open(path, os.O_RDONLY)
    except OSError:
        return False
    try:
        fcntl.flock(fd, fcntl.LOCK_SH | fcntl.LOCK_NB)
    except BlockingIOError:
        return True
    finally:
        os.close(fd)  # closing drops the shared lock too
    return False


def retrying(connect: Callable[[], T], is_lock_error: Callable[[Exception], bool], timeout: float) -> T:
    """`connect()`, retried while the file is held by another process, for up to `timeout` s."""
    deadline = time.monotonic() + timeout
    while True:
        try:
            return connect()
        except Exception as exc:
            if not is_lock_error(exc) or time.monotonic() > deadline:
                raise
            time.sleep(POLL_SECONDS)


def wait_for_writers(db_path: str, timeout: float) -> None:
    """Return once no writer holds or waits for its turn; `Busy` after `timeout` seconds. A
    reader that waits here before opening the file lets a waiting writer in."""
    deadline = time.monotonic() + timeout
    while writer_waiting(db_path):
        if time.monotonic() > deadline:
            raise Busy("detente ingest is writing to the database: retry in a moment")
        time.sleep(POLL_SECONDS)
