"""Words that make a capitalised run a place, a thing or a title rather than a person's name."""

from __future__ import annotations

# words that make a capitalised run a place or a building, not a person ("Port Alder", "Hotel
# Calder" / "Corran Strait", "Kessel Terminal"): a later "he" never refers to one. Words that are
# also common surnames (Hall, Park, Bridge) are left out.
PLACE_FIRST_WORDS = frozenset(["port", "cape", "mount", "lake", "hotel", "fort", "gulf", "bay", "isle"])
#: Last words of names of natural places ("the Corran Strait"): nobody speaks as one. ("Lake" and
#: "Cape" open such names, and end people's: see ``PLACE_FIRST_WORDS``.)
GEOGRAPHIC_LAST_WORDS = frozenset(
    [
        "strait",
        "straits",
        "river",
        "island",
        "islands",
        "sea",
        "bay",
        "gulf",
        "harbour",
        "harbor",
        "valley",
        "coast",
        "peninsula",
        "canal",
        "channel",
        "ocean",
        "mountains",
    ]
)
#: Last words of names of built or administrative places ("Alder Maritime Hall"); some stand for
#: whoever sits there ("Downing Street said"), so only the person-name test skips them.
BUILT_PLACE_LAST_WORDS = frozenset(
    [
        "street",
        "avenue",
        "square",
        "airport",
        "station",
        "county",
        "province",
        "city",
        "palace",
        "terminal",
        "hall",
        "hotel",
        "building",
        "tower",
        "bridge",
        "park",
        "road",
        "centre",
        "center",
    ]
)
PLACE_LAST_WORDS = GEOGRAPHIC_LAST_WORDS | BUILT_PLACE_LAST_WORDS
#: Last words of capitalised runs that name laws, documents and events, not people ("the Strait
#: Act", "the Hanoi Summit").
THING_LAST_WORDS = frozenset(
    [
        "act",
        "treaty",
        "accord",
        "accords",
        "agreement",
        "bill",
        "law",
        "convention",
        "protocol",
        "charter",
        "declaration",
        "summit",
        "talks",
        "war",
        "cup",
        "prize",
        "award",
        "plan",
        "program",
        "programme",
        "poll",  # "an NBC-Wall Street Journal Poll"
        "survey",
        "address",  # "the Inaugural Address"
    ]
)

#: government departments, a word of a title, not of a name ("Secretary of the Interior Ryan Zinke")
DEPARTMENT_WORDS = frozenset(
    [
        "interior",
        "treasury",
        "defense",
        "defence",
        "homeland",
        "commerce",
        "labor",
        "agriculture",
        "energy",
        "transportation",
        "education",
        "justice",
    ]
)
