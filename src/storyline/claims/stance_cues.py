"""Headline cues for stance: word classes that mark a text as hedged, attributed, denied or debunked.

A headline that reports a claim without taking it on ("X reportedly...", "Report: ...", "..., officials
say", "Is X...?") is *observing*; one that calls it a hoax or a denial is *against*. The word lists
below pool rare cue words into classes so that a linear model learns one weight per class (counted in
the whole text and in its first three words), plus a few shape cues (a question, a short "Source:"
prefix, a trailing "says", a leading "No,"). Used by :mod:`storyline.claims.stance_linear`
(the Emergent model); the FNC-1 trees do not read them.
"""

from __future__ import annotations

import math
import re

import numpy as np

from storyline.claims.stance_features import tokenize


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


CUE_CLASSES: dict[str, frozenset[str]] = {
    "modal": _words("may might could would should can possibly possible perhaps maybe likely probably unlikely"),
    "attribution": _words(
        "says say said claims claim claimed claiming reports reported report reporting tells told "
        "according alleges alleged sources source insists insist suggests suggest warns believes "
        "thinks reveals admits confirms"
    ),
    "distancing": _words(
        "allegedly reportedly purportedly apparently seemingly supposedly ostensibly rumored rumoured "
        "purported purports unconfirmed unverified alleged"
    ),
    "rumour": _words(
        "rumor rumors rumour rumours speculation speculate speculates gossip viral claim report reports "
        "story stories internet twitter social web online photo video images"
    ),
    "uncertain": _words(
        "feared fears believed suspected suspect thought expected expects predicts predicted could may "
        "if whether plans planning considering set rumoured tipped hint hints hinted forecast forecasts "
        "estimate estimates analyst analysts"
    ),
    "denial": _words(
        "deny denies denied denying denial refute refutes refuted debunk debunks debunked dismisses "
        "dismissed rejects rejected slams responds hits quashes scotches squashes"
    ),
    "falsity": _words(
        "fake fakes false hoax hoaxes hoaxer myth bogus untrue fabricated satire satirical prank pranked "
        "fooled falls fall trolled troll spoof parody lie lies lied scam phony photoshopped doctored "
        "misleading exaggerated wrong nonsense debunked conspiracy baseless fiction"
    ),
    "negation": _words("not no never nothing none nope isnt wasnt doesnt didnt without"),
    "alive": _words("alive safe fine well living unharmed exists"),
    "confirmation": _words(
        "confirms confirmed confirm officially official proof proves proved shows revealed reveals "
        "finally breaking dies dead"
    ),
}
_TAIL_ATTRIBUTION = frozenset(["says", "say", "said", "report", "reports", "claims"])
_LEADING_NO = re.compile(r"^\s*(?:no|not|nope)\b", re.I)

CUE_FEATURE_NAMES: tuple[str, ...] = (
    *(f"cue_{k}" for k in CUE_CLASSES),
    *(f"cue_first3_{k}" for k in CUE_CLASSES),
    "ends_with_question",
    "has_question",
    "short_colon_prefix",
    "has_quote_mark",
    "has_exclamation",
    "attribution_at_end",
    "starts_with_no",
    "capitalised_word_share",
    "log_words",
)


def cue_features(text: str) -> np.ndarray:
    """Cue counts and shape flags of ``text`` (see :data:`CUE_FEATURE_NAMES`)."""
    tokens = tokenize(text)
    first3 = set(tokens[:3])
    words = text.split()
    prefix = text.split(":", 1)[0] if ":" in text else ""
    row = [float(sum(t in cls for t in tokens)) for cls in CUE_CLASSES.values()]
    row += [float(bool(first3 & cls)) for cls in CUE_CLASSES.values()]
    row += [
        float(text.strip().endswith("?")),
        float("?" in text),
        float(0 < len(prefix.split()) <= 3),
        float('"' in text or "\u201c" in text or "'" in text),
        float("!" in text),
        float(bool(set(tokens[-3:]) & _TAIL_ATTRIBUTION)),
        float(bool(_LEADING_NO.match(text))),
        sum(w.isupper() and len(w) > 2 for w in words) / max(len(words), 1),
        math.log1p(len(tokens)),
    ]
    return np.array(row, dtype=np.float64)


def cue_matrix(texts: list[str]) -> np.ndarray:
    if not texts:
        return np.zeros((0, len(CUE_FEATURE_NAMES)))
    return np.vstack([cue_features(t) for t in texts])
