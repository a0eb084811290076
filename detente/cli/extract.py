"""`detente extract | events | eval`: event records out of articles, out of the store, and scored.

`extract` runs read → clean → code without storing; `--format jsonl` prints exactly the design's
event record (`Event.to_dict()`, as the store keeps it: with its article's outlet, title, url
and publication date), one per line, in text order. `--format plover` prints the PLOVER
specification's JSON data fields (`detente.present.plover`; columns: docs/fields.md).
"""

from __future__ import annotations

import json
import os
import sys
from typing import Annotated, Any

import typer

from detente.cli import DB_OPTION, MIN_CONFIDENCE_OPTION, app
from detente.config import Settings
from detente.present.formats import event_view, render

EXIT_USAGE = 2
TABLE_COLUMNS = ("date", "who", "what", "quad_class", "intensity", "confidence", "evidence.text")
FORMATS = ("jsonl", "table", "csv", "plover")


def _fail(message: str) -> typer.Exit:
    typer.echo(f"detente: {message}", err=True)
    return typer.Exit(EXIT_USAGE)


def _emit(records, fmt: str, title: str) -> int:
    if fmt == "table":
        return render((event_view(r) for r in records), fmt, columns=TABLE_COLUMNS, title=title)
    return render(records, fmt, title=title)


@app.command()
def extract(
    paths: Annotated[list[str], typer.Argument(help="Files, folders, .jsonl/.warc files, or '-' for stdin.")],
    fmt: Annotated[str, typer.Option("--format", "-f", help="jsonl | table | csv | plover")] = "jsonl",
    actors: Annotated[list[str] | None, typer.Option("--actors", help="Your own actor dictionary file (repeatable).")] = None,
    model: Annotated[str | None, typer.Option("--model", help="spaCy model name or path.")] = None,
    min_confidence: Annotated[float | None, MIN_CONFIDENCE_OPTION] = None,
) -> None:
    """Read, clean and code articles without storing them: one event record per line, in text order."""
    if fmt not in FORMATS:
        raise _fail(f"unknown format {fmt!r}: use {', '.join(FORMATS)}")
    missing = [p for p in paths if p != "-" and not os.path.lexists(p)]
    if missing:
        raise _fail("no such file or directory: " + ", ".join(missing))
    from detente.evaluate import extract_records

    settings = Settings.load(model=model, actors_files=tuple(actors) if actors else None,
                             min_confidence=min_confidence)
    not_coded: list[tuple[str, str]] = []

    def skipped(source: str, reason: str) -> None:  # on stderr, so stdout stays the records
        not_coded.append((source, reason))
        typer.echo(f"not coded: {source}: {reason}", err=True)

    _emit(extract_records(list(paths), settings, skipped=skipped), fmt, "events")
    if not_coded:
        typer.echo(f"{len(not_coded)} input(s) not coded (reasons above)", err=True)


@app.command()
def events(
    db: Annotated[str | None, DB_OPTION] = None,
    dyad: Annotated[str | None, typer.Option("--dyad", help="USA-COL (both directions), USA>COL (one) or USA (either side); ISO codes or names.")] = None,
    since: Annotated[str | None, typer.Option("--since", help="Earliest date: 2025, 2025-01 or 2025-01-26.")] = None,
    until: Annotated[str | None, typer.Option("--until", help="Latest date, same forms as --since.")] = None,
    event_type: Annotated[str | None, typer.Option("--type", help="PLOVER event type(s), e.g. SANCTION or SANCTION,THREATEN.")] = None,
    outlet: Annotated[str | None, typer.Option("--outlet", help="Only events from this outlet's articles.")] = None,
    min_confidence: Annotated[float | None, MIN_CONFIDENCE_OPTION] = None,
    fmt: Annotated[str, typer.Option("--format", "-f", help="table | jsonl | csv | plover")] = "table",
) -> None:
    """Stored events, filtered by dyad, dates, type, outlet and confidence (streamed from the database)."""
    if fmt not in FORMATS:
        raise _fail(f"unknown format {fmt!r}: use {', '.join(FORMATS)}")
    from detente import queries
    from detente.cli.insight import ask

    def emit(store) -> None:  # the filters are checked before the first record is printed
        _emit(queries.iter_events(store, dyad=dyad, since=since, until=until, event_type=event_type,
                                  outlet=outlet, min_confidence=min_confidence), fmt, "events")

    ask(db, emit)


@app.command("eval")
def eval_command(
    gold: Annotated[str, typer.Argument(help="Gold events, one event record per line (JSONL).")],
    pred: Annotated[str | None, typer.Option("--pred", help="Predicted events (JSONL); default: extract the gold's articles now.")] = None,
    corpus: Annotated[str | None, typer.Option("--corpus", help="Folder holding the gold's articles.")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the report as JSON.")] = False,
    verbose: Annotated[bool, typer.Option("--verbose", "-v", help="List misses, false positives and type errors.")] = False,
    model: Annotated[str | None, typer.Option("--model", help="spaCy model name or path.")] = None,
    gold_format: Annotated[str, typer.Option("--format", "-f", help="events (gold event records per article) | "
                                             "plover-pairs (one line per pair: text, source, target, event_type)")] = "events",
) -> None:
    """Recall, precision, type and date accuracy of extracted events against hand-coded gold;
    with `--format plover-pairs`, dyad recall and end-to-end accuracy on marked sentence pairs."""
    from detente.evaluate import (
        GoldError,
        evaluate,
        extract_records,
        format_report,
        gold_articles,
        load_jsonl,
    )

    if gold_format not in ("events", "plover-pairs"):
        raise _fail(f"unknown gold format {gold_format!r}: use events or plover-pairs")
    if gold_format == "plover-pairs":
        _eval_pairs(gold, pred, as_json, model)
        return
    def load():
        gold_records = load_jsonl(gold)
        if pred:
            return gold_records, load_jsonl(pred)
        return gold_records, list(extract_records(gold_articles(gold_records, gold, corpus), Settings.load(model=model)))

    report = evaluate(*_loaded(load, GoldError))
    _print(report.to_dict(verbose=verbose) if as_json else format_report(report, verbose=verbose))


def _loaded(load, gold_error: type[Exception]):
    """What `load` reads, or a one-line usage error for a missing file or a bad gold line."""
    try:
        return load()
    except FileNotFoundError as exc:
        raise _fail(f"no such file: {exc.filename}") from None
    except gold_error as exc:
        raise _fail(str(exc)) from None


def _print(report: dict[str, Any] | str) -> None:
    if isinstance(report, dict):
        sys.stdout.write(json.dumps(report, ensure_ascii=False) + "\n")
    else:
        typer.echo(report)


def _eval_pairs(gold: str, pred: str | None, as_json: bool, model: str | None) -> None:
    from detente.evaluate import (
        GoldError,
        evaluate_pairs,
        events_by_sentence_of,
        extract_sentences,
        format_pair_report,
        load_jsonl,
    )

    def load():
        gold_records = load_jsonl(gold)
        missing = [n for n, g in enumerate(gold_records, 1) if not all(g.get(k) for k in ("text", "source", "target", "event_type"))]
        if missing:
            raise GoldError(f"{gold}: lines {missing[:5]} lack text, source, target or event_type")
        if pred:
            return gold_records, events_by_sentence_of(gold_records, load_jsonl(pred))
        return gold_records, extract_sentences([g["text"] for g in gold_records], Settings.load(model=model))

    report = evaluate_pairs(*_loaded(load, GoldError))
    _print(report.to_dict() if as_json else format_pair_report(report))
