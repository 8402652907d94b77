"""Normalized word tokens and shingle hashes, with a map back to the cleaned text.

Provenance compares texts after lowercasing and stripping punctuation, so a scraped copy that lost
its casing and punctuation (``north korea s delegation``) still meets its cased original
(``North Korea's delegation``). Every token keeps its character offsets into the text it came from,
so aligned passages can be reported as :class:`~storyline.model.Span` objects into
``Article.text``.

The candidate index sketches the same tokens in bulk (see :mod:`storyline.provenance.sketch`).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

SHINGLE_SIZE = 5  # words per shingle

# A token is a run of letters or digits; apostrophes, hyphens and dots split tokens, exactly as
# stripping the punctuation would ("north's" -> "north s", "U.S." -> "u s").
_TOKEN = re.compile(r"[^\W_]+")


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
