"""The parts of a speaker phrase that describe rather than name: its core noun phrase ("a senior
State Department official", without "who briefed ..."), the capitalised words that say whom it
works for, the role words, and which of the names in it is the person the phrase is about."""

from __future__ import annotations

from spacy.tokens import Span as SpacySpan
from spacy.tokens import Token

from storyline.attribution.speaker_words import CALENDAR_WORDS, ROLE_NOUNS, STRIP_EDGE, TITLE_WORDS
from storyline.attribution.tokens import pos


def name_parts(name: str) -> list[str]:
    """The words of a name and of its hyphenated parts ("Sharif el-Gamal" -> Sharif, el, Gamal): the
    parser splits a hyphenated name, so its head word is one part."""
    return name.replace("-", " ").split()


def person_named(persons: list[str], head: Token) -> str | None:
    """Of the person names in a phrase, the one its head word belongs to; when the head is a title
    ("Senate Minority Leader Chuck Schumer (D-N.Y.)", "Speaker of the House Rep. Paul Ryan (R-WI)":
    the parser heads them with "Leader", "Speaker"), the last name after it."""
    title = head.lower_.strip(".") in TITLE_WORDS
    found = next((p for p in persons if head.text in name_parts(p) and not (title and len(p.split()) == 1)), None)
    return found or (persons[-1] if title and persons and len(persons[-1].split()) >= 2 else None)


#: words that lead a speaker phrase without describing the speaker
_FOCUS_WORDS = frozenset(["even", "only", "also", "just", "and", "but", "still", "meanwhile", "then"])


def core_description(source: SpacySpan) -> str:
    """The noun phrase without relative clauses and trailing modifiers ("who briefed ...")."""
    head = source.root
    keep = [
        t
        for t in head.subtree
        if t.i <= head.i
        or t.dep_ in ("prep", "pobj", "compound", "poss", "case")
        and not any(a.dep_ in ("relcl", "acl") for a in t.ancestors if a.i > head.i)
    ]
    left = max(source.start, min(t.i for t in keep))  # not "As such," the parser hung on the noun
    doc = source.doc
    while left < head.i and doc[left].lower_ in _FOCUS_WORDS:  # "Even a senior official"
        left += 1
    right = head.i
    for t in head.rights:
        if t.dep_ == "prep" and t.lower_ in ("of", "from", "at", "in", "with", "for"):
            right = max(right, max(x.i for x in t.subtree))
            break
    return doc[left : min(right + 1, source.end)].text.strip(STRIP_EDGE)


def affiliation_words(source: SpacySpan) -> str:
    words = [t.text for t in source if pos(t) == "PROPN" or (t.dep_ == "compound" and t.text[:1].isupper())]
    return " ".join(words)


def role_words(source: SpacySpan) -> str | None:
    words = [t.text for t in source if t.lower_ in ROLE_NOUNS or t.lower_ in ("foreign", "vice", "prime")]
    role = " ".join(words).lower()
    return role or None


def _a_date(tok: Token) -> bool:
    return tok.lower_ in CALENDAR_WORDS or (tok.like_num and len(tok.text) == 4 and tok.text[:2] in ("19", "20"))


def org_name(source: SpacySpan) -> str:
    """An organisation as a phrase names it, without "the" and without when it spoke."""
    # not when it said it: "The New Haven Register on July 20, 2006, described him as ..."
    when = next((t for t in source.root.rights if t.dep_ == "prep" and any(map(_a_date, t.subtree))), None)
    if when is not None and when.i > source.start:
        source = source.doc[source.start : when.i]
    text = source.text.strip(STRIP_EDGE)
    for det in ("the ", "The "):
        text = text.removeprefix(det)
    return text
