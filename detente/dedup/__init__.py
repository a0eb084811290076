"""Deduplication: the step between coding and storing that decides, for each document, whether
it is new, an exact duplicate or a near-duplicate of a document already kept. The store records
the verdict it is given and never decides one itself.

    >>> dedup = Deduplicator(store)
    >>> store.write(processed, source_key, run_id, dedup.verdict(processed.article))
"""

from detente.dedup.deduplicator import Deduplicator, Verdict, decode, encode

__all__ = ["Deduplicator", "Verdict", "decode", "encode"]
