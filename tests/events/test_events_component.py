"""The coder is the spaCy component "detente_events": the pipeline carries it with its config,
it codes a Doc whose `doc._.article` is set, and passes any other Doc through untouched."""

from __future__ import annotations

from detente.events import COMPONENT
from detente.models import Article
from detente.pipeline import Pipeline

TEXT = "Russia attacked Ukraine on Monday, the Ukrainian defence ministry said."


def test_the_pipeline_carries_the_coder_component_with_its_config():
    nlp = Pipeline().nlp
    assert nlp.pipe_names[-1] == COMPONENT
    assert "coder_model" in nlp.get_pipe_config(COMPONENT)


def test_a_doc_with_its_article_is_coded_by_the_spacy_pipeline_itself():
    nlp = Pipeline().nlp
    doc = nlp.make_doc(TEXT)
    doc._.article = Article(doc_id="c1", source_path="c.txt", text=TEXT, published="2025-03-04",
                            published_method="metadata")
    doc = nlp(doc)
    assert [(e.actor.country, e.recipient.country, e.event_type) for e in doc._.events] == [("RUS", "UKR", "ASSAULT")]


def test_a_doc_without_an_article_passes_through_uncoded():
    doc = Pipeline().nlp(TEXT)
    assert doc._.events is None
