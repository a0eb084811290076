"""A small stand-in for detente.analyse.actor_mentions, so the event patterns are tested on plain
spaCy parses independently of the actor dictionaries (no tests here; imported by the tests)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from detente.models import Actor

GAZETTEER = {
    "united states": ("USA", "USA", None), "u.s.": ("USA", "USA", None), "us": ("USA", "USA", None),
    "america": ("USA", "USA", None), "american": ("USA", "USA", None), "washington": ("USAGOV", "USA", "GOV"),
    "the white house": ("USAGOV", "USA", "GOV"), "the state department": ("USAGOV", "USA", "GOV"),
    "trump": ("USAGOV", "USA", "GOV"), "donald trump": ("USAGOV", "USA", "GOV"), "rubio": ("USAGOV", "USA", "GOV"),
    "colombia": ("COL", "COL", None), "colombian": ("COL", "COL", None), "bogotá": ("COLGOV", "COL", "GOV"),
    "bogota": ("COLGOV", "COL", "GOV"), "petro": ("COLGOV", "COL", "GOV"), "gustavo petro": ("COLGOV", "COL", "GOV"),
    "colombian president gustavo petro": ("COLGOV", "COL", "GOV"), "eln": ("COLREB", "COL", "REB"),
    "russia": ("RUS", "RUS", None), "russian": ("RUS", "RUS", None), "moscow": ("RUSGOV", "RUS", "GOV"),
    "ukraine": ("UKR", "UKR", None), "ukrainian": ("UKR", "UKR", None), "kyiv": ("UKRGOV", "UKR", "GOV"),
    "china": ("CHN", "CHN", None), "chinese": ("CHN", "CHN", None), "beijing": ("CHNGOV", "CHN", "GOV"),
    "japan": ("JPN", "JPN", None), "india": ("IND", "IND", None), "pakistan": ("PAK", "PAK", None),
    "indian": ("IND", "IND", None), "pakistani": ("PAK", "PAK", None), "israel": ("ISR", "ISR", None),
    "iran": ("IRN", "IRN", None), "france": ("FRA", "FRA", None), "germany": ("DEU", "DEU", None),
    "venezuela": ("VEN", "VEN", None), "brazil": ("BRA", "BRA", None), "mexico": ("MEX", "MEX", None),
    "the european union": ("EUR", None, "IGO"), "eu": ("EUR", None, "IGO"),
}
PRONOUNS = {"he", "him", "his", "she", "her"}


@dataclass
class FakeMention:
    start: int
    end: int
    token_start: int
    token_end: int
    text: str
    actor: Actor
    kind: str = "name"
    antecedent: object | None = None


def fake_actor_mentions(doc, date=None):
    out = []
    text = doc.text
    taken = set()
    for phrase in sorted(GAZETTEER, key=len, reverse=True):
        for m in re.finditer(r"(?<![\w.])" + re.escape(phrase) + r"(?![\w])", text, re.I):
            if any(i in taken for i in range(m.start(), m.end())):
                continue
            span = doc.char_span(m.start(), m.end(), alignment_mode="expand")
            if span is None:
                continue
            if phrase == "us" and m.group(0) != "US":
                continue
            code, country, sector = GAZETTEER[phrase]
            out.append(FakeMention(m.start(), m.end(), span.start, span.end, m.group(0),
                                   Actor(m.group(0), code, country, sector)))
            taken.update(range(m.start(), m.end()))
    out.sort(key=lambda m: m.start)
    people = [m for m in out if m.actor.sector == "GOV"]
    for token in doc:
        if token.lower_ in PRONOUNS:
            before = [m for m in people if m.end <= token.idx]
            if before:
                ante = before[-1]
                out.append(FakeMention(token.idx, token.idx + len(token), token.i, token.i + 1, token.text,
                                       Actor(token.text, ante.actor.code, ante.actor.country, ante.actor.sector),
                                       kind="pronoun", antecedent=ante))
    out.sort(key=lambda m: m.start)
    return out
