"""`detente ingest | docs | show | clean | export`: getting articles in, and looking at them.

Thin shells over `detente.store` and `detente.read`/`detente.clean`: the records printed
here are the ones the Python API returns.
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path
from typing import Annotated

import typer

from detente.cli import DB_OPTION, MIN_CONFIDENCE_OPTION, app
from detente.config import Settings
from detente.models import FAILED_AGAIN, INTERNAL_ERROR

EXIT_USAGE = 2
EXIT_INTERRUPTED = 130

TABLE_COLUMNS = ("doc_id", "published", "words", "status", "title", "outlet", "source_path",
                 "duplicate_of", "reason")
STATUS_LABELS = {"duplicate": "duplicate", "near_duplicate": "near-duplicate", "rejected": "rejected",
                 "not_coded": "not coded"}


def _fail(message: str, code: int = EXIT_USAGE) -> typer.Exit:
    typer.echo(f"detente: {message}", err=True)
    return typer.Exit(code)


def _check_paths(paths: list[str]) -> None:
    """A path that does not exist is a usage error (a typo), not a rejected document."""
    if not paths:
        raise _fail("no input: give files, folders, .jsonl/.warc files or '-' for stdin")
    missing = [p for p in paths if p != "-" and not os.path.lexists(p)]
    if missing:
        raise _fail("no such file or directory: " + ", ".join(missing))
    if paths.count("-") > 1:
        raise _fail("'-' (stdin) can be given only once")


def _open_store(db: str | None, read_only: bool, settings: Settings | None = None):
    from detente.store import Store, StoreError

    settings = settings or Settings.load(db=db)
    try:
        return Store(db or settings.db, read_only=read_only, settings=settings)
    except StoreError as exc:
        raise _fail(str(exc)) from None


def _console(stderr: bool = False):
    from rich.console import Console

    return Console(stderr=stderr, highlight=False, soft_wrap=True)


@app.command()
def ingest(
    paths: Annotated[list[str], typer.Argument(help="Files, folders (recursive), .jsonl, .warc(.gz), '-' for stdin.")],
    db: Annotated[str | None, DB_OPTION] = None,
    workers: Annotated[int | None, typer.Option("--workers", "-w", help="Processes (default: one per core).")] = None,
    max_bytes: Annotated[int | None, typer.Option("--max-bytes", help="Reject larger inputs unread.")] = None,
    actors: Annotated[list[Path] | None, typer.Option("--actors", help="Your own actor dictionary (repeatable).")] = None,
    model: Annotated[str | None, typer.Option("--model", help="spaCy model name or path.")] = None,
    batch_size: Annotated[int | None, typer.Option("--batch-size", help="Documents per model batch.")] = None,
    engine: Annotated[str | None, typer.Option("--engine", help="local (default) or spark.")] = None,
    log: Annotated[bool, typer.Option("--log", help="One tab-separated line per document on stderr.")] = False,
    min_confidence: Annotated[float | None, MIN_CONFIDENCE_OPTION] = None,
) -> None:
    """Read, clean, code and store articles. Resumable: inputs already ingested are skipped."""
    from rich.progress import BarColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

    from detente.engines import EngineError, get_engine
    from detente.ingest import ingest as run_ingest

    _check_paths(paths)
    for path in actors or []:
        if not path.is_file():
            raise _fail(f"actor dictionary not found: {path}")
    if workers is None and "DETENTE_WORKERS" not in os.environ:
        workers = 0  # one per core
    settings = Settings.load(db=db, workers=workers, max_bytes=max_bytes, model=model, batch_size=batch_size,
                             engine=engine, actors_files=tuple(str(p) for p in actors) if actors else None,
                             min_confidence=min_confidence)
    try:
        get_engine(settings.engine)
    except ValueError as exc:
        raise _fail(str(exc)) from None
    store = _open_store(settings.db, read_only=False, settings=settings)
    args = {"paths": paths, "db": settings.db, "workers": settings.workers, "max_bytes": settings.max_bytes,
            "model": settings.model, "actors": list(settings.actors_files), "engine": settings.engine,
            "min_confidence": settings.min_confidence}
    err = _console(stderr=True)
    from detente.read import count_documents

    total = count_documents(paths) if err.is_terminal else None  # a total where it is cheap to know
    progress = Progress(SpinnerColumn(), TextColumn("ingesting"), BarColumn(),
                        TextColumn("{task.completed}" + ("/{task.total}" if total else "")
                                   + " docs · {task.fields[rate]:.1f} docs/s"),
                        TimeElapsedColumn(), console=err, transient=True, disable=not err.is_terminal)

    def on_document(article, report) -> None:
        progress.update(task, completed=report.read + report.skipped,
                        rate=report.read / max(progress.tasks[0].elapsed or 1e-9, 1e-9))
        if log:
            detail = article.reason or article.duplicate_of or ""
            typer.echo(f"{article.status}\t{article.doc_id}\t{article.source_path}\t{detail}", err=True)

    with store, progress:
        task = progress.add_task("ingest", total=total, rate=0.0)
        try:
            report = run_ingest(paths, store, settings, args=args, on_document=on_document)
        except EngineError as exc:
            raise _fail(f"{exc} (check --model and --actors)") from None
    _print_summary(report, settings.db)
    if report.interrupted:
        raise typer.Exit(EXIT_INTERRUPTED)
    failed = [o for o in report.outcomes if (o.reason or "").startswith(INTERNAL_ERROR)]
    again = [o for o in report.outcomes if (o.reason or "").startswith(FAILED_AGAIN)]
    if again:
        typer.echo(f"detente: {len(again)} document(s) failed again when retried; they are now recorded "
                   "as rejected with the error and not retried again (`detente docs --status rejected`)",
                   err=True)
    if failed:
        raise _fail(f"{len(failed)} document(s) hit an internal error (a bug in detente: please report "
                    "it with the file); a rerun retries each once, then records it as rejected", code=1)
    if again:
        raise typer.Exit(1)


MAX_LISTED = 200


def _print_summary(report, db: str) -> None:
    from rich.table import Table

    out = _console()
    state = "interrupted (rerun the same command to resume)" if report.interrupted else "completed"
    out.print(f"run {report.run_id} {state} in {report.seconds:.1f} s "
              f"({report.rate:.1f} docs/s) → {db}", markup=False)
    table = Table(show_header=False, box=None, pad_edge=False)
    table.add_column("what")
    table.add_column("count", justify="right")
    rows = [("read", report.read), ("stored", report.stored), ("near-duplicate (stored, linked)", report.near_duplicate),
            ("stored, not coded (language)", report.not_coded),
            ("duplicate (skipped)", report.duplicate), ("rejected", report.rejected),
            ("already ingested (skipped)", report.skipped), ("events", report.events),
            ("quotes", report.quotes), ("claims", report.claims)]
    for label, value in rows:
        table.add_row(label, str(value))
    out.print(table)
    for outcome in report.outcomes[:MAX_LISTED]:
        out.print(f"{STATUS_LABELS[outcome.status]:<15} {outcome.line()}", markup=False)
    total = len(report.outcomes) + report.outcomes_not_listed
    if total > MAX_LISTED:
        out.print(f"… and {total - MAX_LISTED} more: see `detente docs --status rejected "
                  "--status duplicate --status near_duplicate`", markup=False)


@app.command()
def docs(
    db: Annotated[str | None, DB_OPTION] = None,
    fmt: Annotated[str, typer.Option("--format", "-f", help="table | jsonl | csv")] = "table",
    with_text: Annotated[bool, typer.Option("--with-text", help="Include the cleaned text.")] = False,
    status: Annotated[list[str] | None, typer.Option("--status", help="stored | duplicate | near_duplicate | rejected (repeatable).")] = None,
) -> None:
    """List stored documents: id, title, outlet, published (+method), words, status, reason."""
    from detente.present.formats import render

    if fmt not in ("table", "jsonl", "csv"):
        raise _fail(f"unknown format {fmt!r}: use table, jsonl or csv")
    with _open_store(db, read_only=True) as store:
        records = store.documents(with_text=with_text, status=status or None).to_dicts()
    if fmt == "table":
        # one row per document, with only the columns that say something in this listing
        columns = [c for c in TABLE_COLUMNS if any(r.get(c) not in (None, "") for r in records)] or ["doc_id"]
        render(records, fmt, columns=columns, title=f"{len(records)} documents in {db or 'detente.duckdb'}")
    else:
        render(records, fmt)


@app.command()
def show(
    doc_id: Annotated[str, typer.Argument(help="A document id (a unique prefix is enough).")],
    db: Annotated[str | None, DB_OPTION] = None,
    fmt: Annotated[str, typer.Option("--format", "-f", help="text | json")] = "text",
) -> None:
    """The cleaned text and metadata of one document."""
    from detente.store import AmbiguousId

    if fmt not in ("text", "json"):
        raise _fail(f"unknown format {fmt!r}: use text or json")
    with _open_store(db, read_only=True) as store:
        try:
            article = store.document(doc_id)
        except AmbiguousId as exc:
            raise _fail(str(exc)) from None
    if article is None:
        raise _fail(f"no document {doc_id!r} (list them with `detente docs`)", code=1)
    if fmt == "json":
        typer.echo(json.dumps(article.to_dict(with_text=True), ensure_ascii=False, indent=2))
        return
    for key, value in article.to_dict(with_text=False).items():
        if value not in (None, "", False):
            typer.echo(f"{key}: {value}")
    typer.echo("")
    typer.echo(article.text)


@app.command("clean")
def clean_command(
    paths: Annotated[list[str], typer.Argument(help="Files, folders, .jsonl, .warc(.gz), '-' for stdin.")],
    fmt: Annotated[str, typer.Option("--format", "-f", help="text | jsonl")] = "text",
    max_bytes: Annotated[int | None, typer.Option("--max-bytes", help="Reject larger inputs unread.")] = None,
) -> None:
    """Read and clean without storing: the article text (or document records as JSONL)."""
    from detente.pipeline import Pipeline
    from detente.read import iter_raw

    if fmt not in ("text", "jsonl"):
        raise _fail(f"unknown format {fmt!r}: use text or jsonl")
    _check_paths(paths)
    settings = Settings.load(max_bytes=max_bytes)
    pipeline = Pipeline(settings)
    first = True
    for raw in iter_raw(paths, settings):
        article = pipeline.clean(raw)
        if fmt == "jsonl":
            sys.stdout.write(json.dumps(article.to_dict(with_text=True), ensure_ascii=False) + "\n")
        elif article.status == "rejected":
            typer.echo(f"rejected {article.source_path}: {article.reason}", err=True)
        else:
            if not first:
                sys.stdout.write("\n")
            sys.stdout.write(article.text.rstrip("\n") + "\n")
            first = False
        sys.stdout.flush()


EXPORT_INSIGHTS = ("timeline", "index", "contradictions")  # computed from the stored tables


@app.command()
def export(
    out: Annotated[Path, typer.Argument(help="Folder to write <table>.<format> files into.")],
    db: Annotated[str | None, DB_OPTION] = None,
    fmt: Annotated[str, typer.Option("--format", "-f", help="parquet | jsonl | csv | sqlite (one file, for Datasette) "
                                     "| plover (events only)")] = "parquet",
    tables: Annotated[list[str] | None, typer.Option("--table", help="documents | events | quotes | claims | timeline "
                                                     "| index | contradictions (repeatable; default: the four stored tables).")] = None,
    dyad: Annotated[str | None, typer.Option("--dyad", help="timeline, index, contradictions: USA-COL or USA>COL "
                                             "(index without it: every pair of countries).")] = None,
    since: Annotated[str | None, typer.Option("--since", help="timeline, index, contradictions: earliest date.")] = None,
    until: Annotated[str | None, typer.Option("--until", help="timeline, index, contradictions: latest date.")] = None,
    freq: Annotated[str | None, typer.Option("--freq", help="index: week | month | year.")] = None,
) -> None:
    """Export the stored records (one file per table, the columns of docs/fields.md), and the
    story events (timeline), the index and the contradictions computed from them."""
    from detente import queries
    from detente.store import FORMATS, TABLES

    chosen = list(dict.fromkeys(tables or TABLES))
    known = TABLES + EXPORT_INSIGHTS
    unknown = [t for t in chosen if t not in known]
    if unknown:
        raise _fail(f"unknown table(s) {', '.join(unknown)}: use {', '.join(known)}")
    if fmt not in FORMATS + ("plover",):
        raise _fail(f"unknown format {fmt!r}: use {', '.join(FORMATS)} or plover (events)")
    if fmt == "plover" and chosen != ["events"]:
        raise _fail("format plover is for events: add --table events and no other table")
    stored = [t for t in chosen if t in TABLES]
    with _open_store(db, read_only=True) as store:
        counts = store.counts()
        try:
            written = _export_insights(store, out, fmt, [t for t in chosen if t in EXPORT_INSIGHTS],
                                       dyad, since, until, freq)
        except queries.QueryError as exc:
            raise _fail(str(exc)) from None
        if fmt == "plover":
            from detente.present.formats import write_file

            path = Path(out) / "events.plover.jsonl"
            path.parent.mkdir(parents=True, exist_ok=True)
            written["events"] = (path, write_file(queries.iter_events(store), path, "plover"))
        elif stored:
            written.update({table: (path, counts[table]) for table, path in
                            store.export(out, fmt=fmt, tables=tuple(stored)).items()})
    for table in chosen:
        path, n = written[table]
        typer.echo(f"{table:<14} {n:>7} rows → {path}")


def _export_insights(store, out: Path, fmt: str, names: list[str], dyad: str | None, since: str | None,
                     until: str | None, freq: str | None) -> dict[str, tuple[Path, int]]:
    """Story events, index rows and contradictions, as `detente timeline | index |
    contradictions --format jsonl` give them (the query layer's answers), one file each."""
    from detente import queries
    from detente.present.formats import write_file
    from detente.store.store import SQLITE_FILE

    cache = queries.InsightCache()
    written: dict[str, tuple[Path, int]] = {}
    for name in names:
        if name == "timeline":
            records = queries.timeline(store, dyad, since, until, limit=None, cache=cache).items
        elif name == "contradictions":
            records = queries.contradictions(store, dyad, since, until, limit=None, cache=cache).items
        else:
            pairs = [dyad] if dyad else [d["dyad"] for d in queries.dyads(store, limit=None, cache=cache).items]
            records = []
            for pair in pairs:
                answer = queries.index(store, pair, freq, since, until, cache=cache)
                records += [{"dyad": answer["dyad"], "freq": answer["freq"], **row} for row in answer["rows"]]
        if fmt == "sqlite":  # a table of the export's SQLite file, for Datasette
            from detente.present.formats import flatten
            from detente.store.sqlite import kinds_of, write_table

            path = Path(out) / SQLITE_FILE
            path.parent.mkdir(parents=True, exist_ok=True)
            flat = [flatten(r) for r in records]
            columns = kinds_of(flat)
            written[name] = (path, write_table(path, name, columns, ([r.get(c) for c, _ in columns] for r in flat)))
            continue
        path = Path(out) / f"{name}.{fmt}"
        path.parent.mkdir(parents=True, exist_ok=True)
        written[name] = (path, write_file(records, path, fmt))
    return written
