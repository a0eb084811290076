"""One processed document → the rows of the Parquet tables a distributed engine writes.

The tables and their columns are those of `Store.export(..., "parquet")`, so
`Store.import_parquet` reads what an engine writes: records in the design's layout, with the
nested `actor`/`recipient`/`speaker` and `evidence` kept as structs. `COLUMNS` is the schema
(one list per table, in column order); `processed_to_rows` fills it the way `Store.write` fills
its tables: coded items carry their document's id, and an event without its own `external_id`,
`source_path` or `url` inherits the document's.

`rejections` is not a store table: it lists every rejected input with its reason (including
internal errors, which the store would not keep as documents so that a rerun retries them), so
a user of a batch run sees what was left out and why.
"""

from __future__ import annotations

from typing import Any

from detente.models import (
    ACTOR_FIELDS,
    EVIDENCE_FIELDS,
    FIELDS,
    INTERNAL_ERROR,  # the reason prefix of documents a rerun retries
    ProcessedDocument,
)

ACTOR = "actor"  # struct<text, code, country, sector: string>
EVIDENCE = "evidence"  # struct<text: string, start: int32, end: int32>

# (column, type): type is string | int32 | double | bool | actor | evidence — the field table's
# (`detente.models.FIELDS`), plus the document's text and the engines' own rejections table.
COLUMNS: dict[str, list[tuple[str, str]]] = {
    **{table: list(fields) + ([("text", "string")] if table == "documents" else [])
       for table, fields in FIELDS.items()},
    "rejections": [
        ("source_path", "string"), ("doc_id", "string"), ("external_id", "string"),
        ("url", "string"), ("reason", "string"),
    ],
}
TABLES = tuple(COLUMNS)


def processed_to_rows(processed: ProcessedDocument) -> dict[str, list[dict[str, Any]]]:
    """The rows one processed document contributes to each table (every table is a key).

    A stored (or near-duplicate) article gives its document row and its events, quotes and
    claims; a rejected one gives a `rejections` row, plus a document row (status and reason,
    no text) unless it was an internal error. Statuses are the ones `clean` decided: exact
    and near duplicates across the corpus are decided later, when the rows are imported.
    """
    article = processed.article
    rows: dict[str, list[dict[str, Any]]] = {table: [] for table in TABLES}
    internal_error = article.status == "rejected" and (article.reason or "").startswith(INTERNAL_ERROR)
    if article.status == "rejected":
        rows["rejections"].append({"source_path": article.source_path, "doc_id": article.doc_id,
                                   "external_id": article.external_id, "url": article.url,
                                   "reason": article.reason})
    if internal_error:
        return rows
    document = article.to_dict(with_text=True)
    if article.status == "rejected":
        document["text"] = ""
    rows["documents"].append(_conform("documents", document))
    if article.status not in ("stored", "near_duplicate"):
        return rows
    for table, record in processed.coded_records(article):
        rows[table].append(_conform(table, record))
    return rows


def _conform(table: str, record: dict[str, Any]) -> dict[str, Any]:
    """Exactly the table's columns, in order, with values of the column's type."""
    out: dict[str, Any] = {}
    for name, kind in COLUMNS[table]:
        value = record.get(name)
        if value is None:
            out[name] = None
        elif kind == "int32":
            out[name] = int(value)
        elif kind == "double":
            out[name] = float(value)
        elif kind == "bool":
            out[name] = bool(value)
        elif kind == ACTOR:
            out[name] = {key: value.get(key) for key, _ in ACTOR_FIELDS}
        elif kind == EVIDENCE:
            out[name] = {key: int(value.get(key) or 0) if sub == "int32" else value.get(key)
                         for key, sub in EVIDENCE_FIELDS}
        else:
            out[name] = str(value)
    return out


def arrow_schema(table: str):
    """The pyarrow schema of a table (for writers that do not go through Spark)."""
    import pyarrow as pa

    plain = {"string": pa.string(), "int32": pa.int32(), "double": pa.float64(), "bool": pa.bool_()}
    types = {**plain, ACTOR: pa.struct([(key, plain[sub]) for key, sub in ACTOR_FIELDS]),
             EVIDENCE: pa.struct([(key, plain[sub]) for key, sub in EVIDENCE_FIELDS])}
    return pa.schema([(name, types[kind]) for name, kind in COLUMNS[table]])
