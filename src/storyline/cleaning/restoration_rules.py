"""Rules on the restored sentence boundaries that no model learns reliably from a few thousand
articles: sentences news is never written in.

* A sentence that is only a speaker and a reporting verb ("Foreign Minister Ri said.").
* A sentence that opens with a subject and a bare "not be" ("He not be named because ..."): the
  subjunctive of "on condition that he not be named", which only a subordinate clause takes.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from storyline.cleaning.restoration_data import COMMA, NONE, PERIOD, QUESTION

# verbs that end an attribution placed after its content ("..., the minister said.")
_TRAILING_CUES = frozenset(
    [
        "said",
        "says",
        "told",
        "added",
        "stated",
        "explained",
        "noted",
        "insisted",
        "acknowledged",
        "conceded",
        "argued",
        "warned",
        "wrote",
    ]
)
BARE_ATTRIBUTION_WORDS = 7  # "Foreign Minister Ri Yong Ho said" is six words
SHORT_SENTENCE_WORDS = 4  # a bare attribution never joins backwards if that leaves a stub ("It agreed.")


def join_bare_attributions(labels: list[int], p: np.ndarray, norms: Sequence[str]) -> None:
    """A sentence that is only a speaker and a reporting verb ("Foreign Minister Ri said.") is not a
    sentence news is written in: one of its two boundaries is wrong. Keep the likelier one, so it
    becomes "..., Foreign Minister Ri said." (speaker after the content) or "Foreign Minister Ri
    said the North ..." (speaker before it); never the first if what follows is a stub of a few
    words, or if the sentence before already opens with its own speaker and verb ("Ri said the North
    was ready ..., Choe said." is not how news reports two speakers). Changes ``labels`` in place."""
    ends = [i for i, y in enumerate(labels) if y in (PERIOD, QUESTION)]
    start = 0
    previous = 0  # where the sentence before ``start`` begins
    for end in ends:
        size = end - start + 1
        if (
            start > 0
            and end < len(labels) - 1
            and size <= BARE_ATTRIBUTION_WORDS
            and norms[end] in _TRAILING_CUES
            and labels[start - 1] in (PERIOD, QUESTION)
        ):
            before = float(p[start - 1, PERIOD] + p[start - 1, QUESTION])
            after = float(p[end, PERIOD] + p[end, QUESTION])
            following = next((j for j in ends if j > end), len(labels) - 1) - end
            if (
                following >= SHORT_SENTENCE_WORDS
                and after >= before
                and not _opens_with_cue(norms, previous, start - 1)
            ):
                labels[start - 1] = COMMA  # "..., the minister said."
                start = end + 1
                continue  # one sentence from ``previous`` to here
            labels[end] = NONE  # "The minister said the ..."
            continue  # the sentence now runs on to the next boundary
        previous, start = start, end + 1


def _opens_with_cue(norms: Sequence[str], first: int, last: int) -> bool:
    """Whether the sentence ``first``..``last`` opens with a speaker and a reporting verb."""
    return any(norms[j] in _TRAILING_CUES for j in range(first, min(last, first + BARE_ATTRIBUTION_WORDS)))


_SUBJECTS = frozenset({"he", "she", "they", "we", "i", "you", "it"})


def join_subjunctive_clauses(labels: list[int], norms: Sequence[str]) -> None:
    """No boundary before "<pronoun> not be": "briefed the media on condition. He not be named"
    is one sentence, "on condition he not be named". Changes ``labels`` in place."""
    for i in range(len(labels) - 3):
        if (
            labels[i] in (PERIOD, QUESTION)
            and norms[i + 1] in _SUBJECTS
            and norms[i + 2] == "not"
            and norms[i + 3] == "be"
        ):
            labels[i] = NONE


AS_ASIDE_WORDS = 5  # "as Ri had claimed", "as the minister put it"
_ASIDE_CUES = _TRAILING_CUES | {"claimed", "reported", "suggested"}


def join_as_asides(labels: list[int], norms: Sequence[str]) -> None:
    """No sentence that is only "as" and an attribution ("... the people's livelihood. As Ri had
    claimed."): the aside ends the sentence before it ("..., as Ri had claimed."). Changes
    ``labels`` in place."""
    start = 0
    for end, label in enumerate(labels):
        if label not in (PERIOD, QUESTION):
            continue
        words = norms[start : end + 1]
        aside = (
            start > 0
            and labels[start - 1] == PERIOD
            and words[0] == "as"
            and 3 <= len(words) <= AS_ASIDE_WORDS
            and (words[-1] in _ASIDE_CUES or words[-2:] == ["put", "it"])
        )
        if aside:
            labels[start - 1] = COMMA
        start = end + 1
