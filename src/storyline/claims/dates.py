"""Find date expressions in text and resolve them against a reference date.

Explicit rules, each :class:`DateMention` says which rule fired; every relative form is resolved
with plain calendar arithmetic against the reference date, so that each form follows exactly one
stated rule (earlier a dateparser "prefer past" check could move a bare "March 27" said on March 26
a year back):

- ``Feb. 28, 2019`` / ``March 19`` / ``Feb. 27-28, 2019`` / ``August 19, 2018``, and day first:
  ``11 March 2025`` / ``3 April`` / ``27-28 February 2019`` (no year: the most recent such day not
  after the reference date, with one day of slack for time zones)
- ``March 2016`` / ``in January`` (the most recent January, this month included) / ``last May``
  (the most recent May before the reference month); ``early March`` / ``mid-January`` / ``late
  February 2019`` / ``the end of February`` (days 1-10, 11-20, 21 to the end of that month)
- ``last Thursday`` (the most recent Thursday before the reference date: said on a Friday, the day
  before), ``on Thursday`` / ``Thursday night`` (the most recent Thursday on or before the reference),
  ``Wednesday and Thursday`` (a range)
- ``yesterday`` / ``today`` / ``tonight``
- a day a name fixes: ``the Sept. 11 attacks``, ``9/11 families`` (2001), ``the Jan. 6 attack`` (2021)
- ``last week`` / ``earlier this week`` / ``last month`` / ``earlier this month`` / ``last year`` /
  ``earlier this year`` (ranges: the whole previous week, month or year; "earlier this ..." runs from
  the start of the current one to the day before the reference)
- ``a day later`` / ``two days earlier`` / ``the next day`` (relative to the previous resolved
  day mention in the same text, or to the reference date when there is none; a day told in the
  past perfect before the story's latest day is a look back and leaves the anchor where it was).
  ``six days after the summit`` counts from an event, not the anchor, and is left unresolved, as
  is ``not a day later`` (a deadline)

Said of the future ("is due to appear ... on Thursday", "would meet again in April", "will vote on
March 30": a future marker earlier in the same sentence), a bare weekday, a day without a year and
``in April`` look forward instead: the first such day or month on or after the reference date.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from datetime import date, timedelta
from enum import StrEnum

import msgspec

from storyline.claims.sentences import ends_with_abbreviation

_MONTHS = {m.lower(): i for i, m in enumerate(calendar.month_name) if m}
_MONTHS.update({m.lower(): i for i, m in enumerate(calendar.month_abbr) if m})
_MONTHS["sept"] = 9
_WEEKDAYS = {d.lower(): i for i, d in enumerate(calendar.day_name)}
_NUMBER_WORDS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7}

_MONTH = (
    r"(?P<month>Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|"
    r"July?|Aug(?:ust)?|Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
)
_WEEKDAY = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
_DASH = r"\s*[-\u2013\u2014]\s*"
_ANY_MONTH = _MONTH.replace("(?P<month>", "(?:")
# a day written before its month ("11 March 2025", "27-28 February"), as most of the world's press
# writes it; not a count ("1,000 March marchers") or a decimal
_DAY_FIRST = r"(?<![\d,.])\b(?P<day>\d{1,2})"
# its month: an abbreviation's full stop only before a year ("3 Feb. 2019"), not a sentence's
_MONTH_THEN = _MONTH.removesuffix(r"\.?") + r"(?:\.(?=,?\s+\d{4}))?"

# days a name fixes to one year: "the Sept. 11 attacks", "9/11 victims" are 2001, whenever the
# article is dated; an attributive month and day is otherwise read as the most recent one
_NAMED_DAYS = {"sep11": date(2001, 9, 11), "jan6": date(2021, 1, 6)}
_NAMED_DAY = re.compile(
    r"\b(?:(?P<sep11>(?:Sept?\.?|September)\s+11(?:th)?|9/11)"
    r"(?=\s+(?:attacks?|victims?|families|terror\w*|hijack\w*|commission|memorial|museum|era|plot|widows?|"
    r"first\s+responders|survivors|bill|legislation|law|suits?|lawsuits?)\b)"
    r"|(?P<jan6>(?:Jan\.?|January)\s+6(?:th)?)(?=\s+(?:attack|riot|insurrection|committee|rioters|defendants)\b))"
)

_RULES: list[tuple[str, re.Pattern[str]]] = [
    ("named-day", _NAMED_DAY),
    (
        "month-day-range",
        re.compile(rf"\b{_MONTH}\s+(?P<day>\d{{1,2}}){_DASH}(?P<day2>\d{{1,2}})\b(?:,?\s+(?P<year>\d{{4}}))?"),
    ),
    (
        "month-day",
        re.compile(
            rf"\b{_MONTH}\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\b(?!\s*(?:[-\u2013]|%|\d))(?:,?\s+(?P<year>\d{{4}}))?"
        ),
    ),
    (
        "day-month-range",
        re.compile(
            rf"{_DAY_FIRST}{_DASH}(?P<day2>\d{{1,2}})\s+{_MONTH_THEN}(?:,?\s+(?P<year>\d{{4}}))?(?![\w\u2013-])"
        ),
    ),
    (
        "day-month",
        re.compile(
            rf"{_DAY_FIRST}(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTH_THEN}(?:,?\s+(?P<year>\d{{4}}))?(?![\w\u2013-])"
        ),
    ),
    (
        # "early March", "mid-January", "late February 2019", "at the end of February": a third of the month
        "part-month",
        re.compile(
            rf"\b(?P<part>(?i:early|late|mid-?|the\s+(?:end|beginning|start|middle)\s+of))\s*{_MONTH}"
            rf"(?:,?\s+(?P<year>\d{{4}}))?(?!\s*\d)\b"
        ),
    ),
    ("last-month", re.compile(rf"\blast\s+{_MONTH}(?!\s+\d)\b", re.I)),
    ("month-year", re.compile(rf"\b{_MONTH}\s+(?P<year>\d{{4}})\b")),
    ("weekday-pair", re.compile(rf"\b(?P<wd1>{_WEEKDAY})\s+and\s+(?P<wd2>{_WEEKDAY})\b", re.I)),
    ("last-weekday", re.compile(rf"\blast\s+(?P<wd>{_WEEKDAY})\b", re.I)),
    (
        "weekday",
        re.compile(
            rf"\b(?:on\s+|this\s+|late\s+|early\s+)?(?P<wd>{_WEEKDAY})\b"
            # (a month, not a name that opens like one: "On Monday, Mara Quist said")
            rf"(?!,?\s+(?:{_ANY_MONTH}(?![a-z])|\d{{1,2}}(?:st|nd|rd|th)?\s+{_ANY_MONTH}))",
            re.I,
        ),
    ),
    ("relative-day", re.compile(r"\b(?P<word>yesterday|today|tonight)\b", re.I)),
    (
        "relative-period",
        # "the last week" is the seven days before; "the last week of March" names no period of ours
        re.compile(
            r"\b(?P<the>the\s+)?(?P<when>last|past|earlier\s+this|this\s+past)\s+(?P<period>week|month|year)\b"
            r"(?!\s+of\b)",
            re.I,
        ),
    ),
    (
        "shift",
        re.compile(
            r"\b(?:(?P<n>a|an|one|two|three|four|five|six|seven|\d+)\s+(?P<unit>day|week)s?\s+(?P<dir>later|earlier|before|after)"
            r"|the\s+(?P<adj>next|following|previous)\s+(?P<unit2>day|week))\b",
            re.I,
        ),
    ),
    ("in-month", re.compile(rf"\b(?i:in|since|early|late|mid-?)\s+{_MONTH}(?!\s+\d)\b")),
]


class Granularity(StrEnum):
    DAY = "day"
    WEEK = "week"
    MONTH = "month"
    YEAR = "year"


class DateMention(msgspec.Struct, frozen=True):
    """One resolved date expression: where it is, what it means, and which rule read it."""

    start: int
    end: int
    text: str
    rule: str
    date: dt.date
    end_date: dt.date | None = None
    granularity: Granularity = Granularity.DAY


def _month_number(token: str) -> int:
    return _MONTHS[token.lower().rstrip(".")[:4] if token.lower().startswith("sept") else token.lower().rstrip(".")[:3]]


def _month_span(year: int, month: int) -> tuple[date, date]:
    return date(year, month, 1), date(year, month, calendar.monthrange(year, month)[1])


def _recent_month_day(month: int, day: int, ref: date) -> date | None:
    """The latest ``month``/``day`` not after ``ref`` (plus a day of time-zone slack); Feb. 29 looks
    back to the last leap year."""
    for year in range(ref.year, ref.year - 5, -1):
        try:
            candidate = date(year, month, day)
        except ValueError:
            continue
        if candidate <= ref + timedelta(days=1):
            return candidate
    return None


def _weekday_on_or_before(weekday: int, ref: date) -> date:
    return ref - timedelta(days=(ref.weekday() - weekday) % 7)


def _weekday_on_or_after(weekday: int, ref: date) -> date:
    return ref + timedelta(days=(weekday - ref.weekday()) % 7)


def _next_month_day(month: int, day: int, ref: date) -> date | None:
    """The first ``month``/``day`` on or after ``ref`` (less a day of time-zone slack)."""
    for year in range(ref.year, ref.year + 5):
        try:
            candidate = date(year, month, day)
        except ValueError:
            continue
        if candidate >= ref - timedelta(days=1):
            return candidate
    return None


#: Words that put what follows in the future: "will", "would", "is due to", "plans to", "next",
#: "expected him to", "prepared to", a departure told in the progressive ("was leaving in February"); "coming in"
#: right before the date ("the administration coming in January").
_FUTURE_MARK = re.compile(
    r"\b(?:will|would|shall|(?:is|are)\s+(?:due|expected|set|scheduled|poised|in\s+line|to)|plans?\s+to|intends?\s+to|next)\b"
    r"|\bexpect(?:s|ed)?\s+(?:[\w.]+\s+){0,3}?to\b|\b(?:prepared|ready)\s+to\b"
    r"|\b(?:is|are|was|were)\s+(?:leaving|stepping\s+down|retiring|departing|returning)\b"
    r"|\w'll\b|\b(?:coming|starting)\s+(?:(?:in|on)\s+)?$",
    re.I,
)
#: a closing quotation mark: what was said inside it ('"... would keep ...," she told Fox News on
#: Thursday') does not put a date outside it in the future
_CLOSING_QUOTE = re.compile(r"[\"”](?=\s)")
_FUTURE_WINDOW = 150  # characters before a mention, within its sentence, that can hold the marker
_FORWARD_RULES = frozenset(
    [
        "month-day",
        "month-day-range",
        "day-month",
        "day-month-range",
        "in-month",
        "part-month",
        "weekday",
        "weekday-pair",
    ]
)


_DEADLINE = re.compile(r"\b(?:until|till|through|by)\s+$", re.I)


def _deadline_ahead(text: str, start: int, rule: str, m: re.Match[str], ref: date) -> bool:
    """ "restoring operations until Feb. 15", written in January: a deadline is the nearer of the
    day's last and next occurrence (in April, "it ran until Feb. 15" is the February before)."""
    if (
        rule not in ("month-day", "day-month")
        or m.groupdict().get("year")
        or not _DEADLINE.search(text, max(0, start - 8), start)
    ):
        return False
    month, day = _month_number(m.group("month")), int(m.group("day"))
    back, ahead = _recent_month_day(month, day, ref), _next_month_day(month, day, ref)
    return ahead is not None and (back is None or (ahead - ref) < (ref - back))


# a sentence ends at . ! ? before a space, not after a title ("the panel expected Mr. Cohen to be back")
_SENTENCE_END = re.compile(r"[.!?](?=\s)|\n")


def _said_of_future(text: str, start: int) -> bool:
    ends = [
        m.end()
        for m in _SENTENCE_END.finditer(text, max(0, start - _FUTURE_WINDOW), start)
        if m.group() == "\n" or not ends_with_abbreviation(text[max(0, m.start() - 12) : m.end()])
    ]
    sentence_start = ends[-1] if ends else 0
    begin = max(sentence_start, start - _FUTURE_WINDOW)
    closings = [m.end() for m in _CLOSING_QUOTE.finditer(text, begin, start)]
    return bool(_FUTURE_MARK.search(text, closings[-1] if closings else begin, start))


def find_dates(text: str, reference: date) -> list[DateMention]:
    """All date expressions in ``text`` resolved against ``reference`` (e.g. publication date),
    in text order; overlapping matches keep the rule listed first."""
    taken: list[tuple[int, int]] = []
    found: list[tuple[int, int, str, re.Match[str]]] = []
    for rule, pattern in _RULES:
        for m in pattern.finditer(text):
            if any(m.start() < e and s < m.end() for s, e in taken):
                continue
            taken.append((m.start(), m.end()))
            found.append((m.start(), m.end(), rule, m))
    found.sort()
    mentions: list[DateMention] = []
    anchor = reference
    anchored = False  # whether a day in the text, not the reference, is the anchor
    for start, end, rule, m in found:
        if rule == "shift" and not _shift_from_anchor(text, start, end, m):
            continue
        if (
            rule == "month-day"
            and m.group(0)[-2:] in _ORDINALS
            and _NAME_AFTER_ORDINAL.match(text, end)
            and not _TEMPORAL_BEFORE.search(text, max(0, start - 12), start)
        ):
            continue  # "co-chair of September 11th Advocates": a name, not a date ("on March 19th Bolton" is)
        future = rule in _FORWARD_RULES and (
            _said_of_future(text, start) or _deadline_ahead(text, start, rule, m, reference)
        )
        mention = _resolve(rule, m, reference, anchor, future)
        if mention is None:
            continue
        if rule in _YEARLESS_RULES and not m.groupdict().get("year") and _THAT_YEAR.match(text, end):
            # "On July 22 that year": the year the text named last, not the latest July 22
            years = _YEAR.findall(text, 0, start)
            if not years:
                continue
            mention = _in_year(mention, int(years[-1]))
            if mention is None:
                continue
        mentions.append(mention)
        if mention.granularity is not Granularity.DAY or rule == "named-day":
            continue
        day = mention.end_date or mention.date
        if anchored and day < anchor and _in_past_perfect(text, start):
            continue  # a look back from the story's day: "a day later" still counts from that day
        anchor, anchored = day, True
    return mentions


_YEARLESS_RULES = frozenset({"month-day", "month-day-range", "day-month", "day-month-range", "in-month", "part-month"})
_THAT_YEAR = re.compile(r",?\s+(?:of\s+)?that\s+year\b", re.I)
_YEAR = re.compile(r"\b(?:1[89]|20)\d{2}\b")


def _in_year(mention: DateMention, year: int) -> DateMention | None:
    """``mention`` moved to ``year`` (None for a 29 February that year does not have)."""
    try:
        start = mention.date.replace(year=year)
        end = (
            mention.end_date.replace(year=year + mention.end_date.year - mention.date.year)
            if mention.end_date
            else None
        )
    except ValueError:
        return None
    return msgspec.structs.replace(mention, date=start, end_date=end)


# "n days after/before" counts from the anchor only when nothing follows that it could count from:
# "two days after, ..." or "a day after that", not "six days after the summit ended"
_SHIFT_END = re.compile(r"\s*(?:[,.;:!?)\u2014\u2013]|$|(?:that|this|it)\b\s*(?:[,.;:!?)\u2014\u2013]|$))")
# "not a day later", "no later than": a deadline, not a date
_SHIFT_NEGATED = re.compile(r"\b(?:not|no|never)\s*$", re.I)
_PAST_PERFECT = re.compile(
    r"\b(?:had|'d)\s+(?:(?:not|never|already|just|only|also|first|earlier|\w+ly)\s+)*(?:been\s+)?[a-z]+\b[^.;:!?]*$",
    re.I,
)
_PERFECT_WINDOW = 90


_ORDINALS = frozenset({"st", "nd", "rd", "th"})
_TEMPORAL_BEFORE = re.compile(r"\b(?:on|since|by|until|till|from|before|after|through|between|and|to)\s+$", re.I)
_NAME_AFTER_ORDINAL = re.compile(
    r"\s+(?!(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|The|A|An|In|On|At|He|She|It|They|We)\b)"
    r"[A-Z][a-z]+"
)


def _shift_from_anchor(text: str, start: int, end: int, m: re.Match[str]) -> bool:
    if _SHIFT_NEGATED.search(text, max(0, start - 8), start):
        return False
    if m.group("adj") or m.group("dir").lower() not in ("after", "before"):
        return True
    return bool(_SHIFT_END.match(text, end))


def _in_past_perfect(text: str, start: int) -> bool:
    """Whether a date is told in the past perfect ("what Vask had told reporters in the early hours
    of 13 March"): a look back from the day the narrative has reached."""
    sentence_start = max(text.rfind(c, 0, start) for c in ".!?\n") + 1
    return bool(_PAST_PERFECT.search(text[max(sentence_start, start - _PERFECT_WINDOW) : start]))


def _resolve(  # noqa: C901
    rule: str, m: re.Match[str], ref: date, anchor: date, future: bool = False
) -> DateMention | None:
    span = (m.start(), m.end(), m.group(0))
    if rule in ("month-day", "month-day-range", "day-month", "day-month-range"):
        month = _month_number(m.group("month"))
        day = int(m.group("day"))
        if m.group("year"):
            try:
                start = date(int(m.group("year")), month, day)
            except ValueError:
                return None
        else:
            resolved = _next_month_day(month, day, ref) if future else _recent_month_day(month, day, ref)
            if resolved is None:
                return None
            start = resolved
        if rule in ("month-day", "day-month"):
            return DateMention(start=span[0], end=span[1], text=span[2], rule=rule, date=start)
        try:
            stop = start.replace(day=int(m.group("day2")))
        except ValueError:
            return None
        return DateMention(start=span[0], end=span[1], text=span[2], rule=rule, date=start, end_date=stop)
    if rule in ("last-month", "month-year", "in-month", "part-month"):
        month = _month_number(m.group("month"))
        if m.groupdict().get("year"):
            year = int(m.group("year"))
        elif rule == "last-month":
            year = ref.year if month < ref.month else ref.year - 1
        elif future and not m.group(0).lower().startswith("since"):
            year = ref.year if month >= ref.month else ref.year + 1
        else:
            year = ref.year if month <= ref.month else ref.year - 1
        first, last = _month_span(year, month)
        if rule == "part-month":
            first, last = _part_of_month(m.group("part"), first, last)
        return DateMention(
            start=span[0],
            end=span[1],
            text=span[2],
            rule=rule,
            date=first,
            end_date=last,
            granularity=Granularity.MONTH,
        )
    if rule == "weekday-pair":
        nearest = _weekday_on_or_after if future else _weekday_on_or_before
        d1 = nearest(_WEEKDAYS[m.group("wd1").lower()], ref)
        d2 = nearest(_WEEKDAYS[m.group("wd2").lower()], ref)
        lo, hi = min(d1, d2), max(d1, d2)
        return DateMention(start=span[0], end=span[1], text=span[2], rule=rule, date=lo, end_date=hi)
    if rule == "last-weekday":
        wd = _WEEKDAYS[m.group("wd").lower()]
        resolved = _weekday_on_or_before(wd, ref - timedelta(days=1))  # strictly before
        return DateMention(start=span[0], end=span[1], text=span[2], rule=rule, date=resolved)
    if rule == "weekday":
        wd = _WEEKDAYS[m.group("wd").lower()]
        resolved = _weekday_on_or_after(wd, ref) if future else _weekday_on_or_before(wd, ref)
        return DateMention(start=span[0], end=span[1], text=span[2], rule=rule, date=resolved)
    if rule == "named-day":
        named = next(_NAMED_DAYS[k] for k, v in m.groupdict().items() if v)
        return DateMention(start=span[0], end=span[1], text=span[2], rule=rule, date=named)
    if rule == "relative-day":
        word = m.group("word").lower()
        resolved = ref - timedelta(days=1) if word == "yesterday" else ref
        return DateMention(start=span[0], end=span[1], text=span[2], rule=rule, date=resolved)
    if rule == "relative-period":
        when, period = m.group("when").lower(), m.group("period").lower()
        if when == "past" and not m.group("the"):
            return None  # "in past years"
        if m.group("the") and when in ("last", "past"):
            first, last = ref - timedelta(days=_PERIOD_DAYS[period]), ref - timedelta(days=1)
            granularity = Granularity.DAY
        else:
            first, last, granularity = _period(when, period, ref)
        return DateMention(
            start=span[0],
            end=span[1],
            text=span[2],
            rule=rule,
            date=first,
            end_date=last,
            granularity=granularity,
        )
    if rule == "shift":
        if m.group("adj"):
            n = 1
            unit = m.group("unit2").lower()
            sign = -1 if m.group("adj").lower() == "previous" else 1
        else:
            raw = m.group("n").lower()
            n = int(raw) if raw.isdigit() else _NUMBER_WORDS[raw]
            unit = m.group("unit").lower()
            sign = 1 if m.group("dir").lower() in ("later", "after") else -1
        days = n * (7 if unit == "week" else 1)
        return DateMention(
            start=span[0], end=span[1], text=span[2], rule=rule, date=anchor + timedelta(days=sign * days)
        )
    return None


def _part_of_month(part: str, first: date, last: date) -> tuple[date, date]:
    """Days 1-10 of the month for "early"/"the beginning of", 11-20 for "mid", 21 to the end for
    "late"/"the end of"."""
    word = part.lower().split()[1] if part.lower().startswith("the") else part.lower().rstrip("-")
    if word in ("early", "beginning", "start"):
        return first, first.replace(day=10)
    if word in ("mid", "middle"):
        return first.replace(day=11), first.replace(day=20)
    return first.replace(day=21), last


_PERIOD_DAYS = {"week": 7, "month": 30, "year": 365}


def _period(when: str, period: str, ref: date) -> tuple[date, date, Granularity]:
    """The day range of "last week", "earlier this month", "this past year"... said on ``ref``."""
    if period == "week":
        monday = ref - timedelta(days=ref.weekday())
        if when == "earlier this":
            return monday, max(monday, ref - timedelta(days=1)), Granularity.WEEK
        return monday - timedelta(days=7), monday - timedelta(days=1), Granularity.WEEK
    if period == "month":
        if when == "earlier this":
            first = ref.replace(day=1)
            return first, max(first, ref - timedelta(days=1)), Granularity.MONTH
        prev = ref.replace(day=1) - timedelta(days=1)
        first, last = _month_span(prev.year, prev.month)
        return first, last, Granularity.MONTH
    if when == "earlier this":
        first = date(ref.year, 1, 1)
        return first, max(first, ref - timedelta(days=1)), Granularity.YEAR
    return date(ref.year - 1, 1, 1), date(ref.year - 1, 12, 31), Granularity.YEAR
