#!/usr/bin/env python3
"""Actor recognition on the plover-train TRAIN split and the actor component's cost on VOA.

    python scripts/measure_actor_coverage.py [--without-base]

Why: the PETRARCH2-derived actor files (detente/data/petrarch2/) are meant to widen recognition
without hurting precision or speed; this prints the share of marked sources and targets that some
actor mention overlaps (word overlap of 3+ letter words, as ../shared/benchmarks/plover-test/score.py
counts), the component's CPU time per VOA story, the dictionary and matcher build time, and writes
the VOA mentions to a JSON file for reading the difference. `--without-base` measures detente's
curated files alone. Only the train side of the split is read (detente.devsets).
"""

from __future__ import annotations

import argparse
import collections
import json
import re
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
import detente.analyse.actors as actors_module  # noqa: E402

STOP = {"the", "of", "and", "a", "an", "in", "on", "for", "to", "s", "mr", "mrs", "ms", "its", "his", "her"}
VOA = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "voa" / "voa_stories.jsonl"


def words(text: str | None) -> set[str]:
    return {w for w in re.findall(r"[a-z0-9]+", (text or "").lower()) if len(w) >= 3 and w not in STOP}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--without-base", action="store_true", help="curated actor files only")
    parser.add_argument("--mentions", type=Path, default=None, help="write VOA mentions (text, code → count) here")
    args = parser.parse_args()
    if args.without_base:
        actors_module.BASE_FILES = ()
    from detente.analyse import COMPONENT, actor_mentions, load_nlp
    from detente.devsets import records

    start = time.process_time()
    actors_module.ActorDictionary.load()
    built = time.process_time()
    nlp = load_nlp()
    print(f"dictionary {built - start:.2f}s CPU; dictionary + pipeline {time.process_time() - start:.2f}s CPU")
    pairs = list(records("plover-train", "train"))
    texts = sorted({r["text"] for r in pairs})
    mentions = {text: [m.text for m in actor_mentions(doc, None)] for doc, text in zip(nlp.pipe(texts), texts, strict=True)}
    source = sum(any(words(m) & words(r["source"]) for m in mentions[r["text"]]) for r in pairs)
    target = sum(any(words(m) & words(r["target"]) for m in mentions[r["text"]]) for r in pairs)
    both = sum(any(words(m) & words(r["source"]) for m in mentions[r["text"]])
               and any(words(m) & words(r["target"]) for m in mentions[r["text"]]) for r in pairs)
    n = len(pairs)
    print(f"plover-train train split: {n} pairs; source found {source / n:.3f}, target {target / n:.3f}, both {both / n:.3f}")
    if not VOA.is_file():
        print(f"no VOA stories at {VOA}")
        return 0
    stories = [json.loads(line) for line in VOA.read_text(encoding="utf-8").splitlines() if line.strip()]
    component = nlp.get_pipe(COMPONENT)
    spent, counts = 0.0, collections.Counter()
    for story in stories:
        doc = nlp.make_doc(story["text"])
        for name, proc in nlp.pipeline:
            if name == COMPONENT:
                t = time.process_time()
                doc = component(doc)
                spent += time.process_time() - t
            else:
                doc = proc(doc)
        for m in actor_mentions(doc, story.get("published", "")[:10] or None):
            counts[f"{m.text}\t{m.actor.code if m.actor else None}"] += 1
    print(f"VOA {len(stories)} stories: actor component {1000 * spent / len(stories):.2f} ms/doc CPU; "
          f"{sum(counts.values())} mentions")
    if args.mentions:
        args.mentions.write_text(json.dumps(dict(sorted(counts.items())), ensure_ascii=False, indent=0), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
