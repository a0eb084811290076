"""The faster attribute ruler and lemmatizer (`detente.analyse.fastpipes`) leave every token as
the model's own components do: part of speech, morphology, lemma, tag and dependency."""

from __future__ import annotations

import json

import pytest
from builders import REPO, SHARED
from spacy.attrs import DEP, HEAD, LEMMA, MORPH, ORTH, POS, TAG
from spacy.pipeline import AttributeRuler

from detente.analyse import _load_model
from detente.analyse.fastpipes import FastAttributeRuler, speed_up
from detente.config import Settings

VOA = SHARED / "corpus" / "voa" / "voa_stories.jsonl"
SAMPLE = REPO / "detente" / "data" / "sample"
ATTRS = [ORTH, POS, MORPH, LEMMA, TAG, DEP, HEAD]


@pytest.fixture(scope="module")
def models():
    """The model as spaCy loads it, and the same model sped up."""
    stock = _load_model(Settings.load().model)
    fast = _load_model(Settings.load().model)
    speed_up(fast)
    return stock, fast


def _tokens(nlp, texts: list[str]) -> list:
    return [(doc.to_array(ATTRS).tolist(), [t.lemma_ for t in doc], [str(t.morph) for t in doc])
            for doc in nlp.pipe(texts)]


def _sample_texts() -> list[str]:
    texts = [p.read_text(encoding="utf-8") for p in sorted(SAMPLE.glob("*.txt"))]
    # contractions and the other word pairs the ruler's longer patterns are for
    texts.append("Y'all gonna see that they ain't gotta leave. Let's go, c'mon! There's no deal, there are "
                 "talks; 'cause it's late.  \n\n The U.S. didn't agree.")
    return texts


def test_the_model_keeps_its_component_names_and_settings(models):
    stock, fast = models
    assert fast.pipe_names == stock.pipe_names
    assert isinstance(fast.get_pipe("attribute_ruler"), FastAttributeRuler)
    assert fast.get_pipe("lemmatizer").mode == stock.get_pipe("lemmatizer").mode


def test_every_token_attribute_is_the_models_own_on_the_sample_articles(models):
    stock, fast = models
    texts = _sample_texts()
    assert _tokens(fast, texts) == _tokens(stock, texts)
    assert _tokens(fast, texts) == _tokens(stock, texts)  # and again, from the caches


@pytest.mark.skipif(not VOA.is_file(), reason=f"the VOA corpus is not at {VOA} (../shared is absent)")
def test_every_token_attribute_is_the_models_own_on_real_news(models):
    stock, fast = models
    texts = [json.loads(line)["text"] for line in VOA.read_text(encoding="utf-8").splitlines()[:30]]
    assert _tokens(fast, texts) == _tokens(stock, texts)


def test_a_ruler_pattern_the_lookup_cannot_read_keeps_spacys_matcher(models):
    stock, _fast = models
    texts = _sample_texts()[:2]
    expected = _tokens(stock, texts)
    ruler = stock.get_pipe("attribute_ruler")
    # a pattern with an operator: the lookup has no way to index it, so spaCy's matcher runs
    ruler.add([[{"LOWER": "zzqx", "OP": "?"}, {"LOWER": "zzqy"}]], {"LEMMA": "zz"})
    try:
        ruler.__class__ = FastAttributeRuler
        assert _tokens(stock, texts) == expected
        assert ruler.__dict__["_lookup"] is False
    finally:
        ruler.__class__ = AttributeRuler
        ruler.__dict__.pop("_lookup", None)


def test_the_faster_pipeline_still_pickles(models):
    """spaCy's process pool pickles the pipeline: the swapped components must travel too."""
    import pickle

    _stock, fast = models
    texts = _sample_texts()[:2]
    expected = _tokens(fast, texts)
    again = pickle.loads(pickle.dumps(fast))
    assert type(again.get_pipe("lemmatizer")) is type(fast.get_pipe("lemmatizer"))
    assert _tokens(again, texts) == expected
