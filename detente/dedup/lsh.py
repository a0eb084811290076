"""A compact MinHash LSH index for near-duplicate candidates, held in memory during a run.

Same banding as `datasketch.MinHashLSH(threshold, num_perm)` (its optimal b bands of r rows),
so a document is a candidate exactly when datasketch would return it (plus, very rarely, a
64-bit band-hash collision, which the Jaccard check after the query discards). What differs
is the layout: datasketch keeps a dict entry, a bytes key and a set per band per document
(≈ 3.4 KB per document at 128 permutations); here each document is one row of b uint64 band
hashes in a growing NumPy array plus its doc_id (≈ 0.2 KB), and a query is one vectorised
comparison over the array (≈ 1 ms per 10 000 documents, small next to coding a document).
"""

from __future__ import annotations

import numpy as np

_MULTIPLIERS_SEED = 0x5EED


class CompactLSH:
    def __init__(self, threshold: float, num_perm: int):
        from datasketch import MinHashLSH

        self.num_perm = num_perm
        # the banding datasketch chooses for this threshold (read off an empty index, public API)
        reference = MinHashLSH(threshold=threshold, num_perm=num_perm)
        self.b, self.r = reference.b, reference.r
        rng = np.random.default_rng(_MULTIPLIERS_SEED)
        self._mult = rng.integers(1, 2**63, size=self.r, dtype=np.uint64) * np.uint64(2) + np.uint64(1)
        self._bands = np.empty((0, self.b), dtype=np.uint64)
        self._ids: list[str] = []

    def __len__(self) -> int:
        return len(self._ids)

    def _band_hashes(self, hashvalues) -> np.ndarray:
        values = np.asarray(hashvalues, dtype=np.uint64)[: self.b * self.r].reshape(self.b, self.r)
        with np.errstate(over="ignore"):
            mixed = values * self._mult
            mixed ^= mixed >> np.uint64(29)
            return mixed.sum(axis=1, dtype=np.uint64)

    def insert(self, doc_id: str, signature) -> None:
        n = len(self._ids)
        if n == len(self._bands):  # grow by ~1/8, amortised
            grown = np.empty((max(64, n + n // 8), self.b), dtype=np.uint64)
            grown[:n] = self._bands[:n]
            self._bands = grown
        self._bands[n] = self._band_hashes(signature.hashvalues)
        self._ids.append(doc_id)

    def query(self, signature) -> list[str]:
        n = len(self._ids)
        if not n:
            return []
        hits = np.flatnonzero((self._bands[:n] == self._band_hashes(signature.hashvalues)).any(axis=1))
        return list(dict.fromkeys(self._ids[i] for i in hits))
