"""Where the coder loses the marked PLOVER pairs of a labelled split: counts only, no sentence shown.

    .venv/bin/python benchmarks/coder_losses.py [--split held-back|train|dev] [--json OUT]

Each pair of `plover-train` on the split that detente does not code (the public scorer's word
rule, as `benchmarks/coder.py`) is put in one class: the sentence gets no event at all, or an
event whose source is right and target wrong, or another pair; then the step of the coder's
learned stage (`Coder.trace`) where the marked pair went: no act reaches that stage, a side is no
candidate phrase, the pair fails an eligibility test (which one), its probability is under the
pair model's threshold, another pair is chosen, the chosen pair is dropped (why), or it is coded
and lost later. Read the counts, never the held-back sentences (`detente.devsets`). Needs
../shared beside the repository.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from detente.config import Settings  # noqa: E402
from detente.devsets import records  # noqa: E402
from detente.evaluate import pair_words  # noqa: E402
from detente.events.coder import get_coder  # noqa: E402
from detente.pipeline import Pipeline, raw_from_string  # noqa: E402


def classify(events: list[dict], source: str, target: str, notes: list[tuple], threshold: float) -> str | None:
    """The loss class of one marked pair given the sentence's events and the learned stage's
    notes (step, source text, target text, detail); None when the pair is coded."""
    s, t = pair_words(source), pair_words(target)
    if not s or not t:
        return "unscorable (a side has no word of three letters)"
    hit_s = [bool(pair_words((e.get("actor") or {}).get("text")) & s) for e in events]
    hit_t = [bool(pair_words((e.get("recipient") or {}).get("text")) & t) for e in events]
    if any(a and b for a, b in zip(hit_s, hit_t, strict=True)):
        return None
    outcome = "no event" if not events else "source right, target wrong" if any(hit_s) else "another pair"
    if not notes:
        return f"{outcome}: no act reaches the learned step"
    mine = [(step, detail) for step, a, b, detail in notes if pair_words(a) & s and pair_words(b) & t]
    if not mine:
        return f"{outcome}: no candidate pair (a side is no phrase, or the source cannot act)"
    steps = {step for step, _ in mine}
    if "coded" in steps:
        return f"{outcome}: coded by the learned step, lost later"
    if "dropped" in steps:
        return f"{outcome}: chosen, dropped: " + next(d for step, d in mine if step == "dropped")
    scores = [d for step, d in mine if step == "scored"]
    if not scores:
        return f"{outcome}: ineligible: " + next(d for step, d in mine if step == "ineligible")
    if max(scores) < threshold:
        return f"{outcome}: under the pair threshold"
    return f"{outcome}: another pair chosen"


def losses(split: str, settings: Settings | None = None) -> tuple[Counter, int]:
    settings = settings or Settings.load()
    coder = get_coder(settings)
    if coder.learned is None:
        raise SystemExit("the learned model is off (DETENTE_CODER_MODEL=none): nothing to trace")
    notes: list[tuple] = []
    coder.trace = lambda step, a, b, detail: notes.append((step, a.text, b.text, detail))
    pipeline = Pipeline(settings)
    counts: Counter = Counter()
    pairs = list(records("plover-train", split))
    try:
        for n, r in enumerate(pairs):
            notes.clear()
            processed = next(iter(pipeline.process([raw_from_string(r["text"], external_id=str(n))])))
            events = [e.to_dict() for e in processed.coded.events]
            kind = classify(events, r["source"], r["target"], list(notes), coder.learned.threshold)
            if kind is not None:
                counts[kind] += 1
    finally:
        coder.trace = None
    return counts, len(pairs)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--split", default="held-back", choices=("held-back", "train", "dev", "fit"))
    parser.add_argument("--json", help="also write the counts as JSON here")
    args = parser.parse_args()
    counts, total = losses(args.split)
    print(f"plover-train {args.split}: {total} pairs, {sum(counts.values())} not coded")
    for kind, n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])):
        print(f"{n:5d}  {kind}")
    if args.json:
        Path(args.json).write_text(json.dumps({"split": args.split, "pairs": total, "losses": dict(counts)}, indent=1),
                                   encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
