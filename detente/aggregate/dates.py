"""Dates at a precision as intervals, and the period keys the index groups by.

A date in detente is ISO 8601 at its precision: "2025", "2025-09" or "2025-09-15". As an
interval it covers every day it could mean: "2025-09" is 2025-09-01 … 2025-09-30.
"""

from __future__ import annotations

import calendar
from datetime import date, timedelta

# methods whose date is the publication date standing in for "recently": an upper bound only
from detente.models import PUBLICATION_METHODS  # noqa: F401 - one definition, with the records

PRECISION_RANK = {"day": 3, "month": 2, "year": 1}


def precision_of(value: str | None, declared: str | None = None) -> str | None:
    """The precision of an ISO date string (declared precision wins when it is consistent)."""
    if not value:
        return None
    by_length = {4: "year", 7: "month", 10: "day"}.get(len(value))
    if declared in PRECISION_RANK and by_length and PRECISION_RANK[declared] <= PRECISION_RANK[by_length]:
        return declared
    return by_length


def interval(value: str | None, precision: str | None = None) -> tuple[date, date] | None:
    """The first and last day an ISO date at its precision can mean; None if undated/unparsable."""
    if not value:
        return None
    precision = precision_of(value, precision)
    try:
        year = int(value[:4])
        if precision == "year":
            return date(year, 1, 1), date(year, 12, 31)
        month = int(value[5:7])
        if precision == "month":
            return date(year, month, 1), date(year, month, calendar.monthrange(year, month)[1])
        if precision == "day":
            day = date(year, month, int(value[8:10]))
            return day, day
    except ValueError:
        return None
    return None


def widen(span: tuple[date, date], days: int) -> tuple[date, date]:
    return span[0] - timedelta(days=days), span[1] + timedelta(days=days)


def overlaps(a: tuple[date | None, date | None], b: tuple[date | None, date | None]) -> bool:
    """Open ends (None) are unbounded."""
    a_start, a_end = a
    b_start, b_end = b
    if a_start is not None and b_end is not None and a_start > b_end:
        return False
    if b_start is not None and a_end is not None and b_start > a_end:
        return False
    return True


def period_key(value: str | None, precision: str | None, freq: str) -> str | None:
    """The index period a dated story falls in: "2025" (year), "2025-01" (month) or "2025-W04" (ISO week).

    None when the date is missing or coarser than the period (a year-precision date has no
    month; a month-precision date has no week).
    """
    span = interval(value, precision)
    if span is None:
        return None
    precision = precision_of(value, precision)
    if freq == "year":
        return value[:4]
    if freq == "month":
        if precision not in ("month", "day"):
            return None
        return value[:7]
    if freq == "week":
        if precision != "day":
            return None
        iso = span[0].isocalendar()
        return f"{iso[0]}-W{iso[1]:02d}"
    raise ValueError(f"unknown frequency {freq!r}: use year, month or week")


def period_start(key: str) -> date:
    if "-W" in key:
        year, week = key.split("-W")
        return date.fromisocalendar(int(year), int(week), 1)
    if len(key) == 4:
        return date(int(key), 1, 1)
    return date(int(key[:4]), int(key[5:7]), 1)


def period_range(first: str, last: str, freq: str) -> list[str]:
    """Every period key from first to last inclusive, so empty periods get explicit rows."""
    keys = []
    current = period_start(first)
    end = period_start(last)
    while current <= end:
        if freq == "week":
            iso = current.isocalendar()
            keys.append(f"{iso[0]}-W{iso[1]:02d}")
            current += timedelta(days=7)
        elif freq == "year":
            keys.append(f"{current.year:04d}")
            current = date(current.year + 1, 1, 1)
        else:
            keys.append(f"{current.year:04d}-{current.month:02d}")
            current = date(current.year + (current.month == 12), current.month % 12 + 1, 1)
    return keys


def prefix_in_range(value: str | None, since: str | None, until: str | None) -> bool:
    """Prefix comparison: "2025-01" is within since="2025-01-15" (the month overlaps the bound)."""
    if since is None and until is None:
        return True
    if not value:
        return False
    if since and value[: len(since)] < since[: len(value)]:
        return False
    if until and value[: len(until)] > until[: len(value)]:
        return False
    return True
