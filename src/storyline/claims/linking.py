"""Which statements of a story state the same claim: features, candidate pairs, similarity, linkage.

The work is kept about linear in the number of statements:

- **features once**: each distinct text is tokenized once (concept-folded stems); TF-IDF over
  unigrams and bigrams, a binary word matrix, and entity and number matrices are sparse;
- **candidates, not all pairs**: two statements are compared only when they share a *salient* term
  (one that occurs in at most ``DF_CAP`` distinct statements of the story, so "sanctions" in a
  sanctions story proposes nothing) — found with sparse products in row blocks, each row keeping its
  ``TOP_K`` best candidates;
- **vectorized scores**: the similarity of all candidate pairs is computed in one pass of sparse
  element-wise products;
- **sparse average linkage**: clusters merge while the average similarity over all their member
  pairs (pairs never proposed count as 0) reaches the threshold.

Everything is deterministic: rows are numbered in the order the statements are given, pairs are
sorted, ties broken by index.
"""

from __future__ import annotations

import heapq
from collections.abc import Sequence

import msgspec
import numpy as np
import scipy.sparse as sp
from sklearn.feature_extraction.text import TfidfVectorizer

DF_CAP = 64  # a term in more distinct statements than this proposes no candidates
TOP_K = 48  # candidates kept per statement
BLOCK = 1024  # rows per sparse product block
ENTITY_DF_SHARE = 0.05  # an entity or number in more than this share of the rows earns no bonus
ENTITY_DF_MIN = 3  # ... unless it is in this few rows
NAME_PREFIX = 5
NAMED_DF_SHARE = 0.2  # entities that tell claims apart ("sanctions on Iran" / "on Syria")
OWN_NAMES = 2  # the story's most named entities are its own, never a clash: its two sides


def _ngrams(tokens: list[str]) -> list[str]:
    return tokens + [f"{a} {b}" for a, b in zip(tokens, tokens[1:], strict=False)]


def _identity(tokens: list[str]) -> list[str]:
    return tokens


def _binary(rows: Sequence[Sequence[str]]) -> tuple[sp.csr_matrix, dict[str, int]]:
    vocab: dict[str, int] = {}
    indptr, indices = [0], []
    for row in rows:
        cols = sorted({vocab.setdefault(t, len(vocab)) for t in row})
        indices.extend(cols)
        indptr.append(len(indices))
    data = np.ones(len(indices), dtype=np.float64)
    matrix = sp.csr_matrix(
        (data, np.array(indices, dtype=np.int64), np.array(indptr)), shape=(len(rows), max(len(vocab), 1))
    )
    return matrix, vocab


class TextFeatures(msgspec.Struct):
    """Sparse features of distinct statement texts (rows)."""

    tfidf: sp.csr_matrix  # L2-normalised TF-IDF, unigrams + bigrams of concept tokens
    words: sp.csr_matrix  # binary unigram sets
    sizes: np.ndarray  # set sizes
    entities: sp.csr_matrix  # binary, salient entities (bonus when shared)
    named: sp.csr_matrix  # binary, entities that are not the story's own (clash when none shared)
    numbers: sp.csr_matrix  # binary
    salient: sp.csr_matrix  # tfidf restricted to terms with df <= DF_CAP


def text_features(
    tokens: Sequence[list[str]],
    entities: Sequence[frozenset[str]],
    numbers: Sequence[frozenset[float]],
) -> TextFeatures:
    """Features of each row (concept tokens, named entities, numbers), fitted on these rows."""
    n = len(tokens)
    vec = TfidfVectorizer(analyzer=_identity, sublinear_tf=True)
    grams = [_ngrams(t) for t in tokens]
    try:
        tfidf = vec.fit_transform(grams).tocsr()
    except ValueError:  # no terms at all
        tfidf = sp.csr_matrix((n, 1))
    words, _ = _binary(tokens)
    sizes = np.asarray(words.sum(axis=1)).ravel()
    all_entities = _binary([sorted(e) for e in entities])[0]
    ents = _salient_columns(all_entities, ENTITY_DF_SHARE)
    # entity words by their first letters, so "North Koreans" and "North Korea" share a name
    named = _salient_columns(
        _binary([sorted({w[:NAME_PREFIX] for name in e for w in name.split()}) for e in entities])[0],
        NAMED_DF_SHARE,
        drop_top=OWN_NAMES,
    )
    nums = _salient_columns(_binary([[repr(x) for x in sorted(v)] for v in numbers])[0], ENTITY_DF_SHARE)
    df = np.bincount(tfidf.indices, minlength=tfidf.shape[1])
    keep = sp.diags((df <= DF_CAP).astype(np.float64))
    salient = (tfidf @ keep).tocsr()
    salient.eliminate_zeros()
    return TextFeatures(
        tfidf=tfidf, words=words, sizes=sizes, entities=ents, named=named, numbers=nums, salient=salient
    )


def _salient_columns(matrix: sp.csr_matrix, share: float, drop_top: int = 0) -> sp.csr_matrix:
    """Only the columns (entities, numbers) held by few rows (at most ``share`` of them): "North
    Korea" in a story about North Korea says nothing about which claim a statement makes. With
    ``drop_top``, the most held columns (held by two rows or more) are left out too, whatever
    their share: a small story's two sides ("Calvene demanded ..." / "asked Ostria to ...")."""
    df = np.bincount(matrix.indices, minlength=matrix.shape[1])
    cap = max(ENTITY_DF_MIN, share * matrix.shape[0])
    keep = df <= cap
    if drop_top:
        top = np.argsort(-df, kind="stable")[:drop_top]
        keep[top[df[top] >= 2]] = False
    out = (matrix @ sp.diags(keep.astype(np.float64))).tocsr()
    out.eliminate_zeros()
    return out


def candidate_pairs(
    left: sp.csr_matrix, right: sp.csr_matrix, top_k: int = TOP_K, same: bool = True
) -> tuple[np.ndarray, np.ndarray]:
    """Pairs ``(i, j)`` (rows of ``left``, rows of ``right``) that share a salient term, each row of
    ``left`` keeping its ``top_k`` best by salient-term cosine. With ``same`` (left is right), each
    unordered pair once, ``i < j``. Sorted."""
    out_i: list[np.ndarray] = []
    out_j: list[np.ndarray] = []
    right_t = right.T.tocsc()
    for start in range(0, left.shape[0], BLOCK):
        block = (left[start : start + BLOCK] @ right_t).tocsr()
        for r in range(block.shape[0]):
            lo, hi = block.indptr[r], block.indptr[r + 1]
            cols = block.indices[lo:hi]
            vals = block.data[lo:hi]
            if same:
                mask = cols != start + r
                cols, vals = cols[mask], vals[mask]
            if cols.size > top_k:
                order = np.lexsort((cols, -vals))[:top_k]
                cols = cols[order]
            out_i.append(np.full(cols.size, start + r, dtype=np.int64))
            out_j.append(cols.astype(np.int64))
    if not out_i:
        return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64)
    i, j = np.concatenate(out_i), np.concatenate(out_j)
    if same:
        i, j = np.minimum(i, j), np.maximum(i, j)
        keys = np.unique(i * max(left.shape[0], 1) + j)
        i, j = keys // max(left.shape[0], 1), keys % max(left.shape[0], 1)
    else:
        order = np.lexsort((j, i))
        i, j = i[order], j[order]
    return i, j


def _rowwise_dot(a: sp.csr_matrix, b: sp.csr_matrix, i: np.ndarray, j: np.ndarray) -> np.ndarray:
    if i.size == 0:
        return np.zeros(0)
    return np.asarray(a[i].multiply(b[j]).sum(axis=1)).ravel()


def overlap_scores(shared: np.ndarray, size_a: np.ndarray, size_b: np.ndarray) -> np.ndarray:
    """Set cosine of the content words when two or more are shared (a long sentence does not match
    every short fragment it contains); half the shared share of the longer one otherwise."""
    size_a = np.maximum(size_a, 1)
    size_b = np.maximum(size_b, 1)
    return np.where(shared >= 2, shared / np.sqrt(size_a * size_b), 0.5 * shared / np.maximum(size_a, size_b))


def _clash(left: sp.csr_matrix, right: sp.csr_matrix, i: np.ndarray, j: np.ndarray) -> np.ndarray:
    """Each side names an entity the other does not ("levies on Tirak" / "levies on Brakul", even
    when both name the same minister)."""
    n_left = np.diff(left.indptr)[i]
    n_right = np.diff(right.indptr)[j]
    shared = _rowwise_dot(left, right, i, j)
    return (n_left > shared) & (n_right > shared)


class PairScores(msgspec.Struct):
    """Similarity parts of candidate pairs (arrays aligned with the pair arrays)."""

    cosine: np.ndarray
    overlap: np.ndarray
    shared_words: np.ndarray
    shared_entities: np.ndarray
    shared_numbers: np.ndarray
    entity_clash: np.ndarray  # each names an entity the other does not


def pair_scores(
    left: TextFeatures,
    right: TextFeatures,
    i: np.ndarray,
    j: np.ndarray,
    vectors: tuple[np.ndarray, np.ndarray] | None = None,
) -> PairScores:
    """Scores of pairs (row ``i`` of ``left``, row ``j`` of ``right``), vectorized. ``vectors``
    (dense encoder rows for each side) replace the TF-IDF cosine when given."""
    if vectors is not None:
        cosine = np.einsum("ij,ij->i", vectors[0][i], vectors[1][j]) if i.size else np.zeros(0)
    else:
        cosine = _rowwise_dot(left.tfidf, right.tfidf, i, j)
    shared = _rowwise_dot(left.words, right.words, i, j)
    return PairScores(
        cosine=np.clip(cosine, 0.0, 1.0),
        overlap=overlap_scores(shared, left.sizes[i], right.sizes[j]),
        shared_words=shared,
        shared_entities=_rowwise_dot(left.entities, right.entities, i, j),
        shared_numbers=_rowwise_dot(left.numbers, right.numbers, i, j),
        entity_clash=_clash(left.named, right.named, i, j),
    )


def sparse_average_linkage(
    n: int,
    i: np.ndarray,
    j: np.ndarray,
    sim: np.ndarray,
    threshold: float,
    weights: Sequence[float] | None = None,
) -> list[int]:
    """Average-linkage clusters of ``n`` items from sparse pair similarities (absent pairs count as
    0): merge the two clusters of highest average similarity while it reaches ``threshold``.
    ``weights`` (default 1) count an item as that many copies (a quote carried by three articles).
    Returns a label per item (the smallest member index of its cluster)."""
    w = [1.0] * n if weights is None else [float(x) for x in weights]
    links: list[dict[int, float]] = [{} for _ in range(n)]
    for a, b, s in zip(i.tolist(), j.tolist(), sim.tolist(), strict=True):
        if a != b and s > 0:
            links[a][b] = s * w[a] * w[b]
            links[b][a] = s * w[a] * w[b]
    size = list(w)
    members: list[list[int]] = [[k] for k in range(n)]
    heap = [
        (-s, a, b) for a, b, s in zip(i.tolist(), j.tolist(), sim.tolist(), strict=True) if a != b and s >= threshold
    ]
    heapq.heapify(heap)
    alive = [True] * n
    while heap:
        neg, a, b = heapq.heappop(heap)
        if not (alive[a] and alive[b]) or b not in links[a]:
            continue
        avg = links[a][b] / (size[a] * size[b])
        if abs(avg + neg) > 1e-12:
            continue  # stale: a fresher entry for this pair is in the heap
        new = len(size)
        alive[a] = alive[b] = False
        merged: dict[int, float] = {}
        for src in (links[a], links[b]):
            for d, s in src.items():
                if d not in (a, b):
                    merged[d] = merged.get(d, 0.0) + s
        links[a] = links[b] = {}
        links.append(merged)
        size.append(size[a] + size[b])
        members.append(members[a] + members[b])
        members[a] = members[b] = []
        alive.append(True)
        for d in sorted(merged):
            links[d].pop(a, None)
            links[d].pop(b, None)
            links[d][new] = merged[d]
            value = merged[d] / (size[new] * size[d])
            if value >= threshold:
                heapq.heappush(heap, (-value, d, new))
    labels = [0] * n
    for k, group in enumerate(members):
        if alive[k] and group:
            first = min(group)
            for m in group:
                labels[m] = first
    return labels
