"""`detente serve`: the web dashboard and REST API over a database, read-only, beside an ingest."""

from __future__ import annotations

from typing import Annotated

import typer

from detente.cli import DB_OPTION, app
from detente.config import Settings

EXIT_USAGE = 2


@app.command()
def serve(
    db: Annotated[str | None, DB_OPTION] = None,
    host: Annotated[str, typer.Option("--host", help="Interface to listen on; 0.0.0.0 exposes it to the network.")] = "127.0.0.1",
    port: Annotated[int, typer.Option("--port", min=0, max=65535, help="TCP port.")] = 8000,
    log_level: Annotated[str, typer.Option("--log-level", help="uvicorn log level.")] = "info",
) -> None:
    """Serve the dashboard (/) and the JSON API (/api/…, documented at /docs) over a database.

    Read-only. `detente ingest` can add to the same database meanwhile: it writes in short turns (every few seconds), during which requests wait; a request that waits longer than DETENTE_READ_WAIT_SECONDS (default 3) gets 503 with Retry-After. Readers never see half a document.

    Listens on 127.0.0.1 unless --host says otherwise; there is no authentication (see SECURITY.md).
    """
    import uvicorn

    from detente.server.app import create_app
    from detente.store import Store, StoreError
    from detente.store.store import StoreBusy

    path = db or Settings.load().db
    try:  # fail now, with the store's message, rather than on the first request
        Store(path, read_only=True).close()
    except StoreBusy:  # an ingest is writing: requests wait for its turns to end
        typer.echo("detente: an ingest is writing to the database; serving anyway", err=True)
    except StoreError as exc:
        typer.echo(f"detente: {exc}", err=True)
        raise typer.Exit(EXIT_USAGE) from None
    typer.echo(f"detente: serving {path} at http://{host}:{port}/ (API docs at /docs); Ctrl-C stops",
               err=True)
    uvicorn.run(create_app(path), host=host, port=port, log_level=log_level)
