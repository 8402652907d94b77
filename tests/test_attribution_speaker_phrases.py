"""Speaker phrases in news prose, as the small parser reads them and as they are meant: people named
together ("Ines Marlow and Tomas Hopping said"), lists and asides, titles that head a name, whose
spokesman "her spokesman" is, who asks a question put to a speaker, the one a verb prompts to speak,
and epithets of a politician named before. Invented names, except where the test says why not."""

from __future__ import annotations

import pytest

from storyline.attribution import extract_quotes
from storyline.attribution.speaker_words import roles_from_text
from storyline.attribution.speakers import person_names
from storyline.model import CueClass, SpeakerType
from test_attribution_quotes import article


@pytest.mark.parametrize(
    ("text", "actor"),
    [
        ("Ines Marlow and Tomas Hopping said the toll was unfair.", "Ines Marlow and Tomas Hopping"),
        ("“The toll is unfair,” Ines Marlow and Tomas Hopping said on Monday.", "Ines Marlow and Tomas Hopping"),
        (
            "Prime Minister Annika Hollis and Trade Minister Teodor Vask said the toll was unfair.",
            "Annika Hollis and Teodor Vask",
        ),
        (
            "Annika Hollis, Teodor Vask and Ines Marlow said the toll was unfair.",
            "Annika Hollis, Teodor Vask and Ines Marlow",
        ),
        (  # the parser hung the first name on the quotation
            "“The toll is unfair,” House Majority Leader Ines Marlow (D) and Assistant House Majority Leader "
            "Tomas Hopping (D) said in a statement.",
            "Ines Marlow and Tomas Hopping",
        ),
    ],
)
def test_people_named_together_speak_together(text: str, actor: str) -> None:
    """'Ines Marlow and Tomas Hopping said': both speak, a group of the two named people (the
    statement was Marlow's alone, and Hopping had none)."""
    got = [(q.actor, q.speaker_type) for q in extract_quotes(article(text))]
    assert got == [(actor, SpeakerType.GROUP)]


def test_a_name_with_an_aside_that_holds_and_is_one_speaker() -> None:
    """'Ines Marlow, a lawyer at Smith and Wesson, said': one person, not a list of names."""
    got = [
        (q.actor, q.speaker_type)
        for q in extract_quotes(article("Ines Marlow, a lawyer at Smith and Wesson, said the toll was unfair."))
    ]
    assert got == [("Ines Marlow", SpeakerType.PERSON)]


def test_he_after_a_sentence_about_someones_response_is_them() -> None:
    """BASIL: 'Gillibrand tweeted: "...". Then there was New Jersey Sen. Bob Menendez's response. He
    bluntly accused Trump ...': "he" was the last speaker, Gillibrand (a woman the article calls
    "her")."""
    text = (
        'Gillibrand tweeted: "This is a bad deal."\n\nThen there was New Jersey Sen. Bob Menendez\'s response.'
        ' He bluntly accused Trump of forcing "a pointless shutdown" to pay for the border wall.'
    )
    assert [q.actor for q in extract_quotes(article(text))] == ["Gillibrand", "Bob Menendez"]


@pytest.mark.parametrize(
    ("text", "cue", "speaker"),
    [
        (  # Breitbart (PolNeAR): "his" was the speaker
            "Jeb was better than in previous outings, even if he reserved his most eloquent passion for the"
            " Republican-repelling cause of comprehensive immigration reform.",
            "passion for",
            "he",
        ),
        (  # BASIL: his claim is Steele's, not the senators'
            "Republican senators kept up pressure on party Chairman Michael Steele Sunday to better explain -- and"
            " publicly apologize for -- his on-camera claim that Afghanistan is a war of Obama's choosing.",
            "claim",
            "his",
        ),
    ],
)
def test_a_possessive_on_a_verbs_object_is_the_verbs_subject_when_it_fits(text: str, cue: str, speaker: str) -> None:
    assert [q.speaker for q in extract_quotes(article(text)) if q.cue == cue] == [speaker]


def test_a_country_is_no_he_in_the_clause_above() -> None:
    """BASIL: 'Mr. Trump repeated his false claims ..., including that Mexico was already paying for
    it, as he promised during his campaign': the subject of the clause above "he" was Mexico."""
    text = (
        "Mr. Trump repeated his false claims about the border wall, including that Mexico was already paying for"
        " it, as he promised during his campaign, and that much of its construction had already been completed."
    )
    assert [q.actor for q in extract_quotes(article(text)) if q.cue == "promised"] == ["Trump"]


@pytest.mark.parametrize(
    ("text", "actor", "kind"),
    [
        (
            "Ines Marlow and other harbour officials said the toll was unfair.",
            "Ines Marlow and other harbour officials",
            SpeakerType.GROUP,
        ),
        (  # two titles of one name
            "Attorney General and Senate candidate Tomas Hopping said the toll was unfair.",
            "Tomas Hopping",
            SpeakerType.PERSON,
        ),
        (  # a bare role noun before a titled name (Politico, PolNeAR; it was the group
            # "Former prosecutor and Rudy Giuliani")
            "Former prosecutor and New York City Mayor Rudy Giuliani said the case was a no-brainer.",
            "Rudy Giuliani",
            SpeakerType.PERSON,
        ),
        (
            "Prosecutors and lawyer Ines Marlow said the toll was unfair.",
            "Prosecutors and Ines Marlow",
            SpeakerType.GROUP,
        ),
        ("Harlan and Voss said profits fell.", "Harlan and Voss", SpeakerType.ORGANIZATION),  # a firm's name
        (  # "As such," is no part of who disputed
            "As such, independent pilots and harbour analysts have disputed the ministry's figures.",
            "independent pilots and harbour analysts",
            SpeakerType.GROUP,
        ),
    ],
)
def test_speakers_joined_with_and(text: str, actor: str, kind: SpeakerType) -> None:
    """A person with others, two titles of one person, a firm named for two people, two groups."""
    got = [(q.actor, q.speaker_type) for q in extract_quotes(article(text))]
    assert got == [(actor, kind)]


def test_a_joint_statement_is_the_two_leaders_who_released_it() -> None:
    """Each name with its title and party tag ('Senate Minority Leader Chuck Schumer (D-N.Y.)':
    "Leader" heads the parse, "Schumer" its apposition; the ")" of the tag hangs on the first name)
    resolves to the person, and the statement they released speaks for both. (Real names: with
    invented ones the parser reads the titles correctly and the test could not fail.)"""
    text = (
        "House Speaker Nancy Pelosi (D-Calif.) and Senate Minority Leader Chuck Schumer (D-N.Y.) released a "
        "joint statement on Friday. “The ministry must not be given any preview of the findings,” the joint "
        "statement said."
    )
    got = {q.actor for q in extract_quotes(article(text))}
    assert got == {"Nancy Pelosi and Chuck Schumer"}


def test_a_plural_title_before_a_list_of_names_is_no_part_of_the_first() -> None:
    """'Representatives Ines Marlow of Sorrel and Tomas Hopping of Brisk introduced ...', then
    'Ms. Marlow said': Ines Marlow, not "Representatives Ines Marlow"."""
    text = (
        "Representatives Ines Marlow of Sorrel and Tomas Hopping of Brisk introduced an article of impeachment "
        "on Thursday. “I continue to believe that obstruction of justice is the clearest crime,” Ms. Marlow "
        "said in a statement."
    )
    got = [(q.actor, q.cue) for q in extract_quotes(article(text))]
    assert ("Ines Marlow", "said") in got


def test_a_speaker_the_parser_read_as_a_clause_is_the_speaker() -> None:
    """'Tomas Hopping, a Sorrel, Veldora, rabbi helping ..., said he ...': the parser made "rabbi" a
    verb whose clause "said" reports; the cue's own clause follows it, so that clause is what was
    said and its subject the speaker (the speaker had been empty, the description the words)."""
    text = (
        "Tomas Hopping, a Sorrel, Veldora, rabbi helping to organize the boycott, said he and other rabbis "
        "were alarmed about the toll."
    )
    got = [(q.actor, q.content_text) for q in extract_quotes(article(text))]
    assert got == [("Tomas Hopping", "he and other rabbis were alarmed about the toll")]


@pytest.mark.parametrize(
    "aside",
    ["an economist who is the director of the Port Alder Forecast", "an economist at the university"],
)
def test_a_speaker_named_after_the_cue_in_a_split_quotation(aside: str) -> None:
    """'"The risk," said Bram Okafor, an economist who ..., "is that ..."': the speaker after the
    cue (the parser made him the subject of the second part) and both parts of the quotation (the
    first had been lost, or the speaker taken as the words)."""
    text = f'"The risk," said Bram Okafor, {aside}, "is that we are going to be attracting ships."'
    got = [(q.actor, q.content_text) for q in extract_quotes(article(text))]
    assert got == [("Bram Okafor", "The risk"), ("Bram Okafor", "is that we are going to be attracting ships")]


def test_a_title_that_heads_the_phrase_names_the_person_after_it() -> None:
    """'Speaker of the House Rep. Paul Ryan (R-WI) said': the parser heads the phrase with "Speaker";
    the person is the name after the titles, not the whole phrase. (A real name: with an invented one
    the parser heads the phrase with the name and the test could not fail.)"""
    text = "Speaker of the House Rep. Paul Ryan (R-WI) said “tolls have no place in a harbour campaign.”"
    got = [(q.actor, q.speaker_type) for q in extract_quotes(article(text))]
    assert got == [("Paul Ryan", SpeakerType.PERSON)]


@pytest.mark.parametrize(
    ("text", "actor"),
    [
        (
            "Prime Minister Annika Hollis spoke on Monday. Her spokesman said the toll was fair.",
            "Annika Hollis's spokesman",
        ),
        ("Annika Hollis spoke on Monday. Her deputy said the toll was fair.", "Annika Hollis's deputy"),
        ("Teodor Vask spoke on Monday. His chief of staff said the toll was fair.", "Teodor Vask's chief of staff"),
    ],
)
def test_her_spokesman_is_the_spokesman_of_the_one_she_is(text: str, actor: str) -> None:
    """'Her spokesman said': an unnamed source of whoever "her" is (the actor was "Her spokesman",
    one source with every other "her spokesman" of the story, whoever they worked for)."""
    got = [(q.actor, q.speaker_type) for q in extract_quotes(article(text))]
    assert got == [(actor, SpeakerType.ANONYMOUS)]


def test_two_people_s_spokesmen_are_two_sources_of_the_story() -> None:
    """Across a story, "her spokesman" (Hollis's) and "his spokesman" (Vask's) are two sources,
    each affiliated with the one they speak for (both had become one actor, "His spokesman")."""
    from storyline.attribution import resolve_actors

    a = article("Annika Hollis spoke on Monday. Her spokesman said the toll was fair.")
    b = article("Teodor Vask spoke on Monday. His spokesman said the toll was unfair.").replace(id="b")
    _, actors = resolve_actors(extract_quotes(a) + extract_quotes(b), [a, b])
    assert sorted((x.name, x.affiliation) for x in actors) == [
        ("Annika Hollis's spokesman", "Annika Hollis"),
        ("Teodor Vask's spokesman", "Teodor Vask"),
    ]


def test_a_list_the_parser_read_as_an_apposition_names_each_speaker() -> None:
    """'The mayor, the governor and the port authority all said': the parser hung "the governor and
    the port authority" on "the mayor" as its apposition; a list runs on to the verb (an aside closes
    with a comma), so each is a speaker, resolved ("the mayor" is the mayor the story names), and
    "all" is none of them."""
    text = (
        "Mayor Ines Marlow met Governor Tomas Hopping on Monday. The mayor, the governor and the port "
        "authority all said the toll was unfair."
    )
    got = [(q.actor, q.speaker_type) for q in extract_quotes(article(text))]
    assert got == [("Ines Marlow, Tomas Hopping and port authority", SpeakerType.GROUP)]


@pytest.mark.parametrize(
    ("text", "actor"),
    [
        (
            "Teodor Vask, Democrat of Sorrel and the chairman of the port committee, said the toll was unfair.",
            "Teodor Vask",
        ),
        (
            "The port's two pilots, Ines Marlow and Tomas Hopping, said the toll was unfair.",
            "Ines Marlow and Tomas Hopping",
        ),
        ("Both the ministry and lawyers for Mr. Vask said the toll was unfair.", "ministry and lawyers for Mr. Vask"),
    ],
)
def test_asides_and_lists_of_speakers(text: str, actor: str) -> None:
    """What a speaker is ('Vask, Democrat of Sorrel and the chairman of ...') is one speaker; who
    "two pilots" are is those two; 'Both A and B' is A and B."""
    assert [q.actor for q in extract_quotes(article(text))] == [actor]


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        ("The remarks from Vask prompted Hollis to ask him if he had people on the ground.", "Hollis"),
        ("The abrupt announcement led some to speculate that the toll was to blame.", "some"),
        ("The agency works closely with the harbour police, leaving many to wonder whether the port is safe.", "many"),
    ],
)
def test_the_one_prompted_speaks(text: str, speaker: str) -> None:
    """'The remarks prompted Hollis to ask ...', 'The announcement led some to speculate ...': the
    object of a verb that makes someone do something is the one who asks (the remarks' author, or
    the announcement, had been the speaker); not 'used his speech to call out ...'."""
    got = [(q.speaker, q.cue) for q in extract_quotes(article(text)) if q.cue.startswith("to ")]
    assert [s for s, _ in got] == [speaker]


@pytest.mark.parametrize("epithet", ["The potential presidential candidate", "The former candidate"])
def test_a_potential_or_former_candidate_is_the_politician_named_before(epithet: str) -> None:
    """'The potential presidential candidate also said ...': an epithet of the politician the story
    named before, as 'the presumptive nominee' is (it had been an actor of its own)."""
    text = f"Teodor Vask said the toll was unfair. {epithet} also said the ferries should run."
    assert [q.actor for q in extract_quotes(article(text))] == ["Teodor Vask", "Teodor Vask"]


@pytest.mark.parametrize(
    ("text", "question"),
    [
        (
            "Asked whether Marisca would return to the table, she said only that Fane would reflect on it.",
            ("", "Asked", "whether Marisca would return to the table"),
        ),
        ("Asked if he was ever bullied, the candidate said no.", ("", "Asked", "if he was ever bullied")),
        ("When asked if the toll was fair, Vask said it was not.", ("", "When asked", "if the toll was fair")),
        (
            "When asked by a reporter whether the toll was fair, Vask said it was not.",
            ("a reporter", "When asked", "whether the toll was fair"),
        ),
        (
            "When asked about the new toll on the strait, Vask said it was not fair.",
            ("", "When asked about", "the new toll on the strait"),
        ),
    ],
)
def test_the_question_put_to_a_speaker_is_asked_by_the_one_who_asked_it(
    text: str, question: tuple[str, str, str]
) -> None:
    """'Asked whether ..., she said ...': the question is an attribution of its own (PolNeAR marks
    34 of the 50 such openings in the part of train we fit on), asked by no one the story names, or
    by the one it names ('by a reporter'); never by the one who answers, and it ends where the
    answer's speaker begins."""
    got = [(q.actor, q.cue, q.content_text, q.cue_class) for q in extract_quotes(article(text)) if "sked" in q.cue]
    assert got == [(*question, CueClass.ASKING)]


def test_the_unnamed_source_is_the_last_one_introduced() -> None:
    """'A spokesperson for the port says ...' then '"...," the spokesperson said': the port's
    spokesperson; after 'A ministry spokesperson said', the next 'the spokesperson' is the ministry's."""
    text = (
        "A spokesperson for the Port and Harbour Authority says the authority reviews every request.\n\n"
        '"We disclose data only when the law requires it," the spokesperson said.\n\n'
        "A ministry spokesperson said that the ministry had received no request.\n\n"
        '"We would not comply with a request of that kind," the spokesperson said.'
    )
    actors = [q.actor for q in extract_quotes(article(text))]
    assert actors == [
        "A spokesperson for the Port and Harbour Authority",
        "A spokesperson for the Port and Harbour Authority",
        "A ministry spokesperson",
        "A ministry spokesperson",
    ]


def test_speaker_whose_aside_the_parser_read_as_a_clause() -> None:
    """The parser made the aside's second verb ('and at the time was a spokeswoman') the clause
    'wrote' reports, leaving the verb and the participle after it without a speaker. A news name:
    invented ones were parsed otherwise."""
    text = (
        "In a Facebook post, the aide, Elizabeth Lauten, 31, who has thousands of followers on Twitter and at"
        " the time was a spokeswoman for a congressman from Tennessee, wrote an open letter to the president's"
        " daughters, saying they should “show a little class”."
    )
    quotes = extract_quotes(article(text))
    # (the letter is the words 'saying' reports: one statement, see test_attribution_contents)
    assert [(q.cue, q.actor) for q in quotes] == [("saying", "Elizabeth Lauten")]
    assert quotes[0].content_text == "they should “show a little class”"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            "Even a senior port official said Hollis will have to choose whose side she is on, saying, “At some"
            " point, she is going to have to come out.”",
            [("said", "a senior port official"), ("saying", "a senior port official")],
            id="participle-after-an-open-clause",
        ),
        pytest.param(
            'Cardin stressed that "the way to proceed is to get Democrats and Republicans working together,"'
            " suggesting that the only way to do that might be to pass a plain renewal of the sanctions.",
            [("stressed", "Cardin"), ("suggesting", "Cardin")],
            id="participle-after-a-quotation-news-name",
        ),
        pytest.param(
            "Vask cannot say that “from his perspective,” Hopping added, saying it should be “up to the board to"
            " move forward or not.”",
            [("cannot say", "Vask"), ("added", "Hopping"), ("saying", "Hopping")],
            id="participle-of-a-speaker-tag",
        ),
    ],
)
def test_the_speakers_participle(text: str, expected: list[tuple[str, str]]) -> None:
    """'said Hollis will have to choose ..., saying': the one who said it says more (the parser hung
    the participle on the reported clause); 'Hopping added, saying': Hopping's. The statement before
    the participle ends at its comma. Cardin's sentence keeps a news name (an invented one parsed
    otherwise)."""
    quotes = extract_quotes(article(text))
    assert [(q.cue, q.actor) for q in quotes] == expected
    if quotes[0].cue in ("said", "stressed"):
        assert "saying" not in quotes[0].content_text and "suggesting" not in quotes[0].content_text


def test_the_congressman_is_the_representative_named_with_an_initial() -> None:
    """'Representative Tomas J. Hopping' ... 'The congressman said': the role table took neither the
    spelled-out title nor a middle initial, and 'the congressman' stayed an actor of its own."""
    text = (
        "PORT ALDER — Representative Tomas J. Hopping, trying to put the episode to rest, met reporters on"
        " Monday.\n\nThe congressman said the account had been hacked. “I did not send it,” he told the Gazette."
    )
    assert [q.actor for q in extract_quotes(article(text))] == ["Tomas J. Hopping", "Tomas J. Hopping"]
    assert roles_from_text(text)["congressman"] == "Tomas J. Hopping"


def test_names_of_things_are_no_one_a_pronoun_can_mean() -> None:
    """A network, a college, a poll, a speech and a newspaper are capitalised runs, not people: a
    later "he" had been 'Randolph-Macon College'."""
    text = (
        "Fox News reported it. He spoke at Randolph-Macon College. A new NBC-Wall Street Journal Poll found"
        " him ahead. In his Inaugural Address he said little. The New Haven Register wrote. Teodor Vask said."
    )
    assert [name for _, name in person_names(text)] == ["Teodor Vask"]
    text = "Teodor Vask teaches at Randolph-Macon College, a small school north of Sorrel. He raised $200,000, he said."
    assert [(q.cue, q.actor) for q in extract_quotes(article(text))] == [("said", "Teodor Vask")]


@pytest.mark.parametrize(
    ("text", "actor", "kind"),
    [
        pytest.param(
            "The New Haven Register on July 20, 2006, described him as “a veteran of the strait wars.”",
            "New Haven Register",
            SpeakerType.ORGANIZATION,
            id="a-newspaper-not-when-it-wrote",
        ),
        pytest.param(
            "The chairman of the harbour committee investigating the levy said the talks were over.",
            "The chairman of the harbour committee",
            SpeakerType.PERSON,
            id="a-role-at-a-body-is-a-person",
        ),
    ],
)
def test_bodies_and_the_people_in_them(text: str, actor: str, kind: SpeakerType) -> None:
    (q,) = extract_quotes(article(text))
    assert (q.actor, q.speaker_type) == (actor, kind)


@pytest.mark.parametrize(
    ("text", "cue", "actor"),
    [
        pytest.param(
            "On Sunday morning Teodor Vask made a third attempt to deflect the criticism, writing on the"
            " ministry's site that the real issue was the levy.",
            "to deflect",
            "Teodor Vask",
            id="an-attempt-is-no-one",
        ),
        pytest.param(
            "Speaking to the chamber of shipping, Vask has a rare chance to show that he can deliver a serious speech.",
            "to show",
            "Vask",
            id="a-chance-is-no-one",
        ),
        pytest.param(
            "Ms. Dunn said Mr. Vask was ignorant of the strait and criticized him for saying he had sacrificed for"
            " the port.",
            "criticized",
            "Dunn",
            id="him-is-not-who-criticized",
        ),
        pytest.param(  # PolNeAR's sentences (the parses differ with other names)
            "In an interview, Deacon had nothing bad to say about Sanders.",
            "to say about",
            "Deacon",
            id="nothing-to-say-is-the-havers",
        ),
        pytest.param(  # NYT (PolNeAR): "things" was the speaker
            "Antonio Arroyo has nothing but positive things to say about his job.",
            "to say about",
            "Antonio Arroyo",
            id="nothing-but-things-to-say-is-the-havers",
        ),
        pytest.param(
            "Tuesday, Sanders opened a Rochester rally blasting Clinton for promoting fracking in other countries.",
            "blasting",
            "Sanders",
            id="a-rally-is-no-one",
        ),
    ],
)
def test_who_does_what_a_thing_was_hung_on(text: str, cue: str, actor: str) -> None:
    """The parser hung an infinitive on a noun that is no one ('a third attempt to deflect', 'a rare
    chance to show'): the one who makes the attempt does it. A verb joined to a reported clause whose
    object is 'him' is not that clause's subject's ('said Mr. Vask was ignorant ... and criticized
    him'): the speaker's."""
    assert [q.actor for q in extract_quotes(article(text)) if q.cue == cue] == [actor]


def test_a_series_of_verbs_shares_its_subject() -> None:
    """'Trump further summed up Clinton as "terrible," denounced her record and said ...': the parser
    made 'summed up' a clause of 'denounced', and the subject went with it (news names: with invented
    ones the parse differed); 'she told a cheering crowd, then referred to ...': 'referred' hung on
    'told' with no relation."""
    text = (
        "Trump further summed up Clinton as “terrible,” denounced her record as trade minister and said she"
        " should not even be allowed to run for office."
    )
    assert [q.actor for q in extract_quotes(article(text))] == ["Trump", "Trump", "Trump"]
    text = (
        '"We know we have got work to do," she told a cheering crowd, then referred to the mayor’s campaign'
        ' slogan. "But that work is not to make the port great again."'
    )
    assert [q.speaker for q in extract_quotes(article(text))][:2] == ["she", "she"]


def test_speakers_the_parser_read_as_a_modifier_or_an_object() -> None:
    """'That attitude, many argue, could ...': 'many' was read as the verb's adjective; '"How big is
    that wall?" asked the boy, who ...': 'the boy' as what was asked."""
    text = "That attitude, many argue, could carry constitutional implications if the mayor wins."
    assert {q.speaker for q in extract_quotes(article(text))} == {"many"}
    text = "“How big is that wall?” asked the boy, who was wearing a hat and said his name was Mason."
    assert [(q.speaker, q.content_text) for q in extract_quotes(article(text)) if q.cue == "asked"] == [
        ("the boy", "How big is that wall?")
    ]
    # not a name after a cue that opens the sentence ('Saying President Obama, he said, was ...': the
    # quotation mark that ends the paragraph before is no quotation this cue follows; news names)
    text = (
        "Glenn Beck spoke for an hour.\nWhen the audience finished laughing, he asked: “What are we suffering"
        " from?”\nSaying President Obama, he said, was “too simple an answer.”\nThe real problem, he said, is"
        " progressivism."
    )
    assert "Obama" not in {q.actor for q in extract_quotes(article(text))}


def test_a_name_the_parser_hung_on_the_opening_phrase_speaks() -> None:
    """'Speaking in Port Alder, Hollis, without naming him, also accused Vask ...': 'Hollis' became
    an apposition of 'Port Alder' inside the participle phrase; 'Campaigning for his wife ..., former
    president ... said' keeps the name right before the verb."""
    text = "Speaking in Port Alder, Hollis, without naming him, also accused Vask of being a latecomer to the dispute."
    assert [(q.cue, q.actor) for q in extract_quotes(article(text)) if q.cue == "also accused"] == [
        ("also accused", "Hollis")
    ]


def test_the_name_before_an_aside_set_off_by_dashes_speaks_after_it() -> None:
    """'GOP front-runner Donald Trump - who previously said he would "bomb ..." - said at a rally
    ...': the parser lost the sentence in the aside ('said' an object of 'bomb'); news names, as
    invented ones were parsed otherwise."""
    text = (
        'GOP front-runner Donald Trump - who previously said he would "bomb the [expletive] out of" oil fields'
        " seized by the Islamic State - said at a Saturday rally in Texas that the United States should also"
        " close its borders to Syrian refugees."
    )
    said = [(q.actor, q.content_text) for q in extract_quotes(article(text)) if q.cue == "said"]
    assert said == [("Donald Trump", "that the United States should also close its borders to Syrian refugees")]


def test_a_share_and_a_past_tense_read_as_a_participle_speak() -> None:
    """'About 4 in 10 say they ...': the share was no subject in the parse; 'The GOP presidential
    front-runner predicted in March that ...': 'predicted' was read as a participle of the noun
    (a participle takes no "that" clause of its own)."""
    text = "About 4 in 10 say they want the next mayor to have more liberal policies."
    assert [q.speaker for q in extract_quotes(article(text))] == ["About 4 in 10"]
    text = (
        "The GOP presidential front-runner predicted in March that if Hollis ran for mayor and lost, she would not"
        " be able to run for office again."
    )
    assert [q.speaker for q in extract_quotes(article(text))] == ["The GOP presidential front-runner"]
    # 'called' read as a participle of 'campaign' (news names: invented ones parsed otherwise); a
    # website called by a name is no one calling anything
    text = "Sanders’ campaign called AP’s report a “rush to judgment,” because superdelegates can change their mind."
    assert [(q.cue, q.speaker) for q in extract_quotes(article(text))] == [("called", "Sanders’ campaign")]
    text = "Politifact traced the story to a website called Real News Right Now."
    assert "called" not in [q.cue for q in extract_quotes(article(text))]


def test_who_was_prompted_speaks_and_a_verb_read_as_an_adjective() -> None:
    """'Mr. Trump was prompted to say ...': the one prompted says it (a passive's subject); 'Trump
    defended eminent domain, calling ...': 'defended' was read as an adjective and 'Trump' as the
    sentence's root (news names: invented ones parsed otherwise)."""
    text = (
        "Much of the debate was so subdued that Mr. Vask was prompted to say, “So far, I cannot believe how civil"
        " it is.”"
    )
    assert [(q.cue, q.speaker) for q in extract_quotes(article(text))] == [("to say", "Mr. Vask")]
    text = (
        'Trump defended eminent domain, calling the expropriation of private property for public use an "absolute'
        ' necessity" for the government.'
    )
    assert [(q.cue, q.speaker) for q in extract_quotes(article(text)) if q.cue == "calling"] == [("calling", "Trump")]


def test_a_secretary_of_a_department_is_the_person() -> None:
    text = "Secretary of the Interior Ryan Zinke echoed the president's remarks, saying the lands would stay open."
    assert {q.actor for q in extract_quotes(article(text))} == {"Ryan Zinke"}


def test_a_name_after_a_dash_speaks_for_the_verb_the_parser_joined_before_it() -> None:
    """'And it wasn't a one-off — Brendan Buck, a spokesman for Ryan, told POLITICO that ...': the
    parser joined 'told' to 'was' (so 'it' told) and made the name an apposition (news names)."""
    text = (
        "And it wasn’t a one-off or an accident — Brendan Buck, a spokesman for Ryan, told POLITICO that the House"
        " speaker gave Priebus a heads up about his declaration."
    )
    assert [(q.cue, q.actor) for q in extract_quotes(article(text))] == [("told", "Brendan Buck")]


def test_the_speaker_of_an_as_aside_is_its_own_subject() -> None:
    """'Sean Spicer -- as Clinton's campaign noted this week -- even promoted Sanders ...': the parser
    hung both subjects on 'noted', and the one after the subordinator was dropped as another
    clause's (news names: invented ones parsed otherwise)."""
    text = (
        "Republican National Committee spokesman Sean Spicer -- as Clinton's campaign noted this week -- even"
        " promoted Sanders on Twitter as the winner of Democratic debates."
    )
    assert {q.speaker for q in extract_quotes(article(text)) if q.cue == "noted"} == {"Clinton's campaign"}
