"""End to end: `detente eval` on the hand-coded gold (dev articles and the project's own articles
about other countries). Floors are just under the measured scores, to catch regressions; both sets meet the issue's
targets (recall 0.85, precision 0.80, type accuracy 0.75)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from builders import FIXTURES
from typer.testing import CliRunner

import detente.cli.extract  # noqa: F401 - registers the commands
from detente.cli import app
from detente.devsets import corpus_dir

CASES = [
    # gold file, article folder, (recall, precision, type accuracy) floors;
    # measured (round 2) 0.947/0.973/0.944 on dev and 0.912/0.969/0.968 on own; (round 3, with the
    # learned coder, events with a side the dictionaries do not know left out of the gold's scope)
    # 0.947/0.923/0.944 and 0.971/0.971/0.939; (ninth session) dev 0.974/0.902/0.946: "For decades,
    # the two nations collaborated …", a background generality the gold does not code, is now an
    # event flagged background (kept out of the index and the briefing)
    (FIXTURES / "gold" / "dev.jsonl", (corpus_dir() or Path("../shared/corpus")) / "dev", (0.92, 0.89, 0.9)),
    (FIXTURES / "gold" / "own.jsonl", FIXTURES / "articles", (0.88, 0.92, 0.9)),
]


@pytest.mark.parametrize(("gold", "corpus", "floors"), CASES, ids=["dev", "own"])
def test_eval_on_gold(gold, corpus, floors):
    if not gold.exists() or not corpus.exists():
        pytest.skip(f"{gold} or {corpus} not available")
    result = CliRunner().invoke(app, ["eval", str(gold), "--corpus", str(corpus), "--json"])
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    print(json.dumps({k: report[k] for k in ("recall", "precision", "type_accuracy", "date_accuracy")}))
    assert report["recall"] >= floors[0]
    assert report["precision"] >= floors[1]
    assert report["type_accuracy"] >= floors[2]
    assert report["date_accuracy"] is None or report["date_accuracy"] >= 0.9
