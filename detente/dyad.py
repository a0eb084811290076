"""A dyad — the pair of countries an analyst asks about — parsed once, where the user typed it.

    USA-COL, colombia-united states, US-CO   both directions
    USA>COL, USA→COL, USA->COL               USA towards COL only
    USA, colombia                            one country, on either side (where a filter allows it)

Countries are ISO 3166-1 codes (alpha-3 or alpha-2, any case) or names: pycountry's names and
the names in the actor dictionary (`data/actors/countries.yaml`: "Russia", "UK", "South Korea").
Everything past the edge (store, aggregate, server, CLI) takes a `Dyad`, so the grammar lives
here only; a mistyped country is a `DyadError` naming what was wrong and what is accepted.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from detente.config import PACKAGE_DATA

# Codes the actor dictionary uses beyond ISO 3166-1 (user-assigned XK/XKX for Kosovo).
EXTRA_COUNTRIES = {"XKX": ("XK", "Kosovo")}
DIRECTED = re.compile(r"\s*(?:→|->|>)\s*")
UNDIRECTED = re.compile(r"\s*[-–]\s*")
ACCEPTED = ("write a country as an ISO code (COL, CO) or a name (Colombia), and a dyad as USA-COL "
            "(both directions) or USA>COL (USA towards COL)")


class DyadError(ValueError):
    """A dyad the user typed that names no known pair of countries."""


def _key(text: str) -> str:
    """Names compared without case, accents, dots or extra spaces: "Côte d'Ivoire" = "cote d'ivoire"."""
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return " ".join(text.casefold().replace(".", "").split())


@lru_cache(maxsize=1)
def _countries() -> tuple[dict[str, str], dict[str, str], dict[str, str]]:
    """(alpha-3 → name, alpha-2 → alpha-3, name key → alpha-3)."""
    import pycountry
    import yaml

    names3: dict[str, str] = {}
    alpha2: dict[str, str] = {}
    by_name: dict[str, str] = {}
    for country in pycountry.countries:
        names3[country.alpha_3] = getattr(country, "common_name", None) or country.name
        alpha2[country.alpha_2] = country.alpha_3
    for code, (two, name) in EXTRA_COUNTRIES.items():
        names3[code], alpha2[two] = name, code
    # pycountry's own names first: they decide where the dictionary's newsroom names collide
    for country in pycountry.countries:
        for attr in ("name", "official_name", "common_name"):
            value = getattr(country, attr, None)
            if value:
                by_name.setdefault(_key(value), country.alpha_3)
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    with (PACKAGE_DATA / "actors" / "countries.yaml").open(encoding="utf-8") as handle:
        dictionary = yaml.load(handle, Loader=loader) or {}
    for entry in dictionary.get("countries") or []:
        code = entry.get("code")
        if code not in names3:
            continue
        for value in [entry.get("name"), *(entry.get("names") or [])]:
            if value:
                by_name.setdefault(_key(str(value)), code)
    return names3, alpha2, by_name


def country_code(text: str) -> str | None:
    """The ISO alpha-3 code of a country typed as a code or a name; None when unknown."""
    raw = text.strip()
    if not raw:
        return None
    names3, alpha2, by_name = _countries()
    upper = raw.upper()
    if len(upper) == 3 and upper in names3:
        return upper
    if len(upper) == 2 and upper in alpha2:
        return alpha2[upper]
    return by_name.get(_key(raw))


def country_name(code: str) -> str:
    return _countries()[0].get(code, code)


def _suggestion(text: str) -> str:
    from rapidfuzz import process

    _, _, by_name = _countries()
    found = process.extractOne(_key(text), list(by_name), score_cutoff=80)
    if not found:
        return ""
    code = by_name[found[0]]
    return f" (did you mean {code}, {country_name(code)}?)"


def _unknown(part: str, text: str) -> DyadError:
    if not part.strip():
        return DyadError(f"dyad {text!r} lacks a country on one side: {ACCEPTED}")
    where = "" if part.strip() == text.strip() else f" in dyad {text!r}"
    return DyadError(f"unknown country {part.strip()!r}{where}{_suggestion(part)}: {ACCEPTED}")


def _country_of(actor: Any) -> str | None:
    if actor is None:
        return None
    if isinstance(actor, dict):
        return actor.get("country")
    return getattr(actor, "country", None)


def countries_of(record: Any) -> tuple[str | None, str | None]:
    """(actor country, recipient country) of an event, a story event or their dict records."""
    if isinstance(record, dict):
        return _country_of(record.get("actor")), _country_of(record.get("recipient"))
    return _country_of(record.actor), _country_of(record.recipient)


@dataclass(frozen=True)
class Dyad:
    """Two countries (ISO alpha-3) and whether only `left` → `right` counts; `right` is None
    for a single country on either side."""

    left: str
    right: str | None = None
    directed: bool = False

    @classmethod
    def parse(cls, text: str | Dyad, single: bool = False) -> Dyad:
        """The dyad `text` names; `single` also accepts one country. Raises DyadError."""
        if isinstance(text, Dyad):
            if text.right is None and not single:
                raise DyadError(f"dyad {text.name!r} names one country: a pair is needed here; {ACCEPTED}")
            return text
        raw = str(text).strip()
        if not raw:
            raise DyadError(f"empty dyad: {ACCEPTED}")
        directed = DIRECTED.split(raw)
        if len(directed) == 2:
            return cls._pair(directed[0], directed[1], True, raw)
        if len(directed) > 2:
            raise DyadError(f"dyad {raw!r} has more than two countries: {ACCEPTED}")
        whole = country_code(raw)
        if whole is not None:
            if not single:
                raise DyadError(f"dyad {raw!r} names one country ({whole}): a pair is needed here; {ACCEPTED}")
            return cls(whole)
        cuts = [m for m in UNDIRECTED.finditer(raw)]
        if not cuts:
            raise _unknown(raw, raw)
        for cut in cuts:  # "guinea-bissau-senegal": the cut where both sides are countries
            left, right = raw[:cut.start()], raw[cut.end():]
            if country_code(left) and country_code(right):
                return cls._pair(left, right, False, raw)
        left, right = raw[:cuts[0].start()], raw[cuts[0].end():]
        raise _unknown(left if not country_code(left) else right, raw)

    @classmethod
    def _pair(cls, left: str, right: str, directed: bool, raw: str) -> Dyad:
        codes = []
        for part in (left, right):
            code = country_code(part)
            if code is None:
                raise _unknown(part, raw)
            codes.append(code)
        if codes[0] == codes[1]:
            raise DyadError(f"dyad {raw!r} names {codes[0]} twice: a dyad is two different countries")
        return cls(codes[0], codes[1], directed)

    @property
    def name(self) -> str:
        """"USA-COL", "USA>COL" or "USA": what the dyad is called everywhere (URLs, records)."""
        if self.right is None:
            return self.left
        return f"{self.left}{'>' if self.directed else '-'}{self.right}"

    def __str__(self) -> str:
        return self.name

    @property
    def pair(self) -> Dyad:
        """The same two countries in both directions."""
        return Dyad(self.left, self.right, False)

    @property
    def directions(self) -> tuple[str, str, str]:
        """Direction labels of an index: left>right, right>left, and combined left-right."""
        return f"{self.left}>{self.right}", f"{self.right}>{self.left}", f"{self.left}-{self.right}"

    def matches(self, record: Any) -> bool:
        """Whether an event or story event (object or dict record) is inside the dyad."""
        actor, recipient = countries_of(record)
        if self.right is None:
            return self.left in (actor, recipient)
        if actor == self.left and recipient == self.right:
            return True
        return not self.directed and actor == self.right and recipient == self.left

    def sql(self, actor: str = "actor_country", recipient: str = "recipient_country") -> tuple[str, list[str]]:
        """A WHERE fragment over the two country columns, with its bound parameters."""
        if self.right is None:
            return f"({actor} = ? OR {recipient} = ?)", [self.left, self.left]
        if self.directed:
            return f"({actor} = ? AND {recipient} = ?)", [self.left, self.right]
        return (f"(({actor} = ? AND {recipient} = ?) OR ({actor} = ? AND {recipient} = ?))",
                [self.left, self.right, self.right, self.left])


def undirected_name(a: str, b: str) -> str:
    """The name of the pair of two countries whatever the direction: codes in alphabetical order."""
    left, right = sorted((a, b))
    return f"{left}-{right}"
