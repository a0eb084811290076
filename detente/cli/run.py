"""`detente run`: the main job end to end — ingest a corpus, then write the briefing.

With no paths it runs on the illustrative sample corpus the package ships, so that
`make run` on a fresh machine shows every stage working.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from detente.cli import app
from detente.config import SAMPLE_CORPUS


@app.command("run")
def run_command(
    paths: Annotated[list[str] | None, typer.Argument(help="Inputs to ingest (default: the bundled sample corpus).")] = None,
    out: Annotated[Path, typer.Option("--out", "-o", help="Folder for the briefing.")] = Path("detente-output"),
    db: Annotated[str | None, typer.Option("--db", help="DuckDB file (default: OUT/detente.duckdb).")] = None,
    dyad: Annotated[str | None, typer.Option("--dyad", help="Pair to brief on (default: the busiest).")] = None,
    workers: Annotated[int | None, typer.Option("--workers", "-w", help="Processes (default: one per core).")] = None,
) -> None:
    """Ingest (resumable), then brief on the busiest dyad; prints where everything went."""
    from detente.cli.ingest import ingest
    from detente.cli.insight import brief_command

    out.mkdir(parents=True, exist_ok=True)
    db = db or str(out / "detente.duckdb")
    inputs = paths or [str(SAMPLE_CORPUS)]
    ingest(paths=inputs, db=db, workers=workers)
    typer.echo("")
    typer.echo("briefing:")
    brief_command(dyad=dyad, out=str(out / "brief"), db=db)
    typer.echo(f"database: {db}")
    typer.echo(f"next: detente timeline --db {db}   |   detente serve --db {db}")
