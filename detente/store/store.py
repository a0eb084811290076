"""The DuckDB store: every SQL statement detente runs lives in this package.

One embedded file is detente's memory. `Store.write` stores a processed document (`write_many`
a turn's documents together) with the status the dedup step (`detente.dedup`) gave it — the store records
duplicates, it does not decide them; the query methods return `Rows` of the design's records,
which the CLI, the Python API and the web app all render — three views over the same queries.
"""

from __future__ import annotations

import json
import os
import socket
import uuid
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import replace
from datetime import datetime
from pathlib import Path
from typing import Any, Protocol

import duckdb

from detente.config import Settings
from detente.dyad import Dyad
from detente.models import (
    FAILED_AGAIN,
    FIELDS,
    INTERNAL_ERROR,
    NESTED,
    Actor,
    Article,
    Claim,
    Event,
    Evidence,
    ProcessedDocument,
    Quote,
    flat_fields,
)
from detente.store import migrations
from detente.store.rows import Rows
from detente.store.sharing import WriterTurn, retrying

TABLES = ("documents", "events", "quotes", "claims")
DOCUMENT_EXTRA = ("text", "minhash", "minhash_scheme", "run_id")  # documents' columns beyond the record's
FORMATS = ("parquet", "jsonl", "csv", "sqlite")
SQLITE_FILE = "detente.sqlite"  # `export --format sqlite`: every table in one file (Datasette)
# Runs started (and not finished) by stores of this process that are still in use.
_ACTIVE_RUNS: set[str] = set()


class StoreError(Exception):
    """The database cannot be used: not a detente database, too new, locked, missing."""


class StoreBusy(StoreError):
    """Another process holds the database file (DuckDB: one writer, and no reader beside it)."""


class AmbiguousId(StoreError):
    """A doc_id prefix that matches more than one document."""


class DuplicateVerdict(Protocol):
    """What `Store.write` records about duplicates, as the dedup step decided it
    (`detente.dedup.Verdict`): the store depends on this shape, not on that module."""

    @property
    def status(self) -> str: ...
    @property
    def duplicate_of(self) -> str | None: ...
    @property
    def minhash(self) -> bytes | None: ...
    @property
    def minhash_scheme(self) -> str | None: ...


# --- record layouts ---------------------------------------------------------------------
# A layout maps a record key either to a column of the same name, or (nested records) to a
# list of (field, column) with the column whose NULL makes the whole nested record null. Both
# come from the field table (`detente.models.FIELDS`): an actor is stored as <key>_text,
# <key>_code, … (null when its text is), the evidence as evidence_text, evidence_start, ….


def _layout(table: str) -> list[tuple[str, Any]]:
    layout: list[tuple[str, Any]] = []
    for key, kind in FIELDS[table]:
        if kind not in NESTED:
            layout.append((key, None))
            continue
        columns = [(name, f"{key}_{name}") for name, _ in NESTED[kind]]
        layout.append((key, (columns, f"{key}_text" if kind == "actor" else None)))
    return layout


LAYOUTS: dict[str, list[tuple[str, Any]]] = {table: _layout(table) for table in FIELDS}


def _quote_ident(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _select_list(table: str, alias: str = "t", flat: bool = False, with_text: bool = False,
                 overrides: dict[str, str] | None = None) -> str:
    """The SELECT list that rebuilds a table's records (nested, or flat with dotted names);
    `overrides` replaces the expression of some plain keys."""
    parts = []
    overrides = overrides or {}
    layout = LAYOUTS[table] + ([("text", None)] if table == "documents" and with_text else [])
    for key, spec in layout:
        if spec is None:
            expression = overrides.get(key, f"{alias}.{key}")
            parts.append(f"{expression} AS {_quote_ident(key)}")
            continue
        fields, null_column = spec
        if flat:
            parts.extend(f"{alias}.{col} AS {_quote_ident(f'{key}.{name}')}" for name, col in fields)
            continue
        struct = "struct_pack(" + ", ".join(f"{_quote_ident(name)} := {alias}.{col}"
                                            for name, col in fields) + ")"
        if null_column:
            struct = f"CASE WHEN {alias}.{null_column} IS NULL THEN NULL ELSE {struct} END"
        parts.append(f"{struct} AS {_quote_ident(key)}")
    return ", ".join(parts)


def _columns_of(table: str) -> list[str]:
    columns = []
    for key, spec in LAYOUTS[table]:
        columns.extend([key] if spec is None else [col for _, col in spec[0]])
    return columns


def _flatten(table: str, record: dict[str, Any]) -> list[Any]:
    """A record (as `to_dict()` gives it) → the table's column values, in `_columns_of` order."""
    values = []
    for key, spec in LAYOUTS[table]:
        if spec is None:
            values.append(record.get(key))
        else:
            nested = record.get(key) or {}
            values.extend(nested.get(name) for name, _ in spec[0])
    return values


def _insert_sql(table: str, extra: Sequence[str] = (), rows: int = 1) -> str:
    """INSERT of `rows` rows in one statement (DuckDB's executemany is slow per row)."""
    columns = _columns_of(table) + list(extra)
    marks = "(" + ", ".join("?" for _ in columns) + ")"
    return (f"INSERT INTO {table} ({', '.join(columns)}) VALUES {', '.join([marks] * rows)} "
            "ON CONFLICT DO NOTHING")


def _chunks(rows: list[list[Any]], size: int = 200) -> Iterator[list[list[Any]]]:
    """Rows in pieces of one INSERT each (a statement's parameters stay bounded)."""
    for start in range(0, len(rows), size):
        yield rows[start:start + size]


def _date_bound(column: str, op: str) -> str:
    """Compare an ISO date at any precision with a bound at any precision, on their common
    prefix: "2025-01" matches since="2025-01-15" (it may be on or after it) and until="2025"."""
    return (f"({column} IS NOT NULL AND left({column}, least(length({column}), length(?))) "
            f"{op} left(?, least(length({column}), length(?))))")


class Selection:
    """A filtered, ordered query not yet run: count it, page it in SQL, or stream it in batches,
    so a list answers in the size of the page, not of the table."""

    def __init__(self, store: Store, sql: str, params: Sequence[Any] = (), table: str | None = None,
                 where: str = ""):
        self.store, self.sql, self.params = store, sql, list(params)
        self.table, self.where = table, where  # a table ordered by its seq: paged by seq first

    def count(self) -> int:
        if self.table is not None:
            return self.store._one(f"SELECT count(*) FROM {self.table} t {self.where}", self.params)[0]
        return self.store._one(f"SELECT count(*) FROM ({self.sql})", self.params)[0]

    def rows(self, limit: int | None = None, offset: int = 0) -> Rows:
        if limit is None and not offset:
            return self.store._rows(self.sql, self.params)
        return self.store._rows(f"{self.sql} LIMIT ? OFFSET ?",
                                self.params + [limit if limit is not None else 2**62, offset])

    def records(self, limit: int | None = None, offset: int = 0) -> list[dict[str, Any]]:
        """One page of records as dicts, straight from the database (no Arrow table between).

        A table ordered by seq is paged in two steps: the page's seq numbers first (sorting one
        column, not whole records), then those records, found by their seq range (the
        storage's min/max per row group skips the rest) — a page costs the same at any offset.
        """
        sql, params = self.sql, self.params
        if self.table is not None and limit is not None:
            seqs = [row[0] for row in self.store.con.execute(
                f"SELECT t.seq FROM {self.table} t {self.where} ORDER BY t.seq LIMIT ? OFFSET ?",
                params + [limit, offset]).fetchall()]
            if not seqs:
                return []
            sql = (f"SELECT {_select_list(self.table)} FROM {self.table} t WHERE t.seq BETWEEN ? AND ? "
                   "AND list_contains(?, t.seq) ORDER BY t.seq")
            params = [min(seqs), max(seqs), seqs]
        elif limit is not None or offset:
            sql, params = f"{sql} LIMIT ? OFFSET ?", params + [limit if limit is not None else 2**62, offset]
        cursor = self.store.con.execute(sql, params)
        names = [column[0] for column in cursor.description]
        return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]

    def row_ids(self) -> list[int]:
        """The storage row ids of the records, in the selection's order (a table ordered by
        seq): an index a server keeps per content version to fetch any page directly."""
        return [row[0] for row in self.store.con.execute(
            f"SELECT t.rowid FROM {self.table} t {self.where} ORDER BY t.seq", self.params).fetchall()]

    def records_at(self, row_ids: Sequence[int]) -> list[dict[str, Any]]:
        """The records with these row ids, in that order. The ids bound a row-id range scan
        (DuckDB reads only the vectors holding them when the bounds are literals — they are
        integers the database gave, never user input)."""
        if not row_ids:
            return []
        low, high = int(min(row_ids)), int(max(row_ids))
        cursor = self.store.con.execute(
            f"SELECT t.rowid AS _row, {_select_list(self.table)} FROM {self.table} t "
            f"WHERE t.rowid BETWEEN {low} AND {high}")
        names = [column[0] for column in cursor.description]
        wanted = set(row_ids)
        found = {}
        for row in cursor.fetchall():
            if row[0] in wanted:
                found[row[0]] = dict(zip(names[1:], row[1:], strict=True))
        return [found[i] for i in row_ids if i in found]

    def batches(self, size: int = 2000) -> Iterator[list[dict[str, Any]]]:
        """Every record, `size` at a time, never all of them in memory (exports, the CLI)."""
        reader = self.store.con.sql(self.sql, params=self.params).to_arrow_reader(size)
        for batch in reader:
            yield batch.to_pylist()

    def __iter__(self) -> Iterator[dict[str, Any]]:
        for batch in self.batches():
            yield from batch


class Store:
    """A detente database. `Store("detente.duckdb")` creates or migrates it as needed."""

    def __init__(self, path: str | os.PathLike = "detente.duckdb", read_only: bool = False,
                 settings: Settings | None = None):
        self.path = str(path)
        self.read_only = read_only
        self.settings = settings or Settings.load()
        self._runs: set[str] = set()
        self._turn = WriterTurn(self.path)
        self.con = self._connect()

    # --- opening -------------------------------------------------------------------------
    def _connect(self):
        if self.read_only and self.path != ":memory:" and not Path(self.path).exists():
            raise StoreError(f"no detente database at {self.path}: run `detente ingest` first")
        if self.path != ":memory:":
            parent = Path(self.path).parent
            if not self.read_only and not parent.exists():
                parent.mkdir(parents=True, exist_ok=True)
        if self.read_only:
            return retrying(self._open, _is_busy, self.settings.read_wait_seconds)
        self._turn.acquire(self.settings.lock_seconds)  # see detente.store.sharing
        try:
            return retrying(self._open, _is_busy, self.settings.lock_seconds)
        except BaseException:
            self._turn.release()
            raise

    def _open(self):
        try:
            con = duckdb.connect(self.path, read_only=self.read_only)
        except duckdb.IOException as exc:
            message = str(exc)
            if "lock" in message.lower():  # DuckDB's message names the holder's binary and PID
                raise StoreBusy(f"database {Path(self.path).name} is in use by another process "
                                "(DuckDB allows one writer, and no reader beside it)") from exc
            raise StoreError(f"not a detente database: {self.path} ({message})") from exc
        except duckdb.Error as exc:
            raise StoreError(f"not a detente database: {self.path} ({exc})") from exc
        try:
            self._check_schema(con)
        except Exception:
            con.close()
            raise
        return con

    def _check_schema(self, con) -> None:
        tables = {row[0] for row in con.execute(
            "SELECT table_name FROM information_schema.tables WHERE table_schema = 'main'").fetchall()}
        if tables and "schema_version" not in tables:
            raise StoreError(f"not a detente database: {self.path} (a DuckDB file with other "
                             f"tables: {', '.join(sorted(tables)[:5])})")
        version = migrations.current_version(con) if tables else 0
        if version > migrations.LATEST:
            raise StoreError(f"{self.path} was written by a newer detente (schema v{version}; "
                             f"this version knows up to v{migrations.LATEST}): upgrade detente")
        if version < migrations.LATEST:
            if self.read_only:
                raise StoreError(f"{self.path} has schema v{version} and needs v{migrations.LATEST}: "
                                 "open it once for writing (e.g. `detente ingest`) to migrate it")
            migrations.migrate(con)

    @property
    def version(self) -> int:
        return migrations.current_version(self.con)

    def close(self) -> None:
        """Close the file; a run this store started and did not finish is abandoned."""
        self.release()
        _ACTIVE_RUNS.difference_update(self._runs)
        self._runs.clear()

    def release(self) -> None:
        """Close the file and give up the writer's turn, keeping this store's runs going (an
        ingest between two batches); `turn()` opens it again."""
        if self.con is not None:
            self.con.close()
            self.con = None
        self._turn.release()

    @contextmanager
    def turn(self):
        """The file open for a short piece of work: opened (waiting for its turn) if released,
        and released again afterwards."""
        reopened = self.con is None
        if reopened:
            self.con = self._connect()
        try:
            yield self
        finally:
            if reopened:
                self.release()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def _one(self, sql: str, params: Sequence[Any] = ()) -> tuple | None:
        rows = self.con.execute(sql, list(params)).fetchall()  # fetchall: leaves no open result
        return rows[0] if rows else None

    def _rows(self, sql: str, params: Sequence[Any] = ()) -> Rows:
        return Rows(self.con.sql(sql, params=list(params)).to_arrow_table())

    # --- runs ----------------------------------------------------------------------------
    def start_run(self, args: dict[str, Any] | None = None) -> str:
        """Record a new run; runs left "running" by a killed process become "interrupted"."""
        self._close_stale_runs()
        run_id = datetime.now().strftime("%Y%m%dT%H%M%S") + "-" + uuid.uuid4().hex[:6]
        args = {**(args or {}), "process": _this_process()}
        self.con.execute("INSERT INTO runs (run_id, started, status, args) VALUES (?, ?, 'running', ?)",
                         [run_id, datetime.now(), json.dumps(args, default=str)])
        self._runs.add(run_id)
        _ACTIVE_RUNS.add(run_id)
        return run_id

    def _close_stale_runs(self) -> None:
        # Writers take turns on the file, so a "running" run may belong to an ingest that is
        # between two turns: it is stale only when its process is gone (or, in this process,
        # when the store that started it was closed). Count what it stored from `sources`.
        stale = [run_id for run_id, args in self.con.execute(
            "SELECT run_id, args FROM runs WHERE status = 'running'").fetchall()
            if not _run_alive(run_id, args)]
        for run_id in stale:
            counts = self.run_counts(run_id)
            self.finish_run(run_id, "interrupted", counts, finished=None)

    def run_counts(self, run_id: str) -> dict[str, int]:
        counts = {"stored": 0, "near_duplicate": 0, "duplicate": 0, "rejected": 0}
        for status, n in self.con.execute(
                "SELECT status, count(*) FROM sources WHERE run_id = ? GROUP BY status", [run_id]).fetchall():
            counts[status] = n
        counts["read"] = sum(counts.values())
        for table in ("events", "quotes", "claims"):
            counts[table] = self._one(
                f"SELECT count(*) FROM {table} x JOIN documents d USING (doc_id) WHERE d.run_id = ?",
                [run_id])[0]
        return counts

    def finish_run(self, run_id: str, status: str, counts: dict[str, int] | None = None,
                   finished: datetime | None = None) -> None:
        counts = counts or {}
        self.con.execute(
            "UPDATE runs SET finished = ?, status = ?, n_read = ?, n_stored = ?, n_near_duplicate = ?, "
            "n_duplicate = ?, n_rejected = ?, n_skipped = ?, n_events = ?, n_quotes = ?, n_claims = ? "
            "WHERE run_id = ?",
            [finished or datetime.now(), status] + [int(counts.get(k, 0)) for k in (
                "read", "stored", "near_duplicate", "duplicate", "rejected", "skipped",
                "events", "quotes", "claims")] + [run_id])
        self._runs.discard(run_id)
        _ACTIVE_RUNS.discard(run_id)

    def runs(self) -> Rows:
        return self._rows("SELECT * EXCLUDE (args), args FROM runs ORDER BY started")

    # --- writing -------------------------------------------------------------------------
    def seen(self, source_key: str, settings: Settings | None = None) -> bool:
        """Was this source handled by an earlier run? Internal errors are retried, and so are
        documents over a budget that `settings` (default: the store's) has raised since."""
        return bool(self.seen_among([source_key], settings))

    def seen_among(self, source_keys: Sequence[str], settings: Settings | None = None) -> set[str]:
        """The keys among these that `seen` is true of (one query for a turn's documents)."""
        return self._seen(list(source_keys), settings or self.settings)

    def seen_keys(self, settings: Settings | None = None) -> set[str]:
        """Every source key `seen` is true of (read once at the start of a run)."""
        return self._seen(None, settings or self.settings)

    def _seen(self, only: list[str] | None, settings: Settings) -> set[str]:
        from detente.budget import OVER_TIME, TOO_LONG, raised_since

        only_sql, only_params = ("", []) if only is None else (" AND list_contains(?, s.source_key)", [only])
        over = "(starts_with(s.reason, ?) OR starts_with(s.reason, ?))"
        keys = {row[0] for row in self.con.execute(
            f"SELECT s.source_key FROM sources s WHERE NOT coalesce(starts_with(s.reason, ?) OR {over}, false)"
            + only_sql, [INTERNAL_ERROR, OVER_TIME, TOO_LONG] + only_params).fetchall()}
        for key, reason, args in self.con.execute(
                f"SELECT s.source_key, s.reason, r.args FROM sources s LEFT JOIN runs r ON r.run_id = s.run_id "
                f"WHERE {over}" + only_sql, [OVER_TIME, TOO_LONG] + only_params).fetchall():
            try:
                then = json.loads(args or "{}").get("budgets")
            except ValueError:
                then = None
            if not raised_since(reason, then, settings):
                keys.add(key)
        return keys

    # --- what the dedup step reads (it decides duplicates; `write` records its verdict) ----
    def is_kept(self, doc_id: str) -> bool:
        """Is a document with this doc_id kept (stored or near-duplicate; not a rejected one)?"""
        return bool(self.kept_among([doc_id]))

    def kept_among(self, doc_ids: Sequence[str]) -> set[str]:
        """The doc_ids among these that `is_kept` is true of (one query for a turn's documents)."""
        return {row[0] for row in self.con.execute(
            "SELECT doc_id FROM documents WHERE status <> 'rejected' AND list_contains(?, doc_id)",
            [list(doc_ids)]).fetchall()}

    def signature_batches(self, after_seq: int, size: int = 2048) -> Iterator[list[tuple]]:
        """(doc_id, seq, minhash, minhash_scheme, text) of every kept document after `after_seq`,
        in seq order, `size` at a time (never every signature in memory at once); `text` only of
        a document kept without a signature (imported, or written without a verdict)."""
        cursor = self.con.cursor()
        cursor.execute("SELECT doc_id, seq, minhash, minhash_scheme, CASE WHEN minhash IS NULL THEN text END "
                       "FROM documents WHERE status IN ('stored', 'near_duplicate') AND seq > ? "
                       "AND (minhash IS NOT NULL OR coalesce(text, '') <> '') ORDER BY seq", [after_seq])
        try:
            while batch := cursor.fetchmany(size):
                yield batch
        finally:
            cursor.close()

    def signatures(self, doc_ids: Iterable[str]) -> list[tuple[str, bytes | None, str | None]]:
        """(doc_id, minhash, minhash_scheme) of these documents, in seq order."""
        return self.con.execute("SELECT doc_id, minhash, minhash_scheme FROM documents "
                                "WHERE list_contains(?, doc_id) ORDER BY seq", [list(doc_ids)]).fetchall()

    def record_signatures(self, signed: Iterable[tuple[str, bytes, str]]) -> None:
        """Keep the signatures the dedup step made for documents stored without one (one
        transaction: after an import these are many)."""
        self.con.begin()
        try:
            for doc_id, blob, scheme in signed:
                self.con.execute("UPDATE documents SET minhash = ?, minhash_scheme = ? WHERE doc_id = ?",
                                 [blob, scheme, doc_id])
            self.con.commit()
        except BaseException:
            self.con.rollback()
            raise

    def write(self, processed: ProcessedDocument, source_key: str, run_id: str | None = None,
              verdict: DuplicateVerdict | None = None) -> Article:
        """Store one processed document in one transaction; returns it with its final status.

        The status and `duplicate_of` are the dedup step's `verdict` (`detente.dedup`), recorded
        as given. Duplicate: only the source is recorded. Near-duplicate: stored, linked to the
        document it repeats. Rejected: the document row (status and reason, no text) and the
        source. Events, quotes and claims go with stored documents. Without a verdict nothing
        is checked: the article is recorded with the status it has, unsigned (the dedup step
        signs it when it next reads the store) — for callers that know it is new (fixtures).
        """
        return self._write_together([(processed, source_key, verdict)], run_id)[0]

    def write_many(self, items: Iterable[tuple[ProcessedDocument, str, DuplicateVerdict | None]],
                   run_id: str | None = None) -> list[Article]:
        """Store a turn's documents as `write` stores each, in one transaction with one multi-row
        INSERT per table; returns them with their final status, in order.

        Why: DuckDB's cost is per statement far more than per row, and five statements per
        document made the single writer the limit of a many-core ingest (benchmarks/writer.py).
        Where the documents cannot be written together (two rows with one doc_id, or an error),
        each is written on its own, so one bad document costs only itself, as with `write`.
        """
        items = list(items)
        inserted = [p.article.doc_id for p, _, v in items
                    if (v.status if v is not None else p.article.status) not in ("duplicate", "rejected")]
        if len(items) > 1 and len(set(inserted)) == len(inserted):
            try:
                return self._write_together(items, run_id)
            except duckdb.Error:
                pass  # written one by one below, so the error stays with its document
        return [self._write_together([item], run_id)[0] for item in items]

    def _write_together(self, items: list[tuple[ProcessedDocument, str, DuplicateVerdict | None]],
                        run_id: str | None) -> list[Article]:
        keys = [key for _, key, _ in items]
        failed = self._failed_before(keys)
        rejected_keys, rejected_docs = self._rejections_of(keys, [p.article.doc_id for p, _, _ in items])
        articles: list[Article] = []
        forget: list[tuple[str, str]] = []
        documents: list[list[Any]] = []
        coded: dict[str, list[list[Any]]] = {}
        sources: list[list[Any]] = []
        for processed, key, verdict in items:
            article = processed.article
            if verdict is not None:
                article = replace(article, status=verdict.status, duplicate_of=verdict.duplicate_of)
            internal_error = article.status == "rejected" and (article.reason or "").startswith(INTERNAL_ERROR)
            if internal_error and key in failed:
                # retried once and failed again: recorded as a rejection, so no rerun tries it again
                article = replace(article, reason=f"{FAILED_AGAIN} ({article.reason})"[:300])
                internal_error = False
            if article.status != "duplicate" and not internal_error:
                if article.status != "rejected" and (key in rejected_keys or article.doc_id in rejected_docs):
                    forget.append((key, article.doc_id))  # coded now, after a rejection over a budget
                documents.append(self._document_row(article, verdict, run_id))
                if article.status in ("stored", "near_duplicate"):
                    for table, record in processed.coded_records(article):
                        coded.setdefault(table, []).append(_flatten(table, record))
            sources.append([key, article.source_path, article.doc_id, article.status, article.reason,
                            article.duplicate_of, run_id])
            articles.append(article)
        self.con.begin()
        try:
            for key, doc_id in forget:
                self._forget_rejection(key, doc_id)
            self._insert_rows("documents", documents, DOCUMENT_EXTRA)
            for table, rows in coded.items():
                self._insert_rows(table, rows)
            for chunk in _chunks(sources):
                self.con.execute(
                    "INSERT INTO sources (source_key, source_path, doc_id, status, reason, duplicate_of, run_id) "
                    f"VALUES {', '.join(['(?, ?, ?, ?, ?, ?, ?)'] * len(chunk))} ON CONFLICT (source_key) DO UPDATE SET "
                    "source_path = excluded.source_path, doc_id = excluded.doc_id, status = excluded.status, "
                    "reason = excluded.reason, duplicate_of = excluded.duplicate_of, run_id = excluded.run_id, "
                    "seen_at = now()", [v for row in chunk for v in row])
            self.con.commit()
        except BaseException:
            self.con.rollback()
            raise
        return articles

    def _forget_rejection(self, source_key: str, doc_id: str) -> None:
        """Drop the rejected document row this source (or this text) left in an earlier run."""
        previous = self._one("SELECT doc_id FROM sources WHERE source_key = ? AND status = 'rejected'",
                             [source_key])
        for old in {doc_id, previous[0] if previous else doc_id}:
            self.con.execute(
                "DELETE FROM documents WHERE doc_id = ? AND status = 'rejected' AND doc_id NOT IN "
                "(SELECT doc_id FROM sources WHERE doc_id = ? AND source_key <> ? AND status = 'rejected')",
                [old, old, source_key])

    def _rejections_of(self, source_keys: list[str], doc_ids: list[str]) -> tuple[set[str], set[str]]:
        """(sources among these rejected before, documents among these stored as rejections):
        the documents whose earlier rejection a write must forget (usually none)."""
        keys = {row[0] for row in self.con.execute(
            "SELECT source_key FROM sources WHERE status = 'rejected' AND list_contains(?, source_key)",
            [source_keys]).fetchall()}
        docs = {row[0] for row in self.con.execute(
            "SELECT doc_id FROM documents WHERE status = 'rejected' AND list_contains(?, doc_id)",
            [doc_ids]).fetchall()}
        return keys, docs

    def _failed_before(self, source_keys: list[str]) -> set[str]:
        """The sources among these whose last run ended in an internal error."""
        return {row[0] for row in self.con.execute(
            "SELECT source_key FROM sources WHERE list_contains(?, source_key) AND starts_with(reason, ?)",
            [source_keys, INTERNAL_ERROR]).fetchall()}

    @staticmethod
    def _document_row(article: Article, verdict: DuplicateVerdict | None, run_id: str | None) -> list[Any]:
        record = article.to_dict(with_text=False)
        text = "" if article.status == "rejected" else article.text
        # the dedup step signs only documents it keeps, so a rejected one has no signature
        blob, scheme = (None, None) if verdict is None else (verdict.minhash, verdict.minhash_scheme)
        return _flatten("documents", record) + [text, blob, scheme, run_id]

    def _insert_rows(self, table: str, rows: list[list[Any]], extra: Sequence[str] = ()) -> None:
        for chunk in _chunks(rows):
            self.con.execute(_insert_sql(table, extra, rows=len(chunk)), [v for row in chunk for v in row])

    # --- queries -------------------------------------------------------------------------
    def documents(self, with_text: bool = False, status: str | Sequence[str] | None = None,
                  doc_id: str | None = None) -> Rows:
        """Document records (keys of `Article.to_dict`), in ingest order (see `select_documents`)."""
        return self.select_documents(with_text=with_text, status=status, doc_id=doc_id).rows()

    def select_documents(self, with_text: bool = False, status: str | Sequence[str] | None = None,
                         doc_id: str | None = None) -> Selection:
        """Document records (keys of `Article.to_dict`), in ingest order.

        Rejections are listed per source (two empty files are two records with their reasons,
        also inputs that failed before they had a document). Exact duplicates are not documents
        of their own: asking for status "duplicate" lists each duplicate source as a record of
        the document it repeats, with its own source_path.
        """
        statuses = [status] if isinstance(status, str) else list(status or [])
        parts, params = [], []

        def wanted(name: str) -> bool:
            return name in statuses if statuses else name != "duplicate"

        stored = [x for x in (statuses or ["stored", "near_duplicate"]) if x not in ("rejected", "duplicate")]
        if stored:
            sql = (f"SELECT {_select_list('documents', with_text=with_text)}, t.ingested_at AS _at, "
                   "t.seq AS _seq FROM documents t WHERE list_contains(?, t.status)")
            params.append(stored)
            if doc_id:
                sql += " AND starts_with(t.doc_id, ?)"
                params.append(doc_id)
            parts.append(sql)
        for name, join in (("rejected", "LEFT JOIN documents t ON t.doc_id = s.doc_id"),
                           ("duplicate", "JOIN documents t ON t.doc_id = s.duplicate_of")):
            if not wanted(name):
                continue
            overrides = {"doc_id": "s.doc_id", "external_id": "t.external_id" if name == "rejected" else "NULL",
                         "source_path": "s.source_path", "status": "s.status", "reason": "s.reason",
                         "duplicate_of": "s.duplicate_of", "words": "coalesce(t.words, 0)",
                         "truncated": "coalesce(t.truncated, false)",
                         "published_method": "coalesce(t.published_method, 'unknown')",
                         "text": "coalesce(t.text, '')"}
            sql = (f"SELECT {_select_list('documents', with_text=with_text, overrides=overrides)}, "
                   f"s.seen_at AS _at, coalesce(t.seq, 0) AS _seq FROM sources s {join} WHERE s.status = ?")
            params.append(name)
            if doc_id:
                sql += " AND starts_with(s.doc_id, ?)"
                params.append(doc_id)
            parts.append(sql)
        if not parts:
            parts.append(f"SELECT {_select_list('documents', with_text=with_text)}, t.ingested_at AS _at, "
                         "t.seq AS _seq FROM documents t WHERE false")
        union = " UNION ALL ".join(parts)
        return Selection(self, f"SELECT * EXCLUDE (_at, _seq) FROM ({union}) ORDER BY _at, _seq", params)

    def document(self, doc_id: str) -> Article | None:
        """One document with its text; a unique prefix of its doc_id is enough."""
        rows = self.documents(with_text=True, doc_id=doc_id, status=("stored", "near_duplicate", "rejected"))
        rows = list({r["doc_id"]: r for r in reversed(rows.to_dicts())}.values())[::-1]  # one per doc_id
        exact = [r for r in rows if r["doc_id"] == doc_id]
        if exact:
            rows = exact
        if len(rows) > 1:
            raise AmbiguousId(f"{doc_id!r} matches {len(rows)} documents: "
                              + ", ".join(r["doc_id"] for r in rows[:5]))
        return _article(rows[0]) if rows else None

    def describe(self, doc_ids: Iterable[str]) -> dict[str, dict[str, Any]]:
        """doc_id → {source_path, title, status} for a few documents (summaries, links)."""
        ids = list(dict.fromkeys(doc_ids))
        if not ids:
            return {}
        return {r[0]: {"source_path": r[1], "title": r[2], "status": r[3]} for r in self.con.execute(
            "SELECT doc_id, source_path, title, status FROM documents WHERE list_contains(?, doc_id)",
            [ids]).fetchall()}

    def events(self, dyad: Dyad | str | None = None, since: str | None = None, until: str | None = None,
               event_type: str | Sequence[str] | None = None, doc_id: str | None = None,
               doc_ids: Sequence[str] | None = None, outlet: str | None = None) -> Rows:
        """Event records (the design's layout), in ingest order and text order within a document."""
        return self.select_events(dyad=dyad, since=since, until=until, event_type=event_type,
                                  doc_id=doc_id, doc_ids=doc_ids, outlet=outlet).rows()

    def select_events(self, dyad: Dyad | str | None = None, since: str | None = None,
                      until: str | None = None, event_type: str | Sequence[str] | None = None,
                      doc_id: str | None = None, doc_ids: Sequence[str] | None = None,
                      outlet: str | None = None, min_confidence: float | None = None) -> Selection:
        """The events passing every given filter; `outlet` is compared without case."""
        where, params = [], []
        if dyad:
            clause, values = Dyad.parse(dyad, single=True).sql("t.actor_country", "t.recipient_country")
            where.append(clause)
            params.extend(values)
        # an act known only by its report is filtered by its latest day (the publication day)
        self._date_filters(where, params, "coalesce(t.date, t.date_latest)", since, until)
        if event_type:
            types = [event_type] if isinstance(event_type, str) else list(event_type)
            where.append("list_contains(?, t.event_type)")
            params.append([t.upper() for t in types])
        self._doc_filters(where, params, doc_id, doc_ids)
        if outlet:
            where.append("t.doc_id IN (SELECT doc_id FROM documents WHERE lower(outlet) = lower(?))")
            params.append(outlet)
        if min_confidence:
            where.append("t.confidence >= ?")
            params.append(float(min_confidence))
        return self._select("events", where, params)

    def quotes(self, doc_id: str | None = None, doc_ids: Sequence[str] | None = None,
               speaker: str | None = None, since: str | None = None, until: str | None = None) -> Rows:
        """Quote records; `speaker` is a country code (ISO3) or an actor code."""
        return self.select_quotes(doc_id=doc_id, doc_ids=doc_ids, speaker=speaker, since=since,
                                  until=until).rows()

    def select_quotes(self, doc_id: str | None = None, doc_ids: Sequence[str] | None = None,
                      speaker: str | None = None, since: str | None = None,
                      until: str | None = None) -> Selection:
        where, params = [], []
        if speaker:
            where.append("(t.speaker_country = ? OR t.speaker_code = ?)")
            params.extend([speaker.upper(), speaker.upper()])
        self._date_filters(where, params, "t.date", since, until)
        self._doc_filters(where, params, doc_id, doc_ids)
        return self._select("quotes", where, params)

    def claims(self, doc_id: str | None = None, doc_ids: Sequence[str] | None = None,
               measure: str | None = None, unit: str | None = None, subject: str | None = None) -> Rows:
        return self.select_claims(doc_id=doc_id, doc_ids=doc_ids, measure=measure, unit=unit,
                                  subject=subject).rows()

    def select_claims(self, doc_id: str | None = None, doc_ids: Sequence[str] | None = None,
                      measure: str | None = None, unit: str | None = None,
                      subject: str | None = None) -> Selection:
        where, params = [], []
        for column, value in (("measure", measure), ("unit", unit), ("subject", subject)):
            if value:
                where.append(f"t.{column} = ?")
                params.append(value)
        self._doc_filters(where, params, doc_id, doc_ids)
        return self._select("claims", where, params)

    def rejections(self) -> Rows:
        """Every source that was rejected, with its one-line reason and the run that saw it."""
        return self.select_rejections().rows()

    def select_rejections(self) -> Selection:
        return Selection(self, "SELECT source_path, reason, doc_id, run_id, source_key FROM sources "
                               "WHERE status = 'rejected' ORDER BY seen_at, source_path")

    def sources(self) -> Rows:
        return self._rows("SELECT source_key, source_path, doc_id, status, reason, duplicate_of, run_id "
                          "FROM sources ORDER BY seen_at, source_path")

    def counts(self) -> dict[str, int]:
        counts = {t: self._one(f"SELECT count(*) FROM {t}")[0]
                  for t in TABLES + ("sources", "runs")}
        return counts

    def content_version(self) -> tuple:
        """What changes whenever the records change (rows are only ever added): counts and last
        sequence numbers. Answers computed from the records are cached under it."""
        return self._one(
            "SELECT (SELECT count(*) FROM documents), (SELECT max(seq) FROM documents), "
            "(SELECT count(*) FROM events), (SELECT max(seq) FROM events), "
            "(SELECT count(*) FROM quotes), (SELECT count(*) FROM claims), "
            "(SELECT count(*) FROM sources), (SELECT count(*) FROM runs)")

    def status_counts(self) -> dict[str, int]:
        """Documents per status as `documents()` lists them: stored and near-duplicate
        documents, and rejected sources."""
        counts = dict(self.con.execute(
            "SELECT status, count(*) FROM documents WHERE status IN ('stored', 'near_duplicate') "
            "GROUP BY status").fetchall())
        rejected = self._one("SELECT count(*) FROM sources WHERE status = 'rejected'")[0]
        if rejected:
            counts["rejected"] = rejected
        return dict(sorted(counts.items()))

    def dyad_counts(self) -> Selection:
        """Every pair of countries events connect (either direction), with its event and article
        counts per direction and its first and last dates; most events first."""
        return Selection(self, """
            SELECT l || '-' || r AS dyad, count(*) AS n_events, count(DISTINCT doc_id) AS n_articles,
                   count(*) FILTER (WHERE actor_country = l) AS n_forward,
                   count(*) FILTER (WHERE actor_country = r) AS n_backward,
                   min(date) AS first_date, max(date) AS last_date, l, r
            FROM (SELECT least(actor_country, recipient_country) AS l,
                         greatest(actor_country, recipient_country) AS r, actor_country, doc_id, date
                  FROM events WHERE actor_country IS NOT NULL AND recipient_country IS NOT NULL
                  AND actor_country <> recipient_country)
            GROUP BY l, r ORDER BY n_events DESC, dyad""")

    def outlets(self) -> list[str]:
        return [r[0] for r in self.con.execute(
            "SELECT DISTINCT outlet FROM documents WHERE outlet IS NOT NULL ORDER BY outlet").fetchall()]

    def modes(self) -> set[str]:
        return {r[0].lower() for r in self.con.execute(
            "SELECT DISTINCT mode FROM events WHERE mode IS NOT NULL").fetchall()}

    def reader(self) -> Store:
        """Another handle on this read-only connection for one thread (a DuckDB cursor):
        cheap, so a server opens the file once for many concurrent requests."""
        other = object.__new__(Store)
        other.__dict__.update(self.__dict__)
        other.con = self.con.cursor()
        return other

    @staticmethod
    def _date_filters(where: list[str], params: list[Any], column: str,
                      since: str | None, until: str | None) -> None:
        for bound, op in ((since, ">="), (until, "<=")):
            if bound:
                where.append(_date_bound(column, op))
                params.extend([str(bound)] * 3)

    @staticmethod
    def _doc_filters(where: list[str], params: list[Any], doc_id: str | None,
                     doc_ids: Sequence[str] | None) -> None:
        if doc_id:
            where.append("starts_with(t.doc_id, ?)")
            params.append(doc_id)
        if doc_ids is not None:
            where.append("list_contains(?, t.doc_id)")
            params.append(list(doc_ids))

    def _select(self, table: str, where: list[str], params: list[Any]) -> Selection:
        clause = " WHERE " + " AND ".join(where) if where else ""
        return Selection(self, f"SELECT {_select_list(table)} FROM {table} t{clause} ORDER BY t.seq", params,
                         table=table, where=clause)

    # --- model objects for the aggregate stage --------------------------------------------
    def load_events(self, dyad: str | None = None, since: str | None = None, until: str | None = None,
                    event_type: str | Sequence[str] | None = None) -> list[Event]:
        return [Event.from_dict(r) for r in self.events(dyad=dyad, since=since, until=until,
                                                        event_type=event_type)]

    def load_articles(self, with_text: bool = False) -> dict[str, Article]:
        return {r["doc_id"]: _article(r) for r in self.documents(with_text=with_text)}

    def load_quotes(self, doc_ids: Sequence[str] | None = None) -> list[Quote]:
        return [Quote(quote_id=r["quote_id"], doc_id=r["doc_id"], speaker=Actor.from_dict(r["speaker"]),
                      text=r["text"] or "", evidence=_evidence(r["evidence"]), date=r["date"])
                for r in self.quotes(doc_ids=doc_ids)]

    def load_claims(self, doc_ids: Sequence[str] | None = None) -> list[Claim]:
        return [Claim(claim_id=r["claim_id"], doc_id=r["doc_id"], value=r["value"], unit=r["unit"],
                      measure=r["measure"], text=r["text"] or "", evidence=_evidence(r["evidence"]),
                      speaker=Actor.from_dict(r["speaker"]), subject=r["subject"], date=r["date"])
                for r in self.claims(doc_ids=doc_ids)]

    # --- export / import -----------------------------------------------------------------
    def export(self, out: str | os.PathLike, fmt: str = "parquet",
               tables: Sequence[str] = TABLES) -> dict[str, Path]:
        """Write one file per table (`OUT/<table>.<ext>`) in the records' layout; returns the paths.

        Parquet and JSONL keep the nested records (actor, recipient, evidence); CSV flattens
        them into dotted columns, as `--format csv` does everywhere. SQLite writes the CSV's
        columns, typed by the field table, as tables of one file (`OUT/detente.sqlite`).
        """
        if fmt not in FORMATS:
            raise ValueError(f"unknown export format {fmt!r}: use {', '.join(FORMATS)}")
        unknown = [t for t in tables if t not in TABLES]
        if unknown:
            raise ValueError(f"unknown table(s) {', '.join(unknown)}: use {', '.join(TABLES)}")
        folder = Path(out)
        folder.mkdir(parents=True, exist_ok=True)
        written = {}
        for table in tables:
            select = _select_list(table, flat=fmt in ("csv", "sqlite"), with_text=True)
            relation = self.con.sql(f"SELECT {select} FROM {table} t ORDER BY t.seq")
            path = folder / (SQLITE_FILE if fmt == "sqlite" else f"{table}.{fmt}")
            if fmt == "sqlite":
                from detente.store.sqlite import write_table

                columns = flat_fields(table) + ([("text", "string")] if table == "documents" else [])
                reader = relation.to_arrow_reader(batch_size=1000)
                write_table(path, table, columns, (row for batch in reader
                                                   for row in zip(*batch.to_pydict().values(), strict=True)))
            elif fmt == "parquet":
                relation.write_parquet(str(path))
            elif fmt == "csv":
                relation.write_csv(str(path), header=True)
            else:
                with path.open("w", encoding="utf-8") as handle:
                    reader = relation.to_arrow_reader(batch_size=1000)
                    for batch in reader:
                        for record in batch.to_pylist():
                            handle.write(json.dumps(record, ensure_ascii=False, default=str) + "\n")
            written[table] = path
        return written

    def import_parquet(self, folder: str | os.PathLike) -> dict[str, int]:
        """Load `<table>.parquet` files (or `<table>/*.parquet` folders) written with the export
        schema, e.g. by a distributed engine. Idempotent: rows already stored are kept. The
        documents come unsigned: the dedup step signs them when it next reads the store."""
        folder = Path(folder)
        added = {}
        self.con.begin()
        try:
            for table in TABLES:
                if (folder / f"{table}.parquet").exists():
                    source = str(folder / f"{table}.parquet")
                elif (folder / table).is_dir() and any((folder / table).glob("*.parquet")):
                    source = str(folder / table / "*.parquet")
                else:
                    continue
                before = self._one(f"SELECT count(*) FROM {table}")[0]
                expressions = []
                for key, spec in LAYOUTS[table]:
                    if spec is None:
                        expressions.append(_quote_ident(key))
                    else:
                        expressions.extend(f"{_quote_ident(key)}.{_quote_ident(name)}" for name, _ in spec[0])
                columns = _columns_of(table)
                extra_cols, extra_exprs = [], []
                if table == "documents":
                    names = {r[0] for r in self.con.execute(
                        "SELECT name FROM parquet_schema(?)", [source]).fetchall()}
                    if "text" in names:
                        extra_cols, extra_exprs = ["text"], ["text"]
                self.con.execute(
                    f"INSERT INTO {table} ({', '.join(columns + extra_cols)}) "
                    f"SELECT {', '.join(expressions + extra_exprs)} FROM read_parquet(?) "
                    "ON CONFLICT DO NOTHING", [source])
                added[table] = self._one(f"SELECT count(*) FROM {table}")[0] - before
            self.con.commit()
        except BaseException:
            self.con.rollback()
            raise
        return added


def _is_busy(exc: Exception) -> bool:
    return isinstance(exc, StoreBusy)


def _this_process() -> dict[str, Any]:
    import psutil

    return {"pid": os.getpid(), "host": socket.gethostname(),
            "started": psutil.Process().create_time()}


def _run_alive(run_id: str, args: str | None) -> bool:
    """Is the process that started this run still running it?"""
    try:
        process = json.loads(args or "{}").get("process") or {}
    except ValueError:
        return False
    if process.get("pid") == os.getpid() and process.get("host") == socket.gethostname():
        return run_id in _ACTIVE_RUNS
    if process.get("host") != socket.gethostname() or not process.get("pid"):
        return False  # written before runs recorded their process, or on another machine
    import psutil

    try:
        return psutil.Process(int(process["pid"])).create_time() == process.get("started")
    except (psutil.Error, ValueError, TypeError):
        return False


def _evidence(data: dict[str, Any] | None) -> Evidence:
    data = data or {}
    return Evidence(data.get("text") or "", int(data.get("start") or 0), int(data.get("end") or 0))


def _article(record: dict[str, Any]) -> Article:
    values = {key: record.get(key) for key in Article.KEYS}
    values["words"] = int(values["words"] or 0)
    values["truncated"] = bool(values["truncated"])
    values["published_method"] = values["published_method"] or "unknown"
    values["status"] = values["status"] or "stored"
    values["source_path"] = values["source_path"] or ""
    return Article(text=record.get("text") or "", **values)
