"""`detente extract` never drops an input without a word: every input it could not code gets a
one-line reason on stderr (stdout stays the records)."""

from __future__ import annotations

import json

from typer.testing import CliRunner

import detente.cli.extract  # noqa: F401 - registers the commands
from detente.cli import app


def test_inputs_not_coded_are_named_with_their_reason_on_stderr(tmp_path):
    lines = [
        {"text": "El gobierno de Colombia anunció hoy nuevas medidas contra el narcotráfico en la frontera "
                 "con Venezuela y Ecuador, según fuentes oficiales del ministerio de defensa."},
        {"text": "Russia attacked Ukraine on Monday, the Ukrainian defence ministry said in a statement."},
        {"headline": "no text at all"},
    ]
    path = tmp_path / "mixed.jsonl"
    path.write_text("\n".join(json.dumps(x) for x in lines) + "\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["extract", str(path)])
    assert result.exit_code == 0, result.output
    records = [json.loads(line) for line in result.stdout.splitlines() if line.strip()]
    assert [r["event_type"] for r in records] == ["ASSAULT"]
    errors = result.stderr.splitlines()
    assert any("#L1" in e and "language es" in e for e in errors)
    assert any("#L3" in e and "no article text" in e for e in errors)
    assert errors[-1] == "2 input(s) not coded (reasons above)"
