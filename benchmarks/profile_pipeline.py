"""Where the time of stages 1-4 goes, per parse mode, on real texts.

    .venv/bin/python benchmarks/profile_pipeline.py [-n 270] [--parse all candidates] [--bare]
    .venv/bin/python benchmarks/profile_pipeline.py --profiler pyinstrument|cprofile [--top 14]

Default (`--profiler stages`): the wall time of each spaCy component and of each detente stage
(cleaning, the first pass, joining, coding), every one timed on its own (a component's input
is drawn before its clock starts, so nothing is counted twice), with `--bare` the same for
bare `nlp.pipe` over the texts as detente cleaned them. This is the profile to compare with bare
spaCy: the statistical components are compiled code, which the Python profilers misplace
(pyinstrument puts Cython time at the thread's root; cProfile's per-call hooks slow the
Python-heavy coder relative to the compiled model). `--profiler pyinstrument` (sampling) and
`--profiler cprofile` print the functions with the most time inside cleaning and coding: the
view for work on detente's own Python code. A function's time is counted once per call stack.
"""

from __future__ import annotations

import argparse
import cProfile
import pstats
import subprocess
import sys
import time
from collections import defaultdict
from dataclasses import replace
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from real_corpus import records  # noqa: E402

from detente.config import Settings  # noqa: E402
from detente.pipeline import Pipeline, raw_from_string  # noqa: E402

WATCH = ("pipeline.py", "candidates.py", "events/coder.py", "events/learned.py", "clean/__init__.py",
         "component.py", "language.py", "trainable_pipe", "tok2vec", "parser", "tagger", "ner", "lemmatizer",
         "attributeruler", "senter", "tokenizer", "from_docs")
NAMES = ("__call__", "pipe", "predict", "set_annotations")


def watched(file: str, name: str) -> bool:
    return any(w in file for w in WATCH) or name in NAMES


def label(file: str, line: int, name: str) -> str:
    return f"{Path(file).parent.name}/{Path(file).name}:{line}({name})"


def pyinstrument_rows(run) -> tuple[float, list[tuple[float, str]]]:
    """(total seconds, [(seconds, function)]) from a pyinstrument session of `run()`."""
    from pyinstrument import Profiler

    profiler = Profiler(interval=0.002)
    profiler.start()
    run()
    profiler.stop()
    session = profiler.last_session
    totals: dict[str, float] = defaultdict(float)

    def walk(frame, on_stack: frozenset[str]) -> None:
        key = label(frame.file_path or "", frame.line_no or 0, frame.function or "")
        inside = on_stack
        if watched(frame.file_path or "", frame.function or "") and key not in on_stack:
            totals[key] += frame.time
            inside = on_stack | {key}
        for child in frame.children:
            walk(child, inside)

    root = session.root_frame()
    walk(root, frozenset())
    return session.duration, sorted(((t, k) for k, t in totals.items()), reverse=True)


def cprofile_rows(run) -> tuple[float, list[tuple[float, str]]]:
    profile = cProfile.Profile()
    start = time.perf_counter()
    profile.enable()
    run()
    profile.disable()
    total = time.perf_counter() - start
    stats = pstats.Stats(profile)
    rows = [(cumulative, label(file, line, name))
            for (file, line, name), (_, _, _, cumulative, _) in stats.stats.items()  # type: ignore[attr-defined]
            if watched(file, name)]
    return total, sorted(rows, reverse=True)


class _Timed:
    """A pipeline component (or any callable with `pipe`) whose own time goes to `clock[name]`."""

    def __init__(self, name: str, proc, clock: dict[str, float]):
        self.name, self.proc, self.clock = name, proc, clock

    def __call__(self, doc):
        start = time.perf_counter()
        out = self.proc(doc)
        self.clock[self.name] += time.perf_counter() - start
        return out

    def pipe(self, docs, batch_size: int = 128, **kwargs):
        docs = list(docs)  # the components before this one run (and are timed) first
        start = time.perf_counter()
        if hasattr(self.proc, "pipe"):
            out = list(self.proc.pipe(docs, batch_size=batch_size))
        else:
            out = [self.proc(doc) for doc in docs]
        self.clock[self.name] += time.perf_counter() - start
        yield from out

    def __getattr__(self, name: str):
        return getattr(self.proc, name)


def _timed_method(owner, name: str, label_: str, clock: dict[str, float]) -> None:
    original = getattr(owner, name)

    def timed(*args, **kwargs):
        start = time.perf_counter()
        try:
            return original(*args, **kwargs)
        finally:
            clock[label_] += time.perf_counter() - start

    setattr(owner, name, timed)


def stage_rows(pipeline: Pipeline, texts: list[str]) -> tuple[float, list[tuple[float, str]], dict]:
    """Exclusive wall time per spaCy component and detente stage of one run over `texts`."""
    clock: dict[str, float] = defaultdict(float)
    nlp = pipeline.nlp
    list(pipeline.process([raw_from_string(t) for t in texts[:3]]))  # loads the candidate parser
    saved = list(nlp._components)  # spaCy keeps (name, component) pairs here; restored below
    nlp._components = [(name, _Timed(f"spaCy {name}", proc, clock)) for name, proc in saved]
    candidates = pipeline._candidates
    try:
        _timed_method(pipeline, "clean", "detente cleaning", clock)
        _timed_method(pipeline, "_code", "detente coder", clock)
        if candidates is not None:
            candidates.actors = _Timed("detente actors (first pass, join)", candidates.actors, clock)
            if candidates.senter is not None:
                candidates.senter = _Timed("spaCy senter (first pass)", candidates.senter, clock)
            import detente.events.candidates as module

            _timed_method(module, "_concat", "detente runs: Docs made and joined", clock)
            _timed_method(module._Tokens, "piece", "detente runs: Docs made and joined", clock)
            tokenizer = nlp.tokenizer

            class _Tokenizer:
                def pipe(self, texts, batch_size: int = 32):
                    texts = list(texts)
                    start = time.perf_counter()
                    out = list(tokenizer.pipe(texts, batch_size=batch_size))
                    clock["spaCy tokenizer (first pass)"] += time.perf_counter() - start
                    yield from out

                def __call__(self, text):
                    return tokenizer(text)

            first_pass = candidates.first_pass

            def timed_first_pass(texts, batch_size):
                nlp.tokenizer = _Tokenizer()
                try:
                    yield from first_pass(texts, batch_size)
                finally:
                    nlp.tokenizer = tokenizer

            candidates.first_pass = timed_first_pass
        start = time.perf_counter()
        events = sum(len(d.coded.events) for d in pipeline.process([raw_from_string(t) for t in texts]) if d.coded)
        total = time.perf_counter() - start
    finally:
        nlp._components = saved
    stats = dict(candidates.stats) if candidates is not None else {}
    stats["events"] = events
    return total, sorted(((t, k) for k, t in clock.items()), reverse=True), stats


def bare_rows(pipeline: Pipeline, texts: list[str]) -> tuple[float, list[tuple[float, str]], dict]:
    """The same for bare `nlp.pipe` (the model as shipped, no detente) over the cleaned texts."""
    from throughput import bare_model

    cleaned = [a.text for a in (pipeline.clean(raw_from_string(t)) for t in texts) if a.is_codable]
    _, nlp = bare_model(pipeline.settings)
    list(nlp.pipe(cleaned[:3]))
    clock: dict[str, float] = defaultdict(float)
    nlp._components = [(name, _Timed(f"spaCy {name}", proc, clock)) for name, proc in nlp._components]
    start = time.perf_counter()
    tokens = sum(len(doc) for doc in nlp.pipe(cleaned, batch_size=pipeline.settings.batch_size))
    total = time.perf_counter() - start
    clock["spaCy tokenizer"] = max(0.0, total - sum(clock.values()))  # what is left is the tokenizer's
    return total, sorted(((t, k) for k, t in clock.items()), reverse=True), {"texts": len(cleaned), "tokens": tokens}


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("-n", type=int, default=270)
    parser.add_argument("--parse", nargs="*", default=["all", "candidates"])
    parser.add_argument("--top", type=int, default=14)
    parser.add_argument("--profiler", choices=("stages", "pyinstrument", "cprofile"), default="stages")
    parser.add_argument("--bare", action="store_true", help="also time bare nlp.pipe's components (stages only)")
    args = parser.parse_args(argv)
    texts = [r["text"] for r in records(args.n)]
    if args.profiler == "stages":
        runs = [*(f"parse={mode}" for mode in args.parse), *(["bare"] if args.bare else [])]
        if len(runs) > 1:  # each in a fresh process: the model's caches (lemmas) would favour the later runs
            for run in runs:
                mode = ["--bare", "--parse"] if run == "bare" else ["--parse", run.split("=")[1]]
                subprocess.run([sys.executable, __file__, "-n", str(args.n), *mode], check=True)
            return
        for name in runs:
            if name == "bare" or not args.parse:
                name, (total, rows, stats) = "bare nlp.pipe on the cleaned texts", bare_rows(Pipeline(), texts)
            else:
                total, rows, stats = stage_rows(Pipeline(replace(Settings.load(), parse=args.parse[0])), texts)
            print(f"\n{name}: {args.n} texts, {total:.1f} s; {stats}\n")
            print("| seconds | share | stage |\n|---:|---:|---|")
            for seconds, stage in rows:
                print(f"| {seconds:.2f} | {seconds / total:.0%} | {stage} |")
            print(f"| {total - sum(t for t, _ in rows):.2f} | | the rest (reading, batching, records) |")
        return
    for mode in args.parse:
        pipeline = Pipeline(replace(Settings.load(), parse=mode))
        list(pipeline.process([raw_from_string(t) for t in texts[:5]]))

        def run(pipeline=pipeline) -> None:
            list(pipeline.process([raw_from_string(t) for t in texts]))

        total, rows = (pyinstrument_rows if args.profiler == "pyinstrument" else cprofile_rows)(run)
        rows = [(seconds, name) for seconds, name in rows if not name.startswith("benchmarks/")]
        print(f"\nparse={mode}: {args.n} texts, {total:.1f} s under {args.profiler}\n")
        print("| seconds | share | function |\n|---:|---:|---|")
        for seconds, name in rows[:args.top]:
            print(f"| {seconds:.1f} | {seconds / total:.0%} | `{name}` |")


if __name__ == "__main__":
    main()
