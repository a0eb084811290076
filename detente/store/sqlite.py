"""SQLite files for Datasette and sqlite-utils: the export's tables, typed by the field table.

Datasette opens a SQLite file as it is (`datasette detente.sqlite`); a CSV imported with type
detection would turn `cameo_root` "07" into 7. So `detente export --format sqlite` writes the
flat columns of the CSV export (`actor.name` …) with the field table's types: strings TEXT
(codes keep their leading zero), integers and booleans INTEGER, numbers REAL. Tables computed
in memory (story events, the index) take their types from their values; lists are JSON text.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

SQL_TYPES = {"string": "TEXT", "int32": "INTEGER", "double": "REAL", "bool": "INTEGER"}


def _quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _value(value: Any) -> Any:
    if isinstance(value, (list, tuple, dict)):
        return json.dumps(value, ensure_ascii=False, default=str)
    if isinstance(value, bool):
        return int(value)
    return value


def write_table(path: str | Path, table: str, columns: Sequence[tuple[str, str]],
                rows: Iterable[Sequence[Any]]) -> int:
    """(Re)create `table` in the SQLite file at `path` with `columns` ((name, kind) with the
    field table's kinds) and insert `rows`; returns how many."""
    con = sqlite3.connect(str(path))
    try:
        con.execute(f"DROP TABLE IF EXISTS {_quote(table)}")
        con.execute(f"CREATE TABLE {_quote(table)} ("
                    + ", ".join(f"{_quote(name)} {SQL_TYPES.get(kind, 'TEXT')}" for name, kind in columns) + ")")
        insert = (f"INSERT INTO {_quote(table)} VALUES (" + ", ".join("?" for _ in columns) + ")")
        n = 0
        batch: list[list[Any]] = []
        for row in rows:
            batch.append([_value(v) for v in row])
            if len(batch) >= 1000:
                con.executemany(insert, batch)
                n += len(batch)
                batch = []
        con.executemany(insert, batch)
        n += len(batch)
        con.commit()
    finally:
        con.close()
    return n


def kinds_of(records: Sequence[dict[str, Any]]) -> list[tuple[str, str]]:
    """The columns of flat records (every key, first-seen order) with a kind read from their
    values: bool, int32 (whole numbers), double, else string (lists go in as JSON text)."""
    kinds: dict[str, set[str]] = {}
    for record in records:
        for key, value in record.items():
            seen = kinds.setdefault(key, set())
            if value is None:
                continue
            seen.add("bool" if isinstance(value, bool) else "int32" if isinstance(value, int)
                     else "double" if isinstance(value, float) else "string")
    columns = []
    for key, seen in kinds.items():
        kind = "string"
        if seen == {"bool"}:
            kind = "bool"
        elif seen and seen <= {"int32"}:
            kind = "int32"
        elif seen and seen <= {"int32", "double"}:
            kind = "double"
        columns.append((key, kind))
    return columns
