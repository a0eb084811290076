"""How long the timeline takes on large databases: the merge alone and `detente timeline` end to end.

    .venv/bin/detente ingest ../shared/corpus/voa/voa_stories.jsonl --db /tmp/voa.duckdb
    .venv/bin/python benchmarks/big_db.py /tmp/voa.duckdb /tmp/big100000.duckdb --events 100000
    .venv/bin/python benchmarks/timeline_scale.py /tmp/big10000.duckdb /tmp/big100000.duckdb \
        [--compare OLD_MERGE.py] [--cli]

For each database: the seconds to load the events and articles, to merge them into story
events (`merge_events`), and with `--compare` the same merge by another version of
`detente/aggregate/merge.py` (e.g. `git show <commit>:detente/aggregate/merge.py > old.py`),
checking that both give the same stories. `--cli` also times `detente timeline --format jsonl`
in a child process (start-up, load, merge and output: what a user waits for).

Stored story events (`detente.aggregate.stories`): `--stored` then makes the stories of each
database as `detente restory` would (all of them, timed), times `detente timeline --format
jsonl` again — now reading the stored stories — and checks its output is the merge's; it
also times one page (the API's default 100) and one dyad. `--refresh` instead times bringing
the stored stories up to date after documents were added (`big_db.py --append`): the part
of an incremental ingest spent on story events, and checks them against the full merge.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import subprocess
import sys
import time
from pathlib import Path

from detente import queries
from detente.aggregate import stories as stored_stories
from detente.aggregate.merge import merge_events
from detente.store import Store


def load_module(path: Path):
    spec = importlib.util.spec_from_file_location("merge_compared", path)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up
    spec.loader.exec_module(module)
    return module


def cli_timeline(db: Path) -> tuple[float, list[dict]]:
    """Seconds `detente timeline --format jsonl` takes in a child process, and its records."""
    started = time.perf_counter()
    out = subprocess.run([sys.executable, "-c", "from detente.cli import main; main()", "timeline", "--db", str(db),
                          "--format", "jsonl"], check=True, stdout=subprocess.PIPE).stdout
    return time.perf_counter() - started, [json.loads(line) for line in out.splitlines() if line.strip()]


def same(records: list[dict], stories) -> bool:
    return records == [json.loads(json.dumps(s.to_dict())) for s in stories]


def refresh(dbs: list[Path]) -> None:
    print("| database | events | new events | events merged again | stories written | refresh (s) "
          "| rebuilt | same stories as the full merge |")
    print("|---|---:|---:|---:|---:|---:|---|---|")
    for db in dbs:
        with Store(db) as store:
            done = stored_stories.refresh(store)
            records = queries.timeline(store, limit=None).items
            events = store.load_events()
            full = merge_events(events, store.load_articles())
        print(f"| {db.name} | {len(events)} | {done.new_events} | {done.merged_events} | {done.stories} "
              f"| {done.seconds:.1f} | {done.rebuilt} | {same(records, full)} |", flush=True)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("dbs", nargs="+", type=Path)
    parser.add_argument("--compare", type=Path, help="another merge.py to time on the same events")
    parser.add_argument("--cli", action="store_true", help="also time `detente timeline` end to end")
    parser.add_argument("--stored", action="store_true", help="then store the stories (restory) and time "
                        "`detente timeline` reading them")
    parser.add_argument("--refresh", action="store_true", help="only time bringing stored stories up to date")
    args = parser.parse_args(argv)
    if args.refresh:
        refresh(args.dbs)
        return
    other = load_module(args.compare) if args.compare else None
    print("| database | events | load (s) | merge (s) | stories |"
          + (" compared merge (s) | same stories |" if other else "") + (" `detente timeline` (s) |" if args.cli else "")
          + (" restory (s) | `detente timeline`, stored (s) | same stories | page of 100 (s) | one dyad (s) |"
             if args.stored else ""))
    print("|---|---:|---:|---:|---:|" + ("---:|---|" if other else "") + ("---:|" if args.cli else "")
          + ("---:|---:|---|---:|---:|" if args.stored else ""))
    for db in args.dbs:
        started = time.perf_counter()
        with Store(db, read_only=True) as store:
            events = store.load_events()
            articles = store.load_articles()
        loaded = time.perf_counter() - started
        started = time.perf_counter()
        stories = merge_events(events, articles)
        merged = time.perf_counter() - started
        row = f"| {db.name} | {len(events)} | {loaded:.1f} | {merged:.1f} | {len(stories)} |"
        if other:
            started = time.perf_counter()
            theirs = other.merge_events(events, articles)
            row += f" {time.perf_counter() - started:.1f} | {[s.to_dict() for s in theirs] == [s.to_dict() for s in stories]} |"
        if args.cli:
            seconds, records = cli_timeline(db)
            row += f" {seconds:.1f} |"
        if args.stored:
            with Store(db) as store:  # opened for writing (migrated if older)
                row += f" {stored_stories.rebuild(store).seconds:.1f} |"
            seconds, records = cli_timeline(db)
            row += f" {seconds:.1f} | {same(records, stories)} |"
            with Store(db, read_only=True) as store:
                started = time.perf_counter()
                queries.timeline(store, limit=100)
                row += f" {time.perf_counter() - started:.2f} |"
                started = time.perf_counter()
                queries.timeline(store, "USA-CHN", limit=None)
                row += f" {time.perf_counter() - started:.2f} |"
        print(row, flush=True)


if __name__ == "__main__":
    main()
