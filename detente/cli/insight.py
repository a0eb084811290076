"""`detente timeline | index | contradictions | brief`: from stored events to insight.

Thin shells over `detente.queries`, the functions the API and the dashboard call too: the
same question gives the same records whoever asks, and a wrong filter is a one-line error
with exit code 2. `--format jsonl` of `timeline` is the design's story event record.

`detente brief --out PATH` writes HTML for `.html`/`.htm`, Markdown for `.md`, and both
(`PATH.html` and `PATH.md`) when PATH has no extension.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from detente.cli import DB_OPTION, app
from detente.config import Settings
from detente.present.formats import event_view

EXIT_USAGE = 2

DYAD_HELP = ("Country pair: USA-COL (both directions) or USA>COL (USA towards COL only); ISO codes "
             "(COL, CO) or names (colombia-united states).")
SINCE_OPTION = typer.Option("--since", help="Earliest date, ISO prefix: 2025, 2025-01 or 2025-01-26.")
UNTIL_OPTION = typer.Option("--until", help="Latest date, same forms as --since.")

TIMELINE_COLUMNS = ("date", "date_precision", "who", "what", "intensity", "n_articles", "n_outlets",
                    "evidence")
MD_TIMELINE_COLUMNS = ("date", "date_precision", "actor.code", "recipient.code", "event_type", "mode",
                       "intensity", "n_mentions", "n_articles", "n_outlets", "confidence", "evidence",
                       "story_id")
INDEX_COLUMNS = ("period", "direction", "score", "mean", "n_events", "n_mentions", "n_articles", "n_reported",
                 "n_spread")
TURNING_COLUMNS = ("period", "kind", "direction", "change", "level_before", "level_after", "drivers")
# one row per disagreement: every value given and how many sources, then one source at each end
CONTRADICTION_COLUMNS = ("kind", "about", "values", "n_sources", "a.outlet", "a.evidence.text", "b.outlet",
                         "b.evidence.text")
SINGLE_COLUMNS = ("kind", "label", "outlets", "evidence.text", "ref")


def _fail(message: str, code: int = EXIT_USAGE) -> typer.Exit:
    typer.echo(f"detente: {message}", err=True)
    return typer.Exit(code)


def _check_format(fmt: str, allowed: tuple[str, ...]) -> None:
    if fmt not in allowed:
        raise _fail(f"unknown format {fmt!r}: use {', '.join(allowed)}")


def ask(db: str | None, question):
    """`question(store)` over the read-only store; a database that cannot be read or a filter
    the query layer refuses (`QueryError`) is a one-line usage error, exit code 2."""
    from detente.queries import QueryError
    from detente.store import Store, StoreError

    settings = Settings.load(db=db)
    try:
        with Store(db or settings.db, read_only=True, settings=settings) as store:
            return question(store)
    except (StoreError, QueryError) as exc:
        raise _fail(str(exc)) from None


def _render(records, fmt: str, columns, title: str) -> None:
    from detente.present.formats import render

    render(records, fmt, columns=columns if fmt in ("table", "md") else None, title=title, out=sys.stdout
           if fmt != "table" else None)


def _table_view(record: dict) -> dict:
    """The record without its mentions, plus short derived columns for a terminal."""
    view = {k: v for k, v in record.items() if k != "mentions"}
    view["evidence"] = record["mentions"][0]["evidence"]["text"] if record["mentions"] else None
    if record.get("date") and record.get("date_earliest") is None:
        view["date"] = f"≤{record['date']}"  # only an upper bound: the date of the reports
    return event_view(view)


@app.command("timeline")
def timeline_command(
    db: Annotated[str | None, DB_OPTION] = None,
    dyad: Annotated[str | None, typer.Option("--dyad", help=DYAD_HELP)] = None,
    since: Annotated[str | None, SINCE_OPTION] = None,
    until: Annotated[str | None, UNTIL_OPTION] = None,
    event_type: Annotated[str | None, typer.Option("--type", help="PLOVER type (SANCTION), mode (tariff) or both (SANCTION/tariff).")] = None,
    fmt: Annotated[str, typer.Option("--format", "-f", help="table | jsonl | csv | md")] = "table",
) -> None:
    """Story events (the same event told by several articles, merged) in date order."""
    from detente import queries

    _check_format(fmt, ("table", "jsonl", "csv", "md"))
    records = ask(db, lambda store: queries.timeline(store, dyad, since, until, event_type, limit=None).items)
    if fmt in ("table", "md"):
        records = [_table_view(r) for r in records]
    _render(records, fmt, TIMELINE_COLUMNS if fmt == "table" else MD_TIMELINE_COLUMNS,
            f"{len(records)} story events")


@app.command("restory")
def restory_command(db: Annotated[str | None, DB_OPTION] = None) -> None:
    """Merge every stored event into story events again and store them (ingest keeps them
    current; after an import, or to check, make them anew)."""
    from detente.aggregate.stories import rebuild
    from detente.store import Store, StoreError

    settings = Settings.load(db=db)
    try:
        with Store(db or settings.db, settings=settings) as store:
            done = rebuild(store)
    except StoreError as exc:
        raise _fail(str(exc)) from None
    typer.echo(f"{done.stories} story events from {done.merged_events} events in {done.seconds:.1f} s")


@app.command("index")
def index_command(
    dyad: Annotated[str, typer.Option("--dyad", help=DYAD_HELP)],
    freq: Annotated[str | None, typer.Option("--freq", help="week | month | year (default: month, or year when nothing is dated to the month).")] = None,
    db: Annotated[str | None, DB_OPTION] = None,
    since: Annotated[str | None, SINCE_OPTION] = None,
    until: Annotated[str | None, UNTIL_OPTION] = None,
    turning: Annotated[bool, typer.Option("--turning-points", help="Print only the escalations and de-escalations.")] = False,
    top: Annotated[int, typer.Option("--top", help="How many turning points.")] = 3,
    fmt: Annotated[str, typer.Option("--format", "-f", help="table | jsonl | csv | md")] = "table",
) -> None:
    """Conflict–cooperation index per period (directed and combined), then its turning points.

    jsonl carries both, told apart by "record": "period" | "turning_point"; csv and md print the
    periods (or, with --turning-points, only the turning points).
    """
    from detente import queries

    _check_format(fmt, ("table", "jsonl", "csv", "md"))
    answer = ask(db, lambda store: queries.index(store, dyad, freq, since, until, top=top))
    name, freq = answer["dyad"], answer["freq"]
    row_records = [{"record": "period", **r} for r in answer["rows"]]
    point_records = [{"record": "turning_point", **p} for p in answer["turning_points"]]
    if fmt != "jsonl":  # one readable cell; jsonl keeps the structured drivers
        for record in point_records:
            record["drivers"] = "; ".join(f"{d['label']} ({d['contribution']:+.2f}, story {d['story_id']}"
                                          f"{'' if d['period'] == record['period'] else ', ' + d['period']})"
                                          for d in record["drivers"])
    if answer["n_unindexed"]:
        typer.echo(f"detente: {answer['n_unindexed']} story events of {name} are background, undated, or dated "
                   f"to a range too wide to spread over {freq}s, and are not in the index (see `detente timeline`).",
                   err=True)
    if turning:
        _render(point_records, fmt, TURNING_COLUMNS, "turning points")
    elif fmt == "jsonl":
        _render(row_records + point_records, fmt, None, "")
    elif fmt == "table":
        _render(row_records, fmt, INDEX_COLUMNS, f"index {name} per {freq}")
        _render(point_records, fmt, TURNING_COLUMNS, "turning points")
    else:
        _render(row_records, fmt, INDEX_COLUMNS, f"index {name} per {freq}")


@app.command("contradictions")
def contradictions_command(
    db: Annotated[str | None, DB_OPTION] = None,
    dyad: Annotated[str | None, typer.Option("--dyad", help=DYAD_HELP)] = None,
    since: Annotated[str | None, SINCE_OPTION] = None,
    until: Annotated[str | None, UNTIL_OPTION] = None,
    single: Annotated[bool, typer.Option("--single-sourced", help="List what only one outlet reports instead.")] = False,
    fmt: Annotated[str, typer.Option("--format", "-f", help="table | jsonl | csv | md")] = "table",
) -> None:
    """Where articles disagree on dates, numbers or actors — each with both sentences and outlets."""
    from detente import queries

    _check_format(fmt, ("table", "jsonl", "csv", "md"))
    records = ask(db, lambda store: queries.contradictions(store, dyad, since, until, single, limit=None).items)
    if single:
        _render(records, fmt, SINGLE_COLUMNS, f"{len(records)} single-sourced story events and claims")
        return
    _render(records, fmt, CONTRADICTION_COLUMNS, f"{len(records)} contradictions")


def brief_paths(out: str) -> list[tuple[Path, str]]:
    """Where `--out` writes what: .html/.htm → HTML, .md → Markdown, no extension → both."""
    path = Path(out)
    suffix = path.suffix.lower()
    if suffix in (".html", ".htm"):
        return [(path, "html")]
    if suffix == ".md":
        return [(path, "md")]
    if suffix == "":
        return [(path.with_suffix(".html"), "html"), (path.with_suffix(".md"), "md")]
    raise ValueError(f"--out {out}: use a .html, .htm or .md file name, or no extension for both")


@app.command("brief")
def brief_command(
    dyad: Annotated[str | None, typer.Option("--dyad", help="Country pair, e.g. USA-COL; default: the pair with most story events.")] = None,
    since: Annotated[str | None, SINCE_OPTION] = None,
    until: Annotated[str | None, UNTIL_OPTION] = None,
    out: Annotated[str, typer.Option("--out", "-o", help="brief.html, brief.md, or brief (no extension) for both.")] = "brief.html",
    freq: Annotated[str | None, typer.Option("--freq", help="Index period: week | month | year (default: month, or year when nothing is dated to the month).")] = None,
    db: Annotated[str | None, DB_OPTION] = None,
) -> None:
    """A five-minute briefing on one dyad (self-contained HTML and/or Markdown)."""
    from detente import queries
    from detente.present.brief import render_html, render_markdown

    try:
        targets = brief_paths(out)
    except ValueError as exc:
        raise _fail(str(exc)) from None

    def briefing(store):
        try:
            return queries.brief(store, dyad, since, until, freq)
        except queries.QueryError:
            raise
        except ValueError as exc:  # no pair of countries to brief on
            raise _fail(str(exc)) from None

    brief = ask(db, briefing)
    if brief.dyad_note:
        typer.echo(f"detente: {brief.dyad_note}", err=True)
    for path, kind in targets:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(render_html(brief) if kind == "html" else render_markdown(brief), encoding="utf-8")
        typer.echo(str(path))
