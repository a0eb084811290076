"""The text of a Doc, kept from the string it was made of.

spaCy does not store a Doc's text: `Doc.text` joins the text of every token on each read (about
10 ms for a news article, read by the actor component, the candidate parser and the coder). Where
detente makes a Doc from a string it keeps that string beside the Doc; `text_of` reads it back,
and rebuilds the text only for a Doc made elsewhere. Kept in a weak map, not in `doc.user_data`:
a Doc extension would be serialised with the Doc and warned about by `Doc.from_docs`.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from weakref import WeakKeyDictionary

from spacy.language import Language
from spacy.tokens import Doc

_KEPT: WeakKeyDictionary[Doc, str] = WeakKeyDictionary()


def text_of(doc: Doc) -> str:
    """`doc.text`, from the kept string when it has the Doc's length (a Doc changed since it was
    made, e.g. retokenised, no longer matches and is read the slow way)."""
    known = _KEPT.get(doc)
    if known is not None and len(known) == _length(doc):
        return known
    return doc.text


def keep_text(doc: Doc, text: str) -> Doc:
    """Keep `text`, the string `doc` was made of (or the join of the strings of its pieces)."""
    _KEPT[doc] = text
    return doc


def make_docs(nlp: Language, texts: Iterable[str]) -> Iterator[Doc]:
    """Tokenised Docs of `texts` keeping their text, for `nlp.pipe` (which accepts Docs)."""
    for text in texts:
        yield keep_text(nlp.make_doc(text), text)


def _length(doc: Doc) -> int:
    if not len(doc):
        return 0
    last = doc[-1]
    return last.idx + len(last.text_with_ws)
