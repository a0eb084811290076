"""Acts done to people no dictionary knows ("released dozens of activists", "police arrested 18
people"): the grammar finds the act, its doer and the people it was done to, and codes the
people's phrase as the recipient, without the learned model. Own sentences."""

from __future__ import annotations

import pytest

import detente
from detente.analyse import load_nlp
from detente.config import Settings
from detente.events import Coder
from detente.models import Article


@pytest.fixture(scope="module")
def rules_only():
    nlp = load_nlp(Settings.load(min_words=1))
    coder = Coder(learned=False)

    def code(text: str) -> list[tuple]:
        article = Article(doc_id="t", source_path="t.txt", text=text, published="2025-05-20")
        return [(e.actor.code if e.actor else None, e.event_type, e.recipient.text if e.recipient else None,
                 e.recipient.code if e.recipient else None) for e in coder(nlp(text), article).events]
    return code


@pytest.mark.parametrize(("text", "expected"), [
    ("Togo released dozens of political activists on Monday.", ("TGO", "CONCEDE", "political activists", None)),
    ("Togolese police arrested 18 people on Saturday.", ("TGOCOP", "COERCE", "18 people", None)),
    ("The Togolese government has pardoned the former president.", ("TGOGOV", "CONCEDE", "the former president", None)),
    ("Togo has deported a 60-year-old businessman.", ("TGO", "COERCE", "a 60-year-old businessman", None)),
    ("Togo banned the opposition leader from holding public office.", ("TGO", "COERCE", "the opposition leader", None)),
    # a country word inside the people's phrase codes them
    ("A court in Lome freed a Togolese journalist.", ("TGOJUD", "CONCEDE", "a Togolese journalist", "TGO")),
])
def test_an_act_done_to_people_is_aimed_at_them_by_the_grammar_alone(rules_only, text, expected):
    assert rules_only(text) == [expected]


@pytest.mark.parametrize("text", [
    # asked of another, refused, negated or only possible: not done
    "Kenya put pressure on Uganda to release the prisoners.",
    "Togo refused to release the activists.",
    "Togo did not release the activists.",
    "Togo may release the activists.",
    # done to things, not people: no recipient to code
    "Togo banned imports of rice.",
])
def test_no_act_done_to_people_when_none_was_done_or_no_one_was_its_object(rules_only, text):
    assert [e for e in rules_only(text) if e[1] in ("CONCEDE", "COERCE")] == []


def test_the_whole_pipeline_codes_an_act_done_to_people_once():
    events = detente.extract("Togolese police arrested 18 people on Saturday.", published="2025-05-20")
    assert [(e.actor.code, e.event_type, e.recipient.text) for e in events] == [("TGOCOP", "COERCE", "18 people")]
