"""Where the time of stages 1-4 goes: cProfile of `Pipeline.process` on real texts, per parse mode.

    .venv/bin/python benchmarks/profile_pipeline.py [-n 60] [--parse all candidates] [--top 12]

Runs each mode over the same first `n` texts of the real-text corpus (real_corpus.py) after a
warm-up, and prints the functions with the most cumulative time inside spaCy components,
cleaning and coding (a table per mode), so the shares can be compared side by side.
"""

from __future__ import annotations

import argparse
import cProfile
import io
import pstats
import sys
from dataclasses import replace
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from real_corpus import records  # noqa: E402

from detente.config import Settings  # noqa: E402
from detente.pipeline import Pipeline, raw_from_string  # noqa: E402

WATCH = ("pipeline.py", "candidates.py", "events/coder.py", "clean/__init__.py", "component.py",
         "language.py", "trainable_pipe", "tok2vec", "parser", "tagger", "ner", "lemmatizer",
         "attributeruler", "senter", "tokenizer", "from_docs")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("-n", type=int, default=60)
    parser.add_argument("--parse", nargs="+", default=["all", "candidates"])
    parser.add_argument("--top", type=int, default=12)
    args = parser.parse_args(argv)
    texts = [r["text"] for r in records(args.n)]
    for mode in args.parse:
        pipeline = Pipeline(replace(Settings.load(), parse=mode))
        list(pipeline.process([raw_from_string(t) for t in texts[:5]]))
        profile = cProfile.Profile()
        profile.enable()
        list(pipeline.process([raw_from_string(t) for t in texts]))
        profile.disable()
        out = io.StringIO()
        stats = pstats.Stats(profile, stream=out)
        total = stats.total_tt  # type: ignore[attr-defined]
        print(f"\nparse={mode}: {args.n} texts, {total:.1f} s under the profiler\n")
        print("| cumulative s | share | function |\n|---:|---:|---|")
        rows = []
        for (file, line, name), (_, _, _, cumulative, _) in stats.stats.items():  # type: ignore[attr-defined]
            if any(w in file for w in WATCH) or name in ("__call__", "pipe", "predict", "set_annotations"):
                rows.append((cumulative, f"{Path(file).parent.name}/{Path(file).name}:{line}({name})"))
        for cumulative, label in sorted(rows, reverse=True)[:args.top]:
            print(f"| {cumulative:.1f} | {cumulative / total:.0%} | `{label}` |")


if __name__ == "__main__":
    main()
