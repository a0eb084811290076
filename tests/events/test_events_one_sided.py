"""Acts that are news with no one at their other end ("declared a state of emergency", "mobilised
its troops", "went on strike", "declared a unilateral ceasefire"): coded with an empty recipient,
as PLOVER and CAMEO code them, only for those acts and only when no other party is in view. Other
acts with one side stay uncoded. Own sentences."""

from __future__ import annotations

import pytest
from builders import extracted_triples

import detente


@pytest.mark.parametrize(("text", "expected"), [
    ("Ghana declared a state of emergency on Monday.", [("GHA", None, "COERCE")]),
    ("The Togolese government imposed a nightly curfew on Monday.", [("TGO", None, "COERCE")]),
    ("Peru mobilised its troops on Monday.", [("PER", None, "MOBILIZE")]),
    ("Chile declared a unilateral ceasefire.", [("CHL", None, "CONCEDE")]),
    ("Peru withdrew its troops on Monday.", [("PER", None, "RETREAT")]),
    # one's own arms laid down or given up: demobilising (CAMEO 0873)
    ("The FARC laid down their weapons on Monday.", [("COL", None, "RETREAT")]),
    ("Ghana gave up its nuclear weapons.", [("GHA", None, "RETREAT")]),
    # a weapons test is a show of military power (CAMEO 150), however it is told
    ("Peru test-fired a ballistic missile on Monday.", [("PER", None, "MOBILIZE")]),
    ("Peru tested a new cruise missile.", [("PER", None, "MOBILIZE")]),
    ("Peru conducted a nuclear test.", [("PER", None, "MOBILIZE")]),
    ("Ghana closed its borders on Monday.", [("GHA", None, "COERCE")]),
    # a restriction lifted, eased or ended is a concession (CAMEO 081), as alone as imposing it
    ("Ghana lifted the state of emergency on Monday.", [("GHA", None, "CONCEDE")]),
    ("Ghana reopened its borders.", [("GHA", None, "CONCEDE")]),
    ("The Togolese opposition boycotted the election.", [("TGO", None, "PROTEST")]),
    ("Ghana decided to declare a state of emergency.", [("GHA", None, "COERCE")]),
    # a promise, a threat or a refusal of such an act is as alone as the act
    ("Ghana offered to mobilise its troops.", [("GHA", None, "AGREE")]),
    ("Ghana threatened to declare a state of emergency.", [("GHA", None, "THREATEN")]),
    ("Ghana refused to lift the curfew.", [("GHA", None, "REJECT")]),
    ("The ELN agreed to lay down its weapons.", [("COL", None, "AGREE")]),
    ("Protesters marched in Lome on Friday.", [("TGO", None, "PROTEST")]),
    ("Togolese workers went on strike for better pay.", [("TGO", None, "PROTEST")]),
    ("Togolese nurses walked out on Monday.", [("TGO", None, "PROTEST")]),
    ("Ghana declared a cessation of hostilities.", [("GHA", None, "CONCEDE")]),
    # a blockade lifted; a ceasefire agreement broken is a ceasefire broken
    ("The Togolese army lifted its blockade on fuel imports.", [("TGO", None, "CONCEDE")]),
    ("Ghana is violating the ceasefire agreement by shelling the town.", [("GHA", None, "ASSAULT")]),
    # a leader who resigns yields office (CAMEO 0831); agreeing to is a promise of it
    ("Ghana's prime minister resigned on Monday after weeks of protests.", [("GHA", None, "CONCEDE")]),
    ("The Togolese president stepped down in May.", [("TGO", None, "CONCEDE")]),
    ("Ghana's prime minister agreed to resign on Monday.", [("GHA", None, "AGREE")]),
    # humanitarian access allowed is a concession of access (CAMEO 0863), to whom it is given if named
    ("Togo allowed humanitarian access to the northern region.", [("TGO", None, "RETREAT")]),
    ("Togo granted humanitarian access to Ghana's aid agencies.", [("TGO", "GHA", "RETREAT")]),
    # a strike or a hunger strike by workers or activists, and its end
    ("Ghanaian teachers staged a general strike on Monday.", [("GHA", None, "PROTEST")]),
    ("Ghanaian opposition activists began a hunger strike in Accra.", [("GHA", None, "PROTEST")]),
    ("Ghanaian teachers called off their general strike on Monday.", [("GHA", None, "CONCEDE")]),
    ("Togolese protesters have been taking part in a hunger strike for two weeks.", [("TGO", None, "PROTEST")]),
    # "a strike" alone is a labour strike when people who work do it (an attack when a state does)
    ("Togolese teachers called off their strike.", [("TGO", None, "CONCEDE")]),
    # ... and workers of a trade are labour, not the state ("dockworkers": roles.yaml, LAB)
    ("Ghana's dockworkers called off a three-day general strike.", [("GHA", None, "CONCEDE")]),
    ("Togolese doctors began a strike on Monday.", [("TGO", None, "PROTEST")]),
    # people who take to the streets protest; counted by a crowd word, a people's name is its people
    ("Ghanaian teachers took to the streets of Accra on Monday.", [("GHA", None, "PROTEST")]),
    ("Thousands of Togolese took to the streets on Saturday.", [("TGO", None, "PROTEST")]),
    # a protest held is one: the light verb's object is the protest itself
    ("Togolese students held a demonstration in the capital on Monday.", [("TGO", None, "PROTEST")]),
])
def test_an_act_that_is_news_alone_is_coded_with_no_recipient(text, expected):
    assert extracted_triples(text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    # another party in view is the recipient, as before
    ("Peru declared a ceasefire with Chile.", [("PER", "CHL", "CONCEDE")]),
    ("Peru mobilised its troops along the border with Chile.", [("PER", "CHL", "MOBILIZE")]),
    ("Ghana walked out of the talks with Togo.", [("GHA", "TGO", "REJECT")]),
    # acts that need someone at the other end are not coded alone
    ("Ghana imposed sanctions on Monday.", []),
    ("Ghana's president visited the region.", []),
    ("Ghana pledged aid on Monday.", []),
    # an act only named by a noun, asked for, or a purpose is not done
    ("Ghana rejected calls to declare a state of emergency.", []),
    # (the ceasefire called for is not declared: the call is an appeal to no one named)
    ("Ghana called for a ceasefire.", [("GHA", None, "REQUEST")]),
    ("Ghana sent envoys to Lome to declare a ceasefire.", [("GHA", "TGO", "CONSULT")]),
    # a weapon fired at someone is an attack on them; one bought is no test
    ("Peru fired a missile at Chile.", [("PER", "CHL", "ASSAULT")]),
    ("Peru bought ten drones.", []),
    ("Ghana laid down conditions for talks with Togo.", []),
    # negated, possible, asked, conditional or only considered: no act
    ("Ghana did not declare a state of emergency.", []),
    ("Ghana may declare a state of emergency.", []),
    ("Will Ghana declare a state of emergency?", []),
    ("If protests spread, Ghana would declare a state of emergency.", []),
    ("Ghana has never tested a missile.", []),
    # a partner named, even one no dictionary knows, makes the act not alone
    ("Peru held a naval exercise with three other countries.", []),
    # a verb of protest with an object is another sense
    ("Ghana demonstrated its military strength.", []),
    # a stage is no street
    ("The Ghanaian president took to the stage in Accra.", []),
    # a blockade imposed is aimed at someone, unnamed here
    ("Togo imposed a blockade on fuel imports.", []),
    # a strike's end by workers the dictionaries do not know is not the state's concession
    ("Ghana's lighthouse keepers called off a three-day general strike.", []),
    # taking part in another's act is not an act alone
    ("A Ghanaian navy contingent participated in the Independence Day parade in Lome.", []),
    # access of another kind is no event
    ("Togo allowed access to journalists.", []),
    # a state that protested protested to someone: a protest alone is a non-state actor's
    ("Ghana protested on Monday.", []),
])
def test_other_acts_still_need_their_other_side(text, expected):
    assert extracted_triples(text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    # an appeal made to no one named is coded alone (CAMEO 02; PLOVER's REQUEST needs no recipient)
    ("Ghana's president called for calm after the election.", [("GHA", None, "REQUEST")]),
    ("Ghana appealed for international aid after the floods.", [("GHA", None, "REQUEST")]),
    ("Ghana's president pushed for a new constitution.", [("GHA", None, "REQUEST")]),
    # ... made, by its own subject, asking for something: not planned, borrowed or a question
    ("Ghana will ask for international aid.", []),
    ("Ghana's president asked whether the deal would hold.", []),
    ("Togo did not reply to an email from Ghana requesting comment.", []),
    # a demand is made of someone
    ("Ghana demanded compensation.", []),
    # ... and an appeal addressed to someone no dictionary knows has its other side, unknown
    ("Ghana's president called on authorities at home and abroad to lift the restrictions.", []),
    ("Ghana's president called for officials to lift the restrictions.", []),
    # a base file's verb-object pattern ("stressed the need") is too loose to tell an appeal alone
    ("Ghana's defence minister stressed the urgency of boosting Africa's defence.", []),
])
def test_an_appeal_to_no_one_named_is_coded_alone(text, expected):
    assert extracted_triples(text) == expected


def test_an_event_with_no_recipient_has_a_null_recipient_in_its_record():
    (event,) = detente.extract("Ghana declared a state of emergency on Monday.", published="2025-05-14")
    record = event.to_dict()
    assert record["recipient"] is None and record["actor"]["code"] == "GHA"
    assert record["event_type"] == "COERCE" and record["evidence"]["text"].startswith("Ghana declared")


def test_a_protest_against_a_thing_names_it_as_its_recipient_with_no_code():
    (event,) = detente.extract("Togolese students held a demonstration against the new tax law.", published="2025-05-14")
    assert (event.actor.country, event.event_type) == ("TGO", "PROTEST")
    assert (event.recipient.text, event.recipient.code, event.recipient.country) == ("the new tax law", None, None)
