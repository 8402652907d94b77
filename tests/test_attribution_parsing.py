"""The attribution parse (numpy's BLAS held to one thread) gives spaCy's own parses."""

from __future__ import annotations

import pytest

from storyline.attribution.parsing import MODEL_NAME, load_pipeline, parse

SENTENCES = [
    "The minister said the talks would go on despite the setback.",
    "“We will not give up,” she told reporters in Hanoi on Thursday.",
    "According to a senior official, the offer was rejected.",
    "no punctuation here the president insisted they wanted everything lifted",
]


@pytest.fixture(scope="module")
def reference():  # type: ignore[no-untyped-def]
    spacy = pytest.importorskip("spacy")
    return spacy.load(MODEL_NAME, exclude=["attribute_ruler", "lemmatizer", "ner"])  # BLIS, as shipped


@pytest.mark.parametrize("text", SENTENCES)
def test_parse_matches_the_reference_pipeline(reference, text: str) -> None:  # type: ignore[no-untyped-def]
    (ours,) = parse(load_pipeline(), [text])
    ref = reference(text)
    assert [(t.text, t.tag_, t.dep_, t.head.i) for t in ours] == [(t.text, t.tag_, t.dep_, t.head.i) for t in ref]
    assert ours.tensor.shape == ref.tensor.shape
    assert abs(ours.tensor - ref.tensor).max() < 1e-3


def test_parse_empty_batch() -> None:
    assert parse(load_pipeline(), []) == []
