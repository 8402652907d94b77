"""What a statement's content is when the sentence is not the plain 'X said that Y': a relative
pronoun as what was said, a byline's place."""

from __future__ import annotations

import pytest

from storyline.attribution import extract_quotes
from test_attribution_quotes import article


def test_a_relative_pronoun_said_is_its_clause() -> None:
    """'$27, which he claimed as his average donation': what he claimed is read in the relative
    clause, not in 'which' alone."""
    text = "Vask asked supporters to chip in $27, which he claimed as his average donation."
    claimed = [q for q in extract_quotes(article(text)) if q.cue == "claimed"]
    assert [q.content_text for q in claimed] == ["which he claimed as his average donation"]


def test_a_byline_place_is_no_statement() -> None:
    text = "The talks collapsed on Wednesday.\n\nTomasz Wren reported from Port Alder."
    assert extract_quotes(article(text)) == []


def test_who_worry_that_is_no_experiencer_swap() -> None:
    """'The decision has angered port workers': the workers hold the attitude, the decision is what
    it is about. 'experts, who worry that ...' is the experts' own clause: the swap had made the
    clause the speaker and 'who' the words."""
    text = (
        "The attacks on the judge have set off a wave of alarm among legal experts, who worry that the"
        " candidate's vendetta signals a remarkable disregard for judicial independence."
    )
    (q,) = extract_quotes(article(text))
    assert (q.actor, q.cue) == ("legal experts", "worry")
    assert q.content_text.startswith("that the candidate's vendetta signals")
    (q,) = extract_quotes(article("The decision has angered port workers."))
    assert (q.actor, q.content_text) == ("port workers", "The decision")
    text = "The ministry worries so much about forged manifests that visitors must leave their papers at the gate."
    (q,) = extract_quotes(article(text))
    assert (q.actor, q.cue) == ("ministry", "worries")  # what it worries about is no experiencer


@pytest.mark.parametrize(
    ("text", "content"),
    [
        pytest.param(
            "Hollis has taken a swipe at her rival Teodor Vask’s stance on the levy.",
            "her rival Teodor Vask’s stance on the levy",
            id="a-swipe-at",
        ),
        pytest.param(
            "Vask cast the blame on his rivals in the harbour board.", "his rivals in the harbour board", id="blame-on"
        ),
        pytest.param("Marlow took issue with the toll schedule.", "the toll schedule", id="issue-with"),
        pytest.param(
            "Two of the port's delegates have already pledged their support to Hollis.",
            "Hollis",
            id="support-pledged-to",
        ),
        pytest.param(
            "Vask reiterated his support for the harbour levy.",
            "his support for the harbour levy",
            id="support-reiterated-is-what-was-said",
        ),
        pytest.param(
            "The Gazette broadcast a live shot from the harbour rally.",
            "a live shot from the harbour rally",
            id="a-camera-shot-is-no-swipe",
        ),
    ],
)
def test_what_a_light_verb_phrase_is_about(text: str, content: str) -> None:
    """'took a swipe at X', 'cast the blame on X', 'took issue with X': the content is X, not the
    swipe (PolNeAR marks X); a noun that only looks like one keeps its phrase."""
    assert [q.content_text for q in extract_quotes(article(text))][:1] == [content]


def test_a_statement_saying_is_one_statement_by_its_author() -> None:
    """'The town released a statement Wednesday saying ...' was two quotes, 'released' with the words
    'a statement' and 'saying' with the words; 'His office put out a statement saying ...' gave the
    words to 'a statement'. A statement issued and never quoted stays what it is."""
    text = "The town released a statement Wednesday saying the comments “are based on opinion, not facts.”"
    assert [(q.actor, q.cue) for q in extract_quotes(article(text))] == [("The town", "saying")]
    text = "His office put out a statement saying the port does not have the capacity to vet every ship."
    assert [(q.speaker, q.cue) for q in extract_quotes(article(text))] == [("His office", "saying")]
    text = "Back in September, he wrote a letter to the board asking that all the proceeds go to charity."
    assert [(q.cue, q.content_text) for q in extract_quotes(article(text))] == [
        ("asking", "that all the proceeds go to charity")
    ]
    text = "The ministry issued a statement on Friday."
    assert [(q.cue, q.content_text) for q in extract_quotes(article(text))] == [("issued", "a statement")]
    # calling a report something is no issuing of it
    text = (
        'In a statement, Marlow called the report "a cruel hoax," adding that the findings "are designed to distract."'
    )
    assert [q.cue for q in extract_quotes(article(text))][:1] == ["called"]


def test_a_fronted_phrase_is_no_topic() -> None:
    """'On CNN Tuesday, his wife, Jane, called for an open primary process': the words were 'CNN' (the
    fronted 'On' read as what was called about)."""
    text = "On the Gazette's radio show Tuesday, his wife, Jane, called for an open primary process."
    assert [q.content_text for q in extract_quotes(article(text))] == ["an open primary process"]


def test_when_it_was_said_is_no_part_of_the_cue() -> None:
    """'Vask said on Saturday', 'Hollis tweeted on Wednesday': the cue was 'said on', 'tweeted on' (a
    preposition after the verb joins the cue only when it says what about: 'called for')."""
    texts = ['"We need it NOW!" Vask said on Saturday.', 'Hollis tweeted on Wednesday: "The levy stays."']
    assert [q.cue for t in texts for q in extract_quotes(article(t))] == ["said", "tweeted"]


def test_what_one_responds_to() -> None:
    """'Vask responded on Sunday to accusations that ...' had no words (the cue took 'on Sunday', then
    nothing); what one responds to is the words, someone responded to is not ('responded to
    reporters')."""
    text = "Vask responded on Sunday to accusations that he exaggerated details of his career at the port."
    assert [q.content_text for q in extract_quotes(article(text))] == [
        "accusations that he exaggerated details of his career at the port"
    ]
    assert extract_quotes(article("Hollis responded to reporters on Monday.")) == []


@pytest.mark.parametrize(
    ("text", "content"),
    [
        ("\u201cI like circuses,\u201d he told the newspaper.", "I like circuses"),  # was "the newspaper"
        (  # the sentence the parser reads opens inside the quotation, whose first mark closes it
            "\u201cWhy would I want to say \u2018no\u2019 to the circus? I like circuses,\u201d he told the newspaper.",
            "Why would I want to say \u2018no\u2019 to the circus? I like circuses",
        ),
        ("\u201cThe levy stays,\u201d Vask told his staff at the ministry.", "The levy stays"),
        ("He told the story of the strait.", "the story of the strait"),  # what is told, not whom
        (  # PolNeAR's sentence: the parser hung "about" on the people told
            "Many unnaturalized adoptees try to stay under the radar, telling few people about their situations.",
            "their situations",
        ),
    ],
)
def test_whom_one_tells_is_not_what_was_told(text: str, content: str) -> None:
    (q,) = [q for q in extract_quotes(article(text)) if q.cue in ("told", "telling")]
    assert q.content_text == content


@pytest.mark.parametrize(
    ("text", "cue", "content"),
    [
        (
            '"That\'s the $64,000 question," Clark said, noting he would support any of the other candidates.'
            ' "We\'ve developed a pretty deep bench here."',
            "noting",
            "he would support any of the other candidates",
        ),
        (
            '"The levy is a disgrace," Vask said, pointing out that 98 senators voted against it. "It has to go."',
            "pointing out",
            "that 98 senators voted against it",
        ),
    ],
)
def test_a_participle_after_a_quotation_says_its_own_clause(text: str, cue: str, content: str) -> None:
    """'"...," Clark said, noting he would ...': the participle's words are its own clause, not the
    quotation 'said' claims (PolNeAR: the quotation after it was the content)."""
    got = [q.content_text for q in extract_quotes(article(text)) if q.cue == cue]
    assert got and got[0].startswith(content)
    assert not any(
        q.content_text.startswith("That's") or q.content_text.startswith("The levy")
        for q in extract_quotes(article(text))
        if q.cue == cue
    )


@pytest.mark.parametrize(
    ("text", "content"),
    [
        (  # NYT (PolNeAR): "on" was taken into the cue and "the campaign trail" was what he mentions
            "One of his sons is a Marine, a fact he frequently mentions on the campaign trail.",
            "a fact",
        ),
        ("Last week, Vask dismissed the critique, a point the ministry's media office denied.", "a point"),
    ],
)
def test_a_noun_a_cue_describes_with_no_relative_pronoun_is_what_was_said(text: str, content: str) -> None:
    assert content in [q.content_text for q in extract_quotes(article(text))]


def test_a_cue_describing_a_noun_is_not_its_words_when_it_takes_another() -> None:
    """'had nothing bad to say about Sanders', 'the day he spoke': the noun is not what was said."""
    got = [q.content_text for q in extract_quotes(article("Deacon had nothing bad to say about Sanders."))]
    assert "nothing bad" not in got
    assert extract_quotes(article("That was the day he spoke.")) == []


def test_a_participle_after_while_ends_the_statement_before_it() -> None:
    """BASIL: 'The White House has accused House Republican leadership of being deliberately vague on
    cuts, while insisting that ...': the accusation ran over the insistence."""
    text = (
        "The White House, in contrast, has accused House Republican leadership of being deliberately vague on"
        " cuts, while insisting that no deal will get the president's signature without higher tax rates."
    )
    got = {q.cue: q.content_text for q in extract_quotes(article(text))}
    assert got["has accused"] == "House Republican leadership of being deliberately vague on cuts"
    assert got["insisting"].startswith("that no deal")


def test_the_quotation_after_a_speaker_tags_participle_goes_on_with_the_tag() -> None:
    """Washington Post (PolNeAR): '"...," Trump said, referring to Cruz. "Last week, ..."': the
    quotation in the next sentence goes on with what Trump said; "referring to" took it (its own
    one-word object is a stub) and left "said" with the first quotation only."""
    text = (
        '"Just for the record, I have won 10 [states]. He has won three or four," Trump said, referring to Cruz.'
        ' "Last week, in fact, on Tuesday, I was a half a million votes higher than him."'
    )
    got = [(q.cue, q.content_text) for q in extract_quotes(article(text))]
    assert ("said", "Last week, in fact, on Tuesday, I was a half a million votes higher than him") in got
    assert not any(cue == "referring to" and content.startswith("Last week") for cue, content in got)


@pytest.mark.parametrize(
    ("text", "content"),
    [
        (  # PolNeAR's sentence
            "On Trump's assertion there are generals who agree with him, Benjamin said he believes the"
            " generals are wrong.",
            "he believes the generals are wrong",
        ),
        (  # PolNeAR's sentence
            "Throughout the debate, Trump was clearly unhappy with the way he was being treated by his fellow"
            " Republicans, though, at the end, they swore that they would support him if he becomes the nominee.",
            "that they would support him if he becomes the nominee",
        ),
        (  # PolNeAR's sentence: the writer's clause before a dash
            "Carson seems to recognize his credibility problem on national security — he told the AP that his"
            " task is to prove to voters that he is tough.",
            "that his task is to prove to voters that he is tough",
        ),
        ("In the end, the deal collapsed, he said.", "In the end, the deal collapsed"),  # no clause after
    ],
)
def test_a_topic_read_as_a_clause_before_the_cue_is_not_what_was_said(text: str, content: str) -> None:
    """The parser read the opening phrase and what follows as a reported clause before the cue; the
    cue's own clause after it, with its subject, is what was said."""
    (q,) = [q for q in extract_quotes(article(text)) if q.cue in ("said", "swore", "told")]
    assert q.content_text == content


def test_a_message_announced_with_a_colon_is_the_quotation() -> None:
    """'delivered a blunt message to Trump: "..."': the words were 'a blunt message' (PolNeAR);
    a message with no quotation after it stays what was delivered."""
    text = (  # the news sentence: with a shorter subject the parse differs
        "Senate Majority Leader Mitch McConnell, R-Ky., delivered a blunt message to Trump: \"It's time to"
        ' quit attacking various people and get on message."'
    )
    (q,) = extract_quotes(article(text))
    assert (q.actor, q.content_text) == (
        "Mitch McConnell",
        "It's time to quit attacking various people and get on message",
    )
    (q, _) = extract_quotes(article('Vask delivered a message to the party. "We will win," he said.'))
    assert q.content_text == "a message"
    # PolNeAR: without quotation marks, the rest of the sentence
    text = (
        "Moving from alarmed to angry, the party's leaders sent Mr. Trump an unmistakable message: He is"
        " hurting the party and must stop."
    )
    (q,) = extract_quotes(article(text))
    assert q.content_text == "He is hurting the party and must stop"
    # BASIL: someone else's message is what the cue's subject underscores, not its words
    text = 'A voice-over at the end of the ad underscores the prime minister\'s message: "The world needs strength."'
    assert [q.content_text for q in extract_quotes(article(text)) if q.cue == "underscores"] == [
        "the prime minister's message"
    ]


def test_the_speakers_next_report_is_not_part_of_the_first() -> None:
    """'Sanders has said repeatedly that ..., pointing to his "D-minus" rating': the participle is
    Sanders' next report (PolNeAR marks both); it was read inside what he said, and then dropped."""
    text = (
        "Sanders has said repeatedly that the Clinton campaign and its allies are unfairly maligning his record"
        ' on guns, pointing to his "D-minus" rating from the National Rifle Association.'
    )
    got = [(q.cue, q.actor, q.content_text) for q in extract_quotes(article(text))]
    assert got == [
        ("has said", "Sanders", "that the Clinton campaign and its allies are unfairly maligning his record on guns"),
        ("pointing to", "Sanders", 'his "D-minus" rating from the National Rifle Association'),
    ]


def test_a_participle_after_a_denied_notion_is_the_deniers() -> None:
    """'Bennett denied the notion that a campaign shakeup is coming, explaining that ...': the
    participle hung on the notion's clause; 'a campaign shakeup' was its speaker (PolNeAR)."""
    text = (
        "Reached by POLITICO, Bennett denied the notion that a campaign shakeup is coming, explaining that he"
        " was unaware of Carson's interview."
    )
    got = [(q.cue, q.actor, q.content_text) for q in extract_quotes(article(text))]
    assert got == [
        ("denied", "Bennett", "the notion that a campaign shakeup is coming"),
        ("explaining", "Bennett", "that he was unaware of Carson's interview"),
    ]


@pytest.mark.parametrize(
    ("text", "speaker", "content"),
    [
        (
            "He shook hands and posed for photos and asked workers if they planned to attend the caucuses.",
            "He",
            "if they planned to attend the caucuses",
        ),
        (  # PolNeAR's sentence: the parser hung the "if" clause on the main verb
            "Last month, when I asked Bernie Sanders if he would ever endorse Hillary Clinton, he looked straight"
            " into my camera.",
            "I",
            "if he would ever endorse Hillary Clinton",
        ),
        (
            "When the AP asked Bennett about Carson's comments, the campaign manager said he needed to speak to"
            " the candidate first.",
            "the AP",
            "Carson's comments",
        ),
        (  # passive, no one asking named: no speaker (was 'his response'), the dispute asked about
            "When Trump was questioned about the dispute on ABC News, his response focused on Khan's wife.",
            None,
            "the dispute on ABC News",
        ),
        (
            "Herman Cain, the pizza maven, was asked by a caller why young Syrian men are coming to the U.S.",
            "a caller",
            "why young Syrian men are coming to the U.S",  # (the full stop ends the sentence)
        ),
        ("He asked a question about the levy.", "He", "a question about the levy"),  # a thing asked
    ],
)
def test_the_one_asked_is_not_what_was_asked(text: str, speaker: str | None, content: str) -> None:
    """'asked workers if ...', 'asked Bennett about ...': the object is the one asked; what was asked
    is the clause or the 'about' phrase (PolNeAR: the words were 'workers', 'Bennett', and in the
    passive the one asked)."""
    (q,) = [q for q in extract_quotes(article(text)) if q.cue_class.value == "asking"]
    assert (q.speaker or None, q.content_text) == (speaker, content)


@pytest.mark.parametrize(
    ("text", "cue", "content"),
    [
        (
            "Libby Schaaf, the mayor of Oakland, also spoke out against Trump:\n\nOakland had over 6,000"
            " occurrences of violent crime in 2014.",
            "also spoke out against",
            "Oakland had over 6,000 occurrences of violent crime in 2014",
        ),
        (
            "Trump issued the following statement:\n\n\u201cOur prayers are with all those affected.\u201d",
            "issued",
            "Our prayers are with all those affected",
        ),
        (  # a clause before the colon is what was reported; the paragraph after it is another's
            "As the Ledger reported, the ministry was refusing to call it a blockade:\n\nThe ministry is"
            " reluctant to call the closure a blockade.",
            "reported",
            "the ministry was refusing to call it a blockade",
        ),
    ],
)
def test_a_phrase_before_a_colon_announces_the_next_paragraph(text: str, cue: str, content: str) -> None:
    """'spoke out against Trump:' and a paragraph: what she said is the paragraph, not 'Trump'."""
    (q,) = [q for q in extract_quotes(article(text)) if q.cue == cue]
    assert q.content_text == content


@pytest.mark.parametrize(
    ("text", "cue", "content"),
    [
        (  # PolNeAR: the words were "them"
            "\u201cJust one minute, come on, one second, alright?\u201d he urged them, as he explained how"
            " tough it is.",
            "urged",
            "Just one minute, come on, one second, alright?",
        ),
        (  # PolNeAR: what congratulations are offered to is whom they are for
            "Trump also offered his congratulations to rivals Marco Rubio and Ted Cruz, who are in a tight race.",
            "also offered",
            "rivals Marco Rubio and Ted Cruz, who are in a tight race",
        ),
    ],
)
def test_whom_words_are_for_after_a_quotation_or_a_light_verb(text: str, cue: str, content: str) -> None:
    (q,) = [q for q in extract_quotes(article(text)) if q.cue == cue]
    assert q.content_text == content


def test_a_light_verb_phrase_is_one_statement() -> None:
    """'Sanders turned his attention to inserting a provision ...': 'attention' (its possessor 'his' as
    the speaker) was a second statement beside the verb's; 'sent her condolences to the families' too."""
    text = "Then, Sanders turned his attention to inserting a provision for community health centers into the ACA."
    got = [(q.cue, q.actor, q.content_text) for q in extract_quotes(article(text))]
    assert got == [("turned", "Sanders", "inserting a provision for community health centers into the ACA")]
    got = [(q.cue, q.content_text) for q in extract_quotes(article("She sent her condolences to the families."))]
    assert got == [("sent", "the families")]


def test_a_report_according_to_sources_is_two_statements() -> None:
    """'Politico reported, according to sources in the meetings, Clinton tried ...' (PolNeAR): the
    report was dropped as the circumstance of 'according to', and the sources' words ran over the
    'according to' phrase itself."""
    text = (
        "Politico reported, according to sources in the meetings, Clinton tried to calm any jitters among the"
        " firm's leaders."
    )
    got = [(q.cue, q.actor, q.content_text) for q in extract_quotes(article(text))]
    assert got == [
        (
            "reported",
            "Politico",
            "according to sources in the meetings, Clinton tried to calm any jitters among the firm's leaders",
        ),
        ("according to", "sources in the meetings", "Clinton tried to calm any jitters among the firm's leaders"),
    ]


def test_a_participle_after_a_speaker_tag_does_not_take_the_quotation() -> None:
    """'"...," Ms. Conway added, referring to herself, Mr. Bannon, ...' (PolNeAR): 'referring to'
    took the quotation 'added' claims, and one of the two was then dropped as the same passage."""
    text = '"We met as the core four today," Ms. Conway added, referring to herself, Mr. Bannon and Mr. Gates.'
    got = [(q.cue, q.content_text) for q in extract_quotes(article(text))]
    assert got == [("added", "We met as the core four today"), ("referring to", "herself, Mr. Bannon and Mr. Gates")]


@pytest.mark.parametrize(
    ("text", "cue", "actor", "content"),
    [
        (  # PolNeAR: no speaker, the words were the one who holds the attitude
            "Clinton officials were thrilled with the editorial, entitled \u201cMr. Sanders Is Not a Brave"
            " Truth-Teller,\u201d when it posted on Jan. 27.",
            "were thrilled",
            "Clinton officials",
            "the editorial, entitled \u201cMr. Sanders Is Not a Brave Truth-Teller,\u201d",
        ),
        (
            "Mr. Autor, like most economists, is still persuaded of the long-established benefits of trade.",
            "is still persuaded of",
            "Autor",
            "the long-established benefits of trade",
        ),
        ("Voters were alarmed by the report.", "were alarmed", "Voters", "the report"),  # not the report's
    ],
)
def test_who_holds_a_passive_attitude_is_its_source(text: str, cue: str, actor: str, content: str) -> None:
    (q,) = [q for q in extract_quotes(article(text)) if q.cue == cue]
    assert (q.actor, q.content_text) == (actor, content)


@pytest.mark.parametrize(
    ("text", "cue", "content"),
    [
        (  # PolNeAR's sentences
            "They were especially hard on him over Israel, challenging him over his comments that he would be a"
            " neutral guy.",
            "challenging",
            "his comments that he would be a neutral guy",
        ),
        (
            "In a late-scheduled appearance on CNN, Carson distanced himself from interviews he gave to The"
            " Washington Post.",
            "distanced",
            "himself from interviews he gave to The Washington Post",
        ),
        ("He described himself as a moderate.", "described", "himself as a moderate"),
    ],
)
def test_the_one_challenged_and_a_reflexive_are_not_all_that_was_said(text: str, cue: str, content: str) -> None:
    """'challenging him over his comments': the words were 'him'; 'distanced himself from ...': the
    words were 'himself'."""
    (q,) = [q for q in extract_quotes(article(text)) if q.cue == cue]
    assert q.content_text == content


def test_hard_to_say_is_the_writers_judgement_of_the_question() -> None:
    """'Whether Mr. Rubio's showing will be enough ... is hard to say - there isn't much precedent'
    (PolNeAR): the question was the speaker and the clause after the dash the words."""
    text = (
        "Whether Mr. Rubio's showing will be enough to change the race in New Hampshire is hard to say - there"
        " isn't much precedent for a logjam like the one in New Hampshire."
    )
    (q,) = extract_quotes(article(text))
    assert (q.speaker, q.content_text) == (
        "",
        "Whether Mr. Rubio's showing will be enough to change the race in New Hampshire",
    )


def test_a_sentence_opening_asked_has_no_speaker_of_its_own() -> None:
    """'Asked specifically what should be done ..., the voters were evenly divided' (PolNeAR): the
    voters were made the askers (no other cue in the sentence); '"How big is that wall?" asked the
    boy' keeps its speaker."""
    text = "Asked specifically what should be done with illegal immigrants, the voters were evenly divided."
    (q,) = extract_quotes(article(text))
    assert (q.speaker, q.content_text) == ("", "what should be done with illegal immigrants")
    (q,) = extract_quotes(article('"How big is that wall?" asked the boy.'))
    assert q.speaker == "the boy"


def test_a_tweet_quoted_line_by_line_is_one_quotation() -> None:
    """BASIL: the lines of a tweet after the first open no quotation mark; the quotation closed at
    the end of its first line and the rest was nobody's."""
    text = (
        "This was after Trump\u2019s account tweeted Saturday: \u201cI had to fire General Flynn because he lied."
        " \nHe has pled guilty to those lies. \nThere was nothing to hide!\u201d\nThat tweet drew fire."
    )
    (q,) = extract_quotes(article(text))
    assert q.content_text.startswith("I had to fire") and q.content_text.endswith("There was nothing to hide!")
    # the newspaper convention is read as before: a new paragraph that opens with a mark continues
    text = "\u201cThe talks are over,\u201d she said.\nThe ministry did not reply.\n\u201cWe will see,\u201d he added."
    assert [q.content_text for q in extract_quotes(article(text))] == ["The talks are over", "We will see"]


def test_found_himself_is_no_finding() -> None:
    """BASIL: 'Trump found himself in a Twitter war with ...' was a statement of Trump's (and with the
    reflexive rule, a long one); 'the report found that ...' stays."""
    text = (
        "Even before Donald Trump landed in Mexico Wednesday, he found himself in a Twitter war with former"
        " Mexican President Vicente Fox \u2013 who went on a tear declaring the Republican nominee \u201cnot"
        " welcome\u201d in the country."
    )
    assert all(q.cue != "found" for q in extract_quotes(article(text)))
    (q,) = extract_quotes(article("The report found that the levy was illegal."))
    assert q.content_text == "that the levy was illegal"


def test_according_to_reports_the_clause_not_a_circumstance_after_it() -> None:
    """Washington Post (PolNeAR): '..., according to the RealClearPolitics polling average in New
    Hampshire - despite winning the first-in-the-nation primary there in February': the longer side
    was a circumstance with no verb of its own; the clause is the other side."""
    text = (
        "Trump is lagging behind Clinton by more than nine percentage points, according to the RealClearPolitics"
        " polling average in New Hampshire - despite winning the first-in-the-nation primary there in February."
    )
    (q,) = extract_quotes(article(text))
    assert q.content_text == "Trump is lagging behind Clinton by more than nine percentage points"


@pytest.mark.parametrize(
    ("text", "content"),
    [
        ("12:25 pm \u2013 President Obama is briefed on the situation.", "the situation"),  # Breitbart (PolNeAR)
        ("The minister was warned about the risks.", "the risks"),
    ],
)
def test_the_one_briefed_is_no_part_of_what_he_was_told(text: str, content: str) -> None:
    """A passive reports its subject ("no new schedule had been announced"), but the subject of
    "is briefed", "was warned" is whom it was said to; what was said is what it was about."""
    assert [q.content_text for q in extract_quotes(article(text))] == [content]
