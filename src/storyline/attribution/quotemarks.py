"""Quoted passages found from quotation marks, including quotes running over paragraphs."""

from __future__ import annotations

import re

_OPEN = "“"
_CLOSE = "”"
_MARKS = re.compile('["“”]')


def quoted_segments(text: str) -> list[tuple[int, int]]:
    """Character ranges *inside* quotation marks, in text order.

    Curly quotes pair as open/close; straight double quotes alternate within a paragraph. A
    paragraph that ends inside an open quote continues when the next paragraph opens with a quote
    mark (the newspaper convention for quotes running over several paragraphs); the pieces are then
    returned as one segment. A quote whose following lines open with no mark (a tweet or a letter
    quoted line by line) runs to a closing curly mark within the next few lines.
    """
    text = text.replace("''", '" ').replace("``", ' "')  # typewriter quotes; offsets unchanged
    segments: list[tuple[int, int]] = []
    paragraphs = [(m.start(), m.end()) for m in re.finditer(r"[^\n]+", text)]
    carry: int | None = None  # start of a quote left open at the end of the previous paragraph
    resume = 0  # marks before this offset are already read (a quote closed lines below its start)
    for k, (p_start, p_end) in enumerate(paragraphs):
        if p_end <= resume:
            continue
        if carry is not None and (close := _closed_below(text, paragraphs, k)) >= 0:
            # a tweet or a letter quoted line by line: the lines after the first open no quote, and
            # a closing curly mark a few lines down ends it
            segments.append((carry, close))
            carry, resume = None, close + 1
        start: int | None = None
        first_mark = True
        for m in _MARKS.finditer(text, max(p_start, resume), p_end):
            i = m.start()
            ch = m.group()
            # the paragraph's first mark, with only space before it in the paragraph
            first = first_mark and not text[p_start:i].strip()
            first_mark = False
            opening = ch == _OPEN or (ch == '"' and start is None)
            if opening and start is None:
                # a paragraph opening with a quote mark continues a quote left open before it
                start = carry if first and carry is not None else i + 1
                carry = None
            elif start is not None:
                if i > start:
                    segments.append((start, i))
                start = None
        if carry is not None:  # an open quote that the paragraph did not continue
            segments.append((carry, _last_end(text, carry, p_start)))
            carry = None
        if start is not None:
            carry = start
    if carry is not None:
        segments.append((carry, len(text.rstrip())))
    return segments


_LINES_DOWN = 4


def _closed_below(text: str, paragraphs: list[tuple[int, int]], k: int) -> int:
    """Where a quotation left open before paragraph ``k`` closes, when that paragraph does not open
    with a quote mark and the next mark within a few paragraphs is a closing curly one; else -1."""
    p_start = paragraphs[k][0]
    if text[p_start:].lstrip()[:1] in ('"', _OPEN, _CLOSE):
        return -1  # the newspaper convention (a new paragraph opens with a mark), read as before
    last = paragraphs[min(k + _LINES_DOWN, len(paragraphs)) - 1][1]
    m = _MARKS.search(text, p_start, last)
    return m.start() if m is not None and m.group() == _CLOSE else -1


def _last_end(text: str, start: int, before: int) -> int:
    end = before
    while end > start and text[end - 1].isspace():
        end -= 1
    return end
