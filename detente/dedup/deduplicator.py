"""The dedup step: one verdict per document, from what the store already keeps.

Exact duplicate: a document with the same doc_id (the hash of its normalised text) is kept.
Near-duplicate: a kept document's MinHash signature estimates a Jaccard similarity of at least
`Settings.near_duplicate_threshold` with this one's. Candidates come from an LSH index this
step owns; it is topped up from the store before each query (documents are only ever added, in
`seq` order), so a document written earlier in the same run — or by another writer between two
turns on the file — is found as well, and so is one kept earlier in the same turn, which the
store writes together with it (`Deduplicator.verdicts`, `Store.write_many`).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from datasketch import MinHash

from detente.clean.fingerprint import minhash
from detente.config import Settings
from detente.dedup.lsh import CompactLSH
from detente.models import Article

if TYPE_CHECKING:
    from detente.store.store import Store


KEPT = ("stored", "near_duplicate")  # the statuses whose documents the store keeps


@dataclass(frozen=True)
class Verdict:
    """What the store records about a document: its final status (stored, near_duplicate,
    duplicate, rejected), the doc_id it repeats, and the signature kept with it (None for a
    document that is not kept, or has no text to sign)."""

    status: str
    duplicate_of: str | None = None
    signature: MinHash | None = None

    @property
    def minhash(self) -> bytes | None:
        return None if self.signature is None else encode(self.signature)[0]

    @property
    def minhash_scheme(self) -> str | None:
        return None if self.signature is None else encode(self.signature)[1]


def encode(signature: MinHash) -> tuple[bytes, str]:
    """A signature as the store keeps it: its hash values' bytes and the hashing scheme."""
    return signature.hashvalues.tobytes(), signature.scheme


def decode(blob: bytes | None, scheme: str | None, num_perm: int) -> MinHash | None:
    """A stored signature; None when it was made with other settings (skip it, do not compare)."""
    import numpy as np

    if not blob or not scheme or len(blob) % num_perm:
        return None
    dtype = {4: np.uint32, 8: np.uint64}.get(len(blob) // num_perm)
    if dtype is None:
        return None
    try:
        return MinHash(num_perm=num_perm, hashvalues=np.frombuffer(blob, dtype=dtype), scheme=scheme)
    except ValueError:
        return None


class Deduplicator:
    """Decides the verdict of each document before the store writes it.

    Reads the store only through its dedup interface (`is_kept`, `signature_batches`,
    `signatures`) and, for documents that came without a signature (imported from an engine's
    Parquet, or written without a verdict), records the one it computes (`record_signatures`),
    so later runs find near-duplicates of them too. Use it while the store is open for writing
    (in `detente.ingest`, inside a turn on the file). `settings` default to the store's: its
    signatures were made with them.
    """

    def __init__(self, store: Store, settings: Settings | None = None):
        self.store = store
        self.settings = settings or store.settings
        self._index: CompactLSH | None = None
        self._seq = -1  # signatures of kept documents up to this seq are in `_index`
        # documents kept by a verdict and not yet read back from the store (written in the same
        # turn): their signatures, already in `_index`
        self._pending: dict[str, MinHash | None] = {}

    def verdict(self, article: Article) -> Verdict:
        """The verdict on a coded article. A rejected article stays rejected; a doc_id that is
        kept makes a duplicate (a rejected one with that doc_id does not: it is coded now);
        otherwise the article is signed and compared with the kept documents."""
        return self.verdicts([article])[0]

    def verdicts(self, articles: Iterable[Article]) -> list[Verdict]:
        """The verdicts on a turn's articles, in order, each as if those before it were already
        stored: the store writes a turn's documents together (`Store.write_many`), so a document
        kept here counts as kept (pending) until the index reads it back from the store."""
        articles = list(articles)
        kept = self.store.kept_among([a.doc_id for a in articles if a.status != "rejected"])
        out = []
        for article in articles:
            verdict = self._verdict(article, article.doc_id in kept or article.doc_id in self._pending)
            if verdict.status in KEPT:
                self._pending[article.doc_id] = verdict.signature
                if verdict.signature is not None:
                    self._top_up().insert(article.doc_id, verdict.signature)
            out.append(verdict)
        return out

    def _verdict(self, article: Article, kept: bool) -> Verdict:
        if article.status == "rejected":
            return Verdict(article.status, article.duplicate_of)
        if kept:
            return Verdict("duplicate", article.doc_id)
        if not article.text:
            return Verdict(article.status, article.duplicate_of)
        signature = minhash(article.text, self.settings.minhash_perm)
        match = self.near_duplicate_of(signature)
        if match is not None and match != article.doc_id:
            return Verdict("near_duplicate", match, signature)
        if article.status in ("near_duplicate", "duplicate"):  # a status it came with: not true here
            return Verdict("stored", None, signature)
        return Verdict(article.status, article.duplicate_of, signature)

    def near_duplicate_of(self, signature: MinHash) -> str | None:
        """The most similar kept document at or over the threshold (the first stored on a tie)."""
        candidates = self._top_up().query(signature)
        if not candidates:
            return None
        stored = [(doc_id, decode(blob, scheme, self.settings.minhash_perm)) for doc_id, blob, scheme
                  in self.store.signatures([c for c in candidates if c not in self._pending])]
        # documents kept in this turn come after every stored one
        pending = [(doc_id, s) for doc_id, s in self._pending.items() if doc_id in candidates]
        best, best_score = None, 0.0
        for doc_id, other in stored + pending:
            score = signature.jaccard(other) if other is not None and other.scheme == signature.scheme else 0.0
            if score > best_score:
                best, best_score = doc_id, score
        return best if best_score >= self.settings.near_duplicate_threshold else None

    def _top_up(self) -> CompactLSH:
        """The index, with the signatures of documents kept since the last call added."""
        perm = self.settings.minhash_perm
        if self._index is None:
            self._index = CompactLSH(self.settings.near_duplicate_threshold, perm)
            self._seq = -1
        signed: list[tuple[str, bytes, str]] = []
        for batch in self.store.signature_batches(self._seq):
            for doc_id, seq, blob, scheme, unsigned_text in batch:
                if blob is None and unsigned_text:
                    signature = minhash(unsigned_text, perm)
                    signed.append((doc_id, *encode(signature)))
                else:
                    signature = decode(blob, scheme, perm)
                # a document kept in this run's turn was indexed when its verdict was given
                if self._pending.pop(doc_id, None) is None and signature is not None:
                    self._index.insert(doc_id, signature)
                self._seq = max(self._seq, seq)
        if signed:
            self.store.record_signatures(signed)
        return self._index
