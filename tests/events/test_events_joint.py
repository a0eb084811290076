"""Joint acts with a coordinated subject and no object party ("Japan and South Korea held talks"):
coded once, first-named party as actor, the other as recipient (tests/fixtures/gold/README.md) — only
for acts that are mutual by nature (talks, calls, agreements, ceasefires, cooperation, restored
relations, clashes). One-sided acts get no recipient from their own subject. Where talks or an
agreement took place ("held a summit in Russia") is no party to them."""

from __future__ import annotations

import pytest
from builders import coded, triples

import detente


def _coded(text: str) -> list[tuple]:
    return [(e.actor.code, e.event_type, e.recipient.code)
            for e in detente.extract(text, published="2025-05-14")]


@pytest.mark.parametrize("text, expected", [
    ("Japan and South Korea signed a defence cooperation agreement in Tokyo on Monday.", [("JPN", "SUPPORT", "KOR")]),
    ("Japan and South Korea held talks in Tokyo on Monday.", [("JPN", "CONSULT", "KOR")]),
    ("Vietnam and the Philippines held talks in Hanoi on Monday.", [("VNM", "CONSULT", "PHL")]),
    ("Peru and Chile held a phone call on Monday.", [("PER", "CONSULT", "CHL")]),
    ("India and Pakistan agreed to a ceasefire on Monday.", [("IND", "AGREE", "PAK")]),
    ("India and Pakistan declared a ceasefire on Monday.", [("IND", "CONCEDE", "PAK")]),
    ("Kenya and Tanzania signed a trade agreement on Monday.", [("KEN", "SUPPORT", "TZA")]),
    ("Russia and Ukraine agreed to a prisoner exchange on Monday.", [("RUS", "AGREE", "UKR")]),
    ("Mexico and Canada agreed to cooperate with each other on migration on Monday.", [("MEX", "AGREE", "CAN")]),
    ("Brazil and Argentina will hold talks next week.", [("BRA", "AGREE", "ARG")]),
    # adjectives sharing the head noun: each party takes its sector
    ("Armenian and Azerbaijani forces clashed along the border on Tuesday.", [("ARMMIL", "ASSAULT", "AZEMIL")]),
    ("Chinese and Indian troops fought along the border on Monday.", [("CHNMIL", "ASSAULT", "INDMIL")]),
    ("Indian and Pakistani troops exchanged fire on Monday.", [("INDMIL", "ASSAULT", "PAKMIL")]),
    # they agreed with each other; the fight is against drug trafficking, not each other
    ("Japan and South Korea agreed to cooperate on fighting drug trafficking.", [("JPN", "AGREE", "KOR")]),
    # ambassadors withdrawn or diplomats expelled by two coordinated subjects: from each other
    ("Ghana and Togo withdrew their ambassadors in 2013.", [("GHA", "SANCTION", "TGO")]),
    ("Ghana and Togo expelled each other's diplomats.", [("GHA", "SANCTION", "TGO")]),
    # trading fire or accusations is exchanging them
    ("Armenia and Azerbaijan traded fire along the border on Tuesday.", [("ARM", "ASSAULT", "AZE")]),
    ("Ghana and Togo traded accusations over the killing of a trader.", [("GHA", "ACCUSE", "TGO")]),
    # a bloc is a party of its own, with another bloc too
    ("The EU and Mercosur agreed to cut tariffs on cars.", [("IGOEEC", "AGREE", "IGOMRC")]),
    ("Kenya and the African Union agreed to cooperate on security.", [("KEN", "AGREE", "IGOAFU")]),
])
def test_joint_act_is_coded_first_named_to_other(text, expected):
    assert _coded(text) == expected


def test_three_parties_first_named_to_each_other():
    assert _coded("France, Germany and Italy signed a trade agreement on Monday.") == [
        ("FRA", "SUPPORT", "DEU"), ("FRA", "SUPPORT", "ITA")]


@pytest.mark.parametrize("text", [
    "Japan and South Korea imposed sanctions on Monday.",  # one-sided: no recipient among them
    "Japan and South Korea pledged aid on Monday.",
    "Japan and South Korea condemned the missile test on Monday.",
    "Japan and South Korea visited the region on Monday.",
    "Japan and South Korea did not hold talks on Monday.",
    "Japan and South Korea recalled their ambassadors from Mali.",  # from a third party
    # they fought someone else, not each other
    "Japan and South Korea fought pirates together in the strait.",
])
def test_no_joint_event(text):
    # what they condemned may be coded (a thing, no counterpart), never one of them as the other's
    assert [c for c in _coded(text) if c[2] in ("JPN", "KOR")] == []


def test_unnamed_other_side_is_no_joint_event_between_the_subjects():
    # the talks were with the Pacific nations, not between the United States and Japan; the
    # learned coder may code them with that group as the recipient, never USA <-> JPN
    coded = _coded("The United States and Japan held talks with Pacific nations on Monday.")
    assert not [c for c in coded if {c[0], c[2]} == {"USA", "JPN"}]


def test_explicit_recipient_wins_over_joint_reading():
    assert _coded("Japan signed an agreement with South Korea on Monday.") == [("JPN", "SUPPORT", "KOR")]


def test_pair_noun_subject_in_same_sentence():
    text = ("Relations between Qatar and Saudi Arabia were frozen for years, but the two countries "
            "restored diplomatic relations in March.")
    assert _coded(text) == [("QAT", "SUPPORT", "SAU")]
    text = "Israel and Egypt held talks in Cairo, and both sides agreed to a ceasefire on Monday."
    assert ("ISR", "AGREE", "EGY") in _coded(text)


@pytest.mark.parametrize("text, expected", [
    # the parties of an event noun: "<event> between X and Y"
    ("The talks between Peru and Chile ended without a deal.", [("PER", "CONSULT", "CHL")]),
    ("Clashes between Armenian and Azerbaijani troops left two soldiers dead.", [("ARM", "ASSAULT", "AZEMIL")]),
    # a role whose own phrase names both countries
    ("Officials from Kenya and Tanzania met in Arusha on Friday.", [("KENGOV", "CONSULT", "TZAGOV")]),
])
def test_the_parties_named_inside_an_event_noun_or_a_role_are_the_two_sides(text, expected):
    assert _coded(text) == expected


@pytest.mark.parametrize("text, expected", [
    # two parties joined by a hyphen before a noun of talks, agreement or cooperation
    ("The Chile-Peru talks ended without a deal on Monday.", [("CHL", "CONSULT", "PER")]),
    ("The Ghana–Togo summit took place in Lome on Monday.", [("GHA", "CONSULT", "TGO")]),
    # after a dotted abbreviation the hyphen is split too (the tokenizer's extra infix)
    ("The U.S.-Vietnam trade talks resumed in Hanoi on Monday.", [("USA", "CONSULT", "VNM")]),
])
def test_two_parties_joined_by_a_hyphen_before_a_mutual_event_noun_are_its_sides(text, expected):
    assert _coded(text) == expected


@pytest.mark.parametrize("text", [
    # the name of a war, a tariff or a border says nothing of who did what to whom
    "The Iran-Iraq war left a million dead.",
    "The U.S.-Canada border stayed open on Monday.",
    # one party named twice is no pair
    "The Chile-Chile talks ended on Monday.",
])
def test_a_hyphen_pair_is_no_event_of_its_own_outside_mutual_event_nouns(text):
    assert [c for c in _coded(text) if c[0] and c[2]] == []


def test_between_needs_two_different_parties():
    assert _coded("The talks between Peruvian officials ended on Monday.") == []


@pytest.mark.parametrize("text, expected", [
    # "joint" marks an act done together: a joint military exercise is military cooperation (CAMEO 062)
    ("Kenya and Tanzania held joint military exercises on Monday.", [("KEN", "COOPERATE", "TZA")]),
    # a joint attack is allies against a third party: no event between the allies
    ("Kenya and Tanzania launched a joint offensive against the rebels.", []),
])
def test_a_joint_act_is_between_the_coordinated_parties_only_when_cooperative(text, expected):
    assert [t for t in _coded(text) if t[2] in ("KEN", "TZA")] == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("Trump and Petro held a summit in Russia in September.", [("USA", "COL", "CONSULT")]),
    ("Trump and Petro held talks in Beijing on Monday.", [("USA", "COL", "CONSULT")]),
    ("China and India signed an agreement in Moscow.", [("CHN", "IND", "SUPPORT")]),
])
def test_where_talks_or_an_agreement_took_place_is_not_the_other_party(text, expected):
    assert triples(text) == expected


def test_the_place_of_an_attacks_targets_is_still_its_target():
    assert triples("Russia launched strikes on targets in Ukraine.") == [("RUS", "UKR", "ASSAULT")]


@pytest.mark.parametrize(("text", "expected"), [
    ("Ghana and Togo signed a border treaty on Monday.", [("GHA", "SUPPORT", "TGO")]),
    ("Ghana agreed to sign a border treaty with Togo.", [("GHA", "AGREE", "TGO")]),
    ("Ghana and Togo restored diplomatic relations on Monday.", [("GHA", "SUPPORT", "TGO")]),
])
def test_signing_an_agreement_is_support_and_a_promise_to_sign_is_agree(text, expected):
    """PLOVER's manual puts signing, ratifying or finalising an agreement and resuming diplomatic
    ties under SUPPORT, and a promise to sign under AGREE."""
    assert _coded(text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("Armenia declared a unilateral ceasefire with Azerbaijan on Sunday.", [("ARM", "CONCEDE", "AZE")]),
    ("Armenia and Azerbaijan observed a ceasefire on Sunday.", [("ARM", "RETREAT", "AZE")]),
])
def test_a_ceasefire_declared_is_a_concession_and_one_observed_a_retreat(text, expected):
    """PLOVER's manual: declarations (not implementations) of ceasefires are CONCEDE."""
    assert _coded(text) == expected


def test_destroying_property_is_an_assault():
    """PLOVER's manual moved CAMEO 1712 (destroy property) from COERCE to ASSAULT."""
    assert _coded("Nigerian troops destroyed a Cameroonian border post on Monday.") == [("NGAMIL", "ASSAULT", "CMR")]


def test_a_blockade_restricts_movement_and_is_coercion():
    """PLOVER's manual codes restricting movement of people or goods (blockades) as COERCE."""
    assert _coded("Azerbaijan imposed a blockade on Armenia on Monday.") == [("AZE", "COERCE", "ARM")]


@pytest.mark.parametrize(("text", "expected"), [
    ("Canada and Britain have agreed to a rollover trade deal.", [("CAN", "SUPPORT", "GBR")]),
    ("Kenya and Uganda agreed on a new border treaty.", [("KEN", "SUPPORT", "UGA")]),
    ("Kenya and Uganda agreed to hold talks in June.", [("KEN", "AGREE", "UGA")]),
])
def test_agreeing_to_a_deal_is_support_and_agreeing_to_act_is_agree(text, expected):
    """Accepting an agreement or a proposal is SUPPORT (PLOVER manual); agreeing to do something is
    a promise (AGREE)."""
    assert _coded(text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("Saudi Arabia lifted its blockade of Qatar on Monday.", [("SAU", "CONCEDE", "QAT")]),
    ("Azerbaijan ended its blockade of Armenia on Monday.", [("AZE", "CONCEDE", "ARM")]),
])
def test_lifting_a_blockade_eases_a_restriction(text, expected):
    """PLOVER's CONCEDE: "easing of administrative or legal restrictions", as lifting sanctions is."""
    assert _coded(text) == expected


def test_a_promise_of_joint_exercises_is_a_promise_to_cooperate_not_a_threat():
    # a joint exercise is cooperation (CAMEO 062) also when it is promised or agreed to
    coded = [(e.actor.country, e.event_type, e.recipient.country) for e in
             detente.extract("India promised to hold joint military drills with Japan.", published="2025-06-02")]
    assert coded == [("IND", "AGREE", "JPN")]
    coded = [(e.actor.country, e.event_type, e.recipient.country) for e in
             detente.extract("Russia and China agreed to hold joint naval exercises.", published="2025-06-02")]
    assert coded == [("RUS", "AGREE", "CHN")]
    # a drill that is no joint one, threatened, stays a threat
    assert [e.event_type for e in detente.extract("Russia threatened to hold military drills near Finland.",
                                                   published="2025-06-02")] == ["THREATEN"]


@pytest.mark.parametrize("text, expected", [
    # "both sides" in the next sentence: the two countries of the sentence before
    ("Israel and Egypt held talks in Cairo on Monday. Both sides agreed to a ceasefire.",
     [("ISR", "CONSULT", "EGY"), ("ISR", "AGREE", "EGY")]),
    # with no two countries named before, "both sides" names no one
    ("Both sides agreed to a ceasefire on Monday.", []),
    ("Peru, Chile and Bolivia met in Lima on Monday. Both sides agreed to a ceasefire.",
     [("PER", "CONSULT", "CHL"), ("PER", "CONSULT", "BOL")]),
])
def test_both_sides_are_the_two_countries_of_the_sentence_before(text, expected):
    assert _coded(text) == expected


@pytest.mark.parametrize("text, expected", [
    # a city (not only a capital) naming talks is where they were held, no party to them
    ("The Brazilian foreign minister joined the Osaka talks with Kenyan officials on Tuesday.",
     [("BRAGOV", "CONSULT", "KENGOV")]),
    ("Kenya held the Mombasa talks with Somalia on Monday.", [("KEN", "CONSULT", "SOM")]),
])
def test_a_city_in_the_name_of_talks_is_no_party_to_them(text, expected):
    assert coded(text) == expected



@pytest.mark.parametrize(("text", "expected"), [
    ("India and China agreed to pull back troops from the border.", [("IND", "AGREE", "CHN")]),
    ("Ghana and Togo agreed to release the detained fishermen.", [("GHA", "AGREE", "TGO")]),
    ("Serbia and Kosovo agreed to recognise each other's licence plates.", [("SRB", "AGREE", "XKX")]),
])
def test_two_subjects_that_agreed_to_act_agreed_with_each_other(text, expected):
    """Whatever two named parties agreed to do, the agreement is between them."""
    assert coded(text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    # what two parties exchange goes each way between them, whatever the act
    ("Turkey and Egypt exchanged ambassadors for the first time in a decade.", [("TUR", "SUPPORT", "EGY")]),
    ("Russia and Ukraine exchanged prisoners on Friday.", [("RUS", "RETREAT", "UKR")]),
])
def test_what_two_subjects_exchanged_went_between_them(text, expected):
    assert coded(text) == expected


def test_an_act_between_two_organisations_is_coded():
    # no country on either side: two blocs are still two parties
    assert _coded("The African Union suspended ECOWAS observers.") == [("IGOAFU", "SANCTION", "IGOECW")]


@pytest.mark.parametrize("text, expected", [
    # what the shared thing or the talks are about is no party: the co-subject is
    ("Egypt and Sudan agreed to share water data on Ethiopia.", [("EGY", "AGREE", "SDN")]),
    ("Chile and Peru held talks on Bolivia.", [("CHL", "CONSULT", "PER")]),
    # after a measure, "on" names whom it hits
    ("Chile and Peru agreed to impose sanctions on Bolivia.", [("CHL", "THREATEN", "BOL"), ("PER", "THREATEN", "BOL")]),
])
def test_a_party_a_joint_act_is_only_about_is_not_its_other_side(text, expected):
    assert _coded(text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    # "and" hangs on the first phrase's head, not on the country that ends it
    ("The president of Peru and the prime minister of Chile signed an agreement.", [("PERGOV", "SUPPORT", "CHLGOV")]),
    ("The president of Ghana and the Togolese prime minister held talks.", [("GHAGOV", "CONSULT", "TGOGOV")]),
    # one role of two countries: each country's holder of it
    ("The foreign ministers of Peru and Chile met in Lima.", [("PERGOV", "CONSULT", "CHLGOV")]),
    # and still on the last word of a name with its title before it
    ("Mahama met Togo's President Faure Gnassingbe and Beninese President Patrice Talon.",
     [("GHAGOV", "CONSULT", "TGOGOV"), ("GHAGOV", "CONSULT", "BENGOV")]),
])
def test_two_roles_of_two_countries_that_act_together_are_the_two_sides(text, expected):
    assert _coded(text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    # an act two coordinated sides do to "each other" is each side's act aimed at the other
    ("Ghana and Togo accused each other of violating the ceasefire.", [("GHA", "ACCUSE", "TGO"), ("TGO", "ACCUSE", "GHA")]),
    ("Peru and Chile imposed sanctions on each other.", [("PER", "SANCTION", "CHL"), ("CHL", "SANCTION", "PER")]),
    # an act the two do together stays one event between them
    ("Ghana and Togo fought each other for years.", [("GHA", "ASSAULT", "TGO")]),
])
def test_coordinated_sides_acting_on_each_other_are_each_others_targets(text, expected):
    assert coded(text) == expected
