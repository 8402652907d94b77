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
    returned as one segment.
    """
    text = text.replace("''", '" ').replace("``", ' "')  # typewriter quotes; offsets unchanged
    segments: list[tuple[int, int]] = []
    paragraphs = [(m.start(), m.end()) for m in re.finditer(r"[^\n]+", text)]
    carry: int | None = None  # start of a quote left open at the end of the previous paragraph
    for p_start, p_end in paragraphs:
        start: int | None = None
        first_mark = True
        for m in _MARKS.finditer(text, p_start, p_end):
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


def _last_end(text: str, start: int, before: int) -> int:
    end = before
    while end > start and text[end - 1].isspace():
        end -= 1
    return end
