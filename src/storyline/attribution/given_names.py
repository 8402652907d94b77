"""English short forms of given names ("Chuck" for Charles, "Bill" for William), so that one
outlet's "Chuck Schumer" and another's "Charles Schumer" are one actor.

A table of the language's hypocorisms, not of people: a short form maps to the formal names it is
used for. Two given names are the same when they are equal or share a formal name.
"""

from __future__ import annotations

import functools

_SHORT_FORMS: dict[str, tuple[str, ...]] = {
    "al": ("albert", "alan", "alfred"),
    "alex": ("alexander", "alexandra"),
    "andy": ("andrew",),
    "ben": ("benjamin",),
    "bernie": ("bernard",),
    "beth": ("elizabeth",),
    "bill": ("william",),
    "billy": ("william",),
    "bob": ("robert",),
    "bobby": ("robert",),
    "chris": ("christopher", "christine", "christina"),
    "chuck": ("charles",),
    "dan": ("daniel",),
    "danny": ("daniel",),
    "dave": ("david",),
    "dick": ("richard",),
    "don": ("donald",),
    "ed": ("edward",),
    "eddie": ("edward",),
    "fred": ("frederick",),
    "greg": ("gregory",),
    "hank": ("henry",),
    "harry": ("henry", "harold"),
    "jack": ("john",),
    "jake": ("jacob",),
    "jeff": ("jeffrey",),
    "jerry": ("gerald", "jerome"),
    "jim": ("james",),
    "jimmy": ("james",),
    "joe": ("joseph",),
    "jon": ("jonathan",),
    "kate": ("katherine", "kathryn", "catherine"),
    "katie": ("katherine", "kathryn", "catherine"),
    "ken": ("kenneth",),
    "larry": ("lawrence",),
    "liz": ("elizabeth",),
    "matt": ("matthew",),
    "mike": ("michael",),
    "mitch": ("mitchell",),
    "nick": ("nicholas",),
    "pat": ("patrick", "patricia"),
    "peggy": ("margaret",),
    "pete": ("peter",),
    "rick": ("richard",),
    "rob": ("robert",),
    "ron": ("ronald",),
    "sam": ("samuel", "samantha"),
    "steve": ("steven", "stephen"),
    "sue": ("susan",),
    "ted": ("edward", "theodore"),
    "tom": ("thomas",),
    "tony": ("anthony",),
    "vince": ("vincent",),
    "will": ("william",),
}


@functools.lru_cache(maxsize=4096)
def _forms(name: str) -> frozenset[str]:
    low = name.lower()
    return frozenset((low, *_SHORT_FORMS.get(low, ())))


def same_given_name(a: str, b: str) -> bool:
    """Whether two given names can name one person ("Chuck" / "Charles", "Bill" / "William")."""
    return bool(_forms(a) & _forms(b))
