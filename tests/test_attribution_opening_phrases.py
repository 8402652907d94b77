"""Speakers the small parser hung inside the phrase that opens the sentence, and sentences whose
no-break spaces it read as words. The sentences are PolNeAR's (news the parser misreads; invented
names in the same shape are often parsed right, so the names are kept)."""

from __future__ import annotations

import pytest

from storyline.attribution import extract_quotes
from test_attribution_quotes import article


@pytest.mark.parametrize(
    ("text", "cue", "speaker"),
    [
        (
            "In a May 2012 message to Clinton, Tanden, head of the Center for American Progress, "
            "recounted a conversation she had while seated next to Soros at a dinner.",
            "recounted",
            "Tanden",
        ),
        (
            "In addition to Mr. Regalado, two Republican members of Congress from Florida, Ileana "
            "Ros-Lehtinen and Carlos Curbelo, have said they will not back Mr. Trump.",
            "have said",
            "two Republican members of Congress from Florida, Ileana Ros-Lehtinen and Carlos Curbelo",
        ),
        (
            "Although there is no such overlap with Sanders's team, a White House official who spoke "
            'anonymously to discuss internal strategy said Wednesday, "Certainly there are discussions '
            'between the White House and the Sanders campaign."',
            "said",
            "a White House official who spoke anonymously to discuss internal strategy",
        ),
        (  # BASIL: the name read as a conjunct of Twitter
            "In a post to Twitter, Wayne Pacelle, the CEO of The Humane Society of the United States, said "
            "he was grateful that Trump would reconsider.",
            "said",
            "Wayne Pacelle, the CEO of The Humane Society of the United States",
        ),
    ],
)
def test_an_apposition_that_runs_up_to_the_verb_is_its_subject(text: str, cue: str, speaker: str) -> None:
    """The parser made the speaker an apposition of the opening phrase's last noun (Clinton,
    Regalado, Sanders's team) and left the verb with no subject: no speaker was found."""
    (q,) = [q for q in extract_quotes(article(text)) if q.cue == cue]
    assert q.speaker == speaker


def test_an_opening_phrase_that_does_not_reach_the_verb_gives_no_speaker() -> None:
    """The apposition must run up to the verb: one that stops earlier is the phrase's own."""
    text = "In a message to Clinton, Tanden's old friend, the plan was described as a success."
    assert all(q.speaker != "Tanden's old friend" for q in extract_quotes(article(text)))


def test_no_break_spaces_are_read_as_spaces() -> None:
    """'Trump\\xa0cast the blame ...': the no-break space was a token of its own, and the speaker came
    out as 'Nice, Trump ' (actor Nice)."""
    text = (
        "After the tragedy in Nice, Trump\xa0cast the blame on his democratic rivals\xa0in the U.S., "
        "and emphasized the threat that \u201cIslamic terrorism\u201d poses to the world."
    )
    got = {(q.cue, q.speaker, q.actor) for q in extract_quotes(article(text))}
    assert ("emphasized", "Trump", "Trump") in got
    (q,) = [q for q in extract_quotes(article(text)) if q.cue == "emphasized"]
    assert text[q.content.start : q.content.end].startswith("the threat")


def test_a_word_of_the_quotation_is_no_subject_when_the_speaker_follows_the_cue() -> None:
    """'"Thanks, Clarkston, ...," said master of ceremonies Asab Al-Tabchi': the parser gave 'said' two
    subjects, 'Thanks' inside the quotation and the speaker after it; the quotation was the speaker
    and the speaker the words (PolNeAR's sentence)."""
    text = (
        '"Thanks, Clarkston, for welcoming these refugees," said master of ceremonies Asab Al-Tabchi, a'
        " Syrian engineer who immigrated to Clarkston decades ago."
    )
    (q,) = extract_quotes(article(text))
    assert (q.actor, q.content_text) == ("Asab Al-Tabchi", "Thanks, Clarkston, for welcoming these refugees")


@pytest.mark.parametrize(
    ("text", "cue", "actor"),
    [
        (  # PolNeAR's sentences: the parser read the aside as the clause and left the verb subjectless
            "Trump, speaking later at a rally in Charleston, West Virginia, did not mention Ryan directly in his"
            " speech.",
            "did not mention",
            "Trump",
        ),
        (  # ... and "Now" is no part of the name ("Now Sembler" was the actor)
            "Now Sembler, who helped lead fundraising for a pro-Bush super PAC, has agreed to serve as a vice"
            " chairman.",
            "has agreed",
            "Sembler",
        ),
        (  # a finite verb joined to the infinitive goes with the verb above it
            "During the 2012 election, Mitt Romney largely ran on his ability to jolt the economic recovery into"
            " hyperdrive and accused Obama of bungling the rehabilitation.",
            "accused",
            "Mitt Romney",
        ),
    ],
)
def test_a_name_set_off_from_its_verb_is_the_speaker(text: str, cue: str, actor: str) -> None:
    (q,) = [q for q in extract_quotes(article(text)) if q.cue == cue]
    assert q.actor == actor


def test_whom_it_was_said_to_after_the_speakers_aside_is_not_the_speaker() -> None:
    """BASIL: '..., said Rep. Michele Bachmann (R-Minn.), who has emerged a prominent voice of the Tea
    Party movement, to the Post': the speaker ran on to 'to the Post'."""
    text = (
        "\u201cOn November 2nd, voters called for an end to reckless spending,\u201d said Rep. Michele Bachmann"
        " (R-Minn.), who has emerged a prominent voice of the Tea Party movement, to the Post."
    )
    (q,) = extract_quotes(article(text))
    assert "Post" not in q.speaker and q.actor == "Michele Bachmann"


def test_a_quotation_closing_inside_another_before_the_speaker() -> None:
    """NYT style (PolNeAR): "''Sometimes they say, 'Yeah, Trump is right, ...,''' said Mr. Regalado":
    the inner quotation's mark before the outer one hid the speaker tag, and nothing was found."""
    text = (
        "''Sometimes they say, 'Yeah, Trump is right, you guys have to all go back to your country,''' said"
        " Mr. Regalado, who was born in Havana."
    )
    (q,) = extract_quotes(article(text))
    assert q.actor == "Regalado" and q.content_text.startswith("Sometimes they say")


def test_a_name_right_before_a_verb_the_parser_left_without_a_subject() -> None:
    """Breitbart (PolNeAR): the parser hung 'Speaker of the House Rep. Paul Ryan (R-WI)' on 'the Star
    of David' and made 'said' a clause of 'likened', with no subject: the quote had no speaker."""
    text = (
        "Tuesday on WTMJ\u2019s \u201cMidday with Charlie Sykes,\u201d while discussing a controversial tweet from"
        " presumptive Republican presidential nominee Donald Trump featuring an image of Hillary Clinton, money"
        " and a six-pointed star likened to the Star of David, Speaker of the House Rep. Paul Ryan (R-WI) said"
        " \u201canti-Semitic images, they\u2019ve got no place in a presidential campaign.\u201d"
    )
    (q,) = [q for q in extract_quotes(article(text)) if q.cue == "said"]
    assert q.speaker == "Speaker of the House Rep. Paul Ryan (R-WI)" and q.actor == "Paul Ryan"


def test_a_curly_apostrophe_in_a_name_parses_as_a_straight_one() -> None:
    """BASIL: 'former Texas Rep. Beto O’Rourke charged on the campaign trail ... that you “have a
    president ...”': the tagger read "O’Rourke" as a common noun and "charged" as a participle, so
    the quotation had no attribution; with a straight apostrophe it parses right. The speaker keeps
    the article's apostrophe."""
    text = (
        "And on Saturday, former Texas Rep. Beto O\u2019Rourke charged on the campaign trail in South Carolina"
        " that you \u201chave a president, who in my opinion sought to collude with the Russian government.\u201d"
    )
    (q,) = extract_quotes(article(text))
    assert (q.cue, q.actor) == ("charged", "Beto O\u2019Rourke")


@pytest.mark.parametrize(
    ("text", "content"),
    [
        (  # Breitbart (PolNeAR)
            "Ryan said,\u201cLook, anti-Semitic images, they\u2019ve got no place in a presidential campaign.\u201d",
            "Look, anti-Semitic images, they\u2019ve got no place in a presidential campaign",
        ),
        ('Clinton said:"We will win this state."', "We will win this state"),
    ],
)
def test_a_quotation_glued_to_its_cue_is_split_from_it(text: str, content: str) -> None:
    """'said,“Look' was one token: the quotation had no cue."""
    assert [(q.cue, q.content_text) for q in extract_quotes(article(text))] == [("said", content)]
