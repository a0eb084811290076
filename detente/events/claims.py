"""Claims: numbers with a unit and what they measure, for cross-checking sources.

"a 25% tariff" → 25 percent, tariff; "$590 million in aid" → 590e6 USD, aid; "836.8 tonnes
seized" → 836.8 tonnes, seize; "nearly one-third of exports" → 0.333 share, export. A claim
inside a quote is attributed to the quote's speaker; `subject` is the country the sentence is
about when exactly one country is named in it.
"""

from __future__ import annotations

import hashlib
import re

from detente import resources
from detente.models import Claim, Evidence

_WORDS = resources.words("claims")
SCALE = dict(_WORDS["scale"])
CURRENCY = dict(_WORDS["currency"])
FRACTIONS = dict(_WORDS["fractions"])
UNITS = r"tonnes|tons|tonne|ton|kilograms|kilos|kg|hectares|barrels|people|troops|soldiers|migrants|deportees|refugees|flights|civilians|workers|jobs|votes|members|fighters|prisoners|detainees|deaths|dead|casualties|citizens|nationals"
NUMBER = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
CLAIM_RE = re.compile(
    r"(?P<cur>US\$|\$|€|£|¥)\s?(?P<n1>" + NUMBER + r")\s*(?P<s1>thousand|million|billion|trillion|bn|m|k)?\b"
    r"|(?P<n2>" + NUMBER + r")\s*(?P<s2>thousand|million|billion|trillion)?\s*(?P<cur2>dollars|euros|pesos)\b"
    r"|(?P<n3>" + NUMBER + r")\s*(?:%|\s?percent\b|\s?per cent\b)"
    r"|(?P<n4>" + NUMBER + r")\s*(?P<s4>thousand|million|billion)?\s*(?P<unit>" + UNITS + r")\b"
    r"|\b(?P<frac>one-third|two-thirds|one-quarter|a quarter|three-quarters|one-half|one-fifth|a third|a fifth)\s+of\b",
    re.I)
QUALIFIERS = tuple(_WORDS["qualifiers"])
SKIP_MEASURE = frozenset(_WORDS["skip_measure"])
# "$4.5 billion last year", "$180 million a year": a period says when, not what is measured
TIME_WORDS = frozenset(_WORDS["time_words"])
AMOUNT_PREPS = frozenset(_WORDS["amount_preps"])  # "raised trade to $2 billion", "cut aid by 30 percent"


def _number(text: str) -> float:
    return float(text.replace(",", ""))


def _measure(doc, start: int, end: int) -> str:
    """What the number measures: the next content word after it ("tariff", "aid", "seized"), or
    the subject of the clause it completes ("approval rating remains below 40 percent")."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None:
        return "unknown"
    last = span[-1]
    for token in doc[last.i + 1: min(last.i + 5, len(doc))]:
        if token.is_punct or token.is_sent_start:
            break
        if token.lower_ in SKIP_MEASURE:
            continue
        if token.lower_ in TIME_WORDS:
            break
        if token.pos_ in ("NOUN", "VERB", "PROPN", "ADJ"):
            if token.pos_ == "ADJ" and token.i + 1 < len(doc) and doc[token.i + 1].pos_ == "NOUN":
                continue
            return token.lemma_.lower()
        break
    head, via = span.root.head, span.root
    for _ in range(3):
        if head.pos_ in ("VERB", "AUX"):
            if via.dep_ == "prep" and via.lower_ in AMOUNT_PREPS:
                # "boosted trade to $2 billion", "cut its aid by 30 percent": the object's amount
                objects = [c for c in head.children if c.dep_ == "dobj" and c.pos_ == "NOUN"]
                if objects:
                    return objects[0].lemma_.lower()
            for child in head.children:
                if child.dep_ in ("nsubj", "nsubjpass"):
                    compounds = [c.lemma_.lower() for c in child.children if c.dep_ == "compound"]
                    return " ".join([*compounds, child.lemma_.lower()])
            break
        if head.pos_ == "NOUN" and head.i > last.i:
            return head.lemma_.lower()
        head, via = head.head, head
    return "unknown"


def find_claims(doc, article, index, quotes) -> list[Claim]:
    claims: list[Claim] = []
    text = index.text
    for m in CLAIM_RE.finditer(text):
        g = m.groupdict()
        if g["n1"] or g["n2"]:
            value = _number(g["n1"] or g["n2"]) * SCALE.get((g["s1"] or g["s2"] or "").lower(), 1.0)
            unit = CURRENCY.get((g["cur"] or g["cur2"] or "").lower(), "USD")
        elif g["n3"]:
            value, unit = _number(g["n3"]), "percent"
        elif g["n4"]:
            value = _number(g["n4"]) * SCALE.get((g["s4"] or "").lower(), 1.0)
            unit = g["unit"].lower()
            unit = {"tons": "tonnes", "ton": "tonnes", "tonne": "tonnes", "kilos": "kg", "kilograms": "kg"}.get(unit, unit)
        else:
            value, unit = FRACTIONS[g["frac"].lower()], "share"
        start, end = m.start(), m.end()
        window_start = max(0, start - 20)
        before = text[window_start:start].lower().rstrip()
        for q in QUALIFIERS:
            if before.endswith(q) and (len(before) == len(q) or not before[-len(q) - 1].isalnum()):
                start = window_start + len(before) - len(q)
                break
        span = doc.char_span(m.start(), m.end(), alignment_mode="expand")
        if span is None:
            continue
        sent = span[0].sent
        countries = {index.at(t).actor.country for t in sent if index.at(t) is not None and index.at(t).actor.country}
        speaker = None
        for q in quotes:
            if q.start <= m.start() < q.end:
                speaker = q.quote.speaker
                break
        cid = hashlib.sha1(f"{article.doc_id}|c|{start}|{end}".encode()).hexdigest()[:16]
        claims.append(Claim(
            claim_id=cid, doc_id=article.doc_id, value=round(value, 6), unit=unit,
            measure=_measure(doc, m.start(), m.end()), text=text[start:end],
            evidence=Evidence(sent.text, sent.start_char, sent.end_char), speaker=speaker,
            subject=next(iter(countries)) if len(countries) == 1 else None))
    return claims
