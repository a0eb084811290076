"""`detente watch FEEDS.yaml`: follow feeds and folders, ingest what is new, alert on moves.

A thin shell over `detente.watch.Watcher`: one status line per poll on stderr, alerts on
stdout (the terminal sink), errors on stderr with their reason.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from detente.cli import DB_OPTION, MIN_CONFIDENCE_OPTION, app
from detente.config import Settings

EXIT_USAGE = 2
EXIT_INTERRUPTED = 130


def _fail(message: str, code: int = EXIT_USAGE) -> typer.Exit:
    typer.echo(f"detente: {message}", err=True)
    return typer.Exit(code)


@app.command()
def watch(
    feeds: Annotated[Path, typer.Argument(help="FEEDS.yaml: feeds, folders, alert rules and sinks (see README).")],
    db: Annotated[str | None, DB_OPTION] = None,
    every: Annotated[str | None, typer.Option("--every", help="Poll interval, e.g. 30s, 15m, 1h (default: the file's, else 15m).")] = None,
    once: Annotated[bool, typer.Option("--once", help="Poll once, then exit (for cron and scripts).")] = False,
    actors: Annotated[list[Path] | None, typer.Option("--actors", help="Your own actor dictionary (repeatable).")] = None,
    model: Annotated[str | None, typer.Option("--model", help="spaCy model name or path.")] = None,
    min_confidence: Annotated[float | None, MIN_CONFIDENCE_OPTION] = None,
) -> None:
    """Poll RSS/Atom feeds and folders, ingest new articles, raise alerts when a relationship moves."""
    from detente.store import StoreError
    from detente.watch import ConfigError, Watcher, load
    from detente.watch.config import parse_duration

    try:
        config = load(feeds)
    except ConfigError as exc:
        raise _fail(str(exc)) from None
    try:
        interval = parse_duration(every) if every else None
    except ValueError as exc:
        raise _fail(f"--every: {exc}") from None
    for path in actors or []:
        if not path.is_file():
            raise _fail(f"actor dictionary not found: {path}")
    settings = Settings.load(db=db, model=model, min_confidence=min_confidence,
                             actors_files=tuple(str(p) for p in actors) if actors else None)
    watcher = Watcher(config, settings.db, settings)
    try:
        polls = watcher.run(once=once, every=interval)
    except StoreError as exc:
        raise _fail(str(exc)) from None
    if watcher.stop_requested and not once:
        typer.echo(f"detente: stopped after {polls} poll(s); run the same command to resume", err=True)
    if watcher.stop_requested:
        raise typer.Exit(EXIT_INTERRUPTED)
