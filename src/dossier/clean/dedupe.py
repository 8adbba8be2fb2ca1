"""Near-duplicate detection: MinHash signatures over word shingles, and an LSH index.

``signature(text)`` is a JSON-serialisable list of ints (store it next to the document);
``NearDuplicateIndex`` finds, for a new signature, the most similar document already
added and its estimated Jaccard similarity, if that reaches the threshold. A syndicated
copy with light edits scores well above 0.8; two outlets' own reports of the same story
share names and phrases but few three-word sequences, and score far below.
"""
from __future__ import annotations

import re
from typing import Iterable

import numpy as np
from datasketch import MinHash, MinHashLSH

__all__ = ["signature", "shingles", "jaccard", "NearDuplicateIndex", "NUM_PERM", "SHINGLE"]

NUM_PERM = 128
SHINGLE = 3
SEED = 1
SCHEME = "affine32"  # datasketch's hashing scheme; stored signatures depend on it
_WORD = re.compile(r"\w+")


def shingles(text: str, size: int = SHINGLE) -> set[str]:
    """The ``size``-word shingles of the lower-cased text (the text itself when shorter)."""
    words = _WORD.findall(text.lower())
    if len(words) < size:
        return {" ".join(words)} if words else {text}
    return {" ".join(words[i:i + size]) for i in range(len(words) - size + 1)}


_PERMUTATIONS = None  # the seed's permutations, drawn once (1.3 ms each time otherwise)


def _permutations():
    global _PERMUTATIONS
    if _PERMUTATIONS is None:
        _PERMUTATIONS = MinHash(num_perm=NUM_PERM, seed=SEED, scheme=SCHEME).permutations
    return _PERMUTATIONS


def _minhash(values: Iterable[int] | None = None) -> MinHash:
    if values is None:
        return MinHash(num_perm=NUM_PERM, seed=SEED, scheme=SCHEME, permutations=_permutations())
    return MinHash(num_perm=NUM_PERM, seed=SEED, scheme=SCHEME, permutations=_permutations(),
                   hashvalues=np.asarray(list(values), dtype=np.uint64))


def signature(text: str) -> list[int]:
    """The MinHash signature of ``text`` (``NUM_PERM`` ints)."""
    mh = _minhash()
    mh.update_batch([s.encode("utf-8") for s in sorted(shingles(text))])
    return [int(v) for v in mh.hashvalues]


def jaccard(a: list[int], b: list[int]) -> float:
    """The Jaccard similarity two signatures estimate."""
    if len(a) != len(b):
        raise ValueError(f"signatures of different lengths: {len(a)} and {len(b)}")
    return float(np.count_nonzero(np.asarray(a, dtype=np.uint64) == np.asarray(b, dtype=np.uint64))
                 / len(a))


class NearDuplicateIndex:
    """Documents' signatures, searchable for near-duplicates.

    Candidates come from an LSH index built for a lower threshold than ``threshold`` (so
    pairs just above it are not missed by banding); each candidate is then checked against
    ``threshold`` with the signatures' estimated Jaccard similarity.
    """

    def __init__(self, threshold: float = 0.8, num_perm: int = NUM_PERM):
        if not 0.0 < threshold <= 1.0:
            raise ValueError(f"threshold must be in (0, 1], got {threshold}")
        if num_perm != NUM_PERM:
            raise ValueError(f"signatures have {NUM_PERM} values; num_perm must match")
        self.threshold = threshold
        self._lsh = MinHashLSH(threshold=max(0.3, threshold - 0.2), num_perm=num_perm)
        self._sigs: dict[str, np.ndarray] = {}
        self._order: dict[str, int] = {}
        self._store = None
        self._added = 0

    def bind_store(self, store) -> None:
        """Look up stored documents in ``store``'s own near-duplicate index
        (``Store.near_duplicate_candidates``) instead of loading them all here; this index
        then only holds the documents on their way in (``add``, ``discard``)."""
        self._store = store

    def discard(self, doc_id: str) -> None:
        """Forget ``doc_id`` (stored now: the store's index has it)."""
        if doc_id in self._sigs:
            self._lsh.remove(doc_id)
            del self._sigs[doc_id]
            del self._order[doc_id]

    def __len__(self) -> int:
        return len(self._sigs)

    def __contains__(self, doc_id: str) -> bool:
        return doc_id in self._sigs

    def add(self, doc_id: str, sig: list[int]) -> None:
        """Index ``doc_id`` (adding an id again is a no-op)."""
        if doc_id in self._sigs:
            return
        mh = _minhash(sig)
        self._lsh.insert(doc_id, mh)
        self._sigs[doc_id] = mh.hashvalues
        self._added += 1
        self._order[doc_id] = self._added

    def query(self, sig: list[int]) -> tuple[str, float] | None:
        """The most similar indexed document and its estimated Jaccard, or None below the
        threshold (ties go to the document added first: the original)."""
        mh = _minhash(sig)
        best: tuple[float, int, str] | None = None
        # stored documents first (earliest first: they precede anything on its way in)
        stored: list = self._store.near_duplicate_candidates(sig) if self._store is not None else []
        for rank, (doc_id, other) in enumerate(stored):
            values = np.asarray(other, dtype=np.uint64)
            if len(values) != len(mh.hashvalues):
                continue
            score = float(np.count_nonzero(values == mh.hashvalues)) / len(mh.hashvalues)
            if score < self.threshold:
                continue
            key = (score, -rank - 1, doc_id)
            if best is None or key > best:
                best = key
        base = len(stored) + 1
        for doc_id in self._lsh.query(mh):
            score = float(np.count_nonzero(self._sigs[doc_id] == mh.hashvalues)) / len(mh.hashvalues)
            if score < self.threshold:
                continue
            key = (score, -base - self._order[doc_id], doc_id)
            if best is None or key > best:
                best = key
        return (best[2], round(best[0], 4)) if best else None
