"""Stage 5, store: a DuckDB file that owns every SQL statement detente runs.

    >>> from detente.store import Store
    >>> with Store("detente.duckdb") as db:
    ...     db.events(dyad="USA-COL", since="2025-01").to_pandas()
"""

from detente.store.rows import Rows
from detente.store.store import FORMATS, TABLES, AmbiguousId, Store, StoreError

__all__ = ["FORMATS", "TABLES", "AmbiguousId", "Rows", "Store", "StoreError"]
