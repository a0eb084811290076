"""Subject–verb–object patterns over spaCy's dependency parse → candidate events.

Three families of triggers, tried in this order in each sentence:
1. governors — a verb whose complement is an act: "threatened to impose tariffs" (THREATEN,
   mode tariff), "urged Colombia to extradite", "refused deportation flights", "pledged to send
   aid"; blocking verbs ("wants to", "plans to", "failed to") stop their complement.
2. verbs — a verb with an event noun as object takes the noun's meaning under the verb's class
   ("impose tariffs", "hold talks", "cut aid", "withdraw the ambassador", "lift sanctions"),
   otherwise the verb's own sense ("attacked", "accused", "was decertified").
3. nominal events — an event noun with an actor as possessor or modifier and/or a recipient in a
   prepositional phrase ("Washington's threats", "a US visa ban against him", "the
   decertification of Colombia").
Each candidate carries its actor and recipient mentions (conjunctions give one candidate per
pair) and the features the confidence is computed from.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Any

from detente import resources
from detente.events import modality
from detente.events.actors import MentionIndex, mention_root, names_no_party, phrase_head, role_test
from detente.events.lexicon import Lexicon, NounEntry, Sense
from detente.ontology import CIVILIAN_SECTOR

_WORDS = resources.words("patterns")
# acts done to people (the coder's word table): their owner word may be whom they were done to
PERSON_TARGET_MODES = frozenset(resources.words("coder")["person_target_modes"])
FORCE_SECTORS = frozenset(resources.words("coder")["force_sectors"])  # armed forces: soldiers, rebels
RECIPIENT_PREPS = tuple(_WORDS["recipient_preps"])
LEAD_PREPS = frozenset(_WORDS["lead_preps"])  # "out of Chile", "away from Peru": two-word prepositions
OPPOSING_PREPS = frozenset(_WORDS["opposing_preps"])  # "a complaint against China": whom it opposes
AGENT_HOLDER_PREPS = frozenset(_WORDS["agent_holder_preps"])  # "the attack on the embassy | by rebels"
JUDGING_CAMEO = tuple(_WORDS["judging_cameo"])  # CAMEO codes of judging another's act
NOMINAL_RECIPIENT_PREPS = tuple(_WORDS["nominal_recipient_preps"])
CLASS_NOUN_PREPS = frozenset(_WORDS["class_noun_preps"])  # "an end to", "a freeze on", "suspension of"
QUANTITY_WORDS = frozenset(_WORDS["quantity_words"])
TREND_VERBS = frozenset(_WORDS["trend_verbs"])  # "demand soared": a quantity, no act
OFFICE_NOUNS = frozenset(_WORDS["office_nouns"])
SPEAKING_VERBS = frozenset(_WORDS["speaking_verbs"])  # "declined to comment"
BLAME_WORDS = frozenset(_WORDS["blame_words"])  # "responsible for the attack"
BLAME_PREPS = frozenset(_WORDS["blame_preps"])  # "behind the bombing"
HOLDING_VERBS = frozenset(_WORDS["holding_verbs"])  # "held Somalia responsible"
BLAME = Sense("ACCUSE", "112", "accuse")  # laying an act at another's door (CAMEO 112)
SPOKEN_MEDIA = frozenset(_WORDS["spoken_media"])  # "attacked the EU in a speech": words, not force
SPOKEN_ADVERBS = frozenset(_WORDS["spoken_adverbs"])  # "verbally attacked"
SPOKEN_PREPS = frozenset(_WORDS["spoken_preps"])  # "in a speech", "on television"
TRANSITIVE_DEPS = frozenset({"dobj", "nsubjpass", "xcomp", "ccomp", "dative"})  # what a verb acts on
REASON_PREPS = frozenset(_WORDS["reason_preps"])  # "attacked Berlin for …": the reason it is blamed
SAID_NOUNS = frozenset(resources.words("coder")["said_nouns"])  # "rejected the accusations": what was said
STANCE_NOUNS = frozenset(_WORDS["stance_nouns"])  # "… for its position": a stance, blamed in words
BLAMED_IN_WORDS = SAID_NOUNS | STANCE_NOUNS | SPOKEN_MEDIA  # a reason for blame that is words, not deeds
CRITICISM = Sense("ACCUSE", "111", "criticize")  # an attack in words (CAMEO 111)
RALLY_OPPOSITION = Sense("ACCUSE", "113", "rally_opposition")  # measures called for against a party (CAMEO 113)
DOCUMENT_NOUNS = frozenset(_WORDS["document_nouns"])  # "legislation targeting Turkey": no force
FORCE_TYPES = frozenset({"ASSAULT"})  # physical force: never told in words or done by a text
ORDERING_VERBS = frozenset(_WORDS["ordering_verbs"])  # "ordered the ambassador to leave"
AUDIENCE_SPEECH_VERBS = frozenset(_WORDS["audience_speech_verbs"])  # "'…,' he told reporters"
# governors whose complement verb only the base dictionaries know is still the act at stake
WEAK_GOVERNED_KINDS = frozenset({"threaten", "promise", "reject"})
LEAVING_VERBS = frozenset(_WORDS["leaving_verbs"])
EXPEL = "expel"  # what an order to leave is (its sense from the lexicon)
FAILING_VERBS = frozenset(_WORDS["failing_verbs"])  # "failed to reach an agreement"
MATERIAL_WORDS = frozenset(_WORDS["material_words"])  # "military support": a thing given, not praise
RECEIVER_PREPS = frozenset(_WORDS["receiver_preps"])  # "returned the boats to Beijing": whom a thing goes to
OFFERING_VERBS = frozenset(_WORDS["offering_verbs"])  # "offered to send troops": an offer, never a threat
REFUSAL_CONDITION_MARKS = frozenset(_WORDS["refusal_condition_marks"])  # "will not resume talks until X …"
ORIGIN_PREPS = frozenset(_WORDS["origin_preps"])  # "a duty on goods imported from X"
NO_AGREEMENT = "no_agreement"  # the mode of such a failure (data/plover.yaml)
AUTHORED_NOUNS = frozenset(_WORDS["authored_nouns"])  # "an offer by X": X's, whom a stance on it answers
PAIR_NOUNS = frozenset(_WORDS["pair_nouns"])
# verbs that are no act in the passive ("was met with criticism": received, not a meeting)
PASSIVE_NOT_EVENT = frozenset(_WORDS["passive_not_event"])
ALLEGATION_VERBS = frozenset(_WORDS["allegation_verbs"])
CLAIM_VERBS = frozenset(_WORDS["claim_verbs"])
CLAIMING_VERBS = CLAIM_VERBS | ALLEGATION_VERBS  # whose clause is claimed, not reported as done
OWN_CLAIM_PRONOUNS = frozenset(_WORDS["own_claim_pronouns"])  # "claimed that they had attacked"
RESPONSIBILITY_NOUNS = frozenset(_WORDS["responsibility_nouns"])  # "claimed responsibility for the attack"
RESPONSIBILITY_VERBS = frozenset(_WORDS["responsibility_verbs"])  # ... claimed, not denied
ALLEGATION_PREPS = frozenset(_WORDS["allegation_preps"])
OBJECT_CONTROL_PREPS = frozenset(_WORDS["object_control_preps"])
ACTOR_ENTITY_TYPES = frozenset({"PERSON", "ORG", "GPE", "NORP"})  # an object that can act ("took credit for" cannot)
SPEAKER_PRONOUNS = frozenset(_WORDS["speaker_pronouns"])
OBJECT_PRONOUNS = frozenset(_WORDS["object_pronouns"])  # "… to congratulate him": Patterns.purpose_object
HELP_PURPOSE_VERBS = frozenset(_WORDS["help_purpose_verbs"])  # "… to support refugees": Patterns.help_purpose
AGREED_PREPS = frozenset(_WORDS["agreed_preps"])  # "agreed to/on a deal": Patterns.agreed_to_a_thing
ADDRESSEE_PREPS = frozenset(_WORDS["addressee_preps"])  # "called on exporters to …": Patterns.asked_of_unknown
# an act's type → its sense when a purpose clause says whom it helps ("sent troops to support …")
HELP_PURPOSE_SENSES = {kind: Sense.from_dict(value, "words/patterns.yaml")
                       for kind, value in _WORDS["help_purpose_senses"].items()}
PEACEKEEPING_WORDS = frozenset(_WORDS["peacekeeping_words"])
PEACEKEEPING_SENSES = {kind: Sense.from_dict(value, "words/patterns.yaml")
                       for kind, value in _WORDS["peacekeeping_senses"].items()}
FORCES_AID_MODES = frozenset(_WORDS["forces_aid_modes"])
SERVED_PREPS = frozenset(_WORDS["served_preps"])  # "the UN mission in Mali": where a force serves
PARTICIPATION_VERBS = tuple((tuple(str(v).split()), str(p)) for v, p in _WORDS["participation_verbs"].items())
RELATIVE_PRONOUNS = frozenset(_WORDS["relative_pronouns"])
SUMMING_NOUNS = frozenset(_WORDS["summing_nouns"])  # "…, a move Chile condemned"
AUTHORED_OR_SUMMING = AUTHORED_NOUNS | SUMMING_NOUNS
APOLOGY_CAMEOS = tuple(str(c) for c in _WORDS["apology_cameos"])
REGRET_OVER_ANOTHER = Sense.from_dict(_WORDS["regret_over_another"], "patterns.yaml regret_over_another")
SUBJECT_DEPS = ("nsubj", "csubj")
LISTED_SUBJECT_DEPS = ("dep", "npadvmod", "nsubj", "nmod")  # how the parser hangs a headline's first listed name
CLAUSE_SUBJECT_DEPS = (*SUBJECT_DEPS, "nsubjpass")
VERB_POS = ("VERB", "AUX")
DIRECTION_PARTICLES = tuple(_WORDS["direction_particles"])
NAMING_VERBS = frozenset(_WORDS["naming_verbs"])  # "what it called aggression"
# "complaint about X", "dispute over X": X is a topic, not an event
TOPIC_PREPS = frozenset(_WORDS["topic_preps"])
FORUM_CODE_PREFIXES = tuple(_WORDS["forum_code_prefixes"])  # "a complaint with the UN": a forum
FORUM_SECTORS = frozenset(_WORDS["forum_sectors"])
NOT_PARTY_PREPS = frozenset(_WORDS["not_party_preps"])
PARTY_CLAUSE_MARKS = frozenset(_WORDS["party_clause_marks"])
SEAT_PARTICIPLES = frozenset(_WORDS["seat_participles"])
TOPIC_NOUNS = frozenset(_WORDS["topic_nouns"])
VENUE_TYPES = frozenset(_WORDS["venue_types"])
VENUE_CODES = frozenset(_WORDS["venue_codes"])  # "signed a deal in Doha" (SUPPORT 057)
VENUE_MODES = frozenset(_WORDS["venue_modes"])  # "arrested smugglers near the border"
DESTINATION_MODES = frozenset(_WORDS["destination_modes"])
DESTINATION_PREPS = frozenset(_WORDS["destination_preps"])
VENUE_PREPS = frozenset(_WORDS["venue_preps"])
RECEIVING_VERBS = frozenset(_WORDS["receiving_verbs"])  # "faced criticism from Peru": the subject gets the act
RECEIVING_PHRASES = frozenset(_WORDS["receiving_phrases"])  # "came under attack from"
SOURCE_PREPS = frozenset(_WORDS["source_preps"])
EVENT_SETTING_PREPS = frozenset(_WORDS["event_setting_preps"])  # "killed in a Peruvian airstrike"
PARTNER_TYPES = frozenset(_WORDS["partner_types"])  # "discussed Libya with Trump": Trump first
JOINT_WORDS = frozenset(_WORDS["joint_words"])
JOINT_RETYPE = {kind: Sense(v["type"], v["cameo"], v["mode"]) for kind, v in _WORDS["joint_retype"].items()}
OWNER_DEPS = ("poss", "compound", "amod", "nmod")  # "Russia's annexation", "Pakistani aid": who does the act
DEMAND_MODALS = frozenset(_WORDS["demand_modals"])
APPEAL_MODALS = frozenset(_WORDS["appeal_modals"])
OBLIGATION_MODALS = DEMAND_MODALS | APPEAL_MODALS
OBLIGATION_VERBS = frozenset(_WORDS["obligation_verbs"])
HEDGES = frozenset(_WORDS["hedge_modals"])
BETWEEN_PREPS = frozenset(_WORDS["between_preps"])
HYPHEN_PAIR_TYPES = frozenset(_WORDS["hyphen_pair_types"])
HYPHENS = frozenset(_WORDS["hyphens"])
EVALUATIVE_TYPES = frozenset(_WORDS["evaluative_types"])
RESPONSE_VERBS = frozenset(_WORDS["response_verbs"])
INSTRUMENT_VERBS = frozenset(_WORDS["instrument_verbs"])  # "hit China with tariffs"
AIMING_VERBS = frozenset(_WORDS["aiming_verbs"])


# families of acts a verb states through an event noun ("launched attacks on", "the tariffs target")
NOUN_ACT_FAMILIES = frozenset({"light", "aimed"})
# families whose act is the verb's own statement, by its sense or by its event noun's
VERB_ACT_FAMILIES = frozenset({"verb", *NOUN_ACT_FAMILIES})


@dataclass
class Candidate:
    sense: Sense
    trigger: Any  # spaCy Token
    actor: Any | None  # ActorMention
    recipient: Any | None
    family: str  # verb | light | aimed | negated | governor | nominal | intent
    passive: bool = False
    source: Any | None = None  # the speaker, for reported speech
    inferred_recipient: str | None = None
    tokens: set[int] = field(default_factory=set)


def _same_party(a, b) -> bool:
    """Two mentions of one side: the same mention or actor code, or one country where either
    stands for the whole country ("Kenya's president said Kenya must …"). A government and its
    opposition, courts or army are two parties (PLOVER codes domestic pairs)."""
    if a == b or bool(a.actor.code and a.actor.code == b.actor.code):
        return True
    if not (a.actor.country and a.actor.country == b.actor.country):
        return False
    return any(m.actor.code in (None, "", m.actor.country) for m in (a, b))


class Patterns:
    def __init__(self, lexicon: Lexicon):
        self.lex = lexicon

    # ---- syntax helpers ------------------------------------------------------------------------
    @staticmethod
    def chain_head(token):
        """The first conjunct of the coordination `token` is in ("Japan" in "Japan and Peru")."""
        while token.dep_ == "conj" and token.head.i != token.i:
            token = token.head
        return token

    @staticmethod
    def conjuncts(token) -> list:
        out = [token]
        for child in token.children:
            if child.dep_ == "conj":
                out.extend(Patterns.conjuncts(child))
        return out

    @staticmethod
    def listed_before(subject) -> list:
        """A headline's subjects listed with a comma and no "and" ("Ghana, Togo sign trade deal"):
        the parser makes the first a loose dependent of the verb. The names before a subject that
        open the sentence, each followed by a comma only, are its conjuncts."""
        if subject.dep_ not in ("nsubj", "nsubjpass") or subject.head.i == subject.i:
            return []
        doc, start = subject.doc, subject.sent.start
        out: list = []
        edge = subject.left_edge.i
        for sib in sorted((c for c in subject.head.children if c.i < subject.i and not c.is_punct), key=lambda c: -c.i):
            if sib.dep_ not in LISTED_SUBJECT_DEPS or sib.pos_ != "PROPN" or sib.right_edge.i + 2 != edge \
                    or doc[sib.right_edge.i + 1].text != ",":
                break
            out.append(sib)
            edge = sib.left_edge.i
        return out if out and edge == start else []

    def governing(self, verb) -> str | None:
        """The kind of the nearest governor (not a transparent or speech verb) whose complement
        `verb` is part of: its complement, a conjunct of one, or the purpose of one ("urged Kenya
        to hold the attackers accountable and cooperate with Uganda to bring them to justice":
        cooperating and bringing to justice are asked, not done)."""
        for _ in range(8):
            while verb.dep_ == "conj" and verb.head.i != verb.i:
                verb = verb.head
            if self.is_complement(verb):
                kind = self.lex.governor_of(verb.head)
                if kind not in (None, "transparent", "speech"):
                    return kind
            elif not (verb.dep_ == "advcl" and infinitive(verb)):
                return None
            if verb.head.i == verb.i:
                return None
            verb = verb.head
        return None

    @staticmethod
    def joint(doc, tokens) -> bool:
        """An act's noun or verb marked as done together: "joint exercises", "bilateral talks"."""
        return any(child.dep_ == "amod" and child.lower_ in JOINT_WORDS for i in tokens for child in doc[i].children)

    @staticmethod
    def is_passive(verb) -> bool:
        if any(c.dep_ in ("nsubjpass", "auxpass") for c in verb.children):
            return True
        if verb.tag_ != "VBN" or any(c.dep_ == "aux" for c in verb.children):
            return False
        if verb.dep_ == "conj":
            return Patterns.is_passive(verb.head)
        # a bare participle: "Although prohibited from ...", "aid withheld by Washington"
        return verb.dep_ in ("advcl", "acl", "amod", "relcl") and not any(
            c.dep_ in (*SUBJECT_DEPS, "dobj", "dative") for c in verb.children)

    def subject_tokens(self, verb, depth: int = 0) -> list:
        """The subject(s) of a verb, following xcomp / conj / acl / relcl / participle chains."""
        if depth > 6:
            return []
        subjects = [c for c in verb.children if c.dep_ in SUBJECT_DEPS]
        if subjects:
            if subjects[0].lower_ in RELATIVE_PRONOUNS and verb.dep_ == "relcl":
                return self.conjuncts(verb.head)
            # two subjects is a misparse (a dateline city taken as one): keep both, nearest last
            return [t for subj in subjects for t in self.conjuncts(subj)]
        owners = [c for c in verb.children if c.dep_ == "poss"]
        if owners and verb.tag_ == "VBG":  # "the army's shelling of the villages": a gerund's possessor does it
            return [t for o in owners for t in self.conjuncts(o)]
        for child in verb.children:
            if child.dep_ == "agent":
                objs = [g for g in child.children if g.dep_ == "pobj"]
                if objs:
                    return self.conjuncts(objs[0])
        head = verb.head
        if head.i == verb.i:
            return []
        if verb.dep_ == "relcl":
            return self.conjuncts(head)
        if verb.dep_ == "ccomp" and head.pos_ in VERB_POS and self.lex.governor_of(head) == "speech":
            # "a source said Ankara in recent years imposed …": the parser took the clause's
            # subject, a name between the speech verb and the clause, for the speech verb's object
            named = [c for c in head.children if c.dep_ == "dobj" and head.i < c.i < verb.i
                     and (c.pos_ == "PROPN" or c.ent_type_ in ACTOR_ENTITY_TYPES)]
            if named:
                return self.conjuncts(named[0])
        if verb.dep_ == "xcomp" and head.pos_ == "ADJ" and head.dep_ in ("acomp", "oprd") \
                and head.head.pos_ in VERB_POS and modality.intended(verb):
            # "Kenya is ready to send troops", "stands ready to help": the adjective's subject acts
            # (an act still ahead, as its mood says)
            return self.subject_tokens(head.head, depth + 1)
        if verb.dep_ in ("xcomp", "conj", "advcl", "pcomp") and head.pos_ in VERB_POS:
            if verb.dep_ == "xcomp":
                # object control: "urged Colombia to cut", "encouraged troops to withdraw"
                objs = [c for c in head.children if c.dep_ in ("dobj",)]
                if objs and self.lex.governor_of(head) in ("request",):
                    return self.conjuncts(objs[0])
            return self.subject_tokens(head, depth + 1)
        if verb.dep_ in ("acl",) and head.pos_ in ("NOUN", "PROPN"):
            # "Trump's decision to withhold aid": the possessor of the noun acts
            for child in head.children:
                if child.dep_ == "poss":
                    return self.conjuncts(child)
            if head.dep_ in SUBJECT_DEPS or head.dep_ == "dobj":
                if head.dep_ == "dobj" and verb.tag_ == "VBG" and head.head.pos_ in VERB_POS \
                        and self.lex.verb_sense(head.head)[0] is not None:
                    # "attacked a convoy supplying Chilean troops", "condemned a report accusing
                    # Chile": the object of an act does what its participle says, not the actor
                    # ("launched an operation targeting", "issued a statement condemning": a verb
                    # that is no act of its own hands its subject down)
                    return []
                return self.subject_tokens(head.head, depth + 1) if head.dep_ == "dobj" else []
        if verb.dep_ == "pcomp" and head.dep_ == "prep":
            if head.head.pos_ not in VERB_POS:
                return []
            objs = [c for c in head.head.children if c.dep_ == "dobj" and (
                c.pos_ in ("PROPN", "PRON") or c.ent_type_ in ACTOR_ENTITY_TYPES)]
            if objs and head.lower_ in OBJECT_CONTROL_PREPS:
                # "thanked Poland for sending tanks", "stopped Iran from arming": the object acts
                return self.conjuncts(objs[0])
            return self.subject_tokens(head.head, depth + 1)
        return []

    def alleged(self, token) -> bool:
        """Is `token` (a verb or an event noun) inside the complement of an allegation ("accused
        Iran of arming Hezbollah", "blamed Moscow for the attack on the grid"), or in the clause of
        a claim ("alleged that Russia had blocked the ships")? Then the act is the allegation's
        content, not an event of its own."""
        clause = token
        while clause.dep_ == "conj" and clause.head.i != clause.i:
            clause = clause.head
        if clause.dep_ == "ccomp" and (clause.head.lemma_.lower() in CLAIMING_VERBS or clause.head.lower_ in CLAIM_VERBS) \
                and self.is_complement(clause) and not self._own_claim(clause):
            return True
        tok = token
        for _ in range(6):
            if tok.dep_ == "prep" and tok.lower_ in ALLEGATION_PREPS and tok.head.i != tok.i:
                head = tok.head
                if head.pos_ not in VERB_POS:
                    return False
                sense = self.lex.verb_sense(head)[0]
                return head.lemma_.lower() in ALLEGATION_VERBS or (sense is not None and sense.type == "ACCUSE")
            if tok.dep_ not in ("pcomp", "pobj", "conj", "prep") or tok.head.i == tok.i:
                return False
            tok = tok.head
        return False

    @staticmethod
    def _own_claim(clause) -> bool:
        """"The rebels claimed that they had attacked the base": a claim whose clause tells the
        claimer's own act (its subject a pronoun for the claimer, who is named) reports that act
        as done by its doer, as "said it carried out the attack" does; a claim about another is an
        allegation."""
        claimer = next((c for c in clause.head.children if c.dep_ == "nsubj"), None)
        subject = next((c for c in clause.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        return claimer is not None and subject is not None and claimer.pos_ != "PRON" \
            and subject.dep_ == "nsubj" and subject.lower_ in OWN_CLAIM_PRONOUNS

    def participle_patients(self, verb) -> list:
        """The one a bare passive participle is said of, who suffered its act: the subject of the
        clause it modifies ("two soldiers died, killed by …") or the noun it describes ("the
        general, killed in a strike, …")."""
        if not self.is_passive(verb) or verb.tag_ != "VBN" or any(c.dep_ == "nsubjpass" for c in verb.children):
            return []
        head = verb.head
        if verb.dep_ == "advcl" and head.pos_ in VERB_POS and not any(c.dep_ == "mark" for c in verb.children):
            # (not "although prohibited from …": a clause with a conjunction states a circumstance)
            return [c for c in head.children if c.dep_ in SUBJECT_DEPS]
        if verb.dep_ == "acl" and head.pos_ in ("NOUN", "PROPN"):
            entry = self.lex.noun_entry(head)
            own = self.lex.verb_sense(verb)[0]
            if entry is not None and (own is None or own.type == entry.sense.type):
                return []  # "a tariff imposed on March 3", "sanctions placed on …": the noun tells the act
            return [head]  # "the convoy, shelled by …", "a meeting requested by …"
        return []

    def suffers(self, verb, token) -> bool:
        """Whether `token` names one who suffered the act of `verb`: a passive's subject ("a
        convoy was shelled near …"), the one a bare passive participle is said of, or a word of
        their noun phrase ("one of the group's leaders is dead, killed in …")."""
        patients = {t.i for t in self.participle_patients(verb)}
        patients.update(t.i for c in verb.children if c.dep_ == "nsubjpass" for t in self.conjuncts(c))
        while token.i not in patients and token.dep_ in PATIENT_PHRASE_DEPS and token.head.i != token.i:
            token = token.head
        return token.i in patients

    def agent_tokens(self, verb) -> list:
        for child in verb.children:
            if child.dep_ == "agent":
                objs = [g for g in child.children if g.dep_ == "pobj"]
                if objs:
                    return self.conjuncts(objs[0])
        return []

    def objects(self, verb) -> list:
        """Direct objects (the passive subject for a passive verb), unwrapping quantities
        ("millions in aid", "$590 million of aid", "a 25% tariff")."""
        objs = [t for o in self.participated(verb) for t in self.conjuncts(o)]
        for child in verb.children if not objs else ():
            if child.dep_ in ("dobj", "nsubjpass", "attr", "oprd"):
                objs.extend(self.conjuncts(child))
        if not objs and verb.dep_ == "conj" and self.is_passive(verb):
            objs = [c for c in verb.head.children if c.dep_ == "nsubjpass"]
        if verb.dep_ == "relcl" and verb.head.pos_ in ("NOUN", "PROPN") and verb.head.lemma_.lower() not in SAID_NOUNS \
                and any(c.dep_ == "nsubj" and c.lower_ not in RELATIVE_PRONOUNS for c in verb.children):
            # an object relative clause: "a move Chile condemned", "the aid which Peru sent": the noun
            # it describes is the verb's object (what was said, "a charge Delhi rejected", is left to
            # whoever said it: `Coder._author_of`)
            objs = [verb.head if o.lower_ in RELATIVE_PRONOUNS else o for o in objs] or [verb.head]
        if not objs:  # "condemned what it called Pakistan's aggression": the name is the object
            objs = self.named_as(verb)
        if not objs:  # "two soldiers died, killed by Indian fire": a bare participle's controller suffered it
            objs = self.participle_patients(verb)
        if not objs:  # "pull out of the agreement", "withdraw from the treaty", "reneged on the deal"
            preps = ("of", "from", "out", *self.lex.class_phrase_words(verb)[-1:])
            for child in verb.children:
                if child.dep_ == "prep" and child.lower_ in preps:
                    objs.extend(g for g in child.children if g.dep_ == "pobj")
            objs.extend(_two_word_objects(verb, ("of", "from")))  # "backed out of the deal"
        return [self.unwrap(o) for o in objs]

    def named_as(self, verb) -> list:
        """The name a free relative gives what `verb` acts on ("condemned what it called X's
        aggression", "rejected what it described as interference by Chile")."""
        for clause in verb.children:
            if not _names_what(clause):
                continue
            names = [c for c in clause.children if c.dep_ in ("oprd", "attr", "xcomp") and c.pos_ in ("NOUN", "PROPN")]
            names += _prep_objects([clause], ("as",))  # "what it described as interference"
            return [t for name in names for t in self.conjuncts(name)]
        return []

    @staticmethod
    def participated(verb) -> list:
        """What a verb of taking part says its subject took part in ("participated in joint
        exercises", "took part in the talks"): the act is the subject's own."""
        lemma = verb.lemma_.lower()
        found = []
        for words, prep in PARTICIPATION_VERBS:
            if words[0] != lemma:
                continue
            holders = [verb]
            if len(words) > 1:  # "take part": the preposition hangs on the verb or on its noun
                nouns = [c for c in verb.children if c.dep_ == "dobj" and c.lemma_.lower() == words[1]]
                holders = [verb, *nouns] if nouns else []
            found += [g for h in holders for c in h.children if c.dep_ == "prep" and c.lower_ == prep
                      for g in c.children if g.dep_ == "pobj"]
        return found

    @staticmethod
    def quantity(token) -> bool:
        """A word that counts or measures ("millions", "$590", "a 25% …"), not a thing of its own."""
        return token.lemma_.lower() in QUANTITY_WORDS or token.pos_ in ("NUM", "SYM") or token.like_num

    def unwrap(self, noun):
        """The noun that names what an object is: past a quantity ("millions in aid") and to the
        last word of a lexicon phrase the object begins ("a state of emergency")."""
        tail = self.lex.phrase_noun_from(noun)
        if tail is not None:
            return tail
        if self.quantity(noun):
            for child in noun.children:
                if child.dep_ == "prep" and child.lower_ in ("in", "of", "worth"):
                    for g in child.children:
                        if g.dep_ == "pobj":
                            return self.unwrap(g)
        return noun

    # ---- actor / recipient ---------------------------------------------------------------------
    def mentions(self, index: MentionIndex, tokens: list) -> list:
        out = []
        for token in tokens:
            entry = self.lex.noun_entry(token) if index.at(token) is None else None
            if entry is not None and entry.nominal:
                continue  # "Trump's threats have raised concerns": an event noun is not its possessor acting
            mention = index.of_phrase(token)
            if mention is None:
                mention = self.back_reference(index, token)
            if mention is not None and mention not in out:
                out.append(mention)
        return out

    @staticmethod
    def back_reference(index: MentionIndex, token, window: int = 700):
        """A bare office noun ("the ministry warned", "the spokesman said") the analyse stage left
        unresolved: the nearest earlier actor mention, within a few sentences, whose words end in
        the same noun ("Azerbaijan's defence ministry")."""
        if token.pos_ != "NOUN" or token.lemma_.lower() not in OFFICE_NOUNS:
            return None
        if not any(c.dep_ == "det" and c.lower_ in ("the", "this", "that") for c in token.children):
            return None
        lemma = token.lemma_.lower()
        for mention in reversed(index.mentions):
            if mention.end > token.idx:
                continue
            if token.idx - mention.end > window:
                break
            last = index.doc[mention.token_end - 1]
            if last.lemma_.lower() == lemma and (mention.actor.country or mention.actor.code):
                return mention
        return None

    def speaker_for(self, index: MentionIndex, verb, subjects: list) -> list:
        """An unresolved "it", "they", "we" or "I" subject of a clause reported by an actor is that
        actor ("Washington made clear it does not …", "'We will cooperate,' Petro said")."""
        if not subjects or any(t.lower_ not in SPEAKER_PRONOUNS for t in subjects):
            return []
        node = verb
        for _ in range(4):
            if node.dep_ in ("xcomp", "conj", "acomp") and node.head.i != node.i:
                node = node.head  # "said it was ready to resume talks": resume → ready → was
                continue
            break
        head = modality.reporting_head(node)  # "said it …", "made it clear it …": clear → made
        if head is None:  # any other clause complement, up to its verb
            if node.dep_ != "ccomp" or node.head.i == node.i:
                return []
            head = modality.verb_above(node.head)
        return self.mentions(index, [c for c in head.children if c.dep_ in SUBJECT_DEPS])

    def misparsed_verb(self, token):
        """A coordinated past participle the parser took for an adjective ("has reinstated sanctions
        and blocked Venezuela's participation": blocked → amod of participation). Returns the verb
        it is coordinated with, or None."""
        if token.dep_ != "amod" or token.tag_ not in ("VBN", "VBD") or token.i == 0:
            return None
        if token.doc[token.i - 1].lower_ not in ("and", "or", ","):
            return None
        if self.lex.verb_sense(token)[0] is None and self.lex.class_of(token) is None:
            return None
        noun = token.head
        for _ in range(4):
            if noun.dep_ == "conj":
                noun = noun.head
                continue
            break
        if noun.dep_ in ("dobj",) and noun.head.pos_ in VERB_POS and noun.head.i < token.i:
            return noun.head
        return None

    @staticmethod
    def pair_subject(index: MentionIndex, token) -> tuple | None:
        """"the two governments", "both countries", "the two sides": the two countries named
        before it in the sentence (first named first), for a joint act coded once, actor → other;
        with none named there, the two countries of the sentence before ("Russia and Ukraine held
        talks. Both sides agreed to a prisoner swap.")."""
        if token.lemma_.lower() not in PAIR_NOUNS:
            return None
        if not any((c.dep_ == "nummod" and c.lower_ == "two") or (c.dep_ in ("det", "predet") and c.lower_ == "both")
                   for c in token.children):
            return None
        sent = token.sent
        seen = Patterns._countries_in(index, sent.start_char, token.idx)
        if not seen and sent.start > 0:
            before = token.doc[sent.start - 1].sent
            seen = Patterns._countries_in(index, before.start_char, before.end_char)
        return (seen[0], seen[1]) if len(seen) == 2 else None

    @staticmethod
    def _countries_in(index: MentionIndex, start: int, end: int) -> list:
        """The first mention of each country named between two character offsets, in order."""
        seen: list = []
        for mention in index.mentions:
            if mention.start < start or mention.end > end or not mention.actor.country:
                continue
            if all(m.actor.country != mention.actor.country for m in seen):
                seen.append(mention)
        return seen

    def recipient(self, index: MentionIndex, verb, objects: list, actor, preps=RECIPIENT_PREPS,
                  sense: Sense | None = None) -> Any | None:
        """First actor among: the objects, the verb's indirect/prepositional objects, then modifiers
        or prepositional phrases inside the objects ("tariffs on Colombian goods"), then the
        objects' possessors (unless they are the actor's own: "withdrew Colombia's ambassador").
        The places an act's sense says are no party are not searched: where talks or an agreement
        were held (VENUE_TYPES: "held a summit in Russia"; VENUE_MODES: "arrested smugglers near the
        border"), where deportees were sent
        (DESTINATION_MODES: "deported 173 Uyghurs to Turkey"). An act done with someone looks for
        its partner first (PARTNER_TYPES: "discussed Libya with Trump")."""
        if sense is not None and sense.type == "ACCUSE" and self.unknown_accused(verb, index):
            return None  # "accused the rebel group of attacking Peruvian soldiers": the group is accused
        places = self.places(sense)
        seats = sense is None or sense.type not in FORCE_TYPES  # "a group based in Denmark"
        preps = tuple(p for p in preps if p not in places)
        candidates: list = []
        if sense is not None and sense.quad_class >= 3:
            # "filed a complaint with the WTO against China", "a case against Israel at the ICJ": whom
            # a hostile act is against, before the forum it was taken to
            # (or on the forum's noun, where the parser hangs it: "filed a lawsuit in a Lome court
            # against the president")
            holders = [verb, *objects]
            holders += [g for g in _prep_objects(holders) if g.head.lower_ not in OPPOSING_PREPS and index.of_phrase(g) is not None]
            candidates.extend(t for g in _prep_objects(holders, OPPOSING_PREPS) for t in self.conjuncts(g))
        if sense is not None and sense.quad_class >= 3 and not candidates:
            # "lodged a complaint with the UN over Pakistan's missile test": taken to a forum (an
            # organisation of states, a court), a complaint is aimed at who did the act it is about
            owner = self.forum_topic_owner(index, verb, objects, actor)
            if owner is not None:
                return owner
        if sense is not None and sense.type in PARTNER_TYPES:  # "discussed Libya with Trump": the partner
            candidates.extend(t for child in verb.children if child.dep_ == "prep" and child.lower_ == "with"
                              for g in child.children if g.dep_ == "pobj" for t in self.conjuncts(g))
        if objects and all(index.at(o) is None for o in objects):
            # "returned two Chinese fishing boats to Beijing", "sold Turkish drones to Ukraine": when the
            # object is a thing, the one it goes to is whom the act is aimed at, not a country word
            # inside the thing
            candidates.extend(t for child in verb.children
                              if child.dep_ in ("prep", "dative") and child.lower_ in RECEIVER_PREPS
                              and child.lower_ in preps  # not where deportees were sent
                              for g in child.children if g.dep_ == "pobj" for t in self.conjuncts(g))
        for obj in objects:
            # "condemned the annexation of Crimea by Russia", "spurned an offer of talks by Kabul": an
            # act's or a proposal's author is whom a stance on it is aimed at
            if self.lex.noun_entry(obj) is not None or obj.lemma_.lower() in AUTHORED_OR_SUMMING:
                candidates.extend(self.nominal_agent_tokens(obj))
            if self.lex.noun_entry(obj) is not None and index.of_phrase(obj) is not None:
                # "requested WTO dispute consultations with Canada": an act's partner, before a
                # forum or a country word that only modifies the act's noun
                candidates.extend(t for child in obj.children if child.dep_ == "prep" and child.lower_ == "with"
                                  for g in child.children if g.dep_ == "pobj" for t in self.conjuncts(g))
        # "condemned the attack on the Chilean embassy": a stance on a hostile act is aimed at who
        # did it, never at whom the act itself was aimed at (its "on" phrase, its inside); "blamed
        # the attacks on militants" names whom it blames there
        judged = {o.i for o in objects if self.judges(sense, verb) and self.is_hostile_act(o)}
        # "criticised the deployment of Togolese troops": the armed forces a mobilisation is "of"
        # are its doer's, so their country is whom the stance is aimed at (the soldiers of "the
        # arrest of Togolese soldiers" suffered it: not searched)
        candidates.extend(g for o in objects if o.i in judged and self.lex.noun_entry(o).sense.type == "MOBILIZE"
                          for c in o.children if c.dep_ == "prep" and c.lower_ == "of"
                          for g in c.children if g.dep_ == "pobj" and _armed(index, g))
        for obj in objects:
            candidates.extend(self.conjuncts(obj) if obj.dep_ != "conj" else [obj])
        for child in verb.children:
            if child.dep_ in ("dative", "iobj"):
                candidates.append(child)
                candidates.extend(g for g in child.children if g.dep_ == "pobj")
        for child in verb.children:
            if child.dep_ == "prep" and child.lower_ in preps:
                for g in child.children:
                    if g.dep_ in ("pobj", "pcomp"):
                        candidates.extend(self.conjuncts(g))
        candidates.extend(t for g in _two_word_objects(verb, preps) for t in self.conjuncts(g))  # "out of Chile"
        # "set a deadline for Togo to withdraw": the subject of a for-to clause is whom it is set for
        candidates.extend(t for holder in (verb, *objects) for c in holder.children
                          if c.dep_ in ("advcl", "acl", "relcl") and any(m.dep_ == "mark" and m.lower_ == "for" for m in c.children)
                          for g in c.children if g.dep_ in ("nsubj", "nsubjpass") for t in self.conjuncts(g))
        for obj in objects:
            for child in obj.children if obj.i not in judged else ():
                if child.dep_ == "prep" and child.lower_ in preps:
                    candidates.extend(g for g in child.children if g.dep_ == "pobj")
        if all(self.lex.noun_entry(o) is not None for o in objects):
            # "mediated between Russia and Ukraine", "undertook mediation between …" (the parser hangs
            # the phrase on the light verb): the parties the act is between
            candidates.extend(t for child in verb.children if child.dep_ == "prep" and child.lower_ in BETWEEN_PREPS
                              for g in child.children if g.dep_ == "pobj" for t in self.conjuncts(g))
        # one level further: "mediating in negotiations between the Venezuelan government and …"
        for child in verb.children:
            if child.dep_ == "prep" and child.lower_ == "in":
                candidates.extend(g for g in child.children if g.dep_ == "pobj" and g.pos_ == "NOUN")
        for token in list(candidates):
            for child in token.children if token.i not in judged else ():
                if child.dep_ == "prep" and child.lower_ in ("between", "with", "against", "on", "of", "to"):
                    for g in child.children:
                        if g.dep_ == "pobj":
                            candidates.extend(self.conjuncts(g))
        if sense is not None and sense.type == "SANCTION":
            # "a duty on goods imported from Pakistan": the origin of the things a measure is on
            candidates.extend(_prep_objects([part for token in list(candidates) for part in token.children
                                             if part.dep_ == "acl" and part.tag_ == "VBN"
                                             and part.lemma_.lower() not in SEAT_PARTICIPLES], ORIGIN_PREPS))
        found = self._first_other(index, candidates, actor, skip_own_possessor=True)
        if found is not None:
            return found
        deeper = []
        for token in (o for o in objects if o.i not in judged):
            target = self.class_target(token)  # "a halt to loans for Pakistan": the loans are the act itself
            own = target[0].i if target is not None else None
            deeper.extend(t for t in _core_subtree(token) if t.i != token.i and not _under_prep(t, token, places)
                          and not self._under_other_act(t, token, own) and not (seats and _under_seat(t, token)))
        return self._first_other(index, deeper, actor, skip_own_possessor=True, direct=True)

    def forum_topic_owner(self, index: MentionIndex, verb, objects: list, actor):
        """Whose act or thing ("Togo's border closure") a hostile act taken "with" a forum is "over"
        or "about", when the forum is an organisation of states or a court; None otherwise."""
        holders = (verb, *objects)
        forums = [index.of_phrase(g) for g in _prep_objects(holders, ("with",))]
        if not any(m is not None and ((m.actor.code or "").startswith(FORUM_CODE_PREFIXES) or m.actor.sector in FORUM_SECTORS)
                   for m in forums):
            return None
        owners = [self.act_owner(g, index) for g in _prep_objects(holders, TOPIC_PREPS) if g.pos_ == "NOUN"]
        # (no actor named: "a complaint was lodged with the UN over …" is still aimed at the owner)
        return next((m for m in owners if m is not None and (actor is None or not _same_party(m, actor))), None)

    @staticmethod
    def judges(sense: Sense | None, verb) -> bool:
        """Whether an act is a judgement of what its object names (condemning, criticising,
        praising: `judging_cameo`), not an allegation that names whom it blames ("blamed the
        attacks on militants") nor a refusal or an investigation of an act."""
        return sense is not None and sense.cameo.startswith(JUDGING_CAMEO) and verb.lemma_.lower() not in ALLEGATION_VERBS

    def is_hostile_act(self, noun) -> bool:
        """Whether a noun names a hostile act of its own ("the attack", "the sanctions"), not a
        stance ("the complaint", "the condemnation", which a light verb does)."""
        entry = self.lex.noun_entry(noun) if noun.pos_ == "NOUN" else None
        return entry is not None and entry.nominal and entry.sense.conflict and entry.sense.type not in EVALUATIVE_TYPES

    @staticmethod
    def unknown_accused(verb, index: MentionIndex) -> list:
        """Whom an accusing verb names as accused, when the dictionaries do not know them: its
        direct object, else its clause's subject ("accused the rebel group of …", "alleged that
        the militants had …"), if a name, a person or a group the tagger marks, a generic agent
        with no country or a pronoun no mention resolves. Empty otherwise."""
        accused = [c for c in verb.children if c.dep_ == "dobj"] or [
            s for c in verb.children if c.dep_ == "ccomp" and not _names_what(c)  # not "what it called …"
            for s in c.children if s.dep_ == "nsubj"]
        # (a relative pronoun stands for the noun the clause describes: "a decision which Chile criticised")
        accused = [o for o in accused if index.of_phrase(o) is None
                   and not (o.lower_ in RELATIVE_PRONOUNS and verb.dep_ == "relcl")]
        if not accused:
            return []
        is_role = role_test(verb.doc)
        # a pronoun the mentions do not resolve stands for someone too ("accusing it of …")
        return accused if any(o.pos_ in ("PROPN", "PRON") or o.ent_type_ in ACTOR_ENTITY_TYPES or is_role(o)
                              for o in accused) else []

    def aim_party(self, index: MentionIndex, cand: Candidate) -> Any | None:
        """"called the Chilean president to convey Peru's support", "met with Togo's leader to
        sign the deal": an act told as the aim of an act towards a party (its object, or its
        "with" partner) is aimed at that party. Not under a verb that governs what follows
        ("lobbied the EU to abandon the tariffs", parsed as an aim, is asked of the EU)."""
        trigger = cand.trigger
        if trigger.dep_ != "advcl" or not infinitive(trigger) or self.lex.governor_of(trigger.head) is not None:
            return None
        hosts = [c for c in trigger.head.children if c.dep_ in ("dobj", "dative")]
        # a hostile aim with an object of its own ("worked with Togo to fight the smugglers") is
        # done with the "with" partner, not to it
        if not (cand.sense is not None and cand.sense.conflict and any(c.dep_ == "dobj" for c in trigger.children)):
            hosts += [g for c in trigger.head.children if c.dep_ == "prep" and c.lower_ == "with"
                      for g in c.children if g.dep_ == "pobj"]
        return self._first_other(index, hosts, cand.actor)

    def condition_party(self, index: MentionIndex, cand: Candidate, sense: Sense | None) -> Any | None:
        """"warned of consequences if Togo kept the border closed": a threat with no one named is
        aimed at the one whose act its condition is (the subject of its "if" / "unless" clause).
        `sense`: the act's sense as its mood made it (a warning may be told as a threat). The
        condition may hang on the threat's verb or on the act it threatens ("warned it would
        retaliate if Togo attacked", "threatened to impose tariffs unless Chile …")."""
        if sense is None or sense.type != "THREATEN":
            return None
        doc = cand.trigger.doc
        subjects = [s for i in sorted({cand.trigger.i, *cand.tokens}) for c in doc[i].children if c.dep_ == "advcl"
                    and modality.conditional(c)
                    for s in c.children if s.dep_ in ("nsubj", "nsubjpass")]
        return self._first_other(index, subjects, cand.actor)

    def clause_party(self, index: MentionIndex, cand: Candidate, sense: Sense, sides: list) -> Any | None:
        """The one other party named in the act's own clause when the patterns found no recipient:
        "dispatched police to help Libya secure the border", "helped Niger build a runway"; for force,
        the participle that tells what it did ("stepped up attacks, inflicting casualties on the army").
        Not the act's own side (`sides`: its actor and those coordinated with it, its subject),
        not a party told in a clause with a subject of its own ("said Russia had …"), in a
        description of a noun or in an adverbial clause other than a purpose or a condition set
        to another party ("unless Turkey frees …", `PARTY_CLAUSE_MARKS`), nor where the act is
        about, took place, sent someone or when (`TOPIC_PREPS`, `places`, `NOT_PARTY_PREPS`).
        None when the act is aimed at someone the dictionaries do not know ("accused YChina of …")
        or when two parties qualify."""
        trigger = cand.trigger
        if any(c.dep_ in ("dobj", "dative") and c.i not in cand.tokens and index.at(c) is None
               and (c.pos_ == "PROPN" or c.ent_type_ in ACTOR_ENTITY_TYPES) for c in trigger.children):
            return None
        places = self.places(sense)
        own = {t.i for c in trigger.children if c.dep_ in (*CLAUSE_SUBJECT_DEPS, "agent") for t in c.subtree}
        own.update(i for m in sides for i in range(m.token_start, m.token_end))
        if any(c.dep_ == "dobj" for c in trigger.children):
            # "met ranchers and criticised Chinese duties": a verb with an object of its own shares
            # nothing with the act coordinated after it ("met and held talks with Xi" still does)
            own.update(t.i for c in trigger.children if c.dep_ == "conj" and c.pos_ in VERB_POS for t in c.subtree)
        found: list = []
        if sense.type in FORCE_TYPES:
            # force: whom the participle that tells what it did was aimed at ("stepped up attacks,
            # inflicting casualties on the army"), or the verb it is coordinated with ("inflicting
            # casualties on the army and capturing territory")
            told = [c for c in trigger.children if c.dep_ == "advcl" and _consequence_participle(c, trigger)]
            if trigger.dep_ == "conj" and trigger.head.pos_ in VERB_POS:
                told.append(trigger.head)
            for verb in told:
                hit = self.recipient(index, verb, [g for g in verb.children if g.dep_ == "dobj"], cand.actor, sense=sense)
                if hit is not None:
                    return hit
        clauses = [c for c in trigger.children if c.dep_ == "advcl" and (
            infinitive(c) or any(m.dep_ == "mark" and m.lower_ in PARTY_CLAUSE_MARKS for m in c.children))]
        for token in _core_subtree(trigger) + [t for c in clauses for t in _core_subtree(c)]:
            if token.i == trigger.i or token.i in cand.tokens or token.i in own:
                continue
            if _under_prep(token, trigger, TOPIC_PREPS | NOT_PARTY_PREPS | places) or self._own_clause(token, trigger) \
                    or (sense.type not in FORCE_TYPES and _under_seat(token, trigger)):
                continue
            mention = self._first_other(index, [token], cand.actor, skip_own_possessor=True, direct=True)
            if mention is not None and all(m.actor.code != mention.actor.code for m in found):
                found.append(mention)
        return found[0] if len(found) == 1 else None

    def told_as_topic(self, mention, root) -> bool:
        """Whether `mention` is only what something below `root` is about: "agreed to share data on
        Ethiopia", "held talks on Iran" (a topic preposition of a noun that tells no act, or of
        talks; after another event noun it names a side: "sanctions on Iran")."""
        node = mention_root(mention, root.doc)
        while node.i != root.i and node.head.i != node.i:
            if node.dep_ == "prep" and node.lower_ in TOPIC_PREPS and node.head.pos_ == "NOUN":
                told = self.nominal_sense(node.head)
                return told is None or told[0].type in PARTNER_TYPES
            node = node.head
        return False

    @staticmethod
    def _own_clause(token, root) -> bool:
        """Whether a verb with a subject of its own lies between `token` and `root` (its ancestor).
        The subject of a clause right under `root` is a side of it ("helped Libya secure …",
        "did not allow the Turkish convoy to enter …"); what that clause tells of others is not."""
        below, node = token, token.head
        while node.i != root.i and node.head.i != node.i:
            if node.pos_ in VERB_POS and any(c.dep_ in CLAUSE_SUBJECT_DEPS for c in node.children):
                return not (node.head.i == root.i and below.dep_ in CLAUSE_SUBJECT_DEPS)
            below, node = node, node.head
        return False

    @staticmethod
    def places(sense: Sense | None) -> frozenset[str]:
        """The prepositions that tell where an act of this sense happened or sent someone, not
        whom it was aimed at: venues of talks and agreements ("held a summit in Russia"), where
        deportees went ("deported 173 Uyghurs to Turkey")."""
        if sense is None:
            return frozenset()
        places = VENUE_PREPS if sense.type in VENUE_TYPES or sense.cameo in VENUE_CODES \
            or sense.mode in VENUE_MODES else frozenset()
        return places | DESTINATION_PREPS if sense.mode in DESTINATION_MODES else places

    def _under_other_act(self, token, root, own: int | None) -> bool:
        """Whether `token` is told inside another event noun below `root` ("rejected the deal on
        withdrawal from the EU": the EU is a side of the withdrawal, not of the rejection). Who
        does that act is a side still ("a complaint about Pakistani aid to Iran": Pakistan), and
        `own`, the event noun a class noun `root` governs, is the act itself ("a halt to loans for
        Pakistan")."""
        below, token = token, token.head
        while token.i != root.i and token.head.i != token.i:
            if token.i != own and token.pos_ == "NOUN" and (entry := self.lex.noun_entry(token)) is not None \
                    and entry.nominal and not self.done_by(token, below):
                return True
            below, token = token, token.head
        return False

    def _first_other(self, index, tokens, actor, skip_own_possessor=False, direct=False):
        for token in tokens:
            mention = index.at(token) if direct else index.of_phrase(token)
            if direct and mention is not None and names_no_party(token, mention):
                continue  # "support to China's rivals", "the Doha agreement"
            if mention is None or mention == actor or not mention.actor.country and not mention.actor.code:
                continue
            if actor is not None and (mention.start, mention.end) == (actor.start, actor.end):
                continue
            if actor is not None and mention.actor.code and mention.actor.code == actor.actor.code:
                continue
            if actor is not None and actor.actor.country and mention.actor.country == actor.actor.country and (
                    not mention.actor.sector or not actor.actor.sector or mention.actor.sector == actor.actor.sector):
                continue  # the actor's own country: not a domestic dyad such as COLGOV → COLREB
            if skip_own_possessor and actor is not None and actor.actor.country and \
                    mention.actor.country == actor.actor.country and self._is_possessor_of_object(index, mention) \
                    and not (actor.actor.sector and mention.actor.sector):
                continue  # its own country's thing; another body's of its country is a domestic dyad
                # ("Togolese protested against the government's decision": TGOCVL → TGOGOV)
            return mention
        return None

    @staticmethod
    def _is_possessor_of_object(index, mention) -> bool:
        token = index.doc[mention.token_end - 1]
        return token.dep_ == "poss" or (token.dep_ == "case" and token.head.dep_ == "poss")

    # ---- event noun under a verb ---------------------------------------------------------------
    def titled_noun(self, noun):
        """The event noun behind a name or a misparse: "ambassador Hans Muller" (the title is a
        compound of the name), "ordered its ambassador home" ("home" parsed as the object)."""
        if noun.pos_ == "PROPN" or noun.lower_ in DIRECTION_PARTICLES:
            for child in noun.children:
                if child.dep_ == "compound" and child.pos_ == "NOUN" and self.lex.noun_entry(child) is not None:
                    return child
        return noun

    @staticmethod
    def direction_particle(verb, noun) -> str | None:
        """"ordered the envoy out (of the country)", "ordered its ambassador home": a particle of
        direction on the verb or, misparsed, on its object (or the object itself)."""
        if noun.lower_ in DIRECTION_PARTICLES and noun.head.i == verb.i:
            return noun.lower_
        for child in verb.children:
            if child.lower_ in DIRECTION_PARTICLES and child.dep_ in ("prt", "advmod", "prep", "npadvmod", "dobj"):
                return child.lower_
        for token in noun.subtree:  # "its ambassador in Berlin home" (home misparsed under the noun)
            if token.lower_ in DIRECTION_PARTICLES and token.i != noun.i:
                node = token.head
                while node.i != noun.i and node.pos_ not in VERB_POS and node.head.i != node.i:
                    node = node.head
                if node.i == noun.i:
                    return token.lower_
        return None

    def noun_sense(self, verb, noun) -> tuple[Sense | None, NounEntry | None]:
        particle = self.direction_particle(verb, noun)
        noun = self.titled_noun(noun)
        target = self.class_target(noun)
        if target is not None:  # "announced an end to aid": the verb does what the class noun names
            inner, entry, cls = target
            sense = entry.under(noun.lemma_.lower(), cls) if self.lex.class_of(verb) == "do" else None
            return (self.lex.refine(sense, entry, inner) if sense is not None else None), entry
        entry = self.lex.noun_entry(noun)
        people = self.lex.people_entry(noun)
        if people is not None and self.done_by_people(verb):
            entry = people  # "the teachers called off their strike": a labour strike, not an attack
        if entry is None:
            return None, None
        if self.lex.unmodified(entry, noun):
            return None, entry
        verb_class = self.lex.class_of(verb)
        lemma = verb.lemma_.lower()
        # a verb + particle key ("order out": expel, "order home": recall, "take in": shelter)
        parts = [p for p in [particle] + [c.lower_ for c in verb.children if c.dep_ == "prt"] if p is not None]
        for part in parts:
            phrased = entry.by_class.get(f"{lemma} {part}")
            if phrased is not None:
                return self.lex.refine(phrased, entry, noun), entry
        # the verb's own key, even a null one ("declare: null"), under its lemma or its surface form
        # (not a phrasal verb's: "called off a strike" is no strike called)
        keys = (self.lex.hyphenated(verb),) if parts else (self.lex.hyphenated(verb), lemma, verb.lower_)
        key = next((k for k in keys if k in entry.by_class), None)
        sense = entry.under(key, verb_class)
        if sense is None:
            return None, entry
        return self.lex.refine(sense, entry, noun), entry

    def done_by_people(self, verb) -> bool:
        """Whether the verb's subject names people who work (`people_doers`: "the teachers", "a
        majority of the guards") whom the actor dictionaries know as such, not a state or a force
        ("Chilean truck drivers", whom they do not know, stay the country's)."""
        is_role = role_test(verb.doc)
        return any((head := self.unwrap(t)).lemma_.lower() in self.lex.people_doers and is_role(head)
                   for t in self.subject_tokens(verb))

    def class_target(self, noun) -> tuple[Any, NounEntry, str] | None:
        """(event noun, its entry, verb class) when `noun` is a class noun governing an event noun
        through a preposition: "an end to aid", "a freeze on military assistance"."""
        cls = self.lex.noun_class_of(noun) if noun.pos_ == "NOUN" else None
        if cls is None:
            return None
        for child in noun.children:
            if child.dep_ == "prep" and child.lower_ in CLASS_NOUN_PREPS:
                for pobj in (self.unwrap(g) for g in child.children if g.dep_ == "pobj"):
                    entry = self.lex.noun_entry(pobj)  # "the release of $40 million in aid": past the amount
                    if entry is not None:
                        return pobj, entry, cls
        return None

    def act_of(self, verb) -> tuple[Sense | None, list]:
        """The act a complement clause names (for governors): light verb + noun, or verb sense."""
        for obj in self.objects(verb):
            sense, _ = self.noun_sense(verb, obj)
            if sense is not None:
                return sense, [verb.i, obj.i]
        sense, _ = self.lex.verb_sense(verb)
        if sense is not None and not self.non_event_object(verb):
            return sense, [verb.i]
        # "threatened to review ... agreements": a governed light verb whose noun is in the lexicon
        for obj in self.objects(verb):
            entry = self.lex.noun_entry(obj)
            if entry is not None and verb.lemma_.lower() in entry.by_class:
                return entry.by_class[verb.lemma_.lower()], [verb.i, obj.i]
        return None, []

    def verb_act_sense(self, verb) -> Sense | None:
        """What act a verb states by itself, or None: not a lexicon verb, an object that makes it
        no event ("take steps"), or a naming use ("called Petro a thug")."""
        sense, _ = self.lex.verb_sense(verb)
        if sense is None:
            return None
        if self.non_event_object(verb):
            if sense.type not in EVALUATIVE_TYPES:
                return None
            sense = replace(sense, needs_recipient=True)  # "praised France's efforts"
        if sense.not_naming and _names_object(verb):
            return None
        if sense.transitive and verb.dep_ != "acl" and not any(
                c.dep_ in TRANSITIVE_DEPS for c in verb.children):
            return None  # "the population continued to decline", "he returned to Kabul"
        return sense

    def non_event_object(self, verb) -> bool:
        """An object that makes the verb no act: a word of `non_event_objects` ("released a
        statement"), or an event noun whose entry voids this verb ("expressed relief": `express: null`).
        Such a word that names someone is a side, not a product ("released figures" is none,
        "detained an opposition figure" is an arrest)."""
        lemma = verb.lemma_.lower()
        return any((o.lemma_.lower() in self.lex.non_event_objects and not role_test(o.doc)(o))
                   or ((entry := self.lex.noun_entry(o)) is not None and entry.voided_by(lemma))
                   for o in self.objects(verb) if o.dep_ in ("dobj",))

    # ---- the three families --------------------------------------------------------------------
    def sentence(self, sent, index: MentionIndex) -> list[Candidate]:
        out: list[Candidate] = []
        consumed: set[int] = set()
        blocked: set[int] = set()
        verbs = [t for t in sent if t.pos_ in VERB_POS or t.tag_.startswith("VB")]
        misparsed = {t.i: v for t in sent if t.dep_ == "amod" and (v := self.misparsed_verb(t)) is not None}
        # 1. governors first, so the acts they govern are consumed
        for verb in verbs:
            kind = self.lex.governor_of(verb)
            if kind is None and verb.lemma_.lower() not in ORDERING_VERBS:
                continue
            comps = self.complements(verb)
            cand = self.ordered_out(verb, comps, index)
            if cand is not None:  # "ordered the French ambassador to leave": an expulsion
                out.append(cand)
                consumed.update(t.i for comp in comps for t in comp.subtree)
                consumed.update(cand.tokens)
                continue
            if kind is None:
                continue
            # "threatened to close or suspend U.S. operations": a coordinated complement is one too
            comps += [c for comp in comps for c in self.conjuncts(comp)[1:] if c.pos_ in VERB_POS or c.tag_.startswith("VB")]
            if kind == "block" and verb.lemma_.lower() in FAILING_VERBS:
                cand = self.failed_agreement(verb, comps, index)
                if cand is not None:  # "failed to reach an agreement": no agreement, a rejection
                    out.append(cand)
                    consumed.update(cand.tokens)
                    blocked.update(t.i for comp in comps for t in comp.subtree if t.i not in cand.tokens)
                    continue
            if kind == "block":
                for comp in comps:
                    blocked.update(t.i for t in comp.subtree)
                if verb.lemma_.lower() in ("fail", "refrain", "avoid"):
                    blocked.add(verb.i)
                continue
            if kind == "speech":
                for cand in self.reported_obligation(verb, comps, index) + self.reported_blame(verb, comps, index):
                    out.append(cand)
                    consumed.update(cand.tokens)
                continue
            if kind == "transparent":
                continue
            if (kind == "request" and (self.asked_of_unknown(verb, comps, index)
                                       or (comps and all(modality.indirect_question(c) for c in comps)))) \
                    or (kind == "reject" and self.refused_to_speak(comps)):
                # "urged supporters to march", "asked whether China would retaliate": no request of X;
                # "declined to comment", "refused to be named": no refusal of anyone
                people = self.asked_people(verb, comps, index) if kind == "request" else None
                if people is not None:
                    out.append(people)
                    consumed.update(people.tokens)
                blocked.add(verb.i)
                for comp in comps:
                    blocked.update(t.i for t in comp.subtree)
                continue
            cand = self.governed(verb, kind, comps, index)
            if cand is not None:
                out.append(cand)
                consumed.update(cand.tokens)
        # 2. verbs
        for verb in verbs:
            if verb.i in consumed or verb.i in blocked or self.alleged(verb):
                continue
            held = self.held_responsible(verb, index)
            if held is not None:  # "held Somalia responsible for the attack"
                out.append(held)
                consumed.update(held.tokens)
                continue
            if self.governing(verb) in ASKED_KINDS:
                continue  # asked, threatened, promised or refused, not done, even where the governor names no known actor
            if self.help_purpose(verb) and any(c.trigger.i == verb.head.i for c in out):
                continue  # "provided aid to support refugees": the support is the aid's purpose, no act of its own
            cand = self.verbal(verb, index, misparsed.get(verb.i))
            if cand is not None:
                out.append(cand)
                consumed.update(cand.tokens)
                for other in self.coordinated_acts(cand):
                    out.append(other)
                    consumed.update(other.tokens)
        # 3. nominal events
        for token in sent:
            if token.i in consumed or token.i in blocked or token.pos_ not in ("NOUN", "PROPN") or self.alleged(token):
                continue
            cand = self.nominal(token, index)
            if cand is not None:
                out.append(cand)
                consumed.update(cand.tokens)
        # 4. stance adjectives ("was critical of Togo's decision")
        for token in sent:
            if token.i in consumed or token.i in blocked:
                continue
            cand = self.stance(token, index)
            if cand is not None:
                out.append(cand)
                consumed.update(cand.tokens)
        return out

    def stance(self, adj, index: MentionIndex) -> Candidate | None:
        """A judgement told by an adjective and its preposition (the lexicon's `adjectives`): who
        is "critical of" or "supportive of" whom. The judge is the subject of the adjective's
        clause ("Peru was critical of …"), the party the adjective describes ("Peruvian officials
        critical of …"), or who issued the document it describes ("issued a report critical of
        …": the document's author, else the subject of the verb that issued it)."""
        entry = self.lex.stance_of(adj)
        if entry is None:
            return None
        sense, preps = entry
        judged = [t for g in _prep_objects([adj], preps) for t in self.conjuncts(g)]
        if not judged:
            return None  # "critical infrastructure", "a critical moment": no one judged
        if adj.dep_ in ("acomp", "oprd", "xcomp") and adj.head.pos_ in VERB_POS:
            subjects = self.subject_tokens(adj.head)
            actors = self.mentions(index, subjects) or self.speaker_for(index, adj.head, subjects)
        elif adj.dep_ == "amod" and adj.head.pos_ in ("NOUN", "PROPN"):
            noun = adj.head
            actors = self.mentions(index, [noun])
            if not actors:
                actors = self.mentions(index, self.authors(noun))
            if not actors and noun.dep_ in ("dobj", "nsubjpass") and noun.head.pos_ in VERB_POS:
                verb = noun.head
                actors = self.mentions(index, self.agent_tokens(verb) if noun.dep_ == "nsubjpass"
                                       else self.subject_tokens(verb))
        else:
            return None
        actor = actors[0] if actors else None
        recipient = self.recipient(index, adj, judged, actor, preps=(), sense=sense)
        if recipient is None and actor is None:
            return None
        return Candidate(sense=sense, trigger=adj, actor=actor, recipient=recipient, family="stance",
                         tokens={adj.i})

    def reported_obligation(self, verb, comps: list, index: MentionIndex) -> list[Candidate]:
        """"Kenya said Uganda must withdraw its troops": a speaker stating what another actor must or
        should do demands (must) or appeals (should) it of that actor — one REQUEST, speaker → the
        clause's subject, typed by the act asked for. Not when the clause's subject is passive
        ("Y should be punished"), is the speaker itself, or is no actor."""
        out: list[Candidate] = []
        speakers = None  # the speech verb's subject, looked up once, when a clause qualifies
        for comp, cand in self.obligations(verb, comps):
            asked = self.mentions(index, [c for c in comp.children if c.dep_ == "nsubj"])
            if speakers is None:
                speakers = self.mentions(index, self.subject_tokens(verb))
            if not asked or not speakers or _same_party(asked[0], speakers[0]):
                continue  # what the speaker's own country must do is a stance, not a request to another
            out.append(replace(cand, actor=speakers[0], recipient=asked[0]))
        return out

    def reported_blame(self, verb, comps: list, index: MentionIndex) -> list[Candidate]:
        """"Kabul said Pakistan was behind the bombing", "Ukraine said Russia was to blame", "…
        said the militants were responsible for the attacks": a speaker laying an act at another
        actor's door accuses it (ACCUSE, CAMEO 112), speaker → the clause's subject."""
        out: list[Candidate] = []
        speakers = None  # the speech verb's subject, looked up once, when a clause qualifies
        for comp in comps:
            if comp.dep_ != "ccomp" or comp.lemma_.lower() != "be" or any(c.dep_ == "neg" for c in comp.children):
                continue
            blame = next((c for c in comp.children if self.lays_blame(c)), None)
            if blame is None:
                continue
            blamed = self.mentions(index, [c for c in comp.children if c.dep_ == "nsubj"])
            if speakers is None:
                speakers = self.mentions(index, self.subject_tokens(verb))
            if not blamed or not speakers or _same_party(blamed[0], speakers[0]):
                continue
            out.append(Candidate(sense=BLAME, trigger=verb, actor=speakers[0], recipient=blamed[0],
                                 family="verb", tokens={verb.i, comp.i, blame.i}))
        return out

    def held_responsible(self, verb, index: MentionIndex) -> Candidate | None:
        """"Kenya held Somalia responsible for the attack", "holds Moscow accountable": ACCUSE
        (CAMEO 112), the holder → the one held."""
        if verb.lemma_.lower() not in HOLDING_VERBS or any(c.dep_ == "neg" for c in verb.children):
            return None
        for child in verb.children:
            if child.dep_ == "dobj":  # "held Somalia responsible": the adjective hangs on the object
                held, word = child, next((c for c in child.children if c.lemma_.lower() in BLAME_WORDS
                                          and self.blamed_for_harm(c)), None)
            elif child.dep_ in ("ccomp", "oprd", "acomp", "xcomp") and child.lemma_.lower() in BLAME_WORDS \
                    and self.blamed_for_harm(child):
                held, word = next((c for c in child.children if c.dep_ == "nsubj"), None), child
            else:
                continue
            if held is None or word is None:
                continue
            blamed = self.mentions(index, [held])
            actors = self.mentions(index, self.subject_tokens(verb))
            if blamed and actors and not _same_party(blamed[0], actors[0]):
                return Candidate(sense=BLAME, trigger=verb, actor=actors[0], recipient=blamed[0], family="verb",
                                 tokens={verb.i, held.i, word.i})
        return None

    def lays_blame(self, token) -> bool:
        """A predicate that lays an act at someone's door: "responsible", "accountable", "to
        blame", "behind" an attack."""
        if (token.dep_ in ("acomp", "attr") and token.lemma_.lower() in BLAME_WORDS) or (
                token.dep_ == "xcomp" and token.lemma_.lower() == "blame"):
            return self.blamed_for_harm(token)
        if token.dep_ == "prep" and token.lower_ in BLAME_PREPS:
            return any(g.dep_ == "pobj" and self.harm(g) for g in token.children)
        return False

    def blamed_for_harm(self, word) -> bool:
        """The blame is for a harm ("responsible for the attack", "for killing"), or for nothing
        named; "responsible for security" lays nothing at anyone's door."""
        fors = [c for c in word.children if c.dep_ == "prep" and c.lower_ == "for"]
        return not fors or any(g.dep_ in ("pobj", "pcomp") and self.harm(g) for f in fors for g in f.children)

    def harm(self, token) -> bool:
        """An act of conflict named by a noun ("the bombing") or a verb ("killing")."""
        sense = self.lex.sense_of(token)
        return sense is not None and sense.conflict

    def obligations(self, verb, comps: list) -> list[tuple[Any, Candidate]]:
        """(clause, request) for each request a speech verb states by a clause of obligation
        ("said Uganda must withdraw", "said the government should ensure …"), whoever the sides
        are: the grammar of `reported_obligation`, an act with no sides yet (the learned model
        may link them)."""
        out: list[tuple[Any, Candidate]] = []
        for comp in comps:
            if comp.dep_ != "ccomp" or not any(c.dep_ == "nsubj" for c in comp.children):
                continue
            modal = next((c.lower_ for c in comp.children if c.dep_ == "aux" and c.lower_ in OBLIGATION_MODALS), None)
            act_verb = comp
            if modal is None and comp.lemma_.lower() in OBLIGATION_VERBS:
                act_verb = next((c for c in comp.children if c.dep_ == "xcomp" and c.pos_ in VERB_POS), None)
                modal = "must" if act_verb is not None else None
            if modal is None or any(c.dep_ in ("nsubjpass", "auxpass") for c in act_verb.children):
                continue
            if any(c.dep_ == "aux" and c.lower_ in HEDGES for c in comp.children):
                continue  # "may have to", "might need to": a possibility, not a demand
            negated = any(c.dep_ == "neg" for c in comp.children)
            act, act_tokens = self.act_of(act_verb) if not negated else (None, [])
            demand = modal in DEMAND_MODALS
            base = Sense("REQUEST", "100" if demand else "020", "demand" if demand else "appeal")
            sense = self.combine("request", base, act, verb) if act is not None else base
            out.append((comp, Candidate(sense=sense, trigger=verb, actor=None, recipient=None,
                                        family="governor", tokens={verb.i, comp.i, act_verb.i, *act_tokens})))
        return out

    def ordered_out(self, verb, comps: list, index: MentionIndex) -> Candidate | None:
        """"ordered the French ambassador to leave the country", "told the envoys to leave": an order
        to leave is an expulsion of whom it orders out — what "expel" means for that object (a
        diplomat's expulsion reduces relations, CAMEO 161; anyone else's is COERCE 174)."""
        if verb.lemma_.lower() not in ORDERING_VERBS or not any(c.lemma_.lower() in LEAVING_VERBS for c in comps):
            return None
        told = [o for o in verb.children if o.dep_ == "dobj"]
        if not told or any(c.dep_ == "neg" for c in verb.children):
            return None
        entry = self.lex.noun_entry(told[0])
        sense = entry.under(EXPEL, self.lex.verb_class.get(EXPEL)) if entry is not None else None
        sense = sense or self.lex.verbs.get(EXPEL)
        recipients = self.mentions(index, told)
        actors = self.mentions(index, self.subject_tokens(verb))
        if sense is None or not recipients or not actors or _same_party(actors[0], recipients[0]):
            return None
        if self.others_forces(sense, told[0], recipients[0]):  # "ordered French troops to leave"
            sense = self.lex.verbs.get(EXPEL)
            if sense is None:
                return None
        leave = next(c for c in comps if c.lemma_.lower() in LEAVING_VERBS)
        return Candidate(sense=sense, trigger=verb, actor=actors[0], recipient=recipients[0], family="verb",
                         tokens={verb.i, leave.i, told[0].i})

    @staticmethod
    def others_forces(sense: Sense | None, noun, recipient) -> bool:
        """Whether a withdrawal of forces (RETREAT) is of forces the recipient mention itself names
        ("expelled Chilean troops", "ordered French troops to leave"): another's forces, which
        the subject makes leave; its own ("withdrew its troops from Chile") are not named so."""
        return sense is not None and sense.type == "RETREAT" and noun is not None and recipient is not None \
            and recipient.token_start <= noun.i < recipient.token_end

    def failed_agreement(self, verb, comps: list, index: MentionIndex) -> Candidate | None:
        """"Peru and Ecuador failed to reach an agreement", "failed to agree on a deal with X": the
        sides did not agree, which PLOVER codes as a rejection between them (CAMEO 127), not as
        nothing at all — the only failure that is an act (failing to attack is no event)."""
        for comp in comps:
            act, _ = self.act_of(comp)
            if act is not None and act.cameo.startswith("057"):
                cand = self.governed(verb, "reject", [comp], index)
                if cand is not None:
                    return replace(cand, sense=replace(cand.sense, mode=NO_AGREEMENT))
        return None

    @staticmethod
    def complements(verb) -> list:
        """The clauses a verb governs: its xcomp and ccomp verbs, and a for-to clause ("called for
        Moscow to withdraw"). Not a clause before a verb that has an object of its own: "X accused
        Y of fraud, a charge Z denied" denies the charge; the accusation is told, not denied."""
        # ("'Togo must withdraw,' the minister told reporters": whom a speech verb tells is its
        # audience, not an object of its own)
        own_object = verb.lemma_.lower() not in AUDIENCE_SPEECH_VERBS and any(c.dep_ == "dobj" for c in verb.children)
        return [c for c in verb.children if (c.dep_ in ("xcomp", "ccomp") or _for_to(c))
                and (c.pos_ in VERB_POS or c.tag_.startswith("VB"))
                and not (own_object and c.dep_ == "ccomp" and c.i < verb.i)]

    @classmethod
    def is_complement(cls, clause) -> bool:
        """Whether a clause is one its head governs (`complements`)."""
        return any(c.i == clause.i for c in cls.complements(clause.head))

    def refused_to_speak(self, comps: list) -> bool:
        """"declined to comment", "refused to say", "declined to be named": what is refused is
        speaking (a verb of speech or of naming, `speaking_verbs`), not an act towards anyone."""
        return bool(comps) and all(c.lemma_.lower() in SPEAKING_VERBS or self.lex.governor_of(c) == "speech"
                                   for c in comps)

    def asked_of_unknown(self, verb, comps: list, index: MentionIndex) -> bool:
        """"urged supporters to march against X", "called on exporters to avoid X's ports", "urged
        them to impose sanctions on X": the one asked to act is a group no dictionary knows, or a
        pronoun the coder does not resolve, so the request is not addressed to X and the act is not
        the speaker's. (An event noun as the object is what is asked for.)"""
        to_act = comps or [c for c in verb.children if c.dep_ == "prep" and c.lower_ == "to"]
        if not to_act:
            return False
        asked = [o for o in self.asked(verb) if o.pos_ in ("NOUN", "PROPN", "PRON")]
        return bool(asked) and all(index.of_phrase(o) is None and self.lex.noun_entry(o) is None for o in asked)

    def governed(self, verb, kind: str, comps: list, index: MentionIndex) -> Candidate | None:
        own, _ = self.lex.verb_sense(verb)
        act, act_tokens, act_verb = None, [], None
        for comp in comps:
            act, act_tokens = self.act_of(comp)
            if act is not None:
                act_verb = comp
                break
        objs_for_act = self.objects(verb)
        if kind == "request":
            for child in verb.children:
                if child.dep_ == "prep" and child.lower_ == "for":
                    objs_for_act += [g for g in child.children if g.dep_ == "pobj"]
        if act is None:  # "threatened punitive tariffs", "refused deportation flights"
            for obj in objs_for_act:
                entry = self.lex.noun_entry(obj)
                if entry is not None and entry.do is not None:
                    act = self.lex.refine(entry.do, entry, obj)
                    act_tokens = [obj.i]
                    break
        if act is None and kind in WEAK_GOVERNED_KINDS:
            # "vowed to punish Togo", "refused to reimburse Peru": a verb only the base dictionaries
            # know, once a governor says an act is at stake, is that act (its block's type)
            for comp in (c for c in comps if c.dep_ == "xcomp"):  # its own infinitive, not another's clause
                weak = self.lex.weak_sense(comp) if comp.pos_ in VERB_POS else None
                if weak is not None and not self.non_event_object(comp):
                    act, act_tokens, act_verb = weak, [comp.i], comp
                    break
        if act is None and kind == "request" and any(
                index.of_phrase(o) is not None for o in self.objects(verb)):
            act = own or Sense("REQUEST", "020", "appeal")  # "pressed Colombia to tighten controls"
            act_tokens = [c.i for c in comps]
        if act is None and kind == "request" and own is not None:
            for comp in comps:  # "demanded that Petro clarify …": the one asked is the clause's subject
                if comp.dep_ == "ccomp" and self.mentions(index, [c for c in comp.children if c.dep_ in SUBJECT_DEPS]):
                    act, act_tokens, act_verb = own, [comp.i], comp
                    break
        if act is None:
            return None
        if act.type in JOINT_RETYPE and self.joint(verb.doc, act_tokens):  # "agreed to hold joint exercises"
            act = JOINT_RETYPE[act.type]
        helped = [c for c in act_verb.children if self.help_purpose(c)] if act_verb is not None else []
        if helped and act.type in HELP_PURPOSE_SENSES:  # "offered to send troops to help Kenya": military aid
            act = HELP_PURPOSE_SENSES[act.type]
        sense = self.combine(kind, own, act, verb)
        if kind == "promise" and act.conflict and act_verb is not None \
                and modality.verb_status(act_verb) == modality.NEGATED:
            # "vowed never to attack Peru", "promised not to impose tariffs": a pledge to refrain
            # from force or pressure is an intent to yield (CAMEO 035, AGREE), not a threat
            sense = Sense("AGREE", "035", None)
        if kind == "promise" and act.type == "SUPPORT" and act.mode == "praise" \
                and not any(self.material_support(verb.doc[i]) for i in act_tokens):
            # "pledged its support for Ukraine", "vowed to back Kyiv": support pledged is support
            # expressed (PLOVER SUPPORT, "express support for"), not a promise of a later act
            sense = act
        if sense is None:
            return None
        subjects = self.subject_tokens(verb)
        actors = self.mentions(index, subjects)
        if not actors and kind in ("threaten", "promise") and act_verb is not None:
            # "Spokesman Liu warned that Beijing would raise duties": the speaker speaks for the state
            # that would act, when he himself is not known
            actors = self.mentions(index, [c for c in act_verb.children if c.dep_ in SUBJECT_DEPS])
        if not actors:
            actors = self.speaker_for(index, verb, subjects)
        if not actors and not self._may_lack_actor(verb, subjects):
            return None
        objs = [o for o in self.objects(verb)]
        recipient = None
        if kind == "request" and act.conflict:
            # "called for sanctions against Moscow over the case": whom the measure asked for is
            # against, before what the call is about
            against = [t for i in sorted(act_tokens) for c in verb.doc[i].children
                       if c.dep_ == "prep" and c.lower_ in OPPOSING_PREPS
                       for g in c.children if g.dep_ == "pobj" for t in self.conjuncts(g)]
            recipient = self._first_other(index, against, actors[0] if actors else None)
        if kind == "request" and recipient is None:
            recipient = self.recipient(index, verb, [o for o in objs if o.i not in act_tokens], actors[0] if actors else None,
                                       sense=sense)
            if recipient is None and act_verb is not None:
                subj = self.mentions(index, [c for c in act_verb.children if c.dep_ in SUBJECT_DEPS])
                recipient = subj[0] if subj and (not actors or subj[0] != actors[0]) else None
        if recipient is None and act_verb is not None:
            recipient = self.recipient(index, act_verb, self.objects(act_verb), actors[0] if actors else None, sense=sense)
        if recipient is None:
            recipient = self.recipient(index, verb, objs, actors[0] if actors else None, sense=sense)
        if recipient is None and helped and not act.conflict:  # "… to help Kenya": whom the act is for
            recipient = self.helped_party(index, helped[0], actors[0] if actors else None)
        if kind == "request" and act.conflict and recipient is not None and self._aimed_by(
                verb.doc[recipient.token_start], [verb.doc[i] for i in act_tokens], act_verb):
            # "called for sanctions against Iran", "demanded tougher action on Moscow": the one named
            # is the measure's target, not whom the call asks; opposition is rallied against it (CAMEO 113)
            sense = RALLY_OPPOSITION
        if recipient is None and kind == "reject":  # "refuses to approve the package until X unfreezes …"
            recipient = next(filter(None, (self.awaited_party(index, v, actors[0] if actors else None)
                                           for v in (verb, act_verb) if v is not None)), None)
        return Candidate(sense=sense, trigger=verb, actor=actors[0] if actors else None, recipient=recipient,
                         family="governor", tokens={verb.i, *act_tokens},
                         passive=self.is_passive(verb))

    @staticmethod
    def asked(verb) -> list:
        """Whom a verb of asking asks: its object, or the "on" phrase of "called on" right after the
        verb ("called on them", "called again upon them"), not a phrase that opens the sentence
        ("On the right, two former presidents demanded that …")."""
        return [o for o in verb.children if o.dep_ == "dobj"] + [
            o for p in verb.children if p.dep_ in ("prep", "prt") and p.lower_ in ADDRESSEE_PREPS
            and verb.i < p.i <= verb.i + 2 for o in p.children if o.dep_ == "pobj"]

    def authors(self, noun) -> list:
        """Who made a demand, a proposal or an offer (`authored_nouns`): its possessor, its "of"
        phrase or its "by" phrase ("the protesters' demands", "the demands of the protesters")."""
        return [c for c in noun.children if c.dep_ == "poss"] + [
            g for c in noun.children if c.dep_ == "prep" and c.lower_ == "of" for g in c.children if g.dep_ == "pobj"
        ] + self.nominal_agent_tokens(noun)

    def asked_people(self, verb, comps: list, index: MentionIndex) -> Candidate | None:
        """"The government urged teachers to call off the strike": a request of people no
        dictionary knows is the speaker's request to them (PLOVER REQUEST; the coder names them),
        never a request of a party the asked act names ("urged supporters to march against X")."""
        if not comps:
            return None
        is_role = role_test(verb.doc)
        if not any(o.pos_ == "NOUN" and is_role(o) for o in self.asked(verb)):
            return None
        actors = self.mentions(index, self.subject_tokens(verb)) or self.speaker_for(index, verb, self.subject_tokens(verb))
        if not actors:
            return None
        own, _ = self.lex.verb_sense(verb)
        return Candidate(sense=own if own is not None and own.type == "REQUEST" else Sense("REQUEST", "020", "appeal"),
                         trigger=verb, actor=actors[0], recipient=None, family="governor",
                         tokens={verb.i, *(t.i for c in comps for t in c.subtree)}, passive=False)

    def material_support(self, token) -> bool:
        """"military support", "$10 million in support": support that is a thing given (aid), not
        support expressed."""
        if token.pos_ != "NOUN":
            return False
        if any(c.dep_ in ("amod", "compound", "nmod") and c.lemma_.lower() in MATERIAL_WORDS for c in token.children):
            return True
        head = token.head  # "$10 million in support": support counted as an amount
        return token.dep_ == "pobj" and head.dep_ == "prep" and self.quantity(head.head)

    @staticmethod
    def _aimed_by(token, act_words: list, act_verb) -> bool:
        """Is `token` in the phrase of the requested act (`act_words`, `act_verb`) — the one it is
        aimed at — rather than the one asked to do it ("demanding the administration cut off aid
        to X": the administration, the clause's subject, is asked)?"""
        if act_verb is not None and any(s.i == token.i or s.is_ancestor(token)
                                        for s in act_verb.children if s.dep_ in SUBJECT_DEPS):
            return False
        heads = act_words + ([act_verb] if act_verb is not None else [])
        return any(token.i == h.i or h.is_ancestor(token) for h in heads)

    @staticmethod
    def _may_lack_actor(verb, subjects: list) -> bool:
        """An active verb whose subject is named but is not an actor ("analysts warned", "the
        dispute hurt") or a bare gerund ("offering opportunities") is not a state's act."""
        if subjects:
            return False
        return not (verb.tag_ == "VBG" and verb.dep_ not in ("advcl", "conj", "ROOT", "xcomp"))

    @staticmethod
    def combine(kind: str, own: Sense | None, act: Sense, verb) -> Sense | None:
        if kind == "threaten" or (kind == "promise" and act.conflict and verb.lemma_.lower() not in OFFERING_VERBS):
            cameo = {"SANCTION": "131", "COERCE": "137", "ASSAULT": "138", "MOBILIZE": "138",
                     "REJECT": "131"}.get(act.type, "130")
            if act.type == "SANCTION" and act.cameo.startswith("162"):
                cameo = "1311"
            elif act.type == "SANCTION" and act.cameo.startswith("161"):
                cameo = "1313"
            elif act.type == "SANCTION" and act.cameo.startswith("164"):
                cameo = "134"
            elif act.type == "SANCTION":
                cameo = "1312"
            return Sense("THREATEN", cameo, act.mode if act.type != "THREATEN" else "threaten")
        if kind == "promise":
            if act.cameo.startswith("057"):  # a promise to sign is AGREE (PLOVER manual, SUPPORT)
                return Sense("AGREE", "057", act.mode)
            # (forces offered to another are military cooperation offered, CAMEO 0312)
            return Sense("AGREE", {"COOPERATE": "031", "AID": "033", "CONCEDE": "034", "RETREAT": "034",
                                   "CONSULT": "036", "MOBILIZE": "0312"}.get(act.type, "030"), act.mode)
        if kind == "request":
            base = own if own is not None and own.type == "REQUEST" else Sense("REQUEST", "020", "appeal")
            demand = base.cameo.startswith("10")
            sub = {"AID": "3", "COOPERATE": "1", "CONSULT": "6", "CONCEDE": "5", "RETREAT": "5", "AGREE": "7"}.get(
                "AGREE" if act.cameo.startswith("057") else act.type)
            cameo = (("10" if demand else "02") + sub) if sub else base.cameo
            return Sense("REQUEST", cameo, act.mode or base.mode, strength=base.strength)
        if kind == "reject":
            if act.type == "ACCUSE" and not act.cameo.startswith("09"):
                return Sense("REJECT", "016", "deny_accusation")  # CAMEO 016: deny responsibility
            if act.type == "REQUEST":
                return Sense("REJECT", "120", "reject_request")
            sub = {"COOPERATE": "121", "AID": "122", "CONCEDE": "124", "CONSULT": "125", "AGREE": "127"}.get(
                "AGREE" if act.cameo.startswith("057") else act.type, "120")
            return Sense("REJECT", sub, act.mode or "reject")
        return None

    def verbal(self, verb, index: MentionIndex, coordinated=None) -> Candidate | None:
        if coordinated is not None:  # a misparsed coordinated verb: its object is the noun it modifies
            passive, objs = False, [verb.head]
        else:
            passive = self.is_passive(verb)
            objs = self.objects(verb)
        sense, entry_token, family = self.act_sense(verb, objs)
        if sense is None:
            return None
        tokens = {verb.i} | ({entry_token.i} if entry_token is not None else set())
        if passive and family == "verb" and verb.lemma_.lower() in PASSIVE_NOT_EVENT:
            return None
        pair_other = None
        if passive:
            actors = self.mentions(index, self.agent_tokens(verb))
            if not actors and not any(c.dep_ == "nsubjpass" for c in verb.children) and verb.dep_ == "conj":
                actors = self.mentions(index, self.agent_tokens(verb.head))
            if not actors and entry_token is not None and family == "light":
                # "was hit with sanctions by the EU": the parser hangs the agent on the event noun
                actors = self.mentions(index, self.nominal_agent_tokens(entry_token))
            if not actors and entry_token is not None and family == "light" and entry_token.i in {o.i for o in objs} \
                    and self.lex.class_of(verb) == "do":  # (not "the talks between … were cancelled")
                # "the agreement between Ghana and Togo was signed": the act's two sides
                parties = self.between(entry_token, index)
                if parties is not None:
                    actors, pair_other = [parties[0]], parties[1]
            if not actors and sense.conflict:
                actors, setting = self.setting_agents(verb, index)
                tokens |= setting  # the airstrike is this act's setting, not an act of its own
            rec_tokens = [o for o in objs if entry_token is None or o.i != entry_token.i]
            if entry_token is not None:  # "visas were revoked": the visa holder is the recipient
                rec_tokens = [entry_token] + rec_tokens
            recipient_pool = rec_tokens
        else:
            subjects = self.subject_tokens(coordinated if coordinated is not None else verb)
            actors = self.mentions(index, subjects)
            if not actors:
                actors = self.speaker_for(index, verb, subjects)
            if not actors:
                for subj in subjects:
                    pair = self.pair_subject(index, subj)
                    if pair is not None:
                        actors, pair_other = [pair[0]], pair[1]
                        break
            if not actors and sense.type in FORCE_TYPES:  # "a Peruvian airstrike killed …", "missiles fired by Chile hit …"
                actors = [m for m in (self.weapon_owner(subj, index) for subj in subjects) if m is not None][:1]
            if not actors and not self._may_lack_actor(verb, subjects):
                return None
            recipient_pool = [o for o in objs if entry_token is None or o.i != entry_token.i] + ([entry_token] if entry_token is not None else [])
        actor = actors[0] if actors else None
        recipient = self.recipient(index, verb, recipient_pool, actor, sense=sense) or pair_other \
            or self.purpose_object(index, verb, objs, actor)
        if recipient is None and any(c.dep_ == "neg" for c in verb.children):
            recipient = self.awaited_party(index, verb, actor)  # "will not resume talks until X frees …"
        if self.others_forces(sense, entry_token, recipient):
            # "expelled Chilean troops": another's forces made to leave, no withdrawal of the subject's own
            sense = self.verb_act_sense(verb)
            if sense is None or sense.type == "RETREAT":
                return None
        if recipient is not None and sense.cameo.startswith(APOLOGY_CAMEOS) and verb.doc[recipient.token_end - 1].dep_ == "poss":
            # "voiced regret over Togo's decision": regret over another's act is disapproval of it
            # (CAMEO 110), an apology only for one's own
            sense = REGRET_OVER_ANOTHER
        if recipient is not None and sense.to_people is not None and recipient.actor.sector == CIVILIAN_SECTOR:
            sense = sense.to_people  # "opened its borders to Syrian refugees": asylum
        helped = [c for c in verb.children if self.help_purpose(c)]
        if helped and sense.type in HELP_PURPOSE_SENSES:
            # "sent troops to Iraq to support its government": personnel sent to help are military aid
            sense = HELP_PURPOSE_SENSES[sense.type]
        if sense.type in PEACEKEEPING_SENSES and self.peacekeeping(verb):
            # "sent troops to the UN peacekeeping mission in Mali", "… to serve as peacekeepers":
            # forces sent to keep the peace are aid to the country they serve (CAMEO 074)
            sense = PEACEKEEPING_SENSES[sense.type]
        if sense.mode in FORCES_AID_MODES:
            recipient = self.served_country(index, verb, recipient)
        if helped and not sense.conflict:
            if recipient is None:  # "provided aid to support Syrian refugees": whom the aid is for
                recipient = self.helped_party(index, helped[0], actor)
        return Candidate(sense=sense, trigger=verb, actor=actor, recipient=recipient, family=family,
                         passive=passive, tokens=tokens)

    def act_sense(self, verb, objs: list) -> tuple[Sense | None, Any, str]:
        """(sense, event noun or None, family) of the act a verb states with its objects: a light
        verb and its event noun ("launched attacks on", "declared a state of emergency"), a
        response carried out as a noun ("hit back with duties"), a negated verb with a sense of its
        own, else the verb's own sense. Whoever its sides are: the patterns and the learned model
        both start from it."""
        sense, entry_token, family = None, None, "verb"
        # a verb phrase that spells out its object is an idiom, not a light verb and its noun
        # ("joined forces with Togo": cooperation, no troops)
        spelled = set(self.lex.verb_phrase_words(verb))
        idiom = bool(spelled & ({o.lemma_.lower() for o in objs} | {o.lower_ for o in objs}))
        for obj in objs if not idiom else ():
            s, _ = self.noun_sense(verb, obj)
            if s is not None:
                sense, entry_token, family = s, obj, "light"
                break
        if sense is None:
            sense, entry_token = self.response_act(verb)
            family = "light" if sense is not None else family
        if sense is None:
            sense, entry_token = self.aimed_act(verb)
            family = "aimed" if sense is not None else family
        if any(c.dep_ == "neg" for c in verb.children):
            negated = self.lex.negated_sense(verb)
            if negated is not None:  # "does not regard those efforts as legitimate"
                sense, entry_token, family = negated, None, "negated"
        if sense is None:
            sense = self.verb_act_sense(verb)
        if sense is not None and family == "verb":
            sense = self.agreed_to_a_thing(verb, sense)
        if family == "verb":
            sense = self.literal_force(verb, sense)
        return sense, entry_token, family

    def literal_force(self, verb, sense: Sense | None) -> Sense | None:
        """A verb's sense of force as the sentence tells it: done in words it is criticism
        ("attacked the EU in a speech"), done by a text it is none ("legislation targeting Turkey")."""
        if sense is None or sense.type not in FORCE_TYPES:
            return sense
        if self.spoken(verb) or self.blamed_for_words(verb):
            return CRITICISM
        return None if self.done_by_document(verb) else sense

    @staticmethod
    def hyphen_glued(token) -> bool:
        """"a US-led operation", "Iranian-backed militias": a participle glued by a hyphen to the
        word before it describes the noun it modifies; it tells no act of its own."""
        i = token.i
        return i >= 2 and token.doc[i - 1].text == "-" and not token.doc[i - 1].whitespace_ \
            and not token.doc[i - 2].whitespace_ and token.dep_ == "amod"

    @staticmethod
    def done_by_document(verb) -> bool:
        """"legislation targeting Turkey", "the bill strikes at Chinese firms": a verb of force
        whose doer (its subject, or the noun its participle or relative clause describes) is a
        text — a law, a bill, a resolution — is figurative."""
        doers = [verb.head] if verb.dep_ in ("acl", "relcl") else [c for c in verb.children if c.dep_ in SUBJECT_DEPS]
        return any(d.lemma_.lower() in DOCUMENT_NOUNS for d in doers)

    def blamed_for_words(self, verb) -> bool:
        """"attacked the newspaper for its editorial", "hit out at Berlin over its stance",
        "attacked Germany for refusing to back the plan": force told with a reason that is something
        said, a stance or a decision in words is criticism; a reason of any other kind ("attacked
        the village for sheltering rebels") leaves it force."""
        for prep in verb.children:
            if prep.dep_ != "prep" or prep.lower_ not in REASON_PREPS:
                continue
            for reason in prep.children:
                if reason.dep_ == "pobj" and reason.lemma_.lower() in BLAMED_IN_WORDS:
                    return True
                if reason.dep_ == "pcomp" and reason.tag_ == "VBG" and self.lex.governor_of(reason) is not None:
                    return True
        return False

    @staticmethod
    def spoken(verb) -> bool:
        """"attacked the EU in a speech", "hit out at Ottawa on social media", "verbally attacked":
        an act told as done in words (its medium or its manner), which force never is."""
        for child in verb.children:
            if child.dep_ == "advmod" and child.lower_ in SPOKEN_ADVERBS:
                return True
            if child.dep_ == "prep" and child.lower_ in SPOKEN_PREPS \
                    and any(g.dep_ == "pobj" and g.lemma_.lower() in SPOKEN_MEDIA for g in child.children):
                return True
        return False

    def coordinated_acts(self, cand: Candidate) -> list[Candidate]:
        """"expressed its total rejection and strong condemnation of the plan": each event noun
        conjoined to a light verb's noun is an act of its own type, with the same sides."""
        if cand.family not in NOUN_ACT_FAMILIES:
            return []
        noun = next((cand.trigger.doc[i] for i in sorted(cand.tokens) if i != cand.trigger.i), None)
        if noun is None:
            return []
        out, types = [], {cand.sense.type}
        for other in self.conjuncts(noun)[1:]:
            sense, _ = self.noun_sense(cand.trigger, other)
            if sense is not None and sense.type not in types:
                types.add(sense.type)
                out.append(replace(cand, sense=sense, tokens={cand.trigger.i, other.i}))
        return out

    def agreed_to_a_thing(self, verb, sense: Sense) -> Sense:
        """"agreed to a trade deal", "agreed on a treaty", "agreed to the proposal": accepting an
        agreement or a proposal is PLOVER SUPPORT ("approve policy …, or … finalize an agreement");
        agreeing to do something ("agreed to hold talks") stays a promise, AGREE, and agreeing to
        an act the lexicon knows ("agreed to a ceasefire") keeps its own reading (`Sense.on_thing`)."""
        agreed = sense.on_thing
        if agreed is None or any(c.dep_ in ("xcomp", "ccomp") for c in verb.children):
            return sense
        things = [g for c in verb.children if c.dep_ == "prep" and c.lower_ in AGREED_PREPS
                  for g in c.children if g.dep_ == "pobj" and g.pos_ == "NOUN"]
        if not things:
            return sense
        entry = self.lex.noun_entry(things[0])
        if entry is not None and entry.sense.cameo != agreed.cameo:
            return sense  # an act of its own ("agreed to a ceasefire")
        return agreed

    @staticmethod
    def served_country(index, verb, recipient):
        """The country a peace force serves in, for forces sent to a force or a mission that is
        not a country's ("troops sent to the UN mission in Mali" are aid to Mali)."""
        if recipient is not None and recipient.actor.country:
            return recipient
        # where the verb sends them, or where the force it names is ("the [UN] peacekeeping mission in Mali")
        heads = [verb] + ([phrase_head(mention_root(recipient, index.doc), verb.sent)] if recipient is not None else [])
        places = (index.of_phrase(g) for head in heads for prep in head.children
                  if prep.dep_ == "prep" and prep.lower_ in SERVED_PREPS for g in prep.children if g.dep_ == "pobj")
        return next((m for m in places if m is not None and m.actor.country), recipient)

    @staticmethod
    def peacekeeping(verb) -> bool:
        """Whether a verb's prepositional phrases or purpose clause say its forces keep the peace
        ("to the UN peacekeeping mission", "as part of a peacekeeping force", "to serve as
        peacekeepers")."""
        holders = [c for c in verb.children if c.dep_ == "prep" or (c.dep_ in ("advcl", "xcomp") and infinitive(c))]
        return any(t.lemma_.lower() in PEACEKEEPING_WORDS or t.lower_ in PEACEKEEPING_WORDS
                   for h in holders for t in h.subtree)

    def helped_party(self, index: MentionIndex, helped, actor) -> Any | None:
        """Whom a purpose clause of help is for: its object ("… to support Syrian refugees"), else
        the subject of the clause it helps do ("… to help Libya secure the border")."""
        return self.recipient(index, helped, self.objects(helped), actor) or self._first_other(
            index, [s for c in helped.children if c.dep_ in ("ccomp", "xcomp")
                    for s in c.children if s.dep_ in SUBJECT_DEPS], actor)

    def help_purpose(self, verb) -> bool:
        """A purpose clause that says whom an act helps ("… to support refugees", "… to help the
        government"): the act's aim, not an act of its own."""
        return verb.dep_ == "advcl" and infinitive(verb) and verb.lemma_.lower() in HELP_PURPOSE_VERBS \
            and verb.head.pos_ in VERB_POS

    def awaited_party(self, index: MentionIndex, verb, actor) -> Any | None:
        """"will not resume talks until North Korea releases the abductees", "refuses to approve the
        package until the Commission unfreezes its funds": a refusal that waits for another's act
        is aimed at that other, the subject of the "until" clause (not the refuser's own side)."""
        for clause in verb.children:
            if clause.dep_ != "advcl" or not any(m.dep_ == "mark" and m.lower_ in REFUSAL_CONDITION_MARKS
                                                 for m in clause.children):
                continue
            awaited = self.mentions(index, [c for c in clause.children if c.dep_ in SUBJECT_DEPS])
            if awaited and not (actor is not None and _same_party(awaited[0], actor)):
                return awaited[0]
        return None

    def purpose_object(self, index: MentionIndex, verb, objs: list, actor) -> Any | None:
        """"called Morrison to congratulate him", "phoned Erdogan to thank him": the object pronoun
        of a purpose clause is the one the main act reached, not someone named before."""
        if verb.dep_ != "advcl" or not infinitive(verb) or verb.head.pos_ not in VERB_POS:
            return None
        if not any(o.lower_ in OBJECT_PRONOUNS for o in objs):
            return None
        return self._first_other(index, [c for c in verb.head.children if c.dep_ in ("dobj", "dative")], actor)

    def response_act(self, verb) -> tuple[Sense | None, Any]:
        """"retaliated with tariffs on X", "hit back with duties", "hit China with tariffs": a
        response or instrument verb carried out as the act its "with" phrase names (the event
        noun's `do` sense), and that noun."""
        lemma = verb.lemma_.lower()
        particles = [c.lower_ for c in verb.children if c.dep_ in ("prt", "advmod")]  # "hit back"
        if lemma not in RESPONSE_VERBS and lemma not in INSTRUMENT_VERBS \
                and not any(f"{lemma} {p}" in RESPONSE_VERBS for p in particles):
            return None, None
        for prep in verb.children:
            if prep.dep_ != "prep" or prep.lower_ != "with":
                continue
            for noun in (g for g in prep.children if g.dep_ == "pobj"):
                entry = self.lex.noun_entry(noun)
                if entry is not None and entry.do is not None:
                    return self.lex.refine(entry.do, entry, noun), noun
        return None, None

    def aimed_act(self, verb) -> tuple[Sense | None, Any]:
        """"Trump's tariffs targeting Canada", "sanctions that hit Russia": a verb that aims an
        event noun (the noun it modifies, or its subject) at someone states that noun's act (its
        `do` sense), not an attack of its own (family "aimed": the learned type model, which reads
        the verb's word, does not override it)."""
        if verb.lemma_.lower() not in AIMING_VERBS:
            return None, None
        nouns = [verb.head] if verb.dep_ in ("acl", "relcl") else \
            [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]
        is_role = role_test(verb.doc) if nouns else None
        for noun in nouns:
            if is_role is not None and is_role(noun):
                continue  # "Indian troops targeted …": whoever acts is no act aimed
            entry = self.lex.noun_entry(noun) if noun.pos_ == "NOUN" else None
            if entry is not None and entry.do is not None:
                return self.lex.refine(entry.do, entry, noun), noun
        return None, None

    @staticmethod
    def is_trend(noun) -> bool:
        """"Indian demand for Russian oil has soared", "attacks on journalists rose": an event noun
        whose amount rises or falls is a trend, a quantity, not an act told."""
        head = noun.head
        return noun.dep_ == "nsubj" and head.i != noun.i and head.lemma_.lower() in TREND_VERBS

    @staticmethod
    def is_topic(noun) -> bool:
        """"a complaint about Chilean export subsidies", "the dispute over sanctions": the noun is
        what a complaint or dispute is about, a topic, not an event."""
        head = noun.head
        while noun.dep_ == "conj" and head.i != noun.i:
            noun, head = head, head.head
        return (noun.dep_ == "pobj" and head.dep_ == "prep" and head.lower_ in TOPIC_PREPS
                and head.head.lemma_.lower() in TOPIC_NOUNS)

    def between(self, noun, index: MentionIndex) -> tuple | None:
        """The two parties of "<event> between X and Y" (or "among"), when both are actors of
        different countries or bodies; None otherwise."""
        for child in noun.children:
            if child.dep_ != "prep" or child.lower_ not in BETWEEN_PREPS:
                continue
            found: list = []
            for pobj in (g for g in child.children if g.dep_ == "pobj"):
                # "between Indian and Pakistani troops": conjoined adjectives sharing the noun
                adjectives = [t for a in pobj.children if a.dep_ in ("amod", "compound") and a.i < pobj.i
                              for t in self.conjuncts(a)]
                for token in sorted([*adjectives, *self.conjuncts(pobj)], key=lambda t: t.i):
                    mention = index.at(token) if token.i < pobj.i else index.of_phrase(token)
                    if mention is None or not (mention.actor.country or mention.actor.code):
                        continue
                    if all((m.actor.code or m.actor.country) != (mention.actor.code or mention.actor.country)
                           for m in found):
                        found.append(mention)
            if len(found) >= 2:
                return found[0], found[1]
        return None

    @staticmethod
    def hyphen_pair(noun, index: MentionIndex) -> tuple | None:
        """The two parties of "the Brazil-Argentina summit", "U.S.-China trade talks": actors of
        different countries or bodies joined by a hyphen (no space either side) in the words
        before the event noun, inside its own phrase; None otherwise."""
        doc = noun.doc
        for token in doc[noun.left_edge.i:noun.i]:
            if token.text not in HYPHENS or token.whitespace_ or token.i == 0 or doc[token.i - 1].whitespace_:
                continue
            left, right = index.at(doc[token.i - 1]), index.at(doc[token.i + 1])
            if left is None or right is None or left.token_start == right.token_start:
                continue
            key = [m.actor.code or m.actor.country for m in (left, right)]
            if key[0] and key[1] and key[0] != key[1]:
                return left, right
        return None

    @staticmethod
    def nominal_agent_tokens(noun) -> list:
        """The "by" phrase of an event noun, also where the parser hung it on the noun's "of",
        "on" or "against" object ("the expulsion of two diplomats by Canada", "the attack on the
        embassy by rebels"), and who claims the act as theirs ("claimed responsibility for the
        attack": `responsibility_nouns`)."""
        holders = [noun] + [g for c in noun.children if c.dep_ == "prep" and c.lower_ in AGENT_HOLDER_PREPS
                            for g in c.children if g.dep_ == "pobj"]
        found = [pobj for holder in holders for child in holder.children
                 if child.dep_ in ("prep", "agent") and child.lower_ == "by"
                 for pobj in child.children if pobj.dep_ == "pobj"]
        if not found and noun.dep_ in ("appos", "npadvmod") and noun.lemma_.lower() in SUMMING_NOUNS:
            # "Peru annexed the island, a move Chile condemned": a noun set beside a clause's word
            # sums up that clause's act, whose subject is its author
            clause = modality.verb_above(noun.head)
            if clause.pos_ in VERB_POS:
                found = [c for c in clause.children if c.dep_ == "nsubj"]
        # "claimed responsibility for the attack on …", "took credit for the bombing": who claims it did it
        holder = noun.head.head if noun.dep_ == "pobj" and noun.head.lower_ == "for" else None
        if holder is not None and holder.lemma_.lower() in RESPONSIBILITY_NOUNS and holder.dep_ == "dobj":
            holder = holder.head  # "for" on the noun, or on the verb ("took credit for the bombing")
        if holder is not None and holder.lemma_.lower() in RESPONSIBILITY_VERBS and any(
                c.dep_ == "dobj" and c.lemma_.lower() in RESPONSIBILITY_NOUNS for c in holder.children):
            found += [c for c in holder.children if c.dep_ == "nsubj"]
        return found

    def setting_agents(self, verb, index: MentionIndex) -> tuple[list, set[int]]:
        """(who, the setting noun's index) for an agentless passive hostile act told as part of
        another ("were killed in a Peruvian airstrike", "were detained during a raid by Chilean
        police"): the author of the hostile act the "in" / "during" phrase names, as its owner
        word or its "by" phrase; a place before the noun is where it was ("the Lima attack")."""
        for prep in verb.children:
            if prep.dep_ != "prep" or prep.lower_ not in EVENT_SETTING_PREPS:
                continue
            for noun in prep.children:
                entry = self.lex.noun_entry(noun) if noun.dep_ == "pobj" else None
                if entry is None or not entry.sense.conflict:
                    continue
                agent = self.act_owner(noun, index)
                if agent is not None:
                    return [agent], {noun.i}
        return [], set()

    def _names_act(self, noun) -> bool:
        """Whether a noun names something a party did: an act of the lexicon, a stance, a thing put
        forward or said ("the strikes", "the decision", "the remarks")."""
        if noun.pos_ != "NOUN":
            return False
        lemma = noun.lemma_.lower()
        return self.lex.noun_entry(noun) is not None or lemma in STANCE_NOUNS or lemma in AUTHORED_NOUNS \
            or lemma in SAID_NOUNS

    def act_owner(self, noun, index: MentionIndex):
        """Who does the act a noun names: its owner word ("Peru's strikes", "a Peruvian
        airstrike") or its "by" phrase ("the decision by Chile"); a place before the noun is
        where it was ("the Lima attack"), no owner."""
        owners = [m for c in noun.children if c.dep_ in OWNER_DEPS and c.i < noun.i
                  for m in self.mentions(index, [c]) if not names_no_party(c, m)
                  and not (c.dep_ == "compound" and (m.kind == "capital" or m.place))]
        return owners[0] if owners else self._nominal_agent(noun, index)

    def weapon_owner(self, noun, index: MentionIndex):
        """Who an attack or a weapon that is the subject of a hostile act belongs to: "a Peruvian
        airstrike killed …", "the attack by the rebels wounded …", "the missiles fired by the
        Chilean army struck …" (the act is its owner's), else None."""
        entry = self.lex.noun_entry(noun) if noun.pos_ == "NOUN" else None
        if entry is None or entry.sense.type not in FORCE_TYPES:
            return None  # "Trump's threats raised concerns among …": words, not force
        owner = self.act_owner(noun, index)
        if owner is not None:
            return owner
        fired = [m for c in noun.children if c.dep_ == "acl" for m in self.mentions(index, self.agent_tokens(c))]
        return fired[0] if fired else None

    def _nominal_agent(self, noun, index: MentionIndex):
        for pobj in self.nominal_agent_tokens(noun):
            found = index.of_phrase(pobj)
            if found is not None and (found.actor.country or found.actor.code):
                return found
        return None

    def done_by(self, word, token) -> bool:
        """Whether `token` does the act the word tells: `does`, or the actor word before an event
        noun ("the militia's attack", "a U.S. airstrike", "Pakistani aid")."""
        return self.does(word, token) or (token.dep_ in OWNER_DEPS and token.head.i == word.i
                                          and not self.undergoes(word, token))

    def undergoes(self, noun, owner) -> bool:
        """"Kofi Mensah's arrest", "the journalist's killing": the owner word of an act done to
        people (`person_target_modes`), when no "of" phrase names them, is whom it was done to,
        unless it names a country, a people or an organisation ("Togo's arrest of …")."""
        entry = self.lex.noun_entry(noun) if noun.pos_ == "NOUN" else None
        return entry is not None and entry.sense.mode in PERSON_TARGET_MODES and owner.dep_ == "poss" \
            and owner.ent_type_ not in ("GPE", "NORP", "ORG") \
            and not any(c.dep_ == "prep" and c.lower_ == "of" for c in noun.children)

    def does(self, trigger, token) -> bool:
        """Whether `token` is the one the act of `trigger` is done by: the subject of an active
        verb, the "by" phrase of a passive or of an event noun ("the attack by the rebels",
        "charges Washington has dismissed"): it is the act's source, never its target."""
        if trigger.pos_ == "NOUN":
            doers = [t for agent in self.nominal_agent_tokens(trigger) + self.received_from_tokens(trigger)
                     for t in self.conjuncts(agent)]
        elif self.is_passive(trigger):
            doers = self.agent_tokens(trigger)
        else:
            doers = [t for c in trigger.children if c.dep_ in SUBJECT_DEPS for t in self.conjuncts(c)]
        return any(t.i == token.i for t in doers)

    def nominal_sense(self, noun) -> tuple[Sense, Any, NounEntry] | None:
        """(sense, the word that owns the act's arguments, entry) of an event told as a noun with
        no verb ("the annexation of Crimea", "the suspension of aid to Mali"), or None."""
        entry = self.lex.noun_entry(noun)
        if entry is None or not entry.nominal:
            return None
        if self.is_topic(noun) or self.is_trend(noun):
            return None
        if noun.dep_ == "dobj" and entry.voided_by(noun.head.lemma_.lower()):
            return None  # "expressed relief": a feeling the verb makes of the noun, no act
        governor = noun.head.head if noun.dep_ == "pobj" and noun.head.dep_ == "prep" else None
        target = self.class_target(governor) if governor is not None and governor.i != noun.i else None
        if target is not None and target[0].i == noun.i:  # "the suspension of aid to Mali"
            under = entry.under(governor.lemma_.lower(), target[2])
            if under is None:
                return None
            return self.lex.refine(under, entry, noun), governor, entry
        if (entry.nominal_requires_modifier and not self.lex.has_modifier(entry, noun)) or self.lex.unmodified(entry, noun):
            return None
        return self.lex.refine(entry.sense, entry, noun), noun, entry

    @staticmethod
    def receiving_verb(noun):
        """The verb whose subject gets the act `noun` names ("faced criticism", "came under
        attack"; "received logistics and financial support": any conjunct of the object), or None."""
        noun = Patterns.chain_head(noun)
        head = noun.head
        if noun.dep_ == "dobj" and head.lemma_.lower() in RECEIVING_VERBS:
            return head
        if noun.dep_ == "pobj" and head.lower_ in ("in", "of"):  # "received $2 billion in Chinese loans"
            holder = head.head
            verb = holder.head if holder.dep_ == "dobj" and Patterns.quantity(holder) else holder
            if verb.lemma_.lower() in RECEIVING_VERBS and verb.pos_ == "VERB" and any(
                    c.dep_ == "dobj" and Patterns.quantity(c) for c in verb.children):
                return verb
        if noun.dep_ == "pobj" and head.dep_ == "prep" and head.head.i != head.i \
                and f"{head.head.lemma_.lower()} {head.lower_}" in RECEIVING_PHRASES:
            return head.head
        return None

    def received_from_tokens(self, noun, verb=None) -> list:
        """The "from" phrase of an act a receiving verb's subject gets ("drew condemnation from
        Chile"), on the noun or on the verb (`verb`, when the caller has it), else the noun's owner
        words ("accepted Chinese funding"): who did it. Empty for any other noun."""
        verb = verb or self.receiving_verb(noun)
        if verb is None:
            return []
        named = [g for holder in (noun, verb) for c in holder.children
                 if c.dep_ == "prep" and c.lower_ in SOURCE_PREPS for g in c.children if g.dep_ == "pobj"]
        # "faced sanctions imposed by Peru": the agent of the participle that tells the act
        named += [g for part in noun.children if part.dep_ == "acl" and part.tag_ == "VBN"
                  for c in part.children if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"]
        # ... else whose act the noun says it is ("received Chinese loans", "faced Peru's criticism")
        return named or [c for c in noun.children if c.dep_ in ("poss", "amod", "compound", "nmod")]

    def received(self, noun, index: MentionIndex) -> Candidate | None:
        """"Chile faced criticism from Peru", "received aid from Brazil", "came under attack from
        the rebels": an act told as a noun that the receiving verb's subject gets. Its source is
        the "from" phrase (on the noun or on the verb), its target the subject; with no source
        named there is no pair ("Chile faced criticism"), and an act the target will get is no
        threat or promise of its source ("warned Libya would face sanctions from the EU")."""
        verb, entry = self.receiving_verb(noun), self.lex.noun_entry(noun)
        if verb is None or entry is None or modality.verb_status(verb) != modality.REAL:
            return None
        actor = self._first_other(index, self.received_from_tokens(noun, verb), None)
        subjects = self.subject_tokens(verb) if actor is not None else []
        # ("the army said it had repelled an attack by …": a reported "it" is the speaker)
        targets = self.mentions(index, subjects) or self.speaker_for(index, verb, subjects)
        if not targets:  # "Peru's strikes drew condemnation from Chile": aimed at who did what drew it
            targets = [owner for s in subjects if self._names_act(s)
                       for owner in [self.act_owner(s, index)] if owner is not None]
        recipient = next((m for m in targets if not _same_party(m, actor)), None)
        if recipient is None:
            return None
        return Candidate(sense=self.lex.refine(entry.sense, entry, noun), trigger=noun, actor=actor,
                         recipient=recipient, family="nominal", tokens={noun.i, verb.i})

    def nominal(self, noun, index: MentionIndex) -> Candidate | None:
        got = self.received(noun, index)
        if got is not None:
            return got
        found = self.nominal_sense(noun)
        if found is None:
            return None
        sense, owner, entry = found
        # "threats of tariffs": the act refines the threat's mode
        for child in noun.children:
            if child.dep_ == "prep" and child.lower_ == "of" and sense.type == "THREATEN":
                for g in child.children:
                    inner = self.lex.noun_entry(g) if g.dep_ == "pobj" else None
                    if inner is not None and inner.sense.type != "THREATEN":
                        sense = self.combine("threaten", None, self.lex.refine(inner.sense, inner, g), noun)
        parties = self.between(noun, index)
        if parties is None and sense.type in HYPHEN_PAIR_TYPES:
            parties = self.hyphen_pair(noun, index)
        if parties is not None:  # "the talks between Mexico and Guatemala": the two sides, first named first
            return Candidate(sense=sense, trigger=noun, actor=parties[0], recipient=parties[1], family="nominal",
                             tokens={noun.i})
        actor = None
        for child in sorted([*noun.children, *(owner.children if owner.i != noun.i else ())], key=lambda c: c.i):
            if child.i < child.head.i and child.dep_ in OWNER_DEPS:
                actor = index.of_phrase(child)
                if actor is not None and names_no_party(child, actor):
                    actor = None  # "the Jeddah talks": where they were held, no party
                if actor is not None:
                    break
        if actor is None:  # "the annexation of Crimea by Russia", "the expulsion of two diplomats by Canada"
            actor = self._nominal_agent(noun, index)
        if actor is None and (ready := modality.readied(noun)) is not None:
            # "Islamabad is ready for talks with New Delhi": who states readiness for the act
            actor = next(iter(self.mentions(index, self.subject_tokens(ready))), None)
        recipient = None
        for child in [*noun.children, *(c for c in owner.children if c.i != noun.head.i and owner.i != noun.i)]:
            if child.dep_ == "prep" and child.lower_ in NOMINAL_RECIPIENT_PREPS:
                pobjs = [g for g in child.children if g.dep_ == "pobj"]
                for pobj in pobjs:
                    inner = [t for t in pobj.subtree if t.i != pobj.i and t.head.dep_ != "agent" and t.dep_ != "agent"]
                    found = self._first_other(index, [pobj, *inner], actor)
                    if found is not None:
                        recipient = found
                        break
            if recipient is not None:
                break
        if recipient is None:  # "rapprochement with governments … such as Venezuela and Cuba"
            for child in noun.children:
                if child.dep_ == "prep" and child.lower_ == "as" and any(g.lower_ == "such" for g in child.children):
                    recipient = self._first_other(index, [g for g in child.children if g.dep_ == "pobj"], actor)
        if actor is None and recipient is None:
            return None
        if entry.nominal_needs_both and (actor is None or recipient is None):
            return None
        return Candidate(sense=sense, trigger=noun, actor=actor, recipient=recipient, family="nominal",
                         tokens={noun.i})



# clauses that describe a noun rather than say what it is of or for ("the pipeline, which runs
# from Iraq", "the decision to take in refugees from Greece"); participles stay ("workers
# employed by the UN", "firms linked to an oligarch")
DESCRIBING_CLAUSES = frozenset({"relcl", "advcl"})
# governors whose complement is asked, threatened, promised or refused, not done
ASKED_KINDS = frozenset({"request", "threaten", "promise", "reject"})
# the links inside one noun phrase, from a word up to its head ("one" ← of ← "leaders")
PATIENT_PHRASE_DEPS = frozenset({"pobj", "prep", "poss", "compound", "nmod", "amod", "appos", "conj"})
NAME_MODIFIERS = frozenset({"compound", "amod", "nmod", "poss", "det", "case"})


def _prep_objects(holders, preps=None) -> list:
    """The objects of the prepositions on `holders` (of those in `preps`, when given): "… with the
    UN over Pakistan's test" → UN, test."""
    return [g for h in holders for c in h.children if c.dep_ == "prep" and (preps is None or c.lower_ in preps)
            for g in c.children if g.dep_ == "pobj"]


def _names_what(clause) -> bool:
    """A free relative of naming as a verb's object: "what it called aggression", "what it
    described as interference"."""
    return clause.dep_ in ("ccomp", "dobj", "xcomp") and clause.lemma_.lower() in NAMING_VERBS and any(
        c.lower_ == "what" and c.dep_ in ("dobj", "nsubjpass") for c in clause.children)


def _armed(index: MentionIndex, token) -> bool:
    """Whether a word names armed forces of a known side ("Togolese troops", "rebel fighters")."""
    mention = index.of_phrase(token)
    return mention is not None and mention.actor.sector in FORCE_SECTORS


def _core_subtree(token) -> list:
    """`token` and its dependents, without the relative clauses that describe it, and of an
    apposition only its own noun phrase: "met Alice Wells, a senior US State Department
    official" is a meeting with the US, "freed the pastor, a critic of the president" is no
    act towards the president."""
    out, stack = [], [token]
    while stack:
        tok = stack.pop()
        out.append(tok)
        for child in tok.children:
            if child.dep_ in DESCRIBING_CLAUSES or (child.dep_ == "acl" and infinitive(child)):
                continue
            if child.dep_ == "appos":
                out.append(child)
                stack.extend(c for c in child.children if c.dep_ in NAME_MODIFIERS)
                continue
            stack.append(child)
    return sorted(out, key=lambda t: t.i)


def _consequence_participle(clause, trigger) -> bool:
    """A participle after an act that tells what it did ("intensified attacks, inflicting heavy
    casualties on the army", "shelled the town, killing two soldiers"): no subject of its own."""
    return clause.tag_ == "VBG" and clause.i > trigger.i and not any(
        c.dep_ in CLAUSE_SUBJECT_DEPS or c.dep_ == "mark" for c in clause.children)


def _under_prep(token, root, preps: frozenset[str]) -> bool:
    """Whether `token` lies under one of `preps` between it and `root` (its ancestor)."""
    if not preps:
        return False
    while token.i != root.i and token.head.i != token.i:
        if token.dep_ == "prep" and token.lower_ in preps:
            return True
        token = token.head
    return False


def _under_seat(token, root) -> bool:
    """Whether `token` lies in a participle below `root` that says where something is based
    ("a charity headquartered in Geneva")."""
    while token.i != root.i and token.head.i != token.i:
        if token.dep_ == "acl" and token.lemma_.lower() in SEAT_PARTICIPLES:
            return True
        token = token.head
    return False


def _two_word_objects(verb, seconds) -> list:
    """The objects of a verb's two-word prepositions whose second word is one of `seconds`
    ("pulled its troops out of Kenya", "walked away from the talks")."""
    return [g for lead in verb.children if lead.dep_ in ("prep", "prt", "advmod") and lead.lower_ in LEAD_PREPS
            for p in lead.children if p.dep_ == "prep" and p.lower_ in seconds
            for g in p.children if g.dep_ == "pobj"]


def _names_object(verb) -> bool:
    """"called Petro a thug", "Petro was called a thug", "called the president a liar" (the
    parser's apposition with no comma; or two "oprd", the object and what it is called: "called
    Togo 'a hostile neighbour'"). A lone "oprd" is the parser's object ("called Togo President
    Faure Gnassingbe")."""
    objects = [c for c in verb.children if c.dep_ in ("dobj", "nsubjpass")]
    predicates = [c for c in verb.children if c.dep_ == "oprd"]
    if len(predicates) > 1 or (objects and predicates):
        return True
    doc = verb.doc
    return any(a.dep_ == "appos" and a.left_edge.i > 0 and not doc[a.left_edge.i - 1].is_punct
               for o in objects for a in o.children)


def infinitive(verb) -> bool:
    """A verb with "to" before it ("… to declare a ceasefire")."""
    return any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children)


def _for_to(clause) -> bool:
    """A for-to clause ("called for Moscow to withdraw", "appealed for both sides to halt"): the
    parse hangs it as an adverbial clause with "for" as its complementizer, but it is the verb's
    complement, as "urged Moscow to withdraw" is."""
    return clause.dep_ == "advcl" and infinitive(clause) and any(
        c.dep_ == "mark" and c.lower_ == "for" and c.i < clause.i for c in clause.children)
