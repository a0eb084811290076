"""`Rows`: what every store query returns — records as dicts, convertible for notebooks."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any


class Rows:
    """The result of a query: an Arrow table of records in the design's layout.

    Iterating yields the records as dicts (nested actor/recipient/evidence as in the event
    record). `.to_arrow()` keeps that nesting (the Parquet schema); `.to_pandas()` flattens
    nested fields into dotted columns (`actor.country`) so they group and filter directly.
    """

    def __init__(self, table):
        self._table = table
        self._records: list[dict[str, Any]] | None = None

    @property
    def columns(self) -> list[str]:
        return list(self._table.column_names)

    def to_dicts(self) -> list[dict[str, Any]]:
        if self._records is None:
            self._records = self._table.to_pylist()
        return list(self._records)

    def to_arrow(self):
        return self._table

    def to_pandas(self, flat: bool = True):
        table = self._table
        if flat:
            while any(str(f.type).startswith("struct") for f in table.schema):
                table = table.flatten()
        return table.to_pandas()

    def __iter__(self) -> Iterator[dict[str, Any]]:
        return iter(self.to_dicts())

    def __len__(self) -> int:
        return self._table.num_rows

    def __getitem__(self, index: int) -> dict[str, Any]:
        return self.to_dicts()[index]

    def __bool__(self) -> bool:
        return len(self) > 0

    def __repr__(self) -> str:
        return f"<Rows {len(self)} × {', '.join(self.columns)}>"
