"""Datelines: "SANTIAGO, March 18, 2025 (Pacific Ledger) — ", "KYIV (Reuters) - ", "WASHINGTON: ".

The one definition of where a wire story says it was filed. Its city is never an actor (the
actor component drops the places inside it) and the opening one ends the headline part of the
text (the coder codes nothing before it). Its date, when it has one, is found by `clean` as the
publication date.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# a capitalised place at a line start, an optional ", rest" and "(outlet)", then a spaced dash
# (or a colon after a place in capitals)
_DATELINE = re.compile(
    r"^[ \t]*(?P<city>[A-ZÀ-Ý][A-ZÀ-Ýa-zà-ÿ'’.\- ]{1,40}?)(?P<rest>,[^\n—–()]{1,60}?)?"
    r"(?P<outlet>\s*\([^()\n]{1,60}\))?\s*(?P<mark>—|–|--|-|:)\s+", re.M)
OPENING_WINDOW = 1500  # characters: a dateline further in is not the story's opening one


@dataclass(frozen=True)
class Dateline:
    start: int  # character offsets in the text: the city …
    end: int  # … to just after the dash and its space
    city_end: int


def _qualifies(m: re.Match) -> bool:
    """A place in capitals ("BOGOTÁ —"), or an outlet in parentheses ("Kyiv (Reuters) -"), or a
    rest of capitalised words and numbers ("Santiago, March 18, 2025 —", "Bogotá, Colombia —"):
    not an opening clause ("Colombia, a key ally — said so")."""
    city = m.group("city").strip()
    caps = sum(c.isupper() for c in city) >= 3 and not any(c.islower() for c in city)
    if m.group("mark") == ":":
        return caps and not m.group("rest")
    if caps:
        return True
    rest = (m.group("rest") or "").strip(" ,")
    if m.group("outlet"):
        return bool(rest) or len(city.split()) <= 3
    words = rest.replace(",", " ").split()
    return bool(words) and all(w[0].isupper() or w[0].isdigit() for w in words)


_CLOSING = re.compile(r"\s*(?:\([^()\n]{1,60}\))?\s*(?:—|–|--|-|:)\s")


def closes_dateline(text: str, end: int) -> bool:
    """Does the dateline's mark follow at `end` ("Bogotá, 12 de marzo de 2025 — …", "ACCRA,
    March 3, 2024 (Wire) — …"): the date just before it is the dateline's own."""
    return bool(_CLOSING.match(text, end))


def datelines(text: str) -> list[Dateline]:
    """Every dateline that opens a line of `text` (a file may hold several stories)."""
    return [Dateline(m.start("city"), m.end(), m.end("city")) for m in _DATELINE.finditer(text) if _qualifies(m)]


def dateline_end(text: str, window: int = OPENING_WINDOW) -> int:
    """Character offset where the text's opening dateline ends (0 when there is none)."""
    for m in _DATELINE.finditer(text[:window]):
        if _qualifies(m):
            return m.end()
    return 0
