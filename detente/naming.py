"""Canonical names of actors from their codes, for the actors no dictionary entry named.

The analyser names what its dictionaries resolved to an entry ("Petro", "he" → "Gustavo
Petro"; "Washington" → "United States"); a mention resolved only to a code ("U.S. officials"
→ USAGOV, "Colombia" → COL) gets its name here, from the code alone: a country's name from
pycountry, a sector's label from `data/actor_names.yaml` ("Government (United States)").
Bottom layer: no spaCy, no dictionaries loaded, so every record can be named where it is made.
"""

from __future__ import annotations

from functools import lru_cache

from detente.config import PACKAGE_DATA

NAMES_FILE = PACKAGE_DATA / "actor_names.yaml"


@lru_cache(maxsize=1)
def _tables() -> dict[str, dict[str, str]]:
    import yaml

    data = yaml.safe_load(NAMES_FILE.read_text(encoding="utf-8")) or {}
    return {key: {str(k).upper(): str(v) for k, v in (data.get(key) or {}).items()}
            for key in ("sectors", "countries", "codes")}


@lru_cache(maxsize=512)
def country_name(code: str | None) -> str | None:
    """ "COL" → "Colombia", "VEN" → "Venezuela" (pycountry's common name where it has one)."""
    if not code:
        return None
    code = code.upper()
    extra = _tables()["countries"].get(code)
    if extra:
        return extra
    import pycountry

    country = pycountry.countries.get(alpha_3=code) if len(code) == 3 else None
    if country is None:
        return None
    return getattr(country, "common_name", None) or country.name


@lru_cache(maxsize=4096)
def actor_name(code: str | None, country: str | None = None, sector: str | None = None) -> str | None:
    """The name of an actor known only by its code: "COL" → "Colombia", "USAGOV" → "Government
    (United States)", "IGOUNO" with no entry → "International organisation"; None if unknown."""
    tables = _tables()
    place = country_name(country)
    if code and not country and code.upper() in tables["codes"]:
        return tables["codes"][code.upper()]
    if place and (not sector or (code or "").upper() == (country or "").upper()):
        return place
    label = tables["sectors"].get((sector or "").upper())
    if place and label:
        return f"{label} ({place})"
    if place:
        return place
    if code:
        for prefix, name in tables["codes"].items():
            if code.upper().startswith(prefix):
                return name
    return label
