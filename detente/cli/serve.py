"""`detente serve`: the web dashboard and REST API over a database, read-only."""

from __future__ import annotations

from typing import Annotated

import typer

from detente.cli import app
from detente.config import Settings

EXIT_USAGE = 2


@app.command()
def serve(
    db: Annotated[str | None, typer.Option("--db", help="DuckDB file (default: detente.duckdb or $DETENTE_DB).")] = None,
    host: Annotated[str, typer.Option("--host", help="Interface to listen on; 0.0.0.0 exposes it to the network.")] = "127.0.0.1",
    port: Annotated[int, typer.Option("--port", min=0, max=65535, help="TCP port.")] = 8000,
    log_level: Annotated[str, typer.Option("--log-level", help="uvicorn log level.")] = "info",
) -> None:
    """Serve the dashboard (/) and the JSON API (/api/…, documented at /docs) over a database.

    The database is opened read-only per request, so `detente ingest` can add to it meanwhile.
    """
    import uvicorn

    from detente.server.app import create_app
    from detente.store import Store, StoreError

    path = db or Settings.load().db
    try:  # fail now, with the store's message, rather than on the first request
        Store(path, read_only=True).close()
    except StoreError as exc:
        typer.echo(f"detente: {exc}", err=True)
        raise typer.Exit(EXIT_USAGE) from None
    typer.echo(f"detente: serving {path} at http://{host}:{port}/ (API docs at /docs); Ctrl-C stops",
               err=True)
    uvicorn.run(create_app(path), host=host, port=port, log_level=log_level)
