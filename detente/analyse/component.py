"""The `detente_actors` spaCy component: dictionary matches → composed actor spans.

It runs before "ner": every dictionary match (countries, demonyms, capitals, people, agencies,
organisations, groups) is written to `doc.ents`, so the statistical NER predicts around them
and can no longer call "Petro" a GPE or "Trump" an ORG.

Matching is two PhraseMatchers (LOWER for ordinary strings, ORTH for short all-capital
acronyms, so "US" matches but "us" does not) — no Python loop over tokens × patterns. The
matches are then composed left to right into mentions: "Colombian President Gustavo Petro",
"Colombia's ambassador", "U.S. Secretary of State Marco Rubio", "president of Colombia",
"the Biden administration". A role followed by a name the dictionary does not know ("Mexican
President Claudia Sheinbaum") makes that name a document-local person, so later bare
"Sheinbaum" is found too.

Output: `doc.spans["detente_actors"]`, one span per mention, label = kind, and the mention's
`Record` on `span._.detente_mention` (see `mention_span`, `record_of`); dates are resolved later
by `detente.analyse.actor_mentions`.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from detente import resources
from detente.analyse.actors import (
    AGENCY,
    CAPITAL,
    COUNTRY,
    DEMONYM,
    DESCRIPTION,
    GROUP,
    IGNORE,
    ORG,
    PEOPLE,
    PERSON,
    PLACE,
    PROPER_KINDS,
    ROLE,
    ActorDictionary,
    Surface,
    normalise,
)
from detente.analyse.doctext import text_of
from detente.clean.dateline import datelines
from detente.ontology import CIVILIAN_SECTOR

SPANS_KEY = "detente_actors"
COMPONENT = "detente_actors"

COUNTRY_WORDS = (COUNTRY, DEMONYM, PLACE)
_WORDS = resources.words("mentions")
FORMER_WORDS = frozenset(_WORDS["former_words"])
PAST_OFFICE_VERBS = frozenset(_WORDS["past_office_verbs"])  # "served as president": held before
NAME_TITLES = frozenset(_WORDS["name_titles"])
ENT_LABELS = {PERSON: "PERSON", COUNTRY: "GPE", CAPITAL: "GPE", PLACE: "GPE", DEMONYM: "NORP", PEOPLE: "NORP",
              AGENCY: "ORG", ORG: "ORG", GROUP: "ORG"}
POSSESSIVE = frozenset(_WORDS["possessive"])
HOSTED_ROLES = frozenset(_WORDS["hosted_roles"])  # "the Ottawa embassy" is in Ottawa
MONTHS = frozenset(resources.load("dating_words.yaml")["months"])


def date_shaped(spelling: str) -> bool:
    """A name written like a date ("May 15", "17 November": groups named after one): matched, it
    would make every such date of a story an actor, so it is not matched."""
    words = spelling.lower().split()
    return len(words) == 2 and any(w in MONTHS for w in words) and any(w.rstrip("stndrh").isdigit() for w in words)
# A one-person role's own word tells the holder's gender ("spokeswoman", "queen"): for "he"/"she".
FEMALE_ROLE_WORDS = frozenset(_WORDS["female_role_words"])
MALE_ROLE_WORDS = frozenset(_WORDS["male_role_words"])
# Head nouns of organisation names built on a place or country word ("Washington Office on Latin
# America", "Moscow State University", "Colombo-American Chamber of Commerce") → sector of the body.
ORG_HEADS = dict(_WORDS["org_heads"])
ORG_LINKS = frozenset(_WORDS["org_links"])
# "-based", "-led": the group after the hyphened word is the country's ("the Saudi-led coalition")
HYPHEN_COUNTRY_WORDS = frozenset(_WORDS["hyphen_country_words"])
HYPHEN_OWNER_WORDS = frozenset(_WORDS["hyphen_owner_words"])
ENVOY_ROLES = frozenset(_WORDS["envoy_roles"])  # "envoy for Togo": someone else's, dealing with Togo
HYPHEN_LEADING_WORDS = frozenset(_WORDS["hyphen_leading_words"])  # "a Saudi-led strike": Saudi's act


def _held_before(head) -> bool:
    """A role told as held in the past: "was a two-term Danish prime minister", "served as
    Ghanaian president from 2001 until 2009" (the attribute of a past "be", or the "as" phrase of
    a past "serve"): its holder is a former office holder now."""
    if head.dep_ == "attr" and head.head.lemma_ == "be" and head.head.tag_ == "VBD":
        return True
    prep = head.head
    return head.dep_ == "pobj" and prep.lower_ == "as" and prep.head.tag_ == "VBD" \
        and prep.head.lemma_.lower() in PAST_OFFICE_VERBS


@dataclass(frozen=True)
class Record:
    """What a mention span says before date resolution; kept on the span as `span._.detente_mention`."""

    kind: str  # name | country | capital | demonym | people | role | org | group | description
    country: str | None = None  # from a country word in the mention ("Colombian President …")
    sector: str | None = None  # from a role or agency in the mention
    ids: tuple[str, ...] = ()  # dictionary entry ids (several people may share a surname)
    flags: str = ""  # former | elect | person (a one-person role) | local (name learnt from the text)


MENTION_ATTR = "detente_mention"
if not Span.has_extension(MENTION_ATTR):
    Span.set_extension(MENTION_ATTR, default=None)


def mention_span(doc: Doc, start: int, end: int, record: Record) -> Span:
    """A mention span labelled with its kind, carrying its record (spaCy keeps Span extension
    values in `doc.user_data` by offsets and label, so the span read back from the group has it)."""
    span = Span(doc, start, end, label=record.kind)
    span._.set(MENTION_ATTR, record)
    return span


def record_of(span: Span) -> Record:
    """The record of a span of `doc.spans["detente_actors"]`."""
    record = span._.get(MENTION_ATTR)
    if record is None:
        raise ValueError(f"span {span.text!r} is not a detente actor mention (no record on it)")
    return record


@dataclass
class _Prim:
    start: int
    end: int
    meanings: list[Surface]

    @property
    def kind(self) -> str:
        return self.meanings[0].kind


class ActorComponent:
    def __init__(self, nlp: Language, dictionary: ActorDictionary):
        self.dictionary = dictionary
        self.lower = PhraseMatcher(nlp.vocab, attr="LOWER")
        self.orth = PhraseMatcher(nlp.vocab, attr="ORTH")
        by_key: dict[tuple[str, bool], list] = {}
        for key, spelling in dictionary.patterns():
            if date_shaped(spelling):
                continue
            bare = spelling.replace(".", "")
            acronym = spelling.isupper() and " " not in spelling and len(bare) <= 5
            by_key.setdefault((key, acronym), []).append(spelling)
        for (key, acronym), spellings in by_key.items():
            docs = [nlp.make_doc(s) for s in sorted(set(spellings))]
            (self.orth if acronym else self.lower).add(key, docs)
        self.strings = nlp.vocab.strings
        self.files = list(dictionary.files)
        self.first_names = _first_names(dictionary)

    # ---- matching ---------------------------------------------------------------------------
    def _primitives(self, doc: Doc) -> list[_Prim]:
        found = []
        for match_id, start, end in list(self.lower(doc)) + list(self.orth(doc)):
            meanings = self.dictionary.surfaces.get(self.strings[match_id], [])
            text = doc[start:end].text
            if text == text.lower():  # "turkey", "china": proper names only when capitalised
                meanings = [m for m in meanings if m.kind not in PROPER_KINDS]
            if meanings:
                found.append(_Prim(start, end, meanings))
        found.sort(key=lambda p: (p.start - p.end, p.start))
        taken = bytearray(len(doc) + 1)
        chosen = []
        for prim in found:
            if not any(taken[prim.start:prim.end]):
                taken[prim.start:prim.end] = b"\x01" * (prim.end - prim.start)
                chosen.append(prim)
        chosen.sort(key=lambda p: p.start)
        return [p for p in chosen if p.kind != IGNORE]

    # ---- composition ------------------------------------------------------------------------
    def _joins(self, group: list[_Prim], nxt: _Prim, gap: list[str], after: str = "", words: str = "",
               last_word: str = "") -> bool:
        """Whether `nxt` continues the actor phrase `group` across the words `gap` (`words`: its
        own words, lower case; `after`: the word right after it; `last_word`: the group's last
        word, lower case)."""
        last = group[-1]
        kinds = {p.kind for p in group}
        if PERSON in kinds and nxt.kind == PERSON:
            return False
        if not gap:
            if last.kind in COUNTRY_WORDS:
                return nxt.kind in (ROLE, AGENCY, PERSON, GROUP, DESCRIPTION)
            if last.kind == CAPITAL and len(group) == 1:
                # "a Nairobi court", "Moscow police": the country's court, police; but "the
                # Ottawa embassy" is another country's, in Ottawa
                return nxt.kind == ROLE and words not in HOSTED_ROLES
            if last.kind in (ROLE, AGENCY):
                return nxt.kind in (ROLE, PERSON) or (nxt.kind == DESCRIPTION and last.kind == ROLE)
            if last.kind == PERSON:
                return nxt.kind == ROLE and not self._is_person_role(nxt)
            if last.kind == DESCRIPTION:
                return nxt.kind == ROLE
            return False
        if len(gap) == 2 and gap[0] == "-" and gap[1] in HYPHEN_COUNTRY_WORDS and len(group) == 1 \
                and last.kind in (COUNTRY, DEMONYM, PLACE, CAPITAL) and nxt.kind == ROLE:
            return True  # "Pakistan-based militants", "the Saudi-led coalition": coded as that country's
        if len(gap) == 1 and gap[0] in POSSESSIVE:
            return last.kind in (COUNTRY, PLACE, PERSON, AGENCY, ORG) and nxt.kind in (ROLE, AGENCY)
        if gap in (["of"], ["of", "the"], ["for"], ["for", "the"]) and last.kind in (ROLE, AGENCY) \
                and PERSON not in kinds and (gap[0] == "of" or self._is_person_role(last)):
            has_country = any(p.kind in COUNTRY_WORDS for p in group)
            if after in POSSESSIVE:
                return False  # "the leader of Yemen's Houthi rebels" leads the rebels, not Yemen
            if gap[0] == "for" and last_word in ENVOY_ROLES:
                return False  # "the U.N. special envoy for Togo" deals with Togo, for someone else
            # "spokesman for the Czech foreign ministry"
            return not has_country and (nxt.kind in (COUNTRY, ORG) or nxt.kind == DEMONYM and gap[0] == "for")
        return False

    def _is_person_role(self, prim: _Prim) -> bool:
        return any(self.dictionary.entries[m.entry_id].person for m in prim.meanings if m.kind == ROLE)

    def _unknown_name(self, doc: Doc, start: int, taken: set[int]) -> int:
        """End of a name right after a one-person role that the dictionary does not know."""
        tagged = doc.has_annotation("TAG")
        end = start
        while end < len(doc) and end - start < 4 and end not in taken:
            tok = doc[end]
            is_name = tok.tag_ == "NNP" if tagged else tok.is_title
            if not (is_name and tok.is_title and (tok.is_alpha or "-" in tok.text)):
                break
            end += 1
        return end

    def _record(self, doc: Doc, group: list[_Prim], start: int) -> Record:
        kinds = [p.kind for p in group]
        country = sector = None
        ids: list[str] = []
        flags = set()
        for prim in group:
            surface = prim.meanings[0]
            entry = self.dictionary.entries[surface.entry_id]
            if (prim.kind in COUNTRY_WORDS or prim.kind == CAPITAL and len(group) > 1) and country is None:
                country = entry.country
            if prim.kind in (ROLE, AGENCY):
                sector = sector or entry.sector
                if prim.kind == AGENCY and country is None:
                    country = entry.country
                if prim.kind == ROLE and entry.person:
                    flags.add("person")
                    word = doc[prim.start:prim.end].text.lower()
                    if word in FEMALE_ROLE_WORDS or word.split()[-1] in FEMALE_ROLE_WORDS:
                        flags.add("f")
                    elif word in MALE_ROLE_WORDS or word.split()[-1] in MALE_ROLE_WORDS:
                        flags.add("m")
                flags.update(m.flags for m in prim.meanings if m.flags)
            if prim.kind == DESCRIPTION and entry.person:
                flags.add("person")
            if prim.kind in (PERSON, ORG, GROUP, AGENCY, DESCRIPTION, ROLE):
                ids.extend(m.entry_id for m in prim.meanings if m.kind == prim.kind)
        if start > 0 and (doc[start - 1].lower_ in FORMER_WORDS
                          or (doc[start - 1].text == "-" and start > 1 and doc[start - 2].lower_ in FORMER_WORDS)):
            flags.add("former")
        if ROLE in kinds and _held_before(doc[group[-1].end - 1]):
            flags.add("former")
        if PERSON in kinds:
            kind = "name"
            flags.add("person")
        elif AGENCY in kinds:
            kind = "org"
        elif ROLE in kinds:
            kind = "role"
        elif DESCRIPTION in kinds:
            kind = "description"
        elif len(group) == 1 and kinds[0] == PEOPLE:
            kind = "demonym"
            country, sector = self.dictionary.entries[group[0].meanings[0].entry_id].country, CIVILIAN_SECTOR
        elif len(group) == 1 and kinds[0] == CAPITAL:
            kind = "capital"
            ids = [group[0].meanings[0].entry_id]
        elif len(group) == 1 and kinds[0] in (COUNTRY, DEMONYM):
            kind = kinds[0]
        elif len(group) == 1 and kinds[0] == PLACE:  # a region or city locates the country
            kind = "country"
            ids = [group[0].meanings[0].entry_id]
        else:
            kind = kinds[-1] if kinds[-1] in (ORG, GROUP) else "group"
            if kinds[-1] == GROUP and country is None:
                country = None
        return Record(kind, country, sector, tuple(dict.fromkeys(ids)), " ".join(sorted(flags)))

    def _namesakes(self, doc: Doc, prims: list[_Prim]) -> list[_Prim]:
        """Drop surname matches that name someone else: "Richard Bennett" is not the dictionary's
        Naftali Bennett, and a later bare "Bennett" is Richard, unless the dictionary person's own
        full name or a title ("Prime Minister Bennett") is written. A first name is a first word of
        the dictionary's people's names ("Richard"), never a word of the matched person's own."""
        if not any(p.kind == PERSON for p in prims):
            return prims
        covered = {i for p in prims for i in range(p.start, p.end)}
        full_names = {" ".join(normalise(t.text) for t in doc[p.start:p.end]) for p in prims if p.kind == PERSON}
        others: set[str] = set()  # surnames of people the text names who are not in the dictionary
        out = []
        for k, prim in enumerate(prims):
            if prim.kind == PERSON and prim.end - prim.start == 1:
                word = normalise(doc[prim.start].text)
                entries = [self.dictionary.entries[m.entry_id] for m in prim.meanings if m.kind == PERSON]
                own_words = {w for e in entries for n in [e.name, *e.names] for w in normalise(n).split()}
                surname_only = all(len(e.name.split()) > 1 and word == normalise(e.name).split()[-1] for e in entries)
                before = doc[prim.start - 1] if prim.start > 0 else None
                if surname_only and before is not None and before.i not in covered \
                        and before.text in self.first_names and normalise(before.text) not in own_words:
                    others.add(word)
                    continue
                titled = k > 0 and prims[k - 1].end == prim.start and prims[k - 1].kind == ROLE
                if surname_only and word in others and not titled \
                        and not any(normalise(e.name) in full_names for e in entries):
                    continue
            out.append(prim)
        return out

    def __call__(self, doc: Doc) -> Doc:
        prims = self._namesakes(doc, self._primitives(doc))
        spans: list[Span] = []
        ents: list[Span] = []
        prims = self._drop_non_actors(doc, prims, spans, ents)
        taken = {i for p in prims for i in range(p.start, p.end)}
        taken.update(i for s in spans for i in range(s.start, s.end))
        local: dict[str, tuple[list[str], Record]] = {}  # surname → (name tokens, record)
        i = 0
        while i < len(prims):
            j = self._group_end(doc, prims, i)
            group = prims[i:j]
            start, end = group[0].start, group[-1].end
            record = self._record(doc, group, start)
            introduced = False
            if group[-1].kind == ROLE and "person" in record.flags and record.kind == "role":
                name_end = self._unknown_name(doc, end, taken)
                if name_end > end:
                    introduced = True
                    words = [t.text for t in doc[end:name_end]]
                    ents.append(Span(doc, end, name_end, label="PERSON"))
                    country, sector = record.country, record.sector
                    # "Spokeswoman Anna Kowalska of Poland's foreign ministry": the body after the name
                    k = self._body_after(doc, prims, j, name_end)
                    if k is not None:
                        body = self._record(doc, prims[j:k], prims[j].start)
                        country = country or body.country
                        for prim in prims[j:k]:
                            label = ENT_LABELS.get(prim.kind)
                            if label:
                                ents.append(Span(doc, prim.start, prim.end, label=label))
                        name_end, j = prims[k - 1].end, k
                    record = Record("name", country, sector, ("local:" + " ".join(words), *self._as(doc, group)),
                                    (record.flags + " local").strip())
                    self._learn(local, words, record)
                    taken.update(range(end, name_end))
                    end = name_end
            if not introduced and "person" in record.flags and record.kind == "role" and record.country:
                # "Liu Heng, a spokesman for China's foreign ministry, said": the name before the role
                named = self._apposed_name(doc, start, taken)
                if named is not None:
                    words = [t.text for t in doc[named:start - 2]]
                    name_record = Record("name", record.country, record.sector,
                                         ("local:" + " ".join(words), *self._as(doc, group)),
                                         (record.flags + " local").strip())
                    name_end = named + len(words)
                    spans.append(mention_span(doc, named, name_end, name_record))
                    ents.append(Span(doc, named, name_end, label="PERSON"))
                    self._learn(local, words, name_record)
                    taken.update(range(named, name_end))
            spans.append(mention_span(doc, start, end, record))
            for prim in group:
                label = ENT_LABELS.get(prim.kind)
                if label:
                    ents.append(Span(doc, prim.start, prim.end, label=label))
            i = j
        if local:
            spans.extend(self._local_mentions(doc, local, taken, ents))
        spans.sort(key=lambda s: s.start)
        doc.spans[SPANS_KEY] = spans
        doc.spans[SPANS_KEY].attrs["actors_files"] = self.files
        self._set_ents(doc, ents)
        return doc

    def _group_end(self, doc: Doc, prims: list[_Prim], i: int) -> int:
        """Index after the primitives composed with prims[i] into one mention."""
        group = [prims[i]]
        j = i + 1
        while j < len(prims):
            gap = [t.lower_ for t in doc[group[-1].end:prims[j].start]]
            after = doc[prims[j].end].lower_ if prims[j].end < len(doc) else ""
            if not self._joins(group, prims[j], gap, after, doc[prims[j].start:prims[j].end].text.lower(),
                               doc[group[-1].end - 1].lower_):
                break
            group.append(prims[j])
            j += 1
        return j

    def _body_after(self, doc: Doc, prims: list[_Prim], j: int, name_end: int) -> int | None:
        """After "<role> <Name>": "of/for/at <country's body>" → index after that body's primitives."""
        if j >= len(prims):
            return None
        gap = [t.lower_ for t in doc[name_end:prims[j].start]]
        if gap not in (["of"], ["of", "the"], ["for"], ["for", "the"], ["at"], ["at", "the"]):
            return None
        k = self._group_end(doc, prims, j)
        kinds = {p.kind for p in prims[j:k]}
        if kinds & {COUNTRY, DEMONYM, PLACE} and kinds & {ROLE, AGENCY} or kinds & {AGENCY} or \
                (kinds <= {COUNTRY} and gap[0] == "of"):
            return k
        return None

    def _apposed_name(self, doc: Doc, start: int, taken: set[int]) -> int | None:
        """Start of "<Name>, a/an/the" right before a role, if it is a name the dictionary lacks."""
        if start < 3 or doc[start - 1].lower_ not in ("a", "an", "the") or doc[start - 2].text != ",":
            return None
        end = start - 2
        first = end
        tagged = doc.has_annotation("TAG")
        while first > 0 and end - first < 3 and first - 1 not in taken:
            tok = doc[first - 1]
            if not (tok.is_title and tok.is_alpha and (tok.tag_ == "NNP" if tagged else True)):
                break
            first -= 1
        if first == end or end - first < 2 and not tagged:
            return None
        if first > 0 and (doc[first - 1].is_title and doc[first - 1].is_alpha and not doc[first - 1].is_sent_start):
            return None  # part of a longer capitalised phrase
        return first

    def _as(self, doc: Doc, group: list[_Prim]) -> tuple[str, ...]:
        """ "as:<role>" ids: the one-person roles a name was introduced with ("as:spokeswoman")."""
        return tuple("as:" + doc[p.start:p.end].text.lower() for p in group
                     if p.kind == ROLE and self._is_person_role(p))

    @staticmethod
    def _learn(local: dict, words: list[str], record: Record) -> None:
        """Later mentions by the last word of the name ("Kowalska") and, for two-word names, by the
        first ("Liu" of "Liu Heng": family name first in Chinese, Korean, Hungarian… names)."""
        local.setdefault(words[-1], (words, record))
        if len(words) == 2:
            local.setdefault(words[0], ([words[0]], record))

    # ---- what is not an actor ------------------------------------------------------------------
    def _drop_non_actors(self, doc: Doc, prims: list[_Prim], spans: list[Span], ents: list[Span]) -> list[_Prim]:
        """Remove datelines ("NEW DELHI, March 4 —"), hyphenated modifiers ("Moscow-backed",
        "Washington-based", "pro-Russian") and country words inside organisation names ("Washington
        Office on Latin America", "Bank of England"); organisations of one country are kept as
        spans of their own (country + NGO/BUS/EDU/MED)."""
        if not prims:
            return prims
        drop: set[int] = set()
        for line in datelines(text_of(doc)):
            drop.update(id(p) for p in prims if line.start <= doc[p.start].idx < line.end)
        words = [p for p in prims if p.kind in (COUNTRY, DEMONYM, CAPITAL, PLACE, PEOPLE)]
        prim_at = {i: p for p in prims for i in range(p.start, p.end)}
        done: set[int] = set()
        for prim in words:
            if id(prim) in drop or id(prim) in done:
                continue
            extent = self._org_extent(doc, prim, prim_at)
            if extent is not None:
                first, last, head = extent
                inside = [p for p in words if first <= p.start and p.end <= last]
                done.update(id(p) for p in inside)
                drop.update(id(p) for p in inside)
                countries = {self.dictionary.entries[p.meanings[0].entry_id].country for p in inside}
                if len(countries) == 1 and head != "bank":
                    country = countries.pop()
                    sector = ORG_HEADS[head]
                    text = doc[first:last].text
                    record = Record("org", country, sector, ("localorg:" + text,), "")
                    spans.append(mention_span(doc, first, last, record))
                    ents.append(Span(doc, first, last, label="ORG"))
                continue
            if self._hyphen_modifier(doc, prim, prim_at) or self._identity_modifier(prim, prim_at) \
                    or self._surname(doc, prim, prim_at):
                drop.add(id(prim))
        if not drop:
            return prims
        return [p for p in prims if id(p) not in drop]

    def _surname(self, doc: Doc, prim: _Prim, prim_at: dict) -> bool:
        """"Justice Minister Naser Abdel Bari", "Kofi Volta": a place word after names no
        dictionary knows, which the parse hangs on it as one name, ends that name when a title or
        a known first name opens it."""
        if prim.kind not in (PLACE, CAPITAL, COUNTRY) or prim.end - prim.start != 1:
            return False
        token, k = doc[prim.start], prim.start - 1
        while k >= 0 and doc[k].pos_ == "PROPN" and doc[k].dep_ == "compound" and doc[k].head.i == token.i \
                and k not in prim_at:
            k -= 1
        if k == prim.start - 1 or token.pos_ != "PROPN":
            return False
        before = prim_at.get(k)
        return doc[k + 1].text in self.first_names or (before is not None and before.kind == ROLE)

    def _identity_modifier(self, prim: _Prim, prim_at: dict) -> bool:
        """ "Ghanaian Americans", "Korean Canadians": a demonym before another country's people
        names their heritage; the people are the second country's (its civilians), and the first
        is no side of the story."""
        after = prim_at.get(prim.end)
        if prim.kind not in (DEMONYM, PEOPLE) or after is None or after.kind != PEOPLE or after.start != prim.end:
            return False
        own = self.dictionary.entries[prim.meanings[0].entry_id].country
        return own != self.dictionary.entries[after.meanings[0].entry_id].country

    @staticmethod
    def _hyphen_modifier(doc: Doc, prim: _Prim, prim_at: dict) -> bool:
        """ "Moscow-backed", "Washington-based", "pro-Russian", "Hispanic-Swiss": a country word
        glued by a hyphen to a word that is not itself a country word ("US-Colombia" stays), unless
        the word makes it the leader of what follows ("US-led")."""
        end, start = prim.end, prim.start
        if end + 1 < len(doc) and doc[end].text == "-" and not doc[end - 1].whitespace_ \
                and not doc[end].whitespace_ and doc[end + 1].is_alpha:
            nxt = prim_at.get(end + 2)
            if doc[end + 1].lower_ in HYPHEN_COUNTRY_WORDS and nxt is not None and nxt.kind == ROLE and nxt.start == end + 2:
                return False  # "Pakistan-based militants", "the Saudi-led coalition" (composed later)
            if doc[end + 1].lower_ in HYPHEN_LEADING_WORDS | HYPHEN_OWNER_WORDS:
                return False  # "a Saudi-led strike", "the US-led invasion": the leader's act; "a Ghana-owned mine"
            other = prim_at.get(end + 1)
            if other is None or other.kind not in (COUNTRY, DEMONYM, CAPITAL, PLACE):
                return True
        if start >= 2 and doc[start - 1].text == "-" and not doc[start - 1].whitespace_ \
                and not doc[start - 2].whitespace_ and doc[start - 2].is_alpha:
            other = prim_at.get(start - 2)
            if other is None or other.kind not in (COUNTRY, DEMONYM, CAPITAL, PLACE):
                return True
        return False

    @staticmethod
    def _org_extent(doc: Doc, prim: _Prim, prim_at: dict) -> tuple[int, int, str] | None:
        """(start, end, head) of a capitalised organisation name holding the country word, if any."""

        def name_word(tok) -> bool:
            if tok.i in prim_at and prim_at[tok.i].kind not in (COUNTRY, DEMONYM, CAPITAL, PLACE, PEOPLE):
                return False
            return (tok.is_title or tok.is_upper) and tok.is_alpha and not tok.tag_.startswith("VB") \
                and tok.lower_ not in ("the", "a", "an")

        first, last = prim.start, prim.end
        k = last
        while k < len(doc) and k - prim.end < 7:
            tok = doc[k]
            if name_word(tok):
                k += 1
                last = k
            elif tok.lower_ in ORG_LINKS and k + 1 < len(doc) and name_word(doc[k + 1]) \
                    and (tok.text != "-" or not doc[k - 1].whitespace_):
                k += 1
            else:
                break
        k = first - 1
        while k >= 0 and first - k <= 5:
            tok = doc[k]
            if name_word(tok) and not (tok.is_sent_start and tok.lower_ in ("the",)):
                first = k
                k -= 1
            elif tok.lower_ in ("of", "-") and k > 0 and name_word(doc[k - 1]) \
                    and (tok.text != "-" or not tok.whitespace_):
                k -= 1
            else:
                break
        for tok in doc[first:last]:
            if tok.lower_ in ORG_HEADS and tok.is_title and not (prim.start <= tok.i < prim.end):
                return first, last, tok.lower_
        return None

    def _local_mentions(self, doc, local, taken, ents) -> list[Span]:
        """Later mentions of names learnt from "<role> <Name>" in this document."""
        found = []
        for tok in doc:
            if tok.i in taken or tok.text not in local:
                continue
            words, record = local[tok.text]
            start = tok.i
            k = len(words) - 2
            while k >= 0 and start > 0 and doc[start - 1].text == words[k] and start - 1 not in taken:
                start -= 1
                k -= 1
            name_record = Record("name", record.country, record.sector, record.ids, "person local")
            found.append(mention_span(doc, start, tok.i + 1, name_record))
            ents.append(Span(doc, start, tok.i + 1, label="PERSON"))
            taken.update(range(start, tok.i + 1))
        return found

    @staticmethod
    def _set_ents(doc: Doc, ents: list[Span]) -> None:
        if not ents:
            return
        if doc.ents:  # placed after a NER: ours win where they overlap
            ours = {i for e in ents for i in range(e.start, e.end)}
            ents = ents + [e for e in doc.ents if not any(i in ours for i in range(e.start, e.end))]
        doc.set_ents(filter_spans(ents), default="unmodified")


def _first_names(dictionary: ActorDictionary) -> frozenset[str]:
    """First words of the dictionary's people's names of two or more words ("Richard" of
    "Richard Grenell"), except words that are also roles, titles or names of anything else."""
    out = set()
    for entry in dictionary.entries.values():
        if entry.kind != "person":
            continue
        for name in [entry.name, *entry.names]:
            words = name.split()
            if len(words) > 1 and words[0].isalpha() and words[0][:1].isupper() and words[0][1:].islower():
                out.add(words[0])
    return frozenset(w for w in out if not dictionary.meanings(w) and w.lower() not in NAME_TITLES)


@Language.factory(COMPONENT, default_config={"actors_files": []})
def make_actor_component(nlp: Language, name: str, actors_files: list[str]) -> ActorComponent:
    return ActorComponent(nlp, ActorDictionary.load(tuple(actors_files)))
