"""`--format plover` follows the PLOVER specification's JSON data fields: every record detente
writes validates against the JSON Schema written from the specification (data/plover.schema.json),
modes and contexts are PLOVER's own names, dates are YYYY-MM-DD with their precision."""

from __future__ import annotations

import json

import pytest
from builders import article_text, make_article, make_event, make_processed

from detente.ontology import PLOVER_TYPES
from detente.present.plover import plover_record, schema, vocabulary
from detente.store import Store

jsonschema = pytest.importorskip("jsonschema", reason="jsonschema validates PLOVER output (dev dependency)")


def validator():
    jsonschema.Draft202012Validator.check_schema(schema())
    return jsonschema.Draft202012Validator(schema(), format_checker=jsonschema.FormatChecker())


def errors(record) -> list[str]:
    return [e.message for e in validator().iter_errors(record)]


@pytest.fixture
def db(db_path):
    a = make_article(article_text(70), source_path="a.txt", url="https://ledger.example.test/a", title="Tariffs",
                     outlet="Pacific Ledger", published="2025-01-27")
    events = [
        make_event(a.doc_id, 0),  # SANCTION/tariff, a day
        make_event(a.doc_id, 1, event_type="THREATEN", mode="tariff", cameo_root="13", quad_class=3,
                   intensity=-4.4, date="2025-02", date_precision="month"),
        make_event(a.doc_id, 2, event_type="CONSULT", mode="phone_call", cameo_root="04", quad_class=1,
                   intensity=1.0, date=None, date_precision=None, date_method=None),
        make_event(a.doc_id, 3, actor=("the UN", "IGOUNO", None, "IGO", "United Nations"), event_type="AID",
                   mode="humanitarian_aid", cameo_root="07", quad_class=2, intensity=7.4, date="2025"),
        make_event(a.doc_id, 4, recipient=None, event_type="ASSAULT", mode="killing", cameo_root="18",
                   quad_class=4, intensity=-9.0, background=True),
    ]
    with Store(db_path) as store:
        store.write(make_processed(a, events), "a")
    return db_path


def stored_plover(db) -> list[dict]:
    with Store(db, read_only=True) as store:
        return [plover_record(r) for r in store.events()]


def test_the_schema_is_a_valid_json_schema_and_rejects_what_plover_does_not_allow():
    good = {"id": "x", "date": "2025-01-26", "source": [{"code": "USA", "actor_text": "Washington"}],
            "event": ["SANCTION"], "mode": ["sever"]}
    assert errors(good) == []
    assert errors({**good, "date": "2025-01"})  # YYYY-MM-DD only
    assert errors({**good, "mode": ["recall_ambassador"]})  # a detente mode name is not PLOVER's
    assert errors({**good, "event": ["RETALIATE"]})
    assert errors({**good, "quad_code": 5})
    assert errors({key: value for key, value in good.items() if key != "source"})


def test_every_record_from_the_store_validates(db):
    records = stored_plover(db)
    assert len(records) == 5
    for record in records:
        assert errors(record) == [], record


def test_fields_follow_the_specification(db):
    tariff, threat, call, aid, killing = stored_plover(db)
    assert (tariff["date"], tariff["date_precision"], "enddate" in tariff) == ("2025-01-26", "day", False)
    assert tariff["source"] == [{"code": "USA", "sector": "GOV", "actor_text": "Washington",
                                 "identifier_text": "Government (United States)", "actor_code": "USAGOV"}]
    assert tariff["recipient"][0]["identifier_text"] == "Colombia"
    assert (tariff["event"], tariff["mode"], tariff["context"]) == (["SANCTION"], ["sever"], ["economic"])
    assert (tariff["quad_code"], tariff["quad_class"], tariff["event_scale"]) == (3, 4, -8.0)
    assert tariff["cite_info"]["title"] == "Tariffs" and tariff["cite_info"]["publication"] == "Pacific Ledger"
    assert tariff["cite_info"]["url"] == "https://ledger.example.test/a" and tariff["cite_info"]["language"] == "en"
    assert tariff["event_text"] == ["sentence 0"] and tariff["text_info"]["start"] == 0
    # a month: its first day, with precision and an end date
    assert (threat["date"], threat["date_precision"], threat["enddate"]) == ("2025-02-01", "month", "2025-02-28")
    assert threat["mode"] == ["restrict"] and threat["detente_mode"] == "tariff"
    assert call["date"] is None and "enddate" not in call and call["mode"] == ["phone"]
    assert aid["source"][0]["code"] == "IGO" and aid["source"][0]["identifier_text"] == "United Nations"
    assert aid["mode"] == ["humanitarian"] and aid["enddate"] == "2025-12-31"
    assert killing["recipient"] == [] and killing["mode"] == []
    assert killing["context"] == ["historical"] and tariff["context"] == ["economic"]  # a background fact


def test_every_mode_and_context_the_vocabulary_gives_is_plovers_own():
    rules = {next(iter(rule["if"]["properties"]["event"]["contains"].values())): rule["then"]["properties"]["mode"]
             for rule in schema()["allOf"]}
    contexts = set(schema()["properties"]["context"]["items"]["enum"])
    assert set(vocabulary()["quad_codes"]) == set(PLOVER_TYPES)
    for event_type, table in vocabulary()["modes"].items():
        assert event_type in PLOVER_TYPES
        allowed = set(rules[event_type].get("items", {}).get("enum", []))
        for mode, mapped in table.items():
            if (mapped or {}).get("mode"):
                assert mapped["mode"] in allowed, (event_type, mode, mapped)
            assert set((mapped or {}).get("context") or []) <= contexts, (event_type, mode)


def test_cli_and_api_give_the_same_valid_plover(db, tmp_path, cli):
    from fastapi.testclient import TestClient

    from detente.server.app import create_app

    printed = cli("events", "--db", db, "--format", "plover")
    assert printed.exit_code == 0, printed.output
    from_cli = [json.loads(line) for line in printed.stdout.splitlines()]
    exported = cli("export", tmp_path / "out", "--db", db, "--format", "plover", "--table", "events")
    assert exported.exit_code == 0, exported.output
    from_export = [json.loads(line) for line in (tmp_path / "out" / "events.plover.jsonl").read_text().splitlines()]
    with TestClient(create_app(db)) as client:
        response = client.get("/api/export/events", params={"format": "plover"})
    from_api = [json.loads(line) for line in response.text.splitlines()]
    assert from_cli == from_export == from_api and len(from_api) == 5
    assert all(errors(record) == [] for record in from_api)
