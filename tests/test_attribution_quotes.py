"""Quote extraction on sentences written for these tests (synthetic; no seed or eval text)."""

from __future__ import annotations

import pytest

from storyline.attribution import extract_quotes
from storyline.model import Article, CueClass, QuoteKind, SpeakerType


def article(text: str, outlet: str = "The Daily", credits: tuple[str, ...] = ("AP",)) -> Article:
    return Article(id="a_test", version="v", source="test", raw=text, text=text, outlet=outlet, credits=credits)


# text, actor, cue, kind, content (substring that must be the content), speaker type, cue class
CASES = [
    pytest.param(
        '"We had to walk away," Trump said, "because they wanted everything."',
        "Trump",
        "said",
        QuoteKind.DIRECT,
        "We had to walk away",
        SpeakerType.PERSON,
        CueClass.NEUTRAL,
        id="direct-split-around-cue-first-half",
    ),
    pytest.param(
        '"We had to walk away," Trump said, "because they wanted everything."',
        "Trump",
        "said",
        QuoteKind.DIRECT,
        "because they wanted everything",
        SpeakerType.PERSON,
        CueClass.NEUTRAL,
        id="direct-split-around-cue-second-half",
    ),
    pytest.param(
        "“This first paragraph runs on.\n“And the quote ends here,” said Senator Jane Doe.",
        "Jane Doe",
        "said",
        QuoteKind.DIRECT,
        "This first paragraph runs on.\n“And the quote ends here",
        SpeakerType.PERSON,
        CueClass.NEUTRAL,
        id="direct-multi-paragraph",
    ),
    pytest.param(
        "Senator Jane Doe said that the bill would pass next week.",
        "Jane Doe",
        "said",
        QuoteKind.INDIRECT,
        "that the bill would pass next week",
        SpeakerType.PERSON,
        CueClass.NEUTRAL,
        id="indirect-said-that",
    ),
    pytest.param(
        "Jane Doe told reporters the bill would pass.",
        "Jane Doe",
        "told",
        QuoteKind.INDIRECT,
        "the bill would pass",
        SpeakerType.PERSON,
        CueClass.NEUTRAL,
        id="indirect-told-reporters",
    ),
    pytest.param(
        'The mayor said the plan was "a complete disaster" for the city.',
        "mayor",
        "said",
        QuoteKind.MIXED,
        'the plan was "a complete disaster" for the city',
        SpeakerType.PERSON,
        CueClass.NEUTRAL,
        id="mixed",
    ),
    pytest.param(
        "According to the police, three people were arrested.",
        "police",
        "According to",
        QuoteKind.INDIRECT,
        "three people were arrested",
        SpeakerType.ORGANIZATION,
        CueClass.SOURCE,
        id="according-to",
    ),
    pytest.param(
        'Smith: "We will not back down."',
        "Smith",
        ":",
        QuoteKind.DIRECT,
        "We will not back down",
        SpeakerType.PERSON,
        CueClass.NEUTRAL,
        id="colon-headline",
    ),
    pytest.param(
        'He said: "The talks are over."',
        "He",
        "said",
        QuoteKind.DIRECT,
        "The talks are over",
        SpeakerType.PERSON,
        CueClass.NEUTRAL,
        id="cue-then-colon",
    ),
    pytest.param(
        "The minister said:\nThe talks are over and we will go home.",
        "minister",
        "said",
        QuoteKind.INDIRECT,
        "The talks are over and we will go home",
        SpeakerType.PERSON,
        CueClass.NEUTRAL,
        id="colon-then-next-paragraph",
    ),
    pytest.param(
        'Caddell continued:\n\n"The issue is partisan, but it matters."',
        "Caddell",
        "continued",
        QuoteKind.DIRECT,
        "The issue is partisan, but it matters",
        SpeakerType.PERSON,
        CueClass.NEUTRAL,
        id="colon-then-quoted-paragraph",
    ),
    pytest.param(
        "John Smith arrived late. He said the meeting had been productive.",
        "John Smith",
        "said",
        QuoteKind.INDIRECT,
        "the meeting had been productive",
        SpeakerType.PERSON,
        CueClass.NEUTRAL,
        id="pronoun-to-earlier-person",
    ),
    pytest.param(
        "John Smith met Mary Jones. Later Mary Jones spoke. She said the deal was close.",
        "Mary Jones",
        "said",
        QuoteKind.INDIRECT,
        "the deal was close",
        SpeakerType.PERSON,
        CueClass.NEUTRAL,
        id="pronoun-to-nearest-person",
    ),
    pytest.param(
        "A senior State Department official, who briefed reporters on condition of anonymity, acknowledged "
        "that the demand covered only some sanctions.",
        "senior State Department official",
        "acknowledged",
        QuoteKind.INDIRECT,
        "that the demand covered only some sanctions",
        SpeakerType.ANONYMOUS,
        CueClass.CONCEDING,
        id="anonymous-with-affiliation",
    ),
    pytest.param(
        "Two senior members of the delegation insisted the report was wrong.",
        "Two senior members of the delegation",
        "insisted",
        QuoteKind.INDIRECT,
        "the report was wrong",
        SpeakerType.GROUP,
        CueClass.EMPHATIC,
        id="group",
    ),
    pytest.param(
        "The ministry denied the report.",
        "ministry",
        "denied",
        QuoteKind.INDIRECT,
        "the report",
        SpeakerType.ORGANIZATION,
        CueClass.DENYING,
        id="organization-denies",
    ),
    pytest.param(
        "Bolton confirmed that the definition had been sent.",
        "Bolton",
        "confirmed",
        QuoteKind.INDIRECT,
        "that the definition had been sent",
        SpeakerType.PERSON,
        CueClass.CONFIRMING,
        id="confirming",
    ),
    pytest.param(
        "So who is telling the truth? In this case, it seems the other side is.",
        "The Daily",
        "So who is telling the truth?",
        QuoteKind.INDIRECT,
        "it seems the other side is",
        SpeakerType.OUTLET,
        CueClass.EXPLAINING,
        id="outlet-rhetorical-answer",
    ),
    pytest.param(
        '"The deal was a robust demand," AP explains.',
        "AP",
        "explains",
        QuoteKind.DIRECT,
        "The deal was a robust demand",
        SpeakerType.OUTLET,
        CueClass.EXPLAINING,
        id="outlet-explains",
    ),
    pytest.param(
        "trump said basically they wanted the sanctions lifted in their entirety",
        "trump",
        "said",
        QuoteKind.INDIRECT,
        "basically they wanted the sanctions lifted in their entirety",
        None,
        CueClass.NEUTRAL,
        id="stripped-lowercase",
    ),
    pytest.param(
        "jane doe told reporters the bill would pass",
        "jane doe",
        "told",
        QuoteKind.INDIRECT,
        "the bill would pass",
        None,
        CueClass.NEUTRAL,
        id="stripped-told-reporters",
    ),
]


@pytest.mark.parametrize(("text", "actor", "cue", "kind", "content", "speaker_type", "cue_class"), CASES)
def test_extract_quotes_finds_attribution(text, actor, cue, kind, content, speaker_type, cue_class) -> None:
    quotes = extract_quotes(article(text))
    match = [q for q in quotes if content in q.content_text and len(q.content_text) <= len(content) + 20]
    assert match, f"no quote with content {content!r} in {[(q.actor, q.content_text) for q in quotes]}"
    q = match[0]
    assert actor.lower() in q.actor.lower()
    assert q.cue == cue
    assert q.kind is kind
    assert q.cue_class is cue_class
    if speaker_type is not None:
        assert q.speaker_type is speaker_type
    assert text[q.content.start : q.content.end] == q.content_text
    assert q.cue_span is not None and text[q.cue_span.start : q.cue_span.end] == q.cue


NEGATIVE = [
    pytest.param("The weather was cold and the roads were empty.", id="no-cue"),
    pytest.param("", id="empty"),
    pytest.param("Who is telling the truth?", id="question-alone"),
    pytest.param(  # USA Today (PolNeAR): a subheading is no question the writer answers
        "The vote was close.\n\nWhat Ideology?\n\nWhen it comes to public policy, Millennials aren't reliably liberal.",
        id="question-as-subheading",
    ),
    pytest.param('The film "The Long Walk" opened in 2004 to good reviews.', id="title-in-quotes"),
]


@pytest.mark.parametrize("text", NEGATIVE)
def test_extract_quotes_ignores_text_without_attribution(text: str) -> None:
    assert [q.content_text for q in extract_quotes(article(text))] == []


def test_extract_quotes_ids_are_stable_and_offsets_valid() -> None:
    text = 'Officials met on Monday. "It went well," said Jane Doe. She added that more talks were planned.'
    first = extract_quotes(article(text))
    second = extract_quotes(article(text))
    assert [q.id for q in first] == [q.id for q in second]
    assert len({q.id for q in first}) == len(first) >= 2
    for q in first:
        assert 0 <= q.content.start < q.content.end <= len(text)
        assert 0.0 < q.confidence <= 1.0


def test_extract_quotes_clause_before_a_colon_is_not_the_content() -> None:
    """'X was simple: Y wanted Z': what Y wanted is Z, not the clause the colon closes."""
    text = "The reason for the collapse was simple: the council wanted a bigger share of the harbour fees."
    contents = [q.content_text for q in extract_quotes(article(text))]
    assert not any("reason for the collapse" in c for c in contents), contents


# text, whether an "in" cue naming a poll / survey is expected, substring of its source, of its content


@pytest.mark.parametrize(
    ("text", "actor", "contents"),
    [
        pytest.param(  # the aside's speaker said what follows it; the clause before is the writer's
            "The toll rose sharply. But it was not, as Mayor Gerda Amsel said, every levy.",
            "Gerda Amsel",
            ["every levy"],
            id="as-aside-takes-what-follows",
        ),
        pytest.param(  # a relative clause naming an institute does not make the speaker the institute
            "Piet Marchetti, who now directs the Hallenburg Institute for Maritime Policy, said the minister "
            "should resign.",
            "Piet Marchetti",
            ["the minister should resign"],
            id="relative-clause-aside-is-not-the-speaker",
        ),
        pytest.param(  # negative: a content of one function word is a parse fragment, not a statement
            "The Harbour Party intends where.",
            None,
            [],
            id="one-function-word-content-dropped",
        ),
    ],
)
def test_extract_quotes_asides_and_stubs(text: str, actor: str | None, contents: list[str]) -> None:
    quotes = extract_quotes(article(text))
    assert [q.content_text for q in quotes] == contents
    if actor is not None:
        assert {q.actor for q in quotes} == {actor}
        assert all(q.speaker_type is SpeakerType.PERSON for q in quotes)


def test_an_as_aside_after_which_the_sentence_goes_on_reports_the_clause_before() -> None:
    """NYT (PolNeAR): 'Ailes also met with Mr. Trump that day, as The New York Times reported on
    Tuesday, and he will be ...': the aside ends the clause it reports; what follows its ", and"
    was taken as the report."""
    text = (
        "Roger Ailes also met with Mr. Trump that day, as The New York Times reported on Tuesday, and he will be"
        " part of efforts to prepare Mr. Trump."
    )
    assert [q.content_text for q in extract_quotes(article(text))] == ["Roger Ailes also met with Mr. Trump that day"]


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("In Hallenburg, Trade Minister Bram Okafor was asked.", ["Bram Okafor"]),  # title with a modifier
        ("Deputy Foreign Minister Mirela Dunn spoke.", ["Mirela Dunn"]),
        ("Ships crossed the Corran Strait near Port Alder.", []),  # places are nobody a "he" refers to
        ("She stayed at the Hotel Calder.", []),
        ("John Port and Park Jae Won spoke.", ["John Port", "Park Jae Won"]),  # surnames that are place words
        # a name after "the" is a ship, a company or a place: "Sorrel" later is not "Sorrel Dawn"
        ("It listed the Sorrel Dawn and the Aster Bay. The Halvard Line agreed with Ilse Marr.", ["Ilse Marr"]),
    ],
)
def test_person_names_strip_titles_and_skip_places(text: str, names: list[str]) -> None:
    from storyline.attribution.speakers import person_names

    assert [n for _, n in person_names(text)] == names


def test_pronoun_after_titled_name_resolves_to_that_person() -> None:
    text = (
        "Ships waited in the Corran Strait. In Hallenburg, Trade Minister Bram Okafor was asked about the levy. "
        "“No,” he replied."
    )
    quotes = [q for q in extract_quotes(article(text)) if q.content_text == "No"]
    assert quotes and quotes[0].actor == "Bram Okafor"


# text, the content must end with this, the content must not contain this
QUOTE_RUNS = [
    pytest.param(
        "The senator said that farmers “do a fine job. And it is so important. Keep it going,” to cheers.",
        "Keep it going,”",  # a content that opens a quotation ends with its closing mark
        "to cheers",
        id="indirect-content-runs-to-closing-mark",
    ),
    pytest.param(
        "The mayor asked whether the bridge would open on time?",
        "open on time?",
        "The mayor",
        id="question-mark-kept",
    ),
    pytest.param(
        "The mayor said the bridge would open. Critics called it “a fantasy” later.",
        "would open",
        "fantasy",
        id="quote-after-content-not-joined",
    ),
]


@pytest.mark.parametrize(("text", "ends_with", "not_in"), QUOTE_RUNS)
def test_extract_quotes_content_runs_to_quote_end(text: str, ends_with: str, not_in: str) -> None:
    quotes = extract_quotes(article(text))
    assert quotes, "no quote found"
    q = quotes[0]
    assert q.content_text.endswith(ends_with), q.content_text
    assert not_in not in q.content_text


# text, then (actor, cue, content) of every quote found, in order


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        pytest.param(
            "Teodor Vask said the request covered only the surcharges on grain, fuel and fertilizer "
            "cargoes, that it had been made in writing at working-level meetings in January and again in "
            "February, and that the base levy had never been on the table. It was a large request. But it "
            "was not, as Piet Marchetti claimed, every levy, and the record shows it. It also came as no "
            "surprise, he said.",
            "Teodor Vask",
            id="the-current-speaker-further-back-not-a-speaker-cited-in-passing",
        ),
        pytest.param(
            "Teodor Vask spoke first. Piet Marchetti said the levy was the heart of the matter. It "
            "was never negotiable, he said.",
            "Piet Marchetti",
            id="the-nearest-speaker",
        ),
        pytest.param(
            "Deputy Minister Mirela Dunn said the talks were over. The ministry then clarified its "
            "position, according to a senior official who briefed reporters on condition he not be named. "
            "The delegation wanted more, but he acknowledged the request covered only the surcharges.",
            "a senior official",
            id="according-to-an-official-makes-the-official-the-current-speaker",
        ),
        pytest.param(
            "Foreign Minister Teodor Vask told reporters his country had sought only a suspension. A senior "
            "Veldoran Trade Ministry official, speaking anonymously on Thursday morning, stuck to the prime "
            "minister\u2019s line that Marisca had \u201casked for the removal of the entire levy schedule\u201d "
            "\u2014 but he acknowledged that the request covered only the nine surcharges.",
            "A senior Veldoran Trade Ministry official",
            id="the-parser-gave-the-cue-a-noun-subject-and-he-the-pronoun-is-that-noun",
        ),
        pytest.param(
            "Trump said the talks failed. Just as he stood at the center of the controversy that nearly derailed "
            "the Singapore summit last year, when he called on Pyongyang to pursue a Libya-style disarmament "
            "bargain with the United States, so too is Bolton at the center of the collapse in Hanoi.",
            "Bolton",
            id="he-in-a-clause-put-before-the-main-one-is-the-main-clauses-subject",
        ),
    ],
)
def test_pronoun_speaker_is_the_current_speaker(text: str, speaker: str) -> None:
    last = extract_quotes(article(text))[-1]
    assert (last.speaker, last.actor) == ("he", speaker)


@pytest.mark.parametrize(
    ("text", "genders"),
    [
        pytest.param(
            "Teodor Vask spoke first. He said the levy was never discussed. Annika Hollis left. She was angry.",
            {"Teodor Vask": "m", "Annika Hollis": "f"},
            id="next-sentence-subject",
        ),
        pytest.param(
            "“We left,” Ms. Hollis said. Annika Hollis is the prime minister.",
            {"Annika Hollis": "f"},
            id="courtesy-title",
        ),
        pytest.param(
            "Annika Hollis's spokesman, Mats Lindahl, spoke. “No comment,” he said.",
            {"Mats Lindahl": "m"},
            id="a-possessive-is-not-the-subject",
        ),
        pytest.param("Mats Lindahl met Annika Hollis. Nobody spoke.", {}, id="no-pronoun-no-gender"),
        pytest.param(
            "At her news conference after the collapse, Prime Minister Annika Hollis said the talks were over. "
            "In his reply, Teodor Vask disagreed. After his arrest, police said Mats Lindahl was calm.",
            {"Annika Hollis": "f", "Teodor Vask": "m"},
            id="an-opening-phrase-with-a-possessive-then-the-subject-named-at-once",
        ),
        pytest.param(
            "Mats Lindahl, the spokesman of the Trade Ministry, said he was grateful. It rained.",
            {"Mats Lindahl": "m"},
            id="said-he-after-a-description-set-off-by-commas",
        ),
        pytest.param(  # BASIL's shape: one's own campaign in a relative clause
            "Sen. Annika Hollis of Marisca, who announced her bid for the premiership in May, said the offer was bad.",
            {"Annika Hollis": "f"},
            id="who-announced-her-bid",
        ),
        pytest.param(  # ... not someone else's: "her" after another verb is not the name's
            "Teodor Vask, who attacked her campaign in May, said the offer was bad. Annika Hollis spoke.",
            {},
            id="who-attacked-her-campaign",
        ),
    ],
)
def test_person_genders_from_the_article_itself(text: str, genders: dict[str, str]) -> None:
    from storyline.attribution.genders import person_genders
    from storyline.attribution.speakers import person_names

    assert person_genders(text, [n for _, n in person_names(text)]) == genders


def test_extract_quotes_circumstance_cue_yields_to_the_statement() -> None:
    text = (
        "A senior official said Marisca had asked for the whole schedule. But under questioning he "
        "acknowledged that the request covered only the nine surcharges."
    )
    cues = [q.cue for q in extract_quotes(article(text))]
    assert "acknowledged" in cues and "questioning" not in cues


def test_split_quote_second_part_is_not_taken_across_another_sentence(monkeypatch: pytest.MonkeyPatch) -> None:
    """The continuation piece itself is not made (before one-quote-per-passage would hide it)."""
    import storyline.attribution.quotes as quotes

    monkeypatch.setattr(quotes, "_one_per_passage", lambda found: found)
    text = (
        "“We came to settle the levies and nothing else,” Teodor Vask said.\n\nTeodor Vask stressed: “This is "
        "about trade, not about the navy.”"
    )
    got = [(q.cue, q.content_text) for q in extract_quotes(article(text))]
    assert got == [
        ("said", "We came to settle the levies and nothing else"),
        ("stressed", "This is about trade, not about the navy"),
    ]


def test_split_quote_keeps_its_second_part_before_an_unrelated_attribution() -> None:
    """The next sentence's 'Later, he said, ...' does not take the quote before it: only a quote
    followed by its own speaker ('"B," she said') is another cue's."""
    text = '"We are ready," Vask told reporters, "to talk again next week." Later, he said, the ministers met again.'
    got = [(q.cue, q.content_text) for q in extract_quotes(article(text))]
    assert ("told", "We are ready") in got and ("told", "to talk again next week") in got


@pytest.mark.parametrize(
    ("text", "cues"),
    [
        pytest.param(  # the transcript only keeps the reply: one statement, his
            "“No,” Harbour Minister Bram Okafor replied, according to the committee’s transcript.",
            ["replied"],
            id="record",
        ),
        pytest.param(  # an organizer reports what the rabbis said: two attributions, nested
            "About 40 rabbis have said that they plan to join the protest on Monday, according to an organizer.",
            ["have said", "according to"],
            id="reporter-over-a-spoken-clause",
        ),
        pytest.param(
            "The surcharges raise 400 million veldor a year, which Marisca has always regarded as punitive,"
            " according to the Maritime Authority.",
            ["according to"],
            id="source-over-a-relative-clause",
        ),
    ],
)
def test_according_to_over_a_spoken_clause(text: str, cues: list[str]) -> None:
    found = sorted({q.cue for q in extract_quotes(article(text))})
    for cue in cues:
        assert cue in found, found
    if cues == ["replied"]:
        assert found == ["replied"], found


@pytest.mark.parametrize(
    ("text", "source_holds"),
    [
        pytest.param(  # the coordinated clause has its own speaker: the aside closes the first clause
            "The surcharges brought in 412 million veldor in 2024, according to the Maritime Authority,"
            " and the official claimed suspending them would cost the treasury half a billion veldor a year.",
            ["The surcharges brought in 412 million veldor in 2024"],
            id="own-speaker-after",
        ),
        pytest.param(  # no speaker of its own: the source covers both clauses (as PolNeAR marks it)
            "The top 1 percent paid 25 percent of all federal taxes in 2013, according to the Budget Office,"
            " and the top 10 percent paid 69 percent of all taxes.",
            ["The top 1 percent paid 25 percent of all federal taxes in 2013", "the top 10 percent paid 69 percent"],
            id="plain-clause-after",
        ),
    ],
)
def test_according_to_aside_between_coordinated_clauses(text: str, source_holds: list[str]) -> None:
    quotes = extract_quotes(article(text))
    by_source = " | ".join(q.content_text for q in quotes if q.cue == "according to")
    for part in source_holds:
        assert part in by_source, by_source
    claimed = [q for q in quotes if q.cue == "claimed"]
    assert all("the official" in q.speaker and "would cost" in q.content_text for q in claimed)
    if "claimed" in text:
        assert claimed and "claimed" not in by_source


@pytest.mark.parametrize(
    ("sentence", "kind", "actor"),
    [
        ("The figures are wrong, the Maritime Authority said.", SpeakerType.ORGANIZATION, "Maritime Authority"),
        ("The figures are wrong, the authorities said.", SpeakerType.GROUP, None),
        ("Authorities said the figures were wrong.", SpeakerType.GROUP, None),
        # the demo brief listed "the opposition" under "speaker not identified"
        ("The opposition said the minister had misled parliament.", SpeakerType.GROUP, "The opposition"),
    ],
)
def test_public_bodies_are_organizations_and_their_plural_a_group(
    sentence: str, kind: SpeakerType, actor: str | None
) -> None:
    (q,) = extract_quotes(article(sentence))
    assert q.speaker_type is kind, q
    if actor is not None:
        assert q.actor == actor
