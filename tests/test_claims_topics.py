"""A quote that names what was talked about ("tweeted about ...") is no position on a proposition."""

from __future__ import annotations

import pytest

from storyline.claims.propositions import names_a_topic, statements_from_quotes
from storyline.model import Article, Quote, QuoteKind, Span, SpeakerType

TEXT = (
    "Both sides now argue about the same nine lines of the same schedule. "
    "Mara Quist said the quay will reopen on Monday."
)


def _quote(cue: str, content: str, kind: QuoteKind = QuoteKind.INDIRECT) -> Quote:
    start = TEXT.index(content)
    return Quote(
        id=f"q_{cue}",
        article_id="a",
        speaker="Mara Quist",
        actor="Mara Quist",
        cue=cue,
        kind=kind,
        content=Span(start=start, end=start + len(content)),
        content_text=content,
        speaker_type=SpeakerType.PERSON,
    )


@pytest.mark.parametrize(
    ("cue", "kind", "topic"),
    [
        ("now argue about", QuoteKind.INDIRECT, True),
        ("tweeted about", QuoteKind.MIXED, True),
        ("argued over", QuoteKind.INDIRECT, True),
        ("said", QuoteKind.INDIRECT, False),
        ("went on", QuoteKind.INDIRECT, False),  # "went on: ..." reports what followed
        ("joked about", QuoteKind.DIRECT, False),  # a quotation is what was said
    ],
)
def test_a_cue_ending_on_about_or_over_names_a_topic(cue: str, kind: QuoteKind, topic: bool) -> None:
    assert names_a_topic(_quote(cue, "the same nine lines of the same schedule", kind)) is topic


def test_a_topic_makes_no_statement() -> None:
    article = Article(id="a", version="v", source="a.txt", raw=TEXT, text=TEXT, outlet="Quay Post")
    quotes = [
        _quote("now argue about", "the same nine lines of the same schedule"),
        _quote("said", "the quay will reopen on Monday"),
    ]
    statements = statements_from_quotes([article], quotes)
    assert [s.claim.text for s in statements] == ["the quay will reopen on Monday"]
