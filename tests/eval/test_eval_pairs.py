"""`detente eval --format plover-pairs`: the public PLOVER scorer's rule (word overlap of the
actor with the marked source and of the recipient with the marked target, then the type),
on the project's own sentences, and the fixed development split."""

from __future__ import annotations

import json

from typer.testing import CliRunner

import detente.cli.extract  # noqa: F401 - registers the commands
from detente.cli import app
from detente.devsets import is_dev, is_held_back, sentence_key
from detente.evaluate import evaluate_pairs, pair_words


def _gold(tmp_path, rows):
    path = tmp_path / "pairs.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in rows))
    return path


def test_pair_words_ignore_short_words_and_stop_words():
    assert pair_words("the U.S. Supreme Court") == {"supreme", "court"}
    assert pair_words("U.S.") == set()


def test_found_needs_both_sides_and_right_needs_the_type():
    gold = [{"text": "Chile imposed tariffs on Peru.", "source": "Chile", "target": "Peru", "event_type": "SANCTION"}]
    event = {"actor": {"text": "Chile"}, "recipient": {"text": "Peru"}, "event_type": "ACCUSE"}
    report = evaluate_pairs(gold, {"chile imposed tariffs on peru.": [event]})
    assert (report.found, report.right) == (1, 0)
    assert report.confusion == {"SANCTION->ACCUSE": 1}
    report = evaluate_pairs(gold, {"chile imposed tariffs on peru.": [{**event, "recipient": {"text": "Lima"}}]})
    assert report.found == 0


def test_cli_codes_each_sentence_however_short(tmp_path):
    gold = _gold(tmp_path, [
        {"text": "Chile imposed tariffs on Peruvian copper.", "source": "Chile", "target": "Peruvian copper",
         "event_type": "SANCTION"},
        {"text": "Japan's foreign minister met his Philippine counterpart.", "source": "Japan's foreign minister",
         "target": "his Philippine counterpart", "event_type": "CONSULT"},
    ])
    result = CliRunner().invoke(app, ["eval", str(gold), "--format", "plover-pairs", "--json"])
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    assert report["pairs"] == 2 and report["e2e_accuracy"] == 1.0


def test_cli_names_a_line_without_its_fields(tmp_path):
    gold = _gold(tmp_path, [{"text": "Chile imposed tariffs on Peru.", "source": "Chile"}])
    result = CliRunner().invoke(app, ["eval", str(gold), "--format", "plover-pairs"])
    assert result.exit_code == 2
    assert "lack text, source, target or event_type" in result.output


def test_split_is_by_sentence_and_stable():
    text = "The envoy of Narnia met the Archenland delegation on Tuesday."
    assert sentence_key(text) == sentence_key(text.upper().replace(" ", "  "))
    assert is_held_back(text) == is_held_back(text + "  ")
    shares = [is_held_back(f"sentence number {n} about a border") for n in range(2000)]
    assert 0.15 < sum(shares) / len(shares) < 0.25
    dev = [is_dev(f"sentence number {n} about a border") for n in range(2000)]
    assert 0.2 < sum(dev) / len(dev) < 0.3
