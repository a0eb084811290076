"""Faster equivalents of two of the English model's components, with the same output.

Why: spaCy's attribute ruler runs its token matcher (180 patterns) over every token and its
rule lemmatizer caches only the lemmas it derives by rule, not the base forms it checks first:
together about a sixth of the model's time on the sentences detente parses
(`benchmarks/README.md`, "Where the time goes"). Here the ruler's own patterns are looked up by
each token's lowercase form, tag and dependency instead of tried one by one, and every lemma
is cached by the token's orth, part of speech and morphology (what the rules read). A ruler
whose patterns use anything else keeps spaCy's matcher. `tests/analyse/test_fastpipes.py`
checks every token attribute against the model's own components.
"""

from __future__ import annotations

import re
from typing import Any, cast

import numpy as np
from spacy.attrs import DEP, IS_SPACE, LEMMA, LOWER, MORPH, ORTH, POS, TAG
from spacy.lang.en.lemmatizer import EnglishLemmatizer
from spacy.pipeline import AttributeRuler, Lemmatizer
from spacy.tokens import Doc
from spacy.tokens._retokenize import set_token_attrs

ARRAY_ATTRS = (POS, MORPH, LEMMA)  # what the ruler sets that a Doc takes as arrays
# token attributes a pattern may test, in the column order of the arrays the lookup reads
COLUMNS = {"LOWER": (0, LOWER), "TAG": (1, TAG), "DEP": (2, DEP), "IS_SPACE": (3, IS_SPACE),
           "ORTH": (4, ORTH), "POS": (5, POS)}
INDEXED = ("LOWER", "TAG", "DEP", "IS_SPACE")  # a pattern is looked up by its first of these
CACHE_SIZE = 200_000  # distinct tokens remembered (a few tens of MB), then forgotten: memory stays flat


class _Unsupported(Exception):
    """A pattern this lookup does not handle: the ruler keeps spaCy's matcher."""


def _check(key: str, value: Any, strings) -> tuple[int, str, Any]:
    column = COLUMNS.get(key)
    if column is None:
        raise _Unsupported(key)
    if key == "IS_SPACE":
        if not isinstance(value, bool):
            raise _Unsupported(value)
        return column[0], "eq", int(value)
    if isinstance(value, str):
        return column[0], "eq", strings.add(value)
    if isinstance(value, dict) and len(value) == 1:
        op, arg = next(iter(value.items()))
        if op in ("IN", "NOT_IN") and isinstance(arg, list) and all(isinstance(a, str) for a in arg):
            return column[0], op.lower(), frozenset(strings.add(a) for a in arg)
        if op == "REGEX" and isinstance(arg, str):
            return column[0], "regex", re.compile(arg)
    raise _Unsupported(value)


class _Lookup:
    """The ruler's patterns: one-token patterns decided once per distinct token (its lowercase
    form, tag, dependency, space flag, orth and part of speech), longer ones looked up by their
    first token's lowercase form, tag or dependency."""

    def __init__(self, ruler: AttributeRuler):
        strings = ruler.vocab.strings
        self.single: list[tuple[int, list[tuple[int, str, Any]]]] = []
        self.longer: list[tuple[int, list[list[tuple[int, str, Any]]], int]] = []
        self.index: dict[tuple[int, Any], list[int]] = {}
        self.scan: list[int] = []  # longer patterns with no indexable first token
        for attr_id, entry in enumerate(cast(list[dict[str, Any]], ruler.patterns)):
            for pattern in entry["patterns"]:
                if not pattern or any(not isinstance(spec, dict) or "OP" in spec for spec in pattern):
                    raise _Unsupported(pattern)
                specs = [[_check(k, v, strings) for k, v in spec.items()] for spec in pattern]
                target = ruler.indices[attr_id]
                if not -len(specs) <= target < len(specs):
                    raise _Unsupported(target)  # spaCy's ruler raises its own error for this
                if len(specs) == 1:
                    self.single.append((attr_id, specs[0]))
                    continue
                n = len(self.longer)
                self.longer.append((attr_id, specs, target % len(specs)))
                first = dict(pattern[0])
                key = next((k for k in INDEXED if k in first and _check(k, first[k], strings)[1] in ("eq", "in")), None)
                if key is None:
                    self.scan.append(n)
                    continue
                column, kind, value = _check(key, first[key], strings)
                for v in (value,) if kind == "eq" else value:
                    self.index.setdefault((column, v), []).append(n)
        # what of a token the one-token patterns read: per column, the values they name (a token
        # showing none of them is the same to them as any other) and the regular expressions they
        # test; a token is remembered by these alone, so few distinct tokens are decided anew
        self.named: dict[int, set] = {}
        self.regexes: dict[int, list] = {}
        for _attr_id, spec in self.single:
            for column, kind, value in spec:
                named = self.named.setdefault(column, set())
                if kind == "eq":
                    named.add(value)
                elif kind in ("in", "not_in"):
                    named.update(value)
                else:
                    self.regexes.setdefault(column, []).append(value)
        self.by_token: dict[tuple, list[int]] = {}  # what a token shows them → its one-token patterns
        self.searched: dict[tuple[str, int], bool] = {}
        self.strings = strings

    def holds(self, check: tuple[int, str, Any], row: tuple) -> bool:
        column, kind, value = check
        v = row[column]
        if kind == "eq":
            return v == value
        if kind == "in":
            return v in value
        if kind == "not_in":
            return v not in value
        return self.search(value, v)

    def search(self, regex, value: int) -> bool:
        """A regular expression on a token's string (by its hash), remembered per string."""
        key = (regex.pattern, value)
        hit = self.searched.get(key)
        if hit is None:
            if len(self.searched) > CACHE_SIZE:
                self.searched.clear()
            hit = self.searched[key] = bool(regex.search(self.strings[value] if value else ""))
        return hit

    def matches(self, doc: Doc) -> list[list[int]]:
        """For each token, the attr_ids of the patterns whose target it is, in no order."""
        rows = [tuple(r) for r in doc.to_array([LOWER, TAG, DEP, IS_SPACE, ORTH, POS]).tolist()]
        n = len(rows)
        self.strings = doc.vocab.strings
        if len(self.by_token) > CACHE_SIZE:
            self.by_token.clear()
        by_token, single = self.by_token, self.single
        out: list[list[int]] = []
        shown = sorted(self.named.items())
        regexes = sorted(self.regexes.items())
        for row in rows:
            key = tuple(row[c] if row[c] in named else -1 for c, named in shown)
            if regexes:
                key += tuple(self.search(rx, row[c]) for c, rxs in regexes for rx in rxs)
            ids = by_token.get(key)
            if ids is None:
                ids = by_token[key] = [a for a, spec in single if all(self.holds(c, row) for c in spec)]
            out.append(ids)
        if self.longer:
            index, longer, holds = self.index, self.longer, self.holds
            for start, row in enumerate(rows):
                found = [p for column in (0, 1, 2, 3) for p in index.get((column, row[column]), ())] + self.scan
                for p in found:
                    attr_id, specs, target = longer[p]
                    if start + len(specs) <= n and all(holds(c, rows[start + k])
                                                       for k, spec in enumerate(specs) for c in spec):
                        i = start + target
                        out[i] = [*out[i], attr_id]
        return out


class FastAttributeRuler(AttributeRuler):
    """The model's attribute ruler, its patterns looked up per token (later rules still win)."""

    def __call__(self, doc: Doc) -> Doc:
        lookup = self.__dict__.get("_lookup")
        if lookup is None:
            try:
                lookup = _Lookup(self)
            except _Unsupported:
                lookup = False
            self.__dict__["_lookup"] = lookup
        if not isinstance(lookup, _Lookup):
            return super().__call__(doc)
        effects = self.__dict__.setdefault("_effects", {})
        arrays = doc.to_array(list(ARRAY_ATTRS))
        changed = [False] * len(ARRAY_ATTRS)
        for i, attr_ids in enumerate(lookup.matches(doc)):
            if not attr_ids:
                continue
            key = tuple(sorted(attr_ids))
            effect = effects.get(key)
            if effect is None:
                effect = effects[key] = self._effect(key)
            for k, value in effect[0]:
                arrays[i, k] = value
                changed[k] = True
            if effect[1]:
                set_token_attrs(doc[i], effect[1])
        keep = [k for k in range(len(ARRAY_ATTRS)) if changed[k]]
        if keep:
            doc.from_array([ARRAY_ATTRS[k] for k in keep], cast(Any, arrays[:, keep]))
        return doc

    def _effect(self, attr_ids: tuple[int, ...]) -> tuple[list[tuple[int, Any]], dict]:
        """What these rules, applied in order, leave on a token: array columns and other attributes."""
        columns: dict[int, Any] = {}
        rest: dict = {}
        for attr_id in attr_ids:
            for attr, value in self.attrs[attr_id].items():
                if attr in ARRAY_ATTRS:
                    columns[ARRAY_ATTRS.index(attr)] = value
                else:
                    rest[attr] = value
        return sorted(columns.items()), rest


class CachedLemmatizer(Lemmatizer):
    """The model's rule lemmatizer, every lemma cached by (orth, part of speech, morphology)."""

    def __call__(self, doc: Doc) -> Doc:
        if self.mode != "rule" or self.overwrite:
            return super().__call__(doc)
        if not self._validated:
            self._validate_tables()
        arrays = doc.to_array([LEMMA, ORTH, POS, MORPH])
        todo = np.flatnonzero(arrays[:, 0] == 0)
        if not len(todo):
            return doc
        cache = self.__dict__.setdefault("_every_lemma", {})
        if len(cache) > CACHE_SIZE:
            cache.clear()
        strings = doc.vocab.strings
        lemmas = arrays[:, 0].copy()
        for i in todo.tolist():
            key = (int(arrays[i, 1]), int(arrays[i, 2]), int(arrays[i, 3]))
            lemma = cache.get(key)
            if lemma is None:
                lemma = cache[key] = strings.add(self.lemmatize(doc[i])[0])
            lemmas[i] = lemma
        doc.from_array([LEMMA], cast(Any, lemmas.reshape(-1, 1)))
        return doc


class CachedEnglishLemmatizer(CachedLemmatizer, EnglishLemmatizer):
    """The English model's rule lemmatizer (its own base-form test), every lemma cached."""


FASTER = {AttributeRuler: FastAttributeRuler, Lemmatizer: CachedLemmatizer,
          EnglishLemmatizer: CachedEnglishLemmatizer}  # a component's class → its equivalent


def speed_up(nlp) -> None:
    """Swap the model's attribute ruler and rule lemmatizer for the equivalents above (in place:
    same names, same settings and tables); a component of another class is left as it is. The
    classes are module-level, so a pipeline still pickles (spaCy's process pool)."""
    for _name, proc in nlp.pipeline:
        faster = FASTER.get(type(proc))
        if faster is not None and (isinstance(proc, AttributeRuler) or proc.mode == "rule"):
            proc.__class__ = faster
