"""Candidate pairs at scale: a scaled MinHash (FracMinHash) sketch with an inverted index.

Why not whole-document MinHash + banded LSH: banded LSH finds pairs above a *Jaccard* threshold,
and partial copies have a low Jaccard. A digest that quotes a fifth of its origin has Jaccard
~0.05 with it (the seeds 000/001: 0.057), which no banding can separate from unrelated text. We
need *containment* (how much of one text occurs in the other).

FracMinHash (the "scaled MinHash" of sourmash; Irber et al. 2022) keeps every shingle hash below
``2**64 / scale``: a consistent sample of the shingles, so two texts sharing ``n`` shingles share
about ``n / scale`` sampled hashes *whatever their lengths*, and ``shared / sampled(query)`` is an
unbiased containment estimate. The LSH step is an inverted index (one band of one row per sampled
hash): sorted numpy runs (``hash -> article``), merged geometrically like an LSM tree so adds stay
cheap, plus a small dict for the newest single adds. Hashes shared by more than ``max_postings``
articles (boilerplate) are ignored at query time.

Memory: ~12 bytes per sampled hash (≈ 50 per 400-word article at ``scale=8``), ids aside.
Serialization (``to_bytes``) is a numpy ``.npz`` archive loaded with ``allow_pickle=False``.
"""

from __future__ import annotations

import io
import json
from collections.abc import Iterable

import numpy as np

from storyline.provenance.sketch import sketch, sketch_many

_FORMAT = "storyline-fracminhash-v2"
_SKETCH_BATCH = 2000  # texts sketched together (bounds the temporary arrays to ~100 MB)


def sample_hashes(text: str, scale: int) -> np.ndarray:
    """Sorted distinct FracMinHash sample of ``text``'s normalized word 5-gram hashes."""
    return sketch(text, scale)


def sample_many(texts: list[str], scale: int) -> list[np.ndarray]:
    out: list[np.ndarray] = []
    for i in range(0, len(texts), _SKETCH_BATCH):
        out.extend(sketch_many(texts[i : i + _SKETCH_BATCH], scale))
    return out


class MinHashCandidateIndex:
    """Finds articles that share passages with a text, with estimated containment.

    ``scale``: keep one shingle hash in ``scale`` (higher: smaller, faster, less sensitive).
    ``min_shared``: sampled hashes two texts must share to be candidates.
    ``min_containment``: smallest containment (either way) a query reports.
    ``max_postings``: sampled hashes found in more articles than this are treated as boilerplate.
    """

    def __init__(
        self,
        scale: int = 8,
        min_shared: int = 2,
        min_containment: float = 0.03,
        max_postings: int = 1000,
    ) -> None:
        self.scale = scale
        self.min_shared = min_shared
        self.min_containment = min_containment
        self.max_postings = max_postings
        self._ids: list[str] = []
        self._index_of: dict[str, int] = {}
        self._sizes: list[int] = []
        self._dead: set[int] = set()
        self._runs: list[tuple[np.ndarray, np.ndarray]] = []  # sorted (hashes, doc) runs, biggest first
        self._pending: dict[int, list[int]] = {}
        self._pending_count = 0
        self._pending_limit = 200_000

    # ------------------------------------------------------------------ building

    def __len__(self) -> int:
        return len(self._ids) - len(self._dead)

    def __contains__(self, article_id: object) -> bool:
        idx = self._index_of.get(article_id) if isinstance(article_id, str) else None
        return idx is not None and idx not in self._dead

    def add(self, article_id: str, text: str) -> None:
        """Index ``text`` under ``article_id``. Adding an id already indexed does nothing
        (ids are derived from content or URL); call :meth:`remove` first to replace a text."""
        if article_id in self:
            return
        sample = sample_hashes(text, self.scale)
        doc = self._new_doc(article_id, int(sample.shape[0]))
        for h in sample.tolist():
            self._pending.setdefault(h, []).append(doc)
        self._pending_count += int(sample.shape[0])
        if self._pending_count >= self._pending_limit:
            self._flush_pending()

    def add_many(self, items: Iterable[tuple[str, str]]) -> None:
        """Index many ``(article_id, text)`` pairs at once (one sorted run per call: faster)."""
        fresh = [(aid, text) for aid, text in items if aid not in self]
        samples = sample_many([t for _, t in fresh], self.scale)
        self.add_sketches(zip([aid for aid, _ in fresh], samples, strict=True))

    def add_sketches(self, items: Iterable[tuple[str, np.ndarray]]) -> None:
        """Index precomputed :func:`sample_hashes` sketches (sketch in worker processes, index here)."""
        hashes: list[np.ndarray] = []
        docs: list[np.ndarray] = []
        for article_id, sample in items:
            if article_id in self:
                continue
            doc = self._new_doc(article_id, int(sample.shape[0]))
            hashes.append(sample)
            docs.append(np.full(sample.shape[0], doc, dtype=np.uint32))
        if hashes:
            self._push_run(np.concatenate(hashes), np.concatenate(docs))

    def query_sketch(self, sample: np.ndarray, exclude: str | None = None) -> list[tuple[str, float, float]]:
        """:meth:`query_both` for a precomputed :func:`sample_hashes` sketch."""
        return self._query_sample(sample, exclude)

    def remove(self, article_id: str) -> None:
        idx = self._index_of.pop(article_id, None)
        if idx is not None:
            self._dead.add(idx)

    def _new_doc(self, article_id: str, size: int) -> int:
        if "\n" in article_id:
            raise ValueError("article ids must not contain newlines")
        doc = len(self._ids)
        self._ids.append(article_id)
        self._index_of[article_id] = doc
        self._sizes.append(size)
        return doc

    def _flush_pending(self) -> None:
        if not self._pending:
            return
        keys = np.fromiter(self._pending.keys(), dtype=np.uint64, count=len(self._pending))
        lengths = np.fromiter((len(v) for v in self._pending.values()), dtype=np.int64, count=len(keys))
        docs = np.fromiter(
            (d for v in self._pending.values() for d in v), dtype=np.uint32, count=int(lengths.sum())
        )
        self._pending = {}
        self._pending_count = 0
        self._push_run(np.repeat(keys, lengths), docs)

    def _push_run(self, hashes: np.ndarray, docs: np.ndarray) -> None:
        order = np.argsort(hashes, kind="stable")
        run = (hashes[order], docs[order])
        # geometric merging keeps O(log n) runs and amortized O(n log n) work
        while self._runs and self._runs[-1][0].shape[0] <= 2 * run[0].shape[0]:
            last = self._runs.pop()
            h = np.concatenate([last[0], run[0]])
            d = np.concatenate([last[1], run[1]])
            order = np.argsort(h, kind="stable")
            run = (h[order], d[order])
        self._runs.append(run)

    # ------------------------------------------------------------------ querying

    def query(self, text: str, exclude: str | None = None) -> list[tuple[str, float]]:
        """Indexed articles sharing passages with ``text``: ``(id, containment)``, best first,
        where containment estimates the share of ``text``'s shingles found in that article."""
        return [(aid, cq) for aid, cq, _ in self.query_both(text, exclude)]

    def query_both(self, text: str, exclude: str | None = None) -> list[tuple[str, float, float]]:
        """Like :meth:`query`, also giving the share of the *candidate's* shingles found in
        ``text`` (a large origin contains a short digest; both directions matter)."""
        sample = sample_hashes(text, self.scale)
        return self._query_sample(sample, exclude)

    def query_many(
        self, texts: list[str], exclude: list[str | None] | None = None
    ) -> list[list[tuple[str, float, float]]]:
        """:meth:`query_both` for many texts at once (vectorized: much faster per text)."""
        return self.query_sketches(sample_many(texts, self.scale), exclude)

    def query_sketches(
        self, samples: list[np.ndarray], exclude: list[str | None] | None = None
    ) -> list[list[tuple[str, float, float]]]:
        """:meth:`query_many` for precomputed sketches."""
        self._flush_pending()
        n_q = len(samples)
        results: list[list[tuple[str, float, float]]] = [[] for _ in range(n_q)]
        sizes_q = np.fromiter((s.shape[0] for s in samples), dtype=np.int64, count=n_q)
        if n_q == 0 or not self._runs or sizes_q.sum() == 0:
            return results
        q_hash = np.concatenate(samples)
        q_doc = np.repeat(np.arange(n_q, dtype=np.int64), sizes_q)
        order = np.argsort(q_hash, kind="stable")  # sorted needles search much faster
        q_hash, q_doc = q_hash[order], q_doc[order]
        spans, totals = [], np.zeros(q_hash.shape[0], dtype=np.int64)
        for h, _ in self._runs:
            left = np.searchsorted(h, q_hash, "left")
            right = np.searchsorted(h, q_hash, "right")
            totals += right - left
            spans.append((left, right))
        keep = totals <= self.max_postings
        pair_keys = []
        for (left, right), (_, d) in zip(spans, self._runs, strict=True):
            lk, rk, qk = left[keep], right[keep], q_doc[keep]
            counts = rk - lk
            total = int(counts.sum())
            if total == 0:
                continue
            offsets = np.repeat(lk - np.cumsum(counts) + counts, counts)
            cand = d[np.arange(total) + offsets].astype(np.int64)
            pair_keys.append(np.repeat(qk, counts) * (1 << 32) + cand)
        if not pair_keys:
            return results
        keys, shared = np.unique(np.concatenate(pair_keys), return_counts=True)
        mask = shared >= self.min_shared
        keys, shared = keys[mask], shared[mask]
        qd, cd = keys >> 32, keys & 0xFFFFFFFF
        sizes_c = np.asarray(self._sizes, dtype=np.int64)[cd]
        c_query = shared / np.maximum(sizes_q[qd], 1)
        c_cand = shared / np.maximum(sizes_c, 1)
        ok = np.maximum(c_query, c_cand) >= self.min_containment
        skip = [self._index_of.get(x) if x is not None else None for x in (exclude or [None] * n_q)]
        for q, c, a, b in zip(
            qd[ok].tolist(), cd[ok].tolist(), c_query[ok].tolist(), c_cand[ok].tolist(), strict=True
        ):
            if c == skip[q] or c in self._dead:
                continue
            results[q].append((self._ids[c], min(a, 1.0), min(b, 1.0)))
        for r in results:
            r.sort(key=lambda x: (-max(x[1], x[2]), x[0]))
        return results

    def _query_sample(self, sample: np.ndarray, exclude: str | None) -> list[tuple[str, float, float]]:
        n_query = int(sample.shape[0])
        if n_query == 0:
            return []
        found: list[np.ndarray] = []
        totals = np.zeros(n_query, dtype=np.int64)
        spans = []
        for h, _ in self._runs:
            left = np.searchsorted(h, sample, "left")
            right = np.searchsorted(h, sample, "right")
            totals += right - left
            spans.append((left, right))
        pending_hits = [self._pending.get(x, ()) for x in sample.tolist()] if self._pending else None
        if pending_hits is not None:
            totals += np.fromiter((len(p) for p in pending_hits), dtype=np.int64, count=n_query)
        keep = totals <= self.max_postings
        for (left, right), (_, d) in zip(spans, self._runs, strict=True):
            lk, rk = left[keep], right[keep]
            counts = rk - lk
            total = int(counts.sum())
            if total == 0:
                continue
            offsets = np.repeat(lk - np.cumsum(counts) + counts, counts)
            found.append(d[np.arange(total) + offsets])
        if pending_hits is not None:
            extra = [doc for hits, k in zip(pending_hits, keep.tolist(), strict=True) if k for doc in hits]
            if extra:
                found.append(np.asarray(extra, dtype=np.uint32))
        if not found:
            return []
        docs, shared = np.unique(np.concatenate(found), return_counts=True)
        mask = shared >= self.min_shared
        docs, shared = docs[mask], shared[mask]
        results: list[tuple[str, float, float]] = []
        skip = self._index_of.get(exclude) if exclude is not None else None
        for doc, n in zip(docs.tolist(), shared.tolist(), strict=True):
            if doc == skip or doc in self._dead:
                continue
            c_query = n / n_query
            c_cand = n / max(self._sizes[doc], 1)
            if max(c_query, c_cand) >= self.min_containment:
                results.append((self._ids[doc], min(c_query, 1.0), min(c_cand, 1.0)))
        results.sort(key=lambda r: (-max(r[1], r[2]), r[0]))
        return results

    # ------------------------------------------------------------------ persistence

    def to_bytes(self) -> bytes:
        """The whole index as a numpy ``.npz`` archive (no pickled objects)."""
        self._flush_pending()
        if self._runs:
            h = np.concatenate([r[0] for r in self._runs])
            d = np.concatenate([r[1] for r in self._runs])
            order = np.argsort(h, kind="stable")
            self._runs = [(h[order], d[order])]
        else:
            self._runs = []
        hashes = self._runs[0][0] if self._runs else np.zeros(0, dtype=np.uint64)
        docs = self._runs[0][1] if self._runs else np.zeros(0, dtype=np.uint32)
        params = {
            "format": _FORMAT,
            "scale": self.scale,
            "min_shared": self.min_shared,
            "min_containment": self.min_containment,
            "max_postings": self.max_postings,
        }
        buf = io.BytesIO()
        np.savez_compressed(
            buf,
            params=np.frombuffer(json.dumps(params).encode(), dtype=np.uint8),
            ids=np.frombuffer("\n".join(self._ids).encode("utf-8"), dtype=np.uint8),
            sizes=np.asarray(self._sizes, dtype=np.uint32),
            dead=np.asarray(sorted(self._dead), dtype=np.uint32),
            hashes=hashes,
            docs=docs,
        )
        return buf.getvalue()

    @classmethod
    def from_bytes(cls, data: bytes) -> MinHashCandidateIndex:
        with np.load(io.BytesIO(data), allow_pickle=False) as z:
            params = json.loads(z["params"].tobytes().decode())
            if params.get("format") != _FORMAT:
                raise ValueError(f"not a candidate index (format {params.get('format')!r})")
            index = cls(
                scale=int(params["scale"]),
                min_shared=int(params["min_shared"]),
                min_containment=float(params["min_containment"]),
                max_postings=int(params["max_postings"]),
            )
            raw_ids = z["ids"].tobytes().decode("utf-8")
            index._ids = raw_ids.split("\n") if raw_ids or z["sizes"].shape[0] else []
            index._sizes = z["sizes"].astype(np.int64).tolist()
            index._dead = set(z["dead"].tolist())
            index._index_of = {aid: i for i, aid in enumerate(index._ids) if i not in index._dead}
            if z["hashes"].shape[0]:
                index._runs = [(z["hashes"].copy(), z["docs"].copy())]
        return index
