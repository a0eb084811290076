"""One read-only connection shared by the requests in flight, released as soon as they stop.

Opening a DuckDB file costs tens of milliseconds — more than answering most requests — so a
server that opened it per request could not serve more than a few dozen a second. `ReadPool`
opens it when a request arrives and none is open, gives each request its own cursor, and
closes the file `grace` seconds after the last request in flight has finished: under load the
file stays open; between bursts it is released, so `detente ingest` (one writer at a time) can
write. When a writer takes its turn (`detente.store.sharing`), requests in flight finish, the
file is closed at once and new requests wait for the writer (`Busy` after `wait` seconds).
While the file is open its records cannot change (no other process may write), so the
database's content version is read once per opening.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager

from detente.store.sharing import wait_for_writers, writer_waiting
from detente.store.store import Store

DEFAULT_GRACE = 0.05  # seconds the file stays open after the last request, for the next one


class ReadPool:
    """Read-only handles on one database file for concurrent requests."""

    def __init__(self, path: str, grace: float = DEFAULT_GRACE, wait: float = 3.0):
        self.path = path
        self.grace = grace
        self.wait = wait
        self._draining = False  # a writer waits: close as soon as no request holds the file
        self._lock = threading.Lock()
        self._store: Store | None = None
        self._version: tuple | None = None
        self._users = 0
        self._generation = 0  # increases on every release, so a late timer closes nothing new

    @contextmanager
    def reader(self) -> Iterator[Store]:
        """A read-only Store for one request (raises StoreError when the file cannot be read,
        `Busy` when a writer kept it longer than `wait`)."""
        handle = self.acquire()
        try:
            yield handle
        finally:
            self.release(handle)

    def acquire_open(self) -> Store | None:
        """A handle at once when the file is open and no writer waits, else None (then
        `acquire`, which may open the file or wait): lets an event loop skip a thread hop."""
        with self._lock:
            if self._store is None or self._draining:
                return None
        if writer_waiting(self.path):
            return None
        with self._lock:
            if self._store is None or self._draining:
                return None
            return self._handle()

    def acquire(self) -> Store:
        """A handle for one request, opening the file (or waiting for a writer) if needed;
        give it back with `release`."""
        if writer_waiting(self.path):
            self._drain()
            wait_for_writers(self.path, self.wait)
        with self._lock:
            if self._store is None:
                self._draining = False
                store = Store(self.path, read_only=True)  # may raise StoreError: nothing held
                try:
                    self._version = store.content_version()
                except BaseException:
                    store.close()
                    raise
                self._store = store
            return self._handle()

    def _handle(self) -> Store:  # under the lock, with the file open
        self._users += 1
        self._generation += 1
        handle = self._store.reader()
        version = self._version
        handle.content_version = lambda: version  # fixed while the file is open
        return handle

    def release(self, handle: Store) -> None:
        handle.con.close()
        self._release()

    def _drain(self) -> None:
        with self._lock:
            self._draining = True
            idle = self._users == 0
            generation = self._generation
        if idle:
            self._close_if_idle(generation)

    def _release(self) -> None:
        with self._lock:
            self._users -= 1
            if self._users:
                return
            generation = self._generation
        if self.grace <= 0 or self._draining:
            self._close_if_idle(generation)
            return
        timer = threading.Timer(self.grace, self._close_if_idle, args=(generation,))
        timer.daemon = True
        timer.start()

    def _close_if_idle(self, generation: int) -> None:
        with self._lock:
            if self._users or generation != self._generation or self._store is None:
                return
            store, self._store, self._version = self._store, None, None
        store.close()

    def close(self) -> None:
        with self._lock:
            store, self._store, self._version = self._store, None, None
        if store is not None:
            store.close()
