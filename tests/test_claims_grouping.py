"""Grouping statements into propositions: what links two statements and what must not chain a
story's separate quarrels into one. Invented sentences only."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

import claims_scenario as sc
from storyline.claims.grouping import group_statements
from storyline.claims.propositions import said_at, statements_from_quotes
from storyline.model import Article, Span


def _statements(text: str, said: list[tuple[str, str]], aid: str = "a_x") -> list:  # type: ignore[type-arg]
    article = Article(id=aid, version="v", source=f"{aid}.txt", raw=text, text=text, outlet="The Lantern")
    return statements_from_quotes([article], [sc.quote_in(article, content, actor) for actor, content in said])


def _groups(statements: list) -> list[list[str]]:  # type: ignore[type-arg]
    return sorted(sorted(s.claim.text for s in g) for g in group_statements(statements, []))


def test_a_statement_citing_a_speaker_joins_one_of_his_statements_not_all() -> None:
    """'Hale told them he would keep the bridge closed ...' refers to one thing Hale said; linked to
    every statement of his that shares a word, it chained BASIL's shutdown, wall and deal statements
    into one proposition of 97 statements."""
    hale = [
        ("Ivo Hale", "the bridge will stay closed for months unless the council pays for its repairs"),
        ("Ivo Hale", "the guild must pay a new toll on grain barges from the spring"),
        ("Ivo Hale", "the harbour pilots deserve a pay rise this year and the guild knows it"),
    ]
    statements = [
        s
        for k, (actor, content) in enumerate(hale)
        for s in _statements(f"{actor} said {content}.", [(actor, content)], aid=f"a_{k}")
    ]
    quist = "Hale told them he would keep the bridge closed for months and make the guild pay"
    statements += _statements(f"Mara Quist said {quist}.", [("Mara Quist", quist)], aid="a_q")
    groups = _groups(statements)
    assert sorted([hale[0][1], quist]) in groups
    assert [hale[1][1]] in groups and [hale[2][1]] in groups


def test_that_answers_the_statement_just_before_it() -> None:
    """'... that was never what the guild put on the table': a demonstrative subject points back
    to the other speaker's statement just before, however few words they share; 'this' mostly
    points forward ('This is a fight that will not end')."""
    claim = "the guild wanted every toll on the river scrapped"
    answer = "that was never what the guild put on the table"
    text = f"Mayor Ivo Hale said {claim}. Guild chair Mara Quist said {answer}."
    assert _groups(_statements(text, [("Ivo Hale", claim), ("Mara Quist", answer)])) == [sorted([claim, answer])]
    forward = "this is a fight that will not end until the tolls are gone"
    text = f"Mayor Ivo Hale said {claim}. Guild chair Mara Quist said {forward}."
    assert len(_groups(_statements(text, [("Ivo Hale", claim), ("Mara Quist", forward)]))) == 2


@pytest.mark.parametrize(
    ("text", "content", "others", "day"),
    [
        # the time of saying is in the frame
        ("On Monday, Mara Quist said the quay would reopen.", "the quay would reopen", [], 1),
        ('"The quay will reopen," Mara Quist said on Monday.', "The quay will reopen", [], 1),
        # a date inside what was said is what it is about
        ("Mara Quist said the quay would reopen on Monday.", "the quay would reopen on Monday", [], 2),
        # ... or inside another statement of the sentence
        (
            '"That is not what the record shows," the wire says, noting that the draft tabled on Monday '
            "left the quay out.",
            "That is not what the record shows",
            ["that the draft tabled on Monday left the quay out"],
            2,
        ),
        # ... or after a colon that follows it
        (
            "That is not what the record shows: the draft tabled on Monday left the quay out.",
            "That is not what the record shows",
            [],
            2,
        ),
    ],
)
def test_when_a_statement_was_made_is_read_outside_what_was_said(
    text: str, content: str, others: list[str], day: int
) -> None:
    """Monday is 1 April, the day before publication. The demo's '"That is not what the record
    shows," CP says ..., noting that the draft Marisca
    tabled on March 11 ...' was dated March 11, before the summit it judges had ended."""
    article = Article(
        id="a_d", version="v", source="d.txt", raw=text, text=text, published=datetime(2030, 4, 2, 9, tzinfo=UTC)
    )

    def span(part: str) -> Span:
        return Span(start=text.index(part), end=text.index(part) + len(part))

    when = said_at(article, text, span(content), others=[span(o) for o in others])
    assert when is not None and when.date() == datetime(2030, 4, day).date()  # published Tuesday 2 April
