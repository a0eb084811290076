"""Candidate parsing: the tagger, parser and NER run only on sentences that can hold an event.

Bare spaCy parses every sentence; most sentences of a news story name no country, or one
country and no act. A first, cheap pass runs the tokenizer, the statistical sentence
recogniser and the actor component; a sentence is a *candidate* when it has two actor
mentions or pronouns, or one and an event cue (a word of the event lexicon in any inflected
form). Runs of consecutive candidate sentences are parsed by the full pipeline in a second
`nlp.pipe`; the other runs keep only their tokens and sentence starts. The pieces are joined
back into one `Doc` with the text and offsets of the whole article, and the actor component
runs once more over the joined doc, so names learnt in one sentence are found in the others
and every mention of the document counts for pronouns and counterparts.

Off by default (`Settings.candidate_parsing`); see benchmarks/README.md for what it costs the
coder's recall and what it gains in speed.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterable, Iterator
from itertools import islice
from typing import Any

import numpy
from spacy.attrs import IDX, LENGTH, SENT_START, SPACY
from spacy.language import Language
from spacy.tokens import Doc

from detente.analyse.component import COMPONENT, SPANS_KEY
from detente.analyse.doctext import keep_text, make_docs, text_of
from detente.analyse.resolve import PRONOUNS
from detente.events.patterns import SPEAKER_PRONOUNS


def cue_words(nlp: Language) -> frozenset[str]:
    """Every lowercase form of every word of the event lexicon: regular inflections and the
    irregular forms of the model's lemmatizer tables ("met" for "meet")."""
    from detente.events.lexicon import inflections, load_lexicon

    lexicon = load_lexicon()
    lemmas: set[str] = set()
    # the words that make an act: not the verb classes and governors ("say", "be", "have"),
    # which only shape an act that one of these words makes
    for table in (lexicon.verbs, lexicon.verb_phrases, lexicon.nouns, lexicon.noun_phrases, lexicon.negated,
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
            yield self.actors(doc)

    def is_candidate(self, sent, mention_starts: list[int]) -> bool:
        """`mention_starts`: the token starts of the doc's actor mentions, sorted."""
        mentions = bisect_left(mention_starts, sent.end) - bisect_left(mention_starts, sent.start)
        mentions += sum(1 for tok in sent if tok.lower_ in self.pronouns)
        if mentions >= 2:
            return True
        return mentions == 1 and any(tok.lower_ in self.cues for tok in sent)

    def runs(self, doc: Doc) -> list[tuple[int, int, bool]]:
        """(start char, end char, candidate) of the runs of sentences of one kind, covering the text."""
        starts = sorted(s.start for s in doc.spans[SPANS_KEY])
        heads: list[tuple[int, bool]] = []  # (start char, candidate) of each run
        for sent in doc.sents:
            flag = self.is_candidate(sent, starts)
            self.stats["sentences"] += 1
            self.stats["tokens"] += len(sent)
            if flag:
                self.stats["candidates"] += 1
                self.stats["parsed_tokens"] += len(sent)
            if not heads or heads[-1][1] != flag:
                heads.append((sent.start_char if heads else 0, flag))
        length = len(text_of(doc))
        if not heads:
            return [(0, length, False)]
        # a run ends where the next begins: whitespace between sentences stays with the run before
        ends = [start for start, _ in heads[1:]] + [length]
        return [(start, end, flag) for (start, flag), end in zip(heads, ends, strict=True)]

    def pipe(self, texts: Iterable[str], batch_size: int = 32) -> Iterator[Doc]:
        """Docs in input order; the candidate runs of `batch_size` texts are parsed together."""
        stream = iter(texts)
        while group := list(islice(stream, max(1, batch_size))):
            firsts = list(self.first_pass(group, batch_size))
            runs = [self.runs(doc) for doc in firsts]
            # the first pass keeps each text as it is: slice the text, not `Doc.text` (a join of
            # every token, rebuilt on each access)
            pieces = [text[a:b] for text, doc_runs in zip(group, runs, strict=True)
                      for a, b, candidate in doc_runs if candidate]
            parsed = iter(self._parse(pieces, batch_size))
            for first, text, doc_runs in zip(firsts, group, runs, strict=True):
                yield self._join(first, text, doc_runs, parsed)

    def _join(self, first: Doc, text: str, runs: list[tuple[int, int, bool]], parsed: Iterator[Doc]) -> Doc:
        """One Doc of the whole text from its parsed and unparsed runs, actors found again over it."""
        sent_starts = [s.start_char for s in first.sents]  # once: `Doc.sents` walks every token
        docs = [next(parsed) if candidate else self._unparsed(text, a, b, sent_starts) for a, b, candidate in runs]
        docs = [d for d in docs if len(d)]
        if len(docs) == 1 and runs[0][2]:
            return docs[0]
        if not docs:
            return first
        doc = docs[0] if len(docs) == 1 else _concat(docs, text)
        return self.actors(keep_text(doc, text))

    def _parse(self, texts: list[str], batch_size: int) -> list[Doc]:
        if not texts:
            return []
        with self.nlp.select_pipes(enable=self.full):
            return list(self.nlp.pipe(make_docs(self.nlp, texts), batch_size=batch_size))

    def _unparsed(self, text: str, start_char: int, end_char: int, sent_starts: list[int]) -> Doc:
        """The tokens of a run of `text` with the first pass's sentence starts (`sent_starts`,
        in characters, sorted) and nothing else."""
        doc = self.nlp.make_doc(text[start_char:end_char])
        if not len(doc):
            return doc
        starts = numpy.asarray(sent_starts[bisect_left(sent_starts, start_char):bisect_left(sent_starts, end_char)],
                               dtype="int64") - start_char
        # one array write, not a Python loop over every token of the run
        flags = numpy.isin(doc.to_array([IDX]).astype("int64"), starts)
        flags[0] = True
        values: Any = numpy.where(flags, 1, -1).astype("int64").astype("uint64").reshape(-1, 1)
        doc.from_array([SENT_START], values)
        return doc


def _concat(docs: list[Doc], text: str) -> Doc:
    """`Doc.from_docs(docs, ensure_whitespace=False)` for pieces that cover `text` end to end, with
    their annotations and tensors but not their spans and extension values (the actor component
    runs again over the whole). The words are cut from `text`, not read token by token: spaCy's
    own join made a Python object of every token and cost 5 % of an article's coding."""
    attrs = list(Doc._get_array_attrs())  # what Doc.from_docs carries: LENGTH and SPACY first
    arrays: Any = numpy.concatenate([d.to_array(attrs) for d in docs])
    lengths = arrays[:, attrs.index(LENGTH)].astype("int64")
    spaces = arrays[:, attrs.index(SPACY)].astype(bool)
    starts = numpy.concatenate(([0], numpy.cumsum(lengths + spaces)[:-1]))
    words = [text[a:a + n] for a, n in zip(starts.tolist(), lengths.tolist(), strict=True)]
    doc = Doc(docs[0].vocab, words=words, spaces=spaces.tolist())
    doc.from_array(attrs, arrays)
    width = max((d.tensor.shape[1] for d in docs if d.tensor.ndim == 2 and d.tensor.size), default=0)
    if width:
        doc.tensor = numpy.vstack([d.tensor if d.tensor.size else numpy.zeros((len(d), width), dtype="float32")
                                   for d in docs])
    return doc
