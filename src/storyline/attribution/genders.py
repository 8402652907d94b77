"""Which pronoun an article uses for each person it names, so "she said" is not given to a man.

No name lists: the article itself says, in the patterns where a pronoun's referent is plain:

* a courtesy title: "Mr. Vask", "Ms. Dunn";
* a sentence whose subject is a pronoun ("She added ...", or '"...," he told reporters') right
  after a sentence whose first person named is one person: that person (the usual reading of news
  prose, where the next sentence goes on about the last one's subject);
* "Hollis said she ...": a pronoun right after the name's own reporting verb;
* "At her news conference, Prime Minister Annika Hollis said ...": an opening phrase with a
  possessive pronoun, then the subject named at once.

* a family noun in apposition to the full name: "Mr. Trump's wife Melania Trump", "Mr. Cruz's
  wife, Heidi Cruz", "Bill Clinton, her husband" (English's gendered nouns, not a list of names;
  it genders people who share a surname, whom the patterns above cannot tell apart).

A person gets a gender when the votes agree at least two to one; otherwise none, and pronoun
resolution ignores gender for them.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable

from spacy.tokens import Span as SpacySpan
from spacy.tokens import Token

MALE = "m"
FEMALE = "f"
PRONOUN_GENDER = {"he": MALE, "him": MALE, "his": MALE, "she": FEMALE, "her": FEMALE, "hers": FEMALE}

_TITLE = re.compile(r"\b(Mr|Mrs|Ms|Miss)\.?\s+([A-Z][\w'’-]+)")
COURTESY_GENDER = {"mr": MALE, "mrs": FEMALE, "ms": FEMALE, "miss": FEMALE}
_LEADING_PRONOUN = re.compile(r"^\s*(?:(He|She)\b|[“\"][^”\"\n]{1,600}[”\"]\s*(he|she)\b)")
#: A capitalised word, not a possessive ("Hollis's spokesman, Mats Lindahl, said ...": the
#: possessor is no subject).
_CAP_WORD = re.compile(r"\b([A-Z][\w'’-]*[\w])\b(?![’']s\b)")
#: "Hollis said she ...", "Wayne Pacelle, the CEO of The Humane Society, said he ...": the name,
#: a description set off by commas between, the verb, then the pronoun.
# "Sen. Kristen Gillibrand of New York, who announced her White House bid": one's own campaign
_WHO_LAUNCHED_HERS = re.compile(
    r"\b([A-Z][\w'’-]*[\w])(?:\s+of\s+[A-Z][\w.]*(?:\s+[A-Z][\w.]*)?)?,\s+who\s+(?:\w+\s+)?"
    r"(?:announced|launched|declared|began|started|ended|suspended|dropped)\s+(his|her)\b"
)
_NAME_SAID_PRONOUN = re.compile(
    r"\b([A-Z][\w'’-]*[\w])(?:,\s+(?:the|a|an)\s+[^,;:“\"\n]{1,80},)?"
    r"\s+(?:said|says|told \w+|added|insisted|argued|stressed|noted|acknowledged|admitted)"
    r"\s+(?:that\s+)?(he|she)\b"
)

#: "At her news conference after the collapse, Prime Minister Annika Hollis said ...": an opening
#: phrase with a possessive pronoun, then the sentence's subject, named at once: the pronoun is hers
_FRONTED_POSSESSIVE = re.compile(r"[A-Z][^,;:“\"]{0,100}?\b(his|her|His|Her)\b[^,;:“\"]{0,100},\s+")
_SUBJECT_NAME = re.compile(r"(?:[A-Z][\w'’.-]*\s+){0,5}?([A-Z][\w'’-]*[\w])(?![\w'’])\s+[a-z]")


def person_genders(text: str, names: Iterable[str]) -> dict[str, str]:
    """{full name: "m" | "f"} for the ``names`` (multi-word person names) the text genders."""
    full_names = sorted({n for n in names if len(n.split()) >= 2})
    if not full_names:
        return {}
    by_surname: dict[str, list[str]] = {}
    for name in full_names:
        by_surname.setdefault(name.split()[-1], []).append(name)
    owner = {s: owners[0] for s, owners in by_surname.items() if len(owners) == 1}  # "Kim" twice: no
    if not owner:
        return {}
    votes: dict[str, Counter[str]] = {}

    def vote(surname: str, gender: str, weight: int = 1) -> None:
        votes.setdefault(owner[surname], Counter())[gender] += weight

    for m in _TITLE.finditer(text):
        if m.group(2) in owner:
            vote(m.group(2), COURTESY_GENDER[m.group(1).lower()], 3)

    # quotes hold whole sentences: read sentences with the quotation marks' periods ignored
    previous_first: str | None = None
    for sent in _sentences(text):
        lead = _LEADING_PRONOUN.match(sent)
        if lead and previous_first is not None:
            vote(previous_first, PRONOUN_GENDER[(lead.group(1) or lead.group(2)).lower()])
        previous_first = next((w for w in _CAP_WORD.findall(sent) if w in owner), None)
        fronted = _FRONTED_POSSESSIVE.match(sent)
        if fronted and (subject := _SUBJECT_NAME.match(sent, fronted.end())) and subject.group(1) in owner:
            vote(subject.group(1), PRONOUN_GENDER[fronted.group(1).lower()])
    for m in (*_NAME_SAID_PRONOUN.finditer(text), *_WHO_LAUNCHED_HERS.finditer(text)):
        if m.group(1) in owner:
            vote(m.group(1), PRONOUN_GENDER[m.group(2).lower()])
    out = {}
    for name, counts in votes.items():
        male, female = counts[MALE], counts[FEMALE]
        if male >= 2 * female and male > 0:
            out[name] = MALE
        elif female >= 2 * male and female > 0:
            out[name] = FEMALE
    return out


_FAMILY_GENDER = {
    **dict.fromkeys(
        [
            "wife",
            "widow",
            "mother",
            "daughter",
            "sister",
            "niece",
            "aunt",
            "grandmother",
            "granddaughter",
            "girlfriend",
            "fiancée",
            "stepmother",
            "stepdaughter",
        ],
        FEMALE,
    ),
    **dict.fromkeys(
        [
            "husband",
            "widower",
            "father",
            "son",
            "brother",
            "nephew",
            "uncle",
            "grandfather",
            "grandson",
            "boyfriend",
            "fiancé",
            "stepfather",
            "stepson",
        ],
        MALE,
    ),
}
_FAMILY = "|".join(sorted(_FAMILY_GENDER, key=len, reverse=True))
_FAMILY_BEFORE = re.compile(rf"\b(?:his|her|their|[A-Z][\w.]*(?:’s|'s))\s+(?:\w+\s+)?({_FAMILY}),?\s+$")
_FAMILY_AFTER = re.compile(rf"^,\s+(?:his|her|their|the|[A-Z][\w.]*(?:’s|'s))\s+(?:\w+\s+)?({_FAMILY})\b")


def family_genders(text: str, names: Iterable[tuple[int, str]]) -> dict[str, str]:
    """{full name: gender} from a family noun in apposition ("his wife Melania Trump", "Heidi
    Cruz, his wife"): what tells apart two people who share a surname. ``names``: (offset, name)."""
    votes: dict[str, Counter[str]] = {}
    for at, name in names:
        before = _FAMILY_BEFORE.search(text, max(0, at - 40), at)
        after = _FAMILY_AFTER.match(text[at + len(name) : at + len(name) + 40])
        for m in (before, after):
            if m is not None:
                votes.setdefault(name, Counter())[_FAMILY_GENDER[m.group(1).lower()]] += 1
    return {name: c.most_common(1)[0][0] for name, c in votes.items() if len(c) == 1}


_BREAKS = re.compile(r"[“”\n]|[.!?](?=\s|$)")


def _sentences(text: str) -> list[str]:
    """Sentences, a quoted passage kept whole with what follows its closing mark."""
    out: list[str] = []
    inside = False
    start = 0
    for m in _BREAKS.finditer(text):
        ch = m.group()
        if ch == "“":
            inside = True
        elif ch == "”":
            inside = False
        elif ch == "\n" or not inside:
            piece = text[start : m.end()].strip()
            if piece:
                out.append(piece)
            start = m.end()
    if text[start:].strip():
        out.append(text[start:].strip())
    return out


def title_gender(source: SpacySpan, head: Token) -> str | None:
    """ "m"/"f" from a courtesy title before the name's head ("Mr. Cruz"), else None."""
    return next(
        (
            COURTESY_GENDER[t.lower_.strip(".")]
            for t in source
            if t.i < head.i and t.lower_.strip(".") in COURTESY_GENDER
        ),
        None,
    )
