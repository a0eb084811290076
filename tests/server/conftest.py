"""Fixtures of the server stage: one hand-made store per test module, a client over it, and
`detente serve` in a subprocess for the browser tests."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from builders import build_corpus, served_dashboard
from fastapi.testclient import TestClient

from detente.server.app import create_app


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    return build_corpus(tmp_path_factory.mktemp("server") / "server.duckdb")


@pytest.fixture(scope="module")
def client(corpus):
    with TestClient(create_app(corpus["db"])) as test_client:
        yield test_client


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    """`detente serve` in a subprocess over builders.build_corpus's hand-made store."""
    with served_dashboard(tmp_path_factory) as served:
        yield served


@pytest.fixture(scope="module")
def screenshots(tmp_path_factory) -> Path:
    """Where the browser tests' screenshots go: $DETENTE_SCREENSHOTS to keep them, else a temp dir."""
    folder = Path(os.environ.get("DETENTE_SCREENSHOTS") or tmp_path_factory.mktemp("screenshots"))
    folder.mkdir(parents=True, exist_ok=True)
    return folder
