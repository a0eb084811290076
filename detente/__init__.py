"""detente: who did what to whom, when, according to whom — from news articles.

Notebook API (same code path as the CLI):

    >>> import detente
    >>> events = detente.extract("<html>…</html>", published="2025-01-26")
    >>> db = detente.open("detente.duckdb")
    >>> db.events(dyad="USA-COL", since="2025-01").to_pandas()
"""

from __future__ import annotations

__version__ = "0.1.0"

__all__ = ["extract", "open", "__version__"]


def extract(text_or_html: str, published: str | None = None, **options):
    """Clean, analyse and code one document; returns a list of `Event` (see `detente.models`)."""
    from detente.pipeline import extract_events

    return extract_events(text_or_html, published=published, **options)


def open(db: str = "detente.duckdb", read_only: bool = False):  # noqa: A001 - mirrors sqlite3/duckdb
    """Open a detente database for queries (`.events()`, `.documents()`, `.timeline()` …)."""
    from detente.store import Store

    return Store(db, read_only=read_only)
