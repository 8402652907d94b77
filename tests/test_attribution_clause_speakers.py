"""Speakers and contents the small parser's clause structure hides: a participle after a speaker tag
or a subordinator, a cue set off inside the sentence it reports, a reply reported before a colon,
'made clear'. The sentences are the news the parser misreads (PolNeAR, BASIL)."""

from __future__ import annotations

import pytest

from storyline.attribution import extract_quotes
from storyline.model import CueClass
from test_attribution_quotes import article


@pytest.mark.parametrize(
    ("text", "cue", "content"),
    [
        ("Francis made clear that his meeting was not political.", "made clear", "that his meeting was not political"),
        ("He made it clear that he would run.", "made it clear", "that he would run"),
        (  # NYT (PolNeAR): the parser made "clear" and the "that" clause two clauses of "made"
            "But he has a bully pulpit and he made clear Tuesday night that he intends to use it.",
            "made clear",
            "that he intends to use it",
        ),
    ],
)
def test_made_clear_is_one_emphatic_cue(text: str, cue: str, content: str) -> None:
    """ "made clear" was the cue "made" (class OTHER) with "clear that ..." as what was said."""
    (q,) = [q for q in extract_quotes(article(text)) if q.cue == cue]
    assert (q.cue_class, q.content_text) == (CueClass.EMPHATIC, content)


def test_a_reported_reply_before_a_colon_is_what_was_said() -> None:
    """'Trump said he responded: "..."' (Washington Post, PolNeAR): what Trump said is that he
    responded so; the words before the colon hold a cue of their own and announce nothing."""
    text = (
        'His wife had warned him not to get too nasty in his attacks, but Trump said he responded: "When you'
        " have incoming, you can't be too presidential.\""
    )
    (said,) = [q for q in extract_quotes(article(text)) if q.cue == "said"]
    assert said.actor == "Trump" and said.content_text.startswith("he responded:")


def test_a_participle_joined_to_a_participles_reported_clause_is_the_speakers() -> None:
    """NYT (PolNeAR): 'he did it sideways, acknowledging that Mr. Trump had tapped into a vein but
    warning that ...': the parser joins 'warning' to 'had tapped', so Mr. Trump was warning and
    the acknowledgment ran over the warning; a participle like the cue is the speaker's second."""
    text = (
        "When Mr. Rubio did take Mr. Trump on, he did it sideways, acknowledging that Mr. Trump had tapped into a"
        " vein but warning that his style would have repercussions."
    )
    got = [(q.speaker, q.cue, q.content_text) for q in extract_quotes(article(text))]
    assert got == [
        ("he", "acknowledging", "that Mr. Trump had tapped into a vein"),
        ("he", "warning", "that his style would have repercussions"),
    ]


@pytest.mark.parametrize(
    ("text", "speaker", "pieces"),
    [
        (  # NYT (PolNeAR): the parser made the speaker the subject of "is"
            "Part of the problem in detecting tunnels, say experts like Paul Bauman, a Canadian geophysicist, is the"
            " ground itself.",
            "experts like Paul Bauman, a Canadian geophysicist",
            ["Part of the problem in detecting tunnels", "is the ground itself"],
        ),
        (  # BASIL: the parser gave "said" both subjects, and the one before won
            "Her comments, said Josh Earnest, the White House press secretary, are \u201centirely consistent with"
            " what the president has already said.\u201d",
            "Josh Earnest, the White House press secretary",
            ["Her comments", "are \u201centirely consistent with what the president has already said"],
        ),
    ],
)
def test_a_cue_set_off_inside_the_sentence_it_reports(text: str, speaker: str, pieces: list[str]) -> None:
    """'X, say experts ..., is ...': the speaker comes after the cue, and the words around the aside
    are what they say."""
    got = [q for q in extract_quotes(article(text)) if q.cue in ("say", "said")]
    assert {q.speaker for q in got} == {speaker}
    assert [q.content_text.rstrip(".\u201d") for q in got] == pieces


@pytest.mark.parametrize(
    ("text", "cue", "speaker"),
    [
        pytest.param(  # BASIL: the cue follows a comma, but the speaker is the subject before it
            "Outside economists and trade experts, however, said the revisions in the North American Free Trade"
            " Agreement, which Trump has rebranded the United States Mexico Canada Agreement, will not bring in"
            " anywhere near what is necessary.",
            "said",
            "Outside economists and trade experts",
            id="an-adverb-aside-before-the-cue-keeps-the-subject-before-it",
        ),
        pytest.param(  # Politico (PolNeAR): the parser split the sentence at the title and made "Morning
            # Joe" the subject of "calling"; a title is no participle's subject, and the participle is
            # the first root's
            "Former prosecutor and New York City Mayor Rudy Giuliani, who backs Trump, trashed Comey on MSNBC\u2019s"
            " \u201cMorning Joe,\u201d calling it a \u201cno-brainer\u201d to prosecute under the statutory"
            " definition of the law.",
            "calling",
            "Former prosecutor and New York City Mayor Rudy Giuliani",
            id="a-participle-after-a-quoted-title-is-the-sentence-subjects",
        ),
    ],
)
def test_the_speaker_a_misread_clause_hides(text: str, cue: str, speaker: str) -> None:
    (q,) = [q for q in extract_quotes(article(text)) if q.cue == cue]
    assert q.speaker == speaker


@pytest.mark.parametrize(
    ("text", "cue", "actor"),
    [
        (  # NYT (PolNeAR)
            "While saying that he does respect Mrs. Clinton, Sanders continued to express doubts about her"
            " qualifications.",
            "saying",
            "Sanders",
        ),
        (  # Politico (PolNeAR)
            "Clinton, while apparently feeling the need to try to end the latest stream of headlines about her email"
            " server, was more eager to talk about Trump.",
            "apparently feeling",
            "Clinton",
        ),
        (  # BASIL
            "Brat said lawmakers \u201cmay need to recalibrate public events,\u201d while also suggesting"
            " \u201ctighter security\u201d at town halls.",
            "also suggesting",
            "Brat",
        ),
    ],
)
def test_a_participle_after_while_is_the_sentence_subjects(text: str, cue: str, actor: str) -> None:
    """'While saying ...', '..., while also suggesting ...': the participle had no speaker (a clause
    with a subordinator was taken to have its own subject)."""
    assert [q.actor for q in extract_quotes(article(text)) if q.cue == cue] == [actor]
