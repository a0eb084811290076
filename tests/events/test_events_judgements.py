"""Verbs that judge their object ("praised France's efforts", "condemned Pakistan's role") are
events with the object's owner, even when the object noun would make a light verb no event
("made an effort"). Own sentences; actors from the test stand-in."""

from __future__ import annotations

import pytest
from builders import coded, triples


@pytest.mark.parametrize(("text", "expected"), [
    ("Germany praised France's efforts to end the crisis.", [("DEU", "FRA", "SUPPORT")]),
    ("India condemned the role of Pakistan in the attack.", [("IND", "PAK", "ACCUSE")]),
])
def test_a_verb_judging_an_actors_effort_or_role_is_an_event_with_that_actor(text, expected):
    assert triples(text) == expected


@pytest.mark.parametrize("text", [
    "Germany made an effort to end the crisis.",  # a light verb with a non-event object: no event
    "Germany praised the film.",  # judged, but no other side in the sentence: none guessed
])
def test_a_non_event_object_still_stops_light_verbs_and_guessed_sides(text):
    assert triples(text) == []


@pytest.mark.parametrize(("text", "expected"), [
    # condemning an attack on a party is no accusation of that party
    ("Ghana condemned the attack on the Togolese embassy.", []),
    # ... but of who did it, however the parser hangs the "by" phrase
    ("Ghana condemned the attack on the Togolese embassy by Beninese rebels.",
     [("GHA", "BEN", "ACCUSE"), ("BEN", "TGO", "ASSAULT")]),
    ("Ghana condemned Benin's attack on the Togolese embassy.", [("GHA", "BEN", "ACCUSE"), ("BEN", "TGO", "ASSAULT")]),
    # blaming an act on someone names whom it blames; refusing to lift sanctions is aimed at their target
    ("Ghana blamed the attacks on Togolese militants.", [("GHA", "TGO", "ACCUSE")]),
    ("Ghana refused to lift sanctions on Togo.", [("GHA", "TGO", "REJECT")]),
])
def test_a_judgement_of_a_hostile_act_is_aimed_at_who_did_it_not_at_its_victim(text, expected):
    from builders import extracted_triples

    assert [t for t in extracted_triples(text) if t[1] is not None] == expected


@pytest.mark.parametrize(("text", "victim"), [
    # the owner word of an act done to people is whom it was done to, not who did it
    ("Rights groups condemned Kofi Mensah's arrest.", "Kofi Mensah"),
    ("Ghana condemned the journalist's detention.", "the journalist"),
    ("Ghana condemned Kofi Mensah's killing.", "Kofi Mensah"),
])
def test_whose_arrest_or_killing_is_condemned_is_not_the_one_condemned(text, victim):
    import detente

    events = detente.extract(text, published="2025-06-02")
    assert all(e.recipient is None or e.recipient.text != victim for e in events if e.event_type == "ACCUSE"), events


@pytest.mark.parametrize(("text", "expected"), [
    # a noun set beside a clause ("a move", "a step", "a decision") sums up the clause's act: a
    # stance on it, in a relative clause or a "by" participle, is aimed at the act's doer
    ("Peru annexed the disputed island, a move Chile condemned.", [("CHL", "ACCUSE", "PER")]),
    ("Peru closed the border, a decision which Chile criticised.", [("CHL", "ACCUSE", "PER"), ("PER", "COERCE", None)]),
    ("Peru expelled two Chilean diplomats, a step welcomed by Bolivia.",
     [("PER", "SANCTION", "CHLGOV"), ("BOL", "SUPPORT", "PER")]),
    ("Peru signed the deal last week, a step Chile welcomed.", [("CHL", "SUPPORT", "PER")]),
    # the noun a relative clause describes is its verb's object: the act it tells is coded
    ("Farmers protested against the sanctions Peru has imposed on Chile.", [("PER", "SANCTION", "CHL")]),
    # a summing noun alone names no one
    ("Chile welcomed the step.", []),
])
def test_a_stance_on_a_noun_summing_up_a_clause_is_aimed_at_the_clauses_doer(text, expected):
    assert coded(text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    # the subject of the adjective's clause judges the object of its preposition (or its owner)
    ("Peru was critical of Chile's decision to close the border.", [("PER", "CHL", "ACCUSE")]),
    ("The Ghanaian president was highly critical of Togo on Monday.", [("GHA", "TGO", "ACCUSE")]),
    ("India remains supportive of Nepal's bid for a seat on the council.", [("IND", "NPL", "SUPPORT")]),
    ("Peru is grateful to Chile for its help after the floods.", [("PER", "CHL", "SUPPORT")]),
    ("The Chilean president has been dismissive of Peru's complaints.", [("CHL", "PER", "REJECT")]),
    # a document the adjective describes is its issuer's judgement; a party it describes judges
    ("A UN committee issued a report critical of the Ghanaian government.", [(None, "GHA", "ACCUSE")]),
    ("Peruvian officials critical of Chile's policy met in Lima on Monday.", [("PER", "CHL", "ACCUSE")]),
])
def test_a_stance_adjective_with_its_preposition_is_a_judgement_of_its_object(text, expected):
    from builders import extracted_triples

    assert extracted_triples(text) == expected


@pytest.mark.parametrize("text", [
    "Peru was not critical of Chile's decision.",  # negated
    "Peru would be grateful to Chile for any help.",  # hypothetical
    "Officials in Lima said the situation on the border with Chile was critical.",  # no one judged
    "Ghana released a critical report on Togo's elections.",  # no "of": the adjective judges no one
])
def test_a_stance_adjective_negated_hypothetical_or_without_its_preposition_is_no_event(text):
    from builders import extracted_triples

    assert extracted_triples(text) == []


@pytest.mark.parametrize(("text", "expected"), [
    # a free relative of naming is what the judgement is of: its name's owner or doer is judged
    ("India condemned what it called Pakistan's unprovoked aggression.", [("IND", "PAK", "ACCUSE")]),
    ("Peru rejected what it described as interference by Chile in its internal affairs.", [("PER", "CHL", "REJECT")]),
    ("Ghana denounced what it termed Togo's illegal occupation of the island.", [("GHA", "TGO", "ACCUSE")]),
    ("India condemned what it called Pakistan's attack on its embassy.", [("IND", "PAK", "ACCUSE")]),
])
def test_a_judgement_of_what_the_judge_called_an_act_is_aimed_at_its_doer(text, expected):
    from builders import extracted_triples

    assert extracted_triples(text) == expected
