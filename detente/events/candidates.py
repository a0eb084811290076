"""Candidate parsing: the tagger, parser and NER run only on sentences that can hold an event.

Bare spaCy parses every sentence; most sentences of a news story name no country, or one
country and no act. A first, cheap pass runs the tokenizer, the statistical sentence
recogniser and the actor component; a sentence is a *candidate* when it has two actor
mentions or pronouns, or one and an event cue (a word of the event lexicon in any inflected
form). Runs of consecutive candidate sentences are parsed by the full pipeline in a second
`nlp.pipe`; the other runs keep only their tokens and sentence starts. Every run's Doc is made
from the first pass's tokens, so the text is tokenised once. The pieces are joined
back into one `Doc` with the text and offsets of the whole article, and the actor component
runs once more over the joined doc, so names learnt in one sentence are found in the others
and every mention of the document counts for pronouns and counterparts.

The default (`Settings.parse`: "candidates"; "all" parses every sentence); see
benchmarks/README.md for the coder's numbers both ways and what it gains in speed.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from itertools import islice
from typing import Any

import numpy
from spacy.attrs import LENGTH, NORM, SENT_START, SPACY
from spacy.language import Language
from spacy.tokens import Doc

from detente.analyse.component import COMPONENT, SPANS_KEY
from detente.analyse.doctext import keep_text
from detente.analyse.headings import mark_glued_headings
from detente.analyse.resolve import PRONOUNS
from detente.events.lexicon import inflections
from detente.events.patterns import PAIR_NOUNS, SPEAKER_PRONOUNS


def cue_words(nlp: Language) -> frozenset[str]:
    """Every lowercase form of every word of the event lexicon: regular inflections and the
    irregular forms of the model's lemmatizer tables ("met" for "meet")."""
    from detente.events.lexicon import inflections, load_lexicon

    lexicon = load_lexicon()
    lemmas: set[str] = set()
    # the words that make an act: not the verb classes and governors ("say", "be", "have"),
    # which only shape an act that one of these words makes
    for table in (lexicon.verbs, lexicon.verb_phrases, lexicon.nouns, lexicon.noun_phrases, lexicon.negated,
                  lexicon.negated_phrases, lexicon.adjectives,
                  lexicon.verb_patterns, lexicon.weak_verbs, lexicon.weak_phrases):
        lemmas.update(str(k).lower() for k in table)
    lemmas.update(w.split()[0] for w in lexicon.rebuttals)
    lemmas.update(w.lower() for c in lexicon.intent_cues for w in c.split())
    forms: set[str] = set()
    for lemma in lemmas:
        forms |= inflections(lemma)
    irregular = _irregular_forms(nlp)
    for lemma in lemmas:
        forms |= irregular.get(lemma, set())
    return frozenset(forms)


def _irregular_forms(nlp: Language) -> dict[str, set[str]]:
    out: dict[str, set[str]] = {}
    if "lemmatizer" not in nlp.component_names:
        return out
    lookups = getattr(nlp.get_pipe("lemmatizer"), "lookups", None)
    if lookups is None or not lookups.has_table("lemma_exc"):
        return out
    for table in lookups.get_table("lemma_exc").values():
        for form, lemmas in dict(table).items():
            for lemma in lemmas:
                out.setdefault(lemma, set()).add(form)
    return out


class CandidateParser:
    """`pipe(texts)` → Docs like `nlp.pipe(texts)`, parsed only where an event can be."""

    def __init__(self, nlp: Language):
        self.nlp = nlp
        self.cues = cue_words(nlp)
        # "he"/"she" resolved to an earlier person; "it"/"they"/"we"/"I" as a reported speaker
        self.pronouns = frozenset(PRONOUNS) | SPEAKER_PRONOUNS
        # "both sides", "the two countries": two parties named before (Patterns.pair_subject)
        self.pair_nouns = frozenset(form for noun in PAIR_NOUNS for form in inflections(noun))
        self.actors = nlp.get_pipe(COMPONENT)
        # the sentence recogniser ships disabled in the English models (the parser splits)
        self.senter = nlp.get_pipe("senter") if "senter" in nlp.component_names else None
        self.sentencizer = None if self.senter is not None else nlp.create_pipe("sentencizer")
        self.full = [name for name in nlp.pipe_names if name != "senter"]
        self.stats = {"sentences": 0, "candidates": 0, "tokens": 0, "parsed_tokens": 0}

    def first_pass(self, texts: Iterable[str], batch_size: int) -> Iterator[Doc]:
        splitter: Any = self.senter or self.sentencizer
        tokenizer: Any = self.nlp.tokenizer
        texts = list(texts)
        docs = (keep_text(doc, text) for doc, text in zip(tokenizer.pipe(texts, batch_size=batch_size), texts, strict=True))
        for doc in splitter.pipe(docs, batch_size=batch_size):
            for tok in doc[1:]:  # a line break ends a sentence (the recogniser misses some)
                if doc[tok.i - 1].is_space and "\n" in doc[tok.i - 1].text:
                    tok.is_sent_start = True
            yield self.actors(mark_glued_headings(doc))

    def is_candidate(self, sent, mention_starts: list[int]) -> bool:
        """`mention_starts`: the token starts of the doc's actor mentions, sorted."""
        mentions = bisect_left(mention_starts, sent.end) - bisect_left(mention_starts, sent.start)
        mentions += sum(1 for tok in sent if tok.lower_ in self.pronouns)
        mentions += 2 * sum(1 for tok in sent[:-1] if tok.lower_ in ("both", "two")
                            and tok.nbor().lower_ in self.pair_nouns)
        if mentions >= 2:
            return True
        return mentions == 1 and any(tok.lower_ in self.cues for tok in sent)

    def runs(self, doc: Doc) -> list[tuple[int, int, bool]]:
        """(start token, end token, candidate) of the runs of sentences of one kind, covering the doc."""
        starts = sorted(s.start for s in doc.spans[SPANS_KEY])
        heads: list[tuple[int, bool]] = []  # (start token, candidate) of each run
        for sent in doc.sents:
            flag = self.is_candidate(sent, starts)
            self.stats["sentences"] += 1
            self.stats["tokens"] += len(sent)
            if flag:
                self.stats["candidates"] += 1
                self.stats["parsed_tokens"] += len(sent)
            if not heads or heads[-1][1] != flag:
                heads.append((sent.start if heads else 0, flag))
        if not heads:
            return [(0, len(doc), False)]
        ends = [start for start, _ in heads[1:]] + [len(doc)]
        return [(start, end, flag) for (start, flag), end in zip(heads, ends, strict=True)]

    def pipe(self, texts: Iterable[str], batch_size: int = 32) -> Iterator[Doc]:
        """Docs in input order; the candidate runs of `batch_size` texts are parsed together."""
        stream = iter(texts)
        while group := list(islice(stream, max(1, batch_size))):
            firsts = list(self.first_pass(group, batch_size))
            tokens = [_Tokens.of(doc, text) for doc, text in zip(firsts, group, strict=True)]
            runs = [self.runs(doc) for doc in firsts]
            pieces = [toks.piece(a, b) for toks, doc_runs in zip(tokens, runs, strict=True)
                      for a, b, candidate in doc_runs if candidate]
            parsed = iter(self._parse(pieces, batch_size))
            for first, toks, doc_runs in zip(firsts, tokens, runs, strict=True):
                yield self._join(first, toks, doc_runs, parsed)

    def _join(self, first: Doc, tokens: _Tokens, runs: list[tuple[int, int, bool]], parsed: Iterator[Doc]) -> Doc:
        """One Doc of the whole text from its parsed and unparsed runs, actors found again over it."""
        if not len(first):
            return first
        docs = [next(parsed) if candidate else tokens.piece(a, b, sentences=True) for a, b, candidate in runs]
        if len(docs) == 1 and runs[0][2]:
            return docs[0]
        doc = docs[0] if len(docs) == 1 else _concat(docs, tokens)
        return self.actors(keep_text(doc, tokens.text))

    def _parse(self, docs: list[Doc], batch_size: int) -> list[Doc]:
        if not docs:
            return []
        with self.nlp.select_pipes(enable=self.full):
            return list(self.nlp.pipe(docs, batch_size=batch_size))


@dataclass(frozen=True)
class _Tokens:
    """The first pass's tokens of one text, from which the Docs of its runs are made without
    tokenising the text again (the tokenizer cost 3 % of an article's coding, twice)."""

    first: Doc  # the first pass's Doc
    text: str
    words: list[str]
    spaces: list[bool]
    offsets: list[int]  # the character offset of each token, and the text's length after the last
    array: Any  # NORM (set by the tokenizer's exceptions: "n't" → "not") and SENT_START per token

    @classmethod
    def of(cls, doc: Doc, text: str) -> _Tokens:
        sizes = doc.to_array([LENGTH, SPACY]).astype("int64")
        ends = numpy.cumsum(sizes[:, 0] + sizes[:, 1]).tolist()
        offsets = [0, *ends] if ends else [0]
        words = [text[a:a + n] for a, n in zip(offsets, sizes[:, 0].tolist(), strict=False)]
        return cls(doc, text, words, sizes[:, 1].astype(bool).tolist(), offsets, doc.to_array([NORM, SENT_START]))

    def piece(self, start: int, end: int, *, sentences: bool = False) -> Doc:
        """A Doc of tokens `start:end` with the tokenizer's norms and, with `sentences`, the
        first pass's sentence starts (an unparsed run); its text is kept."""
        doc = Doc(self.first.vocab, words=self.words[start:end], spaces=self.spaces[start:end])
        if sentences:
            values = self.array[start:end].copy()
            values[0, 1] = 1
            doc.from_array([NORM, SENT_START], values)
        else:
            doc.from_array([NORM], self.array[start:end, :1].copy())
        return keep_text(doc, self.text[self.offsets[start]:self.offsets[end]])


def _concat(docs: list[Doc], tokens: _Tokens) -> Doc:
    """`Doc.from_docs(docs, ensure_whitespace=False)` for the runs of one text, made from
    `tokens`: their annotations and tensors but not their spans and extension values (the actor
    component runs again over the whole), and with every run's own sentence starts (spaCy's join
    sets them from parse trees only, so an unparsed run became part of the sentence before it).
    The words are the first pass's: spaCy's own join made a Python object of every token and
    cost 5 % of an article's coding."""
    attrs = list(Doc._get_array_attrs())  # what Doc.from_docs carries
    arrays: Any = numpy.concatenate([d.to_array(attrs) for d in docs])
    doc = Doc(tokens.first.vocab, words=tokens.words, spaces=tokens.spaces)
    doc.from_array(attrs, arrays)
    # spaCy sets sentence starts from the parse trees alone, so the unparsed runs lost theirs:
    # set every piece's own again (a parsed run's are those of its trees)
    doc.from_array([SENT_START], arrays[:, [attrs.index(SENT_START)]].copy())
    width = max((d.tensor.shape[1] for d in docs if d.tensor.ndim == 2 and d.tensor.size), default=0)
    if width:
        doc.tensor = numpy.vstack([d.tensor if d.tensor.size else numpy.zeros((len(d), width), dtype="float32")
                                   for d in docs])
    return doc
