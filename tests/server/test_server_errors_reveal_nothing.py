"""What the server's pages and errors show (issue 9, point 5): never the database's absolute path,
the interpreter's path or a PID; a 503 says when to retry; a refused filter is a 422 whose
`detail` is the array the OpenAPI schema declares."""

from __future__ import annotations

import re
import subprocess
import sys

import pytest
from builders import article_text, make_article, make_processed
from fastapi.testclient import TestClient

from detente.server.app import create_app
from detente.store import Store

PID = re.compile(r"\bPID\b|\bpid\b", re.I)


@pytest.fixture
def db(tmp_path):
    path = tmp_path / "private-folder" / "news.duckdb"
    with Store(path) as store:
        store.write(make_processed(make_article(article_text(7))), "one")
    return path


def _reveals(text: str, db) -> list[str]:
    found = []
    for secret in (str(db), str(db.parent), sys.executable, sys.prefix):
        if secret in text:
            found.append(secret)
    if PID.search(text):
        found.append("a PID")
    return found


def test_pages_and_404s_name_the_database_file_but_not_where_it_lies(db):
    with TestClient(create_app(db)) as client:
        for url in ("/", "/documents", "/events", "/documents/ffffffffffffffff", "/api/documents/ffffffffffffffff",
                    "/no-such-page", "/api/no-such-thing"):
            response = client.get(url)
            assert not _reveals(response.text, db), (url, _reveals(response.text, db))
        page = client.get("/")
        assert "news.duckdb" in page.text
        assert client.get("/documents/ffffffffffffffff").status_code == 404


def test_a_missing_database_is_503_without_its_path(tmp_path):
    absent = tmp_path / "secret" / "absent.duckdb"
    with TestClient(create_app(absent)) as client:
        for url in ("/api/events", "/"):
            response = client.get(url)
            assert response.status_code == 503
            assert not _reveals(response.text, absent) and "absent.duckdb" in response.text


HOLD_WITH_STORE = ("import sys; from detente.store import Store; s = Store(sys.argv[1]); "
                   "print('ready', flush=True); sys.stdin.read(); s.close()")
HOLD_WITH_DUCKDB = ("import sys, duckdb; c = duckdb.connect(sys.argv[1]); "  # a writer that takes no turn
                    "print('ready', flush=True); sys.stdin.read(); c.close()")


@pytest.mark.parametrize("holder", [HOLD_WITH_STORE, HOLD_WITH_DUCKDB], ids=["ingest-like", "bare-duckdb"])
def test_a_held_database_is_503_with_retry_after_and_no_pid_or_interpreter(db, monkeypatch, holder):
    monkeypatch.setenv("DETENTE_READ_WAIT_SECONDS", "0.5")
    writer = subprocess.Popen([sys.executable, "-c", holder, str(db)], stdin=subprocess.PIPE,
                              stdout=subprocess.PIPE, text=True)
    try:
        assert writer.stdout.readline().strip() == "ready"
        with TestClient(create_app(db)) as client:
            for url in ("/api/events", "/events"):
                response = client.get(url)
                assert response.status_code == 503, response.text
                assert response.headers.get("retry-after") == "1"
                assert not _reveals(response.text, db), _reveals(response.text, db)
                assert str(writer.pid) not in response.text
    finally:
        writer.stdin.close()
        writer.wait(timeout=30)


def test_an_unknown_event_type_is_422_with_the_detail_array_the_schema_declares(db):
    with TestClient(create_app(db)) as client:
        response = client.get("/api/events", params={"type": "FOO"})
        assert response.status_code == 422
        detail = response.json()["detail"]
        schema = client.get("/openapi.json").json()
        declared = schema["components"]["schemas"]["HTTPValidationError"]["properties"]["detail"]
        assert declared["type"] == "array"
        item = schema["components"]["schemas"]["ValidationError"]
        assert isinstance(detail, list) and detail
        for error in detail:
            assert set(item["required"]) <= set(error)
            assert isinstance(error["loc"], list) and isinstance(error["msg"], str) and isinstance(error["type"], str)
        assert "FOO" in detail[0]["msg"] and detail[0]["loc"][-1] == "type"
