"""The lines of a plain text as the cleaning rules read them: non-empty, stripped, single-spaced.

Three steps of ingesting one plain-text file start from them: its content fingerprint (the lines
joined by spaces are its words joined by spaces), the header reader (its first lines) and the
block rules of cleaning (every line). :func:`text_lines` remembers the last two texts, so a worker
that reads, fingerprints and cleans a file splits it into lines once instead of three times.
"""

from __future__ import annotations

import functools

# ASCII characters that are neither printable nor a line break (``str.splitlines`` breaks at \n, \r,
# \x0b, \x0c and \x1c-\x1e)
_UNPRINTABLE_ASCII = bytes([*range(0x00, 0x0A), *range(0x0E, 0x1C), 0x1F, 0x7F])


def split_lines(text: str) -> list[str]:
    """The non-empty lines of ``text``, stripped and single-spaced: ``" ".join(line.split())`` of
    every line of ``text.splitlines()`` that holds more than whitespace."""
    lines = text.splitlines()
    if text.isascii() and len(text.encode("ascii").translate(None, _UNPRINTABLE_ASCII)) == len(text):
        # each line is printable, so spaces are its only whitespace: fold only lines holding a run
        return [s if "  " not in s else " ".join(s.split()) for s in map(str.strip, lines) if s]
    return [_single_spaced(line) for line in lines if line.strip()]


def _single_spaced(line: str) -> str:
    """``" ".join(line.split())``; a line whose only whitespace is single spaces (printable: no
    tab, no other space character) is that already once stripped, and is not split into words."""
    stripped = line.strip()
    if stripped.isprintable() and "  " not in stripped:
        return stripped
    return " ".join(stripped.split())


@functools.lru_cache(maxsize=2)
def text_lines(text: str) -> tuple[str, ...]:
    """:func:`split_lines` of ``text``, remembered for the last two texts (a tuple: callers share it)."""
    return tuple(split_lines(text))
