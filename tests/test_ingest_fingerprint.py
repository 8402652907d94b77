"""The reader's fast content fingerprint is the model's, value for value."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from storyline.ingest.records import fingerprint
from storyline.model import content_fingerprint
from storyline.text_lines import text_lines

CASES = [
    ("empty", ""),
    ("only spaces", "   "),
    ("one word", "word"),
    ("paragraphs", "First line here.\n\nSecond paragraph, two  spaces.\n"),
    ("every ascii space", "a\tb\nc\x0bd\x0ce\rf\x1cg\x1dh\x1ei\x1fj"),
    ("long runs", "a" + " " * 37 + "b" + "\n" * 9 + "c"),
    ("edges", "  \n lead and trail \t "),
    ("non-ascii", "Café  au\u00a0lait\u2003here"),
    ("decomposed", "Cafe\u0301  x"),
]


@pytest.mark.parametrize("name, text", CASES)
def test_fingerprint_matches_model(name: str, text: str) -> None:
    assert fingerprint(text) == content_fingerprint(text), name
    assert fingerprint(text, plain=True) == content_fingerprint(text), name  # from the text's lines


@given(st.text(alphabet=st.sampled_from(list("ab .,\t\n\r\x0b\x0c\x1c\x1f\u00a0\u2003é")), max_size=60))
def test_fingerprint_matches_model_on_any_text(text: str) -> None:
    assert fingerprint(text) == content_fingerprint(text)
    assert fingerprint(text, plain=True) == content_fingerprint(text)


@given(st.text(alphabet=st.sampled_from(list("ab .\t\n\r\x0b\x0c\x1c\x1d\x1e\x1f\x85\u2028\u00a0")), max_size=60))
def test_text_lines_are_single_spaced_lines(text: str) -> None:
    lines = [" ".join(line.split()) for line in text.splitlines() if line.strip()]
    assert text_lines(text) == tuple(lines)
    assert " ".join(text_lines(text)) == " ".join(text.split())  # what the plain fingerprint digests
