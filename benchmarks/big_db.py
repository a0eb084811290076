"""A large detente database made by repeating real documents, for load tests of the API.

    .venv/bin/detente ingest ../shared/corpus/voa/voa_stories.jsonl --db /tmp/voa.duckdb
    .venv/bin/python benchmarks/big_db.py /tmp/voa.duckdb /tmp/big.duckdb --events 300000
    .venv/bin/python benchmarks/big_db.py /tmp/voa.duckdb /tmp/spread.duckdb --events 100000 --spread

Every stored document of SOURCE is copied (in SQL, which is minutes faster than coding the
text again) until the events reach `--events`: copy i gets doc_id `<doc_id>x<i>`, a text
whose first line names the copy (so it is not a duplicate of the original), its own source
row, and copies of the document's events, quotes and claims with ids suffixed the same way.
The records are the real ones, so filters, dyads and dates behave as on real data.

New documents for an incremental ingest (story events at scale): `--hold-out K` leaves the
last K documents of SOURCE out of OUT, and `--append N` then adds N documents to an existing
OUT (copies `<doc_id>n<i>` of SOURCE's documents, or with `--hold-out K` of the K held out
only: stories not stored yet):

    .venv/bin/python benchmarks/big_db.py /tmp/voa.duckdb /tmp/big20k.duckdb --events 85000 --hold-out 9
    .venv/bin/python benchmarks/big_db.py /tmp/voa.duckdb /tmp/big20k.duckdb --append 1000 --hold-out 9
"""

from __future__ import annotations

import argparse
import math
import shutil
import time
from pathlib import Path

from detente.store import Store
from detente.store.store import _columns_of

ID_OF = {"events": "event_id", "quotes": "quote_id", "claims": "claim_id"}
DATE_COLUMNS = {"documents": ("published", "published_earliest", "published_latest"),
                "events": ("date", "date_earliest", "date_latest", "published"),
                "quotes": ("date",), "claims": ("date",)}
YEARS_PER_COPY = 4  # a multiple of 4 keeps every 29 February a real day


def _column(table: str, column: str, alias: str, spread: bool) -> str:
    """`alias.column`, or with `spread` the date moved YEARS_PER_COPY years per copy number c.i:
    the copies then tell their own stories, as a long store's history does, instead of joining
    the original's."""
    if not spread or column not in DATE_COLUMNS.get(table, ()):
        return f"{alias}.{column}"
    return (f"CASE WHEN {alias}.{column} IS NULL THEN NULL ELSE lpad(CAST(CAST(substr({alias}.{column}, 1, 4) "
            f"AS INTEGER) + {YEARS_PER_COPY} * c.i AS VARCHAR), 4, '0') || substr({alias}.{column}, 5) END")


STORED = "status IN ('stored', 'near_duplicate')"


def _held_out(con, k: int, schema: str = "") -> list[str]:
    """The doc_ids of the last `k` stored documents (by seq)."""
    return [r[0] for r in con.execute(f"SELECT doc_id FROM {schema}documents WHERE {STORED} ORDER BY seq DESC "
                                      "LIMIT ?", [k]).fetchall()] if k else []


def build(source: Path, out: Path, target_events: int, hold_out: int = 0, spread: bool = False) -> dict[str, int]:
    shutil.copy(source, out)
    with Store(out) as store:  # opened for writing: migrated to this version's schema
        con = store.con
        held = _held_out(con, hold_out)
        if held:
            for table in ("events", "quotes", "claims", "sources", "documents"):
                con.execute(f"DELETE FROM {table} WHERE list_contains(?, doc_id)", [held])
        n_events = con.execute("SELECT count(*) FROM events").fetchone()[0]
        copies = max(0, math.ceil(target_events / max(n_events, 1)) - 1)
        con.execute("CREATE TEMP TABLE copy_numbers AS SELECT range AS i FROM range(1, ?)", [copies + 1])
        doc_columns = [c for c in _columns_of("documents") if c not in ("doc_id", "text")]
        con.begin()
        con.execute(
            f"INSERT INTO documents (doc_id, text, {', '.join(doc_columns)}) "
            f"SELECT d.doc_id || 'x' || c.i, 'copy ' || c.i || chr(10) || d.text, "
            f"{', '.join(_column('documents', col, 'd', spread) for col in doc_columns)} "
            "FROM documents d, copy_numbers c WHERE d.status IN ('stored', 'near_duplicate') "
            "ORDER BY c.i, d.seq")
        con.execute(
            "INSERT INTO sources (source_key, source_path, doc_id, status, reason, duplicate_of, run_id) "
            "SELECT s.source_key || 'x' || c.i, s.source_path, s.doc_id || 'x' || c.i, s.status, s.reason, "
            "s.duplicate_of, s.run_id FROM sources s JOIN documents d ON d.doc_id = s.doc_id, copy_numbers c "
            "WHERE s.status IN ('stored', 'near_duplicate') ORDER BY c.i, d.seq")
        for table, key in ID_OF.items():
            columns = [c for c in _columns_of(table) if c not in ("doc_id", key)]
            con.execute(
                f"INSERT INTO {table} (doc_id, {key}, {', '.join(columns)}) "
                f"SELECT t.doc_id || 'x' || c.i, t.{key} || 'x' || c.i, "
                f"{', '.join(_column(table, col, 't', spread) for col in columns)} "
                f"FROM {table} t JOIN documents d ON d.doc_id = t.doc_id, copy_numbers c "
                "WHERE d.status IN ('stored', 'near_duplicate') ORDER BY c.i, t.seq")
        con.commit()
        con.execute("CHECKPOINT")
        return store.counts()


def append(source: Path, out: Path, n_docs: int, hold_out: int = 0) -> dict[str, int]:
    """Add `n_docs` copies of SOURCE's documents (of the `hold_out` held out, if given) to OUT,
    with their events, quotes and claims, as an ingest would (the stories are left as they are)."""
    with Store(out) as store:
        con = store.con
        con.execute(f"ATTACH '{source}' AS src (READ_ONLY)")
        held = _held_out(con, hold_out, "src.")
        first = con.execute("SELECT count(*) FROM documents WHERE contains(doc_id, 'n')").fetchone()[0]
        # copy i (numbered after those appended before) of the i-th chosen document, cycling
        con.execute(
            "CREATE TEMP TABLE chosen AS SELECT d.doc_id AS old, 'n' || (? + n.i) AS suffix, d.doc_id || suffix AS new, n.i "
            f"FROM range(0, ?) n(i), (SELECT doc_id, row_number() OVER (ORDER BY seq) - 1 AS k, "
            f"count(*) OVER () AS m FROM src.documents WHERE {STORED} "
            "AND (? = 0 OR list_contains(?, doc_id))) d WHERE d.k = n.i % d.m ORDER BY n.i",
            [first, n_docs, len(held), held])
        doc_columns = [c for c in _columns_of("documents") if c not in ("doc_id", "text")]
        con.begin()
        con.execute(
            f"INSERT INTO documents (doc_id, text, {', '.join(doc_columns)}) "
            f"SELECT c.new, 'appended ' || c.new || chr(10) || d.text, {', '.join('d.' + col for col in doc_columns)} "
            "FROM chosen c JOIN src.documents d ON d.doc_id = c.old ORDER BY c.i")
        con.execute(
            "INSERT INTO sources (source_key, source_path, doc_id, status, reason, duplicate_of, run_id) "
            "SELECT s.source_key || c.new, s.source_path, c.new, s.status, s.reason, s.duplicate_of, s.run_id "
            "FROM chosen c JOIN src.sources s ON s.doc_id = c.old ORDER BY c.i")
        for table, key in ID_OF.items():
            columns = [col for col in _columns_of(table) if col not in ("doc_id", key)]
            con.execute(
                f"INSERT INTO {table} (doc_id, {key}, {', '.join(columns)}) "
                f"SELECT c.new, t.{key} || c.suffix, {', '.join('t.' + col for col in columns)} "
                f"FROM chosen c JOIN src.{table} t ON t.doc_id = c.old ORDER BY c.i, t.seq")
        con.commit()
        con.execute("DETACH src")
        con.execute("CHECKPOINT")
        return store.counts()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("source", type=Path, help="A detente database of real documents.")
    parser.add_argument("out", type=Path, help="The database to write (overwritten).")
    parser.add_argument("--events", type=int, default=300_000, help="Events to reach at least.")
    parser.add_argument("--hold-out", type=int, default=0, help="Leave SOURCE's last K documents out "
                        "(with --append: copy only those).")
    parser.add_argument("--spread", action="store_true", help=f"Move copy i's dates {YEARS_PER_COPY}·i years "
                        "later, so that the copies make stories of their own (not the original's).")
    parser.add_argument("--append", type=int, help="Add this many documents to an existing OUT instead.")
    args = parser.parse_args()
    started = time.perf_counter()
    if args.append:
        counts = append(args.source, args.out, args.append, args.hold_out)
    else:
        counts = build(args.source, args.out, args.events, args.hold_out, args.spread)
    print(f"{args.out}: {counts} in {time.perf_counter() - started:.1f} s")


if __name__ == "__main__":
    main()
