"""Passage alignment between two texts: the verbatim and near-verbatim passages they share.

Both texts are compared as normalized tokens (see :mod:`storyline.provenance.normalize`), so a
stripped copy aligns with its cased origin; passages are reported as character offsets into each
*cleaned* text.

Method (greedy string tiling, as in plagiarism detection): index the origin's word 4-grams; scan
the derived text and, at each position with a matching 4-gram, take the longest exact run of
tokens; runs shorter than ``min_run`` words are ignored. Runs that follow each other in both texts
with small gaps (a changed number, a dropped qualifier) merge into one near-verbatim passage; the
gaps become drift. The heaviest chain of passages that is in order in both texts measures how
much of the derived text follows the origin in order (a republication) as opposed to reusing
scattered pieces of it (a digest).
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, field

from storyline.provenance.normalize import NormalizedText

SEED = 4  # words in a seed n-gram
MIN_RUN = 6  # words in the shortest exact run kept
MAX_GAP = 4  # words of difference allowed inside one near-verbatim passage
MAX_SEED_POSITIONS = 16  # a seed repeated more often in the origin is boilerplate
_BLOCK = 16  # words compared at once while extending a run


@dataclass(frozen=True, slots=True)
class Gap:
    """Tokens that differ between two merged runs: ``[d0, d1)`` in derived, ``[o0, o1)`` in origin."""

    d0: int
    d1: int
    o0: int
    o1: int


@dataclass(slots=True)
class Passage:
    """A (near-)verbatim passage: token ranges ``[d0, d1)`` in derived and ``[o0, o1)`` in origin."""

    d0: int
    d1: int
    o0: int
    o1: int
    matched: int  # tokens matched exactly
    gaps: list[Gap] = field(default_factory=list)

    @property
    def similarity(self) -> float:
        return self.matched / max(self.d1 - self.d0, self.o1 - self.o0, 1)


@dataclass(frozen=True, slots=True)
class Alignment:
    derived: NormalizedText
    origin: NormalizedText
    passages: tuple[Passage, ...]  # in derived order
    chain: tuple[int, ...]  # indices of passages in the heaviest in-order chain

    @property
    def matched_derived(self) -> int:
        return sum(p.matched for p in self.passages)

    @property
    def matched_origin(self) -> int:
        covered: set[int] = set()
        for p in self.passages:
            covered.update(range(p.o0, p.o1))
        gap_tokens = sum(g.o1 - g.o0 for p in self.passages for g in p.gaps)
        return max(len(covered) - gap_tokens, 0)

    @property
    def in_order_matched(self) -> int:
        return sum(self.passages[i].matched for i in self.chain)

    @property
    def coverage_derived(self) -> float:
        return self.matched_derived / max(len(self.derived), 1)

    @property
    def coverage_origin(self) -> float:
        return self.matched_origin / max(len(self.origin), 1)

    @property
    def in_order_coverage(self) -> float:
        return self.in_order_matched / max(len(self.derived), 1)

    @property
    def longest(self) -> int:
        return max((p.matched for p in self.passages), default=0)


Grams = tuple[tuple[str, ...], ...]
Seeds = dict[tuple[str, ...], list[int]]


def seed_grams(tokens: tuple[str, ...]) -> Grams:
    """The text's seed n-grams by position."""
    return tuple(zip(*(tokens[k:] for k in range(SEED)), strict=False))


def seed_positions(grams: Grams) -> Seeds:
    """Positions of each seed n-gram in the text, as an origin."""
    seeds: Seeds = {}
    for j, gram in enumerate(grams):
        seeds.setdefault(gram, []).append(j)
    return seeds


@functools.lru_cache(maxsize=128)
def _grams(tokens: tuple[str, ...]) -> Grams:
    """Cached :func:`seed_grams` (a text is aligned with each of its candidates)."""
    return seed_grams(tokens)


@functools.lru_cache(maxsize=128)
def _seeds(tokens: tuple[str, ...]) -> Seeds:
    return seed_positions(_grams(tokens))


def _runs(
    d: tuple[str, ...], o: tuple[str, ...], min_run: int, grams: Grams | None = None, seeds: Seeds | None = None
) -> list[tuple[int, int, int]]:
    seeds = _seeds(o) if seeds is None else seeds
    runs: list[tuple[int, int, int]] = []
    used_origin: set[int] = set()
    n, m = len(d), len(o)
    after = 0  # positions before this are inside the last run
    for i, gram in enumerate(_grams(d) if grams is None else grams):
        if i < after:
            continue
        positions = seeds.get(gram)
        if not positions or len(positions) > MAX_SEED_POSITIONS:
            continue
        best_j, best_len = -1, 0
        for j in positions:
            length = SEED
            # whole blocks first (one tuple comparison each), then word by word
            while (
                i + length + _BLOCK <= n
                and j + length + _BLOCK <= m
                and d[i + length : i + length + _BLOCK] == o[j + length : j + length + _BLOCK]
            ):
                length += _BLOCK
            while i + length < n and j + length < m and d[i + length] == o[j + length]:
                length += 1
            # prefer origin text not yet used (a passage pasted twice is aligned once)
            if length > best_len or (length == best_len and best_j in used_origin):
                best_j, best_len = j, length
        if best_len >= min_run:
            runs.append((i, best_j, best_len))
            used_origin.add(best_j)
            after = i + best_len
    return runs


def _merge(runs: list[tuple[int, int, int]], max_gap: int) -> list[Passage]:
    passages: list[Passage] = []
    for i, j, length in runs:
        if passages:
            p = passages[-1]
            gd, go = i - p.d1, j - p.o1
            if 0 <= gd <= max_gap and 0 <= go <= max_gap:
                if gd or go:
                    p.gaps.append(Gap(p.d1, i, p.o1, j))
                p.d1, p.o1, p.matched = i + length, j + length, p.matched + length
                continue
        passages.append(Passage(i, i + length, j, j + length, length))
    return passages


def _heaviest_chain(passages: list[Passage]) -> tuple[int, ...]:
    """Indices of the passages forming the heaviest chain increasing in both texts."""
    n = len(passages)
    if n == 0:
        return ()
    best = [p.matched for p in passages]
    prev = [-1] * n
    for k in range(n):
        for q in range(max(0, k - 200), k):
            if passages[q].o1 <= passages[k].o0 and best[q] + passages[k].matched > best[k]:
                best[k], prev[k] = best[q] + passages[k].matched, q
    k = max(range(n), key=best.__getitem__)
    chain = []
    while k >= 0:
        chain.append(k)
        k = prev[k]
    return tuple(reversed(chain))


def align(
    derived: NormalizedText,
    origin: NormalizedText,
    min_run: int = MIN_RUN,
    *,
    grams: Grams | None = None,
    seeds: Seeds | None = None,
) -> Alignment:
    """Passages of ``derived`` that occur (near-)verbatim in ``origin``, in ``derived`` order.
    ``grams``: ``seed_grams(derived.tokens)`` and ``seeds``: ``seed_positions`` of the origin's,
    if the caller keeps them (otherwise the last few texts' are cached here)."""
    passages = _merge(_runs(derived.tokens, origin.tokens, min_run, grams, seeds), MAX_GAP)
    return Alignment(derived, origin, tuple(passages), _heaviest_chain(passages))
