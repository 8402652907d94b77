"""Who a journalist's epithet stands for: "the California Democrat", "the GOP front-runner", "the
presumptive Republican nominee" name a politician the article named before by what it said of
them: the party, the state and the role written around the name ("House Minority Leader Nancy
Pelosi (D-Calif.)", "GOP presidential hopeful Donald Trump").

Each earlier mention of a person is read for those descriptors (the title just before the name and
a party or state tag just after it). The epithet goes to the person who shares a state or a role
with it, or two descriptors, and contradicts none (another party, another state): most shared,
then latest. Otherwise it is the last person named who contradicts none ("The candidate sought
..." after "Gov. Rick Perry of Texas ... Mr. Perry"); a party alone is too common to pass over
the person just named.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

_STATES = {
    "alabama": ("ala", "al"),
    "alaska": ("ak",),
    "arizona": ("ariz", "az"),
    "arkansas": ("ark", "ar"),
    "california": ("calif", "ca"),
    "colorado": ("colo", "co"),
    "connecticut": ("conn", "ct"),
    "delaware": ("del", "de"),
    "florida": ("fla", "fl"),
    "georgia": ("ga",),
    "hawaii": ("hi",),
    "idaho": ("id",),
    "illinois": ("ill", "il"),
    "indiana": ("ind", "in"),
    "iowa": ("ia",),
    "kansas": ("kan", "ks"),
    "kentucky": ("ky",),
    "louisiana": ("la",),
    "maine": ("me",),
    "maryland": ("md",),
    "massachusetts": ("mass", "ma"),
    "michigan": ("mich", "mi"),
    "minnesota": ("minn", "mn"),
    "mississippi": ("miss", "ms"),
    "missouri": ("mo",),
    "montana": ("mont", "mt"),
    "nebraska": ("neb", "ne"),
    "nevada": ("nev", "nv"),
    "new hampshire": ("nh",),
    "new jersey": ("nj",),
    "new mexico": ("nm",),
    "new york": ("ny",),
    "north carolina": ("nc",),
    "north dakota": ("nd",),
    "ohio": ("oh",),
    "oklahoma": ("okla", "ok"),
    "oregon": ("ore", "or"),
    "pennsylvania": ("pa",),
    "rhode island": ("ri",),
    "south carolina": ("sc",),
    "south dakota": ("sd",),
    "tennessee": ("tenn", "tn"),
    "texas": ("tex", "tx"),
    "utah": ("ut",),
    "vermont": ("vt",),
    "virginia": ("va",),
    "washington": ("wash", "wa"),
    "west virginia": ("wva", "wv"),
    "wisconsin": ("wis", "wi"),
    "wyoming": ("wyo", "wy"),
}
_STATE_OF = {abbr: name for name, abbrs in _STATES.items() for abbr in (*abbrs, name.replace(" ", ""))}
_PARTY_OF = {
    "democrat": "democrat",
    "democratic": "democrat",
    "democrats": "democrat",
    "d": "democrat",
    "republican": "republican",
    "republicans": "republican",
    "gop": "republican",
    "r": "republican",
    "independent": "independent",
    "i": "independent",
}
#: words of an epithet that say what role the person has (modifiers such as "presidential" say nothing)
_ROLE_WORDS = frozenset(["candidate", "hopeful", "nominee", "front-runner", "frontrunner", "contender"])

_OFFICES = {
    "governor": "governor",
    "gov": "governor",
    "senator": "senator",
    "sen": "senator",
    "congressman": "representative",
    "congresswoman": "representative",
    "representative": "representative",
    "rep": "representative",
    "mayor": "mayor",
    "lawmaker": "legislator",
    "legislator": "legislator",
}

_TITLE_CHARS = 40  # how far before a name its title is read
_TAG_CHARS = 24  # how far after a name its party or state tag is read: " (D-Calif.)", ", R-Ky.,"
# where the words about a name begin: a clause mark or a sentence end, not the period of a title
# ("Maine Gov. Paul LePage")
_CLAUSE_MARK = re.compile(r"[,;:()\"“”—–―]|(?<=[a-z]{3})\.\s|[!?]\s")
_TAG = re.compile(
    r"\s*[,(]\s*(?:(?P<party>[DRI])\s*-\s*)?(?P<state>[A-Z][A-Za-z.]{1,12}(?:\s[A-Z][a-z.]{1,8})?)\s*[),]"
)
_WORD = re.compile(r"[A-Za-z][\w'’.-]*")


def descriptors(words: Iterable[str]) -> set[tuple[str, str]]:
    """(kind, value) pairs a phrase says of a politician: ("party", "democrat"), ("state",
    "california"), ("role", "nominee")."""
    out: set[tuple[str, str]] = set()
    low = [w.lower().strip(".'’").replace(".", "") for w in words]
    for i, w in enumerate(low):
        if w in _PARTY_OF and len(w) > 1:  # a lone "D" or "I" only in a tag ("D-Calif.")
            out.add(("party", _PARTY_OF[w]))
        two = f"{w} {low[i + 1]}" if i + 1 < len(low) else ""
        if two in _STATES:
            out.add(("state", two))
        elif w in _STATES:
            out.add(("state", w))
        if w in _ROLE_WORDS:
            out.add(("role", "candidate"))  # a hopeful, a nominee, a front-runner: all running
        elif w in _OFFICES:
            out.add(("role", _OFFICES[w]))
            if _OFFICES[w] in ("senator", "representative", "legislator"):
                out.add(("role", "legislator"))  # "the Texas lawmaker" is a senator or a representative
    return out


def mention_descriptors(text: str, at: int, name: str) -> set[tuple[str, str]]:
    """What the text says of the person named at ``at``: the title just before the name (up to
    the last punctuation) and a party or state tag just after it."""
    before = _CLAUSE_MARK.split(text[max(0, at - _TITLE_CHARS) : at])[-1]
    out = descriptors(_WORD.findall(before))
    tag = _TAG.match(text, at + len(name), at + len(name) + _TAG_CHARS)
    if tag is not None:
        if tag.group("party"):
            out.add(("party", _PARTY_OF[tag.group("party").lower()]))
        state = _STATE_OF.get(tag.group("state").lower().replace(".", "").replace(" ", ""))
        if state:
            out.add(("state", state))
    return out


def _conflicts(wanted: set[tuple[str, str]], known: set[tuple[str, str]]) -> bool:
    """Whether a person's descriptors contradict the epithet: another party or another state."""
    for kind in ("party", "state"):
        want = {v for k, v in wanted if k == kind}
        have = {v for k, v in known if k == kind}
        if want and have and not want & have:
            return True
    return False


def epithet_referent(epithet: str, mentions: list[tuple[int, str]], text: str) -> str | None:
    """The person ``epithet`` stands for, of ``mentions`` ((offset, full name) before it, in text
    order, each found where the name is written), or None when every one contradicts it."""
    wanted = descriptors(_WORD.findall(epithet))
    known: dict[str, set[tuple[str, str]]] = {}
    latest: dict[str, int] = {}
    for at, name in mentions:
        known.setdefault(name, set())
        latest[name] = at
        written = next((w for w in (name, name.split()[-1]) if text.startswith(w, at)), None)
        if written is not None:  # a name as written, not a speaker remembered at its cue
            known[name] |= mention_descriptors(text, at, written)
    fitting = [n for n in known if not _conflicts(wanted, known[n])]
    if not fitting:
        return None
    # a party alone is shared by too many to pass over the latest person named ("the Democratic
    # presidential candidate" after "Vermont Sen. Bernie Sanders" is not "Sen. Dick Durbin (D-Ill.)")
    telling = [n for n in fitting if len(wanted & known[n]) >= 2 or {k for k, _ in wanted & known[n]} - {"party"}]
    return max(telling or fitting, key=lambda n: (len(wanted & known[n]), latest[n]) if telling else latest[n])
