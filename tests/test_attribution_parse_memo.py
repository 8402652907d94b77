"""The parse memo: a sentence seen recently is not parsed again, and attribution does not change."""

from __future__ import annotations

import pytest

from storyline.attribution import extract_quotes
from storyline.attribution.parse_memo import ParseMemo
from storyline.attribution.parsing import load_pipeline
from storyline.model import Article

_TEXT = (
    'The minister said the talks would resume on Monday. "We are close," she told reporters.\n\n'
    "Opposition leaders rejected the plan, saying it came too late. The vote is due in March."
)


class _CountingPipe:
    """A pipeline stand-in that counts the texts it parses (it delegates to spaCy)."""

    def __init__(self) -> None:
        self.nlp = load_pipeline()
        self.parsed: list[str] = []

    def pipe(self, texts):  # type: ignore[no-untyped-def]
        texts = list(texts)
        self.parsed.extend(texts)
        return self.nlp.pipe(texts)


@pytest.mark.parametrize(
    ("batches", "size", "parsed"),
    [
        ([["a b.", "c d."], ["a b.", "e f."]], 8, ["a b.", "c d.", "e f."]),  # the repeat is remembered
        ([["a b.", "a b.", "c d."]], 8, ["a b.", "c d."]),  # a repeat within one call: parsed once
        ([["a b."], ["c d."], ["a b."]], 1, ["a b.", "c d.", "a b."]),  # pushed out by a newer one
        ([["a b."], ["c d."], ["c d."]], 1, ["a b.", "c d."]),
        ([[]], 8, []),
    ],
)
def test_parse_memo_parses_each_text_once_while_remembered(
    batches: list[list[str]], size: int, parsed: list[str]
) -> None:
    nlp = _CountingPipe()
    memo = ParseMemo(nlp, size=size)  # type: ignore[arg-type]
    for texts in batches:
        docs = memo.parse(texts)
        assert [d.text for d in docs] == texts
    assert nlp.parsed == parsed


def test_parse_memo_gives_the_parse_spacy_gives() -> None:
    nlp = load_pipeline()
    said = "The minister said the talks would resume."
    texts = [said, "Critics disagreed.", said]
    memo = ParseMemo(nlp)
    memo.parse(texts[:1])
    for mine, theirs in zip(memo.parse(texts), nlp.pipe(texts), strict=True):
        assert [(t.text, t.tag_, t.dep_, t.head.i) for t in mine] == [
            (t.text, t.tag_, t.dep_, t.head.i) for t in theirs
        ]


def test_extract_quotes_same_with_remembered_parses() -> None:
    a = Article(id="a", version="1", source="a", raw=_TEXT, text=_TEXT)
    b = Article(id="b", version="1", source="b", raw=_TEXT + "\n\nA new line.", text=_TEXT + "\n\nA new line.")
    first = extract_quotes(a)
    again = extract_quotes(b)  # every sentence but the last from the memo
    said = [(q.content_text, q.speaker) for q in first]
    assert said and said == [(q.content_text, q.speaker) for q in again[: len(first)]]
    assert extract_quotes(a) == first
