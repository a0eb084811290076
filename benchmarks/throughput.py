"""Throughput of detente's stages 1-4 next to bare spaCy, on the same texts, in one run.

    .venv/bin/python benchmarks/throughput.py [--corpus C.jsonl.gz] [-n 400] [--spark]

Modes, all over the same first `n` articles of the corpus (when none is given: the real-text
corpus of real_corpus.py — VOA stories and extraction-benchmark reference texts, then copies
with a distinct first line — written to a temporary folder for this run):

- `bare nlp.pipe`: `spacy.load(<the model detente uses>).pipe(texts)` — no detente component,
  no cleaning, no coding: the floor detente is measured against.
- `detente in-process`: `Pipeline(settings).process(raws)` — clean + analyse (spaCy with the
  actor component) + code, from the same raw records.
- `detente --workers N`: `detente.engines.local.run` with a process pool of N (pool start and
  each worker's model load included: that is what a user waits for).
- `bare nlp.pipe, n_process=N` (for each N > 1 of `--workers`): spaCy's own process pool over
  the same texts (its start included) — how far this machine's cores scale the model alone, the
  reference for detente's pool in the same run.
- `detente spark local[N]` (`--spark`): `run_spark` on a JSONL file of the same records,
  writing Parquet (JVM start, model loads and the Parquet write included).

Models are loaded (and warmed up on 20 articles) before the in-process timings start. Each mode
runs `--repeat` times and the fastest run counts (the machine is shared and noisy); bare spaCy
and the in-process modes take turns, round by round. Bare runs twice: on the texts as given, and
on the texts detente codes as cleaned (no page in another language, no boilerplate), the
baseline for the parse work alone. Prints a markdown table.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import platform
import shlex
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import replace
from itertools import islice
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from detente.config import DEFAULT_MODELS, Settings  # noqa: E402
from detente.models import RawDocument  # noqa: E402
from detente.read import parse_jsonl_line  # noqa: E402


def load_records(corpus: Path, n: int) -> list[str]:
    opener = gzip.open if corpus.name.endswith(".gz") else open
    with opener(corpus, "rt", encoding="utf-8") as handle:
        return [line for line in islice(handle, n) if line.strip()]


def raws_of(lines: list[str], source: str) -> list[RawDocument]:
    return [parse_jsonl_line(line, f"{source}#L{i + 1}") for i, line in enumerate(lines)]


def bare_model(settings: Settings):
    import spacy

    for name in (settings.model,) if settings.model else DEFAULT_MODELS:
        try:
            return name, spacy.load(name)
        except OSError:
            continue
    raise SystemExit("no spaCy model installed: see detente's README")


def best_of(repeat: int, fn: Callable[[], int]) -> tuple[float, int]:
    """(fastest seconds, what fn returned) over `repeat` runs."""
    best, result = float("inf"), 0
    for _ in range(repeat):
        started = time.perf_counter()
        result = fn()
        best = min(best, time.perf_counter() - started)
    return best, result


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", type=Path, help="JSONL(.gz) corpus (default: generate one)")
    parser.add_argument("-n", type=int, default=400, help="articles to time (default 400)")
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2], help="pool sizes (default 1 2)")
    parser.add_argument("--batch-size", type=int, default=None)
    parser.add_argument("--repeat", type=int, default=1, help="runs per mode; the fastest counts")
    parser.add_argument("--parse", nargs="+", default=["all", "candidates"], choices=("all", "candidates"),
                        help="in-process parse modes to time (the pool runs the last one)")
    parser.add_argument("--pool-only", action="store_true",
                        help="skip the in-process modes (long runs that compare pool sizes)")
    parser.add_argument("--spark", action="store_true", help="also time the spark engine")
    parser.add_argument("--spark-master", default="local[2]")
    parser.add_argument("--json", type=Path, help="also write the results as JSON here")
    args = parser.parse_args(argv)

    from detente.analyse import COMPONENT as ACTORS
    from detente.engines.local import run as local_run
    from detente.events import COMPONENT as EVENTS
    from detente.pipeline import Pipeline

    corpus = args.corpus
    if corpus is None:
        with tempfile.TemporaryDirectory() as tmp:
            corpus = Path(tmp) / f"real-{args.n}.jsonl"
            subprocess.run([sys.executable, str(ROOT / "benchmarks" / "real_corpus.py"), "-n", str(args.n),
                            "-o", str(corpus)], check=True)
            lines = load_records(corpus, args.n)
    else:
        lines = load_records(corpus, args.n)
    n = len(lines)
    settings = Settings.load(batch_size=args.batch_size)
    texts = [json.loads(line)["text"] for line in lines]
    words = sum(len(t.split()) for t in texts)
    rows: list[tuple[str, float, int]] = []

    model_name, nlp = bare_model(settings)

    def bare(processes: int = 1) -> int:
        return sum(1 for _ in nlp.pipe(texts, batch_size=settings.batch_size, n_process=processes))

    pipelines = {mode: Pipeline(replace(settings, parse=mode)) for mode in ([] if args.pool_only else args.parse)}
    found: dict[str, dict[str, set]] = {}
    for pipeline in pipelines.values():
        pipeline.nlp  # noqa: B018 - load the model (and actor dictionaries) before timing

    def in_process(mode: str) -> int:
        events: set = set()
        quotes: set = set()
        for processed in pipelines[mode].process(raws_of(lines, str(corpus))):
            events.update(e.event_id for e in processed.coded.events)
            quotes.update(q.quote_id for q in processed.coded.quotes)
        found[mode] = {"events": events, "quotes": quotes}
        return len(events)

    # Warm up both on the first articles (lazy imports, caches), then time the whole set.
    sum(1 for _ in nlp.pipe(texts[:20]))
    for pipeline in pipelines.values():
        list(pipeline.process(raws_of(lines[:20], str(corpus))))
    def row(label: str, seconds: float, events: int) -> None:
        """Keep a timed mode, and say it on stderr at once: a long run stopped early still
        leaves the modes it finished."""
        rows.append((label, seconds, events))
        print(f"  {time.strftime('%H:%M:%S')} {label}: {seconds:.1f} s, {n / seconds:.2f} docs/s, "
              f"x{rows[0][1] / seconds:.2f} bare, {events} events", file=sys.stderr, flush=True)

    # bare and the in-process modes take turns, round by round (the machine's speed drifts by
    # 10-20 % within minutes: a mode's runs are never all made in one stretch of it)
    modes = [] if args.pool_only else args.parse
    # bare runs on the pipelines' own model object with detente's components switched off: the
    # same weights and vocabulary
    shared = next(iter(pipelines.values())).nlp if pipelines else nlp
    detente_components = [name for name in (ACTORS, EVENTS) if name in shared.pipe_names]
    # detente codes only what cleaning keeps: no page in another language, no boilerplate. Bare
    # over those cleaned texts is the baseline for the parse work alone
    cleaner = next(iter(pipelines.values())) if pipelines else Pipeline(settings)
    cleaned = [a.text for a in map(cleaner.clean, raws_of(lines, str(corpus))) if a.is_codable]

    def bare_on(some: list[str]) -> int:
        with shared.select_pipes(disable=detente_components):
            return sum(1 for _ in shared.pipe(some, batch_size=settings.batch_size))

    timed: dict[str, Callable[[], int]] = {"bare": lambda: bare_on(texts), "bare-cleaned": lambda: bare_on(cleaned),
                                           **{mode: lambda mode=mode: in_process(mode) for mode in modes}}
    labels = {"bare": "bare `nlp.pipe` (same model, no detente)",
              "bare-cleaned": f"bare `nlp.pipe` on the {len(cleaned)} texts detente codes, as cleaned "
                              f"({sum(map(len, cleaned)) / max(1, sum(map(len, texts))):.0%} of the characters)",
              **{mode: f"detente in-process (clean + analyse + code), parse={mode}" for mode in modes}}
    best: dict[str, tuple[float, int]] = {}
    for round_ in range(1, args.repeat + 1):
        spent = {}
        for key, fn in timed.items():
            started = time.perf_counter()
            result = fn()
            spent[key] = time.perf_counter() - started
            if key not in best or spent[key] < best[key][0]:
                best[key] = (spent[key], result)
        print(f"  {time.strftime('%H:%M:%S')} round {round_}: " + ", ".join(
            f"{key} {seconds:.1f} s (x{spent['bare'] / seconds:.2f})" for key, seconds in spent.items()),
            file=sys.stderr, flush=True)
    for key, label in labels.items():
        row(label, best[key][0], best[key][1] if key in modes else 0)
    for workers in args.workers:
        pooled = replace(settings, workers=workers, parse=args.parse[-1])

        def local(pooled=pooled) -> int:
            return sum(len(p.coded.events) for p in local_run(raws_of(lines, str(corpus)), pooled))

        seconds, events = best_of(args.repeat, local)
        row(f"detente `engines.local.run`, workers={workers}, parse={args.parse[-1]}", seconds, events)
        if workers > 1:
            seconds, _ = best_of(args.repeat, lambda workers=workers: bare(workers))
            row(f"bare `nlp.pipe`, n_process={workers} (spaCy's pool, its start included)", seconds, 0)
    if args.spark:
        try:
            from detente.engines.spark import run_spark
        except ImportError as exc:
            print(f"spark engine not available: {exc}", file=sys.stderr)
        else:
            with tempfile.TemporaryDirectory() as tmp:
                subset = Path(tmp) / "subset.jsonl"
                subset.write_text("".join(lines), encoding="utf-8")
                counter = iter(range(args.repeat))

                def spark() -> int:
                    counts = run_spark([str(subset)], f"{tmp}/out-{next(counter)}", settings,
                                       master=args.spark_master)
                    return counts["events"]

                seconds, events = best_of(args.repeat, spark)
                row(f"detente spark `{args.spark_master}` (incl. JVM start, Parquet write)", seconds, events)

    bare_rate = n / rows[0][1]
    command = "python " + " ".join(shlex.quote(a) for a in [os.path.relpath(__file__, ROOT)] + sys.argv[1:])
    print(f"\n`{command}`  \n{n} articles ({words} words) from {corpus.name}; model {model_name}; "
          f"batch_size {settings.batch_size}; {os.cpu_count()} cores; Python {platform.python_version()}; "
          f"best of {args.repeat}\n")
    # the second ratio: to bare over the cleaned texts (the parse work alone)
    cleaned_seconds = best["bare-cleaned"][0]
    print("| mode | seconds | docs/s | × bare nlp.pipe | × bare on the cleaned texts | events |")
    print("|---|---:|---:|---:|---:|---:|")
    for label, seconds, events in rows:
        rate = n / seconds
        cleaned_ratio = f"{cleaned_seconds / seconds:.2f}" if "n_process" not in label else ""
        print(f"| {label} | {seconds:.1f} | {rate:.1f} | {rate / bare_rate:.2f} | {cleaned_ratio} | {events or ''} |")
    if len(found) == 2:
        a, b = (found[m] for m in args.parse)
        for what in ("events", "quotes"):
            print(f"\n{what}: {len(a[what])} with parse={args.parse[0]}, {len(b[what])} with "
                  f"parse={args.parse[1]}, {len(a[what] & b[what])} in both", end="")
        print()
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps({"command": command, "n": n, "words": words, "model": model_name,
                                         "rows": [{"mode": m, "seconds": s, "docs_per_s": n / s, "events": e}
                                                  for m, s, e in rows]}, indent=2))


if __name__ == "__main__":
    main()
