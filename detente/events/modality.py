"""Is a trigger an act that happened? Negation, modals, conditionals, questions, hedges.

A negated act ("did not impose", "never sanctioned", "no tariffs were imposed"), a possibility
("could impose", "may face sanctions"), a conditional ("if he does, we will"), a question, or an
analyst's general statement ("reduced cooperation would hurt both") is not an event. A stated
future act ("X will impose tariffs") is a statement of intent: `FUTURE`, which the coder turns
into THREATEN or AGREE (CAMEO 13 / 03), never into the act itself.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from detente import resources

REAL, NEGATED, HYPOTHETICAL, FUTURE, QUESTION = "real", "negated", "hypothetical", "future", "question"

_WORDS = resources.words("modality")
_LINE_END = re.compile(r"[ \t]*(?:[\r\n]|\Z)")  # where a headline's line ends
MODALS = frozenset(_WORDS["modals"])
FUTURES = frozenset(_WORDS["futures"])
PAST_GUESS_MODALS = frozenset(_WORDS["past_guess_modals"])
IN_FORCE_PHRASES = frozenset(_WORDS["in_force_phrases"])
CONDITIONAL_MARKS = frozenset(_WORDS["conditional_marks"])
AHEAD_TIME_WORDS = frozenset(_WORDS["ahead_time_words"])
REFUSAL_CONDITION_MARKS = frozenset(_WORDS["refusal_condition_marks"])
# "before/until ... " under a negated, modal or future main verb states a condition, not an act.
TEMPORAL_CONDITION_MARKS = frozenset(_WORDS["temporal_condition_marks"])
DEMAND_VERBS = frozenset(_WORDS["demand_verbs"])
NEGATING_PREPS = frozenset(_WORDS["negating_preps"])
PREVENTING_VERBS = frozenset(_WORDS["preventing_verbs"])  # "stopped Peru from attacking Chile"
PREVENTING_PREPS = frozenset(_WORDS["preventing_preps"])
MEANS_PREPS = frozenset(_WORDS["means_preps"])
NEGATING_ADVERBS = frozenset(_WORDS["negating_adverbs"])  # "never", "seldom criticised": no act told
NEAR_MISS_ADVERBS = frozenset(_WORDS["near_miss_adverbs"])  # "was almost shot": it did not happen
DEONTIC_ADJECTIVES = frozenset(_WORDS["deontic_adjectives"])
EPISTEMIC_ADJECTIVES = frozenset(_WORDS["epistemic_adjectives"])  # "it is unlikely that …": a guess
NOT_TOLD_ADJECTIVES = DEONTIC_ADJECTIVES | EPISTEMIC_ADJECTIVES  # "it is vital / unlikely that …": no act told
HEDGE_ADJECTIVES = frozenset(_WORDS["hedge_adjectives"])
# Nouns under which an event noun is only talked about ("the risk of sanctions").
HEDGE_NOUNS = frozenset(_WORDS["hedge_nouns"])


# Verbs and adjectives whose infinitive complement is an act still ahead ("plans to visit",
# "is set to sign", "is expected to meet"): a stated intention, not the act.
INTENTION_VERBS = frozenset(_WORDS["intention_verbs"])
# Who only comments: events in what they say, predict or recommend are opinions, not acts
# ("X should send aid, said Y, an analyst at Z", "according to experts, X will retaliate").
COMMENTATOR_NOUNS = frozenset(_WORDS["commentator_nouns"])
OPINION_VERBS = frozenset(_WORDS["opinion_verbs"])


# Verbs of saying whose past tense shifts a reported "will" to "would" ("said Russia would respond").
REPORTING_VERBS = frozenset(_WORDS["reporting_verbs"])
CLARITY_ADJECTIVES = frozenset(_WORDS["clarity_adjectives"])
SETTING_VERBS = frozenset(_WORDS["setting_verbs"])
QUESTION_PREDICATES = frozenset(_WORDS["question_predicates"])
NON_OCCURRENCE_NOUNS = frozenset(_WORDS["non_occurrence_nouns"])
NON_OCCURRENCE_ADJECTIVES = frozenset(_WORDS["non_occurrence_adjectives"])
UNDOING_VERBS = frozenset(_WORDS["undoing_verbs"])
DEFERRING_PHRASES = frozenset(_WORDS["deferring_phrases"])  # "held off on sanctioning X"
DEFERRING_PREPS = frozenset(_WORDS["deferring_preps"])
HABITUAL_ADVERBS = frozenset(_WORDS["habitual_adverbs"])
DUTY_WORDS = frozenset(_WORDS["duty_words"])
INTENTION_NOUNS = frozenset(_WORDS["intention_nouns"])
ATTEMPT_NOUNS = frozenset(_WORDS["attempt_nouns"])  # "a bid to oust the envoy": tried, not done
NEED_NOUNS = frozenset(_WORDS["need_nouns"])  # "the need for Peru to invest": advised, not done
ASKED_NOUNS = frozenset(_WORDS["asked_nouns"])  # "an invitation to visit Chile": asked for, not done
DEFEATING_VERBS = frozenset(_WORDS["defeating_verbs"])  # "vetoed a resolution condemning Togo"
DOCUMENT_NOUNS = frozenset(resources.words("patterns")["document_nouns"])  # texts that act in words
ATTEMPT_VERBS = frozenset(_WORDS["attempt_verbs"])  # "tried to impose tariffs": tried, not told as done
NONSPECIFIC_DETERMINERS = frozenset(_WORDS["nonspecific_determiners"])  # "any sanctions": none in particular
WH_TAGS = frozenset({"WDT", "WP", "WP$", "WRB"})
CONVERSATION_WORDS = frozenset(_WORDS["conversation_words"])


def reporting_head(clause):
    """The verb of saying a clause is the content of, or None: the head of a complement clause
    ("said it would …"), or "make" in "made it clear it would …" (the parse hangs the clause
    on the adjective or on the verb)."""
    head = clause.head
    if head.i == clause.i:
        return None
    if clause.dep_ in ("advcl", "ccomp") and head.pos_ == "ADJ" and head.lower_ in CLARITY_ADJECTIVES \
            and head.head.lemma_.lower() == "make":
        return head.head
    if clause.dep_ != "ccomp":
        return None
    if head.lemma_.lower() in REPORTING_VERBS or (head.lemma_.lower() == "make" and any(
            c.lower_ in CLARITY_ADJECTIVES for c in head.children)):
        return head
    return None


def backshifted(verb) -> bool:
    """"would" in a clause reported by a past-tense verb of saying is the reported "will" (a stated
    future act), not a hypothetical: "China said it would take all necessary measures"."""
    head = reporting_head(verb)
    return head is not None and (head.tag_ == "VBD" or any(
        c.dep_ == "aux" and c.lower_ in ("has", "have", "had") for c in head.children))


def conditional(clause, marks: frozenset[str] = CONDITIONAL_MARKS) -> bool:
    """Whether a clause is marked as a condition ("if Togo attacks", "unless Chile withdraws")."""
    return any(m.dep_ == "mark" and m.lower_ in marks for m in clause.children)


def verb_above(token):
    """`token` if it is a verb, else the nearest verb above it (the root when there is none)."""
    while token.pos_ not in ("VERB", "AUX") and token.head.i != token.i:
        token = token.head
    return token


def reported_will(aux, verb) -> bool:
    """Whether an auxiliary of `verb` is a reported "will" ("said it would not …", `backshifted`,
    or "would hold talks next month": `dated_ahead`)."""
    return aux.lower_ in ("would", "'d") and (backshifted(verb) or dated_ahead(verb))


def dated_ahead(verb) -> bool:
    """Whether the clause of `verb` names a time ahead ("next month", "tomorrow") and no condition:
    its "would" is a plan reported, not a hypothetical ("if talks fail, Peru would act next month")."""
    if conditional(verb) or any(c.dep_ == "advcl" and conditional(c) for c in verb.children):
        return False
    verbs = {verb.i} | {c.i for c in verb.conjuncts}  # "would step up … and hold talks next month"
    # (the date's own clause: the parser may hang it far down, "talks with X, next month")
    return any(t.lower_ in AHEAD_TIME_WORDS and t.ent_type_ in ("DATE", "TIME") and verb_above(t.head).i in verbs
               for t in verb.subtree)


def _clause_status(verb) -> str:
    status = REAL
    for child in verb.children:
        low = child.lower_
        if child.dep_ == "neg" or (child.dep_ in ("advmod", "preconj") and low in NEGATING_ADVERBS) or (
                child.dep_ == "advmod" and low in NEAR_MISS_ADVERBS and child.i < verb.i) or (
                child.dep_ == "advmod" and any(g.dep_ == "advmod" and g.lower_ in NEGATING_ADVERBS for g in child.children)):
            return NEGATED
        if child.dep_ in ("aux", "auxpass"):
            if reported_will(child, verb):
                status = FUTURE
                continue
            if low in PAST_GUESS_MODALS and _perfect(verb, child):
                continue  # "may have launched cyber attacks": a guess at a past act, told as done
            if low in MODALS or child.lemma_ in ("could", "may", "might", "would", "should", "can", "must"):
                return HYPOTHETICAL
            if low in FUTURES:
                status = FUTURE
        if child.dep_ == "mark" and low in CONDITIONAL_MARKS:
            return HYPOTHETICAL
    if intended(verb):
        status = FUTURE
    return status


def _perfect(verb, modal) -> bool:
    """Whether `modal` is followed by the perfect "have" of `verb` ("may have sent", "might have
    been shelled"): the verb is a past participle with a bare "have" between them."""
    return verb.tag_ == "VBN" and any(c.dep_ == "aux" and c.lower_ == "have" and modal.i < c.i < verb.i
                                      for c in verb.children)


def as_a_rule(verb) -> bool:
    """"The Taliban routinely deny …", "migrants are usually deported", "if a visa expires, its
    holder is deported": a simple present (active or passive) with an adverb of habit or under
    a condition says what happens as a rule, no act that happened."""
    children = list(verb.children)
    present = verb.tag_ in ("VBZ", "VBP") or (verb.tag_ == "VBN" and any(
        c.dep_ == "auxpass" and c.tag_ in ("VBZ", "VBP") for c in children))
    return present and any(
        (c.dep_ == "advmod" and c.lower_ in HABITUAL_ADVERBS)
        or (c.dep_ == "advcl" and conditional(c))
        for c in children)


def headline(sent) -> bool:
    """A sentence set as a headline: a line of its own (or the whole text) with no closing stop
    ("Chile offers aid to Peru"); its simple present tells news, not a standing policy."""
    words = [t for t in sent if not t.is_space]
    if not words or words[-1].is_punct:
        return False
    return _LINE_END.match(sent.doc.text, words[-1].idx + len(words[-1].text)) is not None


def intended(verb) -> bool:
    """"going to impose", "plans to visit", "is set to sign", "is expected to meet": an act ahead."""
    return verb.dep_ == "xcomp" and any(c.lower_ == "to" for c in verb.children) and (
        verb.head.lemma_.lower() in INTENTION_VERBS or verb.head.lower_ in INTENTION_VERBS)


def stated_refusal(verb) -> bool:
    """"will not lift the embargo", "won't meet", "said it would not withdraw": a negated future
    act is a refusal stated now (PLOVER REJECT), unlike a negated past act, which is no event."""
    children = list(verb.children)
    if not any(c.dep_ == "neg" for c in children):
        return False
    if any(c.dep_ == "advcl" and conditional(c, CONDITIONAL_MARKS - REFUSAL_CONDITION_MARKS) for c in children):
        return False  # "if this happens, Turkey will not buy …": a condition, not a refusal ("unless": one)
    return any(c.dep_ == "aux" and (c.lower_ in FUTURES or (c.lower_ in ("would", "'d") and backshifted(verb)))
               for c in children)


def _bare(verb) -> bool:
    return verb.tag_ in ("VB", "VBP") and not any(c.dep_ in ("aux", "auxpass", "nsubj", "nsubjpass", "mark") for c in verb.children)


def is_imperative(verb) -> bool:
    """A bare infinitive with no subject, auxiliary or "to", heading its clause or conjoined to
    another such ("Colombian diplomacy proceeds: avoid burning bridges, but refuse to yield"): a
    maxim or an order, not a reported act."""
    if not _bare(verb):
        return False
    if verb.dep_ in ("ROOT", "appos", "parataxis", "dep"):
        return True
    return verb.dep_ == "conj" and _bare(verb.head) and verb.head.dep_ in ("ROOT", "appos", "parataxis", "dep", "conj")


def verb_status(verb, attempted_is_act: bool = False) -> str:
    """Status of a verbal trigger, looking up its xcomp/conj chain and enclosing conditionals.
    `attempted_is_act`: an act only tried ("tried to break the blockade") counts as told, for the
    event noun it acts on, which the attempt presupposes."""
    if is_imperative(verb):
        return HYPOTHETICAL
    status = _clause_status(verb)
    if status in (NEGATED, HYPOTHETICAL):
        return status
    node = verb
    seen = 0
    while node.dep_ in ("xcomp", "conj", "advcl", "ccomp", "csubj", "csubjpass", "acl", "relcl", "pcomp", "prep",
                        "pobj") and seen < 8:
        head = node.head
        seen += 1
        if head.i == node.i:
            break
        if node.dep_ in ("xcomp", "advcl", "dobj") and node.tag_ == "VBG" and _right_after(node, head) \
                and (head.lemma_.lower() in UNDOING_VERBS or _phrasal(head) in DEFERRING_PHRASES) \
                and not any(c.dep_ == "dobj" and c.i != node.i for c in head.children):
            return NEGATED  # "delayed imposing tariffs", "ruled out sending troops": put off (not
            # "postponed the talks, accusing …")
        if node.dep_ == "acl" and head.lemma_.lower() in INTENTION_NOUNS and head.dep_ == "dobj" \
                and head.head.lemma_.lower() in UNDOING_VERBS:
            return NEGATED  # "dropped plans to sanction Peru"
        if node.dep_ == "xcomp" and head.lemma_.lower() in ATTEMPT_VERBS and not attempted_is_act:
            return HYPOTHETICAL  # "tried to establish a dialogue with Peru"
        if node.dep_ in ("xcomp", "conj") and head.pos_ in ("VERB", "AUX"):
            up = _clause_status(head)
            if up == NEGATED and node.dep_ == "conj":
                up = REAL  # "did not attack and withdrew": negation is not shared by a conjoined verb
            if up in (NEGATED, HYPOTHETICAL):
                return up
            if up == FUTURE:
                status = FUTURE
        elif node.dep_ == "advcl" and conditional(node):
            return HYPOTHETICAL
        elif node.dep_ == "advcl" and any(c.dep_ == "aux" and c.lower_ == "to" for c in node.children) \
                and head.pos_ in ("VERB", "AUX") and verb_status(head) in (NEGATED, HYPOTHETICAL, FUTURE):
            return HYPOTHETICAL  # "will offer aid to Peru to fight rebels": the aim of an act not done is none
        elif node.dep_ == "advcl" and any(c.dep_ in ("mark", "prep", "advmod") and c.lower_ in TEMPORAL_CONDITION_MARKS
                                          for c in node.children) and head.pos_ in ("VERB", "AUX") \
                and verb_status(head) in (NEGATED, HYPOTHETICAL, FUTURE):
            # "will not lift its duty before Peru removes the tariff": the act in the clause is the
            # condition of a negated, modal or future main act, not an event
            return HYPOTHETICAL
        elif node.dep_ in ("advcl", "ccomp", "xcomp", "csubj") and any(
                c.dep_ == "acomp" and c.lower_ in NOT_TOLD_ADJECTIVES for c in head.children):
            return HYPOTHETICAL  # "it is necessary for India to engage Mauritius": advice; "it is unlikely that …": a guess
        elif indirect_question(node):
            return HYPOTHETICAL  # "did not say who attacked the convoy"
        elif node.dep_ in ("acl", "relcl") and head.pos_ == "NOUN" and head.lemma_.lower() in DOCUMENT_NOUNS \
                and _defeated(head):
            return NEGATED  # "vetoed a resolution condemning Togo": the text never said it
        elif node.dep_ == "acl" and head.pos_ == "NOUN" and head.lemma_.lower() in NON_OCCURRENCE_NOUNS:
            return NEGATED  # "Obama's failure to sell missiles to Turkey"
        elif node.dep_ == "xcomp" and head.pos_ == "ADJ" and head.lower_ in NON_OCCURRENCE_ADJECTIVES:
            return NEGATED  # "is reluctant to impose sanctions", "was unable to send aid"
        elif node.dep_ in ("acl", "advcl") and head.pos_ == "NOUN" and head.lemma_.lower() in NEED_NOUNS:
            return HYPOTHETICAL  # "the need for the government to invest in the police"
        elif node.dep_ == "acl" and head.pos_ == "NOUN" and head.lemma_.lower() in ATTEMPT_NOUNS | ASKED_NOUNS:
            return HYPOTHETICAL  # "Argentina's bid to isolate Peru": tried; "an invitation to visit Chile": asked
        elif node.dep_ == "acl" and head.pos_ == "NOUN" and nonspecific(head):
            return HYPOTHETICAL  # "any move to impose tariffs": no move in particular
        elif (node.dep_ == "acl" and head.pos_ == "NOUN" and head.lemma_.lower() in INTENTION_NOUNS) or (
                node.dep_ == "pcomp" and head.dep_ == "prep" and head.lower_ in ("in", "of")
                and _after_intention_noun(head)):
            return FUTURE  # "expressed willingness to send troops", "voiced interest in sending aid"
        elif node.dep_ == "pcomp" and head.dep_ == "prep" and head.lower_ in NEGATING_PREPS:
            return NEGATED
        elif node.dep_ == "pcomp" and head.dep_ == "prep" and head.head.i != head.i and _kept_from(head):
            return NEGATED  # "stopped Peru from attacking Chile", "held off on sanctioning Peru"
        elif node.dep_ == "pcomp" and head.dep_ == "prep" and head.lower_ in ("for", "with") \
                and (head.head.lemma_.lower() in DUTY_WORDS or head.head.lower_ in DUTY_WORDS):
            return HYPOTHETICAL  # "is responsible for scrutinizing", "tasked with monitoring": a duty
        elif node.dep_ == "pcomp" and head.dep_ == "prep" and head.lower_ in MEANS_PREPS \
                and head.head.pos_ in ("VERB", "AUX") and head.head.i != head.i:
            up = verb_status(head.head)  # "may anger Washington by defying the U.S.": the means shares the mood
            if up == HYPOTHETICAL:
                return up
            if up == FUTURE:
                status = FUTURE
            break
        elif node.dep_ == "pcomp" and head.dep_ == "prep" and head.lower_ in TEMPORAL_CONDITION_MARKS \
                and head.head.pos_ in ("VERB", "AUX") and (head.head.lemma_.lower() in DEMAND_VERBS or verb_status(
                    head.head) in (NEGATED, HYPOTHETICAL, FUTURE)):
            return HYPOTHETICAL  # "asked for denuclearisation before lifting sanctions"
        elif node.dep_ in ("ccomp", "csubj", "csubjpass", "advcl", "relcl", "acl"):
            # "X would be hurt if ...": the enclosing clause's mood does not carry into a complement
            # except for conditionals, checked above.
            break
        node = head
    return status


def _defeated(text) -> bool:
    """Whether a text noun is the object of a verb that stops it ("vetoed a resolution", "voted
    down the bill", "the bill was rejected")."""
    verb = text.head
    if text.dep_ not in ("dobj", "nsubjpass", "pobj") or verb.i == text.i:
        return False
    if text.dep_ == "pobj":  # "voted against the resolution"
        prep, verb = verb, verb.head
        return f"{verb.lemma_.lower()} {prep.lower_}" in DEFEATING_VERBS
    particles = [c.lower_ for c in verb.children if c.dep_ == "prt"]
    return verb.lemma_.lower() in DEFEATING_VERBS or any(f"{verb.lemma_.lower()} {p}" in DEFEATING_VERBS for p in particles)


def _kept_from(prep) -> bool:
    """Whether the gerund under `prep` is an act kept from happening ("stopped X from attacking",
    "refrained from striking") or put off ("held off on sanctioning", "held back from striking")."""
    verb = prep.head
    return (prep.lower_ in PREVENTING_PREPS and verb.lemma_.lower() in PREVENTING_VERBS) or (
        prep.lower_ in DEFERRING_PREPS and _phrasal(verb) in DEFERRING_PHRASES)


def _right_after(node, head) -> bool:
    """Whether `node` follows `head` with nothing between but the head's particles ("ruled out
    sending")."""
    between = node.doc[head.i + 1:node.i]
    return node.i > head.i and all(t.dep_ == "prt" and t.head.i == head.i for t in between)


def _phrasal(word) -> str:
    """The phrasal verb a preposition hangs from, as a phrase: "held off on" ("off" a particle of
    the verb) and "held back from" (the preposition under the adverb "back") are "hold off" and
    "hold back"."""
    if word.dep_ in ("advmod", "prt") and word.head.i != word.i and word.head.pos_ in ("VERB", "AUX"):
        return f"{word.head.lemma_.lower()} {word.lower_}"
    return " ".join([word.lemma_.lower(), *(c.lower_ for c in word.children if c.dep_ == "prt")])


def noun_status(noun, ends: Callable[[Any], bool] | None = None) -> str:
    """Status of a nominal trigger ("no tariffs", "potential sanctions", "the risk of sanctions").
    `ends`: whether a verb ends or eases the act its object names ("lift", "break"): an act only
    tried with such a verb presupposes the noun's act ("trying to break the blockade")."""
    for child in noun.children:
        if child.dep_ in ("det", "neg") and child.lower_ in ("no", "neither"):
            return NEGATED
        if child.dep_ == "amod" and child.lower_ in HEDGE_ADJECTIVES:
            return HYPOTHETICAL
    if nonspecific(noun):
        return HYPOTHETICAL
    head = noun.head
    if noun.dep_ == "pobj" and head.dep_ == "prep" and head.head.lemma_.lower() in HEDGE_NOUNS:
        return HYPOTHETICAL
    if readied(noun) is not None:  # "is ready for talks": an act still ahead, stated as intent
        return FUTURE
    if noun.dep_ in ("nsubj", "nsubjpass") and head.pos_ in ("VERB", "AUX"):
        if head.lemma_.lower() in UNDOING_VERBS:
            return NEGATED  # "the visit was postponed": it did not take place
        # "a visit is expected in May", "talks are scheduled for June", "the summit is due next week"
        if (noun.dep_ == "nsubjpass" and head.lemma_.lower() in INTENTION_VERBS) or any(
                c.dep_ == "acomp" and c.lower_ in INTENTION_VERBS for c in head.children):
            return HYPOTHETICAL
        if noun.dep_ == "nsubj" and puts_in_force(head):
            # "the tariffs will take effect on Monday": a measure decided, in force from a day
            status = verb_status(head)
            return REAL if status == FUTURE else status
    # the nearest governing verb decides the mood ("could face sanctions", "did not impose tariffs")
    node = noun
    for _ in range(6):
        if node.head.i == node.i:
            break
        node = node.head
        if node.pos_ in ("VERB", "AUX"):
            return verb_status(node, attempted_is_act=ends is not None and ends(node))
    return REAL


def readied(noun):
    """"Islamabad is ready for talks", "stands prepared for dialogue": the verb whose subject
    states readiness for the act a noun names (in the "for" phrase of an adjective of intention),
    or None."""
    prep = noun.head
    if noun.dep_ != "pobj" or prep.dep_ != "prep" or prep.lower_ != "for":
        return None
    adjective = prep.head
    if adjective.pos_ != "ADJ" or adjective.dep_ not in ("acomp", "oprd") or adjective.lower_ not in INTENTION_VERBS:
        return None
    return adjective.head if adjective.head.pos_ in ("VERB", "AUX") else None


def puts_in_force(verb) -> bool:
    """"take effect", "come into force", "kick in" (`in_force_phrases`) on this verb."""
    lemma = verb.lemma_.lower()
    phrases = {lemma}
    for child in verb.children:
        if child.dep_ in ("dobj", "prt", "acomp"):
            phrases.add(f"{lemma} {child.lower_}")
        elif child.dep_ == "prep":
            phrases.update(f"{lemma} {child.lower_} {g.lower_}" for g in child.children if g.dep_ == "pobj")
    return bool(phrases & IN_FORCE_PHRASES)


def nonspecific(noun) -> bool:
    """"any sanctions", "whatever steps": the noun names any act of its kind, none in particular."""
    return any(c.dep_ == "det" and c.lower_ in NONSPECIFIC_DETERMINERS for c in noun.children)


def is_question(sent) -> bool:
    text = sent.text.rstrip().rstrip("\"'”’)»").rstrip()
    return text.endswith("?")


def _commentator(phrase_root) -> bool:
    """The phrase (with its appositions: "Y, an analyst at Z") names a commentator."""
    return any(t.lemma_.lower() in COMMENTATOR_NOUNS and t.pos_ in ("NOUN", "PROPN") for t in phrase_root.subtree)


def indirect_question(clause) -> bool:
    """"asked whether X would attack", "did not say who attacked", "it is unclear how X will
    respond": a complement clause opening with whether/if, or with a wh-word under a question
    predicate or a negated one, asks about its act and does not assert it."""
    if clause.dep_ not in ("ccomp", "csubj", "csubjpass"):
        return False
    if any(c.dep_ == "mark" and c.lower_ in ("whether", "if") for c in clause.children):
        return True
    opening = clause.doc[clause.left_edge.i:min(clause.left_edge.i + 4, clause.i)]
    if not any(t.tag_ in WH_TAGS and _in_clause(t, clause) for t in opening):
        return False
    head = clause.head
    words = {head.lemma_.lower()} | {c.lemma_.lower() for c in head.children if c.dep_ in ("acomp", "oprd")}
    return bool(words & QUESTION_PREDICATES) or any(c.dep_ == "neg" for c in head.children)


def _in_clause(token, clause) -> bool:
    """`token` belongs to `clause` itself, not to a clause inside it ("if Europe …, he will …")."""
    while token.i != clause.i:
        if token.dep_ in ("advcl", "ccomp", "relcl", "acl", "csubj") or token.head.i == token.i:
            return False
        token = token.head
    return True


def _after_intention_noun(prep) -> bool:
    """"interest in sending": the preposition belongs to an intention noun, whether the parser
    attached it to the noun or to the verb whose object the noun is (right before it)."""
    head = prep.head
    if head.pos_ == "NOUN":
        return head.lemma_.lower() in INTENTION_NOUNS
    before = prep.doc[prep.i - 1] if prep.i > 0 else None
    return before is not None and before.head.i == head.i and before.dep_ == "dobj" \
        and before.lemma_.lower() in INTENTION_NOUNS


def scene_setting(trigger) -> bool:
    """"Speaking to lawmakers, X said …": a speaking participle that is an adverbial clause of a
    reporting verb sets the scene of the statement (its audience or venue), and is no act; nor is
    the meeting it names as its venue ("Speaking at a summit on Sudan, …")."""
    if trigger.pos_ == "NOUN" and trigger.dep_ == "pobj" and trigger.head.dep_ == "prep":
        trigger = trigger.head.head
    if trigger.tag_ != "VBG" or trigger.dep_ != "advcl" or trigger.lemma_.lower() not in SETTING_VERBS:
        return False
    if any(c.dep_ in ("nsubj", "nsubjpass") for c in trigger.children):
        return False  # "with Sullivan speaking by phone to …": a clause with its own subject
    head = trigger.head
    if head.dep_ == "advcl" and head.i > trigger.i and head.head.i != head.i \
            and head.lemma_.lower() not in REPORTING_VERBS:
        head = head.head  # "Speaking to officers gathered in Lima, X stressed …": "gathered" misparsed as the clause's verb
    if head.pos_ not in ("VERB", "AUX") or head.lemma_.lower() not in REPORTING_VERBS:
        return False
    return not any(t.lower_ in CONVERSATION_WORDS or t.lemma_.lower() in CONVERSATION_WORDS
                   for t in trigger.subtree if t.i != trigger.i)


def commentary(trigger) -> bool:
    """The trigger is in what a commentator says, thinks or recommends, or in a clause "according
    to" one: an opinion about states, not an act of theirs."""
    node = trigger
    for _ in range(10):
        for child in node.children:
            if child.dep_ == "prep" and child.lower_ == "according":
                if any(_commentator(g) for p in child.children for g in ([p] + list(p.children))
                       if g.dep_ == "pobj"):
                    return True
        if node.pos_ in ("VERB", "AUX") and node.i != trigger.i and (
                node.lemma_.lower() in REPORTING_VERBS or node.lemma_.lower() in OPINION_VERBS):
            subjects = [c for c in node.children if c.dep_ in ("nsubj", "nsubjpass")]
            if any(_commentator(s) for s in subjects):
                return True
        if node.head.i == node.i:
            break
        node = node.head
    return False
