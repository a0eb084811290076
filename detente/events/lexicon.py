"""Verb and noun lexicons for every PLOVER event type, loaded from YAML data files.

The package files live in `detente/data/lexicon/*.yaml`; a user adds their own files with the
same keys through `Lexicon.load(extra_files)` or the `DETENTE_LEXICON_FILES` environment
variable (paths separated by the OS path separator). Later files extend and override earlier
ones, so a user's entry for a word wins over the package's.

Each sense carries a PLOVER type, a CAMEO code (its first two digits are the CAMEO root, which
decides the quad class exactly as GDELT does: 01-05 → 1, 06-09 → 2, 10-14 → 3, 15-20 → 4), an
optional mode and a Goldstein intensity (from GDELT's CAMEO Goldstein table unless the entry
gives one).
"""

from __future__ import annotations

import json
import os
import re
from dataclasses import dataclass, field, replace
from functools import cached_property, lru_cache
from pathlib import Path
from typing import Any

import yaml

from detente import resources
from detente.config import PACKAGE_DATA

# the ontology (types, CAMEO roots, quad classes, Goldstein) has one home, spaCy-free; re-exported
from detente.ontology import CONFLICT_TYPES, GOLDSTEIN, PLOVER_TYPES, goldstein, quad_class  # noqa: F401

LEXICON_DIR = PACKAGE_DATA / "lexicon"
# "withdrew from the alliance": the names of bodies of members (a bloc, a court, a union), and the
# prepositions of what a verb leaves ("withdrew from", "pulled out of")
BODY_NOUNS = frozenset(resources.words("patterns")["body_nouns"])
LEFT_PREPS = frozenset(resources.words("patterns")["left_preps"])
PREPOSITION_VARIANTS: dict[str, str] = resources.words("patterns")["preposition_variants"]  # "upon" -> "on"
# Breadth under detente's own lexicon: PETRARCH2's CAMEO verbs and verb-object patterns,
# converted by scripts/convert_petrarch2.py (MIT). Loaded as a base: a word detente's own files
# (or a user's) define keeps their meaning.
BASE_FILES = (PACKAGE_DATA / "petrarch2" / "verbs.json",)

# a sense's alternatives by what its act is aimed at (fields of Sense, keys of a lexicon entry)
SENSE_ALTERNATIVES = ("on_someone", "on_thing", "on_body", "to_people", "by_force")


_HYPHEN_INFIX = re.compile(r"(?<=[^\W\d_])-(?=[^\W\d_])")


@dataclass(frozen=True)
class Sense:
    """One meaning of a trigger word: what event it codes."""

    type: str
    cameo: str
    mode: str | None = None
    goldstein: float | None = None
    strength: float = 1.0
    needs_recipient: bool = False  # only an event with a recipient in the sentence ("struck a balance")
    future_only: bool = False  # only an event as a stated future act, i.e. a threat or promise ("will retaliate")
    # no event when the verb's object has a predicate of its own: "called the expulsion an
    # escalation", "calling the detentions disproportionate" name something, they phone no one
    not_naming: bool = False
    # only an event when the verb acts on something (an object, a passive subject, a complement,
    # the noun its participle describes): used alone it means something else ("the population
    # continued to decline", "he returned to Kabul")
    transitive: bool = False
    # the sense when what the verb acts on is someone, a person or an organisation rather than a
    # state or a thing: PLOVER codes banning goods as SANCTION, banning a party or a person as COERCE
    on_someone: Sense | None = None
    # the sense when what the verb acts on is a thing agreed, an agreement or a proposal ("agreed to
    # a trade deal"): PLOVER codes accepting one as SUPPORT, agreeing to do something as AGREE
    on_thing: Sense | None = None
    # the sense when what the verb leaves is an organisation ("withdrew from ECOWAS"): PLOVER codes
    # leaving a group or an organisation as SANCTION (mode withdraw), a military withdrawal as RETREAT
    on_body: Sense | None = None
    # the sense when whom the act is aimed at is people (civilians, refugees: a CVL actor) rather
    # than a state: a border opened to a country eases a restriction, opened to refugees it gives
    # them asylum (PLOVER AID: "asylum … to persons in its territories")
    to_people: Sense | None = None
    # the sense when who does it is an armed force (a military or an armed group): backing by
    # soldiers is military cooperation (CAMEO 062), not the praise or endorsement a government gives
    by_force: Sense | None = None

    @property
    def root(self) -> str:
        return self.cameo[:2]

    @property
    def quad_class(self) -> int:
        return quad_class(self.cameo)

    @property
    def intensity(self) -> float:
        return float(self.goldstein) if self.goldstein is not None else goldstein(self.cameo)

    @property
    def conflict(self) -> bool:
        return self.type in CONFLICT_TYPES

    @classmethod
    def from_dict(cls, data: dict[str, Any], where: str) -> Sense:
        try:
            kind, cameo = str(data["type"]).upper(), str(data["cameo"])
        except KeyError as exc:
            raise ValueError(f"{where}: lexicon entry needs `type` and `cameo`: {data!r}") from exc
        if kind not in PLOVER_TYPES:
            raise ValueError(f"{where}: unknown PLOVER type {kind!r} (use one of {', '.join(PLOVER_TYPES)})")
        if not (cameo[:2].isdigit() and 1 <= int(cameo[:2]) <= 20):
            raise ValueError(f"{where}: CAMEO code {cameo!r} must start with a root 01-20")
        def alternative(key: str) -> Sense | None:  # a sense for what the verb acts on, same defaults
            if not data.get(key):
                return None
            return cls.from_dict({"mode": data.get("mode"), "strength": data.get("strength", 1.0),
                                  "needs_recipient": data.get("needs_recipient", False), **data[key]}, where)

        return cls(type=kind, cameo=cameo, mode=data.get("mode"), goldstein=data.get("goldstein"),
                   strength=float(data.get("strength", 1.0)), needs_recipient=bool(data.get("needs_recipient", False)),
                   future_only=bool(data.get("future_only", False)), not_naming=bool(data.get("not_naming", False)),
                   transitive=bool(data.get("transitive", False)),
                   **{key: alternative(key) for key in SENSE_ALTERNATIVES})


def _asks_for_an_act(noun) -> bool:
    """Whether a noun is followed by the act it asks for: its infinitive ("a call to release the
    prisoners"), a "for" phrase ("a call for talks", "a call for Peru to withdraw") or the infinitive
    of whom it is addressed to ("a call on Peru to release them")."""
    for child in noun.children:
        if child.dep_ in ("acl", "advcl") and any(c.dep_ == "aux" and c.lower_ == "to" for c in child.children):
            return True  # "a call to end the war", "its call for Togo to release them" (a clause of the noun)
        if child.dep_ == "prep" and child.lower_ == "for":
            return True
        if child.dep_ == "prep" and child.lower_ in ("on", "upon", "to") and any(
                a.dep_ == "acl" for g in child.children for a in g.children):
            return True
    return False


def _on_object(sense: Sense, token) -> Sense:
    """The sense for what a verb or noun acts on: `on_body` when what a verb leaves is an
    organisation ("withdrew from ECOWAS"); `on_someone` when its object (a passive's subject, a
    noun's "on"/"against" phrase) is a person or an organisation — a named one or an agent word
    ("the party")."""
    if sense.on_body is not None and token.pos_ != "NOUN":
        left = [c for c in token.children if c.dep_ == "dobj"]
        left += [o for p in token.children if p.dep_ == "prep" and p.lower_ in LEFT_PREPS
                 for o in p.children if o.dep_ == "pobj"]
        if left and all(o.ent_type_ == "ORG" or o.lemma_.lower() in BODY_NOUNS for o in left):
            return sense.on_body  # "withdrew from ECOWAS", "pulled out of the alliance"
    if sense.on_someone is None:
        return sense
    from detente.events.actors import role_test

    if token.pos_ == "NOUN":  # "a ban on the party", "the ban against the group"
        holders = [token] + ([token.head] if token.dep_ == "dobj" else [])  # "impose sanctions | on the minister"
        objects = [o for h in holders for p in h.children if p.dep_ == "prep" and p.lower_ in ("on", "against")
                   for o in p.children if o.dep_ == "pobj"]
    else:
        objects = [c for c in token.children if c.dep_ in ("dobj", "nsubjpass")]
    objects += [c for o in objects for c in o.children if c.dep_ == "conj"]
    is_role = role_test(token.doc)
    if any(o.ent_type_ in ("PERSON", "ORG") or (is_role(o) and o.ent_type_ not in ("GPE", "NORP")) for o in objects):
        return sense.on_someone
    return sense


def read_data_file(path: Path) -> dict[str, Any]:
    """A lexicon file: JSON (large generated files load fast) or YAML (libyaml's parser where
    installed)."""
    text = path.read_text(encoding="utf-8")
    if path.suffix.lower() == ".json":
        return json.loads(text) or {}
    return yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader)) or {}


def _word_set(values) -> frozenset[str]:
    return frozenset(str(v).lower() for v in values or [])


@dataclass(frozen=True)
class VerbPattern:
    """What follows (or precedes) a verb that gives it its CAMEO meaning: the head noun of its
    object, the object's modifiers, prepositional phrases, the subject's head noun — each an
    alternative set of lemmas; every part given must be found on the parse."""

    sense: Sense
    objects: frozenset[str] = frozenset()
    modifiers: frozenset[str] = frozenset()
    preps: tuple[tuple[str, frozenset[str]], ...] = ()
    subjects: frozenset[str] = frozenset()

    @classmethod
    def from_dict(cls, data: dict[str, Any], where: str) -> VerbPattern:
        preps = tuple((str(p.get("word")).lower(), _word_set(p.get("object"))) for p in data.get("prep") or [])
        return cls(sense=Sense.from_dict(data, where), objects=_word_set(data.get("object")),
                   modifiers=_word_set(data.get("modifiers")), preps=preps, subjects=_word_set(data.get("subject")))

    @cached_property
    def size(self) -> int:
        """How many parts must match: a more specific pattern wins over a looser one."""
        return 1 + bool(self.objects) + bool(self.modifiers) + len(self.preps) + bool(self.subjects)

    @staticmethod
    def _names(token) -> set[str]:
        """A noun as a pattern may write it: lemma, word, its plural (PETRARCH2's patterns write
        some objects in the plural: "receive ministers" is one minister received too), and with
        its compound ("air strike")."""
        out = {token.lemma_.lower(), token.lower_, plural(token.lemma_.lower())}
        compounds = [c for c in token.children if c.dep_ == "compound" and c.i < token.i]
        if compounds:
            out.add(" ".join([c.lower_ for c in compounds] + [token.lemma_.lower()]))
        return out

    def matches(self, view: VerbView) -> bool:
        """Does the verb read into `view` have this pattern's objects, prepositions and subject?"""
        if not (self.objects or self.preps or self.subjects):
            return True
        if self.objects:
            found = [modifiers for names, modifiers in view.objects if names & self.objects]
            if not found:
                return False
            if self.modifiers and not any(modifiers & self.modifiers for modifiers in found):
                return False
        for word, objects in self.preps:
            prep_objects = view.preps.get(word)
            if prep_objects is None:
                return False
            if objects and not any(names & objects for names in prep_objects):
                return False
        if self.subjects and not any(names & self.subjects for names in view.subjects):
            return False
        return True


class PatternIndex:
    """The patterns of one verb form, most specific first, found by their object words: a
    common verb has hundreds, and a verb's few objects rule most of them out unread."""

    __slots__ = ("patterns", "without_object", "by_object")

    def __init__(self, patterns: list[VerbPattern]) -> None:
        self.patterns = patterns
        self.without_object = [i for i, p in enumerate(patterns) if not p.objects]
        self.by_object: dict[str, list[int]] = {}
        for i, pattern in enumerate(patterns):
            for word in pattern.objects:
                self.by_object.setdefault(word, []).append(i)

    def first_match(self, view: VerbView) -> VerbPattern | None:
        """The first pattern, in order, that the verb read into `view` has."""
        positions = set(self.without_object)
        for names, _ in view.objects:
            for name in names:
                positions.update(self.by_object.get(name, ()))
        return next((self.patterns[i] for i in sorted(positions) if self.patterns[i].matches(view)), None)


class VerbView:
    """What the verb patterns ask of one verb token, read once: a common verb has hundreds of
    patterns, and reading the parse again for each was a sixth of the coder's time."""

    __slots__ = ("objects", "preps", "subjects")

    def __init__(self, verb) -> None:
        children = list(verb.children)
        objects = [c for c in children if c.dep_ in ("dobj", "nsubjpass", "attr", "dative")]
        objects += [g for c in children if c.dep_ == "prt" for g in c.children if g.dep_ == "pobj"]
        # each object's names and the words that modify it
        self.objects = [(VerbPattern._names(o), {w for m in o.children for w in (m.lemma_.lower(), m.lower_)})
                        for o in objects]
        # preposition word -> the names of its objects (present even with no object)
        self.preps: dict[str, list[set[str]]] = {}
        for c in children:
            if c.dep_ in ("prep", "agent", "dative"):
                self.preps.setdefault(c.lower_, []).extend(
                    VerbPattern._names(g) for g in c.children if g.dep_ == "pobj")
        self.subjects = [VerbPattern._names(c) for c in children if c.dep_ == "nsubj"]


# the verb classes that end or ease the act their object names (an attempt to do so presupposes it)
ENDING_CLASSES = frozenset({"stop", "cut", "lift"})

# the keys of a noun entry that are not verbs or verb classes
NOUN_ENTRY_KEYS = frozenset({"words", "type", "cameo", "mode", "goldstein", "strength", "needs_recipient", "future_only",
                             "not_naming", "do", "modifiers", "nominal", "nominal_requires_modifier", "requires_modifier",
                             "nominal_needs_both", "not_with", "by_people", "asking", *SENSE_ALTERNATIVES})


@dataclass
class NounEntry:
    sense: Sense
    do: Sense | None  # meaning under a `do` verb (None: not an event under such a verb)
    by_class: dict[str, Sense | None] = field(default_factory=dict)  # stop / cut / lift / a verb lemma (None: no event)
    modifiers: dict[str, str] = field(default_factory=dict)
    nominal: bool = True  # may be an event without a verb
    nominal_requires_modifier: bool = False
    requires_modifier: bool = False  # an event only with one of its modifiers, under a verb too
    nominal_needs_both: bool = False  # as a bare noun, only with both actor and recipient
    not_with: frozenset[str] = frozenset()  # modifiers that make it another thing ("a rescue operation")
    asking: Sense | None = None  # its sense when it asks for an act ("a call for talks", "a call on X to free Y")

    def voided_by(self, verb_lemma: str) -> bool:
        """Whether the entry says this verb makes no event of the noun (`express: null`)."""
        return verb_lemma in self.by_class and self.by_class[verb_lemma] is None

    def under(self, verb_lemma: str | None, verb_class: str | None) -> Sense | None:
        """The noun's sense under a verb: the verb's own key if given, else its class's."""
        if verb_lemma is not None and verb_lemma in self.by_class:
            return self.by_class[verb_lemma]
        if verb_class == "do":
            return self.do
        if verb_class == "stop":
            return self.by_class.get("stop") or self.by_class.get("cut")
        if verb_class in ("cut", "lift"):
            return self.by_class.get(verb_class) or self.by_class.get("stop")
        return None


def plural(noun: str) -> str:
    """A noun's regular English plural ("strikes", "sanctions", "talks", "boundaries"): never
    "aides" for "aid", which is another word (the lemmatizer gives irregular plurals their lemma)."""
    if noun.endswith(("s", "x", "z", "ch", "sh")):
        return noun + "es"
    if noun.endswith("y") and len(noun) > 2 and noun[-2] not in "aeiou":
        return noun[:-1] + "ies"
    return noun + "s"


def inflections(word: str) -> set[str]:
    """Regular English verb/noun forms of a lemma, so lemmatizer slips ("decertifie") still match."""
    forms = {word}
    if word.endswith("y") and len(word) > 2 and word[-2] not in "aeiou":
        forms |= {word[:-1] + "ies", word[:-1] + "ied", word + "ing"}
    elif word.endswith("e"):
        forms |= {word + "s", word + "d", word[:-1] + "ing"}
    else:
        forms |= {word + "s", word + "es", word + "ed", word + "ing"}
        if len(word) >= 3 and word[-1] not in "aeiouwxy" and word[-2] in "aeiou" and word[-3] not in "aeiou":
            forms |= {word + word[-1] + "ed", word + word[-1] + "ing"}
    return forms


@dataclass
class Lexicon:
    verbs: dict[str, Sense] = field(default_factory=dict)
    verb_phrases: dict[str, list[tuple[tuple[str, ...], Sense]]] = field(default_factory=dict)
    nouns: dict[str, NounEntry] = field(default_factory=dict)
    noun_phrases: dict[str, list[tuple[tuple[str, ...], NounEntry]]] = field(default_factory=dict)
    # a noun's entry when people (workers, teachers, a union) do it: "the teachers ended their strike"
    # is a labour strike, "Ghana launched a strike" an attack (`by_people` words of an entry)
    people_nouns: dict[str, NounEntry] = field(default_factory=dict)
    people_doers: frozenset[str] = frozenset()  # the words that name such people (`people_doers`)
    verb_class: dict[str, str] = field(default_factory=dict)
    class_phrases: dict[str, list[tuple[tuple[str, ...], str]]] = field(default_factory=dict)
    governors: dict[str, str] = field(default_factory=dict)
    noun_classes: dict[str, str] = field(default_factory=dict)  # "end" -> stop, "freeze" -> cut
    governor_phrases: dict[str, list[tuple[tuple[str, ...], str]]] = field(default_factory=dict)
    non_event_objects: set[str] = field(default_factory=set)
    negated: dict[str, Sense] = field(default_factory=dict)  # events only when negated ("does not recognise")
    negated_phrases: dict[str, list[tuple[tuple[str, ...], Sense]]] = field(default_factory=dict)  # "give permission"
    rebuttals: set[str] = field(default_factory=set)  # "replies that", "counters that"
    intent_cues: list[str] = field(default_factory=list)  # cooperative words of a first-person statement
    # verb → patterns of what follows it ("freeze" + object "assets" → 163), from the base files
    verb_patterns: dict[str, list[VerbPattern]] = field(default_factory=dict)
    # the base files' bare verbs ("weak": no pattern event of their own): acts the learned model
    # may link when it is confident of both sides, never events the patterns code by themselves
    weak_verbs: dict[str, Sense] = field(default_factory=dict)
    weak_phrases: dict[str, list[tuple[tuple[str, ...], Sense]]] = field(default_factory=dict)
    # stance adjectives: word → (sense, the prepositions whose object is judged)
    adjectives: dict[str, tuple[Sense, frozenset[str]]] = field(default_factory=dict)
    files: list[str] = field(default_factory=list)
    _pattern_indexes: dict[str, PatternIndex] = field(default_factory=dict, repr=False, compare=False)

    @classmethod
    def load(cls, extra_files: tuple[str, ...] | list[str] = ()) -> Lexicon:
        env = os.environ.get("DETENTE_LEXICON_FILES", "")
        paths = sorted(LEXICON_DIR.glob("*.yaml")) + [Path(p) for p in env.split(os.pathsep) if p]
        paths += [Path(p) for p in extra_files]
        lexicon = cls()
        for path in paths + [p for p in BASE_FILES if p.is_file()]:
            try:
                data = read_data_file(Path(path))
            except OSError as exc:
                raise ValueError(f"cannot read lexicon file {path}: {exc.strerror}") from exc
            except (yaml.YAMLError, json.JSONDecodeError) as exc:
                raise ValueError(f"lexicon file {path} is not valid YAML: {exc}") from exc
            lexicon.add(data, str(path), base=Path(path) in BASE_FILES)
        return lexicon

    def add(self, data: dict[str, Any], where: str = "<lexicon>", base: bool = False) -> None:
        """Add one file's entries; a `base` file only fills words no other file defines."""
        self.files.append(where)
        self._pattern_indexes.clear()
        # a base file's bare verbs are not read: a PETRARCH verb block's default code made an
        # event of commentary verbs ("argue", "consider", "return") and cost a third of the
        # precision on real articles (dev gold 0.92 -> 0.59); its verb-object patterns are
        # specific enough to keep (0.86, with 2/3 of the recall gain on the PLOVER dev quarter)
        for entry in data.get("verbs") or []:
            sense = Sense.from_dict(entry, where)
            for word in entry.get("words") or []:
                if base:
                    self._add_verb(self.weak_verbs, self.weak_phrases, word, sense)
                else:
                    self._add_verb(self.verbs, self.verb_phrases, word, sense)
        touched: set[str] = set()
        for entry in data.get("phrases") or []:
            pattern = VerbPattern.from_dict(entry, where)
            for verb in entry.get("verb") or []:
                for form in inflections(str(verb).lower().split()[0]):
                    self.verb_patterns.setdefault(form, []).append(pattern)
                    touched.add(form)
        for form in touched:  # most specific first (a stable sort: ties keep the files' order)
            self.verb_patterns[form].sort(key=lambda p: -p.size)
        for entry in data.get("nouns") or []:
            noun = self._noun_entry(entry, where)
            for word in entry.get("words") or []:
                # "sit-in", "build-up": the tokenizer splits a hyphen between letters off as a word
                parts = tuple(_HYPHEN_INFIX.sub(" - ", str(word)).lower().split())
                if len(parts) == 1:
                    for form in (parts[0], plural(parts[0])):
                        if form == parts[0] or form not in self.nouns:
                            self.nouns[form] = noun
                else:  # "air strike": keyed by the head (last word), preceded by the others
                    self.noun_phrases.setdefault(parts[-1], []).append((parts[:-1], noun))
                    self.noun_phrases.setdefault(plural(parts[-1]), []).append((parts[:-1], noun))
            for word in entry.get("by_people") or []:
                self.people_nouns[str(word).lower()] = noun
                self.people_nouns[plural(str(word).lower())] = noun
        for name, words in (data.get("verb_classes") or {}).items():
            for word in words or []:
                self._add_verb(self.verb_class, self.class_phrases, word, name)
        for name, words in (data.get("noun_classes") or {}).items():
            for word in words or []:
                self.noun_classes[str(word).lower()] = name
                self.noun_classes.setdefault(plural(str(word).lower()), name)
        for kind, words in (data.get("governors") or {}).items():
            for word in words or []:
                self._add_verb(self.governors, self.governor_phrases, word, kind)
        self.non_event_objects |= {str(w).lower() for w in data.get("non_event_objects") or []}
        self.people_doers |= {str(w).lower() for w in data.get("people_doers") or []}
        for entry in data.get("negated_verbs") or []:
            sense = Sense.from_dict(entry, where)
            for word in entry.get("words") or []:
                self._add_verb(self.negated, self.negated_phrases, word, sense)
        for entry in data.get("adjectives") or []:
            sense = Sense.from_dict(entry, where)
            preps = frozenset(str(p).lower() for p in entry.get("preps") or [])
            if not preps:
                raise ValueError(f"{where}: a stance adjective needs `preps` (whom it judges): {entry!r}")
            for word in entry.get("words") or []:
                self.adjectives[str(word).lower()] = (sense, preps)
        for word in data.get("rebuttal_verbs") or []:
            parts = str(word).lower().split()
            self.rebuttals |= {" ".join([form, *parts[1:]]) for form in inflections(parts[0])}
        self.intent_cues += [str(w).lower() for w in data.get("intent_cues") or [] if str(w).lower() not in self.intent_cues]

    @classmethod
    def _add_verb(cls, words: dict, phrases: dict, word: Any, value: Any) -> None:
        """A one-word verb under all its inflections (its base form always wins, an inflection
        only if no other entry has it yet); a phrasal verb keyed by its first word."""
        parts = tuple(str(word).lower().split())
        if len(parts) > 1:
            cls._add_phrase(phrases, parts, value)
            return
        for form in inflections(parts[0]):
            if form == parts[0] or form not in words:
                words[form] = value

    @staticmethod
    def _add_phrase(table: dict, parts: tuple[str, ...], value: Any) -> None:
        for form in inflections(parts[0]):
            table.setdefault(form, []).append((parts[1:], value))

    @staticmethod
    def _noun_entry(entry: dict[str, Any], where: str) -> NounEntry:
        sense = Sense.from_dict(entry, where)
        do = sense
        if "do" in entry:
            do = None if entry["do"] is None else Sense.from_dict(entry["do"], where)
        by_class: dict[str, Sense | None] = {
            key: Sense.from_dict(value, where) for key, value in entry.items()
            if isinstance(value, dict) and key not in ("do", "modifiers", "asking", *SENSE_ALTERNATIVES)}
        # a verb given `null` is no event under that verb ("declare: null": a declared war is no attack)
        by_class.update({key: None for key, value in entry.items() if value is None and key not in NOUN_ENTRY_KEYS})
        return NounEntry(sense=sense, do=do, by_class=by_class,
                         modifiers={str(k).lower(): v for k, v in (entry.get("modifiers") or {}).items()},
                         nominal=bool(entry.get("nominal", True)),
                         nominal_requires_modifier=bool(entry.get("nominal_requires_modifier", False)),
                         requires_modifier=bool(entry.get("requires_modifier", False)),
                         nominal_needs_both=bool(entry.get("nominal_needs_both", False)),
                         not_with=_word_set(entry.get("not_with")),
                         asking=Sense.from_dict(entry["asking"], where) if isinstance(entry.get("asking"), dict) else None)

    # ---- lookups on spaCy tokens ------------------------------------------------------------
    @staticmethod
    def keys(token) -> tuple[str, ...]:
        lemma, lower = token.lemma_.lower(), token.lower_
        return (lemma, lower) if lemma != lower else (lemma,)

    @staticmethod
    def hyphenated(token) -> str | None:
        """The verb with the word hyphened before it ("test-fired" → "test-fire"): the tokenizer
        splits the compound and the parser hangs its first word on the verb."""
        doc, i = token.doc, token.i
        if i >= 2 and doc[i - 1].text == "-" and not doc[i - 1].whitespace_ and doc[i - 2].head.i == i \
                and not doc[i - 2].whitespace_:
            return f"{doc[i - 2].lower_}-{token.lemma_.lower()}"
        return None

    @staticmethod
    def _phrase_match(token, rest: tuple[str, ...]) -> bool:
        """`rest` words are lemmas of the token's particle/preposition/object children, in order."""
        if not rest:
            return True
        children = [c for c in token.children if c.dep_ in ("prt", "prep", "dobj", "agent", "dative", "pobj", "advmod",
                                                            "compound", "oprd")
                    # "called Petro on Sunday": a preposition of time makes no phrasal verb
                    and not (c.dep_ == "prep" and any(g.dep_ == "pobj" and g.ent_type_ in ("DATE", "TIME")
                                                      for g in c.children))]
        after = token.doc[token.i + 1] if token.i + 1 < len(token.doc) else None
        if after is not None and after.dep_ == "amod" and after.head.dep_ == "dobj" and after.head.head.i == token.i:
            children.append(after)  # "set free two prisoners": the parse hangs "free" on the object
        lemmas = [c.lemma_.lower() for c in children] + [c.lower_ for c in children]
        lemmas += [PREPOSITION_VARIANTS[w] for w in lemmas if w in PREPOSITION_VARIANTS]  # "fired upon"
        if rest[0] not in lemmas:
            # "called for Moscow to withdraw": the preposition of a for-to clause is the clause's
            # complementizer in the parse (its `mark`), still the verb's phrase
            marks = [g for c in token.children if c.dep_ in ("advcl", "ccomp", "xcomp")
                     for g in c.children if g.dep_ == "mark" and g.i < c.i and rest[0] in (g.lemma_.lower(), g.lower_)]
            if not marks:
                return False
            children += marks
        if len(rest) == 1:
            return True
        # a second word: the preposition after the particle ("pull out of") or its object
        for child in children:
            if rest[0] in (child.lemma_.lower(), child.lower_):
                # ... or the preposition's object however far ("took Peru to the International Court")
                following = [t for t in token.doc[child.i + 1: child.i + 3]] + \
                    ([g for g in child.children if g.dep_ == "pobj"] if child.dep_ == "prep" else [])
                if any(rest[1] in (t.lemma_.lower(), t.lower_) for t in following):
                    return True
        return False

    def sense_of(self, token) -> Sense | None:
        """The act a word names by itself: a verb's sense, a noun's event sense."""
        if token.pos_ in ("VERB", "AUX"):
            return self.verb_sense(token)[0]
        if token.pos_ == "NOUN":
            entry = self.noun_entry(token)
            return entry.sense if entry is not None else None
        return None

    def stance_of(self, token) -> tuple[Sense, frozenset[str]] | None:
        """The judgement an adjective states and the prepositions naming whom it judges."""
        if token.pos_ != "ADJ":
            return None
        return self.adjectives.get(token.lower_) or self.adjectives.get(token.lemma_.lower())

    def _other_phrasal(self, token) -> bool:
        """Whether a particle makes the verb a phrasal verb the lexicon lists as a verb class or a
        governor ("called off the strike": ending it, not a phone call): then the bare verb's own
        sense does not apply."""
        particles = {c.lower_ for c in token.children if c.dep_ == "prt"}
        if not particles:
            return False
        return any(rest and rest[0] in particles for key in self.keys(token)
                   for table in (self.class_phrases, self.governor_phrases) for rest, _ in table.get(key, ()))

    def negated_sense(self, token) -> Sense | None:
        """The act a negated verb tells ("does not recognise", "did not give permission"): a
        phrase of the verb and what follows it first, then the verb alone."""
        return self._phrase_value(self.negated_phrases, self.negated, token)

    def verb_sense(self, token) -> tuple[Sense | None, int]:
        """The sense of a verb token, and how many words matched (a phrase beats a single word;
        a pattern of what follows the verb is the last resort)."""
        for key in self.keys(token):
            for rest, sense in self.verb_phrases.get(key, ()):
                if self._phrase_match(token, rest):
                    return _on_object(sense, token), 1 + len(rest)
        if self._other_phrasal(token):
            return None, 0
        for key in self.keys(token):
            if key in self.verbs:
                return _on_object(self.verbs[key], token), 1
        view: VerbView | None = None
        for key in self.keys(token):
            index = self._patterns_of(key)
            if index is None:
                continue
            if view is None:
                view = VerbView(token)
            pattern = index.first_match(view)
            if pattern is not None:
                return (None, 0) if pattern.sense.type in self._unmodified_types(token) else (pattern.sense, pattern.size)
        return None, 0

    def _unmodified_types(self, token) -> set[str]:
        """The types of the verb's objects that this lexicon's modifiers say are not that event
        ("launched a rescue operation" is no attack: `unmodified`): no base file's verb-object
        pattern reads them as that type — detente's own meaning of a word wins. (Another type
        stays: "joined the peacekeeping operation" is aid.)"""
        out = set()
        for obj in token.children:
            if obj.dep_ == "dobj":
                entry = self.noun_entry(obj)
                if entry is not None and self.unmodified(entry, obj):
                    out.add(entry.sense.type)
        return out

    def _patterns_of(self, form: str) -> PatternIndex | None:
        """Built on first use: all 7,010 forms at load would cost every process 0.5 s."""
        index = self._pattern_indexes.get(form)
        if index is None and form in self.verb_patterns:
            index = self._pattern_indexes[form] = PatternIndex(self.verb_patterns[form])
        return index

    def own_verb(self, token) -> bool:
        """Whether the verb has a sense of its own in the lexicon's files (not only a base file's
        verb-object pattern, which reads one object's word, or a base file's bare verb)."""
        return any(key in self.verbs for key in self.keys(token)) or any(
            self._phrase_match(token, rest) for key in self.keys(token) for rest, _ in self.verb_phrases.get(key, ()))

    def weak_sense(self, token) -> Sense | None:
        """A base file's bare-verb sense of a verb no other entry codes (see `weak_verbs`)."""
        return self._phrase_value(self.weak_phrases, self.weak_verbs, token)

    def _phrase_of(self, table: dict, token) -> tuple[tuple[str, ...], Any]:
        """(the words after the verb, the value) of the first phrase of `table` the token begins,
        else ((), None)."""
        return next(((rest, value) for key in self.keys(token) for rest, value in table.get(key, ())
                     if self._phrase_match(token, rest)), ((), None))

    def _phrase_value(self, table: dict, single: dict, token) -> Any:
        """The value of the first phrase of `table` the token begins, else of the token alone."""
        rest, value = self._phrase_of(table, token)
        if rest:
            return value
        for key in self.keys(token):
            if key in single:
                return single[key]
        return None

    def is_rebuttal(self, token) -> bool:
        keys = set(self.keys(token))
        particles = [c.lower_ for c in token.children if c.dep_ in ("prt", "advmod")]
        return bool(keys & self.rebuttals) or any(f"{k} {p}" in self.rebuttals for k in keys for p in particles)

    def class_of(self, token) -> str | None:
        return self._phrase_value(self.class_phrases, self.verb_class, token)

    def verb_phrase_words(self, token) -> tuple[str, ...]:
        """The words after the verb of the verb phrase it begins ("join forces" → ("forces",)), or ()."""
        return self._phrase_of(self.verb_phrases, token)[0]

    def class_phrase_words(self, token) -> tuple[str, ...]:
        """The words after the verb of the class phrase it begins ("renege on" → ("on",)), or ()."""
        return self._phrase_of(self.class_phrases, token)[0]

    def ends(self, token) -> bool:
        """Whether a verb ends, cuts or lifts the act its object names ("lift", "break", "halt")."""
        return self.class_of(token) in ENDING_CLASSES

    def noun_class_of(self, token) -> str | None:
        """The verb class a noun names ("an end to …": stop), or None."""
        return next((self.noun_classes[k] for k in self.keys(token) if k in self.noun_classes), None)

    def governor_of(self, token) -> str | None:
        return self._phrase_value(self.governor_phrases, self.governors, token)

    def phrase_noun_from(self, token):
        """The last word of a lexicon noun phrase that `token` begins and whose other words hang
        under it ("state" of "a state of emergency" → "emergency"), or None."""
        doc = token.doc
        for end in range(token.i + 2, min(token.i + 4, len(doc))):
            last = doc[end]
            if not token.is_ancestor(last) or self.noun_entry(last) is None:
                continue
            words = tuple(t.lower_ for t in doc[token.i:end])
            if any(before == words for key in self.keys(last) for before, _ in self.noun_phrases.get(key, ())):
                return last
        return None

    def noun_entry(self, token) -> NounEntry | None:
        for key in self.keys(token):
            for before, entry in self.noun_phrases.get(key, ()):
                words = [t.lower_ for t in token.doc[max(token.i - len(before), 0): token.i]]
                if tuple(words) == before:
                    return entry
        for key in self.keys(token):
            if key in self.nouns:
                return self.nouns[key]
        # a head noun outside the lexicon takes its compound's meaning ("aid deliveries", "trade talks")
        for child in token.children:
            if child.dep_ == "compound" and child.i == token.i - 1:
                for key in self.keys(child):
                    entry = self.nouns.get(key)
                    if entry is not None and entry.nominal:
                        return entry
        return None

    def people_entry(self, token) -> NounEntry | None:
        """The entry a noun takes when people do it (`by_people`), or None."""
        return next((self.people_nouns[k] for k in self.keys(token) if k in self.people_nouns), None)

    def refine(self, sense: Sense, entry: NounEntry | None, token) -> Sense:
        """A noun's sense by whom it is aimed at ("a ban on the party": `on_someone`), its mode
        by its modifiers ("visa ban" → visa_ban, "military aid"). Both apply: "financial
        sanctions on the president" are sanctions on a person, of the financial kind."""
        if entry is not None and entry.asking is not None and _asks_for_an_act(token):
            return entry.asking
        sense = _on_object(sense, token)
        if entry is not None and entry.modifiers:
            for child in token.children:
                if child.dep_ in ("compound", "amod", "nmod", "npadvmod"):
                    for key in (child.lemma_.lower(), child.lower_):
                        if key in entry.modifiers:
                            return replace(sense, mode=entry.modifiers[key])
        return sense

    def unmodified(self, entry: NounEntry, token) -> bool:
        """Whether a noun is not its entry's event for its modifiers: one it needs is missing
        (`requires_modifier`), or one makes it another thing (`not_with`: "a rescue operation")."""
        if entry.requires_modifier and not self.has_modifier(entry, token):
            return True
        return bool(entry.not_with) and _modified_by(token, entry.not_with)

    def has_modifier(self, entry: NounEntry, token) -> bool:
        return _modified_by(token, entry.modifiers) or any(
            t.lower_ in entry.modifiers for t in token.doc[max(token.i - 2, 0): token.i])


def _modified_by(token, words) -> bool:
    """Whether a compound, adjective or noun modifier of the token is one of `words`."""
    return any(c.dep_ in ("compound", "amod", "nmod") and (c.lemma_.lower() in words or c.lower_ in words)
               for c in token.children)


@lru_cache(maxsize=8)
def load_lexicon(extra_files: tuple[str, ...] = ()) -> Lexicon:
    """The lexicon, loaded once per process (and per set of user files)."""
    return Lexicon.load(extra_files)
