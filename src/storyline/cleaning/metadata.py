"""Metadata written inside the body text: update notices, datelines, wire and source credits.

Works on ordinary text ("HANOI, Vietnam (AP) — ...", "This story was updated on March 26, 2019,
at 11:24 am.", "The Associated Press reports") and on text that was lowercased and stripped of
punctuation ("hanoi vietnam ap president ...", "the associated press reports"). Every finding
carries its character span so the cleaning orchestrator can remove update notices from the body
and later stages can point at the evidence.
"""

from __future__ import annotations

import re
import string
from collections.abc import Iterable, Iterator
from datetime import datetime
from functools import lru_cache
from pathlib import Path

from storyline.model import Model, Span

__all__ = [
    "CreditMention",
    "TextMetadata",
    "extract_text_metadata",
    "canonical_credit",
]


class CreditMention(Model, frozen=True):
    credit: str  # canonical short name: "AP", "Reuters", or the outlet as written
    span: Span
    how: str  # "dateline" (the wire tag of a dateline) or "reported" ("X reports", "according to X")


class TextMetadata(Model, frozen=True):
    updated: datetime | None = None
    update_spans: tuple[Span, ...] = ()  # whole update-notice lines/sentences (furniture in the body)
    dateline: str | None = None  # "HANOI, Vietnam"
    dateline_span: Span | None = None  # the dateline lead-in, wire tag and dash included
    credits: tuple[str, ...] = ()  # distinct canonical credits, in order of appearance
    credit_mentions: tuple[CreditMention, ...] = ()


# --------------------------------------------------------------------------- wire services

# canonical -> written forms (lowercase, punctuation-free; matched on a normalized copy)
_WIRES: dict[str, tuple[str, ...]] = {
    "AP": ("associated press", "ap"),
    "Reuters": ("reuters", "thomson reuters"),
    "AFP": ("agence france presse", "agence france-presse", "afp"),
    "Bloomberg": ("bloomberg news", "bloomberg"),
    "dpa": ("deutsche presse agentur", "deutsche presse-agentur", "dpa"),
    "Xinhua": ("xinhua news agency", "xinhua"),
    "Yonhap": ("yonhap news agency", "yonhap"),
    "KCNA": ("korean central news agency", "kcna"),
    "UPI": ("united press international", "upi"),
    "ANSA": ("ansa",),
    "EFE": ("efe",),
    "Kyodo": ("kyodo news", "kyodo"),
    "TASS": ("tass",),
    "PTI": ("press trust of india", "pti"),
    "CNA": ("central news agency",),
}
_WIRE_BY_FORM = {form: canon for canon, forms in _WIRES.items() for form in forms}


def canonical_credit(name: str) -> str:
    """The canonical short name of a wire service ("The Associated Press" -> "AP"), else the name."""
    key = " ".join(re.findall(r"[\w-]+", name.lower())).removeprefix("the ")
    return _WIRE_BY_FORM.get(key, _WIRE_BY_FORM.get(key.replace("-", " "), name.strip()))


_WIRE_ALT = "|".join(sorted((re.escape(f) for f in _WIRE_BY_FORM), key=len, reverse=True))
_SHORT_WIRES = {"ap", "afp", "dpa", "upi", "efe", "pti", "tass", "ansa"}

# --------------------------------------------------------------------------- dates

_MONTHS = {
    m: i + 1
    for i, names in enumerate(
        [
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ]
    )
    for m in names
}
_MONTH_ALT = "|".join(sorted(_MONTHS, key=len, reverse=True))
MONTH_NUMBERS = _MONTHS  # month name or abbreviation (lowercase) -> 1..12
MONTH_ALTERNATION = _MONTH_ALT  # a regex alternation of those names, longest first
# "March 26, 2019, at 11:24 am" / "march 26 2019 at 11 24 am" / "Mar. 26, 2019 11:24 a.m. ET"
_DATE = (
    r"(?:(?:mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)[a-z]*\.?,?\s+)?"
    rf"(?P<month>{_MONTH_ALT})\.?\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<year>\d{{4}})"
    r"(?:,?\s+(?:at\s+)?(?P<hour>\d{1,2})(?:[:.\s](?P<minute>\d{2}))?\s*(?P<ampm>[ap]\.?\s?m\.?)?)?"
)
_WRITTEN_DATE = re.compile(rf"(?i)^\s*{_DATE}\s*(?:[a-z]{{2,4}})?\s*$")
# "19 November 2019": day first
_DAY_FIRST = re.compile(rf"(?i)^\s*(?P<day>\d{{1,2}})\.?\s+(?P<month>{_MONTH_ALT})\.?,?\s+(?P<year>\d{{4}})\s*$")


def parse_written_date(text: str) -> datetime | None:
    """'November 19, 2019', 'Tue., Nov. 19, 2019, at 3:45 pm', '19 November 2019'; else None."""
    match = _WRITTEN_DATE.match(text)
    if match:
        return _update_date(match)
    match = _DAY_FIRST.match(text)
    if match:
        try:
            return datetime(int(match.group("year")), _MONTHS[match.group("month").lower()], int(match.group("day")))
        except ValueError:
            return None
    return None


_UPDATE = re.compile(
    rf"""(?ix)
    (?:\b(?:this|the)\s+(?:story|article|post|report|piece|item)\s+(?:was|has\s+been|had\s+been|is)\s+
        (?:last\s+|originally\s+)?updated
     |(?:^|(?<=\n))\s*(?:last\s+)?updated)
    (?:\s*:|\s+on|\s+at)?\s*
    (?:{_DATE}
       |(?P<time>\d{{1,2}}[:.]\d{{2}}\s*[ap]\.?\s?m\.?))?
    """
)

# --------------------------------------------------------------------------- datelines

# "HANOI, Vietnam (AP) —", "WASHINGTON (Reuters) -", "NEW YORK —", "BEIRUT, Lebanon, Nov. 3 (AP) --",
# "WASHINGTON ―"
_CASED_DATELINE = re.compile(
    r"""(?x)
    (?:^|(?<=\n))[ \t]*
    (?P<place>[A-Z][A-Z.'’ -]*[A-Z.](?:,[ \t]*[A-Z][\w.'’ -]{1,30}?){0,2})
    (?:,[ \t]*(?:[A-Z][a-z]{2,8}\.?[ \t]+\d{1,2}))?
    [ \t]*(?:\((?P<wire>[^()\n]{2,40})\))?
    [ \t]*(?:—|–|―|--|-)[ \t]*   # em dash, en dash, horizontal bar (HuffPost's), two or one hyphens
    """
)
# AP's stand-alone dateline cities (no state or country after them)
_STANDALONE_CITIES = frozenset(
    """atlanta baltimore boston chicago cincinnati cleveland dallas denver detroit honolulu houston
    indianapolis las_vegas los_angeles miami milwaukee minneapolis new_orleans new_york oklahoma_city
    philadelphia phoenix pittsburgh st_louis salt_lake_city san_antonio san_diego san_francisco
    seattle washington beijing berlin djibouti geneva gibraltar guatemala_city havana hong_kong
    jerusalem kuwait_city london luxembourg macau mexico_city monaco montreal moscow new_delhi
    ottawa panama_city paris quebec_city rome san_marino singapore stockholm tokyo toronto
    vatican_city""".replace("_", " ").split()
)


_PLACE_NAMES_FILE = Path(__file__).resolve().parent.parent / "resources" / "cleaning" / "place_names.txt"


@lru_cache(maxsize=1)
def _place_names() -> dict[str, str]:
    text = _PLACE_NAMES_FILE.read_text("utf-8")
    names: dict[str, str] = {}
    for line in text.splitlines():
        name = line.strip()
        if name:
            names[" ".join(re.findall(r"\w+", name.lower()))] = name
    return names


_ASCII_LETTERS = string.ascii_letters.encode("ascii")
_ASCII_UPPER = string.ascii_uppercase.encode("ascii")


def _is_upper_case_text(text: str) -> bool:
    """Ordinary cased text, as opposed to text that was lowercased (2% capitals or more)."""
    head = text[:4000]
    if head.isascii():  # the same counts, in C: ASCII letters are the only alphabetic characters
        data = head.encode("ascii")
        letters = len(data) - len(data.translate(None, _ASCII_LETTERS))
        upper = len(data) - len(data.translate(None, _ASCII_UPPER))
        return letters > 0 and upper > 0.02 * letters
    letters = sum(map(str.isalpha, head))
    return letters > 0 and sum(map(str.isupper, head)) > 0.02 * letters


def _folded(text: str) -> str:
    """A lowercased copy for cheap ``in`` pre-checks before case-insensitive patterns: every letter
    such a pattern matches to an ASCII letter is that letter here (the long s and the dotless i,
    which ``str.lower`` leaves alone, and the dotted capital I, which it turns into two characters)."""
    low = text.lower()
    if not low.isascii():
        low = low.replace("\u017f", "s").replace("\u0131", "i").replace("\u0307", "")
    return low


_WIRE_WORD = re.compile(rf"\b({_WIRE_ALT})\b")
# the first word of every wire name: a match of _WIRE_WORD in ASCII text starts with one of them,
# standing as a word of its own between non-alphanumeric bytes
_WIRE_FIRST_WORDS = frozenset(form.split()[0].split("-")[0].encode("ascii") for form in _WIRE_BY_FORM)
_ASCII_ALNUM = bytes(b if chr(b).isascii() and chr(b).isalnum() else 32 for b in range(256))


def _may_name_a_wire(head: str) -> bool:
    """False when ``head`` holds no match of ``_WIRE_WORD`` (ASCII text: its words are compared with
    the wire names' first words, instead of trying every name at every position)."""
    if not head.isascii():
        return True
    return not _WIRE_FIRST_WORDS.isdisjoint(head.encode("ascii").translate(_ASCII_ALNUM).split())


def _stripped_dateline(text: str) -> tuple[str, Span, str, Span] | None:
    """'hanoi vietnam ap president ...' -> ("HANOI, Vietnam", span, "AP", wire span).

    In lowercased, punctuation-free text a dateline is a place followed by a wire name: a city
    and a country or US state, or one of AP's stand-alone cities. Searched near the start only
    (a cut fragment may precede it).
    """
    head = text[:600]
    if not _may_name_a_wire(head):
        return None
    places = _place_names()
    for match in _WIRE_WORD.finditer(head):
        before = head[: match.start()].split()
        if not before:
            continue
        # city (1-3 words) + country/state (1-3 words)
        for country_len in (3, 2, 1):
            if len(before) <= country_len:
                continue
            country = " ".join(before[-country_len:])
            if country not in places:
                continue
            for city_len in (1, 2, 3):
                if len(before) < country_len + city_len:
                    break
                city = " ".join(before[-country_len - city_len : -country_len])
                if any(w in _WIRE_BY_FORM for w in city.split()):
                    break
                start = _word_start(head, match.start(), country_len + city_len)
                # the shortest city that ends a previous sentence is as good a guess as any:
                # prefer one word (most datelines) unless it is a known multi-word city
                longer = " ".join(before[-country_len - city_len - 1 : -country_len]) if city_len < 3 else ""
                if longer and longer in _STANDALONE_CITIES:
                    continue
                dateline = f"{city.upper()}, {places[country]}"
                return (
                    dateline,
                    Span(start=start, end=match.end()),
                    _WIRE_BY_FORM[match.group(1)],
                    Span(start=match.start(), end=match.end()),
                )
        for city_len in (3, 2, 1):
            city = " ".join(before[-city_len:])
            if city in _STANDALONE_CITIES:
                start = _word_start(head, match.start(), city_len)
                return (
                    city.upper(),
                    Span(start=start, end=match.end()),
                    _WIRE_BY_FORM[match.group(1)],
                    Span(start=match.start(), end=match.end()),
                )
    return None


def _word_start(text: str, end: int, words: int) -> int:
    """Offset of the ``words``-th word before ``end``."""
    match = re.search(rf"(?:\S+\s+){{{words}}}$", text[:end])
    return match.start() if match else 0


def _line_matches(pattern: re.Pattern[str], head: str) -> Iterator[re.Match[str]]:
    """``pattern.finditer(head)`` for a pattern that matches only at the start of a line and
    within one line: tried at each line start instead of at every character."""
    start = 0
    while start >= 0:
        match = pattern.match(head, start)
        if match:
            yield match
        start = head.find("\n", start)
        if start >= 0:
            start += 1


def cased_dateline(text: str) -> tuple[str, Span, str | None, Span | None] | None:
    for match in _line_matches(_CASED_DATELINE, text[:1500]):
        place = match.group("place").strip(" ,")
        city = place.split(",")[0]
        letters = [c for c in city if c.isalpha()]
        if len(letters) < 2 or not all(c.isupper() for c in letters):
            continue
        line_end = text.find("\n", match.end())
        rest = text[match.end() : line_end if line_end >= 0 else len(text)].split()
        if rest and not any(w[:1].islower() for w in rest):
            continue  # a masthead and its section ("THE SORREL GAZETTE — Politics"), not a dateline
        wire_text = match.group("wire")
        wire = canonical_credit(wire_text) if wire_text else None
        wire_span = Span(start=match.start("wire"), end=match.end("wire")) if wire_text else None
        return place, Span(start=match.start("place"), end=match.end()), wire, wire_span
    return None


# --------------------------------------------------------------------------- credits in the text

_CASED_REPORTS = re.compile(
    r"""(?x)
    (?P<name>(?:[Tt]he\s+)?(?:[A-Z][\w&.'’-]*)(?:\s+(?:of\s+|for\s+)?[A-Z][\w&.'’-]*){0,5})
    \s+(?:reports|reported|first\s+reported|has\s+reported|was\s+first\s+to\s+report)\b
    """
)
_ACCORDING = re.compile(
    r"\baccording\s+to\s+(?:a\s+report\s+(?:by|from|in)\s+)?(?P<name>(?:[Tt]he\s+)?[A-Z][\w&.'’-]*(?:\s+[A-Z][\w&.'’-]*){0,5})"
)
_WIRE_REPORTS = re.compile(
    rf"""(?ix)
    \b(?:the\s+)?(?P<name>{_WIRE_ALT})(?:\s+news\s+agency|\s+news)?
    (?:\s+(?:reports|reported|first\s+reported|has\s+reported|contributed|said\s+in\s+a\s+report)\b)
    |\baccording\s+to\s+(?:a\s+report\s+(?:by|from|in)\s+)?(?:the\s+)?(?P<name2>{_WIRE_ALT})\b
    """
)
# capitalized words that start a sentence and are not outlets ("Police reported", "He reported")
_NOT_OUTLETS = frozenset(
    [
        "he",
        "she",
        "it",
        "they",
        "we",
        "i",
        "you",
        "officials",
        "police",
        "authorities",
        "witnesses",
        "residents",
        "sources",
        "media",
        "who",
        "state",
        "local",
        "this",
        "that",
        "there",
        "someone",
    ]
)


_SENTENCE_STARTERS = frozenset(
    [
        "then",
        "but",
        "and",
        "meanwhile",
        "also",
        "earlier",
        "later",
        "now",
        "as",
        "so",
        "yet",
        "still",
        "however",
        "first",
        "last",
        "when",
        "while",
    ]
)


_OUTLET_WORDS = re.compile(
    r"\b(?:News|Times|Post|Journal|Press|Agency|Tribune|Herald|Guardian|Telegraph|Daily|Magazine|Network"
    r"|Television|TV|Radio|Gazette|Wire|Chronicle|Observer|Independent|Economist|Standard|Mail|Express"
    r"|Star|Sun|Globe|Mirror|Review|Bulletin|Broadcasting|Media|Politico|Axios)\b"
)
_ACRONYM = re.compile(r"^[A-Z][A-Z0-9&]{1,5}(?:\s+News)?$")


# last words of public bodies, firms and institutions: "according to the Maritime Authority" (or the
# State Department, the Treasury, the International Energy Agency) credits a source, not an outlet
_INSTITUTION_WORDS = """
authority authorities department ministry committee commission council campaign party
administration office court congress senate parliament assembly government company corporation
university institute bureau embassy union organization organisation association foundation police
military army navy treasury pentagon kremlin bank board secretariat coalition alliance federation
chamber cabinet presidency command inspectorate regulator registry statistics spokesman spokeswoman
spokesperson officials
"""
_INSTITUTION_LAST_WORDS = frozenset(_INSTITUTION_WORDS.split())
_OUTLET_AGENCY = re.compile(r"\b(?:News|Press|Telegraph|Wire)\s+Agency$")


def _looks_like_outlet(name: str) -> bool:
    """'The Portmere Gazette', 'CNN', 'Fox News' — not 'Jason La Canfora' (a person), nor 'the
    Maritime Authority' or 'the International Energy Agency' (public bodies)."""
    core = name.removeprefix("The ").removeprefix("the ")
    last = core.rsplit(None, 1)[-1].lower() if core.strip() else ""
    if last in _INSTITUTION_LAST_WORDS or (last == "agency" and not _OUTLET_AGENCY.search(core)):
        return False
    return bool(
        _ACRONYM.match(core)
        or _OUTLET_WORDS.search(core)
        or (name[:4].lower() == "the " and len(core.split()) >= 1 and core[:1].isupper())
    )


def _trim_sentence_start(name: str) -> str:
    """'Then The New York Times' -> 'The New York Times'."""
    words = name.split()
    while len(words) > 1 and words[0].lower() in _SENTENCE_STARTERS:
        words = words[1:]
    return " ".join(words)


_SENTENCE_GAP = re.compile(r"\.\s+|\s*\n\s*")
_CUE = re.compile(
    r"(?i)\b(?:reports|reported|has\s+reported|first\s+reported|was\s+first\s+to\s+report|contributed"
    r"|said\s+in\s+a\s+report|according\s+to)\b"
)
_WINDOW_BEFORE, _WINDOW_AFTER = 120, 90


def _cue_windows(text: str, folded: str | None = None) -> list[tuple[int, int]]:
    """Merged character windows around credit cues: the credit patterns only run there."""
    windows: list[tuple[int, int]] = []
    low = _folded(text) if folded is None else folded
    if "report" not in low and "contributed" not in low and "according" not in low:
        return windows  # every cue holds one of these words
    for cue in _CUE.finditer(text):
        start, end = max(0, cue.start() - _WINDOW_BEFORE), min(len(text), cue.end() + _WINDOW_AFTER)
        if windows and start <= windows[-1][1]:
            windows[-1] = (windows[-1][0], end)
        else:
            windows.append((start, end))
    return windows


def _credit_mentions(text: str, cased: bool, folded: str | None = None) -> list[CreditMention]:
    mentions: list[CreditMention] = []
    seen: set[tuple[int, int]] = set()

    def add(credit: str, start: int, end: int) -> None:
        span = Span(start=start, end=end)
        if (start, end) in seen or any(m.span.overlaps(span) for m in mentions):
            return
        seen.add((start, end))
        mentions.append(CreditMention(credit=credit, span=span, how="reported"))

    windows = _cue_windows(text, folded)
    for low, high in windows:
        window = text[low:high]
        for match in _WIRE_REPORTS.finditer(window):
            group = "name" if match.group("name") else "name2"
            form = match.group(group).lower()
            if form in _SHORT_WIRES and cased and not match.group(group).isupper():
                continue  # "ap" in cased text is not the wire
            add(_WIRE_BY_FORM[form], low + match.start(group), low + match.end(group))
    if not cased:
        return mentions
    for low, high in windows:
        window = text[low:high]
        for pattern in (_CASED_REPORTS, _ACCORDING):
            for match in pattern.finditer(window):
                raw = match.group("name")
                # a sentence boundary inside the name: keep the part next to the cue
                # (or a line break: "according to the Maritime Authority.\n\nIn Port Alder, ...")
                parts = _SENTENCE_GAP.split(raw)
                raw = parts[0] if pattern is _ACCORDING else parts[-1]
                trimmed = _trim_sentence_start(raw.rstrip("."))
                name = trimmed.removeprefix("the ")
                core = name.removeprefix("The ").removeprefix("the ")
                if not core or core.lower() in _NOT_OUTLETS or core.lower().split()[0] in _NOT_OUTLETS:
                    continue
                if canonical_credit(name) != name.strip():
                    continue  # wires are handled above
                if not _looks_like_outlet(trimmed):
                    continue  # "Jason La Canfora reported", "according to Smith": people, not outlets
                start = low + match.start("name") + match.group("name").find(name)
                add(name, start, start + len(name))
    mentions.sort(key=lambda m: m.span.start)
    return mentions


# --------------------------------------------------------------------------- entry point


def _line_span(text: str, start: int, end: int) -> Span:
    """The sentence or line holding [start, end): what an update notice occupies."""
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    line_end = len(text) if line_end < 0 else line_end
    line = text[line_start:line_end]
    # a notice sharing a line with body text: cut at the sentence end after it
    if len(line) > 200:
        sentence_end = re.compile(r"[.!?](?=\s|$)").search(text, end, line_end)
        sentence_start = max(text.rfind(". ", line_start, start) + 2, line_start)
        if sentence_start - 2 < line_start:
            sentence_start = line_start
        return Span(start=sentence_start, end=sentence_end.end() if sentence_end else end)
    return Span(start=line_start, end=line_end)


def _update_date(match: re.Match[str]) -> datetime | None:
    if not match.groupdict().get("month"):
        return None
    try:
        hour = int(match.group("hour") or 0)
        minute = int(match.group("minute") or 0)
        ampm = (match.group("ampm") or "").lower().replace(".", "").replace(" ", "")
        if ampm == "pm" and hour < 12:
            hour += 12
        if ampm == "am" and hour == 12:
            hour = 0
        if hour > 23 or minute > 59:
            hour = minute = 0
        return datetime(
            int(match.group("year")),
            _MONTHS[match.group("month").lower()],
            int(match.group("day")),
            hour,
            minute,
        )
    except ValueError:
        return None


@lru_cache(maxsize=8)
def extract_text_metadata(text: str) -> TextMetadata:
    """Update date, dateline, wire credit and source credits written in ``text``.

    Cached for the last few texts: an HTML page's body is read here by the HTML extractor and,
    unchanged, again by plain-text cleaning.
    """
    if not text or not text.strip():
        return TextMetadata()
    cased = _is_upper_case_text(text)
    folded = _folded(text)

    updated: datetime | None = None
    update_spans: list[Span] = []
    # every update notice holds the word "updated": most texts skip the pattern
    for match in _UPDATE.finditer(text) if "updated" in folded else ():
        if not (match.group("month") or match.group("time")):
            continue
        date = _update_date(match)
        if date is not None and (updated is None or date > updated):
            updated = date
        span = _line_span(text, match.start(), match.end())
        if not any(s.overlaps(span) for s in update_spans):
            update_spans.append(span)

    dateline: str | None = None
    dateline_span: Span | None = None
    mentions: list[CreditMention] = []
    if cased:
        found = cased_dateline(text)
        if found is not None:
            dateline, dateline_span, wire_name, cased_wire_span = found
            if wire_name and cased_wire_span:
                mentions.append(CreditMention(credit=wire_name, span=cased_wire_span, how="dateline"))
    else:
        stripped = _stripped_dateline(text)
        if stripped:
            dateline, dateline_span, wire, wire_span = stripped
            mentions.append(CreditMention(credit=wire, span=wire_span, how="dateline"))

    for mention in _credit_mentions(text, cased, folded):
        if not any(m.span.overlaps(mention.span) for m in mentions):
            mentions.append(mention)
    credits = distinct_credits(m.credit for m in mentions)
    return TextMetadata(
        updated=updated,
        update_spans=tuple(update_spans),
        dateline=dateline,
        dateline_span=dateline_span,
        credits=credits,
        credit_mentions=tuple(mentions),
    )


def distinct_credits(credits: Iterable[str]) -> tuple[str, ...]:
    """Credits in order, each once; a short form of a longer one the same text gives is that one
    ("the Post" after "The Washington Post", "the Times" after "The New York Times")."""
    names = list(dict.fromkeys(credits))
    words = {n: n.lower().removeprefix("the ").split() for n in names}
    return tuple(
        n
        for n in names
        if not any(o != n and len(words[o]) > len(words[n]) and words[o][-len(words[n]) :] == words[n] for o in names)
    )
