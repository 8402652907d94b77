"""Article vectors for clustering: weighted words and names hashed into one fixed-size space.

Every article becomes one unit vector of ``dim`` dimensions: its word weights (from
:class:`~storyline.stories.features.ArticleFeatures`) plus, optionally, its names, each word or name
hashed (CRC-32, stable across processes) to a column and a sign; names use the last quarter of the
columns, so the word parts can be compared alone (for text whose names cannot be found). The
vector is rounded to float16 once, so a story centroid (the float32 sum of its members' vectors,
added in member order) can be rebuilt exactly from the stored members: the persisted state holds members, not centroids.

Fixed-size dense centroids let one matrix product score an article against all its candidate
stories. Signed hashing keeps inner products unbiased; with ``dim = 4096`` the error of a cosine
between two articles has a standard deviation of about 0.016 (measured on ECB+).

:func:`two_means` splits a set of member vectors into two groups (spherical k-means with k = 2,
seeded deterministically), used to test whether a story holds two events.
"""

from __future__ import annotations

import math
import zlib

import numpy as np

_CACHE_LIMIT = 500_000


class HashedSpace:
    """Maps features to packed sparse vectors (``uint16`` columns then ``float16`` values)."""

    def __init__(self, dim: int = 4096, entity_weight: float = 0.0) -> None:
        if not 16 <= dim <= 65536:
            raise ValueError("dim must be between 16 and 65536")
        self.dim = dim
        self.entity_weight = entity_weight
        self.name_cols = dim // 4  # names hash into the last quarter, words into the rest
        self._slots: dict[str, tuple[int, float]] = {}

    def _slot(self, key: str) -> tuple[int, float]:
        slot = self._slots.get(key)
        if slot is None:
            h = zlib.crc32(key.encode("utf-8"))
            sign = 1.0 if (h >> 31) & 1 else -1.0
            if key.startswith("@"):
                slot = (self.dim - self.name_cols + h % self.name_cols, sign)
            else:
                slot = (h % (self.dim - self.name_cols), sign)
            if len(self._slots) < _CACHE_LIMIT:
                self._slots[key] = slot
        return slot

    def pack(self, terms: dict[str, float], entities: dict[str, str]) -> bytes:
        """An article's unit vector, packed; empty bytes when it has no words and no names."""
        slot = self._slot
        slots = [slot(t) for t in terms]
        weights = list(terms.values())
        if self.entity_weight and entities:
            each = self.entity_weight / math.sqrt(len(entities))
            slots += [slot("@" + k) for k in entities]
            weights += [each] * len(entities)
        if not slots:
            return b""
        cols = np.fromiter((c for c, _ in slots), dtype=np.intp, count=len(slots))
        signed = np.fromiter((sign for _, sign in slots), dtype=np.float32, count=len(slots))
        signed *= np.asarray(weights, dtype=np.float32)
        dense = np.zeros(self.dim, dtype=np.float32)
        np.add.at(dense, cols, signed)
        norm = float(np.linalg.norm(dense))
        if norm == 0.0:
            return b""
        nonzero = np.flatnonzero(dense)
        vals = (dense[nonzero] / norm).astype(np.float16)
        return nonzero.astype(np.uint16).tobytes() + vals.tobytes()


def unpack(packed: bytes) -> tuple[np.ndarray, np.ndarray]:
    """Columns (int) and values (float32) of a packed vector."""
    n = len(packed) // 4
    cols = np.frombuffer(packed, dtype=np.uint16, count=n).astype(np.intp)
    vals = np.frombuffer(packed, dtype=np.float16, count=n, offset=2 * n).astype(np.float32)
    return cols, vals


def add_into(centroid: np.ndarray, packed: bytes) -> None:
    """``centroid += vector`` in place (columns of one vector are distinct)."""
    if packed:
        cols, vals = unpack(packed)
        centroid[cols] += vals


def dense(packed: bytes, dim: int) -> np.ndarray:
    out = np.zeros(dim, dtype=np.float32)
    add_into(out, packed)
    return out


def centroid_of(members: list[bytes], dim: int) -> np.ndarray:
    """The float32 sum of packed vectors, added in order (what incremental adds produce)."""
    out = np.zeros(dim, dtype=np.float32)
    for packed in members:
        add_into(out, packed)
    return out


def two_means(matrix: np.ndarray, rounds: int = 20) -> np.ndarray:
    """Spherical 2-means over unit rows; returns a 0/1 label per row (0 for the first row's group).

    Seeds: the row least like the whole set, then the row least like that one; ties go to the
    earlier row, so the result depends only on the rows and their order.
    """
    n = matrix.shape[0]
    labels = np.zeros(n, dtype=np.int8)
    if n < 2:
        return labels
    a = int(np.argmin(matrix @ matrix.sum(axis=0)))
    b = int(np.argmin(matrix @ matrix[a]))
    if a == b:
        return labels
    centre_a, centre_b = matrix[a].copy(), matrix[b].copy()
    for _ in range(rounds):
        new = (matrix @ centre_b > matrix @ centre_a).astype(np.int8)
        if new.all() or not new.any():
            return labels
        if np.array_equal(new, labels):
            break
        labels = new
        centre_a = matrix[labels == 0].sum(axis=0)
        centre_b = matrix[labels == 1].sum(axis=0)
    if labels[0] == 1:
        labels = 1 - labels
    return labels.astype(np.int8)


def mean_link(sum_a: np.ndarray, n_a: int, sum_b: np.ndarray, n_b: int) -> float:
    """Mean similarity over all pairs (one member of each group), from the groups' vector sums."""
    if n_a == 0 or n_b == 0:
        return 0.0
    return float(sum_a @ sum_b) / (n_a * n_b)


def centroid_cosine(sum_a: np.ndarray, sum_b: np.ndarray) -> float:
    """Cosine between two groups' centroids (from their vector sums); 0.0 when either is empty."""
    norms = float(np.linalg.norm(sum_a)) * float(np.linalg.norm(sum_b))
    return float(sum_a @ sum_b) / norms if norms > 0.0 else 0.0
