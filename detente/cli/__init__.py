"""The `detente` command: a thin shell over the library, one module per group of commands.

Each submodule registers its commands on `app`; `main()` imports them all.
"""

from __future__ import annotations

import importlib
import importlib.metadata

import typer

# options several commands share: one definition, one help text
DB_OPTION = typer.Option("--db", help="DuckDB file (default: detente.duckdb or $DETENTE_DB).")
MIN_CONFIDENCE_OPTION = typer.Option(
    "--min-confidence", min=0.0, max=1.0,
    help="Only events coded with at least this confidence (0-1; default 0: every event).")

app = typer.Typer(
    name="detente",
    help="Who did what to whom, when, according to whom — event data from news articles.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)


def package_version() -> str:
    """The installed distribution's version; the package's own `__version__` when uninstalled
    (the distribution takes its version from it at build time)."""
    try:
        return importlib.metadata.version("detente")
    except importlib.metadata.PackageNotFoundError:
        from detente import __version__

        return __version__


def _print_version(value: bool) -> None:
    if value:
        typer.echo(f"detente {package_version()}")
        raise typer.Exit()


@app.callback()
def _options(
    version: bool = typer.Option(
        False, "--version", callback=_print_version, is_eager=True,
        help="Print detente's version and exit."),
) -> None:
    pass


# Command modules, in the order of the pipeline; each registers its commands on `app`.
COMMAND_MODULES = ("ingest", "extract", "insight", "serve", "spark", "run", "watch")


def _register() -> None:
    for name in COMMAND_MODULES:
        importlib.import_module(f"detente.cli.{name}")


def main() -> None:
    _register()
    app()
