"""Metadata written at the top of scraped plain text: masthead, byline and date lines.

A page saved as text loses its markup but often keeps its header::

    THE SORREL GAZETTE — Politics          masthead: outlet and section
    Minister concedes ...                  headline   (furniture.clean_blocks takes it as the title)
    Office says ...                        dek
    By Renée Castellan                     byline
    Monday, 24 March 2025                  date line: publication date

This module reads the masthead, byline and date lines from the blocks before the body and returns
them with the text they occupied, so the cleaning stage can drop those lines (recording why) and
keep the values as metadata. It only looks at short lines before the first paragraph of prose, and a
line has to match its pattern as a whole: a sentence that happens to contain a date is body text.
"""

from __future__ import annotations

import re
from datetime import datetime

from storyline.cleaning.metadata import MONTH_ALTERNATION, MONTH_NUMBERS, cased_dateline
from storyline.model import Model

# outlet names usually end in (or contain) one of these words; a masthead without a section label
# must contain one, so an all-caps headline ("BREAKING NEWS") is not taken for an outlet
_OUTLET_WORDS = frozenset(
    """times post gazette herald journal news tribune daily observer ledger review chronicle press
    telegraph guardian courier star sun mail express digest report monitor standard record globe
    inquirer register independent bulletin dispatch examiner wire weekly magazine sentinel mirror
    advocate advertiser eagle enquirer gazetteer leader messenger quarterly argus pioneer citizen
    packet recorder statesman""".split()  # noqa: SIM905 (a word list reads better as text)
)
_NOT_OUTLET = frozenset("breaking live update updated exclusive opinion analysis watch video photos".split())  # noqa: SIM905
_SMALL_WORDS = frozenset("a an and at by for in of on or the to".split())  # noqa: SIM905
_SEPARATORS = re.escape("—–|·•:-")

_MASTHEAD = re.compile(rf"^(?P<name>[^\W\d_][^{_SEPARATORS}\n]*?)(?:\s+[{_SEPARATORS}]+\s*(?P<section>[^\n]+?))?\s*$")
_BYLINE = re.compile(
    r"^(?:by|words\s+by|written\s+by)\s+(?P<name>[^\W\d_][\w.'’ -]*?(?:(?:,|\s+and)\s+[^\W\d_][\w.'’ -]*?)*)\s*$",
    re.IGNORECASE,
)
_MONTH = MONTH_ALTERNATION
_WEEKDAY = r"(?:mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)(?:day|nesday|sday|urday|rsday)?\.?"
_TIME = r"(?:,?\s*(?:at\s+)?(?P<hour>\d{1,2})(?:[:.](?P<minute>\d{2}))?\s*(?P<ampm>[ap]\.?\s?m\.?)?(?:\s*[A-Z]{2,4})?)?"
_DATE_LINE = re.compile(
    rf"""(?ix)^
    (?:(?P<label>(?:[^\W\d_]+\s){{0,2}}[^\W\d_]+)\s*[{_SEPARATORS}]\s*)?      # "In Brief ·"
    (?:(?:published|posted|first\ published)(?:\s+on)?\s*:?\s*)?
    (?:{_WEEKDAY},?\s+)?
    (?:(?P<md_month>{_MONTH})\.?\s+(?P<md_day>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<md_year>\d{{4}})
      |(?P<dm_day>\d{{1,2}})(?:st|nd|rd|th)?\.?\s+(?P<dm_month>{_MONTH})\.?,?\s+(?P<dm_year>\d{{4}})
      |(?P<iso>\d{{4}}-\d{{2}}-\d{{2}}))
    {_TIME}
    \s*$"""
)
HEADER_MAX_BLOCKS = 8  # a header sits in the first few non-empty lines
_SHORT_LINE_WORDS = 12


class HeaderLine(Model, frozen=True):
    text: str  # the block as it stood
    kind: str  # "masthead", "byline", "date-line"
    index: int = 0  # which of the blocks given to read_text_header


class TextHeader(Model, frozen=True):
    outlet: str | None = None
    section: str | None = None
    byline: str | None = None
    published: datetime | None = None
    lines: tuple[HeaderLine, ...] = ()


def outlet_name(written: str) -> str:
    """'THE SORREL GAZETTE' -> 'The Sorrel Gazette' (mixed-case names are kept as written)."""
    if not written.isupper():
        return written
    words = written.lower().split()
    return " ".join(w if i and w in _SMALL_WORDS else w[:1].upper() + w[1:] for i, w in enumerate(words))


def _masthead(block: str) -> tuple[str, str | None] | None:
    match = _MASTHEAD.match(block)
    if not match:
        return None
    name, section = match.group("name").strip(), match.group("section")
    words = name.split()
    letters = [c for c in name if c.isalpha()]
    if not (1 <= len(words) <= 6) or not letters or not all(c.isupper() for c in letters):
        return None
    lowered = {w.strip(".,'’").lower() for w in words}
    if lowered & _NOT_OUTLET:
        return None
    if section is None and not lowered & _OUTLET_WORDS:
        return None
    if section is not None and len(section.split()) > 4:
        return None
    return outlet_name(name), section.strip() if section else None


def parse_date_line(block: str) -> datetime | None:
    """'Monday, 24 March 2025', 'In Brief · March 13, 2025', 'Posted Mar 13 2025 1 52 pm' -> datetime."""
    match = _DATE_LINE.match(block.strip())
    if not match:
        return None
    try:
        if match.group("iso"):
            return datetime.fromisoformat(match.group("iso"))
        if match.group("md_month"):
            month, day, year = match.group("md_month"), match.group("md_day"), match.group("md_year")
        else:
            month, day, year = match.group("dm_month"), match.group("dm_day"), match.group("dm_year")
        date = datetime(int(year), MONTH_NUMBERS[month.lower().rstrip(".")], int(day))
    except (ValueError, KeyError):
        return None
    hour = match.group("hour")
    if hour is not None and match.group("ampm"):
        h = int(hour) % 12 + (12 if match.group("ampm").lower().startswith("p") else 0)
        minute = int(match.group("minute") or 0)
        if h < 24 and minute < 60:
            date = date.replace(hour=h, minute=minute)
    return date


def is_prose(block: str) -> bool:
    """A paragraph of prose: longer than a header line and ending like a sentence."""
    return _long(block) and block.rstrip()[-1:] in ".!?\"”’'"


def _long(block: str) -> bool:
    """More than ``_SHORT_LINE_WORDS`` words (only that many are split off: a paragraph is long)."""
    return len(block.split(None, _SHORT_LINE_WORDS)) > _SHORT_LINE_WORDS


def read_text_header(blocks: list[str]) -> TextHeader:
    """Masthead, byline and date lines among the short blocks before the first paragraph of prose."""
    outlet = section = byline = None
    published: datetime | None = None
    lines: list[HeaderLine] = []
    for i, block in enumerate(blocks[:HEADER_MAX_BLOCKS]):
        if is_prose(block):
            break
        if _long(block):
            continue
        if i == 0 and outlet is None and (found := _masthead(block)) is not None:
            outlet, section = found
            lines.append(HeaderLine(text=block, kind="masthead", index=i))
        elif byline is None and (match := _BYLINE.match(block)) is not None:
            byline = match.group("name").strip()
            lines.append(HeaderLine(text=block, kind="byline", index=i))
        elif published is None and (date := parse_date_line(block)) is not None:
            published = date
            lines.append(HeaderLine(text=block, kind="date-line", index=i))
    return TextHeader(outlet=outlet, section=section, byline=byline, published=published, lines=tuple(lines))


def dateline_end(text: str, start: int = 0, known: str | None = None) -> int:
    """Where the words after a dateline that opens the line at ``start`` begin ("PORT ALDER, Veldora
    (CP) — ", "WASHINGTON — "), else ``start``. ``known``: the article's dateline as cleaning read
    it, matched however the text punctuates it (a restored scrape's "Hanoi, Vietnam (AP) — " for
    "Hanoi Vietnam"); else a cased dateline."""
    if start and text[start - 1] != "\n":
        return start
    head = text[start : start + 200]
    if known and known.split():
        place = r"[\s,]+".join(re.escape(w) for w in known.replace(",", " ").split())
        written = re.match(rf"\s*{place}\s*,?\s*(?:\([^()\n]{{1,40}}\)\s*)?[—–-]+\s*", head, re.IGNORECASE)
        if written:
            return start + written.end()
    found = cased_dateline(head)
    return start + found[1].end if found is not None and found[1].start == 0 else start
