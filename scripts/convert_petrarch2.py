#!/usr/bin/env python3
"""Convert the PETRARCH2/Phoenix dictionaries (MIT) into detente's own data files.

    python scripts/convert_petrarch2.py [--source ../shared/dictionaries/petrarch2] [--out detente/data/petrarch2]

Why a script: the dictionaries are breadth nobody can type by hand (~18,000 people with dated
roles, ~8,000 organisations, ~1,000 armed groups, ~2,000 generic agents, ~400 verb blocks with
~4,700 phrase patterns), and every filtering decision is then written down once, here, and
re-applied on every run. The output is deterministic (sorted, no timestamps): rerunning it must
give the committed files byte for byte (tests/analyse/test_petrarch2_data.py checks this).

Reads only the source folder, detente's own actors/*.yaml (so that PETRARCH never re-defines a
country word or a role detente already has, and a one-word name is unique across detente's
entries too), data/lexicon/*.yaml (common words) and data/cameo_plover.yaml (the CAMEO → PLOVER
crosswalk): after changing one of those, rerun the script. Writes people.json, organisations.json, roles.json (actor
dictionaries in the format of detente/data/actors/README.md), verbs.json (the verb lexicon's
format) and LICENSE, all as JSON (which is YAML too) because JSON parses ~50 times faster.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import unicodedata
from collections import Counter, defaultdict
from pathlib import Path

import pycountry
import yaml
from spacy.lang.en.stop_words import STOP_WORDS

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from detente.analyse.component import FORMER_WORDS, ORG_HEADS  # noqa: E402  (one definition of each)

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_SOURCE = ROOT.parent / "shared" / "dictionaries" / "petrarch2"
DEFAULT_OUT = ROOT / "detente" / "data" / "petrarch2"
ACTORS_DIR = ROOT / "detente" / "data" / "actors"
CROSSWALK = ROOT / "detente" / "data" / "cameo_plover.yaml"
LEXICON_DIR = ROOT / "detente" / "data" / "lexicon"
SOURCE_COMMIT = "676801cd9cb2924bbbad09f86d15c9323e7097bf"

# CAMEO country codes that are not ISO 3166-1 alpha-3 → detente's code (Kosovo, East Timor).
COUNTRY_ALIASES = {"KSV": "XKX", "TMP": "TLS"}
# PETRARCH sector codes → detente's sector (actors/README.md): ministers of defence are MIL,
# other ministers GOV; intelligence is GOV (roles.yaml); religions are REL; unaligned armed
# forces are REB (roles.yaml: gunmen, fighters); PETRARCH's "people" PPL are civilians.
RELIGIONS = {"MUS", "CHR", "JEW", "BUD", "HIN", "REL", "ATH", "CON", "DOX", "ITJ", "JAN", "SIK", "TAO", "ZRO",
             "SHI", "SUN", "CTH", "PRO"}
SECTOR_ALIASES = {"SPY": "GOV", "UAF": "REB", "PPL": "CVL"}
# Honorifics that begin a PETRARCH synonym ("MR_OBAMA_", "GOV._GEORGE_W._BUSH"): detente
# composes a title with a name itself, so titled synonyms are dropped, as are names built on a
# role word from roles.yaml ("PRESIDENT_BUSH_", "BUSH_ADMINISTRATION").
HONORIFICS = {"mr", "mrs", "ms", "dr", "gov", "sen", "rep", "gen", "col", "lt", "maj", "capt", "sir", "lord",
              "sheikh", "president", "prime", "king", "queen", "prince", "former", "the"}
# Sector codes of CAMEO's actor codebook as PETRARCH writes them: anything else after a country
# code (USAASM, GBRVGB, PSEGZA) is a territory, not a sector, and the entry is skipped.
SECTORS = {"GOV", "MIL", "REB", "OPP", "PTY", "COP", "JUD", "SPY", "MED", "EDU", "BUS", "CRM", "CVL", "ELI",
           "LEG", "HLH", "REF", "MOD", "RAD", "AGR", "DEV", "ENV", "HRI", "LAB", "UAF", "IGO", "NGO", "NGM",
           "IMG", "INS", "SEP", "PPL"} | RELIGIONS
FUNCTION_WORDS = {"a", "an", "the", "of", "to", "at", "for", "in", "on", "with", "from", "by", "and"}
TWO_DIGIT_PIVOT = 30  # YYMMDD: 00-29 → 20YY, 30-99 → 19YY (the files stop around 2015)


# ---------------------------------------------------------------------------- text helpers
def norm(text: str) -> str:
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c)).lower()
    return re.sub(r"\s+", " ", text.replace("’", "'")).strip()


def phrase(raw: str) -> str | None:
    """PETRARCH phrase → words: underscores are spaces, a trailing '_' (open match) and
    parenthesised abbreviations are dropped; None when the text is damaged (bad encoding)."""
    text = re.sub(r"\([^)]*\)", " ", raw).replace("_", " ")
    text = re.sub(r"\s+", " ", text).strip(" -,;")
    if not text or "\ufffd" in text or "Ã" in text or "Â" in text or "+" in text:
        return None
    return text


def cased(text: str, kind: str) -> str:
    """Upper-case PETRARCH text in news capitalisation: a short one-word organisation or group
    name is an acronym and stays upper case (detente matches those case-sensitively)."""
    words = text.split()
    if kind != "person" and len(words) == 1 and len(text.replace(".", "")) <= 5:
        return text.upper()
    out = []
    for i, word in enumerate(words):
        low = word.lower()
        if i and low in {"of", "the", "and", "for", "on", "in", "de", "del", "la", "al", "el", "bin", "da", "do",
                         "dos", "van", "von", "der", "du", "le", "y"}:
            out.append(low)
        elif re.fullmatch(r"(?:[A-Za-z]\.)+", word) or (kind != "person" and (len(word) == 2 or (
                len(word) <= 4 and not re.search(r"[AEIOUaeiou]", word)))):
            out.append(word.upper())  # "U.N.", "K.", "ICRC"-like consonant strings
        else:
            out.append("-".join(p[:1].upper() + p[1:].lower() for p in word.split("-")))
    return " ".join(out)


def country_of(code: str) -> str | None:
    """A CAMEO actor code's country: its first three letters when they are an ISO country."""
    head = COUNTRY_ALIASES.get(code[:3], code[:3])
    return head if pycountry.countries.get(alpha_3=head) or head == "XKX" else None


def sector_of(rest: str) -> str | None:
    """The sector part of a code after the country (or after IGO/NGO…): its first three letters."""
    first, second = rest[:3], rest[3:6]
    if not first:
        return None
    if first == "GOV" and second == "MIL":
        return "MIL"
    if first in RELIGIONS:
        return "REL"
    return SECTOR_ALIASES.get(first, first)


def pdate(text: str) -> str | None:
    """YYYYMMDD or YYMMDD → ISO; None for malformed dates (a few have seven digits)."""
    if re.fullmatch(r"\d{6}", text):
        year = int(text[:2])
        text = ("20" if year < TWO_DIGIT_PIVOT else "19") + text
    if not re.fullmatch(r"\d{8}", text):
        return None
    iso = f"{text[:4]}-{text[4:6]}-{text[6:]}"
    month, day = int(text[4:6]), int(text[6:])
    return iso if 1 <= month <= 12 and 1 <= day <= 31 else None


# ---------------------------------------------------------------------------- actor files
BRACKET = re.compile(r"\[([^\]]*)\]")


def restrictions(text: str) -> list[tuple[str, str | None, str | None, bool]]:
    """'[USAGOV 930120-010120] [USAELI]' → [(code, start, end, dated)]; unreadable dates dropped."""
    out = []
    for inner in BRACKET.findall(text):
        parts = inner.split()
        if not parts or not re.fullmatch(r"[A-Z]{3,}", parts[0]):
            continue
        code = parts[0]
        if len(parts) == 1:
            out.append((code, None, None, False))
            continue
        spec = "".join(parts[1:])
        if spec.startswith("<"):
            end = pdate(spec[1:])
            if end:
                out.append((code, None, end, True))
        elif spec.startswith(">"):
            start = pdate(spec[1:])
            if start:
                out.append((code, start, None, True))
        elif "-" in spec:
            a, _, b = spec.partition("-")
            start, end = pdate(a), pdate(b)
            if start and end and start <= end:
                out.append((code, start, end, True))
    return out


def read_actor_file(path: Path) -> list[dict]:
    """Records of a PETRARCH .actors file: names (primary first), restrictions, source comment."""
    records: list[dict] = []
    current = None
    for raw in path.read_text(encoding="utf-8", errors="replace").splitlines():
        if not raw.strip() or raw.startswith("#"):
            continue
        body, _, comment = raw.partition("#")
        if raw[0] in " \t":
            if current is not None:
                current["codes"] += restrictions(body)
            continue
        text = BRACKET.sub(" ", body)
        if raw.startswith("+"):
            if current is not None:
                current["names"].append(text[1:].strip())
                current["codes"] += restrictions(body)
            continue
        current = {"names": [text.strip()], "codes": restrictions(body), "comment": comment}
        records.append(current)
    return records


def read_agents(path: Path) -> list[tuple[list[str], str]]:
    """Agents: (surface forms with their plurals, code) per line; !X! substitution sets expanded."""
    subs: dict[str, list[str]] = {}
    out = []
    for raw in path.read_text(encoding="utf-8", errors="replace").splitlines():
        line = raw.split("#")[0].strip()
        if not line or line.startswith("<!"):
            continue
        m = re.fullmatch(r"(![A-Z]+!)\s*=\s*(.+)", line)
        if m:
            subs[m.group(1)] = [w.strip() for w in m.group(2).split(",") if w.strip()]
            continue
        m = re.fullmatch(r"(.+?)\s*(\{[^}]*\})?\s*\[([^\]]+)\]", line)
        if not m:
            continue
        root, plural, code = m.group(1).strip(), m.group(2), m.group(3).strip()
        words = re.split(r"[_\s]+", root.lower().strip("_ "))
        if words[0] in FUNCTION_WORDS or words[-1] in FUNCTION_WORDS:
            continue  # a phrase with a gap ("AMBASSADOR_TO", "A_CABINET_MEETING"): not a name
        if any(root.upper() in values for values in subs.values()):
            continue  # a bare word of a substitution set ("MEN", "WOMAN"): names nobody in particular
        roots = [root]
        for marker, values in subs.items():
            if marker in root:
                roots = [r.replace(marker, v) for r in roots for v in values]
        forms = []
        for r in roots:
            forms.append(r)
            if "!" in root:
                continue  # substitution sets give every form already
            if plural is None:  # PETRARCH's rule, except for words already plural ("MILITANTS") or "-AY"
                if r.endswith("SS"):
                    forms.append(r + "ES")
                elif r.endswith("Y") and r[-2:-1] not in set("AEOU"):
                    forms.append(r[:-1] + "IES")
                elif not r.endswith("S"):
                    forms.append(r + "S")
            elif plural.strip("{} "):
                forms.append(plural.strip("{} "))
        out.append((forms, code))
    return out


# ---------------------------------------------------------------------------- detente's own words
def detente_words() -> tuple[set[str], set[str]]:
    """Normalised country words (names, demonyms, capitals, places) and role/agency names that
    detente's curated files define: PETRARCH must not redefine them."""
    countries = yaml.safe_load((ACTORS_DIR / "countries.yaml").read_text(encoding="utf-8"))
    country_words = set()
    for item in countries["countries"]:
        for key in ("names", "demonyms", "capitals", "places", "people"):
            country_words |= {norm(w) for w in item.get(key) or []}
        country_words.add(norm(item["name"]))
        country_words |= {norm(d) + "s" for d in item.get("demonyms") or []}
    roles = yaml.safe_load((ACTORS_DIR / "roles.yaml").read_text(encoding="utf-8"))
    role_words = set()
    for key in ("roles", "agencies", "descriptions", "collectives"):
        for item in roles.get(key) or []:
            role_words |= {norm(w) for w in item.get("names") or []}
    return country_words, role_words


def person_role_names() -> set[str]:
    roles = yaml.safe_load((ACTORS_DIR / "roles.yaml").read_text(encoding="utf-8"))
    return {norm(n) for item in roles.get("roles") or [] if item.get("person") for n in item.get("names") or []}


def institution_heads() -> set[str]:
    """Last words of detente's collective role and agency names ("army", "ministry", "court",
    "party"…): an undated PETRARCH entry named with one is an institution, else a person."""
    roles = yaml.safe_load((ACTORS_DIR / "roles.yaml").read_text(encoding="utf-8"))
    heads = set()
    for item in (roles.get("roles") or []) + (roles.get("agencies") or []):
        if not item.get("person"):
            heads |= {norm(n).split()[-1] for n in item.get("names") or []}
    return heads


def english_words(source: Path) -> set[str]:
    """Words the dictionaries themselves use as ordinary English: every word of the verb
    dictionaries (verbs, inflections, pattern nouns, synonym sets), the agents, discards and
    issues. A one-word name in this set ("Rice", "Major", "Little") is a common word."""
    words = {w.lower() for w in STOP_WORDS}  # spaCy's English stop words ("Some", "Many")
    for path in sorted(LEXICON_DIR.glob("*.yaml")):  # detente's own verb and noun lexicons
        words |= {w.lower() for w in re.findall(r"[A-Za-z]+", path.read_text(encoding="utf-8"))}
    for name in ("CAMEO.2.0.txt", "CAMEO.verbpatterns.150430.txt", "Phoenix.agents.txt",
                 "Phoenix.discards.txt", "Phoenix.IssueCoding.txt"):
        text = (source / name).read_text(encoding="utf-8", errors="replace")
        text = "\n".join(line.split("#")[0] for line in text.splitlines())
        words |= {w.lower() for w in re.findall(r"[A-Za-z]+", text)}
    return words


# ---------------------------------------------------------------------------- actors
def convert_actors(source: Path) -> tuple[dict, dict, dict, Counter]:
    country_words, role_words = detente_words()
    common = english_words(source)
    stats: Counter = Counter()
    institution_words = institution_heads()
    person_roles = person_role_names()
    # titles are one-person offices ("President", "General"): "Army of Islam", "Coalition for Peace Action" are names
    title_words = HONORIFICS | {w for r in person_roles for w in r.split() if len(r.split()) == 1}

    def usable(name: str, kind: str = "person") -> bool:
        key = norm(name)
        words = key.split()
        if len(key.replace(" ", "")) < 2 or key in country_words or key in role_words:
            return False
        if "-" in words[0] and words[0].split("-")[0] in country_words:
            return False  # "Washington-based …", "US-led …": detente reads these as modifiers
        parts = re.split(r"[ -]", key)
        for n in (1, 2, 3):  # a country word + what detente composes with it: "United States Congress"
            rest = " ".join(parts[n:])  # (a role), "American Chamber of Commerce" (an organisation head)
            if kind in ("agency", "org") and " ".join(parts[:n]) in country_words and (
                    rest in role_words or any(w in ORG_HEADS for w in parts[n:])):
                return False
        if any(" ".join(words[i:]) in person_roles for i in range(1, len(words))):
            return False  # "White House Spokesman", "US President": detente composes these itself
        if words[0].rstrip(".") in title_words or any(w in role_words and w in {"administration", "government",
                                                                               "regime", "cabinet"} for w in words):
            return False
        return True

    # ---- people and national institutions (Phoenix.Countries) ----------------------------
    people: dict[str, dict] = {}
    agencies: dict[tuple[str, str], list[str]] = defaultdict(list)
    name_owner: dict[str, set[str]] = defaultdict(set)  # normalised full name → person ids
    for rec in read_actor_file(source / "Phoenix.Countries.actors.txt"):
        codes = rec["codes"]
        countries = [country_of(c) for c, *_ in codes]
        if not codes or any(c is None and not code.startswith("IGO") for c, (code, *_) in zip(countries, codes, strict=True)):
            stats["countries: skipped, historical or unknown state"] += 1
            continue
        if any(len(code) == 3 or (country_of(code) and code[3:6] not in SECTORS) for code, *_ in codes):
            stats["countries: skipped, a country or territory"] += 1
            continue
        names = [n for n in (phrase(x) for x in rec["names"]) if n]
        if not names:
            continue
        dated = any(d for *_, d in codes)
        institution = any(w in institution_words for w in norm(names[0]).split())
        is_person = "CountryInfo" in rec["comment"] or dated or not institution
        main = Counter(c for c in countries if c).most_common(1)[0][0]
        if not is_person:
            code = next(c for c, *_ in codes)
            agencies[(main, sector_of(code[3:]) or "GOV")] += [cased(n, "agency") for n in names]
            continue
        terms, own_sector = [], None
        for code, start, end, was_dated in codes:
            country = country_of(code)
            if country is None:  # an IGO office: IGOUNO…
                term = {"sector": "IGO", "code": code[:6]}
            else:
                term = {"sector": sector_of(code[3:]) or None}
                if country != main:
                    term["country"] = country
            if not was_dated:
                own_sector = own_sector or term["sector"]
                continue
            term["start"], term["end"] = start, end
            terms.append(term)
        canonical = cased(names[0], "person")
        ident = re.sub(r"[^a-z0-9]+", "-", norm(canonical)).strip("-")  # the loader's person id
        person = people.setdefault(ident, {"name": canonical, "names": [], "country": main, "sector": own_sector,
                                           "terms": [], "_countries": set()})
        person["_countries"].add(main)
        person["sector"] = person["sector"] or own_sector
        person["names"] += [cased(n, "person") for n in names]
        person["terms"] += terms
        for n in names:
            name_owner[norm(n)].add(ident)
    # the latest date the file states anywhere: an open-ended term is known to last until then,
    # not for ever (the people stop around 2015; a term still open there is closed on that day)
    horizon = max(d for p in people.values() for t in p["terms"] for d in (t.get("start"), t.get("end")) if d)
    # a full name two people of different countries share identifies neither: drop both
    for ident in sorted(people):
        if len(people[ident]["_countries"]) > 1:
            stats["people: dropped, same name in two countries"] += 1
            del people[ident]

    # ---- organisations (International) and groups (MilNonState) --------------------------
    orgs: dict[str, dict] = {}
    for rec in read_actor_file(source / "Phoenix.International.actors.txt"):
        undated = [c for c, _, _, d in rec["codes"] if not d] or [c for c, *_ in rec["codes"]]
        if not undated or undated[0][:3] not in {"IGO", "NGO", "MNC"}:
            stats["organisations: skipped, not an IGO/NGO/MNC code"] += 1
            continue
        code = undated[0]
        names = [cased(n, "org") for n in (phrase(x) for x in rec["names"]) if n]
        if not names:
            continue
        country = country_of(code[3:]) if code.startswith("MNC") and len(code) >= 6 else None
        entry = {"code": code if code[:3] != "MNC" else (None if country else "MNC"),
                 "country": country, "sector": {"MNC": "BUS"}.get(code[:3], code[:3]), "names": names}
        key = norm(names[0])
        if key in orgs:
            orgs[key]["names"] += names[1:]
        else:
            orgs[key] = entry
    groups: dict[str, dict] = {}
    for rec in read_actor_file(source / "Phoenix.MilNonState.actors.txt"):
        if not rec["codes"]:
            continue
        code = rec["codes"][0][0]
        names = [cased(n, "group") for n in (phrase(x) for x in rec["names"]) if n]
        if not names:
            continue
        country = country_of(code)
        sector = sector_of(code[3:]) if country else "REB"
        if sector in {"MUS", "REL"} or not sector:
            sector = "REB"
        key = norm(names[0])
        if key in groups:
            groups[key]["names"] += names[1:]
        else:
            groups[key] = {"code": None if country else code, "country": country, "sector": sector, "names": names}

    # ---- one-word names: unambiguous across every entry and not a common word ---------------
    token_owners: dict[str, set[str]] = defaultdict(set)
    for ident, p in people.items():
        for n in [p["name"], *p["names"]]:
            for w in norm(n).split():
                token_owners[w].add("p:" + ident)
    for kind, table in (("o", orgs), ("g", groups)):
        for key, e in table.items():
            for n in e["names"]:
                for w in norm(n).split():
                    token_owners[w].add(f"{kind}:{key}")
    for (country, sector), names in agencies.items():
        for n in names:
            for w in norm(n).split():
                token_owners[w].add(f"a:{country}{sector}")

    for path in (ACTORS_DIR / "leaders.yaml", ACTORS_DIR / "organisations.yaml"):  # detente's curated names
        curated = yaml.safe_load(path.read_text(encoding="utf-8"))
        for key in ("people", "organisations", "groups"):
            for item in curated.get(key) or []:
                for n in [item.get("name") or "", *(item.get("names") or [])]:
                    for w in norm(n).split():
                        token_owners[w].add("detente")

    def one_word_ok(word: str, owner: str) -> bool:
        key = norm(word)
        return (len(key) >= 4 and key not in common and key not in country_words and key not in role_words
                and token_owners.get(key, set()) <= {owner})

    countries = yaml.safe_load((ACTORS_DIR / "countries.yaml").read_text(encoding="utf-8"))["countries"]
    nations = {norm(w) for c in countries for w in [c["name"], *(c.get("names") or []), *(c.get("demonyms") or [])]}

    def person_name_ok(name: str) -> bool:
        """A person's name holds no role and begins with no country word: "Russian Foreign
        Minister Lavrov" is composed by detente from its parts, and must not be a fixed name."""
        words = norm(name).split()
        if words[0] in nations and len(words) > 1:  # "Russian President Yeltsin"
            words = words[1:]
        if words[0].rstrip(".") in title_words:
            return False
        return not any(" ".join(words[:j]) in person_roles for j in range(1, len(words) + 1))

    out_people = []
    for ident in sorted(people):
        p = people[ident]
        if not usable(p["name"]) or not person_name_ok(p["name"]) or len(p["name"].split()) < 2:
            stats["people: dropped, name not a full name"] += 1
            continue
        names = []
        for n in dict.fromkeys(p["names"]):
            if norm(n) == norm(p["name"]):
                continue
            if not usable(n) or not person_name_ok(n):
                stats["people: synonyms dropped (titled, role or country word)"] += 1
                continue
            if len(n.split()) == 1 and not one_word_ok(n, "p:" + ident):
                stats["people: one-word names dropped (ambiguous or common)"] += 1
                continue
            names.append(n)
        for t in p["terms"]:
            if t.get("start") and not t.get("end"):  # open-ended: known only up to the source's last date
                t["end"] = horizon
                stats["people: open-ended terms closed at the source's last date"] += 1
        terms = sorted(p["terms"], key=lambda t: (t.get("start") or "", t.get("end") or "", t["sector"] or ""))
        terms = [dict(t) for t in dict.fromkeys(tuple(sorted(t.items(), key=lambda kv: kv[0])) for t in terms)]
        terms = [{k: t[k] for k in ("sector", "start", "end", "country", "code") if k in t} for t in terms]
        entry = {"name": p["name"], "names": names, "country": p["country"]}
        if p["sector"]:
            entry["sector"] = p["sector"]
        if terms:
            entry["terms"] = terms
        out_people.append(entry)

    out_agencies = []
    for (country, sector) in sorted(agencies):
        names = []
        for n in dict.fromkeys(agencies[(country, sector)]):
            if not usable(n, "agency") or (len(n.split()) == 1 and not one_word_ok(n, f"a:{country}{sector}")):
                stats["agencies: names dropped"] += 1
                continue
            names.append(n)
        if names:
            out_agencies.append({"country": country, "sector": sector, "names": names})

    def org_list(table: dict, kind: str) -> list[dict]:
        result = []
        for key in sorted(table):
            e = table[key]
            names = []
            for n in dict.fromkeys(e["names"]):
                if not usable(n, "org" if kind == "o" else "group") or (len(n.split()) == 1 and not (n.isupper() and norm(n) not in common
                                                                  and norm(n) not in country_words)
                                     and not one_word_ok(n, f"{kind}:{key}")):
                    stats[f"{kind}: names dropped"] += 1
                    continue
                names.append(n)
            if names:
                entry = {k: e[k] for k in ("code", "country", "sector") if e[k]}
                entry["names"] = names
                result.append(entry)
        return result

    # ---- generic agents → roles -----------------------------------------------------------
    roles_data = yaml.safe_load((ACTORS_DIR / "roles.yaml").read_text(encoding="utf-8"))
    collective_heads = {norm(n).split()[-1] for key in ("collectives", "descriptions")
                        for item in roles_data.get(key) or [] for n in item.get("names") or []}
    # detente's generic roles by name: the other number of one ("soldier" beside "soldiers",
    # "presidents" beside "president") is detente's role in the other number, with detente's sector
    role_sector = {norm(n): item["sector"] for item in roles_data.get("roles") or [] if item.get("sector")
                   for n in item.get("names") or []}

    def other_number(key: str) -> set[str]:
        forms = {key + "s", key + "es"}
        if key.endswith("ies"):
            forms.add(key[:-3] + "y")
        if key.endswith("es"):
            forms.add(key[:-2])
        if key.endswith("s"):
            forms.add(key[:-1])
        if key.endswith("y"):
            forms.add(key[:-1] + "ies")
        return forms

    roles_by_sector: dict[str, list[str]] = defaultdict(list)
    for forms, code in read_agents(source / "Phoenix.agents.txt"):
        sector = sector_of(code.strip("~")) if code.startswith("~") else sector_of(code.rstrip("~"))
        if not sector:
            continue
        for form in forms:
            text = phrase(form)
            if not text:
                continue
            text = text.lower()
            key = norm(text)
            if any(w in ORG_HEADS for w in key.split()) or key.split()[-1] in collective_heads:
                # "university", "chamber of commerce": heads of organisation names detente builds on a
                # place word ("Moscow State University"); "ruling alliance": a collective ("the alliance")
                stats["roles: dropped, an organisation head or collective word"] += 1
                continue
            counterpart = sorted(other_number(key) & role_words)
            if counterpart and key not in role_words:
                # "soldier" beside detente's "soldiers": the same role in the other number, so a
                # single soldier is coded as the army is; a description or agency keeps one number
                sectors = {role_sector[c] for c in counterpart if c in role_sector}
                if len(sectors) == 1:
                    roles_by_sector[sectors.pop()].append(text)
                    stats["roles: the other number of a detente role, with detente's sector"] += 1
                else:
                    stats["roles: dropped, the other number of a detente description or agency"] += 1
                continue
            if key.split()[0] in FORMER_WORDS:  # "former president": detente reads "former" as a cue
                stats["roles: dropped, begins with a cue word detente reads itself (former, ex)"] += 1
                continue
            if key.split()[0] in FUNCTION_WORDS or key.split()[-1] in FUNCTION_WORDS:
                stats["roles: dropped, a phrase with a gap (ends or starts with a function word)"] += 1
                continue
            if key in role_words or key in country_words or len(key) < 3:
                stats["roles: dropped, detente has it or a country word"] += 1
                continue
            roles_by_sector[sector].append(text)
    seen: set[str] = set()
    out_roles = []
    for sector in sorted(roles_by_sector):
        names = []
        for n in sorted(set(roles_by_sector[sector])):
            if norm(n) in seen:  # the same agent under two sectors: the first (alphabetical) wins
                stats["roles: dropped, listed under two sectors"] += 1
                continue
            seen.add(norm(n))
            names.append(n)
        out_roles.append({"names": names, "sector": sector})

    return ({"people": out_people, "agencies": out_agencies},
            {"organisations": org_list(orgs, "o"), "groups": org_list(groups, "g")},
            {"roles": out_roles}, stats)


# ---------------------------------------------------------------------------- verbs
def read_crosswalk() -> dict[str, dict]:
    return yaml.safe_load(CROSSWALK.read_text(encoding="utf-8"))["codes"]


AUXILIARIES = {"is", "are", "was", "were", "be", "been", "has", "have", "had"}
# Verb blocks whose subject receives what the object names ("received military aid", "obtained
# weapons"). Their patterns coded with the subject as the giver of aid ("RECEIVE {&MILITARY AID}
# [072]", beside the block's own "[:072]" for the same act) run backwards: the giver is whoever
# the aid came from. Such patterns are dropped (the nominal and learned steps code "received aid
# from X" the right way round); "got food to X" gives it and stays.
RECEIVING_BLOCKS = {"OBTAIN"}
GIVING_TYPES = {"AID"}


def lemma(raw: str) -> str | None:
    """A verb line's primary form → lemma or "verb particle" phrase; None for pre-verb
    compounds ("WIRE_+TAP", "RE_+ARREST"): detente's verb phrases begin with the verb."""
    word = raw.strip()
    if "+" in word:
        if not word.startswith("+"):
            return None
        word = word[1:]
    word = word.replace("_", " ").strip().lower()
    if word.split()[0] in AUXILIARIES:  # "IS_DETERMINED": a participle, not a base form
        return None
    return word if re.fullmatch(r"[a-z][a-z' -]*", word) else None


def convert_verbs(source: Path) -> tuple[dict, Counter]:
    crosswalk = read_crosswalk()
    stats: Counter = Counter()
    text = (source / "CAMEO.2.0.txt").read_text(encoding="utf-8")
    synsets: dict[str, list[str]] = {}
    blocks: list[dict] = []
    label = None
    in_verbs = False
    for raw in text.splitlines():
        line = raw.split("#")[0].rstrip()
        if raw.startswith("####### VERB PATTERNS"):
            in_verbs = True
            continue
        if not line.strip() or raw.startswith("#") or raw.startswith("<!") or raw.startswith("~"):
            continue
        if not in_verbs:
            if line.startswith("&"):
                label = line.strip().rstrip("_")
                synsets[label] = []
            elif line.startswith("+") and label:
                synsets[label].append(line[1:].strip().rstrip("_").replace("_", " ").lower())
            continue
        if line.startswith("---"):
            m = re.match(r"---\s+(\S+)\s+\[([^\]]*)\]", line)
            blocks.append({"name": m.group(1), "code": m.group(2), "verbs": [], "patterns": []})
        elif line.startswith("-"):
            blocks[-1]["patterns"].append(line[1:].strip())
        elif line.startswith("&") or not blocks:
            continue
        else:
            m = re.match(r"\s*(\S+)(?:\s*\{[^}]*\})?\s*(?:\[([^\]]*)\])?", line)
            if m:
                blocks[-1]["verbs"].append((m.group(1), m.group(2)))

    def mapped(code: str | None) -> dict | None:
        if not code or code == "---":
            return None
        entry = crosswalk.get(code)
        return entry if entry and entry.get("type") else None

    def words_of(token: str) -> list[str] | str:
        token = token.strip("{}()").rstrip("_")
        if token.startswith("&"):
            return sorted(set(synsets.get(token.rstrip("_"), [])))
        return token.replace("_", " ").lower()

    def noun_phrase(tokens: list[str]) -> tuple[list, list]:
        """Tokens of one side → (heads, modifiers): the last noun is the head; a {..} phrase's
        other words and earlier bare nouns are its modifiers. A synset head gives its words."""
        tokens = [t for t in tokens if t not in {"$", "+", "^", "%"}]
        if not tokens:
            return [], []
        head = words_of(tokens[-1])
        heads = head if isinstance(head, list) else [head]
        modifiers = []  # flat: a synonym set among the modifiers gives all its words
        for t in tokens[:-1]:
            word = words_of(t)
            modifiers += word if isinstance(word, list) else [word]
        modifiers = list(dict.fromkeys(modifiers))
        return heads, modifiers

    verbs_out, phrases_out = [], []
    for block in blocks:
        lemmas_by_code: dict[str, list[str]] = defaultdict(list)
        block_lemmas = []
        for form, own in block["verbs"]:
            word = lemma(form)
            if word is None:
                stats["verbs: pre-verb compounds skipped"] += 1
                continue
            block_lemmas.append(word)
            lemmas_by_code[own or block["code"]].append(word)
        for code in sorted(lemmas_by_code):
            target = mapped(code)
            if target is None:
                stats["verbs: lemmas whose code maps to no PLOVER type"] += len(lemmas_by_code[code])
                continue
            verbs_out.append({"words": list(dict.fromkeys(lemmas_by_code[code])), "type": target["type"],
                              "cameo": code, "mode": target.get("mode"), "block": block["name"].lower()})
        if not block_lemmas:
            continue
        for pattern in block["patterns"]:
            m = re.fullmatch(r"(.*?)\s*\[([^\]]*)\]\s*", pattern)
            if not m or "*" not in m.group(1):
                stats["phrases: unreadable"] += 1
                continue
            body, code_text = m.group(1), m.group(2)
            first, _, second = code_text.partition(":")
            if not first.strip() and second.strip():
                # "[:075]": PETRARCH's paired code alone, the event from the target to the source
                # ("X migrated to Y" is Y granting X asylum); detente's phrases code subject →
                # object, so such a pattern would code the act backwards
                stats["phrases: paired code only (the act runs target to source)"] += 1
                continue
            code = first or second
            if code.rstrip("!") != code or mapped(code) is None:
                stats["phrases: [---] or a code that maps to no PLOVER type"] += 1
                continue
            pre, _, post = body.partition("*")
            if first and block["name"] in RECEIVING_BLOCKS and mapped(code)["type"] in GIVING_TYPES \
                    and not re.search(r"\(TO\b", post):  # "GET &FOOD (TO)": getting food to someone gives it
                stats["phrases: a receiving verb coded as the giver (the act runs backwards)"] += 1
                continue
            if "+" in pre.split() or "$" in post.split():
                # "+ * TO $" ("X migrated to Y": Y grants X asylum): the subject is the target or an
                # object the source; detente's phrases code subject → object, so such a pattern
                # would code the act backwards
                stats["phrases: roles swapped by markers (subject as target or object as source)"] += 1
                continue
            if "&" in body and any(t.strip("{}()").rstrip("_") not in synsets
                                   for t in re.findall(r"&[A-Z_]+", body)):
                stats["phrases: undefined synset"] += 1
                continue
            preps = re.findall(r"\(([^)]*)\)", post)
            post_np = re.sub(r"\([^)]*\)", " ", post)
            obj_tokens = re.findall(r"\{[^}]*\}|\S+", post_np)
            flat = []
            for t in obj_tokens:
                flat += t.strip("{}").split() if t.startswith("{") else [t]
            heads, modifiers = noun_phrase(flat)
            subj_tokens = []
            for t in re.findall(r"\{[^}]*\}|\S+", re.sub(r"\([^)]*\)", " ", pre)):
                subj_tokens += t.strip("{}").split() if t.startswith("{") else [t]
            subj_heads, subj_mods = noun_phrase(subj_tokens)
            prep_list = []
            for p in preps:
                parts = re.findall(r"\{[^}]*\}|\S+", p)
                if not parts:
                    continue
                inner = []
                for t in parts[1:]:
                    inner += t.strip("{}").split() if t.startswith("{") else [t]
                p_heads, p_mods = noun_phrase(inner)
                item = {"word": parts[0].lower(), "object": p_heads or None}
                if p_mods:
                    item["modifiers"] = p_mods
                prep_list.append(item)
            target = mapped(code)
            entry = {"verb": block_lemmas}
            if subj_heads:
                entry["subject"] = subj_heads
                if subj_mods:
                    entry["subject_modifiers"] = subj_mods
            entry["object"] = heads or None
            if modifiers:
                entry["modifiers"] = modifiers
            entry["prep"] = prep_list or None
            entry["cameo"] = code
            if first and second and second != first:
                entry["paired"] = second
            entry["type"] = target["type"]
            entry["mode"] = target.get("mode")
            if not heads and not prep_list and not subj_heads:
                stats["phrases: empty after markers (verb alone)"] += 1
                continue
            phrases_out.append(entry)
    return {"verbs": verbs_out, "phrases": phrases_out}, stats


# ---------------------------------------------------------------------------- output
HEADER = """# Generated by scripts/convert_petrarch2.py from the PETRARCH2/Phoenix dictionaries
# (openeventdata/petrarch2, commit {commit}, petrarch2/data/dictionaries/{source}).
# Copyright (c) 2014-2015 Open Event Data Alliance, MIT licence: see LICENSE in this folder.
# Do not edit by hand: change the script and rerun it. What was taken and filtered: README.md.
"""


def write_json(out: Path, name: str, source: str, about: str, lists: dict[str, list[dict]]) -> None:
    """A data file as JSON (which is YAML too), one entry a line: the loaders read it with the
    json module, ~50 times faster than a YAML parser on megabytes, so startup stays short."""
    header = HEADER.format(commit=SOURCE_COMMIT, source=source).replace("# ", "").replace("#", "")
    parts = ['{"about": ' + json.dumps(" ".join((header + about).split()), ensure_ascii=False)]
    for key, items in lists.items():
        rows = ",\n".join("  " + json.dumps(item, ensure_ascii=False) for item in items)
        parts.append(f'"{key}": [\n{rows}\n]')
    (out / name).write_text(",\n".join(parts) + "}\n", encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--source", type=Path, default=DEFAULT_SOURCE)
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    args = parser.parse_args(argv)
    if not (args.source / "CAMEO.2.0.txt").is_file():
        print(f"no PETRARCH2 dictionaries in {args.source}", file=sys.stderr)
        return 2
    args.out.mkdir(parents=True, exist_ok=True)
    people, orgs, roles, stats = convert_actors(args.source)
    verbs, vstats = convert_verbs(args.source)
    write_json(args.out, "people.json", "Phoenix.Countries.actors.txt",
               "People with their dated roles as terms (sector from the code; country from its first three "
               "letters; PETRARCH's undated default code is the person's own sector), and national institutions "
               "as agencies. Loaded before detente's curated actors/*.yaml, which win.", people)
    write_json(args.out, "organisations.json", "Phoenix.International.actors.txt, Phoenix.MilNonState.actors.txt",
               "IGOs, NGOs and multinational companies (organisations), armed non-state groups (groups).", orgs)
    write_json(args.out, "roles.json", "Phoenix.agents.txt",
               "Generic agents and their sector, as roles (combined with a country word like detente's own).", roles)
    write_json(args.out, "verbs.json", "CAMEO.2.0.txt",
               "verbs: every verb of a block whose code (its own, else the block's) maps to a PLOVER type in "
               "data/cameo_plover.yaml; words are lower-case lemmas or 'verb particle' phrases (the format of "
               "data/lexicon/verbs.yaml). phrases: one entry per pattern of a block with such verbs: verb = the "
               "block's lemmas; object = the head noun(s) after the verb (a synonym set gives all its words); "
               "modifiers = the other words of that noun phrase; subject = the head noun(s) before the verb; "
               "prep = prepositional phrases [{word, object, modifiers}]; cameo = the pattern's code (of "
               "PETRARCH's [A:B] pairs A, B as `paired`); type and mode from the crosswalk. Patterns coded [---] "
               "or with a code that maps to no PLOVER type are skipped.", verbs)
    license_text = (args.source / "LICENSE").read_text(encoding="utf-8")
    (args.out / "LICENSE").write_text(license_text, encoding="utf-8")
    for key, value in sorted((stats + vstats).items()):
        print(f"{value:7d}  {key}", file=sys.stderr)
    print(f"people {len(people['people'])}, agencies {len(people['agencies'])}, organisations "
          f"{len(orgs['organisations'])}, groups {len(orgs['groups'])}, role sectors {len(roles['roles'])}, "
          f"verb entries {len(verbs['verbs'])}, phrases {len(verbs['phrases'])}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
