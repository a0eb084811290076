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
"""

from __future__ import annotations

import argparse
import importlib.util
import subprocess
import sys
import time
from pathlib import Path

from detente.aggregate.merge import merge_events
from detente.store import Store


def load_module(path: Path):
    spec = importlib.util.spec_from_file_location("merge_compared", path)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up
    spec.loader.exec_module(module)
    return module


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("dbs", nargs="+", type=Path)
    parser.add_argument("--compare", type=Path, help="another merge.py to time on the same events")
    parser.add_argument("--cli", action="store_true", help="also time `detente timeline` end to end")
    args = parser.parse_args(argv)
    other = load_module(args.compare) if args.compare else None
    print("| database | events | load (s) | merge (s) | stories |"
          + (" compared merge (s) | same stories |" if other else "") + (" `detente timeline` (s) |" if args.cli else ""))
    print("|---|---:|---:|---:|---:|" + ("---:|---|" if other else "") + ("---:|" if args.cli else ""))
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
            started = time.perf_counter()
            subprocess.run([sys.executable, "-c", "from detente.cli import main; main()", "timeline", "--db", str(db),
                            "--format", "jsonl"], check=True, stdout=subprocess.DEVNULL)
            row += f" {time.perf_counter() - started:.1f} |"
        print(row, flush=True)


if __name__ == "__main__":
    main()
