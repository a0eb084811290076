"""Class nouns: a noun that names what a verb class does ("an end to", "a freeze on", "the
suspension of", "the lifting of") turns the event noun it governs into that act — an end to aid
is an aid cut (SANCTION), never AID. Own sentences; actors from the test stand-in, or from the
real dictionaries where `extracted_triples` is used."""

from __future__ import annotations

import pytest
from builders import extracted_triples, triples


@pytest.mark.parametrize(("text", "expected"), [
    ("Germany announced an end to development aid for Venezuela.", [("DEU", "VEN", "SANCTION")]),
    ("France's suspension of military assistance to Mexico drew criticism.", [("FRA", "MEX", "SANCTION")]),
    ("Japan ordered a halt to loans for Pakistan.", [("JPN", "PAK", "SANCTION")]),
    ("The cut in Indian aid to Pakistan took effect on Monday.", [("IND", "PAK", "SANCTION")]),
])
def test_an_end_or_cut_of_aid_is_a_sanction_not_aid(text, expected):
    assert triples(text) == expected


def test_aid_given_is_still_aid():
    assert triples("Germany provided aid to Venezuela on Monday.") == [("DEU", "VEN", "AID")]


def test_lifting_sanctions_is_not_a_sanction():
    types = [t for _, _, t in triples("The United States announced the lifting of sanctions on Iran.")]
    assert "SANCTION" not in types and types


def test_a_class_noun_over_a_non_event_is_no_event():
    assert triples("Brazil announced an end to its own budget review.") == []


def test_strengthening_ties_is_diplomatic_cooperation_and_having_them_is_no_event():
    assert triples("Japan strengthened ties with India on Monday.") == [("JPN", "IND", "SUPPORT")]
    assert triples("Japan has close ties with India.") == []


@pytest.mark.parametrize(("text", "expected"), [
    # forces, peacekeepers or observers a state has are no act; sent, they are
    ("Chile has 300 peacekeepers in Haiti.", []),
    ("Peru has election observers in Bolivia.", []),
    ("Chile sent 300 peacekeepers to Haiti.", [("CHL", "HTI", "AID")]),
    ("Chile deployed troops to its border with Peru.", [("CHL", "PER", "MOBILIZE")]),
    # "have" is still the light verb of an event noun
    ("Peru had talks with Chile on Monday.", [("PER", "CHL", "CONSULT")]),
])
def test_forces_a_state_has_are_no_act_and_forces_sent_are(text, expected):
    assert extracted_triples(text) == expected


def test_an_army_a_leader_boasts_of_is_no_mobilisation():
    text = ('Chilean President Gabriel Boric spoke about Peru on Monday. He said Peru must stop its threats. '
            'He said, "We have the strongest army we have ever had." He added that Chile wants talks with Peru.')
    assert "MOBILIZE" not in [t for _, _, t in extracted_triples(text)]


@pytest.mark.parametrize(("text", "expected"), [
    # flights or transport links cut or suspended reduce relations; restored, they are cooperation
    ("Ghana announced a suspension of flights to Togo.", [("GHA", "TGO", "SANCTION")]),
    ("Ghana cut air links with Togo on Monday.", [("GHA", "TGO", "SANCTION")]),
    ("Peru suspended rail connections with Bolivia.", [("PER", "BOL", "SANCTION")]),
    ("Peru restored rail links with Bolivia.", [("PER", "BOL", "COOPERATE")]),
    # links a country has are no act
    ("Ghana has close trade links with Togo.", []),
])
def test_flights_and_links_cut_are_a_sanction(text, expected):
    assert extracted_triples(text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    # aid released to someone is aid given; captives released are a concession
    ("Ghana released $20 million in aid to Togo.", [("GHA", "TGO", "AID")]),
    ("Ghana released military assistance to Togo.", [("GHA", "TGO", "AID")]),
    ("Ghana released two Togolese soldiers.", [("GHA", "TGO", "CONCEDE")]),
])
def test_aid_released_is_aid_and_captives_released_a_concession(text, expected):
    assert extracted_triples(text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    # goods counted in units or containers: the act is what is counted, not the unit
    ("Chile sent 50 tonnes of food aid to Peru.", [("CHL", "PER", "AID")]),
    ("Ghana shipped 30 truckloads of medical aid to Togo.", [("GHA", "TGO", "AID")]),
])
def test_aid_counted_in_units_is_aid(text, expected):
    assert extracted_triples(text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    # a `do` class noun is the act it governs told as a noun
    ("Ghana announced the imposition of sanctions on Togo.", [("GHA", "TGO", "SANCTION")]),
    ("Ghana ordered the delivery of weapons to the Togolese rebels.", [("GHA", "TGO", "AID")]),
    # past an amount: the release of money counted in aid is aid, not a release of prisoners
    ("The Ghanaian foreign minister authorized the release of $40 million in military assistance to Togo.",
     [("GHA", "TGO", "AID")]),
    ("Ghana announced a freeze on $40 million in aid to Togo.", [("GHA", "TGO", "SANCTION")]),
])
def test_an_act_named_by_a_do_noun_is_that_act(text, expected):
    assert extracted_triples(text) == expected


def test_the_release_of_people_is_still_a_release():
    assert extracted_triples("Togo released the Ghanaian fishermen.") == [("TGO", "GHA", "CONCEDE")]


@pytest.mark.parametrize(("text", "expected"), [
    # continuing or sustaining an act is doing it
    ("Ghana continued military aid to Togo.", [("GHA", "TGO", "AID")]),
    ("Ghana sustained its attacks on Togolese positions.", [("GHA", "TGO", "ASSAULT")]),
])
def test_an_act_continued_is_that_act(text, expected):
    assert extracted_triples(text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    # mediation ended or suspended is its halt (CAMEO 165), as talks broken off are (164)
    ("Ghana ended its mediation efforts with Togo.", [("GHA", "TGO", "SANCTION", "165")]),
    ("Ghana suspended mediation between Togo and Benin.",
     [("GHA", "TGO", "SANCTION", "165"), ("GHA", "BEN", "SANCTION", "165")]),
    ("Ghana offered mediation between Togo and Benin.", [("GHA", "TGO", "AGREE", "036"), ("GHA", "BEN", "AGREE", "036")]),
])
def test_mediation_halted_is_no_mediation(text, expected):
    import detente

    assert [(e.actor.country, e.recipient.country, e.event_type, e.event_code)
            for e in detente.extract(text)] == expected


@pytest.mark.parametrize(("text", "expected"), [
    # reneging on an agreement is backing out of it (a stop verb whose object follows its "on")
    ("Ghana reneged on its agreement with Togo.", [("GHA", "TGO", "REJECT")]),
    ("Ghana backed out of its agreement with Togo.", [("GHA", "TGO", "REJECT")]),
    ("Ghana relied on its agreement with Togo.", []),
])
def test_an_agreement_reneged_on_is_rejected(text, expected):
    assert extracted_triples(text) == expected



# behaviour: [(own sentence, (actor country, recipient country, type) of each event), ...]
OBJECT_CASES = {
    # PETRARCH2's CAMEO 071 phrases (give, donate, send + money): not a non-event object ("spent time")
    "money given to a party is aid": [
        ("Ghana donated money to Togo on Monday.", [("GHA", "TGO", "AID")]),
        ("Ghana gave money to Togo last week.", [("GHA", "TGO", "AID")]),
    ],
    "a non-event object that names someone is a side": [
        ("Ghanaian authorities detained a Togolese opposition figure.", [("GHA", "TGO", "COERCE")]),
        ("The Ghanaian ministry released figures on Togolese migrants.", []),
    ],
    "trade stopped with someone is a trade restriction (CAMEO 163), trade itself no act": [
        ("Ghana stopped all trade with Togo.", [("GHA", "TGO", "SANCTION")]),
        ("Ghana suspended trade with Togo on Friday.", [("GHA", "TGO", "SANCTION")]),
        ("Ghana and Togo expanded trade last year.", []),
    ],
    "a boycott ended is eased (CAMEO 085)": [
        ("Ghana ended its boycott of Togolese goods.", [("GHA", "TGO", "CONCEDE")]),
    ],
    "a measure on goods is aimed at where they come from, not where a body is based": [
        ("India imposed a 200 percent duty on all goods imported from Pakistan.", [("IND", "PAK", "SANCTION")]),
        ("Ghana imposed tariffs on steel made in Togo.", [("GHA", "TGO", "SANCTION")]),
        ("A think tank headquartered in Accra was sanctioned by Togo.", []),
    ],
    "police officers sent are forces sent": [
        ("Ghana sent 200 police officers to Togo.", [("GHA", "TGO", "MOBILIZE")]),
    ],
    "a membership suspended is a sanction, one held no act": [
        ("ECOWAS suspended Togo's membership after the coup.", [(None, "TGO", "SANCTION")]),
        ("Togo has held ECOWAS membership since 1975.", []),
    ],
    "a licence revoked is a sanction on its holder, a licence requirement lifted an easing": [
        ("Ghana revoked the licence of a Togolese bank.", [("GHA", "TGO", "SANCTION")]),
        ("Ghana suspended the licences of two Togolese airlines.", [("GHA", "TGO", "SANCTION")]),
        ("Ghana lifted the licence requirement on Togolese imports.", [("GHA", "TGO", "CONCEDE")]),
        ("Ghana granted a licence to a Togolese company.", [("GHA", "TGO", "COOPERATE")]),
    ],
    "a flag or an effigy burned is a protest, villages burned an attack": [
        ("Peruvian protesters burned Chilean flags.", [("PER", "CHL", "PROTEST")]),
        ("Togolese demonstrators burned an effigy of the Ghanaian president.", [("TGO", "GHA", "PROTEST")]),
        ("Ghanaian soldiers burned Togolese villages.", [("GHA", "TGO", "ASSAULT")]),
        ("The Ghanaian embassy raised its flag in Lome.", []),
    ],
    "an agreement voided is rejected (PETRARCH2's synonyms of cancel)": [
        ("Peru annulled the agreement with Chile.", [("PER", "CHL", "REJECT")]),
        ("Peru nullified its agreement with Chile.", [("PER", "CHL", "REJECT")]),
        ("Peru abrogated its border treaty with Chile.", [("PER", "CHL", "REJECT")]),
        ("Peru tore up its border treaty with Chile.", [("PER", "CHL", "REJECT")]),
        ("India repealed the sanctions on Pakistan.", [("IND", "PAK", "CONCEDE")]),
    ],
}


@pytest.mark.parametrize(("text", "expected"), [
    pytest.param(text, expected, id=f"{behaviour}: {text}") for behaviour, cases in OBJECT_CASES.items()
    for text, expected in cases])
def test_what_an_object_names_decides_the_act(text, expected):
    assert extracted_triples(text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    # people sent to heal or rescue are humanitarian aid, not forces or cooperation
    ("Peru sent doctors to Chile after the earthquake.", [("PER", "CHL", "AID")]),
    ("Cuba dispatched a medical team to Ghana to fight the outbreak.", [("CUB", "GHA", "AID")]),
    ("India deployed rescue teams to Nepal after the quake.", [("IND", "NPL", "AID")]),
    # withdrawn, they are aid cut; at home or at work, no act between states
    ("Cuba withdrew its doctors from Bolivia.", [("CUB", "BOL", "SANCTION")]),
    ("Peru has doctors in Chile.", []),
    ("Chilean doctors treated hundreds of patients in Lima.", []),
])
def test_medical_and_rescue_teams_sent_are_humanitarian_aid(text, expected):
    assert extracted_triples(text) == expected
