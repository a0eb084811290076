"""Per-document budgets (issue 9, point 2): size after cleaning, time to clean and to code, long
texts coded in chunks of whole paragraphs or sentences; nothing over a budget is an internal
error, and an internal error is retried once, then recorded."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from detente.budget import OverBudget, chunks, time_limit
from detente.config import Settings
from detente.ingest import ingest
from detente.models import INTERNAL_ERROR
from detente.pipeline import Pipeline, raw_from_string
from detente.store import Store

SENTENCES = (
    "The delegation from {a} met the trade minister of {b} on Tuesday.",
    "Officials in {c} said the talks on the fisheries quota would resume next month.",
    "Farmers from {a} blocked the border crossing with {b} in protest against the new tariff.",
    "The navy of {b} sent patrol boats to the strait near {c} after the collision.",
    "A spokesman for the foreign ministry in {c} said the ambassador had been summoned.",
)
PLACES = ("Arland", "Brevia", "Corvan", "Dunmere", "Estoria", "Fallow", "Gravia", "Halden", "Istra",
          "Jorvik", "Kestrel", "Lindor", "Morvane", "Norland", "Ostvale", "Pellow", "Quarry",
          "Rostock", "Sundar", "Tolvane")


def paragraph(seed: int, sentences: int = 8) -> str:
    """Distinct prose (the places differ), so the line classifier keeps every paragraph."""
    n = len(PLACES)
    a, b, c = PLACES[seed % n], PLACES[(seed // n) % n], PLACES[(seed // n // n) % n]
    return " ".join(SENTENCES[(seed + i) % len(SENTENCES)].format(a=a, b=b, c=c)
                    for i in range(sentences))


def single_paragraph(chars: int) -> str:
    out, i = [], 0
    while sum(map(len, out)) < chars:
        out.append(paragraph(i) + " ")
        i += 1
    return "".join(out).strip()


def many_paragraphs(chars: int) -> str:
    out, i = [], 0
    while sum(map(len, out)) < chars:
        out.append(paragraph(i) + "\n\n")
        i += 1
    return "".join(out).strip()


@pytest.fixture(scope="module")
def texts():
    return {"2 MB single paragraph": single_paragraph(2_000_000),
            "1.1 MB many paragraphs": many_paragraphs(1_100_000)}


# --- chunks --------------------------------------------------------------------------------

@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.sampled_from("ab .!\n\t"), max_size=400), st.integers(1, 60))
def test_chunks_join_back_to_the_text_and_respect_the_size(text, size):
    pieces = chunks(text, size)
    assert "".join(pieces) == text
    assert all(len(p) <= size for p in pieces)


def test_chunks_cut_at_paragraphs_then_sentences():
    text = "First one. Second one.\nThird paragraph here.\n"
    assert chunks(text, 30) == ["First one. Second one.\n", "Third paragraph here.\n"]
    assert chunks("One two. Three four. Five six.", 12) == ["One two. ", "Three four. ", "Five six."]


def test_time_limit_interrupts_a_loop_that_never_ends():
    started = time.monotonic()
    with pytest.raises(OverBudget), time_limit(0.5):
        while True:
            pass
    assert time.monotonic() - started < 2


# --- the pipeline --------------------------------------------------------------------------

def _process(text: str, **overrides):
    pipeline = Pipeline(Settings.load(**overrides))
    next(pipeline.process([raw_from_string(paragraph(1) + "\n\n" + paragraph(2))]))  # model loaded
    started = time.monotonic()
    (processed,) = pipeline.process([raw_from_string(text, source_path="big.txt")])
    return processed, time.monotonic() - started


@pytest.mark.parametrize("name", ["2 MB single paragraph", "1.1 MB many paragraphs"])
def test_a_text_over_the_size_budget_is_rejected_with_its_reason(texts, name):
    processed, seconds = _process(texts[name])
    article = processed.article
    assert article.status == "rejected"
    assert article.reason.startswith("text too long:") and "DETENTE_MAX_CHARS" in article.reason
    assert seconds < Settings().doc_seconds


@pytest.mark.slow
@pytest.mark.parametrize("name", ["2 MB single paragraph", "1.1 MB many paragraphs"])
def test_a_text_allowed_past_spacys_limit_is_chunked_and_stopped_by_the_time_budget(texts, name):
    budget = 4.0
    processed, seconds = _process(texts[name], max_chars=3_000_000, doc_seconds=budget)
    article = processed.article
    assert article.status == "rejected", article.reason
    assert article.reason.startswith("over the time budget:"), article.reason
    assert INTERNAL_ERROR not in article.reason and "max_length" not in article.reason
    assert seconds < 2 * budget + 10  # cleaning and coding each get the budget


def test_a_text_longer_than_spacys_limit_is_coded_in_chunks_with_true_offsets():
    text = "\n\n".join(
        ["Colombia recalled its ambassador from Washington on Monday after the tariff dispute."]
        + [paragraph(i) for i in range(40)]
        + ["Peru imposed a 20 percent tariff on Chilean fruit on 11 February 2025, the ministry said."])
    pipeline = Pipeline(Settings.load(min_words=1, chunk_chars=10_000_000))
    limit = pipeline.nlp.max_length  # the model is cached per process: restore what we change
    pipeline.nlp.max_length = 2_000  # far below the text: one piece would raise in spaCy
    try:
        (processed,) = pipeline.process([raw_from_string(text, published="2025-02-12")])
    finally:
        pipeline.nlp.max_length = limit
    assert processed.article.status == "stored"
    events = processed.coded.events
    assert {e.event_type for e in events} >= {"SANCTION"}
    assert any(e.evidence.start > len(text) - 200 for e in events)  # found in the last chunk
    for event in events:
        assert processed.article.text[event.evidence.start:event.evidence.end] == event.evidence.text


def test_coding_in_chunks_of_whole_paragraphs_finds_what_whole_coding_finds():
    text = "\n\n".join(
        ["Colombia recalled its ambassador from Washington on Monday after the tariff dispute."]
        + [paragraph(i) for i in range(6)]
        + ["Peru imposed a 20 percent tariff on Chilean fruit on 11 February 2025, the ministry said."])
    whole = Pipeline(Settings.load(min_words=1))
    cut = Pipeline(Settings.load(min_words=1, chunk_chars=1500))  # two paragraphs a piece
    key = [(e.event_type, e.evidence.start, e.evidence.end) for e in
           next(whole.process([raw_from_string(text, published="2025-02-12")])).coded.events]
    assert key == [(e.event_type, e.evidence.start, e.evidence.end) for e in
                   next(cut.process([raw_from_string(text, published="2025-02-12")])).coded.events]


# --- internal errors: retried once, then recorded -------------------------------------------

def test_an_internal_error_is_retried_once_then_recorded_and_not_retried(tmp_path, monkeypatch):
    from builders import wire_story

    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "bad.txt").write_text(wire_story(1), encoding="utf-8")
    (folder / "good.txt").write_text(wire_story(2), encoding="utf-8")
    original = Pipeline.clean

    def broken(self, raw):
        if raw.source_path.endswith("bad.txt"):
            raise RuntimeError("a bug")
        return original(self, raw)

    monkeypatch.setattr(Pipeline, "clean", broken)
    settings_ = Settings.load(db=str(tmp_path / "db.duckdb"))
    reasons = []
    for _ in range(3):
        with Store(settings_.db, settings=settings_) as store:
            report = ingest([str(folder)], store, settings_)
        reasons.append([o.reason for o in report.outcomes])
    first, second, third = reasons
    assert len(first) == 1 and first[0].startswith(INTERNAL_ERROR)
    assert len(second) == 1 and not second[0].startswith(INTERNAL_ERROR)
    assert "failed again" in second[0] and "a bug" in second[0]
    assert third == [] and report.skipped == 2
    with Store(settings_.db, read_only=True) as store:
        rejected = store.rejections().to_dicts()
    assert [r["reason"] for r in rejected] == second


@pytest.mark.slow
def test_workers_enforce_the_budgets_and_the_run_goes_on(tmp_path, texts):
    import os
    import subprocess
    import sys

    from builders import REPO, wire_story

    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "huge.txt").write_text(texts["1.1 MB many paragraphs"], encoding="utf-8")
    (folder / "long.txt").write_text(texts["2 MB single paragraph"], encoding="utf-8")
    for i in range(4):
        (folder / f"story_{i}.txt").write_text(wire_story(i), encoding="utf-8")
    db = tmp_path / "db.duckdb"
    budget = 15  # enough to clean 1.1 MB, far from enough to code it
    env = {**os.environ, "DETENTE_MAX_CHARS": "1500000", "DETENTE_DOC_SECONDS": str(budget)}
    started = time.monotonic()
    done = subprocess.run([sys.executable, "-c", "from detente.cli import main; main()", "ingest", str(folder),
                           "--db", str(db), "--workers", "2", "--batch-size", "2"],
                          capture_output=True, text=True, cwd=REPO, env=env, timeout=600)
    seconds = time.monotonic() - started
    assert done.returncode == 0, done.stderr
    with Store(db, read_only=True) as store:
        reasons = {Path(r["source_path"]).name: r["reason"] for r in store.rejections().to_dicts()}
        stored = {Path(d["source_path"]).name for d in store.documents(status="stored").to_dicts()}
    assert reasons["huge.txt"].startswith("over the time budget: coding"), reasons
    assert reasons["long.txt"].startswith(("text too long", "over the time budget")), reasons
    assert stored == {f"story_{i}.txt" for i in range(4)}
    assert seconds < 8 * budget, f"{seconds:.0f} s"  # model loads, two budgets, a loaded machine


def test_a_rerun_with_a_raised_budget_codes_what_the_budget_rejected(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "long.txt").write_text(many_paragraphs(3_000), encoding="utf-8")
    db = str(tmp_path / "db.duckdb")

    def run(**overrides):
        settings_ = Settings.load(db=db, **overrides)
        with Store(db, settings=settings_) as store:
            report = ingest([str(folder)], store, settings_)
        with Store(db, read_only=True) as store:
            statuses = [d["status"] for d in store.documents(status=("stored", "rejected")).to_dicts()]
        return report, statuses

    report, statuses = run(max_chars=1_000)
    assert report.rejected == 1 and report.outcomes[0].reason.startswith("text too long")
    assert statuses == ["rejected"]
    report, _ = run(max_chars=1_000)  # the same budget: recorded, not tried again
    assert report.skipped == 1 and report.read == 0
    report, statuses = run(max_chars=10_000)  # raised: coded now
    assert report.stored == 1 and statuses == ["stored"]
    with Store(db, read_only=True) as store:
        assert store.counts()["documents"] == 1  # the rejected row is gone
    report, _ = run(max_chars=10_000)
    assert report.skipped == 1
