"""The cue scorer's noun threshold, and cue verbs read as one chained cue (synthetic sentences; no
seed or eval text)."""

from __future__ import annotations

import numpy as np
import pytest

from storyline.attribution.cue_model import DENSE_WIDTH, CueScorer, load_cue_scorer, token_features
from storyline.attribution.parsing import load_pipeline, parse
from storyline.attribution.syntax import candidates_from_doc


def _doc(text: str):  # type: ignore[no-untyped-def]
    return parse(load_pipeline(), [text])[0]


def _index(doc, word: str) -> int:  # type: ignore[no-untyped-def]
    return next(t.i for t in doc if t.text == word)


@pytest.mark.parametrize(
    ("noun_threshold", "is_cue"),
    [
        pytest.param(None, True, id="verb-threshold-by-default"),
        pytest.param(0.9, False, id="higher-noun-threshold-rejects"),
    ],
)
def test_cue_scorer_noun_threshold(noun_threshold: float | None, is_cue: bool) -> None:
    doc = _doc("Her claim that the port would close was false.")
    i = _index(doc, "claim")
    # bias and lemma weights that put the noun's probability near 0.73 (sigmoid of 1.0)
    scorer = CueScorer({"bias": 0.0, "lemma=claim": 1.0}, threshold=0.5, noun_threshold=noun_threshold)
    assert (scorer.score_at(doc, i) is not None) is is_cue


def test_cue_scorer_noun_without_possessor_is_not_scored() -> None:
    doc = _doc("The claim that the port would close was false.")
    scorer = CueScorer({"bias": 5.0, "lemma=claim": 5.0}, threshold=0.5)
    assert scorer.score_at(doc, _index(doc, "claim")) is None


class _LemmaScorer(CueScorer):
    """Every verb in ``cues`` is a cue (probability 0.9), nothing else."""

    def __init__(self, cues: set[str]) -> None:
        super().__init__({"bias": 0.0})
        self.cues = cues

    def score_at(self, doc, i: int) -> float | None:  # type: ignore[no-untyped-def]
        return 0.9 if doc[i].lower_ in self.cues else None


@pytest.mark.parametrize(
    ("text", "cues", "expected"),
    [
        pytest.param(
            "The senator continued to deny that the plan had failed.",
            {"continued", "deny"},
            [("continued to deny", "the plan had failed")],
            id="xcomp-chain-one-cue",
        ),
        pytest.param(
            "Ms. Okafor went on to say that the port would reopen.",
            {"went", "say"},
            [("went on to say", "the port would reopen")],
            id="particle-chain-one-cue",
        ),
        pytest.param(
            "The senator continued to deny that the plan had failed.",
            {"deny"},
            [("to deny", "the plan had failed")],
            id="inner-cue-alone",
        ),
        pytest.param(
            "He said, repeating that the deal was dead.",
            {"said", "repeating"},
            [("said", None), ("repeating", "the deal was dead")],
            id="adverbial-clause-stays-two-cues",
        ),
        pytest.param(
            "Vask would not correct his statement that Marisca had wanted every levy gone.",
            {"wanted"},
            [],
            id="that-clause-of-a-noun-of-saying-is-its-content",
        ),
        pytest.param(
            "The authority added two grain carriers, the Sorrel Dawn and the Aster Bay, to its watch list,"
            " which means longer waits at anchor.",
            {"added"},
            [],
            id="add-with-a-noun-object-is-not-speech",
        ),
        pytest.param(
            "The minister added that the port would reopen.",
            {"added"},
            [("added", "the port would reopen")],
            id="add-with-a-clause-is-speech",
        ),
        pytest.param(
            "Vask said on Friday that Marisca had wanted every levy gone.",
            {"said", "wanted"},
            [("said", "Marisca had wanted every levy gone"), ("had wanted", "every levy gone")],
            id="that-clause-of-a-verb-stays-nested",
        ),
    ],
)
def test_candidates_chain_cue_verbs(text: str, cues: set[str], expected: list[tuple[str, str | None]]) -> None:
    found = candidates_from_doc(_doc(text), 0, _LemmaScorer(cues))
    got = [(c.cue_text, text[c.content[0] : c.content[1]] if c.content[1] > c.content[0] else None) for c in found]
    assert len(got) == len(expected), got
    for (cue, content), (gcue, gcontent) in zip(expected, got, strict=True):
        assert gcue == cue
        if content is not None:
            assert gcontent is not None and content in gcontent


def test_shipped_cue_scorer_noun_threshold_not_below_verb_threshold() -> None:
    scorer = load_cue_scorer()
    if scorer.weights is None:
        pytest.skip("no shipped cue model")
    assert scorer.noun_threshold > scorer.threshold


@pytest.mark.parametrize("name", ["Trump", "Hollis", "Okafor", "Vask"])
def test_named_subject_is_a_placeholder_feature(name: str) -> None:
    doc = _doc(f"{name} claimed that the port would close.")
    feats = token_features(doc[_index(doc, "claimed")])
    assert "subj=<name>" in feats
    assert f"subj={name.lower()}" not in feats


def test_named_subject_vector_is_left_out() -> None:
    """The subject's dense block counts for "the minister", not for a name: a name's vector carries
    which names the training news happened to quote."""
    own, subject = np.zeros(DENSE_WIDTH), np.full(DENSE_WIDTH, 0.5)
    blocks = [*own, *subject, *np.zeros(2 * DENSE_WIDTH)]
    weights = {"bias": 0.0}
    without = CueScorer(weights, dense=[*own, *np.zeros(3 * DENSE_WIDTH)], open_vocabulary=True)
    with_subject = CueScorer(weights, dense=blocks, open_vocabulary=True)
    named = _doc("Okafor claimed that the port would close.")
    tok = named[_index(named, "claimed")]
    assert with_subject.probability(tok) == pytest.approx(without.probability(tok))
    described = _doc("The minister claimed that the port would close.")
    tok = described[_index(described, "claimed")]
    assert with_subject.probability(tok) != pytest.approx(without.probability(tok))


@pytest.mark.parametrize("name", ["Trump", "Clinton", "Okafor", "Hollis", "Vask", "Marr", "Annika Hollis"])
def test_shipped_cue_scorer_does_not_depend_on_the_name(name: str) -> None:
    """A reporting verb after a name is a cue whether or not the training news quoted that name."""
    scorer = load_cue_scorer()
    if scorer.weights is None:
        pytest.skip("no shipped cue model")
    doc = _doc(f"The levy was not, as {name} claimed, a tax on every ferry.")
    assert scorer.score_at(doc, _index(doc, "claimed")) is not None


def test_prepositions_give_the_verb_sense_but_according_to_does_not() -> None:
    """ "added two carriers to its list" is not speech; the "to" says so. "according to" is an
    attribution of its own, not a sense of the verb it hangs on ("'No,' he replied, according to
    the transcript")."""
    doc = _doc("The authority added two carriers to its watch list.")
    assert "lemma_prep=add|to" in token_features(doc[_index(doc, "added")])
    doc = _doc("“No,” he replied, according to the committee’s transcript.")
    assert not any(f.startswith(("prep=", "lemma_prep=")) for f in token_features(doc[_index(doc, "replied")]))
