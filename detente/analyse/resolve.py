"""Actor mentions of a document at a date: the component's spans coded, pronouns and
descriptions resolved to their antecedents.

Coding decisions (CAMEO conventions; see detente/data/actors/README.md):
- a country's name is the bare country ("the United States" → USA, sector None);
- a capital used as a subject or possessive is its government ("Washington said" → USAGOV),
  but a place after a locative preposition is the bare country ("a bomb in Kiev" → UKR);
- a demonym alone is the country ("Colombian goods" → COL); plural people are civilians
  ("Colombians" → COLCVL);
- a person is coded by the term that covers the date: in office → the office's sector,
  president-elect or former office holder → ELI, never held office → their own sector;
- "he", "his", "the Colombian leader", "the former guerrilla" take the nearest compatible
  earlier person (same gender and country where known; a subject is preferred over other
  people in the same sentence); plural descriptions ("the two leaders") are not resolved.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass, replace

from spacy.tokens import Doc

from detente import resources
from detente.analyse.actors import FORMER_SECTOR, ActorDictionary, _term_at, normalise, point_date
from detente.analyse.component import SPANS_KEY, Record, record_of
from detente.models import Actor
from detente.ontology import CIVILIAN_SECTOR, GOVERNMENT_SECTOR, is_organisation

_WORDS = resources.words("resolve")
PERSON_HEADS = frozenset(_WORDS["person_heads"])
PRONOUNS = dict(_WORDS["pronouns"])
LOCATIVE = frozenset(_WORDS["locative"])
PLACE_VERBS = frozenset(_WORDS["place_verbs"])
SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass"})
PRONOUN_WINDOW = 5  # sentences back for "he"/"she"


@dataclass(frozen=True)
class ActorMention:
    start: int  # character offsets in doc.text
    end: int
    token_start: int
    token_end: int
    text: str
    actor: Actor
    kind: str  # name | country | capital | demonym | role | org | group | pronoun | description
    antecedent: ActorMention | None = None
    place: bool = False  # a city or region named for its country ("Jeddah"), not the country's own name


def _attributive(span, record: Record, spans: list) -> bool:
    """A bare one-word role used as an adjective of a noun that is no actor ("military strikes",
    "a military operation") describes the act, it names no one: not a mention. (Needs the parse;
    "the military said" and "military leaders" are mentions.)"""
    if record.kind != "role" or len(span) != 1 or record.country or span[0].dep_ != "amod":
        return False
    head = span[0].head
    if head.lemma_.lower() in PERSON_HEADS:
        return False
    return not any(other.start <= head.i < other.end for other in spans)


def dictionary_of(doc: Doc) -> ActorDictionary:
    group = doc.spans.get(SPANS_KEY)
    files = tuple(group.attrs.get("actors_files", ())) if group is not None else ()
    return ActorDictionary.load(files)


def actor_mentions(doc: Doc, date: str | None = None) -> list[ActorMention]:
    """Every actor in `doc`, in text order, resolved for `date` (ISO date of any precision)."""
    if SPANS_KEY not in doc.spans:
        raise ValueError("this Doc has no actor spans: build it with detente.analyse.load_nlp(), "
                         "whose pipeline has the 'detente_actors' component")
    dictionary = dictionary_of(doc)
    mentions: list[ActorMention] = []
    people: list[tuple[ActorMention, Record]] = []  # candidate antecedents, in text order
    bodies: list[tuple[ActorMention, object]] = []  # organisations named so far, for "the bloc"
    covered = set()
    pronoun_at = _pronouns(doc)
    unknown: list[int] | None = None  # people no dictionary knows named as a subject, on the first pronoun
    spans = list(doc.spans[SPANS_KEY])
    events = sorted([(s.start, "span", s) for s in spans] + [(i, "pronoun", g) for i, g in pronoun_at.items()],
                    key=lambda e: e[0])
    for _, what, item in events:
        if what == "pronoun":
            if item in covered:
                continue
            tok = doc[_]
            if unknown is None:
                unknown = unknown_subjects_of(doc)
            antecedent = _antecedent_for_pronoun(doc, tok.i, pronoun_at[tok.i], people, dictionary, unknown)
            if antecedent is not None and antecedent.actor.code:
                actor = replace(antecedent.actor, text=tok.text)
                mentions.append(ActorMention(tok.idx, tok.idx + len(tok.text), tok.i, tok.i + 1, tok.text, actor,
                                             "pronoun", antecedent))
            continue
        span = item
        covered.update(range(span.start, span.end))
        record = record_of(span)
        collective = _collective_entry(record, dictionary)
        if collective is not None:
            mention = _code_collective(doc, span, collective, bodies, dictionary, mentions)
            if mention is not None:
                mentions.append(mention)
            continue
        if _attributive(span, record, spans):
            continue
        mention = _code_span(doc, span, record, date, dictionary, people)
        introduced = record.kind == "name" and bool(record.ids) and record.ids[0].startswith("local:")
        if mention is None and introduced:
            mention = _of_body_before(doc, span, record, mentions)
            if mention is not None:
                mentions.pop()  # the body's own mention is now part of its officer's
        if mention is None:
            mention = _government_in_view(doc, span, record, mentions)
        if mention is None:
            if introduced:
                # a person introduced by role whose country is not written ("Foreign ministry spokesman
                # Liu Heng"): no actor, but "he"/"she" after it must not skip back to someone else
                people.append((_mention(span, Actor(span.text, None, None, None, record.ids[0][6:]), "name"),
                               record))
            continue
        mentions.append(mention)
        if mention.kind == "org":
            entry = _first_entry(dictionary, record.ids)
            if entry is not None and entry.kind == "org" and is_organisation(mention.actor.code):
                bodies.append((mention, entry))
        if "person" in record.flags and mention.kind in ("name", "role", "description"):
            if mention.antecedent is not None:  # carries the antecedent's gender and entries on
                record = next((r for m, r in reversed(people) if m == mention.antecedent), record)
            people.append((mention, record))
    return mentions


DETERMINERS = frozenset(_WORDS["determiners"])
BODY_WINDOW = 5  # sentences back for "the body", "the council"
COUNTRY_WINDOW = 1  # sentences back for "the country": this one and the one before


def _of_body_before(doc, span, record: Record, mentions: list[ActorMention]) -> ActorMention | None:
    """A person introduced by an office of the organisation named right before it ("NATO Secretary
    General <name>", "World Bank President <name>") is that organisation's, as "Kenyan President
    <name>" is Kenya's: one mention over both, so that "he" and "him" later refer to it."""
    if not mentions:
        return None
    body = mentions[-1]
    if body.kind != "org" or body.token_end != span.start or not body.actor.code:
        return None
    words = doc[body.token_start:span.end]
    actor = Actor(words.text, body.actor.code, body.actor.country, body.actor.sector, record.ids[0][len("local:"):])
    return ActorMention(words.start_char, words.end_char, words.start, words.end, words.text, actor, "name")


def _country_name(dictionary, code: str) -> str:
    entry = dictionary.entries.get(f"country:{code}")
    return entry.name if entry is not None else code


def _collective_entry(record: Record, dictionary):
    if record.kind != "description" or record.country:
        return None
    for ident in record.ids:
        entry = dictionary.entries.get(ident)
        if entry is not None and entry.refers:
            return entry
    return None


def _code_collective(doc, span, entry, bodies, dictionary, mentions) -> ActorMention | None:
    """"the bloc" → the nearest earlier bloc (else the entry's default, the EU), "the alliance" →
    the nearest earlier alliance (else NATO), "the body"/"the council" → the one organisation in
    view, "the country" → the one country named in the COUNTRY_WINDOW sentences up to it (`mentions`:
    the document's mentions so far).

    Needs a determiner ("the bloc", "the 27-nation bloc", "the Western alliance"); "the body of …"
    and a body right after an organisation's name ("the NATO alliance") are not resolved."""
    k = span.start - 1
    while k >= 0 and span.start - k <= 4 and (doc[k].tag_ in ("JJ", "CD", "HYPH") or doc[k].lower_ in (
            "nation", "member", "country", "state")):
        k -= 1
    if k < 0 or doc[k].lower_ not in DETERMINERS:
        return None
    after = doc[span.end] if span.end < len(doc) else None
    if after is not None and after.lower_ == "of":
        return None
    earlier = [(m, e) for m, e in bodies if m.token_end <= span.start]
    if earlier and earlier[-1][0].token_end >= k:  # "the NATO alliance": the name already says it
        return None
    target = None
    sent_starts = [s.start for s in doc.sents] if doc.has_annotation("SENT_START") else [0]
    here = _sentence_index(sent_starts, span.start)
    if entry.refers == "country":
        found = _country_in_view(doc, span, mentions)
        if found is None:
            return None  # none named, or two: no guess
        country, seen = found
        actor = Actor(span.text, country, country, None, _country_name(dictionary, country))
        return ActorMention(span.start_char, span.end_char, span.start, span.end, span.text, actor,
                            "description", seen)
    if entry.refers in ("bloc", "alliance"):
        typed = [m for m, e in earlier if e.type == entry.refers]
        if typed:
            target = typed[-1]
        elif entry.default:
            default = next((e for e in dictionary.entries.values() if e.kind == "org" and e.code == entry.default),
                           None)
            if default is None:
                return None
            actor = Actor(span.text, default.code, None, default.sector, default.name)
            return ActorMention(span.start_char, span.end_char, span.start, span.end, span.text, actor,
                                "description")
    else:
        in_view = [m for m, e in earlier if here - _sentence_index(sent_starts, m.token_start) <= BODY_WINDOW]
        word = span[-1].lower_
        named = [m for m in in_view if word in m.actor.name.lower().split()] if word == "council" else []
        if named:
            target = named[-1]
        elif len({m.actor.code for m in in_view}) == 1:
            target = in_view[-1]
    if target is None:
        return None
    return ActorMention(span.start_char, span.end_char, span.start, span.end, span.text,
                        replace(target.actor, text=span.text), "description", target)


def _country_in_view(doc, span, mentions: list[ActorMention]) -> tuple[str, ActorMention] | None:
    """The one country (and its last mention) named in the COUNTRY_WINDOW sentences up to `span`
    ("the country", "the government" of a story about one country), or None when none or two are
    (a country its own sentence names after `span` does not count: "X accused Y. The country
    closed its border with Y", "… expelled two Chilean diplomats")."""
    sent_starts = [s.start for s in doc.sents] if doc.has_annotation("SENT_START") else [0]
    here = _sentence_index(sent_starts, span.start)
    in_view = [m for m in mentions if m.actor.country and m.token_end <= span.start
               and here - _sentence_index(sent_starts, m.token_start) <= COUNTRY_WINDOW]
    if len({m.actor.country for m in in_view}) > 1:
        sent_end = sent_starts[here + 1] if here + 1 < len(sent_starts) else len(doc)
        named_after = _countries_named(doc, span.end, sent_end)
        in_view = [m for m in in_view if m.actor.country not in named_after]
    countries = {m.actor.country for m in in_view if m.actor.country}
    if len(countries) != 1:
        return None
    return countries.pop(), in_view[-1]


def _countries_named(doc, start: int, end: int) -> set[str]:
    """The countries the tokens start…end name: by a place word, or as a phrase's country word
    ("two Chilean diplomats")."""
    places = _place_spans(doc)
    return {places[i][1] for i in range(start, end) if i in places} | {
        country for s in doc.spans[SPANS_KEY] if start <= s.start < end for country in [record_of(s).country] if country}


def _government_in_view(doc, span, record: Record, mentions: list[ActorMention]) -> ActorMention | None:
    """"Thousands of Togolese protested against the government": a definite government body named
    with no country ("the government", "the authorities", "the regime") is the government of the
    one country in view, as "the country" is that country; never a guess between two (another
    country in its own sentence included: "the ruling party that governed Syria"), nor a body
    someone owns ("its government", "the government of …")."""
    if record.kind != "role" or record.country or span.text.lower() not in GOVERNMENT_WORDS \
            or span.start == 0 or doc[span.start - 1].lower_ != "the" \
            or (span.end < len(doc) and doc[span.end].lower_ == "of"):
        return None
    found = _country_in_view(doc, span, mentions)
    sent = doc[span.start].sent
    if found is None or _countries_named(doc, sent.start, sent.end) - {found[0]}:
        return None
    country = found[0]
    return _mention(span, Actor(span.text, country + GOVERNMENT_SECTOR, country, GOVERNMENT_SECTOR), "role")


def _sentence_index(starts: list[int], token: int) -> int:
    return bisect_right(starts, token) - 1


def actor_at(doc: Doc, token_index: int, date: str | None = None) -> ActorMention | None:
    """The mention covering token `token_index`, if any."""
    for mention in actor_mentions(doc, date):
        if mention.token_start <= token_index < mention.token_end:
            return mention
    return None


def _pronouns(doc: Doc) -> dict[int, str]:
    found = {}
    for tok in doc:
        gender = PRONOUNS.get(tok.lower_)
        if gender and (not tok.tag_ or tok.tag_ in ("PRP", "PRP$")):
            found[tok.i] = gender
    return found


def _mention(span, actor: Actor, kind: str, antecedent=None) -> ActorMention:
    return ActorMention(span.start_char, span.end_char, span.start, span.end, span.text, actor, kind, antecedent)


CROWD_WORDS = frozenset(_WORDS["crowd_words"])


def _counted(span) -> bool:
    """"thousands of Togolese", "hundreds of Syrians": a people's name counted by a crowd word."""
    root = span.root
    return root.dep_ == "pobj" and root.head.lower_ == "of" and root.head.head.lower_ in CROWD_WORDS


def _code_span(doc, span, record: Record, date, dictionary: ActorDictionary, people) -> ActorMention | None:
    text = span.text
    kind = record.kind
    if kind in ("country", "demonym"):
        country = record.country
        if country is None and record.ids:
            country = dictionary.entries[record.ids[0]].country
        if country is None:
            return None
        sector = record.sector
        if kind == "demonym" and sector is None and _counted(span):
            sector = CIVILIAN_SECTOR  # "thousands of Togolese": its people, not its state
        # the component gives a city or region its country's entry as its id; a country has none
        return replace(_mention(span, Actor(text, country + (sector or ""), country, sector),
                                "demonym" if kind == "demonym" else "country"),
                       place=kind == "country" and bool(record.ids))
    if kind == "capital":
        entry = dictionary.entries[record.ids[0]]
        head = span.root
        if (head.dep_ == "pobj" and head.head.lower_ in LOCATIVE) or (
                head.dep_ == "dobj" and head.head.lemma_ in PLACE_VERBS):
            return _mention(span, Actor(text, entry.country, entry.country, None, entry.name), "capital")
        code = entry.capital_code or entry.country + "GOV"
        return _mention(span, Actor(text, code, entry.country, "GOV", entry.name), "capital")
    if kind == "name":
        return _code_name(span, record, date, dictionary)
    if kind == "org" and record.ids and record.ids[0].startswith("localorg:") and record.country:
        # "Washington Office on Latin America", "Moscow State University": a body of one country
        return _mention(span, Actor(text, record.country + (record.sector or ""), record.country, record.sector,
                                    record.ids[0][len("localorg:"):]), kind)
    if kind in ("org", "group"):
        entry = _first_entry(dictionary, record.ids)
        if entry is None:
            return None
        country, sector, code = dictionary.entry_status(entry, date)
        if record.country and entry.country is None and entry.kind != "agency":
            country = record.country  # "Colombian rebels" style: a group qualified by a country
            code = country + (sector or "")
        if record.kind == "org" and record.sector and entry.kind == "agency":
            sector = entry.sector or record.sector
        if record.country and entry.kind == "agency" and not entry.country:
            country = record.country
            code = country + (sector or "")
        if not code:
            return None
        name = _strip_article(text) if entry.kind == "agency" else entry.name
        return _mention(span, Actor(text, code, country, sector, name), kind)
    if kind in ("role", "description"):
        return _code_description(doc, span, record, dictionary, people, date)
    return None


LOCATING_PREPS = frozenset(_WORDS["locating_preps"])
CLAUSE_PREPS = frozenset(_WORDS["clause_preps"])
SENDING_VERBS = frozenset(_WORDS["sending_verbs"])
SENDING_NOUNS = frozenset(_WORDS["sending_nouns"])
LOCATING_PARTICIPLES = frozenset(_WORDS["locating_participles"])  # "militants based in Somalia"
PARTICIPLE_PREPS = frozenset(_WORDS["participle_preps"])
NESTED_CLAUSES = frozenset({"ccomp", "advcl", "relcl", "xcomp", "parataxis", "acl", "csubj"})
PLACE_KINDS = frozenset({"country", "capital", "demonym"})
OWNERS = frozenset(_WORDS["owners"])
GOVERNMENT_WORDS = frozenset(_WORDS["government_words"])


def _located(doc, span, record: Record) -> str | None:
    """Country of a domestic group written without one ("protesters", "police", "rebels"):
    (a) a country word in its own noun phrase ("Protesters in the eastern Kosovan town of Gjilan",
    "police from Kosovo") or after a participle that places it ("militants based in Somalia"), else (b) a place after a locative preposition in the same clause
    ("Police detained 20 people in Gjilan"). Never from elsewhere in the document; "its forces",
    "their troops" belong to someone already named."""
    root = span.root
    if any(c.dep_ == "poss" for c in root.children) or (span.start > 0 and doc[span.start - 1].lower_ in OWNERS):
        return None
    places = _place_spans(doc)
    if not places:
        return None
    for prep in root.children:
        if prep.dep_ == "prep" and prep.lower_ in LOCATING_PREPS:
            for tok in prep.subtree:
                if tok.i in places:
                    return places[tok.i][1]
    # (a') a participle after it that places it: "militants based in Somalia", "present on Afghan soil"
    for part in root.children:
        if part.dep_ in ("acl", "amod") and part.i > root.i and part.lemma_.lower() in LOCATING_PARTICIPLES:
            for prep in part.children:
                if prep.dep_ == "prep" and prep.lower_ in PARTICIPLE_PREPS:
                    for tok in prep.subtree:
                        if tok.i in places:
                            return places[tok.i][1]
    if (root.dep_ == "dobj" and root.head.lemma_.lower() in SENDING_VERBS) or (
            root.dep_ == "compound" and root.head.lemma_.lower() in SENDING_NOUNS):
        return None  # "Ghana sent troops to the UN force in Mali", "troop deployments in Libya": where they go is not whose they are
    verb = root
    # a token with no parse is its own head with no label (candidate parsing leaves the
    # sentences that cannot hold an event unparsed): stop there, not only at "ROOT"
    while verb.dep_ != "ROOT" and verb.pos_ not in ("VERB", "AUX") and verb.head.i != verb.i:
        verb = verb.head
    if verb.pos_ not in ("VERB", "AUX"):
        return None
    for tok in _clause(verb):
        if tok.dep_ == "prep" and tok.lower_ in CLAUSE_PREPS:
            for obj in tok.children:
                if obj.dep_ == "pobj" and obj.i in places and places[obj.i][0] != "demonym":
                    return places[obj.i][1]
    return None


def _clause(verb):
    """Tokens of `verb`'s clause, without the clauses nested in it."""
    stack = [verb]
    while stack:
        tok = stack.pop()
        yield tok
        stack.extend(c for c in tok.children if c.dep_ not in NESTED_CLAUSES)


def _place_spans(doc) -> dict[int, tuple[str, str]]:
    """token → (kind, country) for the country words, capitals and places of the document."""
    cached = doc.user_data.get("detente_places")
    if cached is not None and cached[0] == len(doc.spans[SPANS_KEY]):
        return cached[1]
    dictionary = dictionary_of(doc)
    found = {}
    for span in doc.spans[SPANS_KEY]:
        record = record_of(span)
        if record.kind not in PLACE_KINDS:
            continue
        country = record.country
        if country is None and record.ids:
            entry = dictionary.entries.get(record.ids[0])
            country = entry.country if entry is not None else None
        if country:
            for i in range(span.start, span.end):
                found[i] = (record.kind, country)
    doc.user_data["detente_places"] = (len(doc.spans[SPANS_KEY]), found)
    return found


def _strip_article(text: str) -> str:
    return text[4:] if text[:4].lower() == "the " else text


def _first_entry(dictionary, ids):
    for ident in ids:
        entry = dictionary.entries.get(ident)
        if entry is not None and entry.kind in ("org", "group", "agency"):
            return entry
    return None


def _code_name(span, record: Record, date, dictionary: ActorDictionary) -> ActorMention | None:
    text = span.text
    if record.ids and record.ids[0].startswith("local:"):
        sector = FORMER_SECTOR if ("former" in record.flags or "elect" in record.flags) else record.sector
        if not record.country:
            return None
        name = record.ids[0][len("local:"):]
        return _mention(span, Actor(text, record.country + (sector or ""), record.country, sector, name), "name")
    people = [dictionary.entries[i] for i in record.ids if i in dictionary.entries
              and dictionary.entries[i].kind == "person"]
    if not people:
        return None
    entry = _best_person(people, record, date, dictionary)
    country, sector, code = dictionary.person_status(entry, date, record.flags)
    if record.country and country is None:
        country, code = record.country, record.country + (sector or "")
    if country is None and code is None:
        return None
    return _mention(span, Actor(text, code, country, sector, entry.name), "name")


def _best_person(people, record: Record, date, dictionary):
    """Several people share a surname: prefer the one from the mention's country, then in office."""
    if len(people) == 1:
        return people[0]
    if record.country:
        same = [p for p in people if p.country == record.country]
        people = same or people
    for person in people:
        _, sector, _ = dictionary.person_status(person, date)
        if sector and sector != FORMER_SECTOR:
            return person
    return people[0]


def _code_description(doc, span, record: Record, dictionary, people, date) -> ActorMention | None:
    """"the Colombian leader", "the U.S. president", "the former guerrilla", "Colombia's ambassador"."""
    text = span.text
    one_person = "person" in record.flags
    descriptions = _described_as(span, dictionary)
    if _title_noise(doc, span, record, descriptions, dictionary):
        return None
    definite = span.start > 0 and doc[span.start - 1].lower_ in ("the", "this", "that")
    antecedent = None
    if one_person and definite and not _plural(span):
        antecedent = _antecedent_for_description(record, descriptions, people, dictionary, date)
        if antecedent is not None and not antecedent.actor.code:
            antecedent = None
    if record.country:
        sector = record.sector
        if sector is None and record.kind == "description" and antecedent is None:
            if "person" not in record.flags:
                return None  # "the Norwegian Alliance": a body the words only describe
            sector = CIVILIAN_SECTOR  # "a Ghanaian businessman", "a Togolese lawyer": one of its people
        if "former" in record.flags or "elect" in record.flags:
            sector = FORMER_SECTOR
        actor = Actor(text, record.country + (sector or ""), record.country, sector,
                      antecedent.actor.name if antecedent else None)
        return _mention(span, actor, "description" if antecedent else "role", antecedent)
    if antecedent is None:
        country = _located(doc, span, record) if record.kind == "role" and not one_person else None
        if country is None:
            return None
        return _mention(span, Actor(text, country + (record.sector or ""), country, record.sector), "role")
    return _mention(span, replace(antecedent.actor, text=text), "description", antecedent)


# Occupations that are not titles: written with a capital inside a sentence they are a name or a
# heading ("The Diplomat in Spain", "Spokesman of the Year"), not a person already named.
NON_TITLE_ROLES = frozenset(_WORDS["non_title_roles"])


def _title_noise(doc, span, record: Record, descriptions: set[str], dictionary) -> bool:
    last = span[-1]
    if record.country or not last.is_title or last.is_sent_start:
        return False
    generic = {d for d in descriptions if d in NON_TITLE_ROLES or any(
        m.kind == "description" for m in dictionary.surfaces.get(d, ()))}
    return bool(generic) and descriptions <= generic


def _described_as(span, dictionary) -> set[str]:
    """The role and description phrases written in the span: "the former guerrilla" → {"former guerrilla"}."""
    words = [normalise(t.text) for t in span]
    found = set()
    for i in range(len(words)):
        for j in range(i + 1, min(len(words), i + 6) + 1):
            phrase = " ".join(words[i:j])
            if any(m.kind in ("role", "description") for m in dictionary.surfaces.get(phrase, ())):
                found.add(phrase)
    return found


def _plural(span) -> bool:
    return span.root.tag_ in ("NNS", "NNPS") or any(t.lower_ in ("two", "both", "three") for t in span.doc[
        max(span.start - 2, 0):span.start])


HEAD_ROLES = frozenset(_WORDS["head_roles"])
LEADER_WORDS = frozenset(_WORDS["leader_words"])


def _antecedent_for_description(record: Record, descriptions: set[str], people, dictionary, date):
    candidates = [(m, r) for m, r in people if not record.country or m.actor.country == record.country]
    if not candidates:
        return None
    if descriptions:
        described = [m for m, r in candidates if _described(m, r, descriptions, dictionary)]
        if described:
            return described[-1]
        office = [m for m, r in candidates if _holds(r, descriptions, dictionary, date)]
        if office:
            return office[-1]
        if any(dictionary.entries[i].kind == "role" for i in record.ids if i in dictionary.entries):
            # "the U.S. president" is not the Secretary of State: a known person must hold the office
            # (a name introduced as "spokeswoman" is not "the ambassador")
            candidates = [(m, r) for m, r in candidates if not _known_person(r, dictionary)
                          and _may_be(r, descriptions)]
            if not candidates:
                return None
    if record.sector:
        same_sector = [m for m, r in candidates if m.actor.sector == record.sector]
        if same_sector:
            return same_sector[-1]
    if record.kind == "description" and record.country is None and descriptions and record.sector is None:
        return candidates[-1][0]
    return candidates[-1][0] if not record.country else None


GENERIC_ROLES = frozenset(_WORDS["generic_roles"])


def _may_be(record: Record, descriptions: set[str]) -> bool:
    """Whether a person introduced by role ("as:spokeswoman") may be described by `descriptions`."""
    roles = {i[3:] for i in record.ids if i.startswith("as:")}
    return not roles or bool(descriptions & (roles | GENERIC_ROLES))


def _known_person(record: Record, dictionary) -> bool:
    return any(i in dictionary.entries and dictionary.entries[i].kind == "person" for i in record.ids)


def _holds(record: Record, roles: set[str], dictionary, date) -> bool:
    """Whether the person of `record` holds (at `date`) one of the offices named in `roles`."""
    day = point_date(date)
    for ident in record.ids:
        entry = dictionary.entries.get(ident)
        if entry is None or entry.kind != "person" or not entry.terms:
            continue
        term = _term_at(entry.terms, day) if day else max(entry.terms, key=lambda t: t.start or "")
        if term is None:
            continue
        role = normalise(term.role)
        if role in roles or (roles & LEADER_WORDS and role in HEAD_ROLES):
            return True
    return False


def _described(mention: ActorMention, record: Record, descriptions: set[str], dictionary) -> bool:
    for ident in record.ids:
        entry = dictionary.entries.get(ident)
        if entry is not None and entry.kind == "person":
            if descriptions & {normalise(d) for d in entry.descriptions}:
                return True
    return False


def unknown_subjects_of(doc: Doc) -> list[int]:
    """Token indices of people the dictionaries do not know named as a subject ("Kwesi Appiah said
    … He called for …"): a pronoun after one takes no known person further back. Only names the
    tagger marks a person (any proper name cost a right event on the held-back dates-voa stories);
    a surname repeating an earlier actor's name is that actor ("former ECOWAS chairman Kofi Mensah
    … Mensah added …"); in a sentence left unparsed (no act to code:
    `parse: candidates`), a capitalised word that opens it, no stop word and no actor. One pass
    over the document."""
    spans = sorted(doc.spans[SPANS_KEY], key=lambda sp: sp.end) if SPANS_KEY in doc.spans else []
    known = {i for span in spans for i in range(span.start, span.end)}
    names: set[str] = set()  # last words of the actors named so far
    k = 0
    out = []
    unparsed = {sent.start for sent in doc.sents if not any(t.dep_ for t in sent)} if doc.has_annotation("SENT_START") else set()
    for t in doc:
        while k < len(spans) and spans[k].end <= t.i:
            names.add(spans[k][-1].lower_)
            k += 1
        if t.i in known or t.lower_ in names:
            continue
        if (t.dep_ in SUBJECT_DEPS and t.ent_type_ == "PERSON") or (
                t.i in unparsed and t.is_title and not t.is_stop):
            out.append(t.i)
    return out


def _antecedent_for_pronoun(doc, index: int, gender: str, people, dictionary,
                            unknown_subjects: Sequence[int] = ()) -> ActorMention | None:
    sent_of = doc[index].sent.start if doc.has_annotation("SENT_START") else 0
    compatible = []
    for mention, record in people:
        if mention.token_end > index:
            break
        person_gender = _gender(record, dictionary)
        if person_gender and person_gender != gender:
            continue
        compatible.append(mention)
    if not compatible:
        return None
    if not doc.has_annotation("SENT_START"):
        return compatible[-1]
    sentences = {}
    for mention in compatible:
        sentences.setdefault(doc[mention.token_start].sent.start, []).append(mention)
    starts = sorted(sentences, reverse=True)
    sent_index = [s.start for s in doc.sents]
    current = sent_index.index(sent_of)
    # a person the dictionaries do not know, named as a subject since, is who the pronoun most
    # likely means: no known person further back is (`unknown_subjects`)
    unknown = [i for i in unknown_subjects if i < index]
    for start in starts:
        if start in sent_index and current - sent_index.index(start) > PRONOUN_WINDOW:
            return None
        if any(doc[i].sent.start >= start and i > max(m.token_start for m in sentences[start]) for i in unknown):
            return None
        group = sentences[start]
        subjects = [m for m in group if _is_subject(doc, m)]
        if start == sent_of:
            return subjects[-1] if subjects else group[-1]
        return subjects[0] if subjects else group[0]
    return None


def _is_subject(doc, mention: ActorMention) -> bool:
    span = doc[mention.token_start:mention.token_end]
    return span.root.dep_ in SUBJECT_DEPS


def _gender(record: Record, dictionary) -> str | None:
    flags = record.flags.split()
    for ident in record.ids:
        entry = dictionary.entries.get(ident)
        if entry is not None and entry.gender:
            return entry.gender
    if "f" in flags:  # introduced as "spokeswoman", "queen"
        return "f"
    if "m" in flags:
        return "m"
    return None
