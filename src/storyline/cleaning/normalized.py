"""Text that a scraper lowercased and stripped of every punctuation mark.

Seed-001-style text looks like ``hanoi vietnam ap president donald trump said ... north korea s``:
no capitals, no punctuation, apostrophes and hyphens replaced by spaces, one long line. This module
holds the tokenisation every restoration step shares, the scrape simulation used to build training
and evaluation data, and the detector that decides whether a text needs restoring.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

# A "normalized token": a maximal run of letters or digits. What survives the scrape.
TOKEN_RE = re.compile(r"[^\W_]+")

#: Below this many words a text is too short to call normalized with any confidence.
MIN_WORDS = 30


def iter_tokens(text: str) -> Iterator[re.Match[str]]:
    """Letter/digit runs of ``text`` with their offsets (``match.group()`` keeps the case)."""
    return TOKEN_RE.finditer(text)


def normalized_tokens(text: str) -> list[str]:
    """The lowercased letter/digit runs of ``text``: what a scrape like seed 001 keeps."""
    return [m.group().lower() for m in TOKEN_RE.finditer(text)]


def strip_like_scrape(text: str) -> str:
    """Lowercase, drop every punctuation mark and line break: the form seed 001 arrived in."""
    return " ".join(normalized_tokens(text))


def is_normalized_text(text: str) -> bool:
    """True when ``text`` has been lowercased and stripped of punctuation (and is long enough to tell).

    The test is structural: at least :data:`MIN_WORDS` words, not one uppercase letter, and
    (almost) no punctuation between the words: at most one mark per 200 words, so a stray symbol
    that survived a scrape does not hide it. Cased or punctuated prose never passes.
    """
    words = text.split()
    if len(words) < MIN_WORDS:
        return False
    if any(ch.isupper() for ch in text):
        return False
    marks = sum(1 for ch in text if not ch.isspace() and not ch.isalnum())
    return marks * 200 <= len(words)
