"""Analyse, candidate parsing: only sentences that can hold an event are parsed, the joined
Doc keeps the whole text and its offsets, and the sample corpus codes to the same events."""

from __future__ import annotations

from dataclasses import replace

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from detente.analyse import SPANS_KEY, load_nlp
from detente.config import SAMPLE_CORPUS, Settings
from detente.pipeline import Pipeline
from detente.read import iter_raw

TEXT = ("Peru imposed a 20% tariff on Chilean fruit on Tuesday, the trade ministry said.\n\n"
        "The weather in the valley was warm and the harvest was good this year.\n\n"
        "Chile's foreign minister condemned the tariff and said Santiago would respond.")


@pytest.fixture(scope="module")
def parser():
    from detente.events.candidates import CandidateParser

    return CandidateParser(load_nlp(Settings.load()))


def test_only_candidate_sentences_are_parsed(parser):
    doc = next(parser.pipe([TEXT]))
    assert doc.text == TEXT
    def sentence(words: str):
        start = TEXT.index(words)
        return doc.char_span(start, start + len(words))

    weather = sentence("The weather in the valley was warm and the harvest was good this year.")
    tariff = sentence("Peru imposed a 20% tariff on Chilean fruit on Tuesday, the trade ministry said.")
    assert all(t.dep_ == "" for t in weather)  # no actor, no cue: not parsed
    assert any(t.dep_ == "ROOT" for t in tariff) and any(t.tag_ for t in tariff)


def test_joined_doc_keeps_offsets_and_finds_actors_everywhere(parser):
    doc = next(parser.pipe([TEXT]))
    full = load_nlp(Settings.load())(TEXT)
    assert [t.idx for t in doc] == [t.idx for t in full]
    assert [(s.start_char, s.end_char, s.label_) for s in doc.spans[SPANS_KEY]] == \
        [(s.start_char, s.end_char, s.label_) for s in full.spans[SPANS_KEY]]


def test_text_without_candidates_comes_back_unparsed(parser):
    text = "The weather was warm. The harvest was good."
    doc = next(parser.pipe([text]))
    assert doc.text == text and not doc.has_annotation("DEP")


def test_sample_corpus_codes_to_nearly_the_same_events_either_way():
    """Measured: 52 of the 53 events (type, sides, date) found both ways; the one lost is
    "Both governments also named new ambassadors" (no actor mention the first pass sees)."""
    settings = Settings.load(min_words=1)
    found = {}
    for mode in ("all", "candidates"):
        pipeline = Pipeline(replace(settings, parse=mode))
        found[mode] = {(e.doc_id, e.event_type, e.actor.text if e.actor else None,
                        e.recipient.text if e.recipient else None, e.date)
                       for p in pipeline.process(iter_raw([str(SAMPLE_CORPUS)], settings)) for e in p.coded.events}
    assert len(found["all"]) >= 40
    assert len(found["all"] & found["candidates"]) >= 0.95 * len(found["all"])
    assert len(found["candidates"] - found["all"]) <= 0.05 * len(found["all"])


def test_unknown_parse_mode_is_refused():
    pipeline = Pipeline(replace(Settings.load(), parse="some"))
    with pytest.raises(ValueError, match="parse must be"):
        list(pipeline._pipe(["Peru imposed a tariff on Chile."], 1))


def test_joined_doc_carries_what_spacys_own_join_carries(parser):
    """The pieces are joined without `Doc.from_docs`; every token annotation, the sentences,
    the entities and the tensor must come out as that join gives them."""
    import numpy
    from spacy.attrs import SENT_START
    from spacy.tokens import Doc

    from detente.analyse.doctext import text_of
    from detente.events.candidates import _concat, _Tokens

    first = next(parser.first_pass([TEXT], 8))
    tokens = _Tokens.of(first, TEXT)
    runs = parser.runs(first)
    assert len(runs) == 3  # parsed, unparsed, parsed
    pieces = iter(parser._parse([tokens.piece(a, b) for a, b, candidate in runs if candidate], 8))
    docs = [next(pieces) if candidate else tokens.piece(a, b, sentences=True) for a, b, candidate in runs]
    ours = _concat(docs, tokens)
    width = max(d.tensor.shape[1] for d in docs if d.tensor.size)
    for d in docs:  # spaCy's join stacks the tensors: the unparsed pieces need rows of zeros
        if not d.tensor.size:
            d.tensor = numpy.zeros((len(d), width), dtype="float32")
    spacys = Doc.from_docs(docs, ensure_whitespace=False)
    attrs = [a for a in Doc._get_array_attrs() if a != SENT_START]
    assert ours.text == spacys.text == TEXT
    assert (ours.to_array(attrs) == spacys.to_array(attrs)).all()
    # the sentences: the parsed runs' own and the first pass's in the unparsed run, which
    # spaCy's join drops (it sets sentence starts from the parse trees only)
    shift = len(docs[0]) + len(docs[1])
    expected = [(s.start, s.end) for s in docs[0].sents] + \
        [(s.start + len(docs[0]), s.end + len(docs[0])) for s in docs[1].sents] + \
        [(s.start + shift, s.end + shift) for s in docs[2].sents]
    assert [(s.start, s.end) for s in ours.sents] == expected
    assert len(list(spacys.sents)) < len(expected)
    assert [(e.start, e.end, e.label_) for e in ours.ents] == [(e.start, e.end, e.label_) for e in spacys.ents]
    assert ours.tensor.shape == spacys.tensor.shape and (ours.tensor == spacys.tensor).all()
    assert text_of(next(parser.pipe([TEXT]))) == TEXT


def test_runs_are_made_of_the_first_passs_tokens_with_the_tokenizers_norms(parser):
    """The runs are not tokenised again: the joined Doc has the tokens the tokenizer gives the
    whole text, and a parsed run keeps the norms the tokenizer's exceptions set ("n't" → "not"),
    which the model reads."""
    text = ("Peru won't lift the tariff on Chilean fruit, its trade minister said.\n\n"
            "The weather in the valley was warm.\n\nChile didn't respond.")
    doc = next(parser.pipe([text]))
    whole = load_nlp(Settings.load()).make_doc(text)
    assert [(t.idx, t.text) for t in doc] == [(t.idx, t.text) for t in whole]
    assert [t.norm_ for t in doc] == [t.norm_ for t in whole]
    assert doc[2].text == "n't" and doc[2].norm_ == "not" and doc[2].dep_ == "neg"
    weather = doc.char_span(text.index("The weather"), text.index("warm.") + 5)
    assert weather is not None and weather[0].is_sent_start and all(t.dep_ == "" for t in weather)


WORDS = ["Peru", "Chile", "sanctioned", "the", "weather", "said", "he", "it", "n't", "won't", ".", ",", "?",
         "\n", "\n\n", " ", "  ", "-", "\"", "é", "Mr.", "U.S.", "talks", "with", "in", "March"]


@settings(max_examples=40, deadline=None)
@given(st.lists(st.sampled_from(WORDS), max_size=60).map(lambda ws: " ".join(ws)))
def test_any_text_comes_back_whole_with_the_tokenizers_tokens(parser, text):
    """Scraped text is untrusted: whatever it is, the joined Doc has the text, the tokens and
    the offsets bare spaCy's tokenizer gives it, and sentences that cover it."""
    from detente.analyse.doctext import text_of

    doc = next(parser.pipe([text]))
    whole = parser.nlp.make_doc(text)
    assert doc.text == text_of(doc) == text
    assert [(t.idx, t.text, t.norm_) for t in doc] == [(t.idx, t.text, t.norm_) for t in whole]
    if len(doc):
        assert sum(len(s) for s in doc.sents) == len(doc)
