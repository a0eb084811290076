"""Renderers of records (dicts): one registry, used by the CLI's `--format` and the API alike.

Every command builds the same dicts that `--format jsonl` prints; table, CSV, Markdown and
PLOVER-JSON are views of those dicts, never separate extractions (trafilatura's and
Datasette's rule). A renderer yields text chunks, so a large answer is written — or streamed
over HTTP — record by record, never held whole; only the terminal table needs every row.
"""

from __future__ import annotations

import csv
import io
import json
import sys
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any, TextIO

from detente.models import flat_fields

Chunks = Callable[[Iterable[dict[str, Any]], Sequence[str] | None, str | None], Iterator[str]]


@dataclass(frozen=True)
class Renderer:
    name: str
    media_type: str
    extension: str
    chunks: Chunks | None  # None: not streamable (the terminal table)
    description: str = ""


RENDERERS: dict[str, Renderer] = {}


def register(name: str, media_type: str, extension: str, description: str = ""):
    """Add a renderer (a generator of text chunks from records) under `name`."""
    def decorate(chunks: Chunks) -> Chunks:
        RENDERERS[name] = Renderer(name, media_type, extension, chunks, description)
        return chunks
    return decorate


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


def flat_columns(table: str) -> list[str]:
    """The dotted columns of a stored table's records, from the field table (CSV headers known
    before the first row, so a CSV can stream)."""
    return [name for name, _ in flat_fields(table)]


def union_of_keys(rows: Iterable[dict[str, Any]]) -> list[str]:
    """Every key of every row, in first-seen order: the columns of a table of mixed records."""
    return list(dict.fromkeys(key for row in rows for key in row))


# the side an event does not have (an act that is news alone has no recipient), as every view
# shows it; "?" is a side that is there but unnamed
NO_SIDE = "—"


def side_name(actor: dict[str, Any] | None) -> str:
    """How a table names an event's side: its canonical name (never the pronoun that mentions
    it), else its code, else its words."""
    if not actor:
        return NO_SIDE
    return actor.get("name") or actor.get("code") or actor.get("text") or "?"


def event_view(record: dict[str, Any]) -> dict[str, Any]:
    """Short derived columns for a terminal: who ("Gustavo Petro > Government (United States)",
    by canonical name) and what ("SANCTION/tariff")."""
    view = dict(record)
    view["who"] = f"{side_name(record.get('actor'))} > {side_name(record.get('recipient'))}"
    view["what"] = record["event_type"] + (f"/{record['mode']}" if record.get("mode") else "")
    return view


@register("jsonl", "application/x-ndjson", "jsonl", "one record per line, as `to_dict()` gives it")
def jsonl_chunks(records, columns=None, title=None) -> Iterator[str]:
    for record in records:
        yield json.dumps(record, ensure_ascii=False, default=str) + "\n"


@register("plover", "application/x-ndjson", "jsonl",
          "event records as PLOVER records (the PLOVER specification's JSON data fields), one per line")
def plover_chunks(records, columns=None, title=None) -> Iterator[str]:
    from detente.present.plover import plover_record

    return jsonl_chunks(plover_record(r) for r in records)


@register("csv", "text/csv", "csv", "flattened records, dotted columns (actor.code)")
def csv_chunks(records, columns=None, title=None) -> Iterator[str]:
    rows: Iterable[dict[str, Any]] = (flatten(r) for r in records)
    if columns is None:  # the header is the union of every row's keys: every row first
        rows = list(rows)
        columns = union_of_keys(rows)
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=list(columns), extrasaction="ignore")
    writer.writeheader()
    for row in rows:
        writer.writerow(row)
        if buffer.tell() > 65536:
            yield buffer.getvalue()
            buffer.seek(0)
            buffer.truncate()
    yield buffer.getvalue()


def _md_cell(value: Any) -> str:
    text = "" if value is None else str(value)
    return text.replace("\\", "\\\\").replace("|", "\\|").replace("\n", " ").replace("<", "&lt;")


@register("md", "text/markdown", "md", "a GitHub-flavoured Markdown table (cells escaped)")
def markdown_chunks(records, columns=None, title=None) -> Iterator[str]:
    rows: Iterable[dict[str, Any]] = (flatten(r) for r in records)
    if columns is None:
        rows = list(rows)
        columns = union_of_keys(rows)
    if title:
        yield f"### {_md_cell(title)}\n\n"
    yield "| " + " | ".join(_md_cell(c) for c in columns) + " |\n"
    yield "|" + "---|" * len(columns) + "\n"
    for row in rows:
        yield "| " + " | ".join(_md_cell(row.get(c)) for c in columns) + " |\n"


RENDERERS["table"] = Renderer("table", "text/plain", "txt", None, "a table for the terminal (rich)")
FORMATS = tuple(RENDERERS)


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


def write_file(records: Iterable[dict[str, Any]], path, fmt: str, columns: Sequence[str] | None = None) -> int:
    """Write records to a file: Parquet (nested records as structs, lists as lists, via Arrow)
    or any streamable renderer; returns how many were written. For records computed in memory
    (story events, index rows, contradictions); stored tables are exported by the store."""
    if fmt == "parquet":
        import pyarrow as pa
        import pyarrow.parquet as pq

        rows = list(records)
        pq.write_table(pa.Table.from_pylist(rows) if rows else pa.table({c: [] for c in columns or []}), str(path))
        return len(rows)
    with open(path, "w", encoding="utf-8", newline="") as handle:
        return render(records, fmt, columns=columns, out=handle)


def stream(records: Iterable[dict[str, Any]], fmt: str, columns: Sequence[str] | None = None,
           title: str | None = None) -> Iterator[str]:
    """The text chunks of `records` in `fmt` (any streamable renderer)."""
    renderer = RENDERERS.get(fmt)
    if renderer is None or renderer.chunks is None:
        usable = ", ".join(n for n, r in RENDERERS.items() if r.chunks is not None)
        raise ValueError(f"unknown format {fmt!r}: use {usable}")
    return renderer.chunks(records, columns, title)


def render(records: Iterable[dict[str, Any]], fmt: str, columns: Sequence[str] | None = None,
           title: str | None = None, out: TextIO | None = None) -> int:
    """Write records in `fmt` (a registered renderer); returns how many were written."""
    if fmt not in RENDERERS:
        raise ValueError(f"unknown format {fmt!r}: use {', '.join(FORMATS)}")
    count = [0]

    def counted(items):
        for item in items:
            count[0] += 1
            yield item

    if fmt == "table":
        records = list(records)
        if columns is None:
            columns = list(flatten(records[0]).keys()) if records else []
        return write_table(records, columns, title=title)
    out = out or sys.stdout
    for chunk in stream(counted(records), fmt, columns, title):
        out.write(chunk)
    return count[0]
