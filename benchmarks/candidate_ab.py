"""Time one parse mode in-process and fingerprint its output, to compare two trees of detente.

    .venv/bin/python benchmarks/real_corpus.py -n 270 -o /tmp/real270.jsonl
    cd /tmp && PYTHONPATH=/path/to/tree python /path/to/benchmarks/candidate_ab.py /tmp/real270.jsonl \\
        [-n 270] [--parse candidates]

Prints the tree it imported detente from, the seconds `Pipeline.process` took over the texts
(model loaded and warmed up on 10 texts first), the number of events, and a hash of every
event and quote: a speed change that changes no output gives the same hash on both trees.
Run the trees alternately (before, after, before, after) — the machine is noisy.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import time
from dataclasses import asdict, replace
from pathlib import Path

import detente  # from PYTHONPATH (or the installed one): the tree under test
from detente.config import Settings
from detente.pipeline import Pipeline


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("corpus", type=Path, help="JSONL of records with a `text` (real_corpus.py)")
    parser.add_argument("-n", type=int, default=270)
    parser.add_argument("--parse", default="candidates", choices=("all", "candidates"))
    args = parser.parse_args(argv)
    # imported after detente: throughput puts this checkout first on sys.path, and the tree
    # under test (PYTHONPATH) must stay the one imported
    from throughput import load_records, raws_of

    lines = load_records(args.corpus, args.n)
    pipeline = Pipeline(replace(Settings.load(), parse=args.parse))
    list(pipeline.process(raws_of(lines[:10], "warm-up")))
    started = time.perf_counter()
    digest, events = hashlib.sha256(), 0
    for processed in pipeline.process(raws_of(lines, str(args.corpus))):
        for record in [*processed.coded.events, *processed.coded.quotes]:
            digest.update(json.dumps(asdict(record), sort_keys=True, default=str).encode())
        events += len(processed.coded.events)
    seconds = time.perf_counter() - started
    print(f"{Path(detente.__file__).parent.parent} parse={args.parse} {len(lines)} texts: {seconds:.1f} s, "
          f"{events} events, output {digest.hexdigest()[:12]}")


if __name__ == "__main__":
    main()
