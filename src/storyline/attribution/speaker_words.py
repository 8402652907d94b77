"""Word lists that type a source phrase: pronouns, role nouns, titles, group and organisation nouns."""

from __future__ import annotations

import calendar
import re

PRONOUNS_PERSON = frozenset({"he", "she", "him", "her", "his"})

PRONOUNS_GROUP = frozenset({"they", "them"})

PRONOUNS_OTHER = frozenset({"it", "i", "we", "you", "this", "that", "who", "which"})

# titles of elected members ("Congressman Ryan"): role nouns, title words and person titles alike
LEGISLATOR_TITLES = ("congressman", "congresswoman", "councilman", "councilwoman", "assemblyman", "assemblywoman")

ROLE_NOUNS = frozenset(
    [
        "president",
        "minister",
        "secretary",
        "adviser",
        "advisor",
        "director",
        "chairman",
        "chairwoman",
        "chair",
        "senator",
        *LEGISLATOR_TITLES,
        "governor",
        "leader",
        "spokesman",
        "spokeswoman",
        "spokesperson",
        "ambassador",
        "envoy",
        "mayor",
        "premier",
        "chancellor",
        "king",
        "queen",
        "general",
        "commander",
        "chief",
        "representative",
        "rep",
        "sen",
        "gov",
        "negotiator",
        "diplomat",
        "candidate",
        "nominee",
        "speaker",
        "attorney",
        "judge",
        "justice",
        "official",
        "officer",
        "aide",
        "economist",
        "analyst",
        "host",
        "anchor",
        "columnist",
        "commentator",
        "professor",
        "executive",
        "ceo",
        "founder",
        "sheriff",
        "prosecutor",
        "counsel",
        "lawyer",
        "manager",
        "strategist",
        "pollster",
        "correspondent",
    ]
)

#: Where words are kept, not who reports them: "according to the committee's transcript".
RECORD_NOUNS = frozenset(
    ["transcript", "record", "recording", "minutes", "audio", "video", "footage", "tape", "readout", "notes"]
)

ANONYMOUS_NOUNS = frozenset(
    [
        "official",
        "source",
        "person",
        "aide",
        "diplomat",
        "insider",
        "adviser",
        "advisor",
        "staffer",
        "officer",
        "expert",
        "analyst",
        "member",
        "spokesman",
        "spokeswoman",
        "spokesperson",
        "deputy",
        "someone",
        "employee",
        "observer",
        "individual",
    ]
)

ANONYMOUS_MARKERS = frozenset(
    ["unidentified", "unnamed", "anonymous", "senior", "one", "two", "three", "several", "some", "a", "an"]
)

GROUP_NOUNS = frozenset(
    [
        "officials",
        "sources",
        "people",
        "aides",
        "diplomats",
        "members",
        "delegation",
        "critics",
        "supporters",
        "experts",
        "analysts",
        "democrats",
        "republicans",
        "voters",
        "leaders",
        "lawmakers",
        "protesters",
        "residents",
        "authorities",
        "negotiators",
        "investigators",
        "observers",
        "administration",
        "team",
        "staff",
        "government",
        "others",
        "both",
        "side",
        "sides",
        "opposition",
    ]
)

ORG_NOUNS = frozenset(
    [
        "department",
        "ministry",
        "authority",
        "treasury",
        "parliament",
        "secretariat",
        "agency",
        "committee",
        "commission",
        "council",
        "campaign",
        "party",
        "administration",
        "house",
        "office",
        "court",
        "congress",
        "senate",
        "government",
        "company",
        "corporation",
        "university",
        "college",
        "institute",
        "network",
        "news",  # "Fox News", "NBC News"
        "register",  # "the New Haven Register"
        "qaeda",
        "media",
        "newspaper",
        "agency",
        "bureau",
        "service",
        "embassy",
        "union",
        "organization",
        "association",
        "group",
        "center",
        "centre",
        "foundation",
        "police",
        "military",
        "army",
        "navy",
        "fbi",
        "cia",
        "un",
        "nato",
        "kcna",
        "times",
        "post",
        "journal",
    ]
)

TITLE_WORDS = frozenset(
    [
        "mr",
        "mrs",
        "ms",
        "miss",
        "dr",
        "sir",
        "president",
        "vice",
        "foreign",
        "prime",
        "deputy",
        "minister",
        "secretary",
        "state",
        "senator",
        *LEGISLATOR_TITLES,
        "sen",
        "rep",
        "representative",
        # before a list of names ("Representatives Brad Sherman of California and Al Green of Texas")
        *("senators", "sens", "reps", "representatives", "congressmen", "congresswomen", "justices"),
        "gov",
        "governor",
        "former",
        "acting",
        "chairman",
        "chief",
        "national",
        "security",
        "adviser",
        "advisor",
        "leader",
        "north",
        "south",
        "korean",
        "american",
        "u.s.",
        "us",
        "general",
        "gen",
        "lt",
        "col",
        "spokesman",
        "spokeswoman",
        "ambassador",
        "envoy",
        "special",
        "first",
        "lady",
        "the",
        "a",
        "an",
        "supreme",
        "rev",
        "pope",
        "king",
        "queen",
        "prince",
        "princess",
        "mayor",
        "chancellor",
        "premier",
        "judge",
        "justice",
        "attorney",
        "counsel",
        "house",
        "speaker",
        "majority",
        "minority",
        "whip",
        "candidate",
        "nominee",
        "top",
        "senior",
        "democratic",
        "republican",
        # offices in agencies and companies ("FBI Director James Comey", "NRA CEO Wayne LaPierre");
        # not words that are also first names or surnames ("Dean", "Head", "Coach")
        "ceo",
        "cfo",
        "coo",
        "executive",
        "director",
        "commissioner",
        "administrator",
        "superintendent",
        "sheriff",
        "detective",
        "inspector",
        "professor",
        "prof",
        "chairwoman",
        "sergeant",
        "sgt",
        "captain",
        "capt",
        "commander",
        "lieutenant",
        "agent",
        "president-elect",
    ]
)

PERSON_TITLES = frozenset(
    [
        "mr",
        "mrs",
        "ms",
        "miss",
        "dr",
        "president",
        "minister",
        "secretary",
        "senator",
        *LEGISLATOR_TITLES,
        "sen",
        "rep",
        "representative",
        # before a list of names ("Representatives Brad Sherman of California and Al Green of Texas")
        *("senators", "sens", "reps", "representatives", "congressmen", "congresswomen", "justices"),
        "gov",
        "governor",
        "chairman",
        "chairwoman",
        "ambassador",
        "adviser",
        "advisor",
        "leader",
        "spokesman",
        "spokeswoman",
        "judge",
        "gen",
        "general",
        "envoy",
        "mayor",
        "premier",
        "chancellor",
        "king",
        "queen",
        "prince",
        "pope",
        "rev",
        "justice",
        "speaker",
    ]
)

# day and month names (and month abbreviations): capitalised, but never a name or a topic
CALENDAR_WORDS = frozenset(
    w.lower() for w in (*calendar.day_name, *calendar.month_name[1:], *calendar.month_abbr[1:], "Sept")
)

NOT_NAME_START = (
    frozenset(
        [
            "but",
            "and",
            "or",
            "so",
            "what",
            "why",
            "how",
            "who",
            "where",
            "if",
            "in",
            "on",
            "at",
            "for",
            "from",
            "to",
            "of",
            "by",
            "with",
            "as",
            "after",
            "before",
            "when",
            "while",
            "then",
            "the",
            "a",
            "an",
            "this",
            "that",
            "these",
            "those",
            "his",
            "her",
            "their",
            "its",
            "our",
            "even",
            "since",
            "during",
            "new",
            "last",
            "next",
            "year",
            "day",
            "week",
            "month",
            # a sentence that opens with a preposition, a conjunction or a quantifier before a
            # name ("Despite Trump saying ...", "Though Weiner", "Some Republicans")
            "despite",
            "though",
            "although",
            "whether",
            "without",
            "following",
            "yet",
            "some",
            "other",
            "most",
            "mostly",
            "both",
            "several",
            "many",
            "one",
            "no",
            # sentence adverbs before a name ("Now Sembler, who ...", "Still Trump insisted")
            "now",
            "still",
            "meanwhile",
            "instead",
            "also",
            "indeed",
            "however",
            "earlier",
            "later",
            "finally",
            "perhaps",
            "today",
            "yesterday",
            "tonight",
        ]
    )
    | CALENDAR_WORDS
)


# "Hollis's spokesman, Mats Lindahl", "the senator's office": the one a statement is made for
_SPEAKS_FOR = re.compile(
    r"^(?:the\s+)?(?P<who>[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){0,3})['’]s\s+"
    r"(?P<role>(?:chief\s+|deputy\s+|longtime\s+)?(?:spokes(?:man|woman|person)|press\s+secretary|office|lawyer|attorney))\b"
)


def speaks_for(speaker: str) -> str | None:
    """The name a spokesperson's description says they speak for, or None."""
    m = _SPEAKS_FOR.match(speaker.strip())
    return m.group("who") if m else None


def speaking_role(speaker: str) -> str | None:
    """What the description says the spokesperson is ("Hollis's spokesman, ..." -> "spokesman"),
    or None; an office speaks for its principal but is no one's role."""
    m = _SPEAKS_FOR.match(speaker.strip())
    role = " ".join(m.group("role").lower().split()) if m else None
    return role if role and role != "office" else None


# "the California Democrat", "the Kentucky Republican", "the Democratic presidential candidate",
# "the presumptive GOP nominee": a journalist's epithet for a politician named before, not a name
# of its own
_EPITHET = re.compile(
    r"^[Tt]he\s+(?:(?:[A-Z][\w.'’-]*|presumptive|presidential|likely|would-be|leading|potential|possible|"
    r"prospective|former)\s+){0,4}"
    r"(?:Democrat|Republican|Independent|candidate|hopeful|nominee|front-?runner|contender)$"
    # an office with the state or party before it: "the Texas governor", "the Vermont senator"
    r"|^[Tt]he\s+(?:[A-Z][\w.'’-]*\s+){1,3}(?:governor|senator|congressman|congresswoman|lawmaker|mayor)$"
)


def is_epithet(phrase: str) -> bool:
    """Whether ``phrase`` is a definite epithet for a politician ("the California Democrat")."""
    return bool(_EPITHET.match(phrase.strip()))


_TITLE_NAME = re.compile(
    r"\b((?:(?:[Vv]ice|[Ff]oreign|[Pp]rime|[Dd]eputy|[Ss]enior|[Nn]ational|[Ss]ecurity|[Ss]tate|[Dd]efense|"
    r"[Ff]irst|[Ss]upreme|[Ee]xecutive)\s+|(?!(?:When|While|After|Before|Since|Then|Also|Once|With|From|Under|Both|Each|This|That|Their)\b)"
    r"[A-Z][a-z]{3,}\s+(?=Minister\b|Secretary\b))*"  # "Trade Minister", "Treasury Secretary"
    r"(?:President|Minister|Secretary|Adviser|Advisor|Senator|Sen\.|Governor|Gov\.|Rep\.|Representative|"
    r"Congressman|Congresswoman|Leader|Chairman|"
    r"Ambassador|Envoy|Mayor|Director|Spokesman|Spokeswoman|Judge|Chancellor|Premier|General|Speaker|"
    r"president|minister|secretary|adviser|leader|ambassador|envoy)"
    r"(?:\s+of\s+State)?)\s+((?:[A-Z][\w'’-]+|[a-z]{2,}(?=\s+[a-z]+\s+[a-z]+\s))(?:\s+(?:[A-Z]\.(?=\s+[A-Z])|[A-Z][\w'’-]+)){0,3})"
)


_ROLE_ABBREVIATIONS = {"gov.": "governor", "sen.": "senator", "rep.": "representative", "gen.": "general"}


def roles_from_text(text: str) -> dict[str, str]:
    """``"Foreign Minister Ri Yong Ho"`` -> {"foreign minister": "Ri Yong Ho"}, from the whole text."""
    roles: dict[str, str] = {}
    for m in _TITLE_NAME.finditer(text):
        name = m.group(2)
        if not name[:1].isupper():
            continue
        title = " ".join(_ROLE_ABBREVIATIONS.get(w, w) for w in m.group(1).lower().split())
        roles.setdefault(title, name)
        last_title_word = title.split()[-1]
        roles.setdefault(last_title_word, name)
        for other in _ROLE_SYNONYMS.get(last_title_word, ()):  # "Rep. Anthony Weiner" ... "the congressman"
            roles.setdefault(other, name)
    return roles


_ROLE_SYNONYMS = {
    "representative": ("congressman", "congresswoman"),
    "congressman": ("representative",),
    "congresswoman": ("representative",),
}


STRIP_EDGE = " \t\n,;:—–-\"'“”‘’()."


def as_written(text: str) -> str:
    """A speaker phrase as written, without the punctuation around it, but with the closing
    parenthesis of a tag it opens ("Sara Gideon (D)", "Zoe Lofgren (D-Calif.)", not "(D-Calif")."""
    core = text.strip(STRIP_EDGE)
    if core.count("(") > core.count(")"):
        rest = text[text.find(core) + len(core) :]
        close = rest.find(")")
        if close >= 0 and not rest[:close].strip(" ."):
            core += rest[: close + 1]  # "(D-Calif.)"
    return core
