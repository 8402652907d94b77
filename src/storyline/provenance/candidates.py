"""Candidate pairs at scale: a scaled MinHash (FracMinHash) sketch with an inverted index.

Why not whole-document MinHash + banded LSH: banded LSH finds pairs above a *Jaccard* threshold,
and partial copies have a low Jaccard. A digest that quotes a fifth of its origin has Jaccard
~0.05 with it (the seeds 000/001: 0.057), which no banding can separate from unrelated text. We
need *containment* (how much of one text occurs in the other). (datasketch's LSH Ensemble does
containment, but in Python at under a thousand documents a second; rensa only does Jaccard.)

FracMinHash (the "scaled MinHash" of sourmash; Irber et al. 2022) keeps every shingle hash below
``2**64 / scale``: a consistent sample of the shingles, so two texts sharing ``n`` shingles share
about ``n / scale`` sampled hashes *whatever their lengths*, and ``shared / sampled(query)`` is an
unbiased containment estimate. The LSH step is an inverted index (one band of one row per sampled
hash): sorted numpy runs (``hash -> article``), merged geometrically like an LSM tree (a linear
merge, no re-sort) so adds stay cheap, plus a small dict for the newest single adds. A query batch
is sorted once and looked up in every run with ``np.searchsorted``; shared-hash counts per
(query, article) pair come from one sort of the hits. Hashes shared by more than ``max_postings``
articles (boilerplate) are ignored at query time.

Memory: 12 bytes per sampled hash (≈ 45 per 400-word article at ``scale=8``), plus the ids.
Serialization (``to_bytes``) is a numpy ``.npz`` archive loaded with ``allow_pickle=False``.
"""

from __future__ import annotations

import io
import json
from collections.abc import Iterable, Sequence

import numpy as np

from storyline.provenance.sketch import Sketches, sketch, sketch_batch

_FORMAT = "storyline-fracminhash-v3"  # v3: word hashes from 8-byte windows (v2 indexes must be rebuilt)

Hit = tuple[str, float, float]  # (article id, containment of the query in it, of it in the query)


def sample_hashes(text: str, scale: int) -> np.ndarray:
    """Sorted distinct FracMinHash sample of ``text``'s normalized word 5-gram hashes."""
    return sketch(text, scale)


def sample_many(texts: Sequence[str], scale: int) -> Sketches:
    """:func:`sample_hashes` of many texts at once, as one flat :class:`Sketches` batch."""
    return sketch_batch(texts, scale)


def _merge(old: tuple[np.ndarray, np.ndarray], new: tuple[np.ndarray, np.ndarray]) -> tuple[np.ndarray, np.ndarray]:
    """Two sorted runs as one; equal hashes keep ``old`` first (older articles first)."""
    (h_old, d_old), (h_new, d_new) = old, new
    n = h_old.shape[0] + h_new.shape[0]
    at = np.searchsorted(h_old, h_new, side="right") + np.arange(h_new.shape[0])
    from_new = np.zeros(n, dtype=bool)
    from_new[at] = True
    h = np.empty(n, dtype=np.uint64)
    d = np.empty(n, dtype=np.uint32)
    h[at], d[at] = h_new, d_new
    h[~from_new], d[~from_new] = h_old, d_old
    return h, d


def _postings(run: np.ndarray, needles: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """For sorted ``needles``: where each first occurs in the sorted ``run``, and how many times.
    One binary search per needle; the count is read off the run (hashes are rarely shared)."""
    left = np.searchsorted(run, needles, side="left")
    counts = np.zeros(needles.shape[0], dtype=np.int64)
    n = run.shape[0]
    active = np.flatnonzero(left < n)
    active = active[run[left[active]] == needles[active]]
    counts[active] = 1
    nxt = left[active] + 1
    inside = nxt < n
    active, nxt = active[inside], nxt[inside]
    active = active[run[nxt] == needles[active]]
    if active.shape[0]:  # shared by two or more: one more search for the end
        counts[active] = np.searchsorted(run, needles[active], side="right") - left[active]
    return left, counts


def _expand(left: np.ndarray, counts: np.ndarray) -> np.ndarray:
    """Positions ``left[i] .. left[i] + counts[i] - 1`` for every ``i``, concatenated."""
    total = int(counts.sum())
    ends = np.cumsum(counts)
    return np.arange(total, dtype=np.int64) + np.repeat(left - ends + counts, counts)


class MinHashCandidateIndex:
    """Finds articles that share passages with a text, with estimated containment.

    ``scale``: keep one shingle hash in ``scale`` (higher: smaller, faster, less sensitive).
    ``min_shared``: sampled hashes two texts must share to be candidates.
    ``min_containment``: smallest containment (either way) a query reports.
    ``max_postings``: sampled hashes found in more articles than this are treated as boilerplate.
    ``common_postings``, ``common_min_containment``: a hash found in more articles than
    ``common_postings`` is common (a stock phrase, a template sentence, a much-quoted line); two
    texts that share fewer than ``min_shared`` hashes that are not common are candidates only when
    one contains at least ``common_min_containment`` of the other (a copy of a much-copied story
    still is; two reports that print the same stock passage are not).
    """

    def __init__(
        self,
        scale: int = 8,
        min_shared: int = 2,
        min_containment: float = 0.03,
        max_postings: int = 1000,
        common_postings: int = 50,
        common_min_containment: float = 0.3,
    ) -> None:
        self.scale = scale
        self.min_shared = min_shared
        self.min_containment = min_containment
        self.max_postings = max_postings
        self.common_postings = common_postings
        self.common_min_containment = common_min_containment
        self._ids: list[str] = []
        self._index_of: dict[str, int] = {}
        self._sizes = np.zeros(1024, dtype=np.uint32)  # sampled hashes per article (grows by doubling)
        self._dead: set[int] = set()
        self._runs: list[tuple[np.ndarray, np.ndarray]] = []  # sorted (hashes, doc) runs, biggest first
        self._pending: dict[int, list[int]] = {}
        self._pending_count = 0
        self._pending_limit = 200_000

    # ------------------------------------------------------------------ building

    def __len__(self) -> int:
        return len(self._ids) - len(self._dead)

    def __contains__(self, article_id: object) -> bool:
        return isinstance(article_id, str) and article_id in self._index_of  # removed ids leave it

    def add(self, article_id: str, text: str) -> None:
        """Index ``text`` under ``article_id``. Adding an id already indexed does nothing
        (ids are derived from content or URL); call :meth:`remove` first to replace a text."""
        if article_id in self:
            return
        sample = sample_hashes(text, self.scale)
        doc = self._new_docs([article_id], np.asarray([sample.shape[0]]))
        for h in sample.tolist():
            self._pending.setdefault(h, []).append(doc)
        self._pending_count += int(sample.shape[0])
        if self._pending_count >= self._pending_limit:
            self._flush_pending()

    def add_many(self, items: Iterable[tuple[str, str]]) -> Sketches:
        """Index many ``(article_id, text)`` pairs at once (one sorted run per call: faster).
        Returns the sketches of all the texts (to query with, without sketching them again)."""
        pairs = list(items)
        sketches = sample_many([t for _, t in pairs], self.scale)
        self.add_sketches([aid for aid, _ in pairs], sketches)
        return sketches

    def add_sketches(self, ids: Sequence[str], sketches: Sketches) -> None:
        """Index precomputed :func:`sample_many` sketches (sketch anywhere, e.g. in worker
        processes; index here). Ids already indexed, and repeated ids, are skipped."""
        if len(ids) != len(sketches):
            raise ValueError(f"{len(ids)} ids for {len(sketches)} sketches")
        known = self._index_of
        fresh = [i for i, aid in enumerate(ids) if aid not in known]
        if len(set(ids)) != len(ids):  # repeated ids: the first one counts
            first_of = {aid: i for i, aid in reversed(list(enumerate(ids)))}
            fresh = [i for i in fresh if first_of[ids[i]] == i]
        if not fresh:
            return
        first = self._new_docs([ids[i] for i in fresh], sketches.sizes[fresh])
        hashes, texts = sketches.by_hash
        if len(fresh) == len(ids):
            docs = texts + np.uint32(first)
        else:
            number = np.full(len(ids), -1, dtype=np.int64)
            number[fresh] = np.arange(first, first + len(fresh))
            docs = number[texts]
            hashes, docs = hashes[docs >= 0], docs[docs >= 0].astype(np.uint32)
        if hashes.shape[0]:
            self._push_run(hashes, docs)

    def remove(self, article_id: str) -> None:
        idx = self._index_of.pop(article_id, None)
        if idx is not None:
            self._dead.add(idx)

    def _new_docs(self, ids: list[str], sizes: np.ndarray) -> int:
        """Number the articles ``ids`` (consecutively); returns the first number."""
        if any("\n" in aid for aid in ids):
            raise ValueError("article ids must not contain newlines")
        first = len(self._ids)
        self._ids.extend(ids)
        self._index_of.update(zip(ids, range(first, first + len(ids)), strict=True))
        end = first + len(ids)
        if end > self._sizes.shape[0]:
            grown = np.zeros(max(end, 2 * self._sizes.shape[0]), dtype=np.uint32)
            grown[:first] = self._sizes[:first]
            self._sizes = grown
        self._sizes[first:end] = sizes
        return first

    def _flush_pending(self) -> None:
        if not self._pending:
            return
        keys = np.fromiter(self._pending.keys(), dtype=np.uint64, count=len(self._pending))
        lengths = np.fromiter((len(v) for v in self._pending.values()), dtype=np.int64, count=len(keys))
        docs = np.fromiter((d for v in self._pending.values() for d in v), dtype=np.uint32, count=int(lengths.sum()))
        self._pending = {}
        self._pending_count = 0
        hashes = np.repeat(keys, lengths)
        order = np.argsort(hashes)
        self._push_run(hashes[order], docs[order])

    def _push_run(self, hashes: np.ndarray, docs: np.ndarray) -> None:
        run = (hashes, docs)
        # geometric merging keeps O(log n) runs and amortized O(n log n) work
        while self._runs and self._runs[-1][0].shape[0] <= 2 * run[0].shape[0]:
            run = _merge(self._runs.pop(), run)
        self._runs.append(run)

    # ------------------------------------------------------------------ querying

    def query(self, text: str, exclude: str | None = None) -> list[tuple[str, float]]:
        """Indexed articles sharing passages with ``text``: ``(id, containment)``, best first,
        where containment estimates the share of ``text``'s shingles found in that article."""
        return [(aid, cq) for aid, cq, _ in self.query_both(text, exclude)]

    def query_both(self, text: str, exclude: str | None = None) -> list[Hit]:
        """Like :meth:`query`, also giving the share of the *candidate's* shingles found in
        ``text`` (a large origin contains a short digest; both directions matter)."""
        return self.query_sketch(sample_hashes(text, self.scale), exclude)

    def query_sketch(self, sample: np.ndarray, exclude: str | None = None) -> list[Hit]:
        """:meth:`query_both` for a precomputed :func:`sample_hashes` sketch."""
        return self.query_sketches(Sketches.of([sample]), [exclude])[0]

    def query_many(self, texts: list[str], exclude: list[str | None] | None = None) -> list[list[Hit]]:
        """:meth:`query_both` for many texts at once (vectorized: much faster per text)."""
        return self.query_sketches(sample_many(texts, self.scale), exclude)

    def query_sketches(self, sketches: Sketches, exclude: Sequence[str | None] | None = None) -> list[list[Hit]]:
        """:meth:`query_many` for precomputed :func:`sample_many` sketches."""
        self._flush_pending()
        n_q = len(sketches)
        results: list[list[Hit]] = [[] for _ in range(n_q)]
        sizes_q = sketches.sizes
        if n_q == 0 or not self._runs or sketches.hashes.shape[0] == 0:
            return results
        q_hash, q_text = sketches.by_hash  # sorted needles search much faster
        q_doc = q_text.astype(np.int64)
        found = [_postings(h, q_hash) for h, _ in self._runs]
        totals = np.sum([counts for _, counts in found], axis=0)
        keep = np.flatnonzero((totals > 0) & (totals <= self.max_postings))
        skip = np.full(n_q, -1, dtype=np.int64)
        for q, aid in enumerate(exclude or ()):
            if aid is not None:
                skip[q] = self._index_of.get(aid, -1)
        common = (totals[keep] > self.common_postings).astype(np.int64)
        pair_keys = []
        for (left, counts), (_, d) in zip(found, self._runs, strict=True):
            lk, ck = left[keep], counts[keep]
            cand = d[_expand(lk, ck)].astype(np.int64)
            qk = np.repeat(q_doc[keep], ck)
            # (query, candidate, whether the hash is common), the flag in the lowest bit
            flagged = (qk << 33) | (cand << 1) | np.repeat(common, ck)
            pair_keys.append(flagged[cand != skip[qk]])
        keys = np.concatenate(pair_keys)
        if keys.shape[0] == 0:
            return results
        keys.sort()
        pairs_of = keys >> 1
        starts = np.flatnonzero(np.concatenate(([True], pairs_of[1:] != pairs_of[:-1])))
        shared = np.diff(np.append(starts, keys.shape[0]))
        n_common = np.add.reduceat(keys & 1, starts)
        keys = pairs_of[starts]
        mask = shared >= self.min_shared
        keys, shared, n_common = keys[mask], shared[mask], n_common[mask]
        qd, cd = keys >> 32, keys & 0xFFFFFFFF
        c_query = shared / np.maximum(sizes_q[qd], 1)
        c_cand = shared / np.maximum(self._sizes[cd].astype(np.int64), 1)
        best = np.maximum(c_query, c_cand)
        # a pair held together only by common passages (stock phrases, templates, boilerplate that
        # dozens of articles print) must share a large part of one text to be a candidate
        anchored = (shared - n_common) >= self.min_shared
        ok = (best >= self.min_containment) & (anchored | (best >= self.common_min_containment))
        dead = self._dead
        ids = self._ids
        for q, c, a, b in zip(qd[ok].tolist(), cd[ok].tolist(), c_query[ok].tolist(), c_cand[ok].tolist(), strict=True):
            if dead and c in dead:
                continue
            results[q].append((ids[c], min(a, 1.0), min(b, 1.0)))
        for r in results:
            if len(r) > 1:
                r.sort(key=lambda x: (-max(x[1], x[2]), x[0]))
        return results

    # ------------------------------------------------------------------ persistence

    def to_bytes(self) -> bytes:
        """The whole index as an (uncompressed) numpy ``.npz`` archive (no pickled objects)."""
        self._flush_pending()
        while len(self._runs) > 1:
            new = self._runs.pop()
            self._runs.append(_merge(self._runs.pop(), new))
        hashes = self._runs[0][0] if self._runs else np.zeros(0, dtype=np.uint64)
        docs = self._runs[0][1] if self._runs else np.zeros(0, dtype=np.uint32)
        params = {
            "format": _FORMAT,
            "scale": self.scale,
            "min_shared": self.min_shared,
            "min_containment": self.min_containment,
            "max_postings": self.max_postings,
            "common_postings": self.common_postings,
            "common_min_containment": self.common_min_containment,
        }
        buf = io.BytesIO()
        # uncompressed: random 64-bit hashes do not compress, and zlib on them and their article
        # numbers cost seconds per 100k articles for ~15% (this runs after every batch)
        np.savez(
            buf,
            params=np.frombuffer(json.dumps(params).encode(), dtype=np.uint8),
            ids=np.frombuffer("\n".join(self._ids).encode("utf-8"), dtype=np.uint8),
            sizes=self._sizes[: len(self._ids)],
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
                raise ValueError(
                    f"not a candidate index of this version (format {params.get('format')!r}, "
                    f"expected {_FORMAT!r}): rebuild it from the stored articles"
                )
            index = cls(
                scale=int(params["scale"]),
                min_shared=int(params["min_shared"]),
                min_containment=float(params["min_containment"]),
                max_postings=int(params["max_postings"]),
                common_postings=int(params.get("common_postings", 50)),
                common_min_containment=float(params.get("common_min_containment", 0.3)),
            )
            raw_ids = z["ids"].tobytes().decode("utf-8")
            index._ids = raw_ids.split("\n") if raw_ids or z["sizes"].shape[0] else []
            sizes = z["sizes"].astype(np.uint32)
            index._sizes = np.zeros(max(1024, sizes.shape[0]), dtype=np.uint32)
            index._sizes[: sizes.shape[0]] = sizes
            index._dead = set(z["dead"].tolist())
            index._index_of = {aid: i for i, aid in enumerate(index._ids) if i not in index._dead}
            if z["hashes"].shape[0]:
                index._runs = [(z["hashes"].copy(), z["docs"].copy())]
        return index
