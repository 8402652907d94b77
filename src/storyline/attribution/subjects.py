"""Whose a reporting verb is when the small parser hangs it on the wrong clause: a participle after
a reported clause ("..., adding"), a second verb joined to the reported clause ("Choe said Trump's
reaction puzzled Kim and added ..."), a past-tense verb read as an adjective ("Trump perplexed
analysts by tweeting ...")."""

from __future__ import annotations

from storyline.attribution.complements import SUBJECT_DEPS
from storyline.attribution.cues import CUE_CLASSES
from storyline.attribution.speaker_words import ANONYMOUS_NOUNS, GROUP_NOUNS, ROLE_NOUNS
from storyline.attribution.tokens import SentenceView
from storyline.model import CueClass

_PERSON_NOUNS = ANONYMOUS_NOUNS | GROUP_NOUNS | ROLE_NOUNS  # nouns for people, who can speak


def speakers_participle(v: SentenceView, i: int, h: int) -> bool:
    """Whether the participle ``i`` after a comma ("..., adding", "..., telling reporters"), which
    the parser hung on ``h``, the verb of a clause a reporting verb reports, is that speaker's: in
    "Trump told Newsmax that Romney had a crazy policy, adding ..." Trump adds, not Romney."""
    return (
        v.dep[i] == "advcl"
        and v.tag[i] == "VBG"
        and i > 0
        and v.lower[i - 1] == ","
        and v.dep[h] == "ccomp"
        and v.head[h] != h
        and v.lemma[v.head[h]] in CUE_CLASSES
    )


def misparsed_verb_subject(v: SentenceView, n: int) -> int:
    """The subject of a past-tense verb the parser read as an adjective of its object: in "Trump
    perplexed analysts by tweeting that ..." the small model makes "analysts" the root and
    "perplexed" (tagged VBD, with "Trump" as its subject) its modifier. -1 when there is none."""
    if v.pos[n] not in ("NOUN", "PROPN"):
        return -1
    for c in v.children[n]:
        if v.dep[c] == "amod" and v.tag[c] == "VBD" and c < n:
            subjects = [s for s in v.children[c] if v.dep[s] in SUBJECT_DEPS and s < c]
            if subjects:
                return subjects[-1]
    return -1


def second_report(v: SentenceView, cue: int, clause: int, conj: int) -> bool:
    """Whether ``conj``, which the parser joined to the clause ``cue`` reports, is the speaker's
    second reporting verb: "Choe said [Trump's reaction puzzled Kim] and added that ...". Then
    "added" has Choe's voice and the clause ends before it (not "... and that ...", a second
    reported clause). Only when the clause's subject is a
    thing ("reaction", "talks"), which cannot say anything: with a person or a pronoun ("they said
    he rated ... and talked about ...") the second verb is as likely part of what was reported."""
    known = CUE_CLASSES
    if v.lemma[cue] not in known or v.lemma[clause] in known or v.quote_parity[conj]:
        return False
    if known.get(v.lemma[conj]) in (None, CueClass.BELIEF, CueClass.OTHER):
        return False
    if any(v.dep[c] == "mark" for c in v.children[conj]):  # "said that X and that Y": both reported
        return False
    subject = next((c for c in v.children[clause] if v.dep[c] in (*SUBJECT_DEPS, "nsubjpass")), -1)
    return subject >= 0 and v.tag[subject] in ("NN", "NNS") and v.lower[subject] not in _PERSON_NOUNS


_NOMINAL_TAGS = frozenset(["DT", "JJ", "NN", "NNS", "NNP", "NNPS", "POS", "HYPH", "CD", "PRP$"])
_STRANDED_WORDS = 8


def stranded_subject(v: SentenceView, i: int) -> int:
    """The subject of a main reporting verb the parser left without one, hanging the noun phrase
    right before it on an earlier phrase ("Campaigning for his wife Hillary Clinton, former
    president Bill Clinton said ...": "Bill Clinton" became an apposition of hers): the noun
    phrase between the last comma and the verb, when it is all nominal; else -1."""
    k = i - 1
    while k >= 0 and i - k <= _STRANDED_WORDS and v.tag[k] in _NOMINAL_TAGS:
        k -= 1
    if k < 0 or k == i - 1 or v.lower[k] != "," or v.tag[i - 1] not in ("NN", "NNS", "NNP", "NNPS"):
        return -1
    return i - 1
