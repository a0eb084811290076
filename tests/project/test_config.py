"""Settings: defaults, environment variables, explicit overrides — in that order of strength."""

from __future__ import annotations

import os

from detente.config import Settings


def test_environment_then_overrides(monkeypatch):
    monkeypatch.setenv("DETENTE_MAX_BYTES", "2048")
    monkeypatch.setenv("DETENTE_NEAR_DUPLICATE_THRESHOLD", "0.9")
    monkeypatch.setenv("DETENTE_DB", "env.duckdb")
    monkeypatch.setenv("DETENTE_ACTORS_FILES", os.pathsep.join(["a.yaml", "b.csv"]))
    settings = Settings.load(db="cli.duckdb", workers=None)
    assert settings.max_bytes == 2048 and settings.near_duplicate_threshold == 0.9
    assert settings.db == "cli.duckdb" and settings.workers == 1  # None means "not given"
    assert settings.actors_files == ("a.yaml", "b.csv")
    assert Settings.load(actors_files=["x.yaml"]).actors_files == ("x.yaml",)
