"""Coder accuracy on the held-back 20 % of the labelled development sets (never read one by one).

    .venv/bin/python benchmarks/coder.py [--split held-back|train] [--json OUT]

- plover-train: dyad recall, end-to-end accuracy (right dyad and right PLOVER type) and type
  accuracy given the dyad, by the public PLOVER scorer's rule (`detente eval --format plover-pairs`).
- cameo-dyads: dyad recall (an event whose actor overlaps a marked source and whose recipient
  overlaps a marked target), and event precision: of the events coded in sentences whose event
  is marked (a source and a target, or reciprocal actors), the share between marked words. The
  sentences are the codebook's examples of one event each, so an event between other words is
  a wrong one (a lower bound on precision: a sentence may tell a second, unmarked event).
- cameo-sentences: share of sentences with an event, and macro-F1 of the five classes, each
  sentence's class taken from the CAMEO root of its most confident event (none: class 0, the
  neutral statements CAMEO 01 that PLOVER does not code).
The split is `detente.devsets` (fixed, by sentence). Needs ../shared beside the repository.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from detente.config import Settings  # noqa: E402
from detente.devsets import corpus_dir, records  # noqa: E402
from detente.evaluate import evaluate_pairs, extract_sentences, pair_words, sentence_id  # noqa: E402

CLASS_OF_ROOT = {**{r: 0 for r in ("01", "02")}, **{r: 1 for r in ("03", "04", "05")},
                 **{r: 2 for r in ("06", "07", "08")},
                 **{r: 3 for r in ("09", "10", "11", "12", "13", "16")},
                 **{r: 4 for r in ("14", "15", "17", "18", "19", "20")}}


def macro_f1(gold: list[int], pred: list[int], classes=range(5)) -> float:
    scores = []
    for c in classes:
        tp = sum(g == c and p == c for g, p in zip(gold, pred, strict=False))
        fp = sum(g != c and p == c for g, p in zip(gold, pred, strict=False))
        fn = sum(g == c and p != c for g, p in zip(gold, pred, strict=False))
        scores.append(2 * tp / (2 * tp + fp + fn) if tp else 0.0)
    return sum(scores) / len(scores)


def run(split: str) -> dict:
    settings = Settings.load()
    out: dict = {"split": split}
    plover = list(records("plover-train", split))
    t = time.perf_counter()
    events = extract_sentences([g["text"] for g in plover], settings)
    report = evaluate_pairs(plover, events)
    out["plover"] = {**report.to_dict(), "seconds": round(time.perf_counter() - t, 1)}

    dyads = list(records("cameo-dyads", split))
    events = extract_sentences([d["text"] for d in dyads], settings)
    found = coded = supported = 0
    for d in dyads:
        reciprocal = d.get("reciprocal") or []
        sources = set().union(*(pair_words(s) for s in d["sources"] + reciprocal)) if d["sources"] + reciprocal else set()
        targets = set().union(*(pair_words(s) for s in d["targets"] + reciprocal)) if d["targets"] + reciprocal else set()
        hits = [bool(pair_words((e.get("actor") or {}).get("text")) & sources
                     and pair_words((e.get("recipient") or {}).get("text")) & targets)
                for e in events.get(sentence_id(d["text"]), [])]
        found += any(hits)
        if sources and targets:  # the sentence's event is marked: an event between other words is wrong
            coded += len(hits)
            supported += sum(hits)
    out["cameo_dyads"] = {"sentences": len(dyads), "dyad_recall": round(found / max(len(dyads), 1), 4),
                          "events": coded, "event_precision": round(supported / max(coded, 1), 4)}

    sentences = list(records("cameo-sentences", split))
    events = extract_sentences([s["text"] for s in sentences], settings)
    gold, pred, with_event = [], [], 0
    for s in sentences:
        evs = events.get(sentence_id(s["text"]), [])
        with_event += bool(evs)
        best = max(evs, key=lambda e: e.get("confidence") or 0, default=None)
        gold.append(int(s["class"]))
        pred.append(CLASS_OF_ROOT.get((best or {}).get("cameo_root") or "01", 0))
    out["cameo_sentences"] = {"sentences": len(sentences), "with_event": round(with_event / max(len(sentences), 1), 4),
                              "macro_f1": round(macro_f1(gold, pred), 4),
                              "accuracy": round(sum(g == p for g, p in zip(gold, pred, strict=False)) / max(len(gold), 1), 4)}
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--split", default="held-back", choices=("held-back", "train", "dev"))
    parser.add_argument("--json", help="also write the numbers to this file")
    args = parser.parse_args()
    if corpus_dir() is None:
        print("../shared/corpus is not beside the repository: nothing to measure", file=sys.stderr)
        return 2
    result = run(args.split)
    p, d, c = result["plover"], result["cameo_dyads"], result["cameo_sentences"]
    print(f"split {args.split}")
    print(f"plover-train  pairs {p['pairs']}  dyad_recall {p['dyad_recall']:.3f}  e2e {p['e2e_accuracy']:.3f}  "
          f"type|dyad {p['type_accuracy_given_dyad']:.3f}")
    print(f"cameo-dyads   sentences {d['sentences']}  dyad_recall {d['dyad_recall']:.3f}  "
          f"events {d['events']}  event_precision {d['event_precision']:.3f}")
    print(f"cameo-sentences  sentences {c['sentences']}  with_event {c['with_event']:.3f}  "
          f"macro_f1 {c['macro_f1']:.3f}  accuracy {c['accuracy']:.3f}")
    if args.json:
        Path(args.json).write_text(json.dumps(result, indent=1))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
