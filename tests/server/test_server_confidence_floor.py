"""A floor on the coder's confidence when reading a store: `min_confidence` on /api/events, its
facets and export, the events page, `detente events --min-confidence` and `db.events(...)`."""

from __future__ import annotations

import json
import math

import pytest
from builders import build_corpus
from fastapi.testclient import TestClient
from hypothesis import given
from hypothesis import strategies as st
from typer.testing import CliRunner

import detente
import detente.cli.extract  # noqa: F401 - registers the commands
from detente.cli import app as cli
from detente.queries import QueryError, check_confidence
from detente.server.app import create_app
from detente.store import Store


@pytest.fixture(scope="module")
def graded(tmp_path_factory):
    """build_corpus's store (every event at 0.8) with two events the coder was surer of."""
    corpus = build_corpus(tmp_path_factory.mktemp("graded") / "graded.duckdb")
    sure = [corpus["events"]["a"][0].event_id, corpus["events"]["c"][1].event_id]
    with Store(corpus["db"]) as store:
        store.con.execute("UPDATE events SET confidence = 0.9 WHERE list_contains(?, event_id)", [sure])
    return corpus["db"], set(sure)


def test_the_api_lists_counts_and_exports_only_events_at_or_over_the_floor(graded):
    db, sure = graded
    with TestClient(create_app(db)) as client:
        every = client.get("/api/events").json()
        surer = client.get("/api/events?min_confidence=0.85").json()
        assert every["total"] == 5 and surer["total"] == 2
        assert {e["event_id"] for e in surer["items"]} == sure
        # the searched and sorted list (the listing's own SQL) and the facets agree
        assert {e["event_id"] for e in client.get("/api/events?min_confidence=0.85&sort=date").json()["items"]} == sure
        types = {f["name"]: f for f in client.get("/api/events/facets?min_confidence=0.85").json()["facets"]}["type"]
        assert sum(v["count"] for v in types["values"]) == 2
        exported = client.get("/api/export/events?format=jsonl&min_confidence=0.85").text.splitlines()
        assert {json.loads(line)["event_id"] for line in exported} == sure
        page = client.get("/events?min_confidence=0.85").text
        assert page.count('<tr id="event-') == 2 and 'name="min_confidence" value="0.85"' in page
        assert client.get("/api/events?min_confidence=0").json()["total"] == 5
        assert client.get("/api/events?min_confidence=1.5").status_code == 422


def test_cli_and_notebook_read_the_same_floor(graded):
    db, sure = graded
    result = CliRunner().invoke(cli, ["events", "--db", str(db), "--min-confidence", "0.85", "--format", "jsonl"])
    assert result.exit_code == 0, result.output
    assert {json.loads(line)["event_id"] for line in result.stdout.splitlines()} == sure
    rows = detente.open(str(db)).events(min_confidence=0.85).to_dicts()
    assert {r["event_id"] for r in rows} == sure


def test_a_floor_must_be_a_number_from_zero_to_one():
    assert check_confidence(None) is None and check_confidence(0) is None and check_confidence("0.7") == 0.7
    for bad in ("high", -0.1, 1.2):
        with pytest.raises(QueryError, match="min_confidence"):
            check_confidence(bad)


@given(st.one_of(st.floats(allow_nan=True, allow_infinity=True), st.text(max_size=12), st.integers(-5, 5)))
def test_any_floor_is_a_number_from_zero_to_one_or_refused_with_its_name(value):
    try:
        floor = check_confidence(value)
    except QueryError as exc:
        assert exc.param == "min_confidence"
        return
    number = float(value)
    assert 0.0 <= number <= 1.0 and not math.isnan(number)
    assert floor == (number or None)
