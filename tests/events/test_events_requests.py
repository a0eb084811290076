"""Requests are addressed to the one asked: "urged supporters to march against X" asks the
speaker's own supporters, not X, and "urged member states to impose sanctions on X" is no act of
the speaker's against X. Own sentences; actors from the test stand-in."""

from __future__ import annotations

import pytest
from builders import coded, extracted_triples, rules_coded, triples

import detente


@pytest.mark.parametrize("text", [
    "Venezuela urged supporters to march against Colombia.",
    "The European Union urged member states to impose sanctions on Russia.",
    "Brazil asked farmers to stop selling beef to China.",
    # the one asked named after "call on" / "call upon", and a pronoun the coder does not resolve
    "Venezuela called on its supporters to march against Colombia.",
    "The European Union called upon the member states to impose sanctions on Russia.",
    "Brazil called on exporters to stop shipping beef through Chinese ports.",
    "Brazil urged them to stop selling beef to China.",
    "Brazil called on them to overcome problems such as Chinese duties on Brazilian beef.",
])
def test_a_request_to_a_group_no_dictionary_knows_is_not_addressed_to_the_acts_target(text):
    assert [t for t in triples(text) if t[1] in ("COL", "RUS", "CHN")] == []


@pytest.mark.parametrize(("text", "expected"), [
    # ... it is a request to them, with their words and no code unless a country word gives one
    ("The Ghanaian government urged teachers to call off the strike.", ("GHAGOV", "REQUEST", "teachers", None)),
    ("The Togolese opposition called on workers to join the protest.", ("TGOOPP", "REQUEST", "workers", None)),
    ("Togo urged Ghanaian fishermen to leave its waters.", ("TGO", "REQUEST", "Ghanaian fishermen", "GHAAGR")),
])
def test_a_request_to_people_no_dictionary_knows_is_aimed_at_them(text, expected):
    assert rules_coded(text) == [expected]


def test_a_request_to_an_unresolved_pronoun_is_no_event():
    assert rules_coded("They urged them to impose sanctions on Togo.") == []


@pytest.mark.parametrize(("text", "expected"), [
    ("Germany urged Russia to withdraw its troops.", [("DEU", "RUS", "REQUEST")]),
    ("France pressed Iran to release the detained tourists.", [("FRA", "IRN", "REQUEST")]),
    ("Germany called on Russia to withdraw its troops.", [("DEU", "RUS", "REQUEST")]),
    ("Germany called upon Russia to withdraw its troops.", [("DEU", "RUS", "REQUEST")]),
    # a phrase opening the sentence with "on" names no one asked
    ("On the diplomatic front, Germany demanded that Russia withdraw its troops.", [("DEU", "RUS", "REQUEST")]),
])
def test_a_request_to_a_known_actor_is_still_coded(text, expected):
    assert [(a, r, t) for a, r, t in triples(text)] == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("Germany called for Russia to withdraw its troops.", [("DEU", "RUS", "REQUEST")]),
    ("France appealed for Iran to free the detained tourists.", [("FRA", "IRN", "REQUEST")]),
])
def test_a_call_for_someone_to_act_is_a_request_not_a_phone_call(text, expected):
    # the parse makes "for" the complementizer of the for-to clause, not the verb's preposition
    assert triples(text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("The Indian foreign minister said Pakistan must close the militant camps.", [("IND", "PAK", "REQUEST")]),
    ("France said Iran should reopen the embassy.", [("FRA", "IRN", "REQUEST")]),
    ("Japan said China needs to return the seized vessels.", [("JPN", "CHN", "REQUEST")]),
])
def test_a_speaker_saying_what_another_actor_must_do_is_the_speakers_request(text, expected):
    assert triples(text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    # an opposition, a former leader or a court asking the government of its own country: two parties
    ("The Kenyan opposition leader said the Kenyan government must release the activists.",
     [("KENOPP", "KENGOV", "REQUEST")]),
    ("A former prime minister of Pakistan said the Pakistani government must hold early elections.",
     [("PAKELI", "PAKGOV", "REQUEST")]),
    # and laying a harm at its door is an accusation between them
    ("The Kenyan opposition leader said the Kenyan government was behind the attack.",
     [("KENOPP", "KENGOV", "ACCUSE")]),
])
def test_two_parties_of_one_country_ask_and_accuse_each_other(text, expected):
    assert [(a, r, t) for a, r, t in (
        (e.actor.code, e.recipient.code if e.recipient else None, e.event_type)
        for e in detente.extract(text, published="2025-06-02"))] == expected


@pytest.mark.parametrize("text", [
    "India said it must protect its border with Pakistan.",  # the speaker's own duty
    "Germany said Russia should be fined for the spill.",  # the actor is the patient, not the one asked
    "Analysts said Brazil must negotiate with Mexico.",  # no actor speaks
    "The Indian foreign minister said India must protect its border.",  # the speaker's own country
    "The Kenyan president said Kenya must protect its borders.",  # the whole country is the speaker's too
    "France said Iran may have to reopen the embassy.",  # a possibility, not a demand
])
def test_an_obligation_that_is_not_asked_of_another_actor_is_no_request(text):
    assert [t for t in triples(text) if t[2] == "REQUEST"] == []


def test_a_demand_is_cameo_10_and_an_appeal_cameo_02():
    from builders import run

    must = run("France said Iran must reopen the embassy.").events
    should = run("France said Iran should reopen the embassy.").events
    assert [e.cameo_root for e in must] == ["10"] and [e.cameo_root for e in should] == ["02"]


def test_an_act_asked_or_refused_is_not_done_even_in_a_second_conjunct():
    """"refused to meet or negotiate", "urge Kenya to arrest … and cooperate with …": every
    conjoined complement of an asking, threatening, promising or refusing verb is what was asked
    (or refused), not an act that happened, even where the governor itself names no known actor."""
    assert ("IRN", "USA", "CONSULT") not in triples("Iran refused to meet or negotiate with the United States.")
    quoted = ('"We urge Kenya to arrest the organizers of this attack and cooperate with the government of '
              'Uganda," a spokesman told reporters.')
    assert [e.event_type for e in detente.extract(quoted)] == []


@pytest.mark.parametrize(("text", "expected"), [
    ("Uganda urged Kenya to arrest the organizers and cooperate with Uganda to bring them to justice.",
     {"arrest": "request", "cooperate": "request", "bring": "request"}),
    ("Kenya agreed to cooperate with Uganda to bring the smugglers to justice.", {"cooperate": "promise", "bring": "promise"}),
    ("Kenya decided to cooperate with Uganda to bring the smugglers to justice.", {"cooperate": None, "bring": None}),
])
def test_the_conjuncts_and_purpose_of_a_governed_act_are_governed_too(text, expected):
    """What a request or promise governs reaches through conjoined complements and their purpose
    clauses; a transparent governor ("decided to") governs nothing: its act happened."""
    from builders import nlp_for_tests

    from detente.events.coder import Coder

    patterns = Coder(learned=False).patterns
    doc = nlp_for_tests()(text)
    assert {t.text: patterns.governing(t) for t in doc if t.text in expected} == expected


def test_an_ultimatum_is_a_threat_not_a_demand():
    """PLOVER's manual: "a final warning, ultimate demand or order" is THREATEN (CAMEO 139)."""
    events = detente.extract("Turkey issued an ultimatum to Syria on Monday.", published="2025-06-06")
    assert [(e.actor.code, e.event_type, e.event_code, e.recipient.code) for e in events] == [("TUR", "THREATEN", "139", "SYR")]


@pytest.mark.parametrize(("text", "expected"), [
    # a request still planned or expected has not been made
    ("Peru plans to urge Chile to withdraw its troops.", []),
    ("Peru is expected to demand that Chile withdraw its ambassador.", []),
    # one made now, or one announced for the future, is coded as a request
    ("Peru urged Chile to withdraw its troops on Monday.", [("PER", "REQUEST", "CHL")]),
    ("Peru will urge Chile to withdraw its troops.", [("PER", "REQUEST", "CHL")]),
])
def test_a_request_planned_or_expected_is_no_request_yet(text, expected):
    assert coded(text) == expected


def test_a_call_for_a_measure_against_a_party_is_aimed_at_it_not_at_what_the_call_is_about():
    # the speech names a known Chinese leader; the sanctions asked for are against Beijing
    events = detente.extract("Japan has called for sanctions against Beijing over the Xi Jinping speech.",
                             published="2025-06-02")
    assert [(e.event_type, e.recipient.text) for e in events if e.recipient] == [("ACCUSE", "Beijing")]


def test_lobbying_another_to_act_is_asking_it():
    events = detente.extract("Chile lobbied Peru to drop the tariffs on copper.", published="2025-06-02")
    assert [(e.actor.country, e.event_type, e.recipient.country) for e in events] == [("CHL", "REQUEST", "PER")]


@pytest.mark.parametrize(("text", "expected"), [
    # the noun "call" asking for an act, however the act follows it, is an appeal (CAMEO 020)
    ("Ghana renewed its call for Togo to release the journalists.", [("GHA", "REQUEST", "TGO")]),
    ("Ghana repeated its call on Togo to release the journalists.", [("GHA", "REQUEST", "TGO")]),
    # a call made to someone, with nothing asked, is a phone call
    ("Ghana's president made a phone call to Togo's president.", [("GHAGOV", "CONSULT", "TGOGOV")]),
])
def test_the_noun_call_asking_for_an_act_is_an_appeal(text, expected):
    assert coded(text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    # an act in the infinitive of a noun of asking was asked for, not done: the answer is the event
    ("Peru's president declined an invitation to visit Chile.", [("PERGOV", "REJECT", "CHL")]),
    ("Peru turned down Chile's request to extradite the businessman.", [("PER", "REJECT", "CHL")]),
])
def test_an_act_asked_for_in_a_nouns_infinitive_is_not_done(text, expected):
    assert coded(text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    # whom a quote is told to ("told reporters", "told lawmakers") is its audience: the quoted
    # clause is still what the speaker said
    ("\"Togo must withdraw its troops immediately,\" the Ghanaian foreign minister told reporters.",
     [("GHA", "TGO", "REQUEST")]),
    ("\"We will impose sanctions on Chile,\" Peru's president told lawmakers.", [("PER", "CHL", "THREATEN")]),
])
def test_a_quote_told_to_an_audience_is_said(text, expected):
    assert extracted_triples(text) == expected
