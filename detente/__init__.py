"""detente: who did what to whom, when, according to whom — from news articles.

Notebook API (same code path as the CLI):

    >>> import detente
    >>> events = detente.extract("<html>…</html>", published="2025-01-26")
    >>> db = detente.open("detente.duckdb")          # read-only: `detente ingest` can write meanwhile
    >>> db.events(dyad="USA-COL", since="2025-01").to_pandas()
    >>> db.timeline(dyad="USA-COL").to_pandas()      # also .index(dyad), .contradictions()
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from detente.notebook import Database

__version__ = "0.1.0"

__all__ = ["Database", "extract", "open", "__version__"]


def extract(text_or_html: str, published: str | None = None, **options):
    """Clean, analyse and code one document; returns a list of `Event` (see `detente.models`)."""
    from detente.pipeline import extract_events

    return extract_events(text_or_html, published=published, **options)


def open(db: str = "detente.duckdb", read_only: bool = True, create: bool = False) -> Database:  # noqa: A001 - mirrors sqlite3/duckdb
    """Open a detente database for queries (`.events()`, `.timeline()`, `.index()`,
    `.contradictions()`, `.documents()` …; see `detente.notebook`).

    Read-only by default, and the file is opened only for each call, so a notebook never locks
    out `detente ingest`; `read_only=False` to write (other processes wait until `close()`).
    A path where no database exists is refused (`DatabaseMissing`) unless `create=True`.
    """
    from detente.notebook import Database

    return Database(db, read_only=read_only, create=create)


def __getattr__(name: str) -> Any:
    if name == "Database":  # imported on first use: `import detente` stays light
        from detente.notebook import Database

        return Database
    raise AttributeError(f"module 'detente' has no attribute {name!r}")
