"""`detente eval`: the match rule (same document, actor/recipient country, quad class, dates to
the month), one-to-one matching, the metrics, and the CLI with --pred/--json."""

from __future__ import annotations

import json

from typer.testing import CliRunner

import detente.cli.extract  # noqa: F401 - registers the commands
from detente.cli import app
from detente.evaluate import dates_agree, evaluate, match


def ev(actor, recipient, quad, etype, date=None, path="a.txt", text="s"):
    return {"source_path": path, "actor": {"country": actor}, "recipient": {"country": recipient},
            "quad_class": quad, "event_type": etype, "date": date, "evidence": {"text": text}}


def test_dates_agree_to_the_month_or_year():
    assert dates_agree("2025-01-26", "2025-01") and dates_agree(None, "2025-02") and dates_agree("2025", "2025-09-01")
    assert not dates_agree("2025-01-26", "2025-02-01") and not dates_agree("2024", "2025-01")


def test_match_rule_and_one_to_one():
    gold = [ev("USA", "COL", 4, "SANCTION", "2025-01"), ev("USA", "COL", 4, "SANCTION", "2025-09")]
    pred = [ev("USA", "COL", 4, "SANCTION", "2025-09-15", path="corpus/a.txt")]
    assert match(gold, pred) == [(1, 0)]
    assert match([ev("USA", "COL", 3, "THREATEN")], [ev("USA", "COL", 4, "SANCTION")]) == []
    assert match([ev("USA", "COL", 4, "SANCTION")], [ev("COL", "USA", 4, "SANCTION")]) == []


def test_metrics_and_per_document():
    gold = [ev("USA", "COL", 4, "SANCTION"), ev("COL", "USA", 3, "ACCUSE"), ev("RUS", "UKR", 4, "ASSAULT", path="b.txt")]
    pred = [ev("USA", "COL", 4, "COERCE", "2025-01"), ev("COL", "USA", 3, "ACCUSE"), ev("USA", "MEX", 1, "CONSULT")]
    report = evaluate(gold, pred)
    assert (report.n_gold, report.n_pred, report.matched) == (3, 3, 2)
    assert report.recall == round(2 / 3, 4) and report.precision == round(2 / 3, 4)
    assert report.type_accuracy == 0.5
    assert report.per_document["b.txt"]["recall"] == 0.0
    data = report.to_dict(verbose=True)
    assert len(data["misses"]) == 1 and len(data["false_positives"]) == 1 and len(data["type_errors"]) == 1


def test_only_sides_the_gold_codes_are_judged():
    """The gold codes countries and international organisations; a region or a group with a code of
    its own ("Latin American nations", LAM) is outside what it can judge, counted apart."""
    gold = [ev("USA", "COL", 4, "SANCTION")]
    region = {**ev("USA", None, 3, "THREATEN"), "recipient": {"code": "LAM", "country": None}}
    bloc = {**ev("USA", None, 3, "ACCUSE"), "recipient": {"code": "IGOEEC", "country": None}}
    report = evaluate(gold, [ev("USA", "COL", 4, "SANCTION"), region, bloc])
    assert (report.n_pred, report.out_of_scope, report.matched) == (2, 1, 1)


def test_eval_cli_json(tmp_path):
    gold = tmp_path / "gold.jsonl"
    pred = tmp_path / "pred.jsonl"
    gold.write_text("\n".join(json.dumps(r) for r in [ev("USA", "COL", 4, "SANCTION"), ev("COL", "USA", 3, "ACCUSE")]))
    pred.write_text(json.dumps(ev("USA", "COL", 4, "SANCTION")) + "\n")
    result = CliRunner().invoke(app, ["eval", str(gold), "--pred", str(pred), "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["recall"] == 0.5 and data["precision"] == 1.0 and data["type_accuracy"] == 1.0
    result = CliRunner().invoke(app, ["eval", str(gold), "--pred", str(pred)])
    assert "recall 0.500" in result.stdout
    result = CliRunner().invoke(app, ["eval", str(tmp_path / "missing.jsonl"), "--pred", str(pred)])
    assert result.exit_code == 2
