"""The labelled development sets in ``../shared/corpus`` and their one fixed train/held-back split.

Why one module: every accuracy number of the coder is reported on the held-back 20 % of each
labelled set, and anything trained is trained on the other 80 %. The split is by the sentence's
normalised text (a sentence with several marked pairs, or one that appears in two sets, falls on
the same side everywhere), through a salted hash, so it never changes with file order and nobody
chooses which sentences are held back. Held-back sentences are scored, never read one by one.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

SALT = "detente-split-2026-12-03"
HELD_BACK_SHARE = 0.2

SETS = {
    "plover-train": "plover-train/plv_train.jsonl",
    "cameo-dyads": "cameo-dyads/train.jsonl",
    "cameo-sentences": "cameo-sentences/train.jsonl",
}


def sentence_key(text: str) -> str:
    """The sentence as the split sees it: words only, lower case (tokenised and raw copies agree)."""
    return " ".join("".join(ch if ch.isalnum() else " " for ch in text.lower()).split())


def is_held_back(text: str) -> bool:
    """True for the fixed 20 % of sentences that are only ever scored."""
    return _draw(text, SALT) < HELD_BACK_SHARE


def is_dev(text: str) -> bool:
    """A quarter of the *training* sentences, set aside while developing (design choices are
    compared there, with a model trained on the rest: "fit"), so the held-back 20 % is measured
    only to report."""
    return _draw(text, f"{SALT}-dev") < 0.25


def _draw(text: str, salt: str) -> float:
    """A sentence's fixed number in [0, 1) under a salt: where it falls decides its side."""
    digest = hashlib.sha256(f"{salt}\0{sentence_key(text)}".encode()).digest()
    return int.from_bytes(digest[:8], "big") / 2**64


def corpus_dir(start: Path | None = None) -> Path | None:
    """``../shared/corpus`` beside the repository, or None where it is absent (a user's clone)."""
    root = (start or Path(__file__)).resolve()
    for parent in root.parents:
        candidate = parent / "shared" / "corpus"
        if candidate.is_dir():
            return candidate
    return None


def records(name: str, split: str = "train", corpus: Path | None = None) -> Iterator[dict[str, Any]]:
    """The records of one labelled set on one side of the split: "train", "held-back" or "all";
    within "train", "dev" (a quarter, for comparing designs) and "fit" (the rest)."""
    base = corpus or corpus_dir()
    if base is None:
        raise FileNotFoundError("../shared/corpus is not beside this repository")
    with open(base / SETS[name], encoding="utf-8") as handle:
        for line in handle:
            if not line.strip():
                continue
            record = json.loads(line)
            held = is_held_back(record["text"])
            if split in ("dev", "fit"):
                if not held and is_dev(record["text"]) == (split == "dev"):
                    yield record
            elif split == "all" or (split == "held-back") == held:
                yield record
