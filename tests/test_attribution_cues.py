"""The reporting-cue lexicon and its inflections."""

from __future__ import annotations

import pytest

from storyline.attribution import CUE_CLASSES, cue_class
from storyline.attribution.cues import cue_pattern, surface_forms
from storyline.model import CueClass


@pytest.mark.parametrize(
    ("lemma", "expected"),
    [
        ("say", CueClass.NEUTRAL),
        ("tell", CueClass.NEUTRAL),
        ("insist", CueClass.EMPHATIC),
        ("stress", CueClass.EMPHATIC),
        ("emphasize", CueClass.EMPHATIC),
        ("claim", CueClass.DOUBTING),
        ("allege", CueClass.DOUBTING),
        ("acknowledge", CueClass.CONCEDING),
        ("concede", CueClass.CONCEDING),
        ("admit", CueClass.CONCEDING),
        ("deny", CueClass.DENYING),
        ("reject", CueClass.DENYING),
        ("confirm", CueClass.CONFIRMING),
        ("reiterate", CueClass.CONFIRMING),
        ("ask", CueClass.ASKING),
        ("warn", CueClass.WARNING),
        ("accuse", CueClass.ACCUSING),
        ("promise", CueClass.PROMISING),
        ("explain", CueClass.EXPLAINING),
        ("according", CueClass.SOURCE),
    ],
)
def test_cue_classes_map_lemma_to_class(lemma: str, expected: CueClass) -> None:
    assert CUE_CLASSES[lemma] is expected
    assert cue_class(lemma.upper()) is expected


@pytest.mark.parametrize(
    ("cue", "expected"),
    [
        # outside the lexicon: a verb of speech still reports words said
        ("quipped", CueClass.NEUTRAL),
        ("scoffing", CueClass.NEUTRAL),
        # thought, wish and intent: a state of mind, in the outlet's words
        ("want", CueClass.BELIEF),
        ("believes", CueClass.BELIEF),
        ("seeking", CueClass.BELIEF),
        ("sought", CueClass.BELIEF),
        ("looking", CueClass.BELIEF),
        # no reporting verb at all
        ("imposed", CueClass.OTHER),
        ("remained", CueClass.OTHER),
        ("tempered", CueClass.OTHER),
        ("banana", CueClass.OTHER),
        # inflected lexicon verbs, chained cues, punctuation cues
        ("emphasizing", CueClass.EMPHATIC),
        ("said", CueClass.NEUTRAL),
        ("go on to deny", CueClass.DENYING),
        ("according to", CueClass.SOURCE),
        (":", CueClass.NEUTRAL),
        # a stated position: "the prime minister's line that ...", "her account that ..."
        ("line", CueClass.NEUTRAL),
        ("account", CueClass.NEUTRAL),
    ],
)
def test_cue_class_outside_the_lexicon(cue: str, expected: CueClass) -> None:
    assert "banana" not in CUE_CLASSES
    assert cue_class(cue) is expected


@pytest.mark.parametrize(
    ("lemma", "form"),
    [
        ("say", "said"),
        ("argue", "argued"),
        ("argue", "arguing"),
        ("deny", "denies"),
        ("deny", "denied"),
        ("stress", "stresses"),
        ("tell", "told"),
        ("concede", "conceded"),
    ],
)
def test_surface_forms_include_inflections(lemma: str, form: str) -> None:
    assert form in surface_forms(lemma)


@pytest.mark.parametrize(
    ("text", "hit"),
    [("He SAID so", True), ("she conceded", True), ("sayings", False), ("unsaid", False)],
)
def test_cue_pattern_matches_whole_words(text: str, hit: bool) -> None:
    assert bool(cue_pattern(["say", "concede"]).search(text)) is hit


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Congress on Wednesday overwhelmingly rejected President Obama's veto of the bill.", CueClass.OTHER),
        ("The union rejected the latest pay offer from the ministry.", CueClass.OTHER),
        ("The minister denied the allegations on Monday.", CueClass.DENYING),
        ("Oyelaran rejected that description at a news conference of his own.", CueClass.DENYING),
    ],
)
def test_turning_down_an_act_is_a_deed_denying_a_claim_is_speech(sentence: str, expected: CueClass) -> None:
    """'rejected the veto' reports a vote, not a denial of anything said."""
    from storyline.attribution import extract_quotes
    from storyline.model import Article

    article = Article(id="a_d", version="v", source="t", raw=sentence, text=sentence)
    classes = {q.cue.split()[-1]: q.cue_class for q in extract_quotes(article)}
    verb = next(w for w in ("rejected", "denied") if w in sentence)
    assert classes[verb] is expected
