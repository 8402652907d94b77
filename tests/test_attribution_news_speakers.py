"""Speakers and contents in news as printed: a programme's quoted title, a politician's epithet,
"he" after a new subject, "said nothing". Invented sentences in the shape of BASIL's articles."""

from __future__ import annotations

import pytest

from storyline.attribution import extract_quotes
from test_attribution_quotes import article


def test_a_quoted_programme_title_is_not_what_was_said() -> None:
    """'said on NBC's "Meet the Press" that ...': the parser hung the clause on the quoted title;
    what was said is the clause."""
    text = 'Schiff said on NBC\'s "Meet the Press" that the memo was misleading.'
    got = [(q.actor, q.content_text) for q in extract_quotes(article(text))]
    assert got == [("Schiff", "that the memo was misleading")]


@pytest.mark.parametrize(
    ("text", "actor"),
    [
        (
            "House Speaker Nancy Pelosi met the president on Tuesday. "
            "The California Democrat said the wall was immoral.",
            "Nancy Pelosi",
        ),
        (
            "Mitch McConnell spoke first. The Kentucky Republican, Mitch McConnell, said the bill was dead.",
            "Mitch McConnell",
        ),
        ("The Republican said the bill was dead.", "Republican"),  # no one named before: as before
    ],
)
def test_a_politicians_epithet_is_the_politician_named_before(text: str, actor: str) -> None:
    """'The California Democrat said' is the person the article named before (was an actor of its
    own, 'California Democrat'); with the name in apposition it is that name."""
    (q,) = [q for q in extract_quotes(article(text)) if q.cue == "said"]
    assert q.actor == actor


def test_he_after_a_new_subject_opens_the_narration_is_that_subject() -> None:
    """'"...," he said' after 'Trump, as is often his way, fired back on Twitter.' is Trump, not
    Vicente Fox, who was quoted just before (BASIL: Trump's tweet about Fox went to Fox)."""
    text = (
        'Vicente Fox spoke on CNN. "He is not welcome to Mexico," Fox told the network. "We do not like him," he '
        "said.\n\nDonald Trump met reporters. Trump, as is often his way, fired back on Twitter.\n\n"
        '"Former President Vicente Fox, who is railing against my visit, also invited me," he said.'
    )
    got = [(q.actor, q.content_text[:20]) for q in extract_quotes(article(text))]
    assert ("Vicente Fox", "We do not like him") in got
    assert ("Donald Trump", "Former President Vic") in got


@pytest.mark.parametrize(
    ("text", "content"),
    [
        ("Mitch McConnell said nothing.", None),
        ("She said little about the talks.", None),
        ("He said nothing would change.", "nothing would change"),
    ],
)
def test_said_nothing_reports_nothing(text: str, content: str | None) -> None:
    """'said nothing' / 'said little about it' is no statement ('nothing' was its content); 'said
    nothing would change' is one."""
    got = [q.content_text for q in extract_quotes(article(text))]
    assert got == ([content] if content else [])
