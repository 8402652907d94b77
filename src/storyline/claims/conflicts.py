"""Structured comparison of two statements: scope, polarity, numbers, dates, entities.

Each check looks at what the two statements share (their common content words, the "focus") and
reports a typed :class:`~storyline.model.Conflict` with a reason a person can read:

- **scope**: "all" / "in their entirety" against "only", "partial", "not ... all", "a large
  package" — read near a shared focus word, so "all tests" elsewhere in the sentence does not count;
- **polarity**: one statement negates the shared predicate ("did not", "was not what");
- **number**: the same thing counted differently ("19 million" vs "15 million" watches);
- **date**: the same event placed on different days;
- **entity**: the same predicate with a different named actor ("Bolton" vs "Pompeo").
"""

from __future__ import annotations

import calendar
import re
from datetime import date
from enum import StrEnum

import msgspec

from storyline.claims.dates import find_dates
from storyline.claims.lexicons import (
    NEGATIONS,
    SCOPE_ALL,
    SCOPE_MAGNITUDE,
    SCOPE_ONLY,
    SCOPE_PARTIAL,
    STOPWORDS,
)
from storyline.claims.stance_features import fold, stem, tokenize
from storyline.model import Conflict, ConflictKind, Evidence
from storyline.provenance.drift import NUMBER_WORDS

SAME_MEASURE_RATIO = 3.0  # two figures of one noun further apart than this measure different things
# ages and spans: "a 14-year-old" and "between 16 and 18 years old" are different people, not two
# figures for one quantity
_SPAN_NOUNS = frozenset(["year", "month", "week", "day", "hour", "minute", "second", "decade", "century", "old"])


def measured_noun(noun: str) -> bool:
    """Whether a number's noun names a quantity two figures can disagree on ("veldor", "people",
    "percent"), not an age or a span of time."""
    return noun.isalpha() and noun.lower().removesuffix("s") not in _SPAN_NOUNS


def same_measure(fa: StatementFacts, fb: StatementFacts) -> list[tuple[float, float, str]]:
    """For each number of ``fa`` that counts a measured noun, the nearest number of ``fb`` counting
    the same noun when the two are of one order of magnitude (within ``SAME_MEASURE_RATIO``):
    ``(value, nearest, noun)``. "412 million veldor" and "well over half a billion veldor" are one
    measure; "3 million veldor a week" is not the same measure as 412 million a year."""
    out = []
    for value, noun in fa.numbers:
        theirs = [v for v, n in fb.numbers if n == noun and v > 0]
        if value > 0 and theirs and measured_noun(noun):
            nearest = min(theirs, key=lambda v: abs(v - value))
            if max(value, nearest) / min(value, nearest) <= SAME_MEASURE_RATIO:
                out.append((value, nearest, noun))
    return out


SCOPE_WINDOW = 6  # tokens either side of a focus word in which a quantifier counts
NOT_ALL_REACH = 5  # a negation this many tokens before "all" makes it "not all"
_TOKEN = re.compile(r"[A-Za-z0-9]+(?:[.,]\d+)*|n't")
_ENTITY = re.compile(r"\b([A-Z][a-z]+(?:\s+[A-Z][a-z]+)*)")
_NOT_ENTITIES = frozenset(
    [
        "The",
        "A",
        "An",
        "In",
        "On",
        "At",
        "But",
        "And",
        "So",
        "He",
        "She",
        "It",
        "They",
        "We",
        "I",
        "This",
        "That",
        "These",
        "Those",
        "If",
        "When",
        "While",
        "After",
        "Before",
        "Since",
        *calendar.day_name,
        *calendar.month_name[1:],
    ]
)
_MULTIPLIERS = {"thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12}


class Scope(StrEnum):
    ALL = "all"
    NOT_ALL = "not all"
    PARTIAL = "partial"
    ONLY = "only"
    MAGNITUDE = "large part"
    NONE = "unmarked"


_QUANTIFIERS = SCOPE_ALL | SCOPE_ONLY | SCOPE_PARTIAL | SCOPE_MAGNITUDE | {"entirety"}
NARROWED = frozenset({Scope.NOT_ALL, Scope.PARTIAL, Scope.ONLY, Scope.MAGNITUDE})


class StatementFacts(msgspec.Struct, frozen=True):
    """What the comparison reads off one statement (computed once per statement)."""

    tokens: tuple[str, ...]  # lowercased tokens, "n't" kept as "not"
    stems: tuple[str, ...]  # stem per token
    numbers: tuple[tuple[float, str], ...]  # (value, the noun it counts)
    dates: tuple[tuple[date, date], ...]  # resolved day ranges
    entities: frozenset[str]
    question: bool = False  # "Why can't Romney run his race?": its "not" asserts no negation


def read_facts(text: str, reference: date | None = None) -> StatementFacts:
    tokens = tuple(tokenize(text))
    stems = tuple(fold(stem(t)) for t in tokens)
    dates: tuple[tuple[date, date], ...] = ()
    if reference is not None:
        dates = tuple((m.date, m.end_date or m.date) for m in find_dates(text, reference))
    return StatementFacts(
        tokens=tokens,
        stems=stems,
        numbers=_numbers(tuple(_TOKEN.findall(text.lower()))),  # decimals kept whole: "1.33 billion"
        dates=dates,
        entities=_entities(text),
        question=text.rstrip(" \"'”’").endswith("?"),
    )


def _numbers(tokens: tuple[str, ...]) -> tuple[tuple[float, str], ...]:
    found = []
    for i, tok in enumerate(tokens):
        if (
            tok == "half"
            and tokens[i + 1 : i + 2] == ("a",)
            and tokens[i + 2 : i + 3]
            and tokens[i + 2] in _MULTIPLIERS
        ):
            value, j = 0.5, i + 2  # "half a billion"
        elif not tok[0].isdigit():
            continue
        else:
            try:
                value = float(tok.replace(",", ""))
            except ValueError:
                continue
            j = i + 1
        if j < len(tokens) and tokens[j] in _MULTIPLIERS:
            value *= _MULTIPLIERS[tokens[j]]
            j += 1
        while j < len(tokens) and tokens[j] in STOPWORDS:
            j += 1
        noun = stem(tokens[j]) if j < len(tokens) else ""
        found.append((value, noun))
    return tuple(found)


def _entities(text: str) -> frozenset[str]:
    names = set()
    for m in _ENTITY.finditer(text):
        words = [w for w in m.group(1).split() if w not in _NOT_ENTITIES]
        if words:
            names.add(" ".join(words).lower())
    return frozenset(names)


def focus(a: StatementFacts, b: StatementFacts) -> frozenset[str]:
    """Content stems the two statements share."""
    return frozenset(s for s in set(a.stems) & set(b.stems) if s not in STOPWORDS and not s[0].isdigit())


def scope_near(facts: StatementFacts, focus_stems: frozenset[str]) -> tuple[Scope, str]:
    """The quantifier that governs the shared focus words, with the words that say so."""
    toks = facts.tokens
    if not _QUANTIFIERS.intersection(toks):  # most statements: nothing to read
        return Scope.NONE, ""
    positions = [i for i, s in enumerate(facts.stems) if s in focus_stems] or list(range(len(facts.stems)))
    near: set[int] = set()
    for i in positions:
        near.update(range(max(0, i - SCOPE_WINDOW), min(len(toks), i + SCOPE_WINDOW + 1)))
    ordered = sorted(near)
    for i in ordered:
        if toks[i] in SCOPE_ONLY and not (i > 0 and toks[i - 1] == "not"):
            return Scope.ONLY, _window(toks, i)
    for i in ordered:
        if toks[i] in SCOPE_PARTIAL:
            if toks[i] in ("part", "portion") and _RANKED.intersection(toks[i + 1 : i + 10]):
                # "the part of the schedule Veldora could least afford to give up", "the biggest part":
                # how much that part weighs, not that it was only a part
                return Scope.MAGNITUDE, _window(toks, i)
            return Scope.PARTIAL, _window(toks, i)
    entirety = "entirety" in toks and any(
        a == "in" and b in ("their", "its") and c == "entirety"
        for a, b, c in zip(toks, toks[1:], toks[2:], strict=False)
    )
    idx = next((i for i in ordered if toks[i] in SCOPE_ALL and not _listing(toks, i)), None)
    if idx is not None or entirety:
        if idx is None:
            idx = next((i for i in ordered if toks[i] == "entirety"), 0)
        # "not ... all" only when the negation comes shortly before the quantifier ("it wasn't, as
        # X claimed, all the ..."); "every line, and no one could" and "I was not going to give
        # away the income of every port" keep their "every"
        negated = (
            any(toks[i] in NEGATIONS for i in near)
            and not _not_only(toks)
            and any(toks[k] in NEGATIONS for k in range(max(0, idx - NOT_ALL_REACH), idx))
        )
        return (Scope.NOT_ALL if negated else Scope.ALL), _window(toks, idx)
    for i in ordered:
        if toks[i] in SCOPE_MAGNITUDE:
            return Scope.MAGNITUDE, _window(toks, i)
    return Scope.NONE, ""


#: "at any one time", "in any case", "any more": idioms, not a quantifier over what is claimed.
_ANY_IDIOMS = frozenset(["one", "time", "case", "rate", "more", "longer", "way", "moment", "point"])


#: Cardinals after "all" / "every": "all nine surcharges" counts a set (its number is what can
#: conflict), "every two years" is a frequency; neither says "all" against "only" or "partial".
#: Not "one": "every one of the levies" is all of them.
_CARDINALS = frozenset(NUMBER_WORDS - {"one"})


def _listing(tokens: tuple[str, ...], i: int) -> bool:
    """ "everything from metals to seafood": a list of examples follows, not a claim about all;
    "at any one time": an idiom; "all nine surcharges": a count, not a scope."""
    nxt = tokens[i + 1] if i + 1 < len(tokens) else ""
    if tokens[i] == "any":
        return nxt in _ANY_IDIOMS
    if tokens[i] in ("all", "every") and (nxt in _CARDINALS or nxt[:1].isdigit()):
        return True
    return tokens[i] in ("everything", "anything") and nxt == "from"


def _not_only(tokens: tuple[str, ...]) -> bool:
    return any(a == "not" and b in ("only", "just", "merely") for a, b in zip(tokens, tokens[1:], strict=False))


def _window(tokens: tuple[str, ...], i: int, width: int = 3) -> str:
    return " ".join(tokens[max(0, i - width) : i + width + 1])


def negated_near(facts: StatementFacts, focus_stems: frozenset[str], least: int = 1) -> str:
    """The negation (with context) that governs the focus words (``least`` of them, distinct,
    within its reach), or "" when there is none."""
    if facts.question or _not_only(facts.tokens):
        return ""
    reach = SCOPE_WINDOW + 2
    for i, tok in enumerate(facts.tokens):
        governed = {s for s in facts.stems[i : i + reach + 1] if s in focus_stems}
        if tok in NEGATIONS and tok not in ("no", "without") and len(governed) >= least:
            if _contrastive(facts.tokens, i) or _EMBEDDED_QUESTION.intersection(facts.tokens[max(0, i - 4) : i]):
                continue  # "why he couldn't agree": the negation of a question asked, not said
            return _window(facts.tokens, i)
    return ""


def _words_of(fa: StatementFacts, fb: StatementFacts, stems: frozenset[str], most: int = 4) -> list[str]:
    """The words of the two statements behind ``stems``, as written (not the folded stems, such as
    "_demand" for "demanded", which a reader was shown)."""
    words = dict.fromkeys(t for f in (fa, fb) for t, s in zip(f.tokens, f.stems, strict=True) if s in stems)
    return list(words)[:most]


_EMBEDDED_QUESTION = frozenset(["why", "whether", "how"])
_RANKED = frozenset(["least", "most", "biggest", "largest", "costliest", "greatest", "main", "heart", "core"])


#: Words after which "not" negates a verb ("did not ask"); after anything else it contrasts two
#: things ("the 2021 surcharges, not the base levy"), which says what it is, not that it is not.
_NEGATED_VERB_BEFORE = frozenset(
    [
        "do",
        "does",
        "did",
        "is",
        "was",
        "are",
        "were",
        "be",
        "been",
        "am",
        "has",
        "have",
        "had",
        "will",
        "would",
        "can",
        "could",
        "should",
        "shall",
        "may",
        "might",
        "must",
        "need",
        "dare",
        "ought",
    ]
)


_DETERMINERS = ("the", "a", "an", "its", "their", "his", "her", "our")


def _contrastive(tokens: tuple[str, ...], i: int) -> bool:
    """ "X, not Y": a "not" that follows a noun and comes before a determiner or a noun phrase; or
    one that denies a second thing what the statement gave the first ("it is the platform of the
    party, it is not the platform of Romney": the noun after "not" was already said before it)."""
    if tokens[i] != "not" or i == 0:
        return False
    before, after = tokens[i - 1], tokens[i + 1] if i + 1 < len(tokens) else ""
    if before not in _NEGATED_VERB_BEFORE and after in _DETERMINERS:
        return True
    j = i + 1
    while j < len(tokens) and tokens[j] in _DETERMINERS:
        j += 1
    return j > i + 1 and j < len(tokens) and tokens[j] not in STOPWORDS and tokens[j] in tokens[:i]


_AUXILIARIES = frozenset(
    ["is", "was", "are", "were", "has", "have", "had", "did", "does", "do", "will", "would", "can", "could"]
    + ["should", "may", "might", "must", "be", "been"]
)
_SUBJECT_WORDS = 8  # a subject longer than this is a clause the statement opens with, not its subject


def _subject_stems(facts: StatementFacts) -> frozenset[str]:
    """The content stems before a statement's first auxiliary ("The firing was ...": ``fire``),
    when it opens with a short subject; empty for a pronoun subject or none found."""
    for i, tok in enumerate(facts.tokens[: _SUBJECT_WORDS + 1]):
        if tok in _AUXILIARIES:
            return frozenset(s for s in facts.stems[:i] if s not in STOPWORDS and not s[0].isdigit())
    return frozenset()


def said_of_other_things(fa: StatementFacts, fb: StatementFacts) -> bool:
    """Whether the two statements have subjects of their own that the other never mentions: "The
    firing was politically motivated" and "This investigation is not politically motivated" say
    opposite things of different things, which is no reversal of polarity."""
    sa, sb = _subject_stems(fa), _subject_stems(fb)
    if not sa or not sb:
        return False
    # by their first letters, so "the Mariscan delegation" and "Marisca" are one subject
    pa, pb = {s[:_PREFIX] for s in fa.stems}, {s[:_PREFIX] for s in fb.stems}
    return not {s[:_PREFIX] for s in sa} & pb and not {s[:_PREFIX] for s in sb} & pa


_PREFIX = 5


def compare(a: Evidence, fa: StatementFacts, b: Evidence, fb: StatementFacts) -> list[Conflict]:
    """Typed conflicts between two statements (empty when they do not conflict)."""
    shared = focus(fa, fb)
    if not shared:
        return []
    conflicts: list[Conflict] = []
    sa, wa = scope_near(fa, shared)
    sb, wb = scope_near(fb, shared)
    if (sa is Scope.ALL and sb in NARROWED) or (sb is Scope.ALL and sa in NARROWED):
        conflicts.append(
            Conflict(kind=ConflictKind.SCOPE, a=a, b=b, reason=f"scope: '{wa}' ({sa.value}) vs '{wb}' ({sb.value})")
        )
    na, nb = negated_near(fa, shared), negated_near(fb, shared)
    if bool(na) != bool(nb) and not conflicts and not said_of_other_things(fa, fb):
        which, about = na or nb, ", ".join(_words_of(fa, fb, shared))
        conflicts.append(
            Conflict(
                kind=ConflictKind.POLARITY,
                a=a,
                b=b,
                reason=f"polarity: '{which}' negates what the other states about {about}",
            )
        )
    conflicts.extend(_number_conflicts(a, fa, b, fb))
    conflicts.extend(_date_conflicts(a, fa, b, fb, shared))
    conflicts.extend(_entity_conflicts(a, fa, b, fb))
    return conflicts


def _fmt(value: float) -> str:
    return f"{value:,.0f}" if value == int(value) else f"{value:,}"


def _number_conflicts(a: Evidence, fa: StatementFacts, b: Evidence, fb: StatementFacts) -> list[Conflict]:
    out = []
    for va, noun_a in fa.numbers:
        for vb, noun_b in fb.numbers:
            if noun_a and noun_a == noun_b and va != vb and not any(v == va for v, n in fb.numbers if n == noun_a):
                out.append(
                    Conflict(
                        kind=ConflictKind.NUMBER,
                        a=a,
                        b=b,
                        reason=f"number: {_fmt(va)} vs {_fmt(vb)} {noun_a}",
                    )
                )
                return out
    return out


def _date_conflicts(
    a: Evidence, fa: StatementFacts, b: Evidence, fb: StatementFacts, shared: frozenset[str]
) -> list[Conflict]:
    if not fa.dates or not fb.dates or len(shared) < 2:
        return []
    overlaps = any(s1 <= e2 and s2 <= e1 for s1, e1 in fa.dates for s2, e2 in fb.dates)
    if overlaps:
        return []
    return [
        Conflict(
            kind=ConflictKind.DATE,
            a=a,
            b=b,
            reason=f"date: {fa.dates[0][0].isoformat()} vs {fb.dates[0][0].isoformat()} for the same event",
        )
    ]


def _entity_conflicts(a: Evidence, fa: StatementFacts, b: Evidence, fb: StatementFacts) -> list[Conflict]:
    only_a, only_b = fa.entities - fb.entities, fb.entities - fa.entities
    if not only_a or not only_b:
        return []
    name_stems = {stem(w) for e in fa.entities | fb.entities for w in e.split()}
    rest_a = {s for s in fa.stems if s not in STOPWORDS and s not in name_stems}
    rest_b = {s for s in fb.stems if s not in STOPWORDS and s not in name_stems}
    if not rest_a or not rest_b:
        return []
    overlap = len(rest_a & rest_b) / min(len(rest_a), len(rest_b))
    if overlap < 0.6:
        return []
    return [
        Conflict(
            kind=ConflictKind.ENTITY,
            a=a,
            b=b,
            reason=f"entity: '{sorted(only_a)[0]}' vs '{sorted(only_b)[0]}' in the same statement",
        )
    ]
