"""Ledger logic on a hand-made story (tests/claims_scenario.py: our own sentences)."""

import re
from datetime import UTC, datetime

import pytest

import claims_scenario as sc
from storyline.claims import build_disputes, dispute_ledger
from storyline.claims.positions import choose_anchor, stance_of
from storyline.claims.propositions import statements_from_quotes
from storyline.model import Article, CueClass, Quote, QuoteKind, Span, SpeakerType, Stance


@pytest.fixture(scope="module")
def propositions():
    return build_disputes(sc.story(), sc.articles(), sc.quotes(), sc.edges())


def _positions(prop) -> dict[tuple[str, Stance], object]:
    return {(p.actor, p.stance): p for p in prop.positions}


def test_build_disputes_groups_the_sanctions_dispute(propositions) -> None:
    assert propositions, "the disputed proposition is found"
    prop = propositions[0]
    got = _positions(prop)
    assert ("President", Stance.ASSERTS) in got
    assert ("Foreign Minister", Stance.DENIES) in got
    assert ("Ministry official", Stance.ASSERTS) in got
    assert ("Ministry official", Stance.CONCEDES) in got  # the conceding cue
    assert ("Wire", Stance.DENIES) in got  # the outlet's own assessment
    assert ("Monthly", Stance.QUALIFIES) in got  # "a large package" restates "all"
    assert "every sanction" in prop.text or "all sanctions" in prop.text


def test_build_disputes_counts_independent_origins(propositions) -> None:
    prop = propositions[0]
    assert prop.independent_origins == 2  # the wire (with its republication and digest) and the analysis
    got = _positions(prop)
    president = got[("President", Stance.ASSERTS)]
    assert president.independent_origins == 1  # carried by three outlets, one origin
    assert set(president.outlets) == {"Wire", "Reposter", "Digest"}


def test_build_disputes_types_conflicts(propositions) -> None:
    prop = propositions[0]
    assert prop.conflicts
    assert all(c.reason for c in prop.conflicts)
    assert any(c.kind.value == "scope" for c in prop.conflicts)


def test_dispute_ledger_first_concessions_versions(propositions) -> None:
    entry = dispute_ledger(propositions, sc.edges())[0]
    assert entry.first_actor == "President"
    assert entry.first_stance is Stance.ASSERTS
    assert entry.first_said_at == datetime(2019, 2, 28, 22, tzinfo=UTC)
    assert [(c.actor, c.stance) for c in entry.concessions] == [("Ministry official", Stance.CONCEDES)]
    versions = {v.stance: v for v in entry.versions}
    assert "Monthly" in versions[Stance.QUALIFIES].outlets
    assert versions[Stance.ASSERTS].independent_origins == 1
    official = next(p for p in entry.parties if p.actor == "Ministry official")
    assert official.stances == (Stance.ASSERTS, Stance.CONCEDES)


def test_build_disputes_ignores_other_stories(propositions) -> None:
    story = sc.story().replace(article_ids=(sc.ANALYSIS,))
    assert build_disputes(story, sc.articles(), sc.quotes(), sc.edges()) == []


TEXT = "They wanted every tariff removed. Officials said it was not so."


def _statement(
    content: str,
    cue: str = "said",
    cue_class: CueClass = CueClass.NEUTRAL,
    speaker_type: SpeakerType = SpeakerType.PERSON,
    actor: str = "B",
):
    text = f"{actor} {cue} that {content}."
    article = Article(
        id="x",
        version="1",
        source="x",
        raw=text,
        text=text,
        outlet="O",
        published=datetime(2020, 1, 2, tzinfo=UTC),
    )
    q = sc.quote_in(article, content, actor, speaker_type, cue, cue_class)
    return statements_from_quotes([article], [q])[0]


@pytest.mark.parametrize(
    ("content", "cue", "cue_class", "asserted_before", "expected"),
    [
        ("the firm wanted every tariff removed", "said", CueClass.NEUTRAL, False, Stance.ASSERTS),
        ("the firm wanted every tariff removed", "conceded", CueClass.CONCEDING, False, Stance.CONCEDES),
        ("the firm wanted every tariff removed", "denied", CueClass.DENYING, False, Stance.DENIES),
        # a refusal to act says nothing about the claim ("refused to step down")
        ("to drop the tariff demand", "refused", CueClass.DENYING, False, Stance.ASSERTS),
        ("the firm wanted only partial tariff relief", "insisted", CueClass.EMPHATIC, False, Stance.DENIES),
        ("the firm wanted only partial tariff relief", "said", CueClass.NEUTRAL, True, Stance.QUALIFIES),
        (
            "the firm wanted a large package of tariff relief",
            "wrote",
            CueClass.NEUTRAL,
            False,
            Stance.QUALIFIES,
        ),
        ("the firm did not want the tariffs removed", "said", CueClass.NEUTRAL, False, Stance.DENIES),
        ("it was not all of the tariffs", "wrote", CueClass.NEUTRAL, False, Stance.DENIES),
        (
            "the firm wanted the tariffs removed, as he claimed",
            "claimed",
            CueClass.DOUBTING,
            False,
            Stance.ASSERTS,
        ),
    ],
)
def test_stance_of_from_cues_and_comparison(content, cue, cue_class, asserted_before, expected) -> None:
    anchor = _statement("the firm wanted every tariff removed", actor="Ana")
    statement = _statement(content, cue, cue_class)
    stance, reason = stance_of(statement, anchor, asserted_before)
    assert stance is expected, reason
    assert reason


def test_dispute_records_carry_cli_fields(propositions) -> None:
    import msgspec

    from storyline.claims import dispute_records

    record = msgspec.to_builtins(dispute_records(propositions)[0])
    assert {"proposition", "positions", "independent_origins"} <= set(record)
    evidence = record["positions"][0]["evidence"][0]
    assert {"article_id", "text", "start", "end"} <= set(evidence)
    assert record["positions"][0]["stance"] in {"asserts", "denies", "qualifies", "concedes"}


@pytest.mark.parametrize(
    ("cue", "kind", "whole_sentence_is_the_outlets"),
    [
        ("wanted", QuoteKind.INDIRECT, True),  # an attitude the outlet reports in its own words
        ("was seeking", QuoteKind.INDIRECT, True),
        ("wanted", QuoteKind.MIXED, True),  # a quoted fragment inside it does not make it said
        ("has imposed", QuoteKind.INDIRECT, True),  # a deed, no reporting verb
        ("said", QuoteKind.INDIRECT, False),  # speech: the content is the speaker's, not the outlet's
        ("wanted", QuoteKind.DIRECT, False),  # quotation marks: the speaker's words
        ("line", QuoteKind.MIXED, False),  # "the council's line that ...": a position it states
    ],
)
def test_outlet_sentences_keep_attitudes_in_the_outlets_voice(
    cue: str, kind: QuoteKind, whole_sentence_is_the_outlets: bool
) -> None:
    from storyline.attribution import cue_class
    from storyline.claims.propositions import outlet_sentences

    text = "The council wanted a bigger share of the harbour fees from the shipping lines this year."
    content = "a bigger share of the harbour fees from the shipping lines this year"
    start = text.index(content)
    article = Article(id="x", version="v", source="t", raw=text, text=text, outlet="The Daily")
    quote = Quote(
        id="q",
        article_id="x",
        speaker="The council",
        actor="The council",
        cue=cue,
        kind=kind,
        content=Span(start=start, end=start + len(content)),
        content_text=content,
        cue_class=cue_class(cue.split()[-1]),
        speaker_type=SpeakerType.ORGANIZATION,
    )
    own = [s.claim.text for s in outlet_sentences([article], [quote], dates=False)]
    assert (text in own) is whole_sentence_is_the_outlets, own


@pytest.mark.parametrize(
    ("sentence", "kept"),
    [
        ("There are signs that both governments want to.", False),  # the verb phrase is elided
        ("The harbour council said it would not.", False),
        ("There are signs that both governments want a new harbour agreement.", True),
    ],
)
def test_outlet_sentences_skip_elided_verb_phrases(sentence: str, kept: bool) -> None:
    from storyline.claims.propositions import outlet_sentences

    article = Article(id="x", version="v", source="t", raw=sentence, text=sentence, outlet="The Daily")
    own = [s.claim.text for s in outlet_sentences([article], [], dates=False)]
    assert (sentence in own) is kept, own


@pytest.mark.parametrize(
    ("contents", "expected"),
    [
        pytest.param(  # a clipped copy of the quote gives way to the fuller quote that holds it
            [
                "every tariff line of it, and no minister could sign",
                "the firm wanted every tariff line of it, and no minister could sign that",
                "the mayor wanted every tariff line of it, and no minister could sign that, ever again",
            ],
            "the firm wanted every tariff line of it, and no minister could sign that",
            id="clipped-copy-yields-to-shortest-fuller",
        ),
        pytest.param(  # negative: a different statement of the maximal claim does not displace the first
            ["the firm wanted every tariff removed", "the firm wanted every tariff and every levy removed"],
            "the firm wanted every tariff removed",
            id="earliest-kept-when-not-contained",
        ),
    ],
)
def test_choose_anchor_prefers_full_quote_over_clipped_copy(contents: list[str], expected: str) -> None:
    statements = [_statement(c, actor=f"A{i}") for i, c in enumerate(contents)]
    assert choose_anchor(statements).claim.text == expected


def _told(actor: str, text: str, cue: str | None, kind: SpeakerType, order: int):
    from storyline.claims.conflicts import read_facts
    from storyline.claims.propositions import Statement
    from storyline.model import Claim

    claim = Claim(id=f"c{order}", article_id="a", actor=actor, text=text, span=Span(start=0, end=len(text)), cue=cue)
    return Statement(
        claim=claim,
        speaker_type=kind,
        outlet="Paper",
        said_at=None,
        published=None,
        order=order,
        facts=read_facts(text),
    )


@pytest.mark.parametrize(
    ("narration", "expected"),
    [
        pytest.param(
            "The draft offers, in return, to let customs inspectors back into the oil terminal.",
            Stance.DENIES,
            id="retells-the-denying-side",
        ),
        pytest.param("Ferries ran late in the harbour all week.", Stance.ASSERTS, id="unrelated-keeps-default"),
    ],
)
def test_narration_follows_the_statement_it_retells(narration: str, expected: Stance) -> None:
    from storyline.claims.disputes import _narration_follows_its_source
    from storyline.claims.positions import DEFAULT_REASON

    claim = _told("Hollis", "They wanted every levy scrapped.", "said", SpeakerType.PERSON, 1)
    denial = _told(
        "Vask",
        "We offered to let customs inspectors back into the oil terminal in return.",
        "said",
        SpeakerType.PERSON,
        2,
    )
    told = _told("Paper", narration, None, SpeakerType.OUTLET, 3)
    stances = [
        (claim, Stance.ASSERTS, "states the proposition"),
        (denial, Stance.DENIES, "'only' contradicts 'every'"),
        (told, Stance.ASSERTS, DEFAULT_REASON),
    ]
    out = _narration_follows_its_source(stances)
    assert out[2][1] is expected
    assert out[:2] == stances[:2]


@pytest.mark.parametrize(
    ("sentence", "kept"),
    [
        ("Asked whether the minister would correct her claim that every levy was at stake, he declined.", False),
        ("When asked about the levy schedule and the surcharges on grain, officials declined to comment.", False),
        ("The minister asked the council to review every levy on the schedule before the summit.", True),
    ],
)
def test_outlet_sentences_leave_out_questions_put_to_someone(sentence: str, kept: bool) -> None:
    from storyline.claims.propositions import outlet_sentences

    art = Article(id="a", version="1", source="s", raw=sentence, text=sentence, outlet="Paper")
    assert bool(outlet_sentences([art], [])) is kept


@pytest.mark.parametrize(
    ("text", "weighs"),
    [
        ("the firm wanted every tariff removed", True),
        ("former Missouri senators like John Ashcroft", True),
        ("John Ashcroft, Kit Bond, John Danforth and Jim Talent", False),  # names only: says nothing
        ("called: reporters", False),
        ("So who's telling the truth?", False),  # a question asserts nothing
        ("so who's telling the truth", False),  # the same, its mark stripped with the punctuation
        ("Why would the ministry publish the schedule? It had every reason to hide it.", True),
        ("who is responsible for the levy schedule remains a matter for the courts", True),
    ],
)
def test_weighable_statements(text: str, weighs: bool) -> None:
    from storyline.claims.propositions import weighable

    assert weighable(text) is weighs


@pytest.mark.parametrize(
    ("content", "cue", "cue_class", "reporting_only"),
    [
        ("whether he would ask the delegates to reconsider", "did not say", CueClass.NEUTRAL, True),
        ("if the plan would pass the council this year", "would not say", CueClass.NEUTRAL, True),
        ("the plan would pass the council this year", "asked", CueClass.ASKING, True),
        ("the plan would pass the council this year", "said", CueClass.NEUTRAL, False),
    ],
)
def test_is_reporting_only(content: str, cue: str, cue_class: CueClass, reporting_only: bool) -> None:
    from storyline.claims.propositions import is_reporting_only

    assert is_reporting_only(_statement(content, cue, cue_class)) is reporting_only


def _quote_at(text: str, content: str, cue: str, speaker: str, qid: str, start: int = 0) -> Quote:
    at = text.index(content, start)
    cue_at, speaker_at = (re.search(rf"\b{word}\b", text).start() for word in (cue, speaker))  # type: ignore[union-attr]
    return Quote(
        id=qid,
        article_id="x",
        speaker=speaker,
        actor="Bram Okafor",
        cue=cue,
        kind=QuoteKind.INDIRECT,
        content=Span(start=at, end=at + len(content)),
        content_text=content,
        cue_class=CueClass.NEUTRAL,
        speaker_type=SpeakerType.PERSON,
        cue_span=Span(start=cue_at, end=cue_at + len(cue)),
        speaker_span=Span(start=speaker_at, end=speaker_at + len(speaker)),
    )


@pytest.mark.parametrize(
    ("text", "first", "second", "joined"),
    [
        pytest.param(
            "What the harbour council wanted, he said, was a suspension of the grain surcharges for a year.",
            "What the harbour council wanted",
            "was a suspension of the grain surcharges for a year",
            True,
            id="cue-inside-one-clause",
        ),
        pytest.param(
            "The surcharges brought in 412 million veldor, he said, and the ministry wanted them kept in full.",
            "The surcharges brought in 412 million veldor",
            "and the ministry wanted them kept in full",
            False,
            id="two-clauses",
        ),
    ],
)
def test_a_content_the_cue_interrupts_is_one_statement(text: str, first: str, second: str, joined: bool) -> None:
    article = Article(id="x", version="v", source="t", raw=text, text=text, outlet="The Daily")
    quotes = [_quote_at(text, first, "said", "he", "q1"), _quote_at(text, second, "said", "he", "q2")]
    got = [s.claim.text for s in statements_from_quotes([article], quotes)]
    if joined:
        assert got == [text[: text.index(second) + len(second)]]
    else:
        assert first in got and second in got


def test_outlet_sentences_skip_the_circumstances_of_an_attribution() -> None:
    from storyline.claims.propositions import outlet_sentences

    text = "At a press conference in the harbour town of Port Alder, she said the talks had failed over levies."
    content = "the talks had failed over levies"
    article = Article(id="x", version="v", source="t", raw=text, text=text, outlet="The Daily")
    quote = _quote_at(text, content, "said", "she", "q1")
    own = [s.claim.text for s in outlet_sentences([article], [quote], dates=False)]
    assert own == [], own


@pytest.mark.parametrize(
    ("cue", "kept"),
    [
        ("to discuss", False),  # an intention inside the official's words: the official's statement holds it
        ("told", True),  # a speech act reported inside another's words is a statement of its own
    ],
)
def test_an_intention_nested_in_another_statement_is_not_a_statement_of_its_own(cue: str, kept: bool) -> None:
    text = (
        f"A senior Mariscan official said Sorrel was ready {cue} a phased suspension of the grain surcharges "
        "with the harbour council."
    )
    article = Article(id="x", version="v", source="t", raw=text, text=text, outlet="The Daily")
    outer_content = text[text.index("Sorrel") : -1]
    inner_content = "a phased suspension of the grain surcharges with the harbour council"
    quotes = [
        _quote_at(text, outer_content, "said", "official", "q1"),
        _quote_at(text, inner_content, cue, "Sorrel", "q2"),
    ]
    got = [s.claim.text for s in statements_from_quotes([article], quotes)]
    assert got == ([outer_content, inner_content] if kept else [outer_content])


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        # the demo's envoy: "The proposal concerned the 2021 surcharges, not the base levy"
        ("the proposal concerned the new surcharges, not the base levy", Stance.DENIES),
        ("the proposal concerned the new surcharges, but not the base levy", Stance.DENIES),
        # what it leaves out is not what the maximal claim says all of
        ("the proposal concerned the new surcharges, not the ferry timetable", None),
    ],
)
def test_a_contrast_leaves_out_what_the_maximal_claim_says_all_of(content: str, expected: Stance | None) -> None:
    from storyline.claims.positions import stance_against_maximal

    maximal = _statement("the firm wanted the whole levy schedule gone", actor="Hollis")
    found = stance_against_maximal(_statement(content), [maximal], asserted_before=False)
    assert (found[0] if found else None) is expected


@pytest.mark.parametrize(
    ("text", "speaker", "cue", "content", "own"),
    [
        (  # the conjunction that joined the quoted rest is not the outlet's
            "The 2022 increase roughly doubled the fee for the five locks, and carriers say it has pushed "
            "traffic onto the roads.",
            "carriers",
            "say",
            "it has pushed traffic onto the roads",
            ["The 2022 increase roughly doubled the fee for the five locks"],
        ),
        (
            "Two days of talks ended in acrimony in Port Alder on Wednesday, with Hollis saying the levy "
            "had sunk the deal.",
            "Hollis",
            "saying",
            "the levy had sunk the deal",
            ["Two days of talks ended in acrimony in Port Alder on Wednesday"],
        ),
        (  # what is left is no assertion: a verb phrase whose subject the quote took
            "Obama vetoed the bill last week and issued a lengthy statement with it.",
            "Obama",
            "issued",
            "a lengthy statement with it",
            [],
        ),
    ],
)
def test_outlet_sentences_leave_the_joining_word_to_the_quote(
    text: str, speaker: str, cue: str, content: str, own: list[str]
) -> None:
    from storyline.claims.propositions import outlet_sentences

    def span(part: str) -> Span:
        at = text.index(part)
        return Span(start=at, end=at + len(part))

    article = Article(id="x", version="v", source="t", raw=text, text=text, outlet="The Daily")
    quote = Quote(
        id="q",
        article_id="x",
        speaker=speaker,
        actor=speaker,
        cue=cue,
        kind=QuoteKind.INDIRECT,
        content=span(content),
        content_text=content,
        speaker_span=span(speaker),
        cue_span=span(cue),
        speaker_type=SpeakerType.PERSON,
    )
    assert [s.claim.text for s in outlet_sentences([article], [quote], dates=False)] == own
