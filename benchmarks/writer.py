"""How fast the single store writer takes coded documents — the limit of a many-core ingest.

    .venv/bin/python benchmarks/real_corpus.py -n 540 -o /tmp/real540.jsonl
    .venv/bin/python benchmarks/writer.py /tmp/real540.jsonl [-n 540]

Codes the texts first (not timed), then times `detente ingest`'s write path alone into a new
database: the dedup verdict (`Deduplicator.verdict`: MinHash signature, LSH query) and
`Store.write_many`, in turns of `batch_size` documents as an ingest takes them
(`--one-by-one`: `verdict` and `Store.write` per document, as ingest wrote before). Documents per second
here is the most a single writer takes, whatever the number of coding workers.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from throughput import load_records, raws_of  # noqa: E402 - the corpus as the throughput runs read it

from detente.config import Settings  # noqa: E402
from detente.dedup import Deduplicator  # noqa: E402
from detente.pipeline import Pipeline  # noqa: E402
from detente.store import Store  # noqa: E402


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("corpus", type=Path, help="JSONL of records with a `text` (real_corpus.py)")
    parser.add_argument("-n", type=int, default=540)
    parser.add_argument("--one-by-one", action="store_true",
                        help="each document's verdict and write on its own (Store.write), as before write_many")
    args = parser.parse_args(argv)
    settings = replace(Settings.load(), parse="candidates")
    raws = raws_of(load_records(args.corpus, args.n), str(args.corpus))
    started = time.perf_counter()
    processed = list(Pipeline(settings).process(raws))
    print(f"coded {len(processed)} documents in {time.perf_counter() - started:.1f} s (not part of the timing)")
    with tempfile.TemporaryDirectory() as tmp:
        store = Store(Path(tmp) / "writer.duckdb", settings=settings)
        run_id = store.start_run({"benchmark": "writer"})
        store.release()
        dedup = Deduplicator(store)
        started, verdicts = time.perf_counter(), 0.0
        for first in range(0, len(processed), settings.batch_size):
            turn = processed[first:first + settings.batch_size]
            with store.turn():
                if args.one_by_one:
                    for k, document in enumerate(turn):
                        before = time.perf_counter()
                        verdict = dedup.verdict(document.article)
                        verdicts += time.perf_counter() - before
                        store.write(document, f"writer-{first + k}", run_id=run_id, verdict=verdict)
                    continue
                before = time.perf_counter()
                turn_verdicts = dedup.verdicts(document.article for document in turn)
                verdicts += time.perf_counter() - before
                store.write_many(((document, f"writer-{first + k}", verdict)
                                  for k, (document, verdict) in enumerate(zip(turn, turn_verdicts, strict=True))),
                                 run_id=run_id)
        seconds = time.perf_counter() - started
        with store.turn():
            counts = store.counts()
        store.close()
    print(f"wrote {len(processed)} documents in {seconds:.1f} s: {len(processed) / seconds:.1f} documents/s "
          f"(dedup verdicts {verdicts:.1f} s, Store.write {seconds - verdicts:.1f} s); "
          f"{counts['events']} events, {counts['quotes']} quotes, {counts['claims']} claims")


if __name__ == "__main__":
    main()
