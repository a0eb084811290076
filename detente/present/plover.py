"""Event records as PLOVER records: the PLOVER specification's JSON data fields.

PLOVER (openeventdata/PLOVER, "JSON Data Fields") names an event's fields for interchange:
`id`, `date` (YYYY-MM-DD), `source`/`recipient` as lists of actor objects (`code`, `sector`,
`actor_text`, `identifier_text`), `event`, `mode` and `context` as lists in PLOVER's own
vocabularies, `quad_code`, `event_scale`, `event_text`, `text_info`, and `cite_info` with the
article's `url`, `title`, `publication` and `language`. detente adds what PLOVER leaves open
(the specification allows named extra fields): `date_precision`, `date_method`, the anchor's
character offsets (`date_anchor_start`/`date_anchor_end`) of an anchored date, `enddate` for a
date known only to the month or year, the CAMEO `event_code`, its own `detente_mode`, the
coder's `confidence`; `quad_code` is PLOVER's quad of the type, `quad_class` detente's (from
the CAMEO root, as GDELT). `data/plover.schema.json` is the schema written from the specification;
the tests validate this output against it.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from detente.config import PACKAGE_DATA

VOCABULARY_FILE = PACKAGE_DATA / "plover.yaml"
CROSSWALK_FILE = PACKAGE_DATA / "cameo_plover.yaml"
SCHEMA_FILE = PACKAGE_DATA / "plover.schema.json"
NON_STATE = ("IGO", "NGO", "ISM", "IMG", "MNC")  # PLOVER's non-state actor codes


@lru_cache(maxsize=1)
def vocabulary() -> dict[str, Any]:
    """`data/plover.yaml`: PLOVER's quad code per type and detente's modes in PLOVER's names."""
    import yaml

    return yaml.safe_load(VOCABULARY_FILE.read_text(encoding="utf-8")) or {}


@lru_cache(maxsize=1)
def _crosswalk() -> dict[str, dict[str, Any]]:
    import yaml

    return (yaml.safe_load(CROSSWALK_FILE.read_text(encoding="utf-8")) or {}).get("codes") or {}


@lru_cache(maxsize=1)
def schema() -> dict[str, Any]:
    import json

    return json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))


def mode_and_context(event_type: str, mode: str | None, code: str | None) -> tuple[list[str], list[str]]:
    """PLOVER's mode and context lists for a detente type and mode: detente's mode mapped by
    `data/plover.yaml`, else PLOVER's crosswalk of the CAMEO code when it names this type."""
    mapped = (vocabulary().get("modes") or {}).get(event_type, {}).get(mode or "") or {}
    plover_mode = mapped.get("mode")
    context = list(mapped.get("context") or [])
    crossed = _crosswalk().get(code or "") or {}
    if crossed.get("type") == event_type and crossed.get("source") != "detente":
        plover_mode = plover_mode or crossed.get("mode")
        context += [c for c in crossed.get("context") or [] if c not in context]
    return ([plover_mode] if plover_mode else []), context


def actor_object(actor: dict[str, Any] | None) -> list[dict[str, Any]]:
    """An actor record as a list of PLOVER actor objects (one, or none for no actor): `code`
    is the country, else the non-state prefix of the code (IGOUNO → IGO)."""
    if not actor or not (actor.get("text") or actor.get("code")):
        return []
    code = actor.get("code") or ""
    top = actor.get("country") or next((p for p in NON_STATE if code.startswith(p)), None)
    return [{"code": top, "sector": actor.get("sector"), "actor_text": actor.get("text") or "",
             "identifier_text": actor.get("name"), "actor_code": actor.get("code")}]


def plover_record(event: dict[str, Any]) -> dict[str, Any]:
    """One event record (`Event.to_dict()`, as stored) as a PLOVER record."""
    from detente import __version__
    from detente.models import date_bounds, event_code

    evidence = event.get("evidence") or {}
    code = event.get("event_code") or event_code(event.get("cameo_root"))
    earliest, latest = event.get("date_earliest"), event.get("date_latest")
    if event.get("date") and not earliest:
        earliest, latest = date_bounds(event["date"])
    mode, context = mode_and_context(event["event_type"], event.get("mode"), code)
    if event.get("background"):  # a past fact told in passing: PLOVER's "historical" context
        context.append("historical")
    record: dict[str, Any] = {
        "id": event["event_id"],
        "date": earliest,
        "date_precision": event.get("date_precision") if earliest else None,
        "date_method": event.get("date_method"),
    }
    if latest and latest != earliest:
        record["enddate"] = latest  # "2025-03" is 2025-03-01 … 2025-03-31
    if event.get("date_anchor_start") is not None:  # an anchored date: where its anchor is in the text
        record["date_anchor_start"] = event["date_anchor_start"]
        record["date_anchor_end"] = event.get("date_anchor_end")
    record.update({
        "source": actor_object(event.get("actor")),
        "recipient": actor_object(event.get("recipient")),
        "event": [event["event_type"]],
        "mode": mode,
        "context": context,
        "quad_code": (vocabulary().get("quad_codes") or {}).get(event["event_type"], event.get("quad_class")),
        "event_scale": event.get("intensity"),
        "event_text": [evidence["text"]] if evidence.get("text") else [],
        "text_info": {"start": evidence.get("start"), "end": evidence.get("end"), "doc_id": event.get("doc_id"),
                      "quote": event.get("quote")},
        "cite_info": {"url": event.get("url"), "title": event.get("title"), "publication": event.get("outlet"),
                      "language": event.get("language"), "citation": event.get("external_id") or event.get("source_path"),
                      "published": event.get("published"), "coder": f"detente {__version__}",
                      "codebook": "plover"},
        "coder": f"detente {__version__}",
        "event_code": code,
        "cameo_root": event.get("cameo_root"),
        "quad_class": event.get("quad_class"),  # detente's, from the CAMEO root as in GDELT
        "detente_mode": event.get("mode"),
        "confidence": event.get("confidence"),
    })
    return record
