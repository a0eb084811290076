"""Stage analyse (data): the PETRARCH2/Phoenix-derived actor and verb files and the CAMEO → PLOVER table.

The converter (scripts/convert_petrarch2.py) is checked on small dictionaries written here in
PETRARCH's formats (names and words invented for the tests); the committed output is checked for
reproducibility against the real dictionaries in ../shared when they are present.
"""

from __future__ import annotations

import importlib.util
import json
import re

import pytest
import yaml
from builders import REPO, SHARED

from detente.analyse import actors as actors_module
from detente.analyse.actors import ActorDictionary
from detente.ontology import PLOVER_TYPES

ROOT = REPO
DATA = ROOT / "detente" / "data" / "petrarch2"
SHARED_DICTIONARIES = SHARED / "dictionaries" / "petrarch2"
CROSSWALK = ROOT / "detente" / "data" / "cameo_plover.yaml"
GENERATED = ("people.json", "organisations.json", "roles.json", "verbs.json", "LICENSE")


def _converter():
    spec = importlib.util.spec_from_file_location("convert_petrarch2", ROOT / "scripts" / "convert_petrarch2.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


COUNTRIES = """\
NEW_ZEALAND_  [NZL]
+KIWI_

TAMSIN_ORBELL_VANCE_  # CountryInfo.txt
+ORBELLVANCE
+MR_VANCE_
	[NZLELI 19700101-091231]
	[NZLGOV 100101-131231]
	[NZLGOVMIL >140301]
	[NZLELI]
HECTOR_QUILLFEATHER_  # CountryInfo.txt
	[NZLGOV 150601-150701]
FROSTLAKE_RIFLES_ARMY
	[NZLMIL]
ERICH_OLDSTATE_  # CountryInfo.txt
	[DDRGOV 700101-800101]
"""
INTERNATIONAL = "GLOBAL_LANTERN_ALLIANCE_ [NGOHRI]\n+GLA\n"
MILNONSTATE = "CRIMSON_HERON_BRIGADE_ [NZLREB] # invented\n"
AGENTS = """\
!PERSON! = MAN, MEN
LANTERN_KEEPER [~CVL]
HERON!PERSON! [~REB]
GUARDHOUSE {} [~COP]
AMBASSADOR_TO [~GOV]
SOLDIER [~REB]
"""
VERBS = """\
&FOOD
+GRAIN
+RICE_

####### VERB PATTERNS #######

---  SHIP   [070]  ---
SHIP {SHIPS SHIPPED SHIPPING}
+SEND_OFF {+SENDS_OFF +SENT_OFF +SENDING_OFF}
RE_+SUPPLY
HALT [162]
- * {FINANCIAL AID}                     [071]   # SHIP
- * &FOOD (TO BORDER)                   [073]   # SHIP
- * (FOR TALKS)                         [042:043]  # SHIP
- * LETTER                              [---]   # SHIP
- * GREETINGS                           [010]   # SHIP
- * (FROM HARBOUR)                      [:073]  # SHIP
- + * (TO) $                            [070]   # SHIP

---  PONDER   [---]  ---
PONDER
- * OFFER                               [---]   # PONDER
"""


@pytest.fixture(scope="module")
def converted(tmp_path_factory):
    source = tmp_path_factory.mktemp("petrarch2")
    files = {"Phoenix.Countries.actors.txt": COUNTRIES, "Phoenix.International.actors.txt": INTERNATIONAL,
             "Phoenix.MilNonState.actors.txt": MILNONSTATE, "Phoenix.agents.txt": AGENTS,
             "CAMEO.2.0.txt": VERBS, "CAMEO.verbpatterns.150430.txt": "", "Phoenix.discards.txt": "",
             "Phoenix.IssueCoding.txt": "", "LICENSE": "MIT (test copy)\n"}
    for name, text in files.items():
        (source / name).write_text(text, encoding="utf-8")
    out = tmp_path_factory.mktemp("out")
    assert _converter().main(["--source", str(source), "--out", str(out)]) == 0
    return {name: json.loads((out / name).read_text(encoding="utf-8"))
            for name in ("people.json", "organisations.json", "roles.json", "verbs.json")}


# ---- the converter ----------------------------------------------------------------------------
def test_dated_roles_become_terms_with_start_and_end(converted):
    people = {p["name"]: p for p in converted["people.json"]["people"]}
    vance = people["Tamsin Orbell Vance"]
    assert vance["country"] == "NZL" and vance["sector"] == "ELI"  # the undated code: her own sector
    assert vance["terms"] == [
        {"sector": "ELI", "start": "1970-01-01", "end": "2009-12-31"},  # YYMMDD: 09 → 2009
        {"sector": "GOV", "start": "2010-01-01", "end": "2013-12-31"},
        # GOVMIL is a defence minister → MIL; '>date' is open, closed at the file's last date
        {"sector": "MIL", "start": "2014-03-01", "end": "2015-07-01"}]


def test_titled_and_unknown_state_entries_are_dropped(converted):
    people = {p["name"]: p for p in converted["people.json"]["people"]}
    assert "Orbellvance" in people["Tamsin Orbell Vance"]["names"]  # a unique one-word synonym stays
    assert "Mr Vance" not in people["Tamsin Orbell Vance"]["names"]  # an honorific synonym goes
    assert "Erich Oldstate" not in people  # East Germany has no detente code
    assert not any(p["name"].startswith("New Zealand") for p in people.values())  # countries are detente's


def test_institutions_organisations_groups_and_agents(converted):
    assert {"country": "NZL", "sector": "MIL", "names": ["Frostlake Rifles Army"]} in converted["people.json"]["agencies"]
    assert converted["organisations.json"]["organisations"] == [
        {"code": "NGOHRI", "sector": "NGO", "names": ["Global Lantern Alliance", "GLA"]}]
    assert converted["organisations.json"]["groups"] == [
        {"country": "NZL", "sector": "REB", "names": ["Crimson Heron Brigade"]}]
    roles = {r["sector"]: r["names"] for r in converted["roles.json"]["roles"]}
    assert roles["CVL"] == ["lantern keeper", "lantern keepers"]
    assert roles["REB"] == ["heronman", "heronmen"]  # !PERSON! expanded, no further plural
    assert roles["COP"] == ["guardhouse"]  # {} = no plural
    assert "GOV" not in roles  # "AMBASSADOR_TO" is a phrase with a gap


def test_the_other_number_of_a_detente_role_takes_detentes_sector(converted):
    # detente lists "soldiers" (MIL); PETRARCH's "soldier" is the same role, not a second meaning
    roles = {r["sector"]: r["names"] for r in converted["roles.json"]["roles"]}
    assert roles["MIL"] == ["soldier"]
    assert "soldiers" not in roles["REB"]


def test_verbs_and_phrases_follow_the_crosswalk(converted):
    verbs = converted["verbs.json"]
    assert verbs["verbs"] == [
        {"words": ["ship", "send off"], "type": "AID", "cameo": "070", "mode": None, "block": "ship"},
        {"words": ["halt"], "type": "SANCTION", "cameo": "162", "mode": "discontinue", "block": "ship"}]
    phrases = verbs["phrases"]
    assert [p["cameo"] for p in phrases] == ["071", "073", "042"]  # [---] and 01 (no PLOVER type) skipped
    aid, food, talks = phrases
    assert aid["verb"] == ["ship", "send off", "halt"] and aid["object"] == ["aid"]
    assert aid["modifiers"] == ["financial"] and aid["prep"] is None and aid["type"] == "AID"
    assert food["object"] == ["grain", "rice"] and food["prep"] == [{"word": "to", "object": ["border"]}]
    assert talks["object"] is None and talks["paired"] == "043"
    assert (talks["type"], talks["mode"]) == ("CONSULT", "visit")



def test_a_pattern_whose_act_runs_from_target_to_source_is_left_out(converted):
    # "[:073]" (only the paired code) and "+ * … $" (the target before the verb): detente's
    # phrases code subject → object, so these would be coded backwards
    phrases = converted["verbs.json"]["phrases"]
    assert not any(p["prep"] and p["prep"][0]["word"] in ("from", "to") and p["object"] is None for p in phrases), phrases


# ---- the committed files ----------------------------------------------------------------------
def test_committed_files_are_the_converters_output(tmp_path):
    if not (SHARED_DICTIONARIES / "CAMEO.2.0.txt").is_file():
        pytest.skip(f"PETRARCH2 dictionaries not found at {SHARED_DICTIONARIES}: cannot rebuild the data")
    assert _converter().main(["--source", str(SHARED_DICTIONARIES), "--out", str(tmp_path)]) == 0
    stale = [name for name in GENERATED if (tmp_path / name).read_bytes() != (DATA / name).read_bytes()]
    assert not stale, (f"{stale} differ from a fresh conversion: run `python scripts/convert_petrarch2.py` "
                       f"(its output depends on actors/*.yaml, lexicon/*.yaml and cameo_plover.yaml too)")


def test_generated_actor_files_load_through_the_loader():
    dictionary = ActorDictionary.load()
    for name, key, kind in (("people.json", "people", "person"), ("organisations.json", "organisations", "org"),
                            ("organisations.json", "groups", "group"), ("roles.json", "roles", "role")):
        first = json.loads((DATA / name).read_text(encoding="utf-8"))[key][0]
        meanings = dictionary.meanings(first.get("name") or first["names"][0])
        assert any(m.kind == kind for m in meanings), (name, key, first)
    assert dictionary.lookup("International Diabetes Federation").code == "NGOHLH"


def test_curated_terms_and_meanings_win_over_the_base(tmp_path):
    base = tmp_path / "base.json"
    base.write_text(json.dumps({"people": [
        {"name": "Tamsin Vance", "names": ["Vance"], "country": "NZL",
         "terms": [{"sector": "GOV", "start": "2010-01-01", "end": "2015-02-17"}]},
        {"name": "Oskar Vance", "names": ["Vance"], "country": "AUS",
         "terms": [{"sector": "GOV", "start": "2001-01-01", "end": None}]}]}), encoding="utf-8")
    curated = tmp_path / "curated.yaml"
    curated.write_text("people:\n- {name: Tamsin Vance, names: [Vance], country: NZL, gender: f, "
                       "terms: [{role: prime minister, start: 2010-01-01, end: null}]}\n", encoding="utf-8")
    user = tmp_path / "user.yaml"
    user.write_text("people:\n- {name: Tamsin Vance, terms: [{role: governor, start: 2010-01-01, end: 2018-01-01}]}\n",
                    encoding="utf-8")
    dictionary = ActorDictionary()
    dictionary._add_file(base, user=False, base=True)
    dictionary._add_file(curated, user=False)
    assert dictionary.lookup("Tamsin Vance", "2020-06-01").code == "NZLGOV"  # curated term, not the base's end
    assert dictionary.meanings("Vance")[0].entry_id == "person:tamsin-vance"  # curated meaning first
    dictionary._add_file(user, user=True)
    assert dictionary.lookup("Tamsin Vance", "2020-06-01").code == "NZLELI"  # the user's file still wins


def test_curated_leaders_win_over_petrarch_for_a_person_in_both():
    people = {p["name"]: p for p in json.loads((DATA / "people.json").read_text(encoding="utf-8"))["people"]}
    if "Bashar al Assad" not in people:
        pytest.skip("Bashar al-Assad is no longer in the converted data")
    assert people["Bashar al Assad"]["terms"][-1]["end"] == "2015-02-17"  # PETRARCH alone: ELI after 2015
    dictionary = ActorDictionary.load()
    entry = dictionary.entries["person:bashar-al-assad"]
    assert entry.name == "Bashar al-Assad"  # detente's canonical name
    assert dictionary.lookup("Bashar al-Assad", "2020-06-01").code == "SYRGOV"
    assert dictionary.lookup("Bashar al-Assad", "2025-06-01").code == "SYRELI"


def test_every_cameo_code_maps_to_a_plover_type_or_null():
    codes = yaml.safe_load(CROSSWALK.read_text(encoding="utf-8"))["codes"]
    assert all(re.fullmatch(r"\d{2,4}", code) for code in codes)
    assert {f"{n:02d}" for n in range(1, 21)} <= set(codes)  # every root
    assert all(code[:2] in codes and (len(code) < 4 or code[:3] in codes) for code in codes)
    assert all(entry["type"] in PLOVER_TYPES or entry["type"] is None for entry in codes.values())
    assert all(-10 <= entry["goldstein"] <= 10 for entry in codes.values())
    assert codes["01"]["type"] is None and codes["010"]["type"] is None  # PLOVER codes no statements
    assert codes["190"]["type"] == "ASSAULT" and codes["0874"]["type"] == "RETREAT"


def test_converted_verbs_carry_the_crosswalks_type():
    codes = yaml.safe_load(CROSSWALK.read_text(encoding="utf-8"))["codes"]
    verbs = json.loads((DATA / "verbs.json").read_text(encoding="utf-8"))
    for entry in verbs["verbs"] + verbs["phrases"]:
        assert entry["type"] == codes[entry["cameo"]]["type"] is not None, entry
    assert all(w == w.lower() and w.strip() for entry in verbs["verbs"] for w in entry["words"])


@pytest.fixture(scope="module")
def nlp():
    from detente.analyse import load_nlp
    from detente.config import Settings

    return load_nlp(Settings())


def test_a_petrarch_only_organisation_is_an_actor_in_text(nlp):
    from detente.analyse import actor_mentions

    doc = nlp("The International Diabetes Federation praised Kenya's new insulin programme on Monday.")
    codes = {m.text: m.actor.code for m in actor_mentions(doc, "2025-03-03") if m.actor}
    assert codes.get("International Diabetes Federation") == "NGOHLH"


def test_a_single_soldier_or_activist_is_coded_like_the_plural(nlp):
    from detente.analyse import actor_mentions

    doc = nlp("A Chilean soldier detained a Peruvian activist near the border on Friday.")
    codes = {m.text: m.actor.code for m in actor_mentions(doc, "2025-03-03") if m.actor}
    assert codes.get("Chilean soldier") == "CHLMIL"
    assert codes.get("Peruvian activist") == "PERCVL"


def test_base_files_load_before_the_curated_files():
    assert all(path.parent == DATA and path.suffix == ".json" for path in actors_module.BASE_FILES)
