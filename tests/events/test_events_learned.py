"""The learned second opinion of the coder: candidate phrases, the parse path between two of
them, the shipped model's provenance, and events between actors the dictionaries do not know.
Sentences are the project's own."""

from __future__ import annotations

import json

import pytest

import detente
from detente.analyse import load_nlp
from detente.config import Settings
from detente.events import Coder
from detente.events.actors import MentionIndex, role_test
from detente.events.learned import MODEL_PATH, LearnedCoder, path_between, phrases, type_features


@pytest.fixture(scope="module")
def nlp():
    return load_nlp(Settings.load())


def _index(doc):
    coder = Coder(learned=False)
    return MentionIndex(doc, coder.mention_fn(doc, date=None))


def test_path_turns_at_the_verb_that_links_subject_and_object(nlp):
    doc = nlp("The coastguard detained the fishing crew near the reef.")
    sent = next(doc.sents)
    coastguard = next(t for t in doc if t.lower_ == "coastguard")
    crew = next(t for t in doc if t.lower_ == "crew")
    up_a, up_b, lca = path_between(coastguard, crew, sent)
    assert lca.lower_ == "detained"
    assert [t.dep_ for t in up_a] == ["nsubj"] and [t.dep_ for t in up_b] == ["dobj"]


def test_phrases_are_noun_phrases_and_actor_mentions_not_lone_pronouns(nlp):
    doc = nlp("It said the Kenyan police dispersed the marchers.")
    sent = next(doc.sents)
    found = phrases(sent, _index(doc), role_test(doc))
    texts = [p.text for p in found]
    assert "It" not in texts  # an unresolved pronoun names no one
    police = next(p for p in found if "police" in p.text)
    assert police.kind.startswith("dict:") and police.mention.actor.country == "KEN"
    assert all(p.can_act for p in found if p.text in ("the Kenyan police", "the marchers"))


def test_generic_agents_can_act_without_a_country(nlp):
    doc = nlp("The protesters blocked the road.")
    is_role = role_test(doc)
    assert is_role(next(t for t in doc if t.lower_ == "protesters"))
    assert not is_role(next(t for t in doc if t.lower_ == "road"))


def test_a_proper_name_the_tagger_does_not_label_can_act_and_a_common_noun_cannot():
    from detente.events.learned import Phrase

    assert Phrase(0, 3, 0, "SLM/A", "propn").can_act
    assert not Phrase(0, 2, 1, "the road", "noun").can_act


def test_shipped_model_records_its_training_data_and_loads():
    model = LearnedCoder.load()
    assert model is not None, f"{MODEL_PATH} is missing: run scripts/train_coder_model.py"
    meta = json.loads(MODEL_PATH.read_text())["meta"]
    assert "training 80 %" in meta["training_data"]["plover-train"]
    assert set(model.classes) <= set(detente.ontology.PLOVER_TYPES)
    assert 0 < model.threshold < 1


def test_type_distribution_is_a_probability_distribution():
    model = LearnedCoder.load()
    dist = model.type_distribution(["bias", "lca=arrest", "lex_path=COERCE"])
    assert abs(sum(p for _, p in dist) - 1) < 1e-6
    assert dist == sorted(dist, key=lambda cp: -cp[1])


def test_no_model_file_means_rules_alone(tmp_path):
    assert LearnedCoder.load(tmp_path / "none.json") is None


def test_act_between_sides_the_dictionaries_do_not_know():
    # an arrest by the police of marchers: neither side is a state, both can act
    events = detente.extract("The riot police arrested dozens of marchers outside the parliament on Sunday.",
                             published="2025-06-02")
    assert any(e.event_type in ("COERCE", "ASSAULT") and "police" in e.actor.text and "marchers" in e.recipient.text
               for e in events), [(e.actor.text, e.event_type, e.recipient.text) for e in events]


def test_negated_act_stays_uncoded_with_the_model():
    events = detente.extract("The riot police did not arrest the marchers outside the parliament.",
                             published="2025-06-02")
    assert events == []


def _coded(text):
    return [(e.actor.text if e.actor else None, e.event_type, e.recipient.text if e.recipient else None)
            for e in detente.extract(text, published="2025-06-02")]


def test_an_act_aimed_at_a_thing_is_coded_with_the_thing_as_target(nlp, monkeypatch):
    # PLOVER codes what an act is aimed at, also when it is no one: a vote, a building
    assert ("Rebels", "ASSAULT", "a hospital") in _coded("Rebels stormed a hospital in the north on Monday.")
    # a thing is a target the model scores and types (whether it is coded is the confidence floor's call):
    # its best pair, whatever threshold the training script chose (p 0.69 against 0.7 since 8d615a4)
    coder = Coder()
    monkeypatch.setattr(coder.learned, "threshold", 0.5)  # the loaded model is shared: restored after
    doc = nlp("Ankara rejected the plebiscite as illegal.")
    sent = next(doc.sents)
    (a, b, p), = coder.learned.best_pairs(sent, _index(doc), coder.lexicon, [], roles=role_test(doc))
    assert (a.text, b.text) == ("Ankara", "the plebiscite") and not b.names_someone
    assert coder.learned.type_distribution(type_features(a, b, sent, coder.lexicon, []))[0][0] == "REJECT"


def test_relief_expressed_is_no_act_the_noun_tells(nlp):
    # the aid noun's `express: null`: relief expressed is a feeling, not aid
    coder = Coder()
    doc = nlp("Many Ghanaians are expressing relief after the talks.")
    assert coder.patterns.nominal_sense(doc[4]) is None
    assert coder.patterns.nominal_sense(nlp("The relief reached Ghana.")[1]) is not None


def test_an_act_aimed_at_a_thing_needs_more_confidence(monkeypatch):
    import detente.events.coder as coder_module

    monkeypatch.setattr(coder_module, "LEARNED_MIN_CONFIDENCE_THING", 1.0)
    assert _coded("Ankara rejected the plebiscite as illegal.") == []
    # the floor for things does not touch a target that names someone
    assert ("The organization", "ACCUSE", "Russia") in _coded("The organization condemned Russia.")


def _can_act(nlp, text: str) -> dict[str, bool]:
    doc = nlp(text)
    is_role = role_test(doc)
    return {t.lower_: bool(is_role(t)) for t in doc}


@pytest.mark.parametrize(("roles_in", "acting", "not_acting", "sentence", "event"), [
    # a person described by occupation, a body named by a collective word, a compound role
    ("A human rights lawyer sued the organization and the opposition party.", ["lawyer", "organization", "party"],
     ["rights"], "A human rights lawyer sued the Ugandan army over the killings.",
     ("A human rights lawyer", "ACCUSE", "the Ugandan army")),
    # a noun naming a person or a body of people (`acting_nouns`)
    ("The committee and the three nations met the driver near the bridge.", ["committee", "nations", "driver"],
     ["bridge"], "The three nations accused the regional body of ignoring their complaints.",
     ("The three nations", "ACCUSE", "the regional body")),
])
def test_a_person_or_a_body_of_people_can_act(nlp, roles_in, acting, not_acting, sentence, event):
    roles = _can_act(nlp, roles_in)
    assert all(roles[w] for w in acting) and not any(roles[w] for w in not_acting)
    assert event in _coded(sentence)


def test_each_conjunct_of_a_side_found_by_the_model_is_that_side():
    coded = _coded("Japan and South Korea condemned the missile test on Monday.")
    assert ("Japan", "ACCUSE", "the missile test") in coded and ("South Korea", "ACCUSE", "the missile test") in coded


def test_who_tells_an_act_with_its_own_subject_is_not_its_source():
    coded = _coded("The agency said the airstrikes targeted rebel camps near the border.")
    assert not any(actor == "The agency" for actor, _, _ in coded), coded
    # a pronoun subject may be the speaker itself
    assert ("Hamas", "ASSAULT", "Israel") in _coded("Hamas said it fired rockets at Israel.")


def test_two_actors_of_one_country_and_sector_are_a_pair_when_told_apart():
    # a president refusing a minister: both KENGOV, two actors all the same (PLOVER codes domestic pairs)
    coded = [(e.actor.code, e.event_type, e.recipient.code) for e in detente.extract(
        "Kenya's president on Friday refused a request from the interior minister to dismiss the police chief.",
        published="2025-06-02")]
    assert ("KENGOV", "REJECT", "KENGOV") in coded, coded


def test_a_country_is_no_pair_with_itself():
    from detente.events.coder import _two_of_one_code
    from detente.models import Actor

    assert not _two_of_one_code(Actor("Kenya", "KEN", "KEN"), Actor("the Kenyans", "KEN", "KEN"))
    assert not _two_of_one_code(Actor("Ruto", "KENGOV", "KEN", "GOV", "William Ruto"),
                                Actor("President William Ruto", "KENGOV", "KEN", "GOV", "William Ruto"))
    assert _two_of_one_code(Actor("a Nairobi court", "KENJUD", "KEN", "JUD"), Actor("the appeals court judges", "KENJUD", "KEN", "JUD")) is False


def test_a_light_verb_and_its_noun_are_the_act_the_model_links():
    # "launched an offensive": the noun tells the act (its mode), whoever the sides are
    events = detente.extract("The rebels launched an offensive against government troops in the north.",
                             published="2025-06-02")
    assert [(e.actor.text, e.event_type, e.mode, e.recipient.text) for e in events] == [
        ("The rebels", "ASSAULT", "attack", "government troops")]


def test_an_event_noun_without_a_verb_of_its_own_is_an_act_for_the_model(nlp):
    coder = Coder()
    doc = nlp("Since January the separatists have ramped up attacks on police officers.")
    sent = next(doc.sents)
    index = MentionIndex(doc, coder.mention_fn(doc, date=None))
    acts = coder.sentence_acts(sent, index)
    attacks = next(t for t in doc if t.lower_ == "attacks")
    assert acts[attacks.i].sense.type == "ASSAULT" and acts[attacks.i].family == "nominal"


def test_whoever_does_an_act_is_its_source_never_its_target(nlp):
    from detente.events.patterns import Patterns

    patterns = Patterns(Coder(learned=False).lexicon)
    doc = nlp("He is on trial on charges which the embassy has dismissed, after an attack by gunmen on the market.")
    word = {t.lower_: t for t in doc}
    assert patterns.does(word["dismissed"], word["embassy"])  # the subject of an active verb
    assert patterns.does(word["attack"], word["gunmen"])  # the "by" phrase of an event noun
    assert not patterns.does(word["attack"], word["market"])


def test_the_one_an_event_noun_is_of_is_a_side_of_its_own(nlp):
    doc = nlp("The militia's attack on the villagers killed nine people.")
    found = phrases(next(doc.sents), _index(doc), role_test(doc))
    militia = next((p for p in found if p.text == "The militia"), None)
    assert militia is not None and militia.can_act, [(p.text, p.kind) for p in found]


def test_a_side_inside_the_phrase_of_another_act_is_not_the_source_of_the_act_above():
    # the villagers suffered the attack; the attack, not the villagers, killed nine people
    coded = _coded("The militia's attack on the villagers killed nine people.")
    assert not any(actor == "the villagers" for actor, _, _ in coded), coded


def test_two_coordinated_subjects_of_a_mutual_act_are_its_two_sides():
    # the coordination is their whole path: the act is the verb they are the subject of
    assert _coded("The rebels and the army agreed to a ceasefire.") == [("The rebels", "AGREE", "the army")]
    assert ("Norway", "SUPPORT", "Chile") in _coded("Norway and Chile are upgrading diplomatic ties.")
    # a one-sided act: each is a source, neither the other's target
    assert all(target == "the bombing" for _, _, target in _coded("The rebels and the army condemned the bombing."))


def test_saying_what_another_must_do_is_a_request_whoever_the_sides_are():
    # the grammar of the reported obligation, with sides the dictionaries do not know
    assert ("The former prime minister", "REQUEST", "the government") in _coded(
        "The former prime minister said the government must ensure security for the villagers.")
    # what may have to be done is no demand
    assert _coded("The former prime minister said the government may have to ensure security.") == []


def test_where_a_wire_story_was_filed_is_no_side_and_the_actor_word_of_an_act_does_it(nlp):
    text = "MOGADISHU, Somalia -- A U.S. military airstrike has killed a worker for a telecom company."
    doc = nlp(text)
    found = phrases(next(doc.sents), _index(doc), role_test(doc))
    assert not any(p.text in ("MOGADISHU", "Somalia") for p in found), [p.text for p in found]
    coded = _coded(text)
    assert any(a == "U.S. military" and t == "ASSAULT" for a, t, _ in coded), coded
    assert not any(a in ("MOGADISHU", "Somalia") for a, _, _ in coded), coded


@pytest.mark.parametrize(("text", "clause_word", "side"), [
    ("Kenyan police opened fire on students who marched in Nairobi.", "Nairobi", "students"),
    ("Israeli forces raided a camp that housed fighters from Lebanon.", "Lebanon", "a camp"),
    ("Soldiers whom Russia had trained attacked a Ukrainian village.", "Russia", "Soldiers"),
])
def test_a_side_inside_a_relative_clause_is_no_side_of_the_act_above_it(text, clause_word, side):
    # the clause has its own act ("marched in Nairobi"); the phrase it describes is the side
    coded = _coded(text)
    assert coded and not any(clause_word in (actor, target) for actor, _, target in coded), coded
    assert any(side in (actor, target) for actor, _, target in coded), coded



@pytest.mark.parametrize(("text", "place", "side"), [
    ("The rebels shelled a Nigerian army post in Borno State.", "Borno State", "Nigerian army"),
    ("The separatists oppose Turkish investment in the Kurdish region.", "the Kurdish region", "Turkish investment"),
])
def test_a_place_where_a_named_party_is_is_not_the_target_that_party_is(text, place, side):
    coded = _coded(text)
    assert not any(target == place for _, _, target in coded), coded
    assert any(target and side in target for _, _, target in coded), coded


@pytest.mark.parametrize("text", [
    "The minister attacked the broadcaster in an interview.",
    "The minister attacked the broadcaster for refusing to air his speech.",
])
def test_force_the_grammar_tells_as_words_stays_criticism_whatever_the_model_reads(text, monkeypatch):
    # the model reads "attack" as force; the grammar has told it is done in words. (Whether a
    # broadcaster, a thing to the model, clears the floor for things is the floor's test's
    # concern: a retrained model moves this pair around it, 0.698 against 0.7 in b86e1bd.)
    import detente.events.coder as coder_module

    monkeypatch.setattr(coder_module, "LEARNED_MIN_CONFIDENCE_THING", coder_module.LEARNED_MIN_CONFIDENCE)
    assert _coded(text) == [("The minister", "ACCUSE", "the broadcaster")]


def test_a_rejection_of_claims_is_aimed_at_who_made_them():
    import detente

    def sides(text):
        return [(e.actor.text, e.event_type, e.recipient.text) for e in detente.extract(text) if e.event_type == "REJECT"]

    # named with the claims, or the accuser of the sentence before
    assert sides("Kenyan authorities have rejected the claims made by Human Rights Watch.") == [
        ("Kenyan authorities", "REJECT", "Human Rights Watch")]
    assert sides("Rights groups accused the Kenyan police of torturing Somali refugees. "
                 "The Kenyan police rejected those claims.") == [("The Kenyan police", "REJECT", "Rights groups")]
    # made by no one the story names: no other side, no event (the claims are no party)
    assert sides("Kenyan authorities have rejected those claims.") == []
    assert sides("Both Kenya and Uganda reject the claims that their pipeline harms herders.") == []


@pytest.mark.parametrize("text", [
    "The leader of Yemen's Houthi rebels on Sunday praised the pullout of Saudi troops from the border.",
    "A spokesman of the Houthi rebels on Sunday praised the pullout of Saudi troops from the border.",
])
def test_a_person_who_speaks_for_a_group_is_that_group_in_either_path(text):
    # the rules read "the leader of the rebels" as the rebels; a pair the model links from the
    # same words names the same side, so it neither codes the leader as someone else nor repeats
    # the act as a second event with an unknown side
    events = detente.extract(text, published="2025-06-02")
    assert {e.actor.code for e in events} == {"YEMREB"}


def test_who_tells_an_act_is_not_its_source_when_the_parse_hangs_the_subject_on_the_auxiliary():
    # "Britain said Russia is defying the council", parsed (as the small model does with quoted
    # adverbs) with "Russia" under "is": the act still has a subject of its own, so the teller is
    # no source of it
    from spacy.tokens import Doc
    from spacy.vocab import Vocab

    words = ["Britain", "said", "Russia", "is", "defying", "the", "council"]
    doc = Doc(Vocab(), words=words, heads=[1, 1, 3, 4, 1, 6, 4],
              deps=["nsubj", "ROOT", "nsubj", "aux", "ccomp", "det", "dobj"],
              lemmas=["Britain", "say", "Russia", "be", "defy", "the", "council"],
              pos=["PROPN", "VERB", "PROPN", "AUX", "VERB", "DET", "NOUN"])
    coder = Coder(learned=False)
    assert coder._reported_of_another(doc[0], doc[4])
    assert not coder._reported_of_another(doc[2], doc[4])


def test_an_embassy_named_by_its_host_capital_is_nobody_known():
    # "the Nairobi embassy" is some country's embassy in Nairobi, not Kenya's
    events = detente.extract("The Nairobi embassy condemned the Ugandan police raid.", published="2025-06-02")
    assert all(e.actor.code is None for e in events)
    events = detente.extract("Peru's Ottawa embassy rejected the Chilean claims made by the ministry.",
                             published="2025-06-02")
    assert {e.actor.code for e in events} == {"PER"}


def test_a_stated_intent_the_model_links_keeps_the_mood_the_grammar_read():
    """"is ready to contribute to X": the model links the pair; the grammar says it is a promise,
    which the model's type distribution does not gate (it types acts, not moods)."""
    assert ("Ghana", "AGREE", "Mali") in _coded("Ghana is ready to contribute to the peacekeeping operation in Mali.")


def _traced(text, trace=True):
    from detente.clean import clean
    from detente.pipeline import raw_from_string

    settings = Settings.load(min_words=1)
    coder, notes = Coder(), []
    if trace:
        coder.trace = lambda step, a, b, detail: notes.append((step, a.text, b.text, detail))
    article = clean(raw_from_string(text), settings)
    coded = coder(load_nlp(settings)(article.text), article)
    return coded, notes


def test_the_trace_hears_each_pair_scored_and_the_one_chosen_and_coded():
    coded, notes = _traced("The riot police arrested dozens of marchers outside the parliament on Sunday.")
    scored = {(a, b): p for step, a, b, p in notes if step == "scored"}
    assert 0.0 <= scored["The riot police", "marchers"] <= 1.0
    assert scored["The riot police", "marchers"] > scored["marchers", "the parliament"]
    assert ("chosen", "The riot police", "marchers") in [n[:3] for n in notes]
    coded_note = next(n for n in notes if n[0] == "coded")
    assert coded_note[1:3] == ("The riot police", "marchers")
    assert coded_note[3] == next(e.confidence for e in coded.events if e.recipient.text == "marchers")


def test_the_trace_names_the_test_a_pair_fails():
    # the villagers suffered the attack: inside another act, no source of the killing above it
    _, notes = _traced("The militia's attack on the villagers killed nine people.")
    assert ("ineligible", "the villagers", "nine people", "the source is inside another act") in notes
    # marchers are arrested, never the source of an arrest aimed at the police
    _, notes = _traced("The riot police arrested dozens of marchers outside the parliament on Sunday.")
    assert ("ineligible", "marchers", "The riot police", "the target does an act on the path") in notes


def test_no_trace_is_the_default_and_coding_is_the_same_with_one():
    text = "The riot police arrested dozens of marchers outside the parliament on Sunday."
    assert Coder().trace is None
    traced, notes = _traced(text)
    plain, none = _traced(text, trace=False)
    assert notes and not none
    assert [e.to_dict() for e in traced.events] == [e.to_dict() for e in plain.events]


@pytest.mark.parametrize(("text", "own", "kept"), [
    # its own men are moved by the brigade, not attacked, aided or mobilised against
    ("The 32nd brigade of the Ghanaian army, based in Kumasi, had mobilised its men to the area to comb the bush.",
     "its men", ("the Ghanaian army", "MOBILIZE", "the area")),
    ("The Togolese police deployed its officers to the market to disperse the crowd.", "its officers", None),
    # a relational noun names another party, whoever's it is
    ("Ghana criticised its neighbour over the border closure.", None, ("Ghana", "ACCUSE", "its neighbour")),
])
def test_a_sides_own_people_are_never_the_target_of_its_act(text, own, kept):
    coded = _coded(text)
    assert own is None or not any(target == own for _, _, target in coded), coded
    assert kept is None or kept in coded, coded


@pytest.mark.parametrize(("text", "role", "country"), [
    ("Ghana's foreign minister held talks with his Togolese counterpart.", "counterpart", "TGO"),
    ("The Chilean president called his Peruvian counterpart on Sunday.", "counterpart", "PER"),
    ("Ghana's ambassador met the Togolese minister.", "ambassador", "GHA"),
])
def test_a_roles_adjective_names_its_country_before_a_possessor_does(nlp, text, role, country):
    # the phrase's actor as the rules read it (`MentionIndex.of_phrase`), in the model's phrases too
    doc = nlp(text)
    found = phrases(next(doc.sents), _index(doc), role_test(doc))
    phrase = next(p for p in found if p.text.endswith(role))
    assert phrase.mention is not None and phrase.mention.actor.country == country
