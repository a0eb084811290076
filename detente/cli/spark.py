"""`detente spark`: stages 1-4 as a Spark job over a corpus too big for one machine.

Writes Parquet tables (documents, events, quotes, claims, rejections) that `--db` imports into
the same store the aggregate and present commands read. `detente ingest --engine spark` is the
streaming alternative that writes through the store document by document.
"""

from __future__ import annotations

from typing import Annotated

import typer

from detente.cli import MIN_CONFIDENCE_OPTION, app
from detente.cli.ingest import _check_paths, _fail, _open_store
from detente.config import Settings


@app.command("spark")
def spark_command(
    paths: Annotated[list[str], typer.Argument(help="Files and folders (local paths or a cluster file system).")],
    out: Annotated[str, typer.Option("--out", "-o", help="Folder for the Parquet tables.")],
    master: Annotated[str, typer.Option("--master", help="Spark master URL.")] = "local[2]",
    db: Annotated[str | None, typer.Option("--db", help="Also import the tables into this DuckDB store.")] = None,
    overwrite: Annotated[bool, typer.Option("--overwrite", help="Replace tables already in --out.")] = False,
    actors: Annotated[list[str] | None, typer.Option("--actors", help="Your own actor dictionary (repeatable).")] = None,
    model: Annotated[str | None, typer.Option("--model", help="spaCy model name or path.")] = None,
    min_confidence: Annotated[float | None, MIN_CONFIDENCE_OPTION] = None,
) -> None:
    """Run read, clean, analyse and code on Spark; write Parquet; optionally import it."""
    if "-" in paths:
        raise _fail("the spark engine reads files, not stdin: use `detente ingest -`")
    _check_paths(paths)
    try:
        from detente.engines.spark import run_spark
    except ImportError as exc:
        raise _fail(f"pyspark is not installed ({exc}): pip install 'detente[spark]'") from None
    settings = Settings.load(model=model, actors_files=tuple(actors) if actors else None,
                             min_confidence=min_confidence)
    try:
        counts = run_spark(paths, out, settings, master=master, overwrite=overwrite)
    except (FileExistsError, ValueError) as exc:
        raise _fail(str(exc)) from None
    summary = ", ".join(f"{key} {value}" for key, value in counts.items() if key != "seconds")
    typer.echo(f"spark {master}: {summary} in {counts['seconds']:.1f} s → {out}")
    if db:
        with _open_store(db, read_only=False, settings=Settings.load(db=db)) as store:
            added = store.import_parquet(out)
            from detente.aggregate.stories import refresh

            refresh(store)  # the imported events join the stored story events
        typer.echo("imported into " + db + ": " + ", ".join(f"{k} {v}" for k, v in added.items()))
