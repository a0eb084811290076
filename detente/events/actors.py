"""Actor mentions for the coder: the analyse stage's mentions, indexed by token.

The mentions come from `detente.analyse.actor_mentions(doc, date)` (dictionary names,
demonyms, capitals, roles, pronouns resolved to their antecedent). This module only indexes
them so the patterns can ask "which actor is this token / this phrase?".
"""

from __future__ import annotations

import itertools
from bisect import bisect_left
from collections import Counter
from collections.abc import Callable, Iterable
from typing import Any

from detente import resources
from detente.analyse.component import HOSTED_ROLES
from detente.analyse.resolve import PERSON_HEADS
from detente.models import Actor

MentionFn = Callable[..., list[Any]]

# a counterpart is completed only in a story whose country mentions are at least this share the
# two sides' (dev and own gold unchanged; 37 of 412 VOA events, mostly wrong guesses, dropped)
BILATERAL_SHARE = 0.75
# ... and the counterpart must be named in the act's sentence or the COUNTERPART_WINDOW before it.
# VOA: 321 -> 307 events, of the 14 dropped one or two right; dev articles' recall unchanged
# (0.974; a window of 2 loses two gold events, of 3 or 4 one)
COUNTERPART_WINDOW = 5
_WORDS = resources.words("coder")
LOCATION_PREPS = frozenset(_WORDS["location_preps"])
OTHER_PARTY_NOUNS = frozenset(_WORDS["other_party_nouns"])  # "China's rivals" are not China
NAMED_EVENT_NOUNS = frozenset(_WORDS["named_event_nouns"])  # "the Doha agreement"
ACTING_NOUNS = frozenset(_WORDS["acting_nouns"])  # "the committee", "several groups"
COLLECTIVE_HEADS = frozenset(_WORDS["collective_heads"])  # "a delegation of Chinese officials"

# dependency labels of the words that modify a noun phrase's head from the left
LEFT_MODIFIERS = ("compound", "amod", "nmod", "poss", "nummod", "det", "npadvmod")


def analyse_mentions() -> MentionFn:
    try:
        from detente.analyse import actor_mentions
    except ImportError as exc:  # pragma: no cover - depends on the install
        raise RuntimeError("detente.analyse.actor_mentions is not available: the event coder needs the "
                           "analyse stage (reinstall detente or check detente/analyse)") from exc
    return actor_mentions


class MentionIndex:
    """Mentions of one document with a token → mention lookup."""

    def __init__(self, doc, mentions: Iterable[Any], text: str | None = None):
        self.doc = doc
        self.text = doc.text if text is None else text  # once: `Doc.text` joins every token on each access
        self.mentions = sorted((m for m in mentions if getattr(m, "actor", None) is not None),
                               key=lambda m: (m.token_start, -m.token_end))
        self.by_token: dict[int, Any] = {}
        for mention in self.mentions:
            for i in range(mention.token_start, mention.token_end):
                self.by_token.setdefault(i, mention)
        # the mentions that can be a side of the story: not places named as where something is
        self.sides = [m for m in self.mentions if doc is None or not _located(doc, m)]
        # "the country" refers back to a country named just before: no new evidence of whom the story is about
        self.country_counts = Counter(m.actor.country for m in self.sides if m.actor.country
                                      and not (m.kind == "description" and m.actor.code == m.actor.country))
        # organisations of no country ("the U.N. rapporteur", "NATO"): a counterpart too
        self.body_counts = Counter(m.actor.code for m in self.mentions if not m.actor.country and m.actor.code)
        self._chunks: list[Any] | None = None

    def noun_chunks(self, sent) -> list[Any]:
        """The doc's noun chunks inside `sent`. spaCy's `Span.noun_chunks` walks the whole doc on
        every call; the coder asks once per sentence, so the doc is walked once here."""
        if self._chunks is None:
            self._chunks = list(self.doc.noun_chunks)
        first = bisect_left(self._chunks, sent.start, key=lambda c: c.start)
        return [c for c in itertools.takewhile(lambda c: c.start < sent.end, self._chunks[first:])
                if c.end <= sent.end]

    def at(self, token) -> Any | None:
        return self.by_token.get(token.i)

    def of_phrase(self, head) -> Any | None:
        """The actor a noun phrase names: its head's mention, else a left modifier's ("US officials",
        "Colombian goods"), else an appositive's ("his Secretary of State, Marco Rubio")."""
        mention = self.at(head)
        if mention is not None:
            return mention
        # adjectives and compounds name the phrase's actor before a possessor does
        # ("his Azerbaijani counterpart" is Azerbaijan's, "Colombia's ambassador" is Colombia's)
        children = sorted((c for c in head.children if c.dep_ in LEFT_MODIFIERS and c.i < head.i),
                          key=lambda c: (c.dep_ == "poss", -c.i))
        for child in children:
            found = self.at(child) or (self.of_phrase(child) if child.dep_ in ("compound", "nmod", "poss") else None)
            if found is not None and not names_no_party(child, found):
                return found
        for child in head.children:
            if child.dep_ == "appos":
                found = self.at(child)
                if found is not None:
                    return found
        if head.lemma_.lower() in COLLECTIVE_HEADS or head.lemma_.lower() in PERSON_HEADS or head.like_num:
            # "a delegation of Chinese officials", "dozens of Kenyan police": the people counted;
            # "the leader of Yemen's Houthi rebels", "a spokesman of the militia": whom they speak for
            for child in head.children:
                if child.dep_ == "prep" and child.lower_ == "of":
                    found = next((self.of_phrase(g) for g in child.children if g.dep_ == "pobj"), None)
                    if found is not None:
                        return found
        return None

    def named_near(self, sent, country: str, sentences: int = COUNTERPART_WINDOW) -> bool:
        """Is `country` named in `sent` or in the `sentences` sentences before it?"""
        doc, start = sent.doc, sent.start
        for _ in range(sentences):
            if start == 0:
                break
            start = doc[start - 1].sent.start
        first = doc[start].idx
        return any(m.actor.country == country and first <= m.start < sent.end_char for m in self.sides)

    def dominant_country(self, exclude: str | None, sent=None) -> str | None:
        """The document's main counterpart of `exclude`: the most mentioned other country, if it
        clearly leads and the story is about the two of them (used to complete one-sided events,
        at lower confidence). In a story of many countries the guess was mostly wrong: of the
        VOA events read for precision, half the wrong recipients were such completions. With
        `sent`, the country must also be named in that sentence or the COUNTERPART_WINDOW before."""
        ranked = [(c, n) for c, n in self.country_counts.most_common() if c != exclude]
        if not ranked or ranked[0][1] < 3:
            return None
        rivals = [n for _, n in ranked[1:2]] + [n for _, n in self.body_counts.most_common(1)]
        if any(n * 2 > ranked[0][1] for n in rivals):
            return None  # another country, or an organisation, is as much the story's other side
        total = sum(self.country_counts.values()) + sum(self.body_counts.values())
        if (ranked[0][1] + self.country_counts.get(exclude, 0)) < BILATERAL_SHARE * total:
            return None
        if sent is not None and not self.named_near(sent, ranked[0][0]):
            return None  # not in view where the act is told: a reader would not take it as the other side
        return ranked[0][0]


def mention_root(mention, doc):
    """The syntactic head of a mention's words ("president" in "the president of Peru"), which is
    not its last word when the mention holds a phrase after its head."""
    return doc[mention.token_start:mention.token_end].root


def phrase_head(token, sent):
    """The noun an adjective or compound actor word belongs to ("Iranian" → "minister", "UN" →
    "mission")."""
    for _ in range(2):
        if token.dep_ in ("amod", "compound", "poss", "nmod") and token.head.i != token.i \
                and sent.start <= token.head.i < sent.end:
            token = token.head
        else:
            break
    return token


def names_no_party(modifier, mention) -> bool:
    """A modifier whose mention does not name the party its noun phrase stands for: the possessor
    of a rival, an ally or a neighbour ("China's rivals" are not China) and a city in the name of an agreement
    or a process ("the Doha agreement", "the Jeddah talks"; a country still names a party: "the
    US-China agreement") or of an office one country keeps in another's capital ("the Washington
    embassy" is someone's embassy in Washington)."""
    head = modifier.head.lemma_.lower()
    return (modifier.dep_ == "poss" and head in OTHER_PARTY_NOUNS) or (
        modifier.dep_ == "compound" and (head in NAMED_EVENT_NOUNS or modifier.head.lower_ in NAMED_EVENT_NOUNS
                                         or head in HOSTED_ROLES)
        and (getattr(mention, "kind", None) == "capital" or getattr(mention, "place", False)))


def _located(doc, mention) -> bool:
    """A plain place mention (no sector) that says where something is: the object of "in", "at",
    … ("activists in New York") or the first part of "X-based"."""
    if mention.actor.sector or mention.token_end > len(doc):
        return False
    last = doc[mention.token_end - 1]
    if last.dep_ == "pobj" and last.head.lower_ in LOCATION_PREPS:
        return True
    after = doc[mention.token_end:mention.token_end + 2]
    return len(after) == 2 and after[0].text == "-" and after[1].lower_ == "based"


def actor_of(mention, doc=None) -> Actor | None:
    """The event side a mention names; with the doc, its text is the whole naming phrase."""
    if mention is None:
        return None
    actor = mention.actor
    text = mention.text if doc is None else side_text(mention, doc, phrase_text(mention, doc))
    return Actor(text=text, code=actor.code, country=actor.country, sector=actor.sector, name=actor.name)


def side_text(mention, doc, text: str) -> str:
    """A side's words: `text` (the mention's phrase), unless it is only a pronoun whose antecedent
    its own sentence names ("Obama said he …" → "Obama"); "his forces" stay the forces."""
    named = named_in_sentence(mention, doc) if text == mention.text else None
    return phrase_text(named, doc) if named is not None else text


def named_in_sentence(mention, doc):
    """The mention that names a pronoun's antecedent when it stands in the pronoun's own sentence
    ("Obama said he would not lift the embargo"): the event's words for its side are the name the
    sentence gives, as a reader (and PLOVER's annotators) would mark them, not "he"."""
    antecedent = getattr(mention, "antecedent", None)
    if getattr(mention, "kind", None) != "pronoun" or antecedent is None or mention.token_start >= len(doc):
        return None
    sent = doc[mention.token_start].sent
    return antecedent if sent.start <= antecedent.token_start and antecedent.token_end <= sent.end else None


# how a country word modifies the noun that names the actor ("U.S. officials", "Colombia's envoy")
MODIFIER_DEPS = ("compound", "amod", "nmod", "poss")


def phrase_text(mention, span_doc) -> str:
    """The words that name the actor: the mention, or — when the mention only modifies a noun
    ("U.S. officials", "Colombian troops", "Colombia's ambassador") — the mention up to that noun."""
    last = span_doc[mention.token_end - 1]
    head = last.head
    if last.dep_ == "poss" and not role_test(span_doc)(head):
        return mention.text  # "Trump's return" is an act of Trump's, not an actor
    if last.dep_ in MODIFIER_DEPS and head.i >= mention.token_end and head.pos_ == "NOUN" and head.i - mention.token_end <= 3 \
            and all(t.dep_ in MODIFIER_DEPS + ("case", "punct", "det") or t.i == head.i
                    for t in span_doc[mention.token_end:head.i + 1]):
        return span_doc[mention.token_start:head.i + 1].text
    return mention.text


def role_test(doc):
    """A token → bool test: is the word a generic agent of the doc's actor dictionaries ("police",
    "protesters", "ministry", "rebels") or a word that describes a person or a body ("a lawyer",
    "the organisation"), which names someone even without a country word."""
    from detente.analyse.actors import AGENCY, DESCRIPTION, GROUP, ORG, ROLE
    from detente.analyse.resolve import dictionary_of

    dictionary = dictionary_of(doc)
    kinds = (ROLE, AGENCY, ORG, GROUP, DESCRIPTION)

    def is_role(token) -> bool:
        keys = [token.lemma_, token.text]
        compounds = [c for c in token.lefts if c.dep_ == "compound"]
        if compounds:  # "opposition party", "aid agencies": the role is the compound and its head
            words = token.doc[compounds[0].i:token.i]
            keys += [f"{words.text} {token.lemma_}", f"{words.text} {token.text}"]
        return token.lemma_.lower() in ACTING_NOUNS or any(s.kind in kinds for key in keys for s in dictionary.meanings(key))

    return is_role
