"""Engines run stages 1-4 (`Pipeline.process`) over a stream of raw documents.

Every engine is a module with `run(raws, settings) -> Iterator[ProcessedDocument]` that
yields results in input order; `get_engine(name)` finds it by name ("local", "spark", …).
"""

from __future__ import annotations

import importlib
from collections.abc import Generator, Iterable
from types import ModuleType

from detente.config import Settings
from detente.models import ProcessedDocument, RawDocument


class EngineError(RuntimeError):
    """The engine cannot process anything (e.g. the spaCy model or a dictionary does not load)."""


ENGINES = {"local": "detente.engines.local", "spark": "detente.engines.spark"}


def get_engine(name: str = "local") -> ModuleType:
    module = ENGINES.get(name)
    if module is None:
        raise ValueError(f"unknown engine {name!r}: use one of {', '.join(sorted(ENGINES))}")
    try:
        return importlib.import_module(module)
    except ModuleNotFoundError as exc:
        if exc.name == module:
            raise ValueError(f"engine {name!r} is not available in this installation") from exc
        raise ValueError(f"engine {name!r} needs {exc.name}: install it "
                         f"(e.g. pip install 'detente[{name}]')") from exc


def run(raws: Iterable[RawDocument], settings: Settings) -> Generator[ProcessedDocument, None, None]:
    """Process raw documents with the engine `settings.engine` names."""
    return get_engine(settings.engine).run(raws, settings)
