"""Renderers of records (dicts) to the CLI's output formats.

Every command builds the same dicts that `--format jsonl` prints; table and CSV are
views of those dicts, never separate extractions.
"""

from __future__ import annotations

import csv
import json
import sys
from collections.abc import Iterable, Sequence
from typing import Any, TextIO


def flatten(record: dict[str, Any], prefix: str = "") -> dict[str, Any]:
    """Nested dicts become dotted columns (actor.code); lists become JSON strings."""
    flat: dict[str, Any] = {}
    for key, value in record.items():
        name = f"{prefix}{key}"
        if isinstance(value, dict):
            flat.update(flatten(value, f"{name}."))
        elif isinstance(value, (list, tuple)):
            flat[name] = json.dumps(value, ensure_ascii=False, default=str)
        else:
            flat[name] = value
    return flat


def union_of_keys(rows: Iterable[dict[str, Any]]) -> list[str]:
    """Every key of every row, in first-seen order: the columns of a table of mixed records."""
    return list(dict.fromkeys(key for row in rows for key in row))


def event_view(record: dict[str, Any]) -> dict[str, Any]:
    """Short derived columns for a terminal: who ("USA>COL") and what ("SANCTION/tariff")."""
    actor, recipient = record.get("actor") or {}, record.get("recipient") or {}
    view = dict(record)
    view["who"] = f"{actor.get('code') or '?'}>{recipient.get('code') or '?'}"
    view["what"] = record["event_type"] + (f"/{record['mode']}" if record.get("mode") else "")
    return view


def write_jsonl(records: Iterable[dict[str, Any]], out: TextIO | None = None) -> int:
    out = out or sys.stdout
    n = 0
    for record in records:
        out.write(json.dumps(record, ensure_ascii=False, default=str) + "\n")
        n += 1
    return n


def write_csv(records: Iterable[dict[str, Any]], out: TextIO | None = None,
              columns: Sequence[str] | None = None) -> int:
    out = out or sys.stdout
    rows = [flatten(r) for r in records]
    columns = list(columns) if columns is not None else union_of_keys(rows)
    writer = csv.DictWriter(out, fieldnames=list(columns), extrasaction="ignore")
    writer.writeheader()
    writer.writerows(rows)
    return len(rows)


def write_table(records: Iterable[dict[str, Any]], columns: Sequence[str], title: str | None = None,
                console=None, max_width: int = 60) -> int:
    from rich.console import Console
    from rich.table import Table

    console = console or Console()
    table = Table(title=title, show_lines=False)
    for column in columns:
        table.add_column(column.split(".")[-1] if "." in column and column.count(".") > 1 else column,
                         overflow="fold", max_width=max_width)
    n = 0
    for record in records:
        flat = flatten(record)
        table.add_row(*["" if flat.get(c) is None else str(flat.get(c)) for c in columns])
        n += 1
    console.print(table)
    return n


def render(records: Iterable[dict[str, Any]], fmt: str, columns: Sequence[str] | None = None,
           title: str | None = None, out: TextIO | None = None) -> int:
    """Write records in `fmt` (table | jsonl | csv | md); returns how many were written."""
    if fmt == "jsonl":
        return write_jsonl(records, out)
    if fmt == "csv":
        return write_csv(records, out, columns)
    if fmt == "table":
        records = list(records)
        if columns is None:
            columns = list(flatten(records[0]).keys()) if records else []
        return write_table(records, columns, title=title)
    if fmt == "md":
        return write_markdown(records, columns, out, title=title)
    raise ValueError(f"unknown format {fmt!r}: use table, jsonl, csv or md")


def _md_cell(value: Any) -> str:
    text = "" if value is None else str(value)
    return text.replace("\\", "\\\\").replace("|", "\\|").replace("\n", " ").replace("<", "&lt;")


def write_markdown(records: Iterable[dict[str, Any]], columns: Sequence[str] | None = None,
                   out: TextIO | None = None, title: str | None = None) -> int:
    """A GitHub-flavoured Markdown table of the flattened records (cells escaped)."""
    out = out or sys.stdout
    rows = [flatten(r) for r in records]
    columns = list(columns) if columns is not None else union_of_keys(rows)
    if title:
        out.write(f"### {_md_cell(title)}\n\n")
    out.write("| " + " | ".join(_md_cell(c) for c in columns) + " |\n")
    out.write("|" + "---|" * len(columns) + "\n")
    for row in rows:
        out.write("| " + " | ".join(_md_cell(row.get(c)) for c in columns) + " |\n")
    return len(rows)
