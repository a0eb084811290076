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

Output: `doc.spans["detente_actors"]`, one span per mention, label = kind, kb_id = the
encoded record (see `Record`); dates are resolved later by `detente.analyse.actor_mentions`.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

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
)

SPANS_KEY = "detente_actors"
COMPONENT = "detente_actors"

COUNTRY_WORDS = (COUNTRY, DEMONYM, PLACE)
FORMER_WORDS = frozenset({"former", "ex", "ex-", "late", "erstwhile"})
ENT_LABELS = {PERSON: "PERSON", COUNTRY: "GPE", CAPITAL: "GPE", PLACE: "GPE", DEMONYM: "NORP", PEOPLE: "NORP",
              AGENCY: "ORG", ORG: "ORG", GROUP: "ORG"}
POSSESSIVE = frozenset({"'s", "’s", "'"})


@dataclass(frozen=True)
class Record:
    """What a mention span says before date resolution; round-trips through `Span.kb_id_`."""

    kind: str  # name | country | capital | demonym | people | role | org | group | description
    country: str | None = None  # from a country word in the mention ("Colombian President …")
    sector: str | None = None  # from a role or agency in the mention
    ids: tuple[str, ...] = ()  # dictionary entry ids (several people may share a surname)
    flags: str = ""  # former | elect | person (a one-person role) | local (name learnt from the text)

    def encode(self) -> str:
        return "|".join((self.kind, self.country or "", self.sector or "", ",".join(self.ids), self.flags))

    @classmethod
    def decode(cls, text: str) -> Record:
        kind, country, sector, ids, flags = text.split("|", 4)
        return cls(kind, country or None, sector or None, tuple(i for i in ids.split(",") if i), flags)


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
            bare = spelling.replace(".", "")
            acronym = spelling.isupper() and " " not in spelling and len(bare) <= 5
            by_key.setdefault((key, acronym), []).append(spelling)
        for (key, acronym), spellings in by_key.items():
            docs = [nlp.make_doc(s) for s in sorted(set(spellings))]
            (self.orth if acronym else self.lower).add(key, docs)
        self.strings = nlp.vocab.strings
        self.files = list(dictionary.files)

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
    def _joins(self, group: list[_Prim], nxt: _Prim, gap: list[str]) -> bool:
        last = group[-1]
        kinds = {p.kind for p in group}
        if PERSON in kinds and nxt.kind == PERSON:
            return False
        if not gap:
            if last.kind in COUNTRY_WORDS:
                return nxt.kind in (ROLE, AGENCY, PERSON, GROUP, DESCRIPTION)
            if last.kind in (ROLE, AGENCY):
                return nxt.kind in (ROLE, PERSON) or (nxt.kind == DESCRIPTION and last.kind == ROLE)
            if last.kind == PERSON:
                return nxt.kind == ROLE and not self._is_person_role(nxt)
            if last.kind == DESCRIPTION:
                return nxt.kind == ROLE
            return False
        if len(gap) == 1 and gap[0] in POSSESSIVE:
            return last.kind in (COUNTRY, PLACE, PERSON, AGENCY, ORG) and nxt.kind in (ROLE, AGENCY)
        if gap in (["of"], ["of", "the"]) and last.kind in (ROLE, AGENCY) and PERSON not in kinds:
            has_country = any(p.kind in COUNTRY_WORDS for p in group)
            return not has_country and nxt.kind in (COUNTRY, ORG)
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
            if prim.kind in COUNTRY_WORDS and country is None:
                country = entry.country
            if prim.kind in (ROLE, AGENCY):
                sector = sector or entry.sector
                if prim.kind == AGENCY and country is None:
                    country = entry.country
                if prim.kind == ROLE and entry.person:
                    flags.add("person")
                flags.update(m.flags for m in prim.meanings if m.flags)
            if prim.kind == DESCRIPTION and entry.person:
                flags.add("person")
            if prim.kind in (PERSON, ORG, GROUP, AGENCY, DESCRIPTION, ROLE):
                ids.extend(m.entry_id for m in prim.meanings if m.kind == prim.kind)
        if start > 0 and (doc[start - 1].lower_ in FORMER_WORDS
                          or (doc[start - 1].text == "-" and start > 1 and doc[start - 2].lower_ in FORMER_WORDS)):
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
            country, sector = self.dictionary.entries[group[0].meanings[0].entry_id].country, "CVL"
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

    def __call__(self, doc: Doc) -> Doc:
        prims = self._primitives(doc)
        taken = {i for p in prims for i in range(p.start, p.end)}
        spans: list[Span] = []
        ents: list[Span] = []
        local: dict[str, tuple[list[str], Record]] = {}  # surname → (name tokens, record)
        i = 0
        while i < len(prims):
            group = [prims[i]]
            j = i + 1
            while j < len(prims):
                gap = [t.lower_ for t in doc[group[-1].end:prims[j].start]]
                if not self._joins(group, prims[j], gap):
                    break
                group.append(prims[j])
                j += 1
            start, end = group[0].start, group[-1].end
            record = self._record(doc, group, start)
            if group[-1].kind == ROLE and "person" in record.flags and record.kind == "role":
                name_end = self._unknown_name(doc, end, taken)
                if name_end > end:
                    words = [t.text for t in doc[end:name_end]]
                    ents.append(Span(doc, end, name_end, label="PERSON"))
                    record = Record("name", record.country, record.sector, ("local:" + " ".join(words),),
                                    (record.flags + " local").strip())
                    local.setdefault(words[-1], (words, record))
                    taken.update(range(end, name_end))
                    end = name_end
            spans.append(Span(doc, start, end, label=record.kind, kb_id=record.encode()))
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
            found.append(Span(doc, start, tok.i + 1, label="name", kb_id=name_record.encode()))
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


@Language.factory(COMPONENT, default_config={"actors_files": []})
def make_actor_component(nlp: Language, name: str, actors_files: list[str]) -> ActorComponent:
    return ActorComponent(nlp, ActorDictionary.load(tuple(actors_files)))
