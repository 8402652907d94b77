"""What kind of actor a speaker is, judged from the whole story's text, and which named person a
role description means.

The parser types a bare capitalised name as a person when nothing in its sentence says otherwise;
across a story there is more evidence:

* a name whose demonym the story also uses ("Marisca" next to "Mariscan", "Veldora" next to
  "Veldoran") is a country, even one no gazetteer lists;
* an acronym ("CP", "RMB") or a name ending in an organisation word ("the Maritime Authority",
  "the Halvard Line") is an organisation;
* a name ending in a geographic word ("the Corran Strait") is a place, not a speaker at all.

A description such as "Marisca's foreign minister" is the named person the story attaches to the
same words ("Marisca's foreign minister, Teodor Vask", "Mirela Dunn, Marisca's deputy foreign
minister", "Mariscan Foreign Minister Teodor Vask"), when exactly one person is attached.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Set

from storyline.attribution.gazetteer import country_mentions, is_organisation_word
from storyline.attribution.name_words import GEOGRAPHIC_LAST_WORDS
from storyline.model import SpeakerType

#: Last words that make a name an organisation, besides the parser's organisation nouns.
ORGANISATION_HEADS = frozenset(
    [
        "alliance",
        "authority",
        "airline",
        "airlines",
        "airways",
        "assembly",
        "bank",
        "board",
        "broadcaster",
        "cabinet",
        "coalition",
        "corps",
        "directorate",
        "exchange",
        "federation",
        "forum",
        "league",
        "line",
        "lines",
        "ltd",
        "parliament",
        "plc",
        "secretariat",
        "tribunal",
    ]
)
_CAP_WORD = re.compile(r"\b[A-Z][a-z]{3,}\b")
_ACRONYM = re.compile(r"^[A-Z]{2,6}$")
_NAME = r"([A-Z][\w'’-]+(?:[ ][A-Z][\w'’-]+){1,3})"
_DETERMINERS = ("the ", "a ", "an ")


def demonym_countries(texts: Iterable[str]) -> dict[str, str]:
    """Capitalised names the story also uses as a demonym: {"Mariscan": "Marisca", ...}.

    A word ending in -n, -ese or -i whose stem is itself a capitalised word of the story
    ("Veldoran" / "Veldora", "Japanese" / "Japan", "Israeli" / "Israel"), or in -ian whose stem
    with -e or -a is ("Calvenian" / "Calvene", "Canadian" / "Canada")."""
    words: Counter[str] = Counter()
    for text in texts:
        words.update(_CAP_WORD.findall(text))
    out: dict[str, str] = {}
    for word in words:
        for suffix in ("n", "ese", "i"):
            stem = word.removesuffix(suffix)
            if stem != word and len(stem) >= 4 and stem in words:
                out[word] = stem
                break
        if word not in out and word.endswith("ian") and len(word) >= 7:
            stem = word[:-3]
            found = next((c for c in (stem + "e", stem + "a") if c in words), None)
            if found is not None:
                out[word] = found
    return out


def place_mentions(text: str) -> list[tuple[int, str]]:
    """``country_mentions`` and the places the text names whose demonym it also uses, unknown to
    the gazetteer ("For Marisca the distinction matters", in a text that says "Mariscan"), in
    text order: what "it" and "its" can stand for."""
    found = dict(country_mentions(text))
    named = set(demonym_countries([text]).values()) - set(found.values())
    if named:
        for m in re.finditer(r"\b(?:" + "|".join(map(re.escape, sorted(named))) + r")\b", text):
            found.setdefault(m.start(), m.group())
    return sorted(found.items())


def kind_of_name(name: str, countries: Set[str], person_words: Set[str]) -> SpeakerType | None:
    """A better kind than "person" for a name typed as a person, or None to keep it.

    ``countries``: names known to be countries in this story; ``person_words``: the words of the
    story's multi-word person names (a surname is never re-typed because of a demonym)."""
    bare = name.strip()
    low = bare.lower()
    for det in _DETERMINERS:
        low = low.removeprefix(det)
    words = low.split()
    if not words:
        return None
    if _ACRONYM.match(bare.replace(".", "")):
        return SpeakerType.ORGANIZATION
    if words[-1] in GEOGRAPHIC_LAST_WORDS and len(words) >= 2:
        return SpeakerType.UNKNOWN
    last = bare.split()[-1]
    if len(words) >= 2 and (words[-1] in ORGANISATION_HEADS or is_organisation_word(last)):
        return SpeakerType.ORGANIZATION
    if bare in countries and not (set(bare.split()) & person_words):
        return SpeakerType.ORGANIZATION
    parts = [p.strip() for p in re.split(r",|\band\b", bare) if p.strip()]
    if len(parts) >= 2 and all(p in countries for p in parts):  # "Veldora and Marisca"
        return SpeakerType.GROUP
    return None


def person_for_description(description: str, texts: Iterable[str]) -> str | None:
    """The one named person the story attaches to ``description`` by apposition, or None.

    "Marisca's foreign minister, Teodor Vask" and "Mirela Dunn, Marisca's deputy foreign
    minister" name the person; a description attached to two different people resolves to none."""
    core = description.strip()
    for det in _DETERMINERS:
        if core.lower().startswith(det):
            core = core[len(det) :]
    anchored = "'" in core or "’" in core or core[:1].isupper()
    if len(core.split()) < 2 or not anchored:
        return None  # a bare role ("the official", "the foreign minister"): the role table's job
    pattern = r"\s+".join(re.escape(w.replace("’", "'")).replace("'", "['’]") for w in core.split())
    after = re.compile(rf"(?i:{pattern}),\s+{_NAME}")
    before = re.compile(rf"{_NAME},\s+(?:(?i:the)\s+)?(?i:{pattern})\b")
    names: Counter[str] = Counter()
    for text in texts:
        for m in after.finditer(text):
            names[m.group(1)] += 1
        for m in before.finditer(text):
            names[m.group(1)] += 1
    distinct = {n.split()[-1] for n in names}
    if len(distinct) != 1:
        return None
    return max(names, key=lambda n: (len(n.split()), names[n], n))
