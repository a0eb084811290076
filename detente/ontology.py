"""The event ontology: PLOVER types and modes, CAMEO roots, quad classes, Goldstein intensities.

One definition of each, importable without spaCy (the server, the CLI's argument checks and
the aggregate stage need them; the coder too). Values follow GDELT's CAMEO tables and the
PLOVER codebook's crosswalk from CAMEO roots.
"""

from __future__ import annotations

from functools import lru_cache

from detente.config import PACKAGE_DATA

PLOVER_TYPES: tuple[str, ...] = (
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
    "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
)

CONFLICT_TYPES = frozenset({"ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE",
                            "ASSAULT"})

# CAMEO's sector of civilians: people, refugees, a country's citizens ("Syrian refugees" SYRCVL)
CIVILIAN_SECTOR = "CVL"
GOVERNMENT_SECTOR = "GOV"  # a state's executive: "the government", ministries, officials

# CAMEO's actor codes of organisations: intergovernmental and non-governmental ("IGOUNO", "NGOICRC")
ORGANISATION_PREFIXES = ("IGO", "NGO")


def is_organisation(code: str | None) -> bool:
    """Whether an actor code names an international organisation (no country of its own)."""
    return (code or "")[:3] in ORGANISATION_PREFIXES


# CAMEO's twenty root codes.
CAMEO_ROOTS: dict[str, str] = {
    "01": "make public statement", "02": "appeal", "03": "express intent to cooperate",
    "04": "consult", "05": "engage in diplomatic cooperation", "06": "engage in material cooperation",
    "07": "provide aid", "08": "yield", "09": "investigate", "10": "demand", "11": "disapprove",
    "12": "reject", "13": "threaten", "14": "protest", "15": "exhibit force posture",
    "16": "reduce relations", "17": "coerce", "18": "assault", "19": "fight",
    "20": "use unconventional mass violence",
}

# The PLOVER type a CAMEO root becomes when nothing more specific is known (PLOVER's crosswalk;
# 01, bare statements, has no PLOVER type).
ROOT_TO_PLOVER: dict[str, str] = {
    "02": "REQUEST", "03": "AGREE", "04": "CONSULT", "05": "SUPPORT", "06": "COOPERATE", "07": "AID",
    "08": "CONCEDE", "09": "ACCUSE", "10": "REQUEST", "11": "ACCUSE", "12": "REJECT", "13": "THREATEN",
    "14": "PROTEST", "15": "MOBILIZE", "16": "SANCTION", "17": "COERCE", "18": "ASSAULT",
    "19": "ASSAULT", "20": "ASSAULT",
}

QUAD_CLASSES: dict[int, str] = {
    1: "verbal cooperation", 2: "material cooperation", 3: "verbal conflict", 4: "material conflict",
}

# Goldstein intensities of CAMEO codes (GDELT's table, rounded); a code not listed falls back to
# its 3-digit parent, then to its root.
GOLDSTEIN: dict[str, float] = {
    "01": 0.0, "02": 3.0, "020": 3.0, "026": 4.0, "03": 4.0, "030": 4.0, "04": 1.0, "041": 1.0,
    "042": 1.9, "043": 2.8, "045": 5.0, "046": 7.0, "05": 3.5, "051": 3.4, "054": 6.0, "055": 7.0,
    "056": 7.0, "057": 8.0, "06": 6.0, "062": 7.4, "063": 7.4, "064": 7.0, "07": 7.0, "072": 8.3,
    "073": 7.4, "08": 5.0, "084": 7.0, "085": 7.0, "087": 9.0, "09": -2.0, "10": -5.0, "11": -2.0,
    "12": -4.0, "125": -5.0, "127": -5.0, "129": -5.0, "13": -6.0, "130": -4.4, "131": -5.8,
    "138": -7.0, "14": -6.5, "15": -7.2, "16": -4.0, "162": -5.6, "163": -8.0, "164": -7.0,
    "166": -5.0, "17": -7.0, "171": -9.2, "172": -5.0, "173": -5.0, "174": -5.0, "18": -9.0,
    "182": -9.5, "183": -10.0, "186": -10.0, "19": -10.0, "191": -9.5, "192": -9.5, "196": -9.5,
    "20": -10.0,
}

LEXICON_DIR = PACKAGE_DATA / "lexicon"


def quad_class(cameo: str) -> int:
    """GDELT's quad class of a CAMEO code: 01-05 verbal coop, 06-09 material coop, 10-14 verbal
    conflict, 15-20 material conflict."""
    root = int(cameo[:2])
    if root <= 5:
        return 1
    if root <= 9:
        return 2
    if root <= 14:
        return 3
    return 4


def goldstein(cameo: str) -> float:
    """The Goldstein intensity of a CAMEO code, from its most specific listed prefix."""
    for n in (len(cameo), 3, 2):
        value = GOLDSTEIN.get(cameo[:n])
        if value is not None:
            return value
    return 0.0


def is_conflict(event_type: str) -> bool:
    return event_type in CONFLICT_TYPES


@lru_cache(maxsize=1)
def modes() -> frozenset[str]:
    """Every mode the package lexicons can give (`mode:` values and noun modifiers), read from
    the data files so a new mode needs no code; used to check `--type tariff` style filters."""
    import yaml

    found: set[str] = set()

    def walk(node) -> None:
        if isinstance(node, dict):
            for key, value in node.items():
                if key == "mode" and isinstance(value, str):
                    found.add(value.lower())
                elif key == "modifiers" and isinstance(value, dict):
                    found.update(str(v).lower() for v in value.values() if isinstance(v, str))
                else:
                    walk(value)
        elif isinstance(node, list):
            for item in node:
                walk(item)

    for path in sorted(LEXICON_DIR.glob("*.yaml")):
        walk(yaml.safe_load(path.read_text(encoding="utf-8")))
    return frozenset(found)


# The CAMEO code an act of a PLOVER type gets when nothing more specific is known (the learned
# coder types an act by PLOVER type only): the root PLOVER's crosswalk maps to that type, the
# most general one where several do (an appeal before a demand, a disapproval before an
# investigation, an assault before a fight).
PLOVER_DEFAULT_CAMEO: dict[str, str] = {
    "AGREE": "03", "CONSULT": "04", "SUPPORT": "05", "CONCEDE": "08", "COOPERATE": "06", "AID": "07",
    "RETREAT": "087", "REQUEST": "02", "ACCUSE": "11", "REJECT": "12", "THREATEN": "13", "PROTEST": "14",
    "SANCTION": "16", "MOBILIZE": "15", "COERCE": "17", "ASSAULT": "18",
}


def default_cameo(event_type: str) -> str:
    """The CAMEO code of a PLOVER type when nothing more specific is known."""
    return PLOVER_DEFAULT_CAMEO[event_type]
