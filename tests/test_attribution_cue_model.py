"""The cue scorer's noun threshold, and cue verbs read as one chained cue (synthetic sentences; no
seed or eval text)."""

from __future__ import annotations

import pytest

from storyline.attribution.cue_model import CueScorer, load_cue_scorer
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
