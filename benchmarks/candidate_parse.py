"""The parse stage alone: the model's `nlp.pipe` against the candidate parser, same texts, same run.

    .venv/bin/python benchmarks/candidate_parse.py [-n 270]

Over the first `n` texts of the real-text corpus (real_corpus.py): seconds of
`load_nlp(settings).pipe(texts)` (the whole model with detente's actor component) and of
`CandidateParser(nlp).pipe(texts)`, the share of sentences and tokens the second parsed, and
whether both found the same actor mentions. No cleaning and no coding: what candidate parsing
saves of the model's own time.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from real_corpus import records  # noqa: E402

from detente.analyse import SPANS_KEY, load_nlp  # noqa: E402
from detente.config import Settings  # noqa: E402
from detente.events.candidates import CandidateParser  # noqa: E402


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("-n", type=int, default=270)
    args = parser.parse_args(argv)
    texts = [r["text"] for r in records(args.n)]
    nlp = load_nlp(Settings.load())
    candidates = CandidateParser(nlp)
    list(nlp.pipe(texts[:3]))
    list(candidates.pipe(texts[:3]))
    candidates.stats = dict.fromkeys(candidates.stats, 0)
    started = time.perf_counter()
    full = list(nlp.pipe(texts))
    whole = time.perf_counter() - started
    started = time.perf_counter()
    part = list(candidates.pipe(texts))
    selective = time.perf_counter() - started
    stats = candidates.stats
    same = [[(s.start_char, s.end_char) for s in d.spans[SPANS_KEY]] for d in full] == \
        [[(s.start_char, s.end_char) for s in d.spans[SPANS_KEY]] for d in part]
    print(f"{len(texts)} texts: nlp.pipe {whole:.1f} s, candidate parser {selective:.1f} s, "
          f"×{whole / selective:.2f}; candidates {stats['candidates']}/{stats['sentences']} sentences, "
          f"{stats['parsed_tokens'] / max(1, stats['tokens']):.0%} of tokens parsed; same actor mentions: {same}")


if __name__ == "__main__":
    main()
