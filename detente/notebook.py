"""The notebook API behind `detente.open()`: the CLI's queries on a database a notebook shares.

A notebook stays open for hours while `detente ingest` keeps writing. DuckDB lets a process
write only while no other process has the file open, even read-only, so a read-only
`Database` opens the file for each call and closes it straight after (as the server does):
the CLI writes between two cells, and the next call sees what it wrote. Every answer is
DataFrame-ready: `Rows` for stored records, `Records` (a list of dicts) for story events, the
index and contradictions, both with `.to_pandas()` (nested fields as dotted columns).

    >>> import detente
    >>> db = detente.open("detente.duckdb")            # read-only; create=True to start a new file
    >>> db.timeline(dyad="USA-COL").to_pandas()
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

import duckdb

from detente import queries
from detente.config import Settings
from detente.queries import InsightCache
from detente.store import Rows, Store, StoreError
from detente.store.sharing import wait_for_writers
from detente.store.store import Selection


class DatabaseMissing(StoreError, FileNotFoundError):
    """`detente.open` on a path where no database exists (and `create=True` was not given)."""


class ReadOnlyError(StoreError):
    """A write through a handle opened read-only."""


class Records(list):
    """Records as dicts (story events, index rows, contradictions), ready for a DataFrame."""

    def to_dicts(self) -> list[dict[str, Any]]:
        return list(self)

    def to_pandas(self, flat: bool = True):
        """A DataFrame, one row per record; nested records as dotted columns (`actor.country`),
        as `Rows.to_pandas` — lists (mentions, sources) stay in one cell."""
        import pandas as pd

        return pd.json_normalize(list(self)) if flat else pd.DataFrame(list(self))


class IndexRecords(Records):
    """The index rows of a dyad, with the index's other answers as attributes."""

    dyad: str
    freq: str
    turning_points: Records
    n_unindexed: int


def _read_only_message(exc: Exception, path: str) -> str | None:
    text = str(exc).lower()
    if "read-only" in text or "read only" in text:
        return (f"this handle on {Path(path).name} is read-only (detente.open's default, so the CLI "
                "can write meanwhile): open it with detente.open(path, read_only=False) to write")
    return None


class Database:
    """A detente database for a notebook: the CLI's queries (`detente.queries`), answers ready
    for pandas. Read-only by default; `read_only=False` holds the file for writing (and keeps
    other processes out until `close()`)."""

    def __init__(self, path: str | os.PathLike = "detente.duckdb", read_only: bool = True,
                 create: bool = False, settings: Settings | None = None):
        self.path = str(path)
        self.read_only = read_only
        self.settings = settings or Settings.load()
        if self.path != ":memory:" and not Path(self.path).exists():
            if not create:
                raise DatabaseMissing(
                    f"no detente database at {self.path}: check the path, run `detente ingest … --db "
                    f"{self.path}`, or pass create=True to start an empty one")
            Store(self.path, settings=self.settings).close()  # creates the file at the latest schema
        self.store = Store(self.path, read_only=read_only, settings=self.settings)
        self.cache = InsightCache()
        if read_only and self.path != ":memory:":
            self.store.release()  # opened per call from now on (see the module doc)

    # --- one call, one short visit to the file ------------------------------------------------
    def _ask(self, question: Callable[[Store], Any]) -> Any:
        if self.store.con is None and self.read_only:
            wait_for_writers(self.path, self.settings.read_wait_seconds)
        with self.store.turn() as store:
            try:
                answer = question(store)
                return Rows(answer.rows().to_arrow()) if isinstance(answer, Selection) else answer
            except duckdb.Error as exc:
                message = _read_only_message(exc, self.path)
                if message:
                    raise ReadOnlyError(message) from exc
                raise

    def __getattr__(self, name: str) -> Any:
        """The store's other methods (`documents`, `document`, `quotes`, `claims`, `rejections`,
        `write` …), each call in its own visit to the file."""
        if name.startswith("_") or name in ("store", "path", "read_only", "settings", "cache"):
            raise AttributeError(name)
        attribute = getattr(Store, name, None)
        if not callable(attribute):
            raise AttributeError(f"{type(self).__name__!r} has no attribute {name!r}")

        def call(*args: Any, **kwargs: Any) -> Any:
            return self._ask(lambda store: getattr(store, name)(*args, **kwargs))

        call.__doc__ = attribute.__doc__
        return call

    # --- the documented questions -------------------------------------------------------------
    def events(self, dyad: str | None = None, since: str | None = None, until: str | None = None,
               event_type: str | list[str] | None = None, doc_id: str | None = None,
               outlet: str | None = None, min_confidence: float | None = None) -> Rows:
        """Event records passing the filters, as `detente events` checks and orders them."""
        return self._ask(lambda store: queries.select_events(store, dyad, since, until, event_type, doc_id, outlet,
                                                             min_confidence).rows())

    def timeline(self, dyad: str | None = None, since: str | None = None, until: str | None = None,
                 event_type: str | None = None) -> Records:
        """Story events in date order (undated last), as `detente timeline`."""
        return Records(self._ask(lambda store: queries.timeline(store, dyad, since, until, event_type,
                                                                limit=None, cache=self.cache).items))

    def index(self, dyad: str, freq: str | None = None, since: str | None = None,
              until: str | None = None) -> IndexRecords:
        """The conflict–cooperation index of a dyad per period, as `detente index`; the turning
        points, the period and the story events left out are attributes."""
        answer = self._ask(lambda store: queries.index(store, dyad, freq, since, until, cache=self.cache))
        rows = IndexRecords(answer["rows"])
        rows.dyad, rows.freq, rows.n_unindexed = answer["dyad"], answer["freq"], answer["n_unindexed"]
        rows.turning_points = Records(answer["turning_points"])
        return rows

    def contradictions(self, dyad: str | None = None, since: str | None = None, until: str | None = None,
                       single_sourced: bool = False) -> Records:
        """Where sources disagree (one record per disagreement, every source in it), as
        `detente contradictions`; `single_sourced=True`: what one outlet alone reports."""
        return Records(self._ask(lambda store: queries.contradictions(
            store, dyad, since, until, single_sourced, limit=None, cache=self.cache).items))

    def sql(self, query: str, params: list[Any] | None = None) -> Rows:
        """Any SQL over the tables (`documents`, `events`, `quotes`, `claims`), as `Rows`."""
        return self._ask(lambda store: Rows(store.con.sql(query, params=params or []).to_arrow_table()))

    # --- closing -----------------------------------------------------------------------------
    def close(self) -> None:
        self.store.close()

    def __enter__(self) -> Database:
        return self

    def __exit__(self, *exc: Any) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"<detente.Database {self.path} ({'read-only' if self.read_only else 'read-write'})>"
