"""Analyse, a Doc's text: kept from the string it was made of, rebuilt only for a Doc made elsewhere."""

from __future__ import annotations

import spacy
from hypothesis import given
from hypothesis import strategies as st

from detente.analyse.doctext import keep_text, make_docs, text_of

NLP = spacy.blank("en")


@given(st.text(max_size=200))
def test_text_of_is_the_docs_text_kept_or_not(text):
    made = NLP.make_doc(text)
    assert text_of(made) == made.text == text
    kept = next(make_docs(NLP, [text]))
    assert text_of(kept) == text


def test_a_kept_string_that_does_not_fit_the_doc_is_not_believed():
    doc = keep_text(NLP.make_doc("Peru and Chile signed a treaty."), "something else entirely")
    assert text_of(doc) == "Peru and Chile signed a treaty."


def test_the_kept_string_is_read_not_rebuilt():
    doc = next(make_docs(NLP, ["Peru and Chile signed a treaty."]))
    marker = "Peru and Chile signed a treaty!"  # same length: what text_of returns is the kept one
    keep_text(doc, marker)
    assert text_of(doc) is marker
