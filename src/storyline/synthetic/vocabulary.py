"""Word lists for generated news: common English nouns and adjectives from ``wordfreq``, invented
names and places from syllables, and the small closed sets (reporting verbs, titles, outlet
words) that a news template needs.

The wordfreq lists give every event its own vocabulary (thousands of nouns and adjectives picked
by suffix), so two generated events rarely share more than function words.
"""

from __future__ import annotations

import random
import re
from collections.abc import Sequence
from functools import lru_cache
from typing import TypeVar

T = TypeVar("T")

_ONSETS = (
    "b",
    "br",
    "c",
    "d",
    "dr",
    "f",
    "g",
    "h",
    "k",
    "l",
    "m",
    "n",
    "p",
    "r",
    "s",
    "st",
    "t",
    "v",
    "z",
    "gr",
    "pl",
    "sh",
    "tr",
    "w",
    "y",
    "j",
)
_VOWELS = ("a", "e", "i", "o", "u", "ai", "ea", "ou", "io", "au")
_CODAS = ("", "", "n", "r", "l", "s", "th", "nd", "rk", "v", "m", "t", "sk")
_NOUN_ENDINGS = (
    "tion",
    "sion",
    "ment",
    "ness",
    "ity",
    "ance",
    "ence",
    "ship",
    "ism",
    "ure",
    "age",
    "ery",
    "hood",
    "dom",
)
_ADJECTIVE_ENDINGS = ("al", "ive", "ous", "ic", "able", "ible", "ful", "less", "ary")
_WORD = re.compile(r"[a-z]{4,14}")
# words a generated corpus can do without (it is read by people running the benchmarks)
_AVOID = re.compile(
    r"sex|porn|rape|adult|erect|sodom|nazi|semit|racis|slave|suicid|murder|abus|terror|nigg|"
    r"fuck|shit|bitch|whore|slut|penis|vagin|breast|nude|naked|drug|cocaine|heroin|jesus|christ|"
    r"islam|muslim|jew|juda|relig|hell|church|bibl|gay|lesbian|trans|kill|dead|death|genocid|holocaust|pedo|incest|weed"
)

REPORTING_VERBS = (
    "said",
    "told reporters",
    "insisted",
    "claimed",
    "denied",
    "conceded",
    "acknowledged",
    "argued",
    "warned",
    "added",
    "stressed",
    "maintained",
    "noted",
    "explained",
    "alleged",
)
QUOTE_VERBS = ("said", "insisted", "claimed", "argued", "warned", "added", "stressed", "maintained", "noted")
PAST_VERBS = (
    "delayed",
    "blocked",
    "approved",
    "rejected",
    "expanded",
    "suspended",
    "revived",
    "reviewed",
    "challenged",
    "weakened",
    "doubled",
    "cut",
    "raised",
    "questioned",
    "defended",
    "drafted",
    "postponed",
    "signed",
    "threatened",
    "funded",
    "halted",
    "restored",
    "extended",
    "abandoned",
    "disrupted",
    "tightened",
    "eased",
    "announced",
    "proposed",
    "cancelled",
    "investigated",
)
BASE_VERBS = (
    "accept",
    "support",
    "block",
    "fund",
    "delay",
    "sign",
    "review",
    "reverse",
    "defend",
    "expand",
    "limit",
    "protect",
    "end",
    "renew",
    "challenge",
    "negotiate",
    "approve",
    "abandon",
)
PREPOSITIONS = ("in", "across", "near", "around", "beyond", "within", "after", "before", "despite", "over")
TITLES = (
    "minister",
    "spokesperson",
    "director",
    "senior official",
    "analyst",
    "mayor",
    "chair",
    "economist",
    "union leader",
    "deputy minister",
    "researcher",
    "governor",
    "commissioner",
    "prosecutor",
    "police chief",
    "party leader",
    "chief executive",
    "ambassador",
    "judge",
    "board member",
)
ORG_HEADS = (
    "Ministry",
    "Council",
    "Authority",
    "Union",
    "Commission",
    "Board",
    "Agency",
    "Federation",
    "Institute",
    "Party",
    "Court",
    "Bank",
    "Alliance",
    "Department",
    "Office",
)
MASTHEADS = (
    "Herald",
    "Post",
    "Times",
    "Courier",
    "Gazette",
    "Observer",
    "Ledger",
    "Tribune",
    "Review",
    "Chronicle",
    "Journal",
    "Standard",
    "Record",
    "Sentinel",
    "Dispatch",
    "Examiner",
)
DIGEST_MASTHEADS = ("Digest", "Week", "Briefing", "Roundup", "Daily Brief")
WIRE_SUFFIXES = ("Press", "Wire", "News Service", "Press Agency", "Newswire")
UNITS = (
    "jobs",
    "families",
    "homes",
    "companies",
    "vessels",
    "schools",
    "farms",
    "clinics",
    "flights",
    "workers",
    "tonnes of grain",
    "kilometres of track",
)
CURRENCIES = ("dollars", "euros", "crowns", "marks", "dinars")
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
DESKS = ("politics", "business", "foreign", "city", "economics", "courts", "energy", "labour")
PRONOUNS = ("He", "She", "They")


class Vocabulary:
    """Nouns and adjectives (wordfreq's 40,000 most frequent English words, picked by suffix)."""

    def __init__(self) -> None:
        from wordfreq import top_n_list

        words = [w for w in top_n_list("en", 30_000)[300:] if _WORD.fullmatch(w) and not _AVOID.search(w)]
        self.nouns: tuple[str, ...] = tuple(w for w in words if w.endswith(_NOUN_ENDINGS))
        self.adjectives: tuple[str, ...] = tuple(
            w for w in words if w.endswith(_ADJECTIVE_ENDINGS) and not w.endswith(_NOUN_ENDINGS)
        )
        self.common: tuple[str, ...] = tuple(words[:6000])  # everyday words for background sentences


@lru_cache(maxsize=1)
def vocabulary() -> Vocabulary:
    return Vocabulary()


def pick(rng: random.Random, seq: Sequence[T]) -> T:
    """``rng.choice(seq)``, three times faster (the generator makes millions of these)."""
    return seq[int(rng.random() * len(seq))]


def invented_word(rng: random.Random, syllables: int) -> str:
    """A pronounceable capitalised word that is (almost surely) no real name."""
    return "".join(pick(rng, _ONSETS) + pick(rng, _VOWELS) + pick(rng, _CODAS) for _ in range(syllables)).capitalize()


def person_name(rng: random.Random) -> str:
    return f"{invented_word(rng, rng.randint(1, 2))} {invented_word(rng, rng.randint(2, 3))}"
