"""Stages 1-4 (read → clean → analyse → code) wired together, one document at a time.

Everything here is a pure function of a document plus the loaded model, so the same
`Pipeline.process` runs in-process, in each worker of a process pool, or inside a Spark
partition (see `detente.engines`).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import replace
from typing import Any

from detente.budget import OverBudget, chunks, over_time, time_limit, too_long
from detente.config import Settings
from detente.models import Article, Coded, Event, ProcessedDocument, RawDocument

WARM_UP = ("Lima, 11 February 2025 — Peru imposed a tariff on Chilean fruit on Tuesday, the trade "
           "ministry said, and the foreign minister called it a response to the January dispute.\n"
           "Talks are due to resume in Brasília next month.")


class Pipeline:
    def __init__(self, settings: Settings | None = None):
        self.settings = settings or Settings.load()
        self._nlp = None
        self._events: Any = None
        self._warm = False
        self._warm_article: Article | None = None
        self._coder_warm = False
        self._candidates: Any = None  # a CandidateParser, made on first use

    def _pipe(self, texts: Iterable[str], batch_size: int):
        """Docs of `texts` in order: the whole model, or (`parse: candidates`) the tagger,
        parser and NER only on the sentences that can hold an event."""
        if self.settings.parse == "candidates":
            if self._candidates is None:
                from detente.events.candidates import CandidateParser

                self._candidates = CandidateParser(self.nlp)
            return self._candidates.pipe(texts, batch_size=batch_size)
        if self.settings.parse != "all":
            raise ValueError(f"parse must be 'all' or 'candidates', not {self.settings.parse!r}")
        from detente.analyse.doctext import make_docs

        return self.nlp.pipe(make_docs(self.nlp, texts), batch_size=batch_size)

    @property
    def nlp(self):
        """The spaCy pipeline with the actor ruler; loaded once, on first use."""
        if self._nlp is None:
            from detente.analyse import load_nlp
            from detente.events import COMPONENT

            nlp = load_nlp(self.settings)
            config = {"coder_model": self.settings.coder_model}
            if COMPONENT not in nlp.pipe_names:
                nlp.add_pipe(COMPONENT, last=True, config=config)
            # the coder: the pipeline's own component, or one with this run's learned model setting
            self._events = (nlp.get_pipe(COMPONENT) if nlp.get_pipe_config(COMPONENT).get("coder_model") == config["coder_model"]
                            else nlp.create_pipe(COMPONENT, config=config))
            self._nlp = nlp
        return self._nlp

    def _code(self, doc, article: Article) -> Coded:
        """The coder component over one analysed Doc of `article` (its Doc extensions are the result)."""
        from detente.events import coded_of

        self.nlp  # noqa: B018 - loads the model and the component on first use
        doc._.article = article
        try:
            coded = coded_of(self._events(doc))
        finally:
            doc._.article = None
        floor = self.settings.min_confidence
        if floor > 0 and any(e.confidence < floor for e in coded.events):
            coded = replace(coded, events=[e for e in coded.events if e.confidence >= floor])
        return coded

    def clean(self, raw: RawDocument) -> Article:
        """Clean one document within its time budget (over it: rejected with that reason)."""
        from detente.clean import clean, reject

        if not self._warm:
            # what cleaning loads on first use (language identifier, date parser) is loaded
            # once per process, outside any document's budget
            self._warm = True
            self._warm_article = clean(raw_from_string(WARM_UP, source_path="<warm-up>"), self.settings)
        try:
            with time_limit(self.settings.doc_seconds):
                return clean(raw, self.settings)
        except OverBudget as exc:
            return reject(raw, over_time("cleaning", exc.seconds))

    def code_articles(self, articles: Iterable[Article]) -> Iterator[ProcessedDocument]:
        """Code a stream of cleaned articles, in order, batching the model through `nlp.pipe`.

        A batch holds at most `batch_size` articles and `chunk_chars` characters and gets the
        sum of their time budgets; when it runs over, its articles are coded again one by one,
        each with its own budget, and one that runs over that is rejected with the reason.
        """
        for batch in self._batches(articles):
            codable = [a for a in batch if a.is_codable]
            coded: dict[int, Coded | Article] = {}
            if codable:
                self._warm_up_coder()
            if len(codable) > 1:
                try:
                    # the batch's documents' budgets together: with one document's, a batch that is
                    # merely slow (a loaded machine) was coded twice, together and then alone
                    with time_limit(self.settings.doc_seconds * len(codable)) as deadline:
                        coded = self._code_together(codable, deadline)
                except OverBudget:
                    coded = {}
            for article in codable:
                if id(article) not in coded:
                    coded[id(article)] = self._code_alone(article)
            for article in batch:
                result = coded.get(id(article), Coded())
                if isinstance(result, Article):  # rejected while coding
                    yield ProcessedDocument(article=result)
                else:
                    yield ProcessedDocument(article=article, coded=result)

    def process(self, raws: Iterable[RawDocument]) -> Iterator[ProcessedDocument]:
        return self.code_articles(self.clean(raw) for raw in raws)

    def _batches(self, articles: Iterable[Article]) -> Iterator[list[Article]]:
        batch: list[Article] = []
        chars = 0
        for article in articles:
            size = len(article.text) if article.is_codable else 0
            if batch and (len(batch) >= self.settings.batch_size or chars + size > self._chunk_chars):
                yield batch
                batch, chars = [], 0
            batch.append(article)
            chars += size
        if batch:
            yield batch

    @property
    def _chunk_chars(self) -> int:
        """Characters per piece given to spaCy: the setting, below the model's own limit."""
        limit = self.settings.chunk_chars
        if self._nlp is not None:
            limit = min(limit, self._nlp.max_length - 1)
        return max(1, limit)

    def _warm_up_coder(self) -> None:
        """Load the model and what the coder loads on first use outside any document's budget."""
        nlp = self.nlp
        if self._coder_warm:
            return
        self._coder_warm = True
        article = self._warm_article or Article(doc_id="warm-up", source_path="<warm-up>", text=WARM_UP)
        try:
            self._code(nlp(article.text or WARM_UP), article)
        except Exception:  # noqa: BLE001 - best effort: a real document meets the same error, with its name
            pass

    def _code_together(self, articles: list[Article], deadline) -> dict[int, Coded]:
        coded: dict[int, Coded] = {}
        docs = self._pipe((a.text for a in articles), self.settings.batch_size)
        for doc, article in zip(docs, articles, strict=True):
            coded[id(article)] = self._code(doc, article)
            deadline.check()
        return coded

    def _code_alone(self, article: Article) -> Coded | Article:
        """Code one article within its budgets; a long text in chunks joined into one Doc (so
        offsets stay those of the whole text). Over a budget: the rejected article."""
        from spacy.tokens import Doc

        from detente.analyse.doctext import keep_text

        if len(article.text) > self.settings.max_chars:
            return _rejected(article, too_long(len(article.text), self.settings.max_chars))
        self._warm_up_coder()
        try:
            with time_limit(self.settings.doc_seconds) as deadline:
                pieces = chunks(article.text, self._chunk_chars)
                docs = []
                for doc in self._pipe(pieces, batch_size=1):
                    docs.append(doc)
                    deadline.check()
                doc = docs[0] if len(docs) == 1 else keep_text(Doc.from_docs(docs, ensure_whitespace=False), article.text)
                return self._code(doc, article)
        except OverBudget as exc:
            return _rejected(article, over_time("coding", exc.seconds))


def _rejected(article: Article, reason: str) -> Article:
    """An article rejected after cleaning: its reason, no text (as `clean.reject` leaves it)."""
    return replace(article, status="rejected", reason=reason, text="", duplicate_of=None)


_DEFAULT: Pipeline | None = None


def default_pipeline(settings: Settings | None = None) -> Pipeline:
    """A process-wide pipeline so notebook calls to `detente.extract` load the model once.

    Text handed over directly is what the caller wants coded, however short: the floor on
    words (`min_words`, meant for scraped pages with no article in them) does not apply.
    """
    global _DEFAULT
    if settings is not None:
        return Pipeline(settings)
    if _DEFAULT is None:
        _DEFAULT = Pipeline(Settings.load(min_words=1))
    return _DEFAULT


def extract_events(text_or_html: str, published: str | None = None, source_path: str = "<string>",
                   settings: Settings | None = None, **meta) -> list[Event]:
    raw = raw_from_string(text_or_html, source_path=source_path, published=published, **meta)
    processed = next(default_pipeline(settings).process([raw]))
    return processed.events()  # with the document's fields, as the store and `detente extract` give them


def raw_from_string(text_or_html: str, source_path: str = "<string>", published: str | None = None,
                    **meta) -> RawDocument:
    looks_html = text_or_html.lstrip()[:1] == "<" and "</" in text_or_html
    return RawDocument(
        source_path=source_path,
        html=text_or_html if looks_html else None,
        text=None if looks_html else text_or_html,
        kind="html" if looks_html else "text",
        published=published,
        size=len(text_or_html.encode("utf-8", "replace")),
        **meta,
    )
