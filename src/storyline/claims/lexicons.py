"""Word lists that the structured comparison reads: negation, refuting, hedging, quantifiers.

The refuting and hedging lists follow the ones used by the FNC-1 baseline and by Ferreira & Vlachos
(2016, Emergent); the quantifier classes are ours (what "all / partial / only" means for a claim).
"""

from __future__ import annotations

import re

NEGATIONS = frozenset(
    """not no never none nobody nothing neither nor without n't cannot cant dont doesnt didnt
    isnt wasnt werent arent wont wouldnt couldnt shouldnt hasnt havent hadnt""".split()
)

REFUTING = frozenset(
    """fake fraud hoax false deny denies denied denying not despite nope doubt doubts bogus debunk
    debunked debunks prank pranks retract retracts retracted refute refutes refuted refuting
    dismiss dismisses dismissed reject rejects rejected untrue myth fabricated fabrication
    rumour-mill satire satirical baseless wrong incorrect misleading never""".split()
)

HEDGING = frozenset(
    """alleged allegedly apparently appear appears appeared claim claims claimed could evidently
    largely likely mainly may maybe might mostly perhaps presumably probably purported purportedly
    reported reportedly rumor rumors rumour rumours rumored rumoured says seem seems seemed
    somewhat supposedly unconfirmed unverified possibly possible suggests suggest suggested
    according sources source report reports believed thought expected speculation speculate
    speculated whether if would""".split()
)

# Words that report without taking a side; strong signal of "observing"/"discuss".
REPORTING = frozenset(
    """says said claims claimed reports reported according told tells report sources source
    tweeted tweets announced states stated""".split()
)

# Quantifier classes for scope comparison.
SCOPE_ALL = frozenset(
    """all every entire entirety entirely whole totally total complete completely full fully
    everything each any""".split()
)
SCOPE_PARTIAL = frozenset(
    """partial partially some part portion several certain few limited parts piece selected
    most many much""".split()
)
SCOPE_ONLY = frozenset("""only just merely solely exclusively""".split())

# Scope nouns in phrases such as "in their entirety".
_SCOPE_ALL_PHRASES = (
    re.compile(r"\bin (?:its|their|his|her|the) entirety\b", re.I),
    re.compile(r"\bacross the board\b", re.I),
)


def has_all_phrase(text: str) -> bool:
    return any(p.search(text) for p in _SCOPE_ALL_PHRASES)


STOPWORDS = frozenset(
    """a an the and or but if of to in on at by for with from as is are was were be been being
    this that these those it its it's he she they them their his her him we us our you your i me
    my mine do does did doing has have had having will would shall should can could may might must
    than then there here what which who whom whose when where why how so such very too also just
    not no nor only own same into over under again further once about against between through
    during before after above below up down out off all any both each few more most other some
    s t don now said says say""".split()
)

# Words that speak of size without saying "all": a restatement that narrows or hedges "all".
SCOPE_MAGNITUDE = frozenset("""large big huge major substantial significant bulk lot lots broad
    sweeping extensive expansive considerable""".split())

# Generic news-verb concepts: stems that say the same thing map to one token, so "asked for the
# lifting of sanctions" and "wanted sanctions relief" share words before any embedding is used.
CONCEPTS: dict[str, str] = {
    **{w: "_demand" for w in "demand ask asked want wanted seek sought request press push".split()},
    **{w: "_relief" for w in "lift lifted relief remov removal eas eased scrap drop withdraw withdrawn waive".split()},
    **{w: "_deny" for w in "deny denied reject dispute refute rebut".split()},
    **{w: "_say" for w in "say said tell told state stated announce announced".split()},
    **{w: "_kill" for w in "kill killed dead death die died".split()},
    **{w: "_arrest" for w in "arrest detain detained custody".split()},
}
