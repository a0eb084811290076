"""The local engine's process count: one per core by default on the CLI, and no pool for
input that fits in one chunk."""

from __future__ import annotations

import os
from dataclasses import replace

import pytest

from detente.config import Settings
from detente.engines import local
from detente.models import Article, ProcessedDocument, RawDocument


class StandIn:
    """A pipeline that turns each raw document into an article without a model."""

    def __init__(self, settings):
        self.settings = settings

    def process(self, raws):
        for raw in raws:
            yield ProcessedDocument(Article(doc_id=raw.source_path, source_path=raw.source_path, text=raw.text))


def raws(n: int) -> list[RawDocument]:
    return [RawDocument(source_path=f"doc{i}", text=f"text {i}", kind="text") for i in range(n)]


@pytest.fixture
def pools(monkeypatch):
    started = []

    def fake_pool(fn, chunks, workers, initializer=None, initargs=()):
        started.append(workers)
        pipeline = StandIn(initargs[0])
        for chunk in chunks:
            yield from local.process_chunk(pipeline, chunk)

    monkeypatch.setattr(local, "Pipeline", StandIn)
    monkeypatch.setattr(local, "ordered_pool_map", fake_pool)
    monkeypatch.setattr(local, "remove_stale_temp_dirs", lambda: [])
    return started


def test_zero_workers_means_one_per_core():
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    assert local.worker_count(Settings(workers=0)) == cores
    assert local.worker_count(Settings(workers=3)) == 3


def test_input_of_one_chunk_is_processed_without_a_pool(pools):
    settings = Settings(workers=2, batch_size=4)
    out = list(local.run(raws(4), settings))
    assert [p.article.doc_id for p in out] == [f"doc{i}" for i in range(4)]
    assert pools == []


def test_input_of_several_chunks_goes_to_the_pool_in_order(pools):
    settings = Settings(workers=2, batch_size=4)
    out = list(local.run(iter(raws(10)), settings))
    assert [p.article.doc_id for p in out] == [f"doc{i}" for i in range(10)]
    assert pools == [2]


def test_one_worker_never_starts_a_pool(pools):
    out = list(local.run(raws(10), replace(Settings(), workers=1, batch_size=4)))
    assert len(out) == 10 and pools == []


def test_empty_input_yields_nothing(pools):
    assert list(local.run([], Settings(workers=2))) == [] and pools == []


def test_cli_ingest_defaults_to_one_worker_per_core(monkeypatch, tmp_path):
    from typer.testing import CliRunner

    import detente.cli.ingest  # noqa: F401 - registers the command
    import detente.ingest
    from detente.cli import app

    seen = []

    def fake_ingest(paths, store, settings, **kwargs):
        seen.append(settings.workers)
        raise SystemExit(0)

    monkeypatch.delenv("DETENTE_WORKERS", raising=False)
    monkeypatch.setattr(detente.ingest, "ingest", fake_ingest)
    source = tmp_path / "a.txt"
    source.write_text("Peru imposed a tariff on Chile.")
    CliRunner().invoke(app, ["ingest", str(source), "--db", str(tmp_path / "x.duckdb")])
    CliRunner().invoke(app, ["ingest", str(source), "--db", str(tmp_path / "y.duckdb"), "--workers", "1"])
    assert seen == [0, 1]
