"""Normalized word tokens and shingle hashes, with a map back to the cleaned text.

Provenance compares texts after lowercasing and stripping punctuation, so a scraped copy that lost
its casing and punctuation (``north korea s delegation``) still meets its cased original
(``North Korea's delegation``). Every token keeps its character offsets into the text it came from,
so aligned passages can be reported as :class:`~storyline.model.Span` objects into
``Article.text``.

Shingle hashes are stable across processes and machines (tokens are hashed with BLAKE2b, then
combined with a fixed 64-bit polynomial), so an index written with ``to_bytes`` on one machine can
be queried on another.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import dataclass

import numpy as np

SHINGLE_SIZE = 5  # words per shingle

# A token is a run of letters or digits; apostrophes, hyphens and dots split tokens, exactly as
# stripping the punctuation would ("north's" -> "north s", "U.S." -> "u s").
_TOKEN = re.compile(r"[^\W_]+")
_MULT = np.uint64(0x9E3779B97F4A7C15)
_MIX1 = np.uint64(0xBF58476D1CE4E5B9)
_MIX2 = np.uint64(0x94D049BB133111EB)


@dataclass(frozen=True, slots=True)
class NormalizedText:
    """Lowercased, punctuation-free tokens of a text with their character offsets in it."""

    tokens: tuple[str, ...]
    starts: tuple[int, ...]
    ends: tuple[int, ...]

    def __len__(self) -> int:
        return len(self.tokens)

    def char_span(self, first: int, last: int) -> tuple[int, int]:
        """Character range covering tokens ``first .. last - 1`` (half-open token range)."""
        return self.starts[first], self.ends[last - 1]


_FOLD_TABLE: dict[int, str] = {}


def _fold_char(ch: str) -> str:
    low = ch.lower()
    if len(low) != 1:
        low = ch
    base = "".join(c for c in unicodedata.normalize("NFKD", low) if not unicodedata.combining(c))
    base = base.lower() if len(base.lower()) == 1 else base
    return base if len(base) == 1 else low


def _fold(text: str) -> str:
    """Lowercase and strip accents, one character for one (so offsets stay valid)."""
    folded = text.lower()
    if folded.isascii() and len(folded) == len(text):
        return folded
    if len(folded) != len(text):
        folded = "".join(ch.lower() if len(ch.lower()) == 1 else ch for ch in text)
    table = {}
    for ch in set(folded):
        if ord(ch) >= 128 and ch.isalnum():
            mapped = _FOLD_TABLE.get(ord(ch))
            if mapped is None:
                mapped = _FOLD_TABLE[ord(ch)] = _fold_char(ch)
            if mapped != ch:
                table[ord(ch)] = mapped
    return folded.translate(table) if table else folded


def normalize_text(text: str) -> NormalizedText:
    """Tokens of ``text`` lowercased and stripped of punctuation, with offsets into ``text``."""
    folded = _fold(text)
    matches = list(_TOKEN.finditer(folded))
    return NormalizedText(
        tuple(m.group() for m in matches), tuple(m.start() for m in matches), tuple(m.end() for m in matches)
    )


def tokenize(text: str) -> list[str]:
    """Only the normalized tokens (the fast path used for indexing)."""
    folded = text.lower()
    return _TOKEN.findall(folded if folded.isascii() else _fold(text))


class TokenHasher:
    """Stable 64-bit token hashes with a cache (BLAKE2b is computed once per distinct token)."""

    def __init__(self) -> None:
        self._cache: dict[str, int] = {}

    def _hash(self, token: str) -> int:
        value = int.from_bytes(hashlib.blake2b(token.encode("utf-8"), digest_size=8).digest(), "little")
        if len(self._cache) < 4_000_000:  # bound memory on endless vocabularies
            self._cache[token] = value
        return value

    def token_hashes(self, tokens: list[str] | tuple[str, ...]) -> np.ndarray:
        cache = self._cache
        get = cache.get
        values = [get(t) for t in tokens]
        if None in values:
            values = [v if v is not None else self._hash(t) for v, t in zip(values, tokens, strict=True)]
        return np.fromiter(values, dtype=np.uint64, count=len(values))

    def shingle_hashes(self, tokens: list[str] | tuple[str, ...], size: int = SHINGLE_SIZE) -> np.ndarray:
        """Hashes of every run of ``size`` consecutive tokens (one per start position)."""
        return shingle_hashes_from_token_hashes(self.token_hashes(tokens), size)


def shingle_hashes_from_token_hashes(th: np.ndarray, size: int = SHINGLE_SIZE) -> np.ndarray:
    n = th.shape[0] - size + 1
    if n <= 0:
        if th.shape[0] == 0:
            return np.zeros(0, dtype=np.uint64)
        n, size = 1, th.shape[0]  # a text shorter than one shingle is one shingle
    with np.errstate(over="ignore"):
        h = th[:n].copy()
        for j in range(1, size):
            h = h * _MULT + th[j : j + n]
        # splitmix64 finalizer: spreads the bits so "h % scale == 0" samples uniformly
        h ^= h >> np.uint64(30)
        h *= _MIX1
        h ^= h >> np.uint64(27)
        h *= _MIX2
        h ^= h >> np.uint64(31)
    return h


DEFAULT_HASHER = TokenHasher()
