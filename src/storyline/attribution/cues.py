"""Reporting cues: the verbs (and a few nouns and phrases) that introduce an attributed statement.

``CUE_CLASSES`` maps a cue lemma to what it signals about the speaker's stance toward what they
said (``CueClass``): later stages read stance from it ("conceded" narrows a claim, "denied"
opposes it). ``surface_forms`` gives the inflected word forms used by the fast sentence prefilter,
so only sentences that can hold an attribution are parsed.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Mapping
from types import MappingProxyType

from storyline.model import CueClass

_LEXICON: dict[CueClass, tuple[str, ...]] = {
    CueClass.NEUTRAL: (
        "say",
        "tell",
        "add",
        "state",
        "speak",
        "comment",
        "remark",
        "mention",
        "respond",
        "reply",
        "answer",
        "write",
        "tweet",
        "post",
        "declare",
        "announce",
        "describe",
        "call",
        "recall",
        "continue",
        "report",
        "testify",
        "talk",
        "quote",
        "put",
        "brief",
        "retort",
        "counter",
        "recount",
        "relay",
        "read",
        "express",
        "voice",
        "release",
        "issue",
    ),
    CueClass.EMPHATIC: (
        "insist",
        "stress",
        "emphasize",
        "emphasise",
        "underscore",
        "maintain",
        "assert",
        "argue",
        "contend",
        "declare",
        "proclaim",
        "boast",
        "repeat",
        "affirm",
        "exclaim",
        "urge",
    ),
    CueClass.DOUBTING: ("claim", "allege", "purport", "suggest", "speculate", "assume", "guess"),
    CueClass.CONCEDING: (
        "acknowledge",
        "concede",
        "admit",
        "grant",
        "allow",
        "confess",
        "recognize",
        "recognise",
    ),
    CueClass.DENYING: (
        "deny",
        "reject",
        "dispute",
        "dismiss",
        "refute",
        "contradict",
        "rebut",
        "decline",
        "refuse",
    ),
    CueClass.CONFIRMING: ("confirm", "reiterate", "verify", "agree", "reaffirm", "corroborate", "endorse"),
    CueClass.ASKING: ("ask", "question", "wonder", "inquire", "demand", "query", "request"),
    CueClass.WARNING: ("warn", "threaten", "caution", "predict", "fear", "worry", "forecast"),
    CueClass.ACCUSING: (
        "accuse",
        "blame",
        "charge",
        "criticize",
        "criticise",
        "attack",
        "condemn",
        "slam",
        "denounce",
        "fault",
        "complain",
        "lament",
        "mock",
        "ridicule",
        "decry",
    ),
    CueClass.PROMISING: ("promise", "pledge", "vow", "guarantee", "commit", "swear", "offer", "propose"),
    CueClass.EXPLAINING: (
        "explain",
        "note",
        "point",
        "observe",
        "clarify",
        "indicate",
        "show",
        "reveal",
        "detail",
        "estimate",
        "conclude",
        "find",
        "predict",
        "cite",
        "signal",
        "hint",
        "estimate",
        "acknowledge",
    ),
    CueClass.SOURCE: ("according", "accord", "per", "cite"),
    CueClass.BELIEF: ("believe", "think", "expect", "hope", "want", "know", "feel", "consider"),
}


def _build() -> dict[str, CueClass]:
    out: dict[str, CueClass] = {}
    # Later classes do not override earlier ones: the first listing of a lemma wins.
    for cls, lemmas in _LEXICON.items():
        for lemma in lemmas:
            out.setdefault(lemma, cls)
    return out


CUE_CLASSES: Mapping[str, CueClass] = MappingProxyType(_build())

# Nouns that carry an attribution ("in a statement", "his claim that ...").
CUE_NOUNS: Mapping[str, CueClass] = MappingProxyType(
    {
        "statement": CueClass.NEUTRAL,
        "remark": CueClass.NEUTRAL,
        "comment": CueClass.NEUTRAL,
        "interview": CueClass.NEUTRAL,
        "announcement": CueClass.NEUTRAL,
        "tweet": CueClass.NEUTRAL,
        "claim": CueClass.DOUBTING,
        "allegation": CueClass.DOUBTING,
        "assertion": CueClass.EMPHATIC,
        "denial": CueClass.DENYING,
        "admission": CueClass.CONCEDING,
        "warning": CueClass.WARNING,
        "promise": CueClass.PROMISING,
        "pledge": CueClass.PROMISING,
        "editorial": CueClass.NEUTRAL,
        "report": CueClass.SOURCE,
        "accusation": CueClass.ACCUSING,
        "criticism": CueClass.ACCUSING,
        "testimony": CueClass.NEUTRAL,
        "speech": CueClass.NEUTRAL,
        "explanation": CueClass.EXPLAINING,
    }
)

_IRREGULAR: dict[str, tuple[str, ...]] = {
    "say": ("said", "says"),
    "tell": ("told",),
    "write": ("wrote", "written"),
    "speak": ("spoke", "spoken"),
    "think": ("thought",),
    "know": ("knew", "known"),
    "feel": ("felt",),
    "find": ("found",),
    "swear": ("swore", "sworn"),
    "put": ("puts",),
    "read": ("reads",),
    "show": ("shown",),
    "forecast": ("forecast",),
    "deny": ("denied", "denies"),
    "reply": ("replied", "replies"),
    "testify": ("testified", "testifies"),
    "clarify": ("clarified", "clarifies"),
    "verify": ("verified", "verifies"),
    "query": ("queried", "queries"),
    "worry": ("worried", "worries"),
    "rebut": ("rebutted",),
    "commit": ("committed",),
    "according": ("according",),
}


# Cue words the learned cue model finds outside the lexicon (which stays as it is: it is one of the
# model's features). Verbs of speech among them still report words said ...
_OTHER_SPEECH = frozenset(
    [
        "advise",
        "apologise",
        "apologize",
        "applaud",
        "appeal",
        "assure",
        "beg",
        "blast",
        "brand",
        "calculate",
        "chant",
        "characterise",
        "characterize",
        "concur",
        "confide",
        "congratulate",
        "cry",
        "direct",
        "disclose",
        "divulge",
        "dub",
        "elaborate",
        "echo",
        "hail",
        "implore",
        "imply",
        "inform",
        "instruct",
        "interject",
        "interrupt",
        "invite",
        "joke",
        "label",
        "lambaste",
        "leak",
        "muse",
        "mutter",
        "notify",
        "object",
        "order",
        "outline",
        "plead",
        "portray",
        "praise",
        "protest",
        "quip",
        "reason",
        "reassure",
        "recommend",
        "rule",
        "scoff",
        "shout",
        "sigh",
        "summarise",
        "summarize",
        "term",
        "thank",
        "tout",
        "welcome",
        "whisper",
        "yell",
    ]
)
# ... and verbs of thought, wish and intent report a state of mind, told in the outlet's words.
_OTHER_BELIEF = frozenset(
    [
        "seek",
        "wish",
        "look",
        "aim",
        "intend",
        "plan",
        "regard",
        "see",
        "view",
        "understand",
        "suspect",
        "doubt",
        "presume",
        "suppose",
        "imagine",
        "reckon",
        "figure",
        "anticipate",
        "desire",
        "prefer",
        "mean",
    ]
)


# nouns for what someone maintains ("the prime minister's line that ...", "her account that ..."):
# a stated position, classed for stance only (the cue model's lexicon is CUE_NOUNS)
_POSITION_NOUNS: Mapping[str, CueClass] = MappingProxyType(
    {
        noun: CueClass.NEUTRAL
        for noun in ("line", "position", "account", "version", "view", "stance", "argument", "contention")
    }
    | {"make clear": CueClass.EMPHATIC}  # "made clear that ...", "made it clear": said firmly
)


def cue_class(lemma: str) -> CueClass:
    """Class of a cue lemma (verbs first, then nouns).

    A cue word outside the lexicon (the learned cue model finds those) is NEUTRAL when it is a
    verb of speech ("quipped"), BELIEF when it reports thought or intent ("sought"), and OTHER
    when it is no reporting verb at all ("had been pushing", "has imposed"): attributed, but
    nothing its subject is shown to have said. Punctuation cues (a colon, a question) are NEUTRAL.
    """
    lemma = lemma.lower()
    words = lemma.split() or [lemma]
    known_forms, speech, belief = _forms()
    for word in (lemma, *words):  # a chained cue ("go on to say") is as its reporting verb
        known = CUE_CLASSES.get(word) or CUE_NOUNS.get(word) or known_forms.get(word) or _POSITION_NOUNS.get(word)
        if known is not None:
            return known
    word = words[-1]
    if not word.isalpha() or word in speech:
        return CueClass.NEUTRAL
    return CueClass.BELIEF if word in belief else CueClass.OTHER


# what a vote, a veto or a negotiation turns down: an act, not a claim ("Congress rejected the
# president's veto", "Marisca rejected the offer"); denying a claim ("denied the allegations",
# "rejected that description") is speech
_ACT_NOUNS = frozenset(
    [
        "veto",
        "vetoes",
        "bill",
        "bills",
        "measure",
        "measures",
        "legislation",
        "law",
        "laws",
        "resolution",
        "resolutions",
        "motion",
        "motions",
        "amendment",
        "amendments",
        "nomination",
        "nominations",
        "nominee",
        "appeal",
        "appeals",
        "treaty",
        "treaties",
        "deal",
        "deals",
        "agreement",
        "agreements",
        "offer",
        "offers",
        "bid",
        "bids",
        "proposal",
        "proposals",
        "plan",
        "plans",
        "request",
        "requests",
        "budget",
        "budgets",
        "application",
        "applications",
        "settlement",
        "contract",
        "contracts",
        "merger",
        "invitation",
        "invitations",
        "package",
        "packages",
        "candidacy",
        "petition",
        "petitions",
        "ultimatum",
        "terms",
    ]
)
_OBJECT_END = re.compile(r"\s(?:of|to|for|on|in|that|which|who|by|from|with|at|as|after|before)\s|[,;:(\u2014\u2013]")


def deed_or_speech(cls: CueClass, content: str, cue_lemma: str = "") -> CueClass:
    """A denying cue whose content is an act, not a claim, is a deed (``OTHER``): "rejected
    President Obama's veto of a bipartisan bill" reports a vote, nothing the subject said is false.
    "Offered" promises only an act or a deal ("offered to reopen the terminal", "offered a deal");
    offering words is saying them ("offered a fairly dire assessment", "offered significantly
    different versions of what had gone wrong"): ``NEUTRAL``."""
    if content.lstrip()[:1] in "\"\u201c'\u2018":
        return cls
    head = _OBJECT_END.split(content, maxsplit=1)[0].split()
    object_noun = head[-1].lower().strip(".,'\u2019") if head else ""
    if cls is CueClass.PROMISING and cue_lemma.split()[-1:] == ["offer"]:
        opens = content.lstrip().split(maxsplit=1)[:1]
        if opens and opens[0].lower() not in ("to", "that") and object_noun not in _ACT_NOUNS:
            return CueClass.NEUTRAL
        return cls
    if cls is not CueClass.DENYING:
        return cls
    return CueClass.OTHER if object_noun in _ACT_NOUNS else cls


# not in _IRREGULAR: its keys are cue-model lemmas, these verbs are not
_BELIEF_IRREGULAR = {"seek": ("sought",), "see": ("saw", "seen"), "mean": ("meant",), "understand": ("understood",)}


def _inflected(verb: str) -> set[str]:
    forms = surface_forms(verb) | set(_IRREGULAR.get(verb, ())) | set(_BELIEF_IRREGULAR.get(verb, ()))
    if re.search(r"(?:qu|[^aeiou])[aeiou][bdgklmnprt]$", verb):  # quip -> quipped, quipping
        forms |= {verb + verb[-1] + "ed", verb + verb[-1] + "ing"}
    return forms


@functools.cache
def _forms() -> tuple[dict[str, CueClass], frozenset[str], frozenset[str]]:
    """Inflected forms of the lexicon's verbs (with their class), of the speech verbs and of the
    belief verbs outside it: a cue word outside the lexicon comes as its lowercased form."""
    known: dict[str, CueClass] = {}
    for verb, cls in CUE_CLASSES.items():
        for form in _inflected(verb):
            known.setdefault(form, cls)
    return (
        known,
        frozenset(f for verb in _OTHER_SPEECH for f in _inflected(verb)),
        frozenset(f for verb in _OTHER_BELIEF for f in _inflected(verb)),
    )


def surface_forms(lemma: str) -> set[str]:
    """Inflected forms of a regular English verb (``argue`` -> argues, argued, arguing)."""
    forms = {lemma, *_IRREGULAR.get(lemma, ())}
    stem = lemma[:-1] if lemma.endswith("e") else lemma
    forms |= {stem + "ed", stem + "ing", lemma + "d" if lemma.endswith("e") else lemma + "ed"}
    if lemma.endswith(("s", "sh", "ch", "x", "z")):
        forms.add(lemma + "es")
    elif lemma.endswith("y") and lemma[-2:-1] not in "aeiou":
        forms |= {lemma[:-1] + "ies", lemma[:-1] + "ied"}
    else:
        forms.add(lemma + "s")
    return forms


def cue_pattern(lemmas: Iterable[str]) -> re.Pattern[str]:
    """A case-insensitive regex matching any inflected form of the lemmas as a whole word."""
    forms: set[str] = set()
    for lemma in lemmas:
        forms |= surface_forms(lemma)
    alternation = "|".join(sorted(map(re.escape, forms), key=len, reverse=True))
    return re.compile(rf"\b(?:{alternation})\b", re.IGNORECASE)
