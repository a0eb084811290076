"""detente watch over a feed that keeps growing for two minutes: memory stays flat, every alert
is written once (the 30-minute figures: benchmarks/watch_soak.py)."""

from __future__ import annotations

import io
import sys

import pytest
from builders import REPO

sys.path.insert(0, str(REPO / "benchmarks"))

from watch_soak import soak  # noqa: E402

pytestmark = pytest.mark.slow

MAX_GROWTH_MB = 40.0  # median RSS, second fifth of the run → last fifth


def test_two_minutes_on_a_growing_feed_keep_memory_flat():
    report = io.StringIO()
    result = soak(minutes=2, every=5, per_poll=4, out=report)  # raises if an alert was written twice
    assert result.ingested >= 40, report.getvalue()
    assert result.alerts > 0
    assert result.growth < MAX_GROWTH_MB, (result.growth, report.getvalue())
