"""The actor dictionary: one registry over the package's data files and the user's own.

Data files live in `detente/data/actors/` (format in its README.md): countries (names,
demonyms, capital metonyms), roles and named agencies, people with their terms of office,
international organisations, armed and criminal groups, descriptions ("the former guerrilla")
and names that must never be read as actors ("New Mexico"). Before them, the breadth converted
from the PETRARCH2/Phoenix dictionaries (`detente/data/petrarch2/`, generated) is loaded as a
base: the curated files extend its entries and win (their terms of office, their meaning of a
shared surface string). A user file passed with `--actors FILE` (YAML or CSV, same fields) is
loaded last and wins where it defines the same surface string or the same entry.

Matching is case- and accent-insensitive (`normalise`); the spaCy component
(`detente.analyse.component`) turns every surface string into a PhraseMatcher pattern.
"""

from __future__ import annotations

import csv
import json
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import yaml

from detente.config import PACKAGE_DATA
from detente.models import Actor
from detente.ontology import CIVILIAN_SECTOR

ACTORS_DIR = PACKAGE_DATA / "actors"
PACKAGE_FILES = ("countries.yaml", "roles.yaml", "leaders.yaml", "organisations.yaml")
# Generated breadth (scripts/convert_petrarch2.py), loaded before PACKAGE_FILES so that these win.
# JSON (which is YAML too): parsed ~50 times faster than YAML at this size.
BASE_FILES = tuple(PACKAGE_DATA / "petrarch2" / name for name in ("people.json", "organisations.json", "roles.json"))

# Surface kinds: what a matched string is, before composition.
COUNTRY, DEMONYM, PEOPLE, CAPITAL, PLACE = "country", "demonym", "people", "capital", "place"
ROLE, AGENCY, PERSON, ORG, GROUP, DESCRIPTION, IGNORE = (
    "role", "agency", "person", "org", "group", "description", "ignore")
# kinds that are proper names: matched only when written with a capital letter ("Turkey", not "turkey")
PROPER_KINDS = frozenset({COUNTRY, DEMONYM, PEOPLE, CAPITAL, PLACE, AGENCY, PERSON, ORG, GROUP, IGNORE})

# Sector of someone who held an office and no longer does, or who is elected but not yet in
# office: CAMEO's "elites" (ELI) — a former president is not the government.
FORMER_SECTOR = "ELI"

_QUOTES = str.maketrans({"’": "'", "‘": "'", "`": "'", "–": "-", "—": "-"})


def strip_accents(text: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


def normalise(text: str) -> str:
    """Key of a surface string: accents and case folded, quotes unified, spaces collapsed."""
    text = strip_accents(text.translate(_QUOTES)).lower()
    return re.sub(r"\s+", " ", text).strip()


def point_date(date: str | None) -> str | None:
    """An ISO date of any precision as one day: "2025" → mid-year, "2025-01" → mid-month.

    The middle of the period is the least wrong single day for comparing with term dates.
    """
    if not date:
        return None
    date = str(date)[:10]
    if re.fullmatch(r"\d{4}", date):
        return date + "-07-01"
    if re.fullmatch(r"\d{4}-\d{2}", date):
        return date + "-15"
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", date):
        return date
    return None


@dataclass(frozen=True)
class Term:
    """An office held from `start` (inclusive) to `end` (exclusive; None = still in office)."""

    role: str
    sector: str = "GOV"
    start: str | None = None
    end: str | None = None
    elected: str | None = None  # election day: from then until `start` the person is "-elect"
    country: str | None = None  # when the office is another country's or an IGO's (e.g. UN chief)
    code: str | None = None  # full code when it is not country+sector (IGOUNO)

    def covers(self, day: str) -> bool:
        return (self.start is None or self.start <= day) and (self.end is None or day < self.end)


@dataclass
class Entry:
    """One dictionary entry: a country, a role, an agency, a person, an organisation or a group."""

    id: str
    kind: str  # country | role | agency | person | org | group | description | ignore
    name: str
    names: list[str] = field(default_factory=list)
    code: str | None = None  # full code when not country+sector (IGOUNO, KUR)
    country: str | None = None
    sector: str | None = None
    demonyms: list[str] = field(default_factory=list)
    capitals: list[str] = field(default_factory=list)
    places: list[str] = field(default_factory=list)  # regions and cities: "Antioquia", "Medellín"
    people: list[str] = field(default_factory=list)  # plural demonyms: "Colombians"
    gender: str | None = None  # m | f
    person: bool = False  # a role one person holds ("president"): pronouns may refer to it
    terms: list[Term] = field(default_factory=list)
    descriptions: list[str] = field(default_factory=list)
    capital_code: str | None = None  # countries: code for capital metonyms (default country+GOV)
    type: str | None = None  # organisations: bloc | alliance ("the bloc" may refer to it)
    refers: str | None = None  # collectives: the organisation type they refer back to (bloc, alliance, igo)
    default: str | None = None  # collectives: the code when no such organisation was named before
    explicit_name: bool = field(default=False, repr=False)  # `name:` was given (a merge keeps it)


@dataclass(frozen=True)
class Surface:
    """A surface string's meaning: which entry and as what (a country's name, demonym, capital…)."""

    entry_id: str
    kind: str
    flags: str = ""  # "elect" for "president-elect"


def _list(value) -> list[str]:
    if value is None:
        return []
    if isinstance(value, str):
        return [v.strip() for v in re.split(r"[;|]", value) if v.strip()]
    return [str(v).strip() for v in value if str(v).strip()]


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", normalise(text)).strip("-")


def _date(value) -> str | None:
    if value in (None, ""):
        return None
    return str(value)[:10]


def _plural(demonym: str) -> str | None:
    """ "Colombian" → "Colombians"; "Chinese", "British", "Swiss" have no plural noun."""
    if demonym.endswith(("ese", "sh", "ch", "ss", "-based")) or " " in demonym:
        return None
    if demonym.endswith(("n", "i", "o", "e", "k", "t", "b", "z", "c")):
        return demonym + "s"
    return None


class ActorDictionary:
    """All actor entries and the surface strings that name them."""

    def __init__(self) -> None:
        self.entries: dict[str, Entry] = {}
        self.surfaces: dict[str, list[Surface]] = {}  # normalised surface → meanings, preferred first
        self.originals: dict[str, set[str]] = {}  # normalised surface → spellings (for patterns)
        self.files: tuple[str, ...] = ()
        self._country_by_word: dict[str, str] = {}
        self._base_meanings: set[tuple[str, Surface]] = set()  # (key, meaning) from a base file
        self._loading_base = False

    # ---- loading -------------------------------------------------------------------------
    @classmethod
    def load(cls, extra_files: Sequence[str] = ()) -> ActorDictionary:
        """Package data plus the user's files (YAML or CSV); later files win on conflicts."""
        return _load_cached(tuple(str(f) for f in extra_files))

    def _add_file(self, path: Path, user: bool, base: bool = False) -> None:
        """Add one file; a `base` file's meanings rank below those of every later package file."""
        if not path.is_file():
            raise FileNotFoundError(f"actor dictionary {path} not found: pass an existing YAML or CSV file "
                                    f"(format: detente/data/actors/README.md)")
        try:
            if path.suffix.lower() == ".csv":
                data = _read_csv(path)
            elif path.suffix.lower() == ".json":
                data = json.loads(path.read_text(encoding="utf-8"))
            else:
                data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        except (yaml.YAMLError, csv.Error, json.JSONDecodeError, UnicodeDecodeError) as exc:
            raise ValueError(f"actor dictionary {path} could not be parsed: {exc}") from exc
        if not isinstance(data, dict):
            raise ValueError(f"actor dictionary {path}: expected a mapping with keys like countries, roles, "
                             f"agencies, people, organisations, groups (see detente/data/actors/README.md)")
        self._loading_base = base
        try:
            self._add_data(data, str(path), user)
        finally:
            self._loading_base = False

    def _add_data(self, data: dict, where: str, user: bool) -> None:
        for item in data.get("countries") or []:
            self._add_entry(self._country(item, where), user)
        for item in data.get("roles") or []:
            self._add_entry(self._generic(item, ROLE, where), user)
        for item in data.get("agencies") or []:
            self._add_entry(self._generic(item, AGENCY, where), user)
        for item in data.get("people") or []:
            self._add_entry(self._person(item, where), user)
        for key, kind in (("organisations", ORG), ("organizations", ORG), ("groups", GROUP)):
            for item in data.get(key) or []:
                self._add_entry(self._generic(item, kind, where), user)
        for item in data.get("descriptions") or []:
            self._add_entry(self._generic(item, DESCRIPTION, where), user)
        for item in data.get("collectives") or []:
            entry = self._generic(item, DESCRIPTION, where)
            entry.id = "collective:" + entry.id.split(":", 1)[1]
            entry.refers, entry.default = item.get("refers") or "igo", item.get("default")
            self._add_entry(entry, user)
        for name in data.get("ignore") or []:
            self._add_entry(Entry(id=f"ignore:{_slug(name)}", kind=IGNORE, name=name, names=[name]), user)

    def _country(self, item: dict, where: str) -> Entry:
        code = str(item.get("code") or "").upper()
        if not code:
            raise ValueError(f"{where}: a country needs a code (ISO 3166-1 alpha-3): {item}")
        names = _list(item.get("names")) or _list(item.get("name"))
        demonyms = _list(item.get("demonyms"))
        people = _list(item.get("people")) or [p for d in demonyms if (p := _plural(d))]
        return Entry(id=f"country:{code}", kind=COUNTRY, name=item.get("name") or names[0], names=names,
                     explicit_name=bool(item.get("name")),
                     country=code, demonyms=demonyms, capitals=_list(item.get("capitals")), people=people,
                     places=_list(item.get("places")),
                     capital_code=item.get("capital_code"))

    def _generic(self, item: dict, kind: str, where: str) -> Entry:
        names = _list(item.get("names")) or _list(item.get("name"))
        if not names:
            raise ValueError(f"{where}: entry without names: {item}")
        code = item.get("code")
        name = item.get("name") or names[0]
        if name not in names:
            names = [name, *names]
        # organisations and groups sharing a code (ELN, FARC → COLREB) stay separate entries, each
        # with its own canonical name: the id is the code plus the entry's first name
        ident = f"{kind}:{code}:{_slug(name)}" if code and kind in (ORG, GROUP) else f"{kind}:{_slug(names[0])}"
        if kind == AGENCY and item.get("country"):
            ident = f"{kind}:{item['country']}:{_slug(names[0])}"
        return Entry(id=ident, kind=kind, name=name, names=names, code=code, explicit_name=bool(item.get("name")),
                     country=item.get("country"), sector=item.get("sector"),
                     person=bool(item.get("person", False)), terms=_terms(item.get("terms"), where),
                     descriptions=_list(item.get("descriptions")), type=item.get("type"))

    def _person(self, item: dict, where: str) -> Entry:
        name = item.get("name")
        if not name:
            raise ValueError(f"{where}: a person needs a name: {item}")
        names = list(dict.fromkeys([name, *_list(item.get("names"))]))
        return Entry(id=f"person:{_slug(name)}", kind=PERSON, name=name, names=names, explicit_name=True,
                     country=item.get("country"), sector=item.get("sector"), gender=item.get("gender"),
                     person=True, terms=_terms(item.get("terms"), where),
                     descriptions=_list(item.get("descriptions")))

    def _add_entry(self, entry: Entry, user: bool) -> None:
        old = self.entries.get(entry.id)
        if old is not None:  # same entry again (user file): extend the names, replace what is given
            if not entry.explicit_name:  # the canonical name stays the entry's own unless re-given
                entry.name = old.name
            entry.names = list(dict.fromkeys(old.names + entry.names))
            entry.demonyms = list(dict.fromkeys(old.demonyms + entry.demonyms))
            entry.capitals = list(dict.fromkeys(old.capitals + entry.capitals))
            entry.places = list(dict.fromkeys(old.places + entry.places))
            entry.people = list(dict.fromkeys(old.people + entry.people))
            entry.descriptions = list(dict.fromkeys(old.descriptions + entry.descriptions))
            entry.terms = entry.terms or old.terms
            entry.gender = entry.gender or old.gender
            entry.sector = entry.sector or old.sector
            entry.country = entry.country or old.country
            entry.code = entry.code or old.code
            entry.type = entry.type or old.type
            entry.refers = entry.refers or old.refers
            entry.default = entry.default or old.default
        self.entries[entry.id] = entry
        surfaces: list[tuple[str, str, str]] = [(n, entry.kind, "") for n in entry.names]
        if entry.kind == COUNTRY:
            surfaces += [(d, DEMONYM, "") for d in entry.demonyms]
            surfaces += [(p, PEOPLE, "") for p in entry.people]
            surfaces += [(c, CAPITAL, "") for c in entry.capitals]
            surfaces += [(c, PLACE, "") for c in entry.places]
        if entry.kind == ROLE and entry.person:
            for n in entry.names:  # "president-elect", "president elect"
                surfaces += [(f"{n}-elect", ROLE, "elect"), (f"{n} elect", ROLE, "elect")]
        for text, kind, flags in surfaces:
            self._add_surface(text, Surface(entry.id, kind, flags), user)

    def _add_surface(self, text: str, surface: Surface, user: bool) -> None:
        key = normalise(text)
        if not key:
            return
        meanings = self.surfaces.setdefault(key, [])
        meanings[:] = [m for m in meanings if m != surface]
        if self._loading_base:
            meanings.append(surface)
            self._base_meanings.add((key, surface))
        else:
            self._base_meanings.discard((key, surface))
            if user:
                meanings.insert(0, surface)
            else:  # package data: after its own earlier meanings, before every base-file meaning
                at = next((i for i, m in enumerate(meanings) if (key, m) in self._base_meanings), len(meanings))
                meanings.insert(at, surface)
        self.originals.setdefault(key, set()).add(text)
        if surface.kind in (COUNTRY, DEMONYM, PEOPLE, CAPITAL):
            if user or key not in self._country_by_word:
                self._country_by_word[key] = self.entries[surface.entry_id].country

    # ---- queries ---------------------------------------------------------------------------
    def meanings(self, text: str) -> list[Surface]:
        return self.surfaces.get(normalise(text), [])

    def country_code(self, name_or_demonym: str) -> str | None:
        """ "Colombian" → "COL", "Bogotá" → "COL", "the United States" → "USA"; None if unknown."""
        key = normalise(name_or_demonym)
        found = self._country_by_word.get(key)
        if found is None and key.startswith("the "):
            found = self._country_by_word.get(key[4:])
        return found

    def lookup(self, text: str, date: str | None = None) -> Actor | None:
        """A surface string → Actor, resolved for `date`: "Petro" → COLGOV (in his term),
        "Colombia" → COL, "Washington" → USAGOV, "the Colombian foreign ministry" → COLGOV."""
        key = normalise(text)
        if key.startswith("the "):
            key = key[4:]
        for surface in self.surfaces.get(key, []):
            actor = self.actor_for(surface, text, date)
            if actor is not None:
                return actor
        # country word + role: "Colombian President", "U.S. Treasury", "Colombia's ambassador"
        words = key.replace("'s ", " ").split()
        for cut in range(len(words) - 1, 0, -1):
            country = self.country_code(" ".join(words[:cut]))
            if country is None:
                continue
            rest = self.surfaces.get(" ".join(words[cut:]), [])
            for surface in rest:
                entry = self.entries[surface.entry_id]
                if surface.kind in (ROLE, AGENCY):
                    return Actor(text=text, code=country + (entry.sector or ""), country=country,
                                 sector=entry.sector, name=None)
                if surface.kind == PERSON:
                    return self.actor_for(surface, text, date)
        return None

    def actor_for(self, surface: Surface, text: str, date: str | None = None, flags: str = "") -> Actor | None:
        """The Actor a single surface names at `date` (no document context)."""
        entry = self.entries[surface.entry_id]
        if surface.kind in (COUNTRY, DEMONYM, PLACE):
            return Actor(text=text, code=entry.country, country=entry.country, sector=None, name=entry.name)
        if surface.kind == PEOPLE:
            return Actor(text=text, code=entry.country + CIVILIAN_SECTOR, country=entry.country, sector=CIVILIAN_SECTOR, name=entry.name)
        if surface.kind == CAPITAL:
            code = entry.capital_code or entry.country + "GOV"
            return Actor(text=text, code=code, country=entry.country, sector="GOV", name=entry.name)
        if surface.kind == PERSON:
            country, sector, code = self.person_status(entry, date, flags + surface.flags)
            return Actor(text=text, code=code, country=country, sector=sector, name=entry.name)
        if surface.kind in (ORG, GROUP, AGENCY):
            country, sector, code = self.entry_status(entry, date)
            return Actor(text=text, code=code, country=country, sector=sector, name=entry.name)
        return None

    def entry_status(self, entry: Entry, date: str | None) -> tuple[str | None, str | None, str | None]:
        """Country, sector and code of an organisation/group, by its terms if it has them
        (the Taliban are AFGREB before 2021-08-15 and AFGGOV after)."""
        day = point_date(date)
        sector = entry.sector
        if entry.terms:
            term = _term_at(entry.terms, day)
            if term is not None:
                sector = term.sector
                if term.code:
                    return term.country or entry.country, sector, term.code
        code = entry.code if entry.kind in (ORG, GROUP) and entry.code and not entry.terms else None
        return entry.country, sector, code or (entry.country + (sector or "") if entry.country else entry.code)

    def person_status(self, entry: Entry, date: str | None, flags: str = "") -> tuple[str | None, str | None, str | None]:
        """Country, sector and code of a person at `date`.

        In office (a term covers the date) → the term's sector (GOV, MIL, LEG…); elected but not
        yet in office, or out of office after a term → ELI (elites: "President-elect Trump",
        "former president Uribe"); before any office → the person's own sector (OPP, REB…) or
        the bare country. Without a date, the latest term counts as current unless it has ended.
        Text cues win: "former"/"ex-" → ELI, "-elect" → ELI.
        """
        country = entry.country
        if "former" in flags or "elect" in flags:
            return country, FORMER_SECTOR, _code(country, FORMER_SECTOR)
        day = point_date(date)
        terms = sorted(entry.terms, key=lambda t: t.start or "")
        if terms:
            if day is None:
                term = terms[-1]
                if term.end is None:
                    return _term_status(term, country)
                return country, FORMER_SECTOR, _code(country, FORMER_SECTOR)
            current = _term_at(terms, day)
            if current is not None:
                return _term_status(current, country)
            if any(t.elected and t.elected <= day < (t.start or day) for t in terms):
                return country, FORMER_SECTOR, _code(country, FORMER_SECTOR)
            if any(t.end and t.end <= day for t in terms):
                return country, FORMER_SECTOR, _code(country, FORMER_SECTOR)
        return country, entry.sector, _code(country, entry.sector)

    def patterns(self) -> Iterable[tuple[str, str]]:
        """(normalised key, spelling) for every surface string, incl. accent-free spellings."""
        for key, spellings in self.originals.items():
            variants = set()
            for spelling in spellings:
                for form in (spelling, strip_accents(spelling)):
                    variants.add(form)
                    variants.add(form.replace("'", "’"))
                    variants.add(form.replace("’", "'"))
            for variant in variants:
                yield key, variant


def _code(country: str | None, sector: str | None) -> str | None:
    if not country:
        return None
    return country + (sector or "")


def _term_at(terms: list[Term], day: str | None) -> Term | None:
    if day is None:
        return None
    covering = [t for t in terms if t.covers(day)]
    if not covering:
        return None
    return max(covering, key=lambda t: t.start or "")


def _term_status(term: Term, country: str | None) -> tuple[str | None, str | None, str | None]:
    country = term.country or country
    if term.code:
        return country, term.sector, term.code
    return country, term.sector, _code(country, term.sector)


def _terms(items, where: str) -> list[Term]:
    terms = []
    for item in items or []:
        if not isinstance(item, dict):
            raise ValueError(f"{where}: a term must be a mapping with role, start, end: {item!r}")
        terms.append(Term(role=str(item.get("role") or ""), sector=item.get("sector") or "GOV",
                          start=_date(item.get("start")), end=_date(item.get("end")),
                          elected=_date(item.get("elected")), country=item.get("country"),
                          code=item.get("code")))
    return terms


CSV_KINDS = {"country": "countries", "role": "roles", "agency": "agencies", "person": "people",
             "collective": "collectives",
             "org": "organisations", "organisation": "organisations", "group": "groups",
             "description": "descriptions", "ignore": "ignore"}


def _read_csv(path: Path) -> dict:
    """CSV: one row per entry (a person's extra terms as extra rows with the same name).

    Columns: kind,name,names,code,country,sector,gender,person,demonyms,capitals,role,start,end,elected
    (lists separated by ';'). On a person's row with a role or dates, `sector` is the term's.
    """
    data: dict[str, list] = {}
    people: dict[str, dict] = {}
    with path.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            row = {k.strip(): (v or "").strip() for k, v in row.items() if k}
            kind = CSV_KINDS.get(row.get("kind", "").lower())
            if kind is None:
                raise ValueError(f"{path}: unknown kind {row.get('kind')!r} (use one of {sorted(CSV_KINDS)})")
            if kind == "ignore":
                data.setdefault("ignore", []).append(row["name"])
                continue
            item = {k: v for k, v in row.items() if v and k not in ("kind", "role", "start", "end", "elected")}
            if "person" in item:
                item["person"] = item["person"].lower() in ("1", "true", "yes")
            if kind == "people":
                has_term = bool(row.get("start") or row.get("end") or row.get("role"))
                if has_term:  # the row's sector is the term's, not the person's
                    item.pop("sector", None)
                item = people.setdefault(row["name"], item)
                if has_term:
                    item.setdefault("terms", []).append(
                        {"role": row.get("role"), "sector": row.get("sector") or "GOV", "start": row.get("start"),
                         "end": row.get("end"), "elected": row.get("elected")})
                continue
            data.setdefault(kind, []).append(item)
    data["people"] = list(people.values())
    return data


@lru_cache(maxsize=16)
def _load_cached(extra_files: tuple[str, ...]) -> ActorDictionary:
    dictionary = ActorDictionary()
    for path in BASE_FILES:
        dictionary._add_file(path, user=False, base=True)
    for name in PACKAGE_FILES:
        dictionary._add_file(ACTORS_DIR / name, user=False)
    for path in extra_files:
        dictionary._add_file(Path(path), user=True)
    dictionary.files = extra_files
    return dictionary
