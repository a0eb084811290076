"""A large detente database made by repeating real documents, for load tests of the API.

    .venv/bin/detente ingest ../shared/corpus/voa/voa_stories.jsonl --db /tmp/voa.duckdb
    .venv/bin/python benchmarks/big_db.py /tmp/voa.duckdb /tmp/big.duckdb --events 300000

Every stored document of SOURCE is copied (in SQL, which is minutes faster than coding the
text again) until the events reach `--events`: copy i gets doc_id `<doc_id>x<i>`, a text
whose first line names the copy (so it is not a duplicate of the original), its own source
row, and copies of the document's events, quotes and claims with ids suffixed the same way.
The records are the real ones, so filters, dyads and dates behave as on real data.
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


def build(source: Path, out: Path, target_events: int) -> dict[str, int]:
    shutil.copy(source, out)
    with Store(out) as store:  # opened for writing: migrated to this version's schema
        con = store.con
        n_events = con.execute("SELECT count(*) FROM events").fetchone()[0]
        copies = max(0, math.ceil(target_events / max(n_events, 1)) - 1)
        con.execute("CREATE TEMP TABLE copy_numbers AS SELECT range AS i FROM range(1, ?)", [copies + 1])
        doc_columns = [c for c in _columns_of("documents") if c not in ("doc_id", "text")]
        con.begin()
        con.execute(
            f"INSERT INTO documents (doc_id, text, {', '.join(doc_columns)}) "
            f"SELECT d.doc_id || 'x' || c.i, 'copy ' || c.i || chr(10) || d.text, "
            f"{', '.join('d.' + col for col in doc_columns)} "
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
                f"{', '.join('t.' + col for col in columns)} "
                f"FROM {table} t JOIN documents d ON d.doc_id = t.doc_id, copy_numbers c "
                "WHERE d.status IN ('stored', 'near_duplicate') ORDER BY c.i, t.seq")
        con.commit()
        con.execute("CHECKPOINT")
        return store.counts()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("source", type=Path, help="A detente database of real documents.")
    parser.add_argument("out", type=Path, help="The database to write (overwritten).")
    parser.add_argument("--events", type=int, default=300_000, help="Events to reach at least.")
    args = parser.parse_args()
    started = time.perf_counter()
    counts = build(args.source, args.out, args.events)
    print(f"{args.out}: {counts} in {time.perf_counter() - started:.1f} s")


if __name__ == "__main__":
    main()
