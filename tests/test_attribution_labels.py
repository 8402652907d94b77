"""Labels and quotations: who a colon label is ("PENCE:", "BOOM:"), which cue a quotation
after a sentence end belongs to, and who a pronoun is when no one is named."""

from __future__ import annotations

import pytest

from storyline.attribution import extract_quotes
from test_attribution_quotes import article


def test_an_editorial_label_before_a_colon_is_no_speaker() -> None:
    """'UPDATE: ...' is the outlet's notice; 'PENCE: ...' quotes Mike Pence, named in the story."""
    text = (
        "UPDATE: The Washington Post now reports that the senator has been indicted.\n"
        "Vice President Mike Pence met donors in Ohio.\nPENCE: We will win this."
    )
    got = [(q.actor, q.cue) for q in extract_quotes(article(text))]
    assert ("UPDATE", ":") not in got
    assert ("Mike Pence", ":") in got


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("BOOM: Vask Just Fired A Missile At Hollis.\nTeodor Vask spoke in Corran on Monday.", []),
        ("Superdelegates: Hollis is backed by 520 superdelegates.", []),
        ("Question: What do you call a toll that never ends? Answer: A tax.", []),
        ("Poll: Hollis leads Vask in Corran.", [("Poll", "Hollis leads Vask in Corran")]),
        (
            "Vask: Hollis is not honest.\nTeodor Vask said on Sunday that Hollis had lied.",
            [("Teodor Vask", "Hollis is not honest")],
        ),
        (
            "INES MARLOW: Vask released a video.\nVASK: The deaths are tragic.\nMARLOW: You still back him?\n"
            "Teodor Vask spoke at the port.",
            [
                ("Ines Marlow", "Vask released a video"),
                ("Teodor Vask", "The deaths are tragic"),
                ("Ines Marlow", "You still back him?"),
            ],
        ),
    ],
)
def test_a_one_word_label_speaks_only_when_it_names_someone(text: str, expected: list[tuple[str, str]]) -> None:
    """A kicker ("BOOM:", "Question:") names no one; a record noun, a surname the story names in
    full, and a transcript's labels ("INES MARLOW:", then "MARLOW:") do."""
    got = [(q.actor, q.content_text) for q in extract_quotes(article(text)) if q.cue == ":"]
    assert got == expected


def test_a_quotation_another_sentence_introduces_is_not_an_earlier_cues() -> None:
    """'... a claim Vask rejected. Hollis was quick to retort: "..."': the quotation after the
    colon is Hollis's (the parser read "retort" as a noun), not the content of Vask's rejection."""
    text = 'Critics pointed to a claim Vask rejected. Hollis was quick to retort: "That is a bunch of nonsense."'
    got = [(q.actor, q.content_text) for q in extract_quotes(article(text))]
    assert ("Vask", "That is a bunch of nonsense") not in got


@pytest.mark.parametrize(
    "text",
    [
        "“He is no expert in record law,” Mr. Vask said of Mr. Dorn. “And he is not a member of the cabinet.”",
        "“We need calm,” said Ms. Hollis, who met Mr. Dorn at the port. “And he is not a member of the cabinet.”",
    ],
)
def test_a_title_in_the_attribution_ends_no_sentence(text: str) -> None:
    """'"A," Mr. Vask said of Mr. Dorn. "B."': "Mr." is no full stop, so B goes on with A's
    speaker (read as a new sentence, B had no speaker at all)."""
    got = [q.content_text for q in extract_quotes(article(text))]
    assert "And he is not a member of the cabinet" in got


def test_an_unresolved_pronoun_is_not_another_pronouns_referent() -> None:
    """'"A," he said. She stressed: "B."' with no one named: B is "She"'s, not the man's."""
    got = [(q.speaker, q.actor) for q in extract_quotes(article('"A," he said. She stressed: "B."'))]
    assert got == [("he", "he"), ("She", "She")]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "“We did not know it was the minister,” Rev. John Paul Hopping of Our Lady of Corran, told the Gazette.",
            (
                "Rev. John Paul Hopping of Our Lady of Corran",
                "John Paul Hopping",
                "We did not know it was the minister",
            ),
        ),
        (
            "“We did not know it was the minister,” Tomas Hopping of Saint Brigid, told the Gazette.",
            ("Tomas Hopping of Saint Brigid", "Tomas Hopping", "We did not know it was the minister"),
        ),
        (
            "Ines Marlow, who was speaking to the mayors, said the toll would stay.",
            ("Ines Marlow", "Ines Marlow", "the toll would stay"),
        ),
    ],
)
def test_the_speaker_between_a_quotation_and_the_cue(text: str, expected: tuple[str, str, str]) -> None:
    """'"...," Rev. John Paul Hopping of Our Lady of Corran, told the Gazette': the parser hung the
    name on the quotation (and read "Hopping" as a verb); it is the speaker, not part of the words,
    and a named listener ("the Gazette") is no content. A relative clause set off by commas is no
    part of the speaker as written."""
    got = [(q.speaker, q.actor, q.content_text) for q in extract_quotes(article(text))]
    assert got == [expected]


def test_a_long_aside_between_speaker_and_cue_keeps_the_quotation_before() -> None:
    """'"A. B," Attorney General Ines Marlow, who has sued the ministry three times this year, said in a
    statement. "C."': the speaker right after the quotation claims it however long her aside."""
    text = (
        "“Any crisis at the locks is of the ministry’s own making. There is no emergency,” Attorney General "
        "Ines Marlow, who has sued the ministry three times this year, said in a statement. “If the ministry "
        "oversteps its authority, we will sue.”"
    )
    got = [(q.actor, q.content_text) for q in extract_quotes(article(text))]
    assert got == [
        ("Ines Marlow", "Any crisis at the locks is of the ministry’s own making. There is no emergency"),
        ("Ines Marlow", "If the ministry oversteps its authority, we will sue"),
    ]


@pytest.mark.parametrize(
    ("text", "actor", "content"),
    [
        (
            "For his part, Teodor Vask, the opposition leader, called the minister's proposal \"one-sided and "
            'ineffective."',
            "Teodor Vask",
            'the minister\'s proposal "one-sided and ineffective."',
        ),
        (
            "Ines Marlow, the harbour master, denounced the offer as “not a compromise but more hostage taking.”",
            "Ines Marlow",
            "the offer as “not a compromise but more hostage taking.”",
        ),
        (
            "Mr. Vask intervened as well, accusing Ms. Marlow of “knowingly and unlawfully lying and leaking.”",
            "Vask",
            "Ms. Marlow of “knowingly and unlawfully lying and leaking.”",
        ),
        (
            "Ines Marlow, the harbour master, described the new toll on the strait as “dishonest and cruel.”",
            "Ines Marlow",
            "the new toll on the strait as “dishonest and cruel.”",
        ),
        (
            'Teodor Vask accused Hollis of trying to "undermine the strait authority" without a vote.',
            "Teodor Vask",
            'Hollis of trying to "undermine the strait authority" without a vote',
        ),
        (
            "Ines Marlow has branded it the “Toll Protection Act” in weekly speeches.",
            "Ines Marlow",
            "it the “Toll Protection Act”",
        ),
        (
            "Ines Marlow attacked Vask for driving a “false narrative” about the tolls and “undermining the faith” of "
            "ferry crews.",
            "Ines Marlow",
            "Vask for driving a “false narrative” about the tolls and “undermining the faith” of ferry crews",
        ),
        (
            'Ines Marlow urged Vask and Hollis to "stop holding the strait hostage" at once.',
            "Ines Marlow",
            'Vask and Hollis to "stop holding the strait hostage"',
        ),
        (  # the parser hung the object on the name ("toll" under "unfair")
            "Ines Marlow called the toll “unfair” and “cruel”.",
            "Ines Marlow",
            "the toll “unfair” and “cruel”",
        ),
        (
            'Ines Marlow called it "a bad joke" and "cruel" on Monday.',
            "Ines Marlow",
            'it "a bad joke" and "cruel"',
        ),
    ],
)
def test_what_an_object_is_called_is_the_quotation_after_it(text: str, actor: str, content: str) -> None:
    """'called the proposal "one-sided"', 'denounced the offer as "..."', 'accusing her of "..."':
    the words are the quotation, not the object alone; 'Teodor Vask, the opposition leader, called'
    read as a participle of the only noun still has Vask as its speaker."""
    got = [(q.actor, q.content_text) for q in extract_quotes(article(text))]
    assert got == [(actor, content)]


def test_two_speakers_after_a_quotation_are_both_its_speakers() -> None:
    """'"...," Majority Leader Ines Marlow (D) and Assistant Majority Leader Tomas Hopping (D) said
    in a statement. "..."': the parser hung the first name on the quotation; both names are the
    speaker as written (with the closing parenthesis of each tag), and the next quotation goes on."""
    text = (
        "“Every day, Vask gives Corran people more evidence that he is unfit for office,” House Majority "
        "Leader Ines Marlow (D) and Assistant House Majority Leader Tomas Hopping (D) said in a statement. "
        "“The minister needs to resign.”"
    )
    got = [(q.speaker, q.content_text) for q in extract_quotes(article(text))]
    speaker = "House Majority Leader Ines Marlow (D) and Assistant House Majority Leader Tomas Hopping (D)"
    assert got == [
        (speaker, "Every day, Vask gives Corran people more evidence that he is unfit for office"),
        (speaker, "The minister needs to resign"),
    ]


def test_a_paragraph_that_opens_with_a_quotation_goes_on_with_the_last_speaker() -> None:
    """'"A," he went on to say.\\n"B."\\n': journalists name a new speaker with a new quotation, so a
    paragraph of quotation alone is the previous speaker's; one with its own speaker is not."""
    text = (
        "Teodor Vask spoke at the port.\n“The report was a disgrace to our country,” he went on to say.\n"
        "“It has lost tremendous credibility.”\nThe Gazette published the report on Thursday.\n"
        "“We stand by it,” its editor said.\n“It was fair.”"
    )
    got = [(q.actor, q.content_text) for q in extract_quotes(article(text)) if q.cue != "published"]
    assert got == [
        ("Teodor Vask", "The report was a disgrace to our country"),
        ("Teodor Vask", "It has lost tremendous credibility"),
        ("its editor", "We stand by it"),
        ("its editor", "It was fair"),
    ]


def test_a_sentence_keeps_the_closing_mark_after_its_full_stop() -> None:
    """'... called the proposal "one-sided and ineffective."\\n"It's clear ..."': the sentence that
    was parsed ended at the full stop, without its closing mark, so the open quotation hid what
    the proposal was called."""
    from storyline.attribution.sentences import split_sentences

    text = 'Vask called the proposal "one-sided and ineffective."\n"It is clear the minister is stuck," he added.'
    assert [text[s.start : s.end] for s in split_sentences(text)][0].endswith('ineffective."')
    got = [(q.cue, q.content_text) for q in extract_quotes(article(text))]
    assert ("called", 'the proposal "one-sided and ineffective."') in got


@pytest.mark.parametrize(
    ("text", "content"),
    [
        ("(Mr. Vask has pleaded not guilty.) The case goes on.", "not guilty"),
        ("Ines Marlow said the plan (a draft) was weak (very weak).", "the plan (a draft) was weak (very weak)"),
    ],
)
def test_a_content_closes_the_parentheses_it_opens_and_no_other(text: str, content: str) -> None:
    got = [q.content_text for q in extract_quotes(article(text))]
    assert got == [content]


def test_an_aside_of_a_body_in_the_speakers_description_does_not_make_her_a_body() -> None:
    """'Ines Marlow, president of the Corran Ferry Fund, an advocacy group here, criticized ...':
    the advocacy group is the fund, not Ines Marlow ("RMB, Marisca's state broadcaster" is one)."""
    text = "Ines Marlow, president of the Corran Ferry Fund, an advocacy group here, criticized the study."
    got = [(q.actor, q.speaker_type.value) for q in extract_quotes(article(text))]
    assert got == [("Ines Marlow", "person")]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Ines Marlow met several students in what she described as an “opportunity to sit down with young people.”",
            ("described", "as an “opportunity to sit down with young people.”"),
        ),
        (
            "Teodor Vask hammered Hollis for what he called her “utter failure on the tolls.”",
            ("called", "her “utter failure on the tolls.”"),
        ),
    ],
)
def test_what_a_relative_object_was_called_is_the_quotation_after_the_cue(text: str, expected: tuple[str, str]) -> None:
    """'in what she described as an "..."': the relative pronoun is the object; the words are the
    quotation after the cue (the content had swallowed the speaker and the cue)."""
    got = [(q.cue, q.content_text) for q in extract_quotes(article(text))]
    assert expected in got


def test_a_participles_phrase_ends_where_the_clause_it_opens_begins() -> None:
    """'..., responding to a question about the ambassador, Vask responded: "..."': the question is
    not Vask's reply (an aside, "the deal, Hollis said, was dead", is still inside its clause)."""
    text = (
        "After Hollis finished his opening statement, responding to a question about the death of the "
        'ambassador, Teodor Vask responded: "That is nonsense."'
    )
    got = {q.cue: q.content_text for q in extract_quotes(article(text))}
    assert got["responding to"] == "a question about the death of the ambassador"
    assert got["responded"] == "That is nonsense"


def test_the_congressman_is_the_representative_the_story_names() -> None:
    text = "Rep. Teodor Vask spoke on Monday. The congressman also expressed concern about the tolls."
    assert [q.actor for q in extract_quotes(article(text))] == ["Teodor Vask"]


def test_a_quotation_the_speaker_interrupts_goes_on_from_the_words_before_it() -> None:
    """'By lifting the ban, she said, Vask was "encouraging ..."': the second half is the clause and
    its quotation, not the clause cut before the quotation."""
    text = "Ines Marlow spoke. By lifting the ban, she said, Vask was “encouraging crews to leave the strait.”"
    got = [q.content_text for q in extract_quotes(article(text))]
    assert got == ["By lifting the ban", "Vask was “encouraging crews to leave the strait.”"]


def test_a_quotation_ending_in_a_full_stop_is_not_the_next_sentences() -> None:
    """'... praised Vask for showing "the courage of his convictions." Vask said "thanks."': Vask's
    words are "thanks" only; a quotation before its speaker ends with a comma, not a full stop."""
    text = 'Ines Marlow praised Vask for showing "the courage of his convictions." Vask said "thanks."'
    got = [(q.actor, q.content_text) for q in extract_quotes(article(text)) if q.actor == "Vask"]
    assert got == [("Vask", "thanks")]


@pytest.mark.parametrize(
    ("text", "content"),
    [
        (
            "Ines Marlow also accused Vask of being a latecomer to the toll dispute.",
            "Vask of being a latecomer to the toll dispute",
        ),
        ("Hollis has never publicly blamed Marisca for closing the locks.", "Marisca for closing the locks"),
        ("Ines Marlow praised the crews for their patience.", "the crews for their patience"),
        (
            "Teodor Vask described the plan as a giveaway to the shipping lobby.",
            "the plan as a giveaway to the shipping lobby",
        ),
    ],
)
def test_what_an_object_is_charged_with_is_part_of_the_words(text: str, content: str) -> None:
    """'accused Vask of being a latecomer', 'blamed Marisca for closing the locks', 'described the
    plan as a giveaway': the charge is what was said, not the object alone."""
    assert [q.content_text for q in extract_quotes(article(text))] == [content]


def test_two_quotations_joined_by_and_are_both_what_the_object_was_called() -> None:
    text = (
        "Close to three dozen Corran councillors have signed a letter from Councillor Ines Marlow, calling the "
        "toll deal “fiscally irresponsible” and “grossly unfair.”"
    )
    got = [q.content_text for q in extract_quotes(article(text)) if q.cue == "calling"]
    assert got == ["the toll deal “fiscally irresponsible” and “grossly unfair.”"]


def test_a_long_sentence_with_its_punctuation_is_one_sentence() -> None:
    """A 60-word quotation with commas and quotation marks is punctuated text, not a run that lost
    its punctuation (which is cut before each cue's subject): cut, it had lost its speaker."""
    from storyline.attribution.sentences import split_sentences

    text = (
        "“The basic contradiction at the heart of the ferry program has been the requirement that children who are "
        "under threat for their lives are required to remain in the country for the lengthy period of time that it "
        "takes to process resettlement claims under the rules of the strait authority and its many offices,” Ines "
        "Marlow, director of the Corran refugee office, said in an interview after the announcement."
    )
    assert len(split_sentences(text)) == 1
    got = [(q.actor, q.content_text[:30]) for q in extract_quotes(article(text))]
    assert got == [("Ines Marlow", "The basic contradiction at the")]
    unpunctuated = " ".join(text.replace(",", "").replace("“", "").replace("”", "").lower().rstrip(".").split())
    assert len(split_sentences(unpunctuated)) > 1


def test_a_relative_clause_set_off_by_dashes_ends_at_its_closing_dash() -> None:
    """'Donald Trump - who previously said he would "bomb ..." oil fields seized by the Islamic
    State - said at a rally that ...': the aside's words end at its closing dash, so the main
    statement is not swallowed by it."""
    text = (
        'GOP front-runner Donald Trump - who previously said he would "bomb the [expletive] out of" oil fields '
        "seized by the Islamic State - said at a Saturday rally in Texas that the United States should also close "
        "its borders to Syrian refugees."
    )
    got = {q.cue: q.content_text for q in extract_quotes(article(text))}
    assert got["previously said"].endswith("seized by the Islamic State")
    assert got["said"] == "that the United States should also close its borders to Syrian refugees"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            'In city after city, Ines Marlow pushes for a lower toll: "No one who works the ferries should live '
            'in poverty."',
            [("Ines Marlow", "neutral", "No one who works the ferries should live in poverty")],
        ),
        (
            'In city after city, Perez lobbies for a higher minimum wage: "No one who works a full-time job should '
            'live in poverty."',
            [("Perez", "neutral", "No one who works a full-time job should live in poverty")],
        ),
        ('It was simple: "Go home."', []),
    ],
)
def test_a_clause_that_introduces_a_quotation_with_a_colon_speaks_it(
    text: str, expected: list[tuple[str, str, str]]
) -> None:
    """'Perez lobbies for a higher minimum wage: "..."': the quotation is the subject's words (a
    verb of saying, whatever the verb); an impersonal "It was simple:" introduces no one's."""
    got = [(q.actor, q.cue_class.value, q.content_text) for q in extract_quotes(article(text))]
    assert got == expected


@pytest.mark.parametrize(
    "text",
    [
        "It is on the tolls that they split: 42% say they're fair, 32% call the levy a disgrace to the port.",
        "Pilots are split on the strait: 47% say the ferries should stop running at night; 37% disagree.",
    ],
)
def test_two_shares_of_a_poll_each_report_their_own_words(text: str) -> None:
    """'42% say ..., 32% call ...' and '47% say ...; 37% disagree': the second report's verb does not
    take the first report as its words (the parser hung it there, or it was the rest of the sentence
    before the speaker), and the first share keeps its statement."""
    got = [(q.actor, q.cue, q.content_text) for q in extract_quotes(article(text))]
    first = text.split(": ", 1)[1].split(" say ", 1)
    assert (first[0], "say", first[1].split(",")[0].split(";")[0]) in got
    assert not [g for g in got if g[1] != "say" and " say " in g[2]]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (  # the parser joined "tells" to the reported "sit ... and tell"
            "Teodor Vask says he’d sit Hollis down and tell her “no more tolls” and tells the crowd he was the "
            "“first one” to oppose the levy.",
            [
                ("Vask", "says", "he’d sit Hollis down and tell her “no more tolls”"),
                ("Vask", "tells", "he was the “first one” to oppose the levy"),
            ],
        ),
        (  # the second verb's subject is the relative "who"
            "The arrest operation drew scrutiny on social media—even from Mayor Vask, who said “Smugglers, Drug "
            "Dealers and Human Traffickers are treated better,” and questioned “who alerted the Gazette to be there?”",
            [
                ("Vask", "said", "Smugglers, Drug Dealers and Human Traffickers are treated better"),
                ("Vask", "questioned", "who alerted the Gazette to be there?"),
            ],
        ),
        (  # a body named in the report; after ", and" the verb is the speaker's
            "Port spokesman Teodor Vask on Thursday said the Harbour Board was not in a crisis, and urged that "
            "everyone take a deep breath.",
            [
                ("Vask", "said", "the Harbour Board was not in a crisis"),
                ("Vask", "urged", "that everyone take a deep breath"),
            ],
        ),
    ],
)
def test_a_speaker_s_second_report(text: str, expected: list[tuple[str, str, str]]) -> None:
    """'Vask says he'd sit Hollis down and tell her "..." and tells the crowd ...': a verb in the cue's
    tense, not the reported clause's, is the speaker's own second report, and the first statement
    ends before it; 'Mayor Vask, who said "..." and questioned "who alerted ...?"': the second verb is
    Vask's, not a question nobody asked."""
    got = [(q.actor.split()[-1], q.cue, q.content_text) for q in extract_quotes(article(text))]
    assert got == expected


@pytest.mark.parametrize(
    ("text", "quote"),
    [
        (
            'Teodor Vask made his case: "We lost. We will win next time."',
            ("Vask", "made", "We lost. We will win next time"),
        ),
        (
            'It was a claim Vask rejected. Hollis was quick to retort: "With all due respect, that is nonsense."',
            ("Hollis", "was quick to retort", "With all due respect, that is nonsense"),
        ),
        ('Added Okafor: "We lost. We will win next time."', ("Okafor", "Added", "We lost. We will win next time")),
        ('Mats Lindahl: "We lost. We will win next time."', ("Lindahl", ":", "We lost. We will win next time")),
    ],
)
def test_a_quotation_introduced_with_a_colon(text: str, quote: tuple[str, str, str]) -> None:
    """The clause before the colon speaks the quotation however the parser hung the colon (on the
    quotation's verb: 'Vask made his case:', 'Hollis was quick to retort:', where the cue is the
    phrase); a reporting verb before a name ('Added Okafor:') is the cue, not part of the name; and
    the quotation runs to its closing mark, not to the end of its first sentence."""
    got = [(q.actor.split()[-1], q.cue, q.content_text) for q in extract_quotes(article(text))]
    assert quote in got


def test_a_reporting_verb_read_as_a_plural_noun_is_a_verb() -> None:
    """'The letter from Okafor states that ...': the tagger read "states" as a plural noun with
    "Okafor" compounded on it; a plural noun with a subject and a clause of its own is a verb, and
    the letter's author the one who speaks."""
    text = "The letter from Okafor states that her testimony would serve no purpose."
    got = [(q.speaker, q.actor, q.cue, q.content_text) for q in extract_quotes(article(text))]
    assert got == [("The letter from Okafor", "Okafor", "states", "that her testimony would serve no purpose")]


def test_a_quotation_after_an_as_phrase_is_what_the_object_was_called() -> None:
    """'calling her tenure as harbour master "ineffective ..."': the "as" phrase describes the object;
    the quotation right after it is what the tenure was called (the words had been "her tenure")."""
    text = "Teodor Vask took a swipe at Hollis, calling her tenure as harbour master “ineffective at best.”"
    got = [(q.cue, q.content_text) for q in extract_quotes(article(text))]
    assert ("calling", "her tenure as harbour master “ineffective at best.”") in got


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Vask said the toll was unfair. “It is a disgrace to the port.”",
            [("Vask", "the toll was unfair"), ("Vask", "It is a disgrace to the port")],
        ),
        (
            "Vask says he sees a bigger issue at work here. “There is a culture war going on. Nobody listens.”",
            [
                ("Vask", "he sees a bigger issue at work here"),
                ("Vask", "There is a culture war going on. Nobody listens"),
            ],
        ),
        (  # its own speaker follows it
            "Vask said the toll was unfair. “It is a disgrace,” Hollis said.",
            [("Vask", "the toll was unfair"), ("Hollis", "It is a disgrace")],
        ),
        (  # a paragraph that is the quotation alone
            "Vask said the toll was unfair.\n“It is a disgrace to the port.”\nHollis disagreed.",
            [("Vask", "the toll was unfair"), ("Vask", "It is a disgrace to the port")],
        ),
        (  # after a paragraph that goes on past the quotation, or a deed: no one's we know
            "Vask said the toll was unfair.\n“It is a disgrace to the port.” The ferries stopped.",
            [("Vask", "the toll was unfair")],
        ),
        ("Vask voted for the toll.\n“It is a disgrace to the port.”", [("Vask", "the toll")]),
    ],
)
def test_a_quotation_after_a_statement_is_the_same_speaker_s(text: str, expected: list[tuple[str, str]]) -> None:
    """'Vask said the toll was unfair. "It is a disgrace."': reporters paraphrase, then quote; a
    sentence that is one quotation with no cue of its own goes on with the statement before it in
    its paragraph, or in the paragraph before when the quotation is a paragraph of its own (it had
    no speaker at all). Not after a deed ('voted for ...'), which says nothing."""
    got = [(q.actor, q.content_text) for q in extract_quotes(article(text))]
    assert got == expected


def test_a_paragraph_after_saying_colon_is_said_whole_by_the_speaker_himself() -> None:
    """'Vask himself lashed out on Twitter, saying:' then a paragraph (a tweet, no quotation marks):
    the whole paragraph is what he said, not its first sentence, and "Vask himself" is Vask."""
    text = (
        "And Vask himself lashed out on Twitter, saying:\nHollis has embarrassed all by making very dumb "
        "statements about me. Her mind is shot - resign!\nThe harbour master had kicked off the storm."
    )
    got = [(q.actor, q.content_text) for q in extract_quotes(article(text)) if q.cue == "saying"]
    assert got == [
        ("Vask", "Hollis has embarrassed all by making very dumb statements about me. Her mind is shot - resign!")
    ]


def test_said_before_adding_each_quotation_its_own_cue() -> None:
    """'"A," Trump said before adding: "B."': the clause after the colon is what he added (the parser
    made it the complement of "said", and "adding" took both quotations). A real name: with an
    invented one the parser reads the sentence right and the test could not fail."""
    text = (
        '"If she gets to pick her judges, nothing you can do folks," Trump said before adding: "Though the '
        "pilots, maybe there is, I don't know.\""
    )
    got = [(q.cue, q.content_text) for q in extract_quotes(article(text))]
    assert got == [
        ("said", "If she gets to pick her judges, nothing you can do folks"),
        ("adding", "Though the pilots, maybe there is, I don't know"),
    ]


def test_a_sentence_opening_with_two_apostrophes_is_a_sentence() -> None:
    """NYT (PolNeAR) marks quotations with two apostrophes: "... like electricity. ''That loophole
    exists.''" ran on as one sentence, so the participle before it read the quotation as its own."""
    from storyline.attribution.sentences import split_sentences

    text = (
        "''The law didn't include the public corporations,'' she said, referring to the big, free-standing"
        " government enterprises that provide crucial services like electricity. ''That loophole exists.''"
    )
    assert len(split_sentences(text)) == 2
    got = [(q.cue, q.content_text) for q in extract_quotes(article(text))]
    assert not any(cue == "referring to" and "loophole" in content for cue, content in got)
