"""detente's data files: one manifest, one loader, one cache.

Every piece of linguistic and domain knowledge (word tables, the lexicon, actor dictionaries,
date words, the CAMEO→PLOVER crosswalk, the learned model) is a file under `detente/data/`.
Modules ask this registry for it by name instead of opening paths of their own, so a newcomer
finds every file in `MANIFEST`, a test checks that no package data file is missing from it, and
each file is parsed once per process however many modules read it. A user's own files (extra
lexicon or actor files from `Settings`) are read through the same `read()`.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any

import yaml

PACKAGE_DATA = Path(__file__).parent / "data"

# name (path under detente/data/) -> what it holds. Folders hold several files of one kind.
MANIFEST: dict[str, str] = {
    "words/": "word tables of the coder, the mention finder and pronoun resolution, one file per stage",
    "lexicon/": "event verbs, nouns, stance adjectives and verb classes: what act a word states (PLOVER type, CAMEO code, mode)",
    "actors/": "curated actor dictionaries: countries, roles, leaders with terms of office, organisations",
    "petrarch2/": "PETRARCH2's CAMEO verbs, people, organisations and roles, converted (MIT, see its LICENSE)",
    "models/": "the learned pair and type model (scripts/train_coder_model.py)",
    "sample/": "the bundled sample articles `detente run` ingests (the project's own writing)",
    "actor_names.yaml": "canonical display names of actor codes",
    "cameo_plover.yaml": "every CAMEO code mapped to a PLOVER type, mode and Goldstein value",
    "dating.yaml": "dated roles used to infer when an undated article was written",
    "dating_words.yaml": "month, weekday, number and relative-date words of the event date resolver",
    "input_fields.yaml": "field names of the accepted JSON/JSONL export formats",
    "measures.yaml": "what a number measures, so only like is compared with like in contradictions",
    "plover.yaml": "PLOVER's vocabulary: event types, modes, contexts",
    "plover.schema.json": "JSON Schema of the PLOVER event record (`--format plover`)",
    "reported_dates.yaml": "cues of dated past events an article reports (publication-date inference)",
}


def path(name: str) -> Path:
    """The file (or folder) `name` of the manifest; a KeyError names an unregistered one."""
    if name not in MANIFEST and not any(name.startswith(folder) for folder in MANIFEST if folder.endswith("/")):
        raise KeyError(f"{name!r} is not a registered data file (see detente.resources.MANIFEST)")
    return PACKAGE_DATA / name


def read(file: str | Path) -> Any:
    """Parse one data file: JSON (large generated files load fast) or YAML (libyaml's parser where
    installed). Not cached: for the user's own files, which may change between runs."""
    file = Path(file)
    text = file.read_text(encoding="utf-8")
    if file.suffix.lower() == ".json":
        return json.loads(text) or {}
    return yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader)) or {}


@cache
def load(name: str) -> Any:
    """A package data file, parsed once per process. Callers must not mutate the result."""
    return read(path(name))


def words(stage: str) -> dict[str, Any]:
    """The word tables of one stage (`detente/data/words/<stage>.yaml`)."""
    return load(f"words/{stage}.yaml")
