"""The actor dictionary: data files, lookups, term dates, user files."""

from __future__ import annotations

import pytest

from detente.analyse.actors import ActorDictionary, normalise, point_date


@pytest.fixture(scope="module")
def actors() -> ActorDictionary:
    return ActorDictionary.load()


def test_every_iso_country_is_there(actors):
    import pycountry

    missing = [c.alpha_3 for c in pycountry.countries if f"country:{c.alpha_3}" not in actors.entries]
    assert missing == []
    assert "country:XKX" in actors.entries  # Kosovo is not ISO but is in the news


@pytest.mark.parametrize("word,code", [
    ("Colombian", "COL"), ("Bogotá", "COL"), ("bogota", "COL"), ("United States", "USA"), ("U.S.", "USA"),
    ("America", "USA"), ("the United States", "USA"), ("Britain", "GBR"), ("UK", "GBR"), ("British", "GBR"),
    ("South Korea", "KOR"), ("North Korea", "PRK"), ("Pyongyang", "PRK"), ("Russia", "RUS"), ("Kremlin", "RUS"),
    ("Kyiv", "UKR"), ("Kiev", "UKR"), ("Iran", "IRN"), ("Tehran", "IRN"), ("Türkiye", "TUR"), ("Turkey", "TUR"),
    ("Ivory Coast", "CIV"), ("Czechia", "CZE"), ("DRC", "COD"), ("Laos", "LAO"), ("Vietnam", "VNM"),
    ("Taiwan", "TWN"), ("Palestinian", "PSE"), ("Kosovo", "XKX"), ("Syria", "SYR"), ("Venezuela", "VEN"),
    ("Caracas", "VEN"), ("Bolivia", "BOL"), ("Israeli", "ISR"), ("Iraqi", "IRQ"), ("Chinese", "CHN"),
    ("Beijing", "CHN"), ("New Delhi", "IND"), ("Islamabad", "PAK"), ("Ankara", "TUR"), ("Jerusalem", "ISR"),
    ("Seoul", "KOR"), ("Tokyo", "JPN"), ("Moscow", "RUS"), ("Ukrainian", "UKR"), ("Washington", "USA"),
])
def test_country_code(actors, word, code):
    assert actors.country_code(word) == code


def test_kurds_are_a_group_not_a_country(actors):
    assert actors.country_code("Kurdish") is None
    kurds = actors.lookup("Kurds")
    assert kurds.code == "KUR" and kurds.country is None


@pytest.mark.parametrize(("text", "code"), [
    ("Western countries", "WST"), ("European leaders", "EUR"), ("Gulf states", "PGS"),
    ("Southeast Asian nations", "SEA"), ("African governments", "AFR"),
])
def test_several_countries_of_a_region_are_its_regional_actor(actors, text, code):
    region = actors.lookup(text)
    assert region is not None and region.code == code and region.country is None


def test_a_regions_adjective_alone_or_a_countrys_demonym_is_no_region(actors):
    assert actors.lookup("Western") is None
    # "Central African" is the Central African Republic's
    assert actors.lookup("Central African leaders") is None or actors.lookup("Central African leaders").country == "CAF"


def test_demonyms_and_capitals_for_most_countries(actors):
    countries = [e for e in actors.entries.values() if e.kind == "country"]
    sovereign = [e for e in countries if e.capitals]
    assert len(sovereign) >= 180
    assert sum(bool(e.demonyms) for e in countries) >= 190


@pytest.mark.parametrize("text,date,code", [
    ("Trump", "2025-02-01", "USAGOV"),
    ("Trump", "2024-12-01", "USAELI"),  # president-elect
    ("Trump", "2022-06-01", "USAELI"),  # between terms
    ("Trump", "2018-03-01", "USAGOV"),
    ("Donald Trump", "2015-01-01", "USA"),  # before any office: bare country
    ("Biden", "2022-01-01", "USAGOV"),
    ("Biden", "2025-03-01", "USAELI"),
    ("Petro", "2025-01-26", "COLGOV"),
    ("Duque", "2020-05-01", "COLGOV"),
    ("Uribe", "2005", "COLGOV"),
    ("Alvaro Uribe", "2025-01", "COLELI"),
    ("Rubio", "2025-03-01", "USAGOV"),
    ("Rubio", "2020-03-01", "USALEG"),
    ("Hegseth", "2025-03-01", "USAMIL"),
    ("Sheinbaum", "2025-02-01", "MEXGOV"),
    ("María Corina Machado", "2025-02-01", "VENOPP"),
    ("Guterres", "2024-05-01", "IGOUNO"),
    ("Carney", "2025-06-01", "CANGOV"),
    ("Carney", "2025-01-01", "CAN"),
])
def test_people_are_coded_by_their_terms(actors, text, date, code):
    assert actors.lookup(text, date).code == code


@pytest.mark.parametrize("text,code", [
    ("ELN", "COLREB"), ("Gulf Clan", "COLCRM"), ("Clan del Golfo", "COLCRM"), ("Tren de Aragua", "VENCRM"),
    ("Sinaloa Cartel", "MEXCRM"), ("United Nations", "IGOUNO"), ("UNODC", "IGOUNODC"), ("OAS", "IGOOAS"),
    ("Hezbollah", "LBNREB"), ("Houthis", "YEMREB"), ("NATO", "IGONAT"), ("Red Cross", "NGOICRC"),
    ("State Department", "USAGOV"), ("Pentagon", "USAMIL"), ("Colombian President", "COLGOV"),
    ("Russian troops", "RUSMIL"), ("Colombia's ambassador", "COLGOV"), ("Bogotá", "COLGOV"),
])
def test_lookup(actors, text, code):
    assert actors.lookup(text, "2025-02-01").code == code


def test_taliban_change_sector_when_they_take_power(actors):
    assert actors.lookup("Taliban", "2019-01-01").code == "AFGREB"
    assert actors.lookup("Taliban", "2023-01-01").code == "AFGGOV"


def test_unknown_text_is_none(actors):
    assert actors.lookup("the weather") is None
    assert actors.country_code("Atlantis") is None


def test_normalise_and_dates():
    assert normalise("  Bogotá’s ") == "bogota's"
    assert point_date("2025") == "2025-07-01"
    assert point_date("2025-01") == "2025-01-15"
    assert point_date("2025-01-26T10:00:00") == "2025-01-26"
    assert point_date("soon") is None


def test_user_yaml_extends_and_overrides(tmp_path):
    path = tmp_path / "mine.yaml"
    path.write_text(
        "countries:\n  - {code: COL, names: [Kolumbien], demonyms: [Kolumbianisch]}\n"
        "people:\n  - {name: Jane Roe, names: [Roe], country: CHL, gender: f,\n"
        "     terms: [{role: foreign minister, start: 2025-01-01, end: null}]}\n"
        "  - {name: Gustavo Petro, sector: OPP, terms: [{role: president, start: 2030-01-01}]}\n"
        "groups:\n  - {code: CHLREB, country: CHL, sector: REB, names: [Frente Sur]}\n", encoding="utf-8")
    actors = ActorDictionary.load([str(path)])
    assert actors.country_code("Kolumbien") == "COL" and actors.country_code("Colombia") == "COL"
    assert actors.lookup("Roe", "2025-03-01").code == "CHLGOV"
    assert actors.lookup("Frente Sur").code == "CHLREB"
    assert actors.lookup("Petro", "2025-03-01").code == "COLOPP"  # the user's terms replace the package's
    assert ActorDictionary.load().lookup("Petro", "2025-03-01").code == "COLGOV"  # package data untouched


def test_user_csv(tmp_path):
    path = tmp_path / "mine.csv"
    path.write_text(
        "kind,name,names,code,country,sector,gender,person,demonyms,capitals,role,start,end,elected\n"
        "country,Atlantis,Atlantis,ATL,,,,,Atlantean,Poseidonia,,,,\n"
        "person,Jane Doe,Doe,,ATL,,f,,,,president,2024-01-01,,2023-11-05\n"
        "person,Jane Doe,,,ATL,LEG,f,,,,senator,2010-01-01,2020-01-01,\n"
        "group,Red Hand,Red Hand Army;RHA,ATLREB,ATL,REB,,,,,,,,\n", encoding="utf-8")
    actors = ActorDictionary.load([str(path)])
    assert actors.country_code("Atlantean") == "ATL"
    assert actors.lookup("Poseidonia").code == "ATLGOV"
    assert actors.lookup("Doe", "2024-06-01").code == "ATLGOV"
    assert actors.lookup("Doe", "2023-12-01").code == "ATLELI"
    assert actors.lookup("Doe", "2015-01-01").code == "ATLLEG"
    assert actors.lookup("RHA").code == "ATLREB"


def test_bad_user_file_errors_name_the_file(tmp_path):
    with pytest.raises(FileNotFoundError, match="nope.yaml"):
        ActorDictionary.load([str(tmp_path / "nope.yaml")])
    bad = tmp_path / "bad.yaml"
    bad.write_text("- just a list\n", encoding="utf-8")
    with pytest.raises(ValueError, match="bad.yaml"):
        ActorDictionary.load([str(bad)])


def test_canonical_name_is_one_of_the_entrys_own_names(actors):
    """Entries sharing a code (EU and European Parliament → IGOEEC; ELN, FARC, AUC → COLREB) keep
    their own names: the canonical name of every dictionary item is one of that item's names."""
    import yaml

    from detente.analyse.actors import ACTORS_DIR, PACKAGE_FILES, normalise

    wrong = []
    for name in PACKAGE_FILES:
        data = yaml.safe_load((ACTORS_DIR / name).read_text(encoding="utf-8"))
        for key in ("organisations", "groups", "agencies", "people", "countries"):
            for item in data.get(key) or []:
                own = {normalise(n) for n in ([item.get("name")] if item.get("name") else []) + list(item.get("names") or [])}
                first = item.get("name") or item["names"][0]
                for surface in actors.meanings(first):
                    entry = actors.entries[surface.entry_id]
                    if surface.kind in ("org", "group", "agency", "person", "country") and entry.kind == surface.kind:
                        if normalise(entry.name) not in own and entry.code == item.get("code", entry.code):
                            wrong.append((first, entry.name))
                        break
    assert not wrong, wrong


@pytest.mark.parametrize("text,code,name", [
    ("European Union", "IGOEEC", "European Union"), ("EU", "IGOEEC", "European Union"),
    ("European Parliament", "IGOEEC", "European Parliament"),
    ("ELN", "COLREB", "ELN"), ("FARC", "COLREB", "FARC"), ("NATO", "IGONAT", "NATO")])
def test_shared_codes_keep_their_names(actors, text, code, name):
    actor = actors.lookup(text)
    assert (actor.code, actor.name) == (code, name)


def test_user_entry_without_name_keeps_the_canonical_name(tmp_path):
    path = tmp_path / "mine.yaml"
    path.write_text("countries:\n  - {code: COL, names: [Kolumbien]}\n", encoding="utf-8")
    actors = ActorDictionary.load([str(path)])
    assert actors.entries["country:COL"].name == "Colombia"
    assert actors.lookup("Kolumbien").code == "COL"


def test_each_outlet_of_a_country_s_media_is_named_by_its_own_name(actors):
    # one code for a country's media, but VOA is not "Washington Post" and Reuters is not "BBC"
    for short, name in (("VOA", "Voice of America"), ("Reuters", "Reuters"), ("AFP", "Agence France-Presse")):
        (entry,) = {actors.entries[s.entry_id].name for s in actors.meanings(short) if s.kind == "org"}
        assert entry == name
