"""Sentences the parser reads in another form (title-case headlines, modal surnames), reports
nested in another's words, and what someone is urged to do.

The small parser reads a title-case headline as one long name ("Hillary Clinton Slams Donald Trump
On Abortion" had no verb, so no cue): the headline is parsed in sentence case, names kept by how
the article's body writes them, and the quote keeps the words as written. A plain "X says" inside
someone else's content ("which they say left a vacuum") is a report of its own even when the cue
model is unsure of it. The headline cases keep news names: with invented ones the parser happened
to find the verb already. "May told reporters", "Will urged": a surname that is a modal verb,
of a person the article names in full, is parsed as a surname.
"""

from __future__ import annotations

import pytest

from storyline.attribution import extract_quotes
from storyline.attribution.parse_forms import body_casing, is_title_case, modal_surnames, sentence_cased, with_stand_ins
from storyline.attribution.speakers import person_names
from test_attribution_quotes import article


@pytest.mark.parametrize(
    ("headline", "speaker", "cue"),
    [
        pytest.param(
            "Hillary Clinton Slams Donald Trump On Abortion After SCOTUS Ruling.",
            "Hillary Clinton",
            "Slams",
            id="slams",
        ),
        pytest.param(
            "Ted Cruz Hints Trump Would Get Border Wall Contract.", "Ted Cruz", "Hints", id="hints-with-a-clause"
        ),
    ],
)
def test_title_case_headline_has_its_cue(headline: str, speaker: str, cue: str) -> None:
    text = f"{headline}\n\nThe remarks came on Monday in a speech to supporters in the capital."
    quotes = [q for q in extract_quotes(article(text)) if q.content.start < len(headline)]
    assert [(q.speaker, q.cue) for q in quotes] == [(speaker, cue)]
    assert quotes[0].cue_span is not None
    assert text[quotes[0].cue_span.start : quotes[0].cue_span.end] == cue


def test_sentence_case_keeps_names_the_body_capitalizes() -> None:
    body = "The harbour board met on Tuesday. Ines Marlow said the Tollgate plan would fail."
    headline = "Marlow Says Tollgate Plan Will Fail Without Harbour Board Vote"
    recased = sentence_cased(headline, body_casing(body))
    assert recased == "Marlow says Tollgate plan will fail without harbour board vote"
    assert len(recased) == len(headline)


def test_title_case_needs_most_long_words_capitalized() -> None:
    assert is_title_case("Marlow Says Tollgate Plan Will Fail Without Harbour Board Vote")
    assert not is_title_case("Marlow says the Tollgate plan will fail without a vote.")
    assert not is_title_case("Port Alder")  # too short to tell
    assert body_casing("Marlow Says Plan Will Fail\nthe Plan was new")["plan"] == 1  # the headline no evidence


@pytest.mark.parametrize(
    ("text", "speaker", "content"),
    [
        pytest.param(
            "They are also focused on the administration's drawdown of troops in Iraq, which they say left"
            " a vacuum for terrorist activity to grow.",
            "they",
            "left a vacuum for terrorist activity to grow",
            id="relative-clause-they-say",
        ),
        pytest.param(
            "Sanders exaggerates when he says he helped write the Affordable Care Act (ACA).",
            "he",
            "he helped write the Affordable Care Act (ACA)",
            id="when-he-says",
        ),
        pytest.param(
            "Candidates on Wednesday reacted to a shooting in Sorrel, where authorities reported at least 20 victims.",
            "authorities",
            "at least 20 victims",
            id="where-authorities-reported",
        ),
    ],
)
def test_plain_report_inside_other_words_stands(text: str, speaker: str, content: str) -> None:
    said = [(q.speaker, q.content_text) for q in extract_quotes(article(text)) if q.cue in ("say", "says", "reported")]
    assert said == [(speaker, content)]


def test_modal_surname_speaks() -> None:
    text = (
        "Conservative columnist George Will wrote a scathing column this week. Citing the attack, Will urged"
        " voters to abandon outsider candidates. Will believes the governor has been handed an opportunity."
        " Will the party listen?"
    )
    quotes = extract_quotes(article(text))
    assert [(q.cue, q.actor) for q in quotes if q.cue in ("urged", "believes")] == [
        ("urged", "George Will"),
        ("believes", "George Will"),
    ]


def test_the_month_of_may_is_no_stand_in() -> None:
    """In an article about Theresa May, the month stays a month for the parser."""
    surnames = modal_surnames(["Theresa May"])
    assert surnames is not None
    text = "Since May, May has said the deal was done in May 2019, or on May 3."
    assert with_stand_ins(text, surnames) == "Since May, Lee has said the deal was done in May 2019, or on May 3."


def test_surname_may_is_a_person() -> None:
    text = (
        "Prime Minister Theresa May arrived in Brussels on Monday. May told reporters the deal was the best"
        " available. Early May brought no agreement."
    )
    assert [(q.cue, q.actor) for q in extract_quotes(article(text))] == [("told", "Theresa May")]
    assert [name for _, name in person_names(text)] == ["Theresa May"]


@pytest.mark.parametrize(
    ("text", "content"),
    [
        pytest.param(
            "The newspaper urged Hollis to make a decision on a basis other than the polls.",
            "Hollis to make a decision on a basis other than the polls",
            id="urged-someone-to",
        ),
        pytest.param(
            "He asked supporters to run for office in their own towns.",
            "supporters to run for office in their own towns",
            id="asked-someone-to",
        ),
        pytest.param(
            "Hollis urged the council to move on the ferry funding Wednesday, while mocking them for spending"
            " time on less important work.",
            "the council to move on the ferry funding Wednesday",
            id="not-the-while-clause-after-it",
        ),
    ],
)
def test_the_one_urged_and_what_to_do(text: str, content: str) -> None:
    """(not a clause set off after it: "..., while mocking them for ..." is the writer's)"""
    assert [q.content_text for q in extract_quotes(article(text))] == [content]


@pytest.mark.parametrize(
    ("text", "cue", "actor"),
    [
        pytest.param(  # PolNeAR's sentences
            "Trump predicts that as Jeb Bush and other Republican candidates eventually drop out, many of their"
            " supporters will switch to his side.",
            "predicts",
            "Trump",
            id="predicts-that",
        ),
        pytest.param("Trump talks to Megyn Kelly about bullying.", "talks", "Trump", id="a-headline"),
    ],
)
def test_a_reporting_verb_read_as_a_plural_noun_is_parsed_as_a_verb(text: str, cue: str, actor: str) -> None:
    """The parser read 'predicts' and 'talks' as plural nouns (the sentence had no verb): the
    sentence is parsed again with a plain verb of the same length in its place, and keeps its
    words."""
    got = [(q.cue.split()[0], q.actor) for q in extract_quotes(article(text))]
    assert (cue, actor) in got


def test_a_plural_noun_after_a_preposition_stays_a_noun() -> None:
    text = "That's according to fundraising reports through Jan. 31 that the campaign is filing on Saturday."
    assert all(q.cue != "reports" for q in extract_quotes(article(text)))


def test_a_surname_in_ing_is_parsed_as_a_name() -> None:
    """'Schilling, through a spokeswoman, declined to comment' (PolNeAR): "Schilling" was read as a
    participle and the decline had no one; the article names Curt Schilling, so the word is parsed
    as a plain surname of the same length."""
    text = "Curt Schilling was fired on Wednesday. Schilling, through a spokeswoman, declined to comment."
    got = [(q.cue, q.actor) for q in extract_quotes(article(text))]
    assert ("declined", "Curt Schilling") in got
