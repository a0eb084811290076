"""Shared fixtures: a temporary database, the dev corpus, a CLI runner. The record builders
and the paths the tests use are in builders.py (tests/ is on sys.path: this file's folder)."""

from __future__ import annotations

from pathlib import Path

import pytest
from builders import DEV_CORPUS


@pytest.fixture
def db_path(tmp_path) -> Path:
    return tmp_path / "test.duckdb"


@pytest.fixture(scope="session")
def dev_corpus() -> Path:
    if not DEV_CORPUS.is_dir() or not any(DEV_CORPUS.iterdir()):
        pytest.skip(f"dev corpus not found at {DEV_CORPUS}")
    return DEV_CORPUS


@pytest.fixture(scope="session")
def cli():
    """Invoke the real `detente` app: `cli("ingest", path, "--db", db)` → click Result."""
    from typer.testing import CliRunner

    import detente.cli as detente_cli

    detente_cli._register()
    runner = CliRunner()

    def invoke(*args, input=None):
        return runner.invoke(detente_cli.app, [str(a) for a in args], input=input, catch_exceptions=False)

    return invoke
