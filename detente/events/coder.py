"""The coder: an analysed spaCy Doc of one article → events, quotes and claims.

`code(doc, article, settings)` is what the pipeline calls for each document; the same coder is
registered as the spaCy component "detente_events", which fills `doc._.events`, `doc._.quotes`
and `doc._.claims` when the doc carries its article in `doc._.article`. The sentence rules are in
`patterns`, the learned second opinion in `learned`; this module decides which candidates are
events and builds their records.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable, Sequence
from dataclasses import replace
from typing import Any

from detente import resources
from detente.analyse.doctext import text_of
from detente.analyse.headings import heading_ends
from detente.analyse.resolve import OWNERS  # the possessive pronouns: "its men"
from detente.clean.dateline import dateline_end
from detente.clean.outlets import names_outlet
from detente.config import Settings
from detente.events import modality
from detente.events.actors import MentionIndex, actor_of, analyse_mentions, mention_root, role_test
from detente.events.claims import find_claims
from detente.events.dates import DateResolver
from detente.events.learned import (
    LearnedCoder,
    act_path,
    conjuncts,
    nested,
    phrase_actor,
    phrases,
    type_features,
)
from detente.events.lexicon import Lexicon, Sense, load_lexicon
from detente.events.patterns import (
    ADDRESSEE_PREPS,
    AUTHORED_NOUNS,
    FORCE_SECTORS,
    FORCE_TYPES,
    JOINT_RETYPE,
    OPPOSING_PREPS,
    PASSIVE_NOT_EVENT,
    PERSON_TARGET_MODES,
    REASON_PREPS,
    RECEIVER_PREPS,
    RECIPIENT_PREPS,
    SAID_NOUNS,
    VENUE_PREPS,
    VERB_ACT_FAMILIES,
    Candidate,
    Patterns,
    infinitive,
)
from detente.events.quotes import find_quotes
from detente.models import Actor, Article, Coded, Event, Evidence
from detente.ontology import CIVILIAN_SECTOR, default_cameo, quad_class

__all__ = ["code", "Coder", "event_id"]

# The learned model's type replaces the lexicon's only when the lexicon's type is this much less
# probable under the model (the lexicon's sense is right more often where both have a say).
TYPE_OVERRIDE = 0.25
# A learned event below this confidence (0.9 × pair probability × √type probability) is not coded:
# chosen on the development quarter of the training sentences, the dev articles' precision and
# learned events read on VOA stories (PLOVER dev-quarter e2e 0.516 at 0.45, 0.502 at 0.6; at 0.6
# the learned events on real news are about as often right as the patterns', below it rarely).
LEARNED_MIN_CONFIDENCE = 0.6
# An act aimed at a thing ("rejected the referendum", "stormed a hotel") has no dictionary word
# to confirm its target, and the labelled sets cannot tell how often such a target is right (they
# mark one pair a sentence): it needs more confidence. Chosen by reading the learned events on VOA
# stories (at 0.6 about half of those with a thing target were right, at 0.7 about nine in ten);
# held-back PLOVER e2e 0.471 at 0.6, 0.467 at 0.7 (benchmarks/README.md, sixth session).
LEARNED_MIN_CONFIDENCE_THING = 0.7
# The base dictionaries' bare verbs (PETRARCH2's verb blocks) are acts for the learned model to
# link, never events by themselves; their type is the model's. PLOVER dev quarter with them:
# dyad 0.603 -> 0.607, cameo-sentences with an event 0.627 -> 0.638, macro-F1 0.635 -> 0.641,
# dev-article precision unchanged (0.947).
WEAK_ACTS = True

# Event types that need a counterpart: a one-sided mention is completed from the document's
# dominant other country (at lower confidence) when the other side is not in the sentence.
# verbal acts that stay what they are when stated for later (Coder._act)
SAID_LATER_TYPES = frozenset({"REQUEST", "REJECT"})
DYADIC = frozenset({"AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "REQUEST", "ACCUSE",
                    "REJECT", "THREATEN", "SANCTION", "COERCE", "ASSAULT", "RETREAT", "MOBILIZE"})

_WORDS = resources.words("coder")
# Acts two parties do together ("Japan and South Korea held talks / signed an agreement / clashed"):
# with a coordinated subject and no object party, the act is coded once, first-named party → the
# other (gold README: a joint act is one event, first-named as actor). With three or more parties
# the first-named is the actor and each other party a recipient (one event per pair with it).
# One-sided acts ("Japan and South Korea imposed sanctions") get no recipient from their own subject.
MUTUAL_MODES = {k: frozenset(v) for k, v in _WORDS["mutual_modes"].items()}
ONE_SIDED_MODES = frozenset(_WORDS["one_sided_modes"])  # acts that are news with no recipient
ONE_SIDED_FAMILIES = frozenset(_WORDS["one_sided_families"])
ONE_SIDED_TYPES = frozenset(_WORDS["one_sided_types"])
ONE_SIDED_ROOTS = frozenset(_WORDS["one_sided_cameo_roots"])  # appeals to no one named
INTRANSITIVE_MODES = frozenset(_WORDS["intransitive_modes"])  # told by a verb only without an object
NON_STATE_TYPES = frozenset(_WORDS["one_sided_non_state_types"])  # alone, only a non-state actor's
NON_STATE_MODES = frozenset(_WORDS["one_sided_non_state_modes"])
PERSON_TARGET_TYPES = frozenset(_WORDS["person_target_types"])  # ... whatever their mode (a request)
RECEIVER_TARGET_TYPES = frozenset(_WORDS["receiver_target_types"])  # ... or given to them ("aid to refugees")
NAMED_DOER_ENTITIES = frozenset(_WORDS["named_doer_entities"])  # a named subject no dictionary knows
THING_TARGET_TYPES = frozenset(_WORDS["thing_target_types"])  # "protested against the tax law": the law
STATE_SECTORS = frozenset(_WORDS["state_sectors"])  # and the country named alone (no sector)
PARTNER_PREPS = frozenset(_WORDS["partner_preps"])  # "… with the other three countries": not alone
LEARNED_JOINT_TYPES = frozenset(_WORDS["learned_joint_types"])
MUTUAL_ASSAULT_LEMMAS = frozenset(_WORDS["mutual_assault_lemmas"])
MUTUAL_GOVERNORS = frozenset(_WORDS["mutual_governors"])  # "X and Y agreed to …": with each other
TOLD_DETERMINERS = frozenset(_WORDS["told_determiners"])  # "condemned the arrests"
RECIPROCAL_WORDS = frozenset(_WORDS["reciprocal_words"])  # "fought each other", "fought one another"
RECIPROCAL_DETERMINERS = frozenset(_WORDS["reciprocal_determiners"])  # the "each" of "each other"
MUTUAL_VERBS = frozenset(_WORDS["mutual_verbs"])  # "X and Y exchanged ambassadors"

_FIRST_PERSON = re.compile(r"\b(?:we|our|us|i|my)\b")
_NEGATION = re.compile(r"\b(?:not|never|no|cannot|won't|can't|n't)\b|n't\b")


def _act_key(event: Event) -> tuple:
    """One act of a sentence, whoever it is aimed at: where it is told, who did it, its type."""
    return event.evidence.start, event.actor.code if event.actor else None, event.event_type


def _has_cue(words: str, cue: str) -> bool:
    """`cue` at a word start in `words` (space-padded, single-spaced), each word but the last
    also in the plural ("path forward" matches "paths forward"); the last word is a prefix."""
    parts = cue.split()
    return re.search(" " + "(?:e?s)? ".join(map(re.escape, parts)), words) is not None
MULTILATERAL = frozenset(_WORDS["multilateral"])
GROUP_NOUNS = frozenset(_WORDS["group_nouns"])
AUTHOR_PREPS = frozenset(_WORDS["author_preps"])  # "claims by Kabul", "accusations from Delhi"
PARTY_PREPS = frozenset(_WORDS["party_preps"])  # "officials from X and Y" name both parties
FIRST_PERSON = frozenset(_WORDS["first_person"])  # "we condemn": the quoted speaker acts
UNDERGOER_VERBS = frozenset(_WORDS["undergoer_verbs"])  # "two soldiers died": the subject suffered it
CIVILIAN_NON_ACTS = frozenset(_WORDS["civilian_non_acts"])  # "Chinese tourists visited Vietnam"
OWN_PEOPLE_NOUNS = frozenset(_WORDS["own_people_nouns"])  # "mobilised its men": no target


def _described(path: list, by_head: dict, trigger) -> Any | None:
    """"fired on students who marched in Nairobi", "troops that Russia sent attacked Kyiv": a side
    reached through a relative clause (`path`: its side of the parse path, below the turn) is a
    side of that clause's own act; the phrase the clause describes (`by_head`: candidate phrases
    by their heads) is the side of the act, unless the act (`trigger`) is told in that clause
    ("introduced a bill that would sanction X")."""
    described = None
    for token in path:
        if token.dep_ == "relcl" and token.head.i in by_head and not (
                token.i == trigger.i or token.is_ancestor(trigger)):
            described = by_head[token.head.i]
    return described


def _author_words(said) -> list:
    """The words after `said` (a noun of SAID_NOUNS) that may name who said it: the object of its
    "by"/"from"/"of", the agent of a participle ("made by"). (Its possessor or country word,
    "Pakistan's accusation", is the phrase's own actor: `MentionIndex.of_phrase`.)"""
    owners = [g for c in said.children if c.dep_ in ("prep", "agent") and c.lower_ in AUTHOR_PREPS
              for g in c.children if g.dep_ == "pobj"]
    owners += [g for c in said.children if c.dep_ == "acl" for p in c.children if p.dep_ == "agent"
               for g in p.children if g.dep_ == "pobj"]  # "claims made by rights groups"
    return owners


def _said_by(said, index: MentionIndex):
    """The mention of who said `said` (a noun of SAID_NOUNS), named in its phrase ("Kabul's
    claims") or after it (`_author_words`), else None."""
    return next((m for t in [said] + _author_words(said) if (m := index.of_phrase(t)) is not None), None)


def _same_side(event: Event, actor: Actor, recipient: Actor) -> bool:
    """An event shares a side with the pair: the same known actor, or overlapping words."""
    def same(x: Actor | None, y: Actor) -> bool:
        return x is not None and ((x.code is not None and x.code == y.code) or x.text in y.text or y.text in x.text)
    return same(event.actor, actor) or same(event.recipient, recipient)


def _clause_subject(verb):
    """The subject of a verb's clause, also where the parse hangs it on the clause's auxiliary
    ("said Iran is defying …" parsed with "Iran" under "is"), else None."""
    for child in verb.children:
        if child.dep_ in ("nsubj", "nsubjpass"):
            return child
    return next((g for c in verb.children if c.dep_ in ("aux", "auxpass") and c.i < verb.i
                 for g in c.children if g.dep_ in ("nsubj", "nsubjpass")), None)


def _where_other_is(token, act: Candidate, by_head: dict) -> bool:
    """"shelled a Nigerian army post in Borno State", "oppose Turkish investment in the region":
    a place named as where a party other than the act is (the object of a place preposition
    hanging off a phrase that names a party) is not the act's target; that party is."""
    prep = token.head
    if token.dep_ != "pobj" or prep.dep_ != "prep" or prep.lower_ not in VENUE_PREPS:
        return False
    thing = prep.head
    phrase = by_head.get(thing.i)
    return thing.i not in act.tokens | {act.trigger.i} and phrase is not None and phrase.mention is not None


def _own_people(token) -> bool:
    """"mobilised its men to the area", "deployed their officers": a side's own people, named with
    a possessive pronoun, are moved or sent by it, not the target of its act."""
    return token.lemma_.lower() in OWN_PEOPLE_NOUNS and any(
        c.dep_ == "poss" and c.lower_ in OWNERS for c in token.children)


def _asks(cand: Candidate) -> bool:
    """A request told by a verb of asking ("urged teachers to …"): aimed at whom it asks."""
    return cand.family == "governor" and cand.sense.type in PERSON_TARGET_TYPES


def _two_of_one_code(actor: Actor, recipient: Actor) -> bool:
    """Two different actors behind one code ("a Nairobi court" and "President Ruto" are both
    Kenyan, "the president" and "the justice minister" both KENGOV): two named people, or two
    sides with a sector whose words do not overlap; a country against itself is no pair."""
    if actor.name and recipient.name:
        return actor.name != recipient.name

    def words(side: Actor) -> set[str]:
        return {w.lower() for w in side.text.split() if len(w) > 3}

    return bool(actor.sector and recipient.sector) and not words(actor) & words(recipient)


def _own_outlet(actor: Actor | None, outlet: str | None) -> bool:
    """A side that is a news medium naming the article's own outlet, or a phrase with no code
    that names it ("VOA requests"): the reporter, not an actor of the story (a medium of another
    outlet stays one: "China expelled three BBC reporters")."""
    if actor is None or not outlet or (actor.sector != "MED" and actor.code is not None):
        return False
    words = actor.text.split()  # the medium's name inside its phrase: "VOA requests", "a CNN crew"
    return any(names_outlet(" ".join(words[i:j]), outlet) for i in range(len(words))
               for j in range(i + 1, min(len(words), i + 4) + 1) if words[i][:1].isupper() and words[j - 1][:1].isupper())


def _side_key(actor: Actor | None, open_sides: bool) -> str | None:
    """What tells one side from another in an event id: its code (or, for an actor the
    dictionary does not know, its words)."""
    if actor is None:
        return None
    return actor.code or (actor.text if open_sides else None)


def event_id(doc_id: str, start: int, end: int, event_type: str, actor_code: str | None,
             recipient_code: str | None, mode: str | None = None) -> str:
    """Stable across runs; two acts of one sentence (sanctions *and* an exclusion) differ by mode."""
    key = f"{doc_id}|{start}|{end}|{event_type}|{actor_code or ''}|{recipient_code or ''}|{mode or ''}"
    return hashlib.sha1(key.encode("utf-8")).hexdigest()[:16]


class Coder:
    """Turns analysed docs into `Coded` results; holds the loaded lexicon and patterns."""

    def __init__(self, lexicon: Lexicon | None = None, mention_fn: Callable[..., list[Any]] | None = None,
                 infer_counterpart: bool = True, one_sided: bool = False, learned: bool | str = True):
        self.lexicon = lexicon or load_lexicon()
        # the learned pair and type model proposes events the patterns miss (None: rules alone);
        # `learned` may name a model file other than the shipped one
        if learned is False or learned == "none":
            self.learned = None
        else:
            self.learned = LearnedCoder.load(None if learned is True else learned)
        self.patterns = Patterns(self.lexicon)
        self._mention_fn = mention_fn
        self.infer_counterpart = infer_counterpart
        # event data are dyadic: by default an event needs a country on both sides (after the
        # counterpart is completed from the document); one_sided=True keeps the others too
        self.one_sided = one_sided
        # what the learned step did with each pair, for finding where events are lost
        # (`benchmarks/coder_losses.py`): called as trace(step, source phrase, target phrase, detail)
        self.trace: Callable[[str, Any, Any, Any], None] | None = None

    @property
    def mention_fn(self):
        if self._mention_fn is None:
            self._mention_fn = analyse_mentions()
        return self._mention_fn

    def __call__(self, doc, article: Article) -> Coded:
        text = text_of(doc)
        skip = dateline_end(text)
        mentions = self.mention_fn(doc, date=article.published)
        if skip:
            mentions = [m for m in mentions if m.start >= skip]
        if article.outlet:  # the narrator names no party and is no country of the story ("told VOA")
            mentions = [m for m in mentions if getattr(m, "actor", None) is None or not _own_outlet(m.actor, article.outlet)]
        index = MentionIndex(doc, mentions, text)
        quotes = find_quotes(doc, article, index)
        claims = find_claims(doc, article, index, quotes)
        resolver = DateResolver(article.published, article.published_latest, article.published_method,
                                article.published_earliest, skip_before=skip)
        events: list[Event] = []
        recent: list[Event] = []  # the events of the previous sentence, for replies
        headed = set(heading_ends(doc))  # a subheading run into the next sentence tells no act
        for sent in doc.sents:
            if modality.is_question(sent) or sent.end in headed:
                continue
            before = len(events)
            seen: set[tuple] = set()
            candidates = self.patterns.sentence(sent, index)
            resolver.set_triggers(sent, candidates, [t for t in sent if t.pos_ == "NOUN" and self.lexicon.noun_entry(t)])
            unlinked = []  # acts the patterns could not give both sides: the learned model's turn
            alone: list[Event] = []  # acts told with no recipient: kept if the learned step links none
            for cand in candidates:
                built = self._events(cand, sent, article, index, quotes, resolver, recent + events[before:])
                alone += [e for e in built if e.recipient is None]
                built = [e for e in built if e.recipient is not None]
                if not built:
                    unlinked.append(cand)
                for event in built:
                    dyad = (event.actor.code if event.actor else None, event.recipient.code if event.recipient else None,
                            event.event_type)
                    countries = (event.actor.country if event.actor else None,
                                 event.recipient.country if event.recipient else None, event.event_type, "c")
                    # two acts of one type in a sentence are two events only when coordinated
                    # ("reinstated sanctions and blocked …"), not a consequence ("shelled …, killing two")
                    if (*dyad, event.mode) in seen or ((dyad in seen or countries in seen)
                                                       and self._consequence(cand.trigger)):
                        continue
                    seen.update({(*dyad, event.mode), dyad, countries})
                    events.append(event)
            mine = events[before:]
            bare = self._bare_acts(sent, candidates, index)  # acts no known actor is a side of
            if self.learned is not None:
                events.extend(self._learned_events(sent, article, index, quotes, resolver, mine, unlinked, candidates,
                                                   recent, bare))
                mine = events[before:]
            # then, for acts nothing linked yet, in this order: people an act was done to, a doer
            # no dictionary knows, the act told alone
            linked = {_act_key(e) for e in mine}
            later = [e for c in unlinked for e in self._people_target(c, sent, article, index, quotes, resolver)]
            later += [e for c in [c for c in unlinked if c.actor is None] + bare
                      for e in self._named_doer(c, sent, article, index, quotes, resolver)]
            for event in later + alone:
                if _act_key(event) not in linked:
                    events.append(event)
                    linked.add(_act_key(event))
            mine = events[before:]
            extra = self._rebuttals(sent, article, index, quotes, resolver, recent + mine)
            if not mine and not extra:
                extra = self._intent_statement(sent, article, index, quotes, resolver)
            events.extend(extra)
            recent = events[before:]
        for quote in quotes:
            quote.quote.date = None
        # one record per event_id: the store keys on it, and counts must match what is stored
        unique: list[Event] = []
        kept: set[str] = set()
        for event in events:
            if _own_outlet(event.actor, article.outlet) or _own_outlet(event.recipient, article.outlet):
                continue  # "VOA examined the facts", "asked by VOA": the narrator is no party
            if event.event_id not in kept:
                kept.add(event.event_id)
                unique.append(event)
        return Coded(events=unique, quotes=[q.quote for q in quotes], claims=claims)

    # ---- sentence-level rules -------------------------------------------------------------------
    def _rebuttals(self, sent, article: Article, index: MentionIndex, quotes, resolver, earlier: list[Event]) -> list[Event]:
        """"Petro replies that …", "Moscow countered that …": a reply by the side an accusation,
        threat or measure of this or the previous sentence was aimed at is a rebuttal of it (ACCUSE,
        CAMEO 111) aimed back at its author."""
        out: list[Event] = []
        for token in sent:
            if token.pos_ not in ("VERB", "AUX") or not self.lexicon.is_rebuttal(token):
                continue
            if modality.verb_status(token) in (modality.NEGATED, modality.HYPOTHETICAL):
                continue
            speakers = self.patterns.mentions(index, self.patterns.subject_tokens(token))
            if not speakers or not speakers[0].actor.country:
                continue
            speaker = speakers[0]
            target = next((e for e in reversed(earlier) if e.recipient is not None and e.actor is not None
                           and e.recipient.country == speaker.actor.country and e.actor.country
                           and e.actor.country != speaker.actor.country and e.quad_class in (3, 4)), None)
            if target is None:
                continue
            cand = Candidate(sense=Sense("ACCUSE", "111", "rebuttal", strength=0.7), trigger=token, actor=speaker,
                             recipient=None, family="verb", tokens={token.i})
            out += self._build(cand, sent, article, quotes, resolver, [actor_of(speaker)], [target.actor], False)
        return out

    def _learned_events(self, sent, article: Article, index: MentionIndex, quotes, resolver,
                        found: list[Event], candidates: list[Candidate], every: list[Candidate],
                        earlier: list[Event], bare: list[Candidate]) -> list[Event]:
        """Sides for the acts the patterns found but could not link: the lexicon and the
        patterns decide that there is an act (a trigger that is not negated or hypothetical);
        the learned model picks its source and target among the sentence's phrases (the path
        between them must pass through the trigger) and types it. `bare`: the sentence's acts no
        known actor is a side of (`_bare_acts`)."""
        acts = {}
        for cand in candidates + bare:
            act = self._act(cand, sent, quotes, resolver)
            if act is None:
                continue
            for i in cand.tokens | {cand.trigger.i}:
                acts.setdefault(i, act)
        if not acts:
            return []
        out: list[Event] = []
        rule_types = [e.event_type for e in found]

        # (source head, target head) -> (act on its path, the target's side of the path, the source's)
        act_of: dict[tuple[int, int], tuple[Candidate | None, list, list]] = {}
        # every act of the sentence, linked by the patterns or not, as the lexicon states it
        told = self.sentence_acts(sent, index, every, bare)

        def eligible(a, b) -> bool:
            steps, up_a, lca = act_path(a, b, sent)  # one parse path per pair, for every test below
            act = next((acts[t.i] for t in steps if t.i in acts), None) or self._joint_act(sent, a, b, acts)
            act_of[a.head, b.head] = (act, steps, up_a)
            if act is None:
                return self._note("ineligible", a, b, "no act on the path")
            source, target = sent.doc[a.head], sent.doc[b.head]
            # each a reason the pair is no event's, tested in turn
            tests = (
                # "a convoy was shelled", "a commander is dead, killed in a strike": who suffered it is no source
                ("the source suffers the act", lambda: self.patterns.suffers(act.trigger, source)),
                # "the attack by the rebels", "charges Washington dismissed": who does an act on the path is no target
                ("the target does an act on the path",
                 lambda: any(self.patterns.does(told[t.i].trigger, target) for t in steps if t.i in told)),
                ("the source is inside another act", lambda: self._inside_other_act(source, up_a, lca, told)),
                ("the target is the audience", lambda: self._audience(target, act.trigger)),
                ("another is accused", lambda: self._accused_other(act, target, index)),
                ("the target is where another is", lambda: _where_other_is(target, act, by_head)),
                ("the target is the source's own people", lambda: _own_people(target)),
                ("reported of another", lambda: self._reported_of_another(source, act.trigger)),
                ("the target suffered the judged act", lambda: self._victim_of_judged_act(act, steps, target)),
            )
            reason = next((why for why, test in tests if test()), None)
            return True if reason is None else self._note("ineligible", a, b, reason)

        cands = phrases(sent, index, role_test(sent.doc))
        by_head = {c.head: c for c in cands}
        for a, b, p_pair in self.learned.best_pairs(sent, index, self.lexicon, rule_types,
                                                    eligible=eligible, cands=cands, trace=self.trace):
            cand, steps, up_a = act_of[a.head, b.head]
            assert cand is not None  # eligible() passed only pairs with an act
            a, b = _described(up_a[1:], by_head, cand.trigger) or a, _described(steps[1:], by_head, cand.trigger) or b
            if not a.can_act:
                self._note("dropped", a, b, "the described source cannot act")
                continue
            actor, recipient = phrase_actor(a, index), phrase_actor(b, index)
            if cand.sense.type == "REJECT" and sent.doc[b.head].lemma_.lower() in SAID_NOUNS:
                author = self._author_of(sent.doc[b.head], index, actor, earlier)
                if author is None:  # "rejected the claims", made by no one named: no other side to code
                    self._note("dropped", a, b, "a rejection of claims by no one named")
                    continue
                recipient = author
            if any(e.actor is not None and e.recipient is not None and e.actor.text in actor.text
                   and e.recipient.text in recipient.text for e in found):
                self._note("dropped", a, b, "the rules told this pair")
                continue
            dist = dict(self.learned.type_distribution(type_features(a, b, sent, self.lexicon, rule_types)))
            event_type = max(dist, key=dist.get)
            sense = cand.sense
            # the model vouches only that there is an act, not for its type: an event noun aimed at
            # someone keeps the noun's act, a promise or a refusal stated for later the mood the
            # grammar read (a threat stays gated by the model: "will examine X's complaint about
            # Y's subsidies" threatens no one)
            vouched = cand.family == "aimed" or (cand.family == "intent" and sense.type in ("AGREE", "REJECT"))
            if event_type != sense.type and cand.family not in ("intent", "governor", "aimed") and (
                    cand.family == "weak" or dist.get(sense.type, 0.0) < TYPE_OVERRIDE * dist[event_type]):
                # (a stated future act keeps its threat or promise, an act asked, threatened, promised or
                # refused keeps its governor's type: the model types acts, not moods; an event noun
                # aimed at someone keeps the noun's act: the model reads "target" as an attack)
                if event_type in FORCE_TYPES and not sense.conflict:
                    # the model reads force where the lexicon's act is none ("passed legislation targeting X")
                    self._note("dropped", a, b, "force read where the act is none")
                    continue
                if event_type in FORCE_TYPES and self._force_told_as_words(cand):
                    vouched = True  # "attacked the EU in a speech": the model reads the verb, the grammar its use
                else:
                    sense = Sense(event_type, default_cameo(event_type), None)
            if any(e.event_type == sense.type and _same_side(e, actor, recipient) for e in found):
                # the patterns told this act already, with one side the dictionaries know
                self._note("dropped", a, b, "the rules told this act with one of its sides")
                continue
            # an aimed act's type is its noun's, not the model's: the model vouches only for an act
            type_p = dist[event_type] if vouched else dist.get(sense.type, 0.0)
            confidence = round(0.9 * p_pair * type_p ** 0.5, 3)
            if confidence < (LEARNED_MIN_CONFIDENCE if b.names_someone else LEARNED_MIN_CONFIDENCE_THING):
                self._note("dropped", a, b, "below the confidence floor")
                continue
            self._note("coded", a, b, confidence)
            cand = replace(cand, sense=sense, family="learned")
            # "Japan and South Korea condemned …", "… supported by Greece, Panama and Chile": every
            # conjunct of a side is that side too
            actors = [actor] + [phrase_actor(c, index) for c in conjuncts(a, cands, sent)
                                if c.can_act and not nested(c, b)]
            recipients = [recipient] + [phrase_actor(c, index) for c in conjuncts(b, cands, sent)
                                        if c.names_someone and not nested(c, a)]
            out += self._build(cand, sent, article, quotes, resolver, actors, recipients, False,
                               open_sides=True, confidence=confidence)
        return out

    def _note(self, step: str, source, target, detail) -> bool:
        """Tell `trace` (when set) what the learned step did with a pair; False, for the tests that
        reject one."""
        if self.trace is not None:
            self.trace(step, source, target, detail)
        return False

    @staticmethod
    def _author_of(said, index: MentionIndex, actor: Actor, earlier: list[Event]) -> Actor | None:
        """Who made the accusations, claims or charges a side rejects: named with them ("the
        claims by rights groups"), else the one who accused that side in the sentence before
        ("Rights groups accused the police of torture. The police rejected those claims")."""
        author = _said_by(said, index)
        if author is not None:
            return actor_of(author, index.doc)
        side = actor.country or actor.code
        return next((e.actor for e in reversed(earlier) if e.event_type == "ACCUSE" and e.actor is not None
                     and e.recipient is not None and side and side in (e.recipient.country, e.recipient.code)), None)

    def _victim_of_judged_act(self, act: Candidate, steps: list, target) -> bool:
        """"condemned the attack on the Chilean embassy": a stance on a hostile act is not aimed
        at whom that act was aimed at (a word under the act's noun on the way to the stance), only
        at who did it ("the attack … by Bolivian rebels")."""
        if not self.patterns.judges(act.sense, act.trigger):
            return False
        return any(self.patterns.is_hostile_act(t) and not self.patterns.done_by(t, target) for t in steps[1:])

    def _accused_other(self, act: Candidate, target, index: MentionIndex) -> bool:
        """"blamed the militants for the attack on Peruvian soldiers", "alleged that the militants
        had attacked Peruvian soldiers": an accusation whose object (or whose clause's subject)
        names someone the dictionaries do not know is aimed at that one, not at a party of the
        act it blames them for."""
        if act.sense is None or act.sense.type != "ACCUSE" or act.trigger.pos_ != "VERB":
            return False
        accused = self.patterns.unknown_accused(act.trigger, index)
        return bool(accused) and all(o.i != target.i for o in accused)

    def _force_told_as_words(self, cand: Candidate) -> bool:
        """A verb of force the grammar found used in words ("attacked the EU in a speech",
        "attacked Berlin for its stance"): criticism, whatever the model reads in the verb."""
        told = cand.sense
        own = self.lexicon.verb_sense(cand.trigger)[0] if cand.trigger.pos_ in ("VERB", "AUX") else None
        return told.type not in FORCE_TYPES and own is not None and own.type in FORCE_TYPES

    def sentence_acts(self, sent, index: MentionIndex, every: list[Candidate] | None = None,
                      bare: list[Candidate] | None = None) -> dict[int, Candidate]:
        """Every act the lexicon finds in the sentence, by the indices of its words, as told
        (before mood and tense make it a threat or drop it): the patterns' candidates first,
        then the acts no known actor is a side of: who does one of them is no target of another."""
        every = self.patterns.sentence(sent, index) if every is None else every
        bare = self._bare_acts(sent, every, index) if bare is None else bare
        told: dict[int, Candidate] = {}
        for cand in every + bare:
            for i in cand.tokens | {cand.trigger.i}:
                told.setdefault(i, cand)
        return told

    def _bare_acts(self, sent, candidates: list[Candidate], index: MentionIndex) -> list[Candidate]:
        """Lexicon verbs and light verbs the patterns made no candidate of because neither side is a
        known actor ("the riot police arrested dozens of marchers", "hackers launched attacks on the
        grid"): acts for the learned model to link."""
        taken = {i for c in candidates for i in c.tokens | {c.trigger.i}}
        out = []
        for token in sent:
            if token.pos_ != "VERB" or token.i in taken or self.patterns.alleged(token) \
                    or token.lemma_.lower() in UNDERGOER_VERBS or Patterns.hyphen_glued(token):
                continue
            if self.patterns.governing(token) is not None:
                continue  # "wants to attack", "threatened to strike": the governing verb says what it is
            governs = self.lexicon.governor_of(token)
            comps = self.patterns.complements(token)
            if governs == "request" and (self.patterns.asked_of_unknown(token, comps, index) or (
                    comps and all(modality.indirect_question(c) for c in comps))):
                continue  # "urged member states to impose sanctions on X": not asked of X; "asked whether": a question
            if governs == "reject" and self.patterns.refused_to_speak(comps):
                continue  # "declined to comment": no refusal of anyone
            requests = [cand for _, cand in self.patterns.obligations(token, comps)] if governs == "speech" else []
            if requests:  # "said the government must ensure …": a request of the clause's subject
                out += requests
                continue
            # an asking, threatening, promising or refusing verb keeps its type whatever it governs
            sense, noun, family = self.patterns.act_sense(token, self.patterns.objects(token))
            if governs not in (None, "transparent", "speech"):
                family = "governor"
            if sense is None and WEAK_ACTS and governs is None \
                    and not self.patterns.non_event_object(token):  # "wants to attack": a governor
                sense, family = self.lexicon.weak_sense(token), "weak"
                sense = self.patterns.literal_force(token, sense)  # "legislation targeting Turkey": no force
            passive = any(c.dep_ in ("auxpass", "nsubjpass") for c in token.children)
            if sense is not None and not (passive and family == "verb" and token.lemma_.lower() in PASSIVE_NOT_EVENT):
                out.append(Candidate(sense=sense, trigger=token, actor=None, recipient=None, family=family,
                                     passive=passive, tokens={token.i} | ({noun.i} if noun is not None else set())))
        taken.update(i for c in out for i in c.tokens)
        for token in sent:  # "the Taliban attack on a government compound": an event told as a noun
            if token.pos_ != "NOUN" or token.i in taken or self.patterns.alleged(token):
                continue
            found = self.patterns.nominal_sense(token)
            if found is not None:
                out.append(Candidate(sense=found[0], trigger=token, actor=None, recipient=None, family="nominal",
                                     tokens={token.i}))
        return out

    def _reported_of_another(self, token, trigger) -> bool:
        """"NISA said the airstrikes targeted …", "a spokesman said the agencies conducted …": the
        one who tells an act whose clause has a subject of its own is not its source (a pronoun
        subject may be the speaker: "X said it would …")."""
        clause = trigger
        while (subject := _clause_subject(clause)) is None:
            if clause.head.i == clause.i or clause.dep_ in ("ccomp", "ROOT"):
                return False
            clause = clause.head
        if clause.dep_ != "ccomp" or self.lexicon.governor_of(clause.head) != "speech":
            return False
        return subject.pos_ != "PRON" and subject.i != token.i and not (
            clause.left_edge.i <= token.i <= clause.right_edge.i)

    def _joint_act(self, sent, a, b, acts: dict) -> Candidate | None:
        """"The rebels and the army agreed to a truce", "X and Y are upgrading ties": two
        coordinated subjects of an act two parties do with each other are its two sides, the
        first-named the source (their path is the coordination: no act is on it)."""
        if a.head > b.head:
            return None
        first = Patterns.chain_head(sent.doc[a.head])
        if first.dep_ not in ("nsubj", "nsubjpass") or b.head not in {t.i for t in Patterns.conjuncts(first)}:
            return None
        act = acts.get(first.head.i)
        if act is None or not (act.sense.type in LEARNED_JOINT_TYPES or self._mutual(act.sense, act, self._joint(act))):
            return None
        return act

    def _inside_other_act(self, source, up_a: list, lca, told: dict) -> bool:
        """"the attack on the villagers killed nine people": a side inside the phrase of another
        act, which it does not do (its "by" phrase, its possessor, the actor word before it: "a
        U.S. airstrike"), is not the source of the act that phrase is a side of. `up_a`: the
        source's side of the path, up to the turn `lca`."""
        for token in up_a[1:]:
            if token.i == lca.i:
                return False
            if token.i in told and not self.patterns.does(told[token.i].trigger, source) \
                    and not self.patterns.done_by(token, source):
                return True
        return False

    def _audience(self, token, trigger) -> bool:
        """"rejected the ruling, telling Kosovo journalists that …": the one told is the audience
        of a statement, not the other side of an act told by another verb."""
        while token.dep_ == "conj" and token.head.i != token.i:
            token = token.head
        head = token.head
        return token.dep_ in ("dobj", "dative") and head.i != trigger.i and self.lexicon.governor_of(head) == "speech"

    def _intent_statement(self, sent, article: Article, index: MentionIndex, quotes, resolver) -> list[Event]:
        """A state speaker's first-person quoted statement of cooperation ("We must find common
        ground …," Petro remarked) is an expression of intent to cooperate (AGREE, CAMEO 03) toward the
        other side: the other country named in the sentence, else the document's counterpart."""
        if not self.lexicon.intent_cues:
            return []
        for q in quotes:
            if not (sent.start_char <= q.start < sent.end_char) or q.speaker_mention is None:
                continue
            speaker = q.speaker_mention
            if not speaker.actor.country or speaker.actor.sector not in (None, "GOV", "MIL", "LEG"):
                continue
            words = " " + re.sub(r"\s+", " ", index.text[q.start:q.end].lower()) + " "
            if not _FIRST_PERSON.search(words) or _NEGATION.search(words):
                continue
            if not any(_has_cue(words, cue) for cue in self.lexicon.intent_cues):
                continue
            if any(t.lemma_.lower() in GROUP_NOUNS | {"neighbor", "neighbour"} and t.head.lower_ == "with"
                   and index.of_phrase(t) is None for t in index.doc.char_span(q.start, q.end, alignment_mode="expand") or []):
                continue  # "dialogue with all neighbors": aimed at no one country
            others = [m for m in index.mentions if sent.start_char <= m.start < sent.end_char
                      and m.actor.country and m.actor.country != speaker.actor.country]
            inferred = not others
            if others:
                recipient = actor_of(others[0])
            else:
                country = index.dominant_country(speaker.actor.country, sent)
                if not country:
                    continue
                recipient = self._country_actor(country, index)
            trigger = index.doc[speaker.token_start]
            cand = Candidate(sense=Sense("AGREE", "030", "intent", strength=0.7), trigger=trigger, actor=speaker,
                             recipient=None, family="intent", tokens={trigger.i})
            return self._build(cand, sent, article, quotes, resolver, [actor_of(speaker)], [recipient], inferred)
        return []

    def _habitual(self, cand: Candidate, sent, quotes, resolver) -> bool:
        """"Washington offers security and market access": a simple-present offer or promise, with
        no date, outside a quotation, states a country's standing policy and is no event; so does
        any act in the simple present with an adverb of habit ("routinely denies"). Other acts
        in the simple present are the reporter's (or a headline's) historical present: "Petro
        replies", "Japan lifts sanctions on India"."""
        trigger = cand.trigger
        if modality.as_a_rule(trigger):
            return True
        if cand.family not in VERB_ACT_FAMILIES | {"governor"} or cand.sense.type != "AGREE" or trigger.tag_ not in ("VBZ", "VBP"):
            return False
        if any(c.dep_ in ("aux", "auxpass") for c in trigger.children):
            return False
        if any(q.start <= trigger.idx < q.end for q in quotes):
            return False
        if modality.headline(sent):  # "Chile offers aid to Peru": a headline's present is news
            return False
        return not resolver.sentence_dates(sent)

    @staticmethod
    def _characterised(cand: Candidate, quotes) -> bool:
        """"Israel attacks the Muslims in Jerusalem," X said: a material act in the simple present,
        said in a direct quotation of a third party ("Israel", not "we"), characterises how that
        party behaves; it reports no act that happened. (Outside quotations the simple present is
        the reporter's historical present: "Japan lifts sanctions on India".)"""
        trigger = cand.trigger
        if cand.family not in ("verb", "weak") or trigger.tag_ not in ("VBZ", "VBP") \
                or any(c.dep_ in ("aux", "auxpass") for c in trigger.children):
            return False
        if quad_class(cand.sense.cameo or default_cameo(cand.sense.type)) not in (2, 4):
            return False  # "all G7 ministers agree with …": a stance said is itself the event
        if not any(q.start <= trigger.idx < q.end for q in quotes):
            return False
        subjects = [c for c in trigger.children if c.dep_ in ("nsubj", "nsubjpass")]
        return bool(subjects) and not any(c.lower_ in FIRST_PERSON for c in subjects)

    # ---- candidate → events -------------------------------------------------------------------
    def _status(self, cand: Candidate) -> str:
        if cand.family == "negated":  # the negation is the event; a modal or condition still is not
            trigger = cand.trigger
            if any(c.dep_ in ("aux", "auxpass") and c.lower_ in modality.MODALS
                   and not modality.reported_will(c, trigger)  # "said it would not …"
                   for c in trigger.children) or modality.conditional(trigger):
                return modality.HYPOTHETICAL
            return modality.REAL
        if cand.family == "nominal":
            return modality.noun_status(cand.trigger, ends=self.lexicon.ends)
        if cand.family == "stance":  # "was not critical of", "would be grateful to": the clause's verb
            verb = modality.verb_above(cand.trigger)
            return modality.verb_status(verb) if verb.pos_ in ("VERB", "AUX") else modality.REAL
        doc = cand.trigger.doc
        for i in cand.tokens:  # "no tariffs were imposed", "imposed no new sanctions"
            if i != cand.trigger.i and any(c.dep_ in ("det", "neg") and c.lower_ in ("no", "neither") for c in doc[i].children):
                return modality.NEGATED
        return modality.verb_status(cand.trigger)

    def _act(self, cand: Candidate, sent, quotes, resolver) -> Candidate | None:
        """The candidate as the act it states (a future act is a threat or a promise), or None
        when it states none (negated, hypothetical, a habitual policy, a future-only word)."""
        status = self._status(cand)
        if status == modality.NEGATED and cand.family in VERB_ACT_FAMILIES and cand.sense is not None \
                and not cand.sense.conflict and modality.stated_refusal(cand.trigger) \
                and not modality.commentary(cand.trigger):  # "will not lift the embargo": a refusal
            sense = Patterns.combine("reject", None, cand.sense, cand.trigger)
            return replace(cand, sense=sense, family="intent") if sense is not None else None
        if status in (modality.NEGATED, modality.HYPOTHETICAL) or modality.commentary(cand.trigger) \
                or modality.scene_setting(cand.trigger):
            return None
        if status == modality.REAL and (self._habitual(cand, sent, quotes, resolver) or self._characterised(cand, quotes)):
            return None
        sense = cand.sense
        family = cand.family
        if sense is not None and sense.future_only and status != modality.FUTURE:
            return None
        if family == "governor" and modality.intended(cand.trigger) and self.lexicon.governor_of(cand.trigger) != "promise":
            # "plans to urge", "is expected to demand": nothing asked, threatened or refused yet;
            # an offer one is ready or willing to make is one made ("is willing to offer aid")
            return None
        if status == modality.FUTURE and family != "governor" and sense is not None and sense.type not in SAID_LATER_TYPES:
            # a stated future act is a statement of intent: a threat or a promise (CAMEO 13 / 03);
            # a demand or a rejection stated for later ("will press Uganda", "will veto the
            # resolution") is still one: PLOVER's threats are of material acts. (An accusation or an
            # investigation stated for later stays a threat: kept as ACCUSE, "will examine India's
            # complaint about Pakistani subsidies" became an investigation of one of the two.)
            kind = "threaten" if sense.conflict else "promise"
            sense = Patterns.combine(kind, None, sense, cand.trigger)
            family = "intent"
        if sense is None:
            return None
        return replace(cand, sense=sense, family=family)

    def _events(self, cand: Candidate, sent, article: Article, index: MentionIndex, quotes, resolver,
                earlier: Sequence[Event] = ()) -> list[Event]:
        """The events of one candidate. `earlier`: the events of the sentence before and of this
        one so far, for an act on an event told there ("Togo protested the seizure")."""
        act = self._act(cand, sent, quotes, resolver)
        if act is None:
            return []
        sense, family = act.sense, act.family
        joint = self._joint(cand)
        if joint and sense.type in JOINT_RETYPE:  # "held joint military exercises"
            sense = JOINT_RETYPE[sense.type]
        if sense.needs_recipient and cand.recipient is None:
            return []
        actor_mentions = [cand.actor] if cand.actor is not None else []
        if cand.actor is not None:
            actor_mentions += self._conjoined(cand.actor, index)
        recipient_mentions = [cand.recipient] if cand.recipient is not None else []
        said = self._rejected_statement(cand, sense)
        if said is not None:
            # "dismissed accusations it is getting weapons from North Korea": a rejection of something
            # said is aimed at its author, not at a party named in what was said (a condemnation or
            # a welcome of it judges what it tells: that party may be its target)
            author = _said_by(said, index)
            recipient_mentions = [author] if author is not None else []
        if recipient_mentions:
            recipient_mentions += self._conjoined(recipient_mentions[0], index)
        actors = [actor_of(m, index.doc) for m in actor_mentions] or [None]
        recipients = [actor_of(m, index.doc) for m in recipient_mentions] or [None]
        inferred = False
        # a coordinated subject of a mutual act names both sides, before a party it is only about
        # ("Egypt and Sudan agreed to share data on Ethiopia")
        topical = bool(recipient_mentions) and said is None and self.patterns.told_as_topic(recipient_mentions[0], cand.trigger)
        if (recipients == [None] or topical) and cand.actor is not None and self._mutual(sense, cand, joint) \
                and not self._explicit_other(cand, index) and not self._with_others(cand, index):
            parties = self._joint_parties(cand.actor, actor_mentions, index)
            if len(parties) >= 2:
                actors, recipients = parties[:1], parties[1:]
        if recipients == [None] and len(actors) >= 2 and not self._mutual(sense, cand, joint) \
                and self._reciprocal(cand.trigger):
            # "Ghana and Togo accused each other": each side's act aimed at each other side
            cand = replace(cand, sense=sense, family=family)
            return [e for i, a in enumerate(actors) for j, b in enumerate(actors) if i != j
                    for e in self._build(cand, sent, article, quotes, resolver, [a], [b], False)]
        if recipients == [None] and said is None and cand.actor is not None and sense.type in DYADIC:
            other = self.patterns.aim_party(index, cand) or self.patterns.condition_party(index, cand, sense) \
                or self.patterns.clause_party(index, cand, sense, actor_mentions)
            if other is not None:
                recipients = [actor_of(m, index.doc) for m in [other, *self._conjoined(other, index)]]
        if recipients == [None] and cand.actor is not None and sense.type in DYADIC:
            told = self._told_before(cand, index, actors[0], earlier)
            if told is not None:
                recipients = [told]
        if recipients == [None] and sense.type in THING_TARGET_TYPES:
            opposed = self._opposed_thing(cand, sent, index)
            if opposed is not None:
                recipients = [opposed]
        if self.infer_counterpart and sense.type in DYADIC and said is None and not self._explicit_other(cand, index):
            if recipients == [None] and actors[0] is not None and actors[0].country \
                    and not self._people_object(cand, index):
                country = index.dominant_country(actors[0].country, sent)
                if country:
                    recipients, inferred = [self._country_actor(country, index)], True
            elif actors == [None] and recipients[0] is not None and recipients[0].country and cand.passive \
                    and sense.type == "SANCTION":  # "Colombia was decertified": measures have a sender
                country = index.dominant_country(recipients[0].country, sent)
                if country:
                    actors, inferred = [self._country_actor(country, index)], True
        cand = replace(cand, sense=sense, family=family)
        return self._build(cand, sent, article, quotes, resolver, actors, recipients, inferred)

    def _build(self, cand: Candidate, sent, article: Article, quotes, resolver, actors: list, recipients: list,
               inferred: bool, open_sides: bool = False, confidence: float | None = None) -> list[Event]:
        """Events of a candidate, one per actor × recipient. `open_sides`: sides may be actors the
        dictionary does not know (a company, a court, "the protesters"), with no code or country."""
        sense, family = cand.sense, cand.family
        date = resolver.for_event(sent, cand.trigger.idx - sent.start_char, self._complement_span(cand, sent),
                                  trigger=cand.trigger, triggers=resolver.triggers_of(sent))
        quote = self._quote(cand, sent, quotes)
        out = []
        for actor in actors:
            for recipient in recipients:
                if open_sides:
                    if actor is None or recipient is None:
                        continue
                elif not (actor and (actor.country or actor.code) or recipient and (recipient.country or recipient.code)):
                    continue
                elif not self.one_sided and not (actor and (actor.country or actor.code)
                                               and recipient and (recipient.country or recipient.code)) \
                        and not self._told_alone(cand, actor, recipient, inferred):
                    continue  # IGOs (code, no country) count as a side
                if actor is not None and recipient is not None and actor.code == recipient.code and actor.text == recipient.text:
                    continue
                if actor is not None and recipient is not None and actor.code and actor.code == recipient.code \
                        and not (open_sides and _two_of_one_code(actor, recipient)):
                    continue
                if sense.mode in CIVILIAN_NON_ACTS and actor is not None and actor.sector == CIVILIAN_SECTOR:
                    continue  # "Chinese tourists visited Vietnam": travel, not diplomacy
                told = sense.by_force if sense.by_force is not None and actor is not None \
                    and actor.sector in FORCE_SECTORS else sense
                evidence = self._evidence(sent, cand.trigger.idx)
                score = confidence if confidence is not None else \
                    self._confidence(cand, sense, family, actor, recipient, inferred, date.method)
                out.append(Event(
                    event_id=event_id(article.doc_id, evidence.start, evidence.end, told.type,
                                      _side_key(actor, open_sides), _side_key(recipient, open_sides),
                                      told.mode),
                    doc_id=article.doc_id, actor=actor, recipient=recipient, event_type=told.type,
                    cameo_root=told.root, event_code=told.cameo, quad_class=told.quad_class, intensity=told.intensity,
                    evidence=evidence, mode=told.mode, date=date.date, date_precision=date.precision,
                    date_method=date.method, date_earliest=date.earliest, date_latest=date.latest,
                    date_anchor_start=date.anchor_start if date.anchor_start >= 0 else None,
                    date_anchor_end=date.anchor_end if date.anchor_end >= 0 else None,
                    background=date.background, quote=quote, confidence=score,
                    external_id=article.external_id, source_path=article.source_path, url=article.url))
        return out

    def _people_target(self, cand: Candidate, sent, article: Article, index: MentionIndex, quotes,
                       resolver) -> list[Event]:
        """"Togo released dozens of activists", "police arrested 18 people", "arrested Kofi Mensah":
        an act done to people (`person_target_modes`; the other places of `_people_slots`) that the
        grammar found with its doer, whose object names people (or a person) no dictionary codes,
        is aimed at them: the recipient is their phrase, coded with the country a word of it names
        ("a Togolese journalist"), else with none. Run when the learned step linked no pair for
        the act."""
        if cand.actor is None or cand.recipient is not None:
            return []
        trigger = cand.trigger
        if infinitive(trigger) or any(t.pos_ in ("NOUN", "PROPN") for t in trigger.ancestors):
            return []  # "put pressure on Uganda to release the prisoners": asked of another, not done
        if trigger.dep_ == "pcomp" and trigger.head.lower_ in REASON_PREPS:
            return []  # "attacked a village for sheltering soldiers": the village's act, the reason it was attacked
        is_role = role_test(sent.doc)
        target = next((o for o in self._people_slots(cand)
                       if sent.start <= o.i < sent.end and o.i not in cand.tokens and o.pos_ in ("NOUN", "PROPN")
                       and index.at(o) is None and (is_role(o) or (not _asks(cand) and o.ent_type_ == "PERSON"))), None)
        if target is None:
            return []
        phrase = next((p for p in phrases(sent, index, is_role) if p.head == target.i), None)
        if phrase is None:
            return []
        return self._open_sided(cand, sent, article, quotes, resolver, actor_of(cand.actor, index.doc),
                                phrase_actor(phrase, index))

    def _named_doer(self, cand: Candidate, sent, article: Article, index: MentionIndex, quotes,
                    resolver) -> list[Event]:
        """"Kofi Mensah, a lawyer, filed a complaint against the Togolese state": an act whose
        subject is a person or an organisation named but in no dictionary, aimed at a party the
        dictionaries know, is that named one's act (its words the side, with no code unless a
        country word in its phrase gives one). Run when neither the patterns nor the learned step
        linked a pair for the act."""
        trigger = cand.trigger
        if cand.family not in ("verb", "light") or trigger.pos_ != "VERB" or infinitive(trigger):
            return []
        if cand.family == "verb" and not self.lexicon.own_verb(trigger):
            return []  # a base file's verb-object pattern ("described the plan") is too loose to name a doer
        if cand.passive:  # "the Togolese government was criticised by Kofi Mensah"
            subject = next(iter(self.patterns.agent_tokens(trigger)), None)
            sufferers = self.patterns.mentions(index, [c for c in trigger.children if c.dep_ == "nsubjpass"])
            recipient = sufferers[0] if sufferers else None
        else:
            # the verb's own subject, or the one of the verb it is coordinated with ("arrived and
            # criticised"); never one a participle or a clause borrows ("described the proposed plan")
            holder = trigger.head if trigger.dep_ == "conj" and trigger.head.pos_ == "VERB" \
                and not any(c.dep_ in ("nsubj", "nsubjpass") for c in trigger.children) else trigger
            subject = next((c for c in holder.children if c.dep_ == "nsubj"), None)
            recipient = self.patterns.recipient(index, trigger, self.patterns.objects(trigger), None, sense=cand.sense)
        if subject is None or subject.pos_ != "PROPN" or subject.ent_type_ not in NAMED_DOER_ENTITIES \
                or index.at(subject) is not None:
            return []
        if recipient is None or recipient.kind == "pronoun" or not (recipient.actor.country or recipient.actor.code):
            return []  # "issued his appeal": a pronoun may be the doer himself
        phrase = next((p for p in phrases(sent, index, role_test(sent.doc)) if p.start <= subject.i < p.end), None)
        if phrase is None:
            return []
        return self._open_sided(cand, sent, article, quotes, resolver, phrase_actor(phrase, index),
                                actor_of(recipient, index.doc))

    def _open_sided(self, cand: Candidate, sent, article: Article, quotes, resolver, actor: Actor,
                    recipient: Actor) -> list[Event]:
        """The events of an act the grammar linked to a side no dictionary knows, in the mood it
        was told (none when it is negated, only possible, or asked of another)."""
        act = self._act(cand, sent, quotes, resolver)
        if act is None:
            return []
        cand = replace(cand, sense=act.sense, family=act.family)
        return self._build(cand, sent, article, quotes, resolver, [actor], [recipient], False, open_sides=True)

    @staticmethod
    def _opposed_thing(cand: Candidate, sent, index: MentionIndex) -> Actor | None:
        """What a protest is against when it is no party ("protested against the new tax law",
        "held a demonstration against the reform"): its phrase, as PLOVER codes it, with no code."""
        holders = [cand.trigger] + [sent.doc[i] for i in cand.tokens if i != cand.trigger.i]
        things = [g for h in holders for c in h.children if c.dep_ == "prep" and c.lower_ in OPPOSING_PREPS
                  for g in c.children if g.dep_ == "pobj" and g.pos_ == "NOUN" and index.at(g) is None]
        if not things:
            return None
        phrase = next((p for p in phrases(sent, index) if p.head == things[0].i), None)
        return Actor(text=phrase.text) if phrase is not None else None

    def _told_alone(self, cand: Candidate, actor, recipient, inferred: bool) -> bool:
        """An act that is news with no one at its other end ("Ghana declared a state of emergency",
        "Peru mobilised its troops", "workers went on strike"): coded with no recipient, as PLOVER
        and CAMEO code it, when the grammar found it and no other party is in view."""
        if cand.sense.mode in INTRANSITIVE_MODES and any(c.dep_ == "dobj" and c.i not in cand.tokens
                                                         for c in cand.trigger.children):
            return False  # "demonstrated its strength" is no protest ("held a demonstration" is one)
        if (cand.sense.type in NON_STATE_TYPES or cand.sense.mode in NON_STATE_MODES) and actor is not None \
                and (not actor.sector or actor.sector in STATE_SECTORS):
            return False  # "America protested": a state's protest is aimed at someone, unnamed here
        trigger = cand.trigger
        doc = trigger.doc
        if any(c.dep_ == "prep" and c.lower_ in PARTNER_PREPS for i in cand.tokens | {trigger.i} for c in doc[i].children):
            return False  # "held an exercise with the other three countries": a partner, unnamed
        if any(t.pos_ in ("NOUN", "PROPN") for t in trigger.ancestors) or (trigger.dep_ == "advcl" and infinitive(trigger)):
            return False  # "rejected calls to declare …", "… to declare …" (a purpose): an act only named
        if cand.sense.type not in NON_STATE_TYPES and Patterns.participated(trigger):
            return False  # "a navy contingent took part in the parade": others' act, shared with them
        one_sided = cand.sense.mode in ONE_SIDED_MODES and cand.sense.type in ONE_SIDED_TYPES
        if not one_sided and cand.sense.root in ONE_SIDED_ROOTS and not self._appeal_to_no_one(trigger):
            return False
        return ((recipient is None or not (recipient.country or recipient.code)) and not inferred
                and actor is not None and bool(actor.country or actor.code)
                and (one_sided or cand.sense.root in ONE_SIDED_ROOTS)
                and cand.family in ONE_SIDED_FAMILIES)

    def _appeal_to_no_one(self, trigger) -> bool:
        """An appeal to no one named is news only as its speaker's own statement, made: the verb
        has its own subject (not "a letter requesting talks"), it was made, not
        planned ("will ask for"), it asks for something, not whether ("asked if"), and it is
        addressed to no one, not even someone unknown ("urged officials to …")."""
        if not any(c.dep_ == "nsubj" for c in trigger.children) or modality.verb_status(trigger) != modality.REAL:
            return False
        if trigger.pos_ != "VERB" or not self.lexicon.own_verb(trigger):
            return False  # a base file's verb-object pattern ("stressed the need for") is too loose alone
        if any(modality.indirect_question(c) for c in trigger.children if c.dep_ in ("ccomp", "advcl", "xcomp")):
            return False
        someone = role_test(trigger.doc)
        if any((c.dep_ in ("dobj", "dative") and (c.pos_ in ("PROPN", "PRON") or someone(c)))
               or (c.dep_ == "prep" and c.lower_ in ADDRESSEE_PREPS and not any(
                   g.ent_type_ in ("DATE", "TIME") for g in c.children)) for c in trigger.children):
            return False  # "called on authorities at home to …", "urged officials": addressed to someone unknown
        # "called for officials to act", "pleaded with authorities to drop …"
        return not any(c.dep_ in ("advcl", "ccomp", "xcomp") and infinitive(c) and any(g.dep_ == "nsubj" for g in c.children)
                       for c in trigger.children)

    @staticmethod
    def _consequence(trigger) -> bool:
        """A participle or relative clause hanging off another act ("shelled …, killing two and
        wounding five"), or one conjoined to such a clause."""
        deps = ("advcl", "acl", "relcl")
        return trigger.dep_ in deps or (trigger.dep_ == "conj" and trigger.head.dep_ in deps)

    @staticmethod
    def _complement_span(cand: Candidate, sent) -> tuple[int, int] | None:
        """Characters (in the sentence) of a governed act's clause: "offered to host talks in June"
        is an offer made when reported; June is when the talks would be."""
        if cand.family != "governor":
            return None
        comps = [c for c in cand.trigger.children if c.dep_ in ("xcomp", "ccomp")]
        if not comps:
            return None
        tokens = [t for c in comps for t in c.subtree]
        start = min(t.idx for t in tokens) - sent.start_char
        end = max(t.idx + len(t) for t in tokens) - sent.start_char
        return start, end

    def _told_before(self, cand: Candidate, index: MentionIndex, actor: Actor | None,
                     earlier: Sequence[Event]) -> Actor | None:
        """"Togo detained two Ghanaian journalists. Ghana condemned the arrests": an act on an event
        the text has told ("the arrests", "this threat": a definite event noun naming no one) is
        aimed at who did that event, the latest of its type in this sentence or the one before
        whose doer is not this act's, one done to this act's side first."""
        side = actor.country or actor.code if actor is not None else None
        if not side:
            return None
        for kind in self._told_event_types(cand, index):
            done = [e for e in reversed(earlier) if e.event_type == kind and e.actor is not None
                    and (e.actor.country or e.actor.code) and side not in (e.actor.country, e.actor.code)]
            done.sort(key=lambda e: e.recipient is None or side not in (e.recipient.country, e.recipient.code))
            if done:
                return done[0].actor
        return None

    def _told_event_types(self, cand: Candidate, index: MentionIndex) -> list[str]:
        """The types of the trigger's objects (and "to" objects: "agreed to the request") that are
        an event noun with a definite determiner and no party of their own."""
        trigger = cand.trigger
        slots = [o for o in self.patterns.objects(trigger) if o.dep_ == "dobj"] + [
            g for c in trigger.children if c.dep_ == "prep" and c.lower_ == "to" for g in c.children if g.dep_ == "pobj"]
        return [entry.sense.type for o in slots if o.pos_ == "NOUN" and (entry := self.lexicon.noun_entry(o)) is not None
                and entry.nominal  # an act by itself ("the arrests"), not a thing given ("the vaccines")
                and any(d.dep_ == "det" and d.lower_ in TOLD_DETERMINERS for d in o.children)
                and not any(index.of_phrase(t) is not None for t in o.subtree)]

    def _rejected_statement(self, cand: Candidate, sense: Sense):
        """The object of a rejection (rejected, denied, dismissed) that is something said ("the
        accusations", "Kabul's claims"), else None."""
        if sense.type != "REJECT":
            return None
        return next((o for o in self.patterns.objects(cand.trigger) if o.lemma_.lower() in SAID_NOUNS), None)

    def _people_object(self, cand: Candidate, index: MentionIndex) -> bool:
        """The act is done to (or asks) people no dictionary knows ("killed 12 civilians", "urged
        teachers to …"): they are its other side, named by the coder, not a country guessed from
        the document."""
        is_role = role_test(index.doc)
        return any(o.pos_ == "NOUN" and o.i not in cand.tokens and is_role(o) and index.of_phrase(o) is None
                   for o in self._people_slots(cand))

    def _people_slots(self, cand: Candidate) -> list:
        """Where an act names people as its other side: whom a request asks; what an act done to
        people (`person_target_modes`) is done to, its objects; whom an act given
        (RECEIVER_TARGET_TYPES) goes to ("provided aid to refugees"); who made the demand or the
        proposal an act answers ("accepted the demands of the protesters")."""
        trigger = cand.trigger
        if _asks(cand):  # "urged teachers to …"
            return self.patterns.asked(trigger)
        objects = self.patterns.objects(trigger)
        slots = list(objects) if cand.sense.mode in PERSON_TARGET_MODES or cand.sense.type in RECEIVER_TARGET_TYPES else []
        if cand.sense.mode in PERSON_TARGET_MODES:  # "launched an investigation into Kofi Mensah": the act's noun
            slots += [g for o in objects if o.i in cand.tokens for c in o.children
                      if c.dep_ == "prep" and c.lower_ in RECIPIENT_PREPS for g in c.children if g.dep_ == "pobj"]
        if cand.sense.type in RECEIVER_TARGET_TYPES:
            slots += [g for holder in (trigger, *objects) for c in holder.children
                      if c.dep_ in ("prep", "dative") and c.lower_ in RECEIVER_PREPS
                      for g in c.children if g.dep_ == "pobj"]
        slots += [a for obj in objects if obj.lemma_.lower() in AUTHORED_NOUNS for a in self.patterns.authors(obj)]
        return slots

    @staticmethod
    def _explicit_other(cand: Candidate, index: MentionIndex) -> bool:
        """The act is aimed at someone named but not resolvable to a country ("warned Latin American
        nations"): no counterpart is guessed from the document."""
        trigger = cand.trigger
        for child in trigger.children:
            if child.dep_ in ("dobj", "dative", "iobj") and child.i not in cand.tokens and \
                    child.lemma_.lower() in GROUP_NOUNS and index.of_phrase(child) is None:
                return True
        # aimed at no country in particular: "withdrew from international climate agreements"
        targets = [c for c in trigger.children if c.dep_ in ("dobj", "nsubjpass")]
        targets += [g for c in trigger.children if c.dep_ == "prep" for g in c.children if g.dep_ == "pobj"]
        return any(index.of_phrase(t) is None and any(m.dep_ == "amod" and m.lower_ in MULTILATERAL for m in t.children)
                   for t in targets)

    @staticmethod
    def _evidence(sent, trigger_idx: int) -> Evidence:
        """The sentence holding the trigger, cut at line breaks (a paragraph never continues across
        one) and without a stray closing quote carried over from the previous sentence."""
        text, base = sent.text, sent.start_char
        rel = trigger_idx - base
        start = text.rfind("\n", 0, rel) + 1
        end = text.find("\n", rel)
        end = len(text) if end < 0 else end
        while start < end and (text[start].isspace() or (text[start] in "\"”’" and text[start + 1: start + 2].isspace())):
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        return Evidence(text[start:end], base + start, base + end)

    @staticmethod
    def _joint(cand: Candidate) -> bool:
        return Patterns.joint(cand.trigger.doc, cand.tokens | {cand.trigger.i})

    def _mutual(self, sense: Sense, cand: Candidate, joint: bool) -> bool:
        """An act two parties do with each other (talks, agreements, cooperation, a ceasefire, a
        clash, any cooperative act marked "joint"), so that a coordinated subject names both sides."""
        if joint:  # a joint attack is allies against a third party, not each other
            return not sense.conflict
        if cand.trigger.lemma_.lower() in MUTUAL_VERBS and cand.family in VERB_ACT_FAMILIES:
            return True
        if sense.type == "ASSAULT":
            doc = cand.trigger.doc
            # "fought drug gangs", "battled the rebels": the two fought someone else, not each other
            return any(doc[i].lemma_.lower() in MUTUAL_ASSAULT_LEMMAS and not self._fights_someone(doc[i])
                       for i in cand.tokens | {cand.trigger.i})
        if sense.type not in MUTUAL_MODES:
            return False
        if sense.type == "AGREE" and cand.family == "governor" and cand.trigger.lemma_.lower() in MUTUAL_GOVERNORS:
            return True
        mode = sense.mode or ""
        if sense.type in ("AGREE", "SUPPORT"):
            return mode.endswith("agreement") or any(mode in modes for modes in MUTUAL_MODES.values())
        return mode in MUTUAL_MODES[sense.type]

    @staticmethod
    def _reciprocal(verb) -> bool:
        """Whether a verb's object is "each other" or "one another" (also after a preposition:
        "imposed sanctions on each other")."""
        objects = [c for c in verb.children if c.dep_ == "dobj"]
        objects += [g for c in verb.children if c.dep_ == "prep" for g in c.children if g.dep_ == "pobj"]
        objects += [g for o in list(objects) for c in o.children if c.dep_ == "prep" for g in c.children if g.dep_ == "pobj"]
        return any(o.lemma_.lower() in RECIPROCAL_WORDS and any(c.lower_ in RECIPROCAL_DETERMINERS for c in o.children)
                   for o in objects)

    def _fights_someone(self, verb) -> bool:
        """A verb of fighting with an object that is neither "each other" nor the fight itself
        ("fought a war", "exchanged fire"): whom the subjects fought."""
        return verb.pos_ == "VERB" and any(
            c.dep_ == "dobj" and c.lemma_.lower() not in RECIPROCAL_WORDS and self.lexicon.noun_entry(c) is None
            for c in verb.children)

    @staticmethod
    def _with_others(cand: Candidate, index: MentionIndex) -> bool:
        """"held talks with Pacific nations": the act's other side is someone not resolved to a
        country, so the coordinated subject is one side, not both ("with each other" is both)."""
        doc = cand.trigger.doc
        for i in cand.tokens | {cand.trigger.i}:
            for prep in doc[i].children:
                if prep.dep_ != "prep" or prep.lower_ != "with":
                    continue
                for obj in prep.children:
                    if obj.dep_ == "pobj" and obj.lower_ not in ("other", "another") and index.of_phrase(obj) is None:
                        return True
        return False

    @staticmethod
    def _joint_parties(mention, conjoined: list, index: MentionIndex) -> list[Actor]:
        """The parties of a coordinated subject, in text order, one per country: "Japan and South
        Korea" (conjoined nouns), "Armenian and Azerbaijani forces" (conjoined adjectives sharing
        the head noun, which gives each its sector: ARMMIL, AZEMIL)."""
        parties = [(m.token_start, actor_of(m)) for m in conjoined]
        doc = index.doc
        head = doc[mention.token_end - 1]
        actor = mention.actor
        sector_code = actor.sector and actor.country and actor.code == f"{actor.country}{actor.sector}"
        for child in head.children:
            if child.dep_ not in ("amod", "compound") or child.i >= head.i:
                continue
            for token in Patterns.conjuncts(child):
                other = index.at(token)
                if other is None or other == mention or not other.actor.country or \
                        other.token_end > head.i:  # the adjective alone, not a phrase of its own
                    continue
                found = actor_of(other)
                if sector_code and other.actor.code == other.actor.country:
                    found = replace(found, text=f"{found.text} {head.text}",
                                    code=f"{other.actor.country}{actor.sector}", sector=actor.sector)
                parties.append((other.token_start, found))
        # "officials from Mexico and Guatemala": the role's own phrase names each party's country
        # (the phrase's head, which is not its last word when the phrase holds the first country)
        root = mention_root(mention, doc)
        for child in [*head.children, *(root.children if root.i != head.i else ())]:
            if child.dep_ != "prep" or child.lower_ not in PARTY_PREPS:
                continue
            for pobj in (g for g in child.children if g.dep_ == "pobj"):
                for token in Patterns.conjuncts(pobj):
                    other = index.of_phrase(token)
                    if other is None or other == mention or not other.actor.country:
                        continue
                    found = actor_of(other)
                    if actor.sector and other.actor.code == other.actor.country:
                        found = replace(found, text=f"{child.head.text} {child.lower_} {found.text}",
                                        code=f"{other.actor.country}{actor.sector}", sector=actor.sector)
                    parties.append((other.token_start, found))
        out: list[Actor] = []
        # a bloc is a party too ("India and Mercosur"); of two readings of one word, the role's
        # holder ("the ministers of Peru and Chile": Chile's minister, not Chile)
        for _, party in sorted(parties, key=lambda p: (p[0], not (p[1] is not None and p[1].sector))):
            if party is not None and (party.country or party.code) \
                    and all((p.country or p.code) != (party.country or party.code) for p in out):
                out.append(party)
        return out

    @staticmethod
    def _conjoined(mention, index: MentionIndex) -> list:
        """Other actors joined to this one by "and" ("the US and the EU imposed …"), on its last
        word or on the phrase's own head ("the president of Peru and the premier of Chile")."""
        last, root = index.doc[mention.token_end - 1], mention_root(mention, index.doc)
        out: list = []
        heads = [last] if root.i == last.i else [last, root]
        for token in [*(t for head in heads for t in Patterns.conjuncts(head)[1:]), *Patterns.listed_before(root)]:
            other = index.of_phrase(token)
            if other is not None and other != mention and other.actor.code != mention.actor.code and other not in out:
                out.append(other)
        return out

    @staticmethod
    def _country_actor(country: str, index: MentionIndex) -> Actor:
        texts = [m.text for m in index.mentions if m.actor.country == country and m.actor.code == country]
        # dict.fromkeys keeps text order, so ties go to the first mention whatever the hash seed
        text = max(dict.fromkeys(texts), key=texts.count) if texts else country
        return Actor(text=text, code=country, country=country, sector=None)

    @staticmethod
    def _quote(cand: Candidate, sent, quotes) -> str | None:
        idx = cand.trigger.idx
        for q in quotes:
            if q.start <= idx < q.end:
                return q.quote.text
        for q in quotes:
            if sent.start_char <= q.start < sent.end_char and cand.actor is not None and q.speaker_mention is not None \
                    and q.speaker_mention.actor.code == cand.actor.actor.code:
                return q.quote.text
        return None

    @staticmethod
    def _confidence(cand: Candidate, sense: Sense, family: str, actor, recipient, inferred: bool, date_method) -> float:
        score = 0.45
        score += 0.15 if actor is not None and actor.country else 0.0
        score += 0.15 if recipient is not None and recipient.country else 0.0
        score += {"verb": 0.1, "light": 0.12, "aimed": 0.12, "governor": 0.1, "intent": 0.0, "nominal": 0.0}.get(family, 0.0)
        score *= 0.75 + 0.25 * min(sense.strength, 1.0)
        if cand.passive:
            score -= 0.05
        if inferred:
            score -= 0.15
        if date_method in ("explicit", "anchored", "relative-to-publication"):
            score += 0.05
        return round(max(0.05, min(score, 0.99)), 3)


_CODERS: dict[tuple, Coder] = {}


def get_coder(settings: Settings | None = None) -> Coder:
    """One coder per process and per learned model setting (loading the lexicon takes a second)."""
    model = settings.coder_model if settings is not None else None
    key = (model,)
    if key not in _CODERS:
        _CODERS[key] = Coder(learned=model or True)
    return _CODERS[key]


def code(doc, article: Article, settings: Settings | None = None) -> Coded:
    """Events (in text order), quotes and claims of one analysed article."""
    return get_coder(settings)(doc, article)


# ---- spaCy component --------------------------------------------------------------------------
COMPONENT = "detente_events"


def _register_component() -> None:
    """The coder as the spaCy component "detente_events": it codes a Doc whose `doc._.article` is
    set (the cleaned article: its date and ids) and fills `doc._.events`, `doc._.quotes` and
    `doc._.claims`; a Doc without an article passes through untouched, so the component costs
    nothing in pipelines that only parse. `Pipeline` adds it and reads `doc._.events`."""
    from spacy.language import Language
    from spacy.tokens import Doc

    for name in ("article", "events", "quotes", "claims"):
        if not Doc.has_extension(name):
            Doc.set_extension(name, default=None)

    if COMPONENT in Language.factories:
        return

    @Language.factory(COMPONENT, default_config={"coder_model": None})
    def make_events_component(nlp, name, coder_model: str | None):  # noqa: ARG001 - spaCy factory signature
        coder = get_coder(Settings(coder_model=coder_model))

        def events_component(doc):
            article = doc._.article
            if article is not None:
                coded = coder(doc, article)
                doc._.events, doc._.quotes, doc._.claims = coded.events, coded.quotes, coded.claims
            return doc

        return events_component


def coded_of(doc) -> Coded:
    """What the component left on a Doc."""
    return Coded(events=doc._.events or [], quotes=doc._.quotes or [], claims=doc._.claims or [])


_register_component()
