"""Stages 1-4 (read → clean → analyse → code) wired together, one document at a time.

Everything here is a pure function of a document plus the loaded model, so the same
`Pipeline.process` runs in-process, in each worker of a process pool, or inside a Spark
partition (see `detente.engines`).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from itertools import islice

from detente.config import Settings
from detente.models import Article, Coded, Event, ProcessedDocument, RawDocument


class Pipeline:
    def __init__(self, settings: Settings | None = None):
        self.settings = settings or Settings.load()
        self._nlp = None

    @property
    def nlp(self):
        """The spaCy pipeline with the actor ruler; loaded once, on first use."""
        if self._nlp is None:
            from detente.analyse import load_nlp

            self._nlp = load_nlp(self.settings)
        return self._nlp

    def clean(self, raw: RawDocument) -> Article:
        from detente.clean import clean

        return clean(raw, self.settings)

    def code_articles(self, articles: Iterable[Article]) -> Iterator[ProcessedDocument]:
        """Code a stream of cleaned articles, in order, batching the model through `nlp.pipe`."""
        from detente.events import code

        iterator = iter(articles)
        while batch := list(islice(iterator, self.settings.batch_size)):
            codable = [a for a in batch if a.is_codable]
            coded: dict[int, Coded] = {}
            if codable:
                pairs = ((a.text, a) for a in codable)
                for doc, article in self.nlp.pipe(pairs, as_tuples=True, batch_size=self.settings.batch_size):
                    coded[id(article)] = code(doc, article, self.settings)
            for article in batch:
                yield ProcessedDocument(article=article, coded=coded.get(id(article), Coded()))

    def process(self, raws: Iterable[RawDocument]) -> Iterator[ProcessedDocument]:
        return self.code_articles(self.clean(raw) for raw in raws)


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
    return processed.coded.events


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
