"""Credits written in the text: outlets are credited, public bodies are sources, not outlets."""

from __future__ import annotations

import pytest

from storyline.cleaning.metadata import extract_text_metadata

BODY = (
    "The summit ended on Wednesday without a statement and the delegations went home to their capitals "
    "after two long days of talks about the levies on the strait."
)


@pytest.mark.parametrize(
    ("sentence", "credits"),
    [
        ("The levy raised 412 million veldor, according to The Harbour Ledger.", ("The Harbour Ledger",)),
        ("The talks failed, The Sorrel Gazette reported on Monday.", ("The Sorrel Gazette",)),
        ("The levy raised 412 million veldor, according to the Maritime Authority.", ()),
        ("Exports fell, according to the International Energy Agency.", ()),
        ("The talks failed, according to the Veldoran Press Agency.", ("Veldoran Press Agency",)),
        ("The deal was signed, according to the State Department.", ()),
        ("The deal was signed, according to the Xinhua News Agency.", ("Xinhua",)),
        # a name does not run over a paragraph break into the next paragraph's opening words
        ("The levy raised 412 million veldor, according to the Maritime Authority.\n\nIn Port Alder, it rained.", ()),
        ("The talks failed, according to The Harbour Ledger.\nIn Port Alder, it rained.", ("The Harbour Ledger",)),
        # a short form of a name the text gives in full is that name, once
        (
            "The talks failed, The Harbour Ledger reported. The levy stays, according to the Ledger.",
            ("The Harbour Ledger",),
        ),
    ],
)
def test_text_credits_name_outlets_not_public_bodies(sentence: str, credits: tuple[str, ...]) -> None:
    assert extract_text_metadata(f"{BODY}\n\n{sentence}").credits == credits
