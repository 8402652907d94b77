"""The words of a cue: the reporting word with its auxiliaries, negation, particles and the
adverb right before it ("has also said"), and "clear" after "made" ("made clear", "made it
clear")."""

from __future__ import annotations

from storyline.attribution.cue_model import MAKE_FORMS
from storyline.attribution.tokens import SentenceView, subtree


def cue_tokens(v: SentenceView, i: int) -> tuple[int, int]:
    """First and last index of the cue word with its auxiliaries, negation, particles and the
    adverb right before it ("has also said")."""
    left = right = i
    deps = v.dep
    for c in v.children[i]:
        d = deps[c]
        if d == "advmod" and c == i - 1 and _ends_clause(v, c - 1):
            continue  # "an envoy who has followed the talks closely said": the relative clause's
        if (d in ("aux", "auxpass", "neg", "prt") and abs(c - i) <= 3) or (d == "advmod" and c == i - 1):
            left = min(left, c)
            right = max(right, c)
    after = v.lower[right + 1 : right + 3]
    if v.lower[i] in MAKE_FORMS and after[:1] == ("clear",):
        right += 1  # "made clear" (wherever the parser hung "clear")
    elif v.lower[i] in MAKE_FORMS and after == ("it", "clear"):
        right += 2  # "made it clear"
    return left, right


def _ends_clause(v: SentenceView, k: int) -> bool:
    """Whether token ``k`` is the last word of a relative or participial clause."""
    if k < 0:
        return False
    j = k
    while v.head[j] != j:
        if v.dep[j] in ("relcl", "acl") and max(subtree(v, j)) == k:
            return True
        j = v.head[j]
    return False
