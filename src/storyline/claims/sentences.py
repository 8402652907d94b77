"""Sentence spans of an article's cleaned text (a regex splitter: fast, offsets exact)."""

from __future__ import annotations

import re

from storyline.model import Span

# A sentence ends at . ! ? (optionally followed by a closing quote or bracket) before whitespace and
# an upper-case letter, a digit or an opening quote; or at a line break.
_BOUNDARY = re.compile(r"(?<=[.!?])[\"'\u201d\u2019)\]]?\s+(?=[\"'\u201c\u2018(\[]?[A-Z0-9])|\n+")
_ABBREVIATIONS = re.compile(
    r"\b(?:Mr|Mrs|Ms|Dr|Prof|Sens?|Reps?|Govs?|Gen|Lt|Col|St|Jr|Sr|Inc|Co|Corp|Ltd|U\.S|U\.N|No|vs|"
    r"Jan|Feb|Mar|Apr|Aug|Sept|Sep|Oct|Nov|Dec"
    # a middle initial: "Donald J. Trump", "George H.W. Bush" (not "plan B." after a lower-case word)
    r"|[A-Z][a-z]+ (?:[A-Z]\.)?[A-Z])\.$"
)


def ends_with_abbreviation(head: str) -> bool:
    """Whether ``head`` ends with an abbreviation's period ("Mr.", "Sen.", "J."), not a sentence's."""
    return _ABBREVIATIONS.search(head) is not None


def sentence_spans(text: str) -> list[Span]:
    """Half-open spans of the sentences of ``text``, stripped of surrounding whitespace."""
    spans: list[Span] = []
    start = 0
    for m in _BOUNDARY.finditer(text):
        head = text[start : m.start() + 1].rstrip()
        if m.group(0).strip() == "" and "\n" not in m.group(0) and ends_with_abbreviation(head):
            continue
        _append(text, start, m.start() + (len(m.group(0)) - len(m.group(0).lstrip("\"'\u201d\u2019)]"))), spans)
        start = m.end()
    _append(text, start, len(text), spans)
    return spans


def _append(text: str, start: int, end: int, spans: list[Span]) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start:
        spans.append(Span(start=start, end=end))
