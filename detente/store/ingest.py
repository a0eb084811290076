"""Moved to `detente.ingest` (ingest sits above the engines and the store); this name is kept
only while tests/test_watch.py still imports it from here."""

from detente.ingest import CHECKPOINT_THRESHOLD, IngestReport, Outcome, ingest

__all__ = ["CHECKPOINT_THRESHOLD", "IngestReport", "Outcome", "ingest"]
