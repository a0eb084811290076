"""An anchored date keeps its anchor's offsets in the PLOVER output too (every format carries
`date_method` and the anchor), and the record stays valid against the PLOVER schema."""

from __future__ import annotations

import json

import jsonschema

from detente import extract
from detente.present.plover import SCHEMA_FILE, plover_record

TEXT = ("On January 20, 2025, Russia and Ukraine opened talks in Geneva. In March, Russia attacked Ukraine "
        "again, the Ukrainian defence ministry said.")


def test_an_anchored_date_carries_its_anchor_offsets_in_plover():
    events = [e.to_dict() for e in extract(TEXT, published="2025-06-01")]
    anchored = [e for e in events if e["date_method"] == "anchored"]
    assert anchored, [(e["event_type"], e["date"], e["date_method"]) for e in events]
    record = plover_record(anchored[0])
    assert record["date_method"] == "anchored" and record["date"].startswith("2025-03")
    assert TEXT[record["date_anchor_start"]:record["date_anchor_end"]].startswith("January 20, 2025")
    jsonschema.validate(record, json.loads(SCHEMA_FILE.read_text(encoding="utf-8")))
