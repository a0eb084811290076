"""Subheadings glued to the next sentence in flattened text start a sentence of their own.

Why: text whose line breaks were lost runs a subheading into the paragraph under it ("... to
anti-Pakistan fighters. Recent attacks Since the beginning of the year, the BLA has ramped up
attacks ..."). The parser then reads the heading as the sentence's subject and the coder codes
it ("Chinese demand The changes in Japanese immigration policy" as a Chinese demand of Japan).
A word capitalised only at a sentence's start (`sentence_openers`), right after a short phrase
that begins with a capital after a sentence's end, starts a new sentence; the phrase before it
is then a sentence of its own, with no verb, so no event. Runs before the parser, which keeps
the boundary.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from detente.resources import words

HEADINGS = "detente_headings"
_WORDS = words("headings")
SENTENCE_OPENERS = frozenset(_WORDS["sentence_openers"])
MAX_HEADING_WORDS = 5  # the most words a subheading has
SENTENCE_ENDS = frozenset({".", "!", "?"})
CLOSERS = frozenset({'"', "'", "”", "’", ")"})
OPENING_QUOTES = frozenset({'"', "“", "'", "‘"})


def glued_heading_starts(doc: Doc) -> list[int]:
    """Token indices where a sentence glued to a heading begins."""
    out = []
    for tok in doc[2:]:
        if tok.text not in SENTENCE_OPENERS:
            continue
        start = tok.i  # the new sentence opens here, or at the quote mark that opens it
        while start > 0 and doc[start - 1].text in OPENING_QUOTES:
            start -= 1
        j, words_before = start - 1, 0
        # a heading's words, numbers among them ("Airstrikes kill 20 fighters")
        while j >= 0 and (doc[j].is_alpha or doc[j].like_num) and words_before <= MAX_HEADING_WORDS:
            j, words_before = j - 1, words_before + 1
        if not 1 <= words_before <= MAX_HEADING_WORDS or not doc[j + 1].text[:1].isupper():
            continue
        if doc[j + 1].text in SENTENCE_OPENERS:
            continue  # "In Kenya The …": no heading opens with a function word
        if j >= 0:  # the heading must follow a sentence's end (or a line break), not run on from one
            k = j
            while k >= 0 and doc[k].text in CLOSERS:
                k -= 1
            if k < 0 or not (doc[k].text in SENTENCE_ENDS or (doc[k].is_space and "\n" in doc[k].text)):
                continue
        out.append(start)
    return out


def mark_glued_headings(doc: Doc) -> Doc:
    """Start a sentence after each glued subheading, and keep where they end on the doc."""
    starts = glued_heading_starts(doc)
    for i in starts:
        doc[i].is_sent_start = True
        k = i + 1
        while k < len(doc) and doc[k - 1].text in OPENING_QUOTES:
            doc[k].is_sent_start = False  # the quotation mark opens the sentence with its first word
            k += 1
    doc.user_data[HEADINGS] = starts
    return doc


def heading_ends(doc: Doc) -> list[int]:
    """Where the glued subheadings the pipeline found end (the next sentence's first token);
    searched for here only in a doc no detente pipeline made."""
    found = doc.user_data.get(HEADINGS)
    return found if found is not None else glued_heading_starts(doc)


@Language.component(HEADINGS)
def headings_component(doc: Doc) -> Doc:
    return mark_glued_headings(doc)
