"""What an article has said so far about people, places and quotations: the context in which
:mod:`storyline.attribution.speakers` resolves a later mention ("he", "the foreign minister",
"it") to the actor it stands for."""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field

from storyline.attribution.genders import PRONOUN_GENDER
from storyline.model import SpeakerType


@dataclass
class ArticleContext:
    """What an article has said so far about people, used to resolve later mentions."""

    outlet_names: frozenset[str] = frozenset()
    persons: list[tuple[int, str]] = field(default_factory=list)  # (offset, full name) in order
    groups: list[tuple[int, str]] = field(default_factory=list)
    roles: dict[str, str] = field(default_factory=dict)  # "foreign minister" -> "Ri Yong Ho"
    speakers: list[tuple[int, str, SpeakerType]] = field(default_factory=list)  # resolved so far
    genders: dict[str, str] = field(default_factory=dict)  # full name -> "m" | "f" (see ``genders``)
    quoted: list[tuple[int, int]] = field(default_factory=list)  # quotation segments, in order
    places: list[tuple[int, str]] = field(default_factory=list)  # (offset, country) named, in order
    said: list[tuple[int, int]] = field(default_factory=list)  # sources and contents resolved so far
    sentence_starts: list[int] = field(default_factory=list)  # offsets where sentences begin, in order
    # unnamed sources so far: (offset, head noun, actor, affiliation), in order
    unnamed: list[tuple[int, str, str, str | None]] = field(default_factory=list)
    text: str = ""

    def in_quotation(self, at: int) -> bool:
        """Whether offset ``at`` lies inside a quotation (a name there is one the speaker says)."""
        k = bisect.bisect_right(self.quoted, (at, 1 << 62)) - 1
        return k >= 0 and self.quoted[k][0] <= at < self.quoted[k][1]

    def fits(self, name: str, pronoun: str) -> bool:
        """Whether ``pronoun`` can refer to ``name``: not when the article genders them apart."""
        want = PRONOUN_GENDER.get(pronoun.lower())
        have = self.genders.get(name, PRONOUN_GENDER.get(name.lower()))  # an unresolved "he" is a man
        return want is None or have is None or want == have

    def learn(self, name: str, pronoun: str) -> None:
        """A gendered pronoun resolved to ``name`` genders them for the rest of the article (so a
        "he" right after "her statement" is not the same person)."""
        want = PRONOUN_GENDER.get(pronoun.lower())
        if want is not None:
            self.genders.setdefault(name, want)

    def full_name(self, name: str, gender: str | None = None) -> str:
        """The person the article names in full whose name holds ``name`` and ends with its last
        word. With two such people ("Ted Cruz", "Heidi Cruz"), the one the article introduced first
        (a surname alone is who owns it in the story; the other goes by a first name or "Mrs."),
        unless ``gender`` (from "Mr."/"Mrs.") says it is the other."""
        last = name.split()[-1].lower() if name.split() else ""
        found: dict[str, int] = {}
        for at, full in self.persons:
            words = full.lower().split()
            if words and words[-1] == last and len(full) > len(name) and name.lower() in full.lower():
                found.setdefault(full, at)
        # a shorter run inside a longer name ("Yong Ho", "Ri Yong Ho") is the longer one
        people = [f for f in found if not any(o != f and o.lower().endswith(" " + f.lower()) for o in found)]
        if gender is not None:  # known to fit, else not known not to
            people = (
                [f for f in people if self.genders.get(f) == gender]
                or [f for f in people if self.genders.get(f) is None]
                or people
            )
        return min(people, key=lambda f: found[f]) if people else name

    def names_surname(self, word: str) -> bool:
        """Whether the article names a person whose last word is ``word`` (case-insensitive)."""
        low = word.lower()
        return any(full.lower().split()[-1:] == [low] for _, full in self.persons)

    def unnamed_before(self, offset: int, noun: str) -> tuple[str, str | None] | None:
        """The actor and affiliation of the last unnamed source before ``offset`` whose head noun
        is ``noun`` ("A spokesperson for Google says ..." then "the spokesperson said")."""
        for at, head, actor, affiliation in reversed(self.unnamed):
            if at < offset and head == noun:
                return actor, affiliation
        return None

    def last_person_before(self, offset: int) -> str | None:
        return _last_before(self.persons, offset)

    def last_group_before(self, offset: int) -> str | None:
        return _last_before(self.groups, offset)


def _last_before(mentions: list[tuple[int, str]], offset: int) -> str | None:
    """The last of ``mentions`` (in order) before ``offset``."""
    k = bisect.bisect_left(mentions, (offset, ""))
    return mentions[k - 1][1] if k else None
