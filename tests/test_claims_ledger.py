"""The dispute ledger read with a journalist's eye: a denial joins the claim it contradicts, an
"also" carries the account on, an outlet answering "as X claimed" rejects X's version, a party's
undecided statements join its denial, positions are ordered by when they were first taken. Invented
sentences only."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

import claims_scenario as sc
from storyline.claims import build_disputes, dispute_ledger
from storyline.claims.conflicts import Scope, read_facts, scope_near
from storyline.claims.grouping import continuations, contradicts
from storyline.claims.propositions import said_at, statements_from_quotes
from storyline.model import (
    Actor,
    Article,
    Quote,
    Span,
    SpeakerType,
    Stance,
    Story,
    said_iso,
)

T0 = datetime(2030, 4, 2, 9, tzinfo=UTC)


def _article(aid: str, text: str, published: datetime | None = T0, outlet: str | None = "The Lantern") -> Article:
    return Article(id=aid, version="v", source=f"{aid}.txt", raw=text, text=text, outlet=outlet, published=published)


def _statement(text: str, actor: str = "Mara Quist"):  # type: ignore[no-untyped-def]
    article = _article("a_x", f"{actor} said {text}.")
    return statements_from_quotes([article], [sc.quote_in(article, text, actor)])[0]


@pytest.mark.parametrize(
    ("maximal", "other", "contradicting"),
    [
        (
            "the guild wanted every toll on the river scrapped",
            "the guild asked only for the grain toll on the river to be scrapped",
            True,
        ),
        ("the guild wanted every toll on the river scrapped", "we never asked for the river toll to be scrapped", True),
        (
            "the guild wanted every toll on the river scrapped",
            "the guild wanted partial relief from the river toll",
            True,
        ),
        (
            "the guild wanted every toll on the river scrapped",
            "the guild wanted every toll on the river scrapped by May",
            False,
        ),
        ("the guild wanted every toll on the river scrapped", "the bridge will reopen on Monday after repairs", False),
        (
            "the guild asked for the grain toll on the river",
            "the guild asked only for the grain toll on the river",
            False,
        ),
    ],
)
def test_contradicts_reads_scope_and_negation_about_the_same_thing(
    maximal: str, other: str, contradicting: bool
) -> None:
    a, b = _statement(maximal, "Mayor Hale"), _statement(other, "Oren Vale")
    assert bool(contradicts(a, b)) is contradicting
    assert bool(contradicts(b, a)) is contradicting  # either order


@pytest.mark.parametrize(
    ("between", "second", "continued"),
    [
        (" ", "the guild was also ready to cap its barges in writing", True),
        (" ", "the guild was ready to cap its barges in writing", False),  # no "also"
        (" " + "The quay was quiet. " * 20, "the guild was also ready to cap its barges in writing", False),  # far
    ],
)
def test_continuations_need_also_and_nearness(between: str, second: str, continued: bool) -> None:
    first = "the guild had asked only for a pause of the grain toll"
    text = f"Oren Vale said {first}.{between}Ida Renn said {second}."
    article = _article("a_c", text)
    statements = statements_from_quotes(
        [article], [sc.quote_in(article, first, "Oren Vale"), sc.quote_in(article, second, "Ida Renn")]
    )
    found = continuations(statements)
    assert (len(found) == 1) is continued
    if continued:
        (prev,) = found.values()
        assert prev.claim.text == first


@pytest.mark.parametrize(
    ("text", "scope"),
    [
        ("But it was not, as the mayor claimed, every toll", Scope.NOT_ALL),
        ("they did not want all the tolls scrapped", Scope.NOT_ALL),
        ("I was not going to give away the income of every quay on this river", Scope.ALL),
        ("every line of it, and no council could sign that", Scope.ALL),
        ("they wanted every toll scrapped", Scope.ALL),
    ],
)
def test_not_all_only_when_the_negation_precedes_the_quantifier(text: str, scope: Scope) -> None:
    facts = read_facts(text)
    assert scope_near(facts, frozenset(facts.stems))[0] is scope


MAYOR = "the guild wanted every toll on the river scrapped"
DENIAL = "the guild had asked only for a pause of the grain toll on the river"
ALSO = "the guild was also ready to cap its barges in writing"
OUTLET_ALL = "the guild was seeking relief from every toll on the river, grain, salt and timber alike"
OUTLET_NOT = "it was not, as the mayor claimed, every toll on the river"
GUILD_MORE = "the barges carry grain, salt and timber down the river to the coast"
GUILD_NO = "we never asked for the river tolls to be scrapped"


def _river_story() -> tuple[Story, list[Article], list[Quote]]:
    wire = _article(
        "a_wire",
        f"Mayor Ivo Hale said {MAYOR}. Hours later Oren Vale said {DENIAL}. "
        f"Ida Renn said {ALSO}. Oren Vale said {GUILD_MORE}. Oren Vale said {GUILD_NO}.",
        published=datetime(2030, 4, 2, 18, tzinfo=UTC),
        outlet="River Wire",
    )
    review = _article(
        "a_review",
        f"The Lantern finds {OUTLET_ALL}. But The Lantern concludes {OUTLET_NOT}.",
        published=datetime(2030, 4, 9, 9, tzinfo=UTC),
    )
    quotes = [
        sc.quote_in(wire, MAYOR, "Ivo Hale"),
        sc.quote_in(wire, DENIAL, "Oren Vale", SpeakerType.ANONYMOUS),
        sc.quote_in(wire, ALSO, "Ida Renn"),
        sc.quote_in(wire, GUILD_MORE, "Oren Vale", SpeakerType.ANONYMOUS),
        sc.quote_in(wire, GUILD_NO, "Oren Vale", SpeakerType.ANONYMOUS),
        sc.quote_in(review, OUTLET_ALL, "The Lantern", SpeakerType.OUTLET, "finds"),
        sc.quote_in(review, OUTLET_NOT, "The Lantern", SpeakerType.OUTLET, "concludes"),
    ]
    story = Story(id="s_river", title="River tolls", article_ids=("a_wire", "a_review"))
    return story, [wire, review], quotes


@pytest.fixture(scope="module")
def river():  # type: ignore[no-untyped-def]
    story, articles, quotes = _river_story()
    props = build_disputes(story, articles, quotes, [], use_stance_model=False)
    prop = next(p for p in props if any(pos.actor == "Ivo Hale" for pos in p.positions))
    return prop


@pytest.mark.parametrize(
    ("actor", "stance"),
    [
        ("Ivo Hale", Stance.ASSERTS),  # the maximal claim
        ("Oren Vale", Stance.DENIES),  # "only a pause", "never asked": the denial joins the claim it answers
        ("Ida Renn", Stance.DENIES),  # "also ready to ...": carries the guild's account on
        ("The Lantern", Stance.DENIES),  # "not, as the mayor claimed, every toll": rejects his version
    ],
)
def test_ledger_positions_of_each_party(river, actor: str, stance: Stance) -> None:  # type: ignore[no-untyped-def]
    held = {(p.actor, p.stance) for p in river.positions}
    assert (actor, stance) in held, sorted((a, s.value) for a, s in held)


def test_a_partys_undecided_statement_joins_its_denial(river) -> None:  # type: ignore[no-untyped-def]
    vale = [p for p in river.positions if p.actor == "Oren Vale"]
    assert [p.stance for p in vale] == [Stance.DENIES]
    assert any(e.text == GUILD_MORE for e in vale[0].evidence)


def test_ledger_folds_speakers_into_their_party(river) -> None:  # type: ignore[no-untyped-def]
    actors = [
        Actor(id="1", name="Oren Vale", kind=SpeakerType.ANONYMOUS, affiliation="River Guild"),
        Actor(id="2", name="Ida Renn", kind=SpeakerType.PERSON, affiliation="River Guild"),
        Actor(id="3", name="River Guild", kind=SpeakerType.ORGANIZATION),
        Actor(id="4", name="Ivo Hale", kind=SpeakerType.PERSON),
    ]
    (entry,) = dispute_ledger([river], (), actors)
    guild = next(p for p in entry.parties if p.actor == "River Guild")
    assert guild.stances == (Stance.DENIES,)
    assert set(guild.speakers) == {"Oren Vale", "Ida Renn"}
    assert entry.first_actor == "Ivo Hale"


@pytest.mark.parametrize(
    ("published", "expected"),
    [
        (datetime(2030, 4, 2, 0, 0, tzinfo=UTC), datetime(2030, 4, 2, 23, 59, 59, 999999, tzinfo=UTC)),
        (datetime(2030, 4, 2, 10, 30, tzinfo=UTC), datetime(2030, 4, 2, 10, 30, tzinfo=UTC)),
        (None, None),
    ],
)
def test_said_at_a_date_without_a_time_counts_at_the_days_end(
    published: datetime | None, expected: datetime | None
) -> None:
    text = "Mara Quist said the quay would reopen."
    article = _article("a_d", text, published=published)
    assert said_at(article, text, Span(start=16, end=len(text) - 1)) == expected


def test_records_show_a_statement_dated_to_its_day_as_that_day() -> None:
    """The end-of-day instant that orders an untimed statement after timed reports of its day is an
    ordering device: records and the brief show the day."""
    text = "Mara Quist said the quay would reopen."
    article = _article("a_d", text, published=datetime(2030, 4, 2, 0, 0, tzinfo=UTC))
    when = said_at(article, text, Span(start=16, end=len(text) - 1))
    assert said_iso(when) == "2030-04-02"
    assert said_iso(datetime(2030, 4, 2, 10, 30, tzinfo=UTC)) == "2030-04-02T10:30:00+00:00"
    assert said_iso(None) is None


def test_positions_ordered_by_first_said_across_time_zones() -> None:
    """A report at 08:30+01:00 (07:30 UTC) comes before one at 08:00 UTC, whatever the text says."""
    early = _article(
        "a_z", f"Mayor Ivo Hale said {MAYOR}.", published=datetime(2030, 4, 2, 8, 30, tzinfo=UTC).astimezone()
    )
    early = early.replace(published=datetime.fromisoformat("2030-04-02T08:30:00+01:00"))
    late = _article("a_b", f"Oren Vale said {DENIAL}.", published=datetime(2030, 4, 2, 8, 0, tzinfo=UTC))
    story = Story(id="s_tz", title="tz", article_ids=("a_z", "a_b"))
    quotes = [sc.quote_in(early, MAYOR, "Ivo Hale"), sc.quote_in(late, DENIAL, "Oren Vale")]
    (prop,) = build_disputes(story, [late, early], quotes, [], use_stance_model=False)
    assert [p.actor for p in prop.positions] == ["Ivo Hale", "Oren Vale"]


@pytest.mark.parametrize(
    ("text", "answering"),
    [
        ("it was not, as the mayor claimed, every toll", True),
        ("it was not, as Hale said, every toll", True),
        ("as I said, the toll stays", False),
        ("as we said before, the toll stays", False),
        ("the toll stays as it is today", False),
    ],
)
def test_answers_another_reads_as_x_claimed(text: str, answering: bool) -> None:
    from storyline.claims.grouping import answers_another

    assert answers_another(_statement(text)) is answering


@pytest.mark.parametrize(
    ("content", "kept"),
    [
        ("it seems that the officials are", False),  # cut off mid-clause
        ("we asked for the surcharges added in 2021, and", False),
        ("the toll stays as it is today", True),
        ("they wanted every levy gone, and we couldn't do that", True),  # "that" as an object
        ("nobody argued about that", True),
        ("no government in the republic could sign that", True),
        ("the trouble is that", False),
        ("the harbour master said that", False),  # a complementizer with nothing after it
        ("the quay reopens on Monday.", True),
    ],
)
def test_quotes_cut_off_mid_clause_are_no_statements(content: str, kept: bool) -> None:
    article = _article("a_f", f"Oren Vale said {content} and left.")
    statements = statements_from_quotes([article], [sc.quote_in(article, content, "Oren Vale")])
    assert bool(statements) is kept


@pytest.mark.parametrize(
    ("text", "scope"),
    [
        ("they sought relief on everything from grain to salt", Scope.NONE),  # a list of examples
        ("they sought relief on everything", Scope.ALL),
    ],
)
def test_everything_from_lists_examples(text: str, scope: Scope) -> None:
    facts = read_facts(text)
    assert scope_near(facts, frozenset(facts.stems))[0] is scope


def test_statements_sharing_only_a_magnitude_and_a_currency_are_not_one_proposition() -> None:
    """Statements about "412 million veldor" and "3 million veldor" measure different things; the two copies of the
    412 million stay together."""
    from storyline.claims.grouping import group_statements

    yield_ = _statement("the levies brought in 412 million veldor in 2024", "Port Authority")
    again = _statement("the levies brought in 412 million veldor last year", "Oren Vale")
    delays = _statement("the delays are costing its members about 3 million veldor a week", "Grain Union")
    groups = group_statements([yield_, again, delays], [])
    by_actor = sorted(sorted(s.claim.actor for s in g) for g in groups)
    assert by_actor == [["Grain Union"], ["Oren Vale", "Port Authority"]]


@pytest.mark.parametrize(
    ("anchor", "other", "reversed_"),
    [
        # opposite things said of different subjects: no reversal
        ("The firing was politically motivated", "This investigation is not politically motivated", False),
        # the same subject, named by its people's adjective: a reversal
        ("The Mariscan delegation had asked for the levy to go", "Marisca had not asked for the levy to go", True),
        # a pronoun subject: the comparison cannot tell, so it reads the negation
        ("The firing was politically motivated", "It was not politically motivated", True),
    ],
)
def test_a_negation_of_another_subject_is_no_denial(anchor: str, other: str, reversed_: bool) -> None:
    from storyline.claims.conflicts import compare
    from storyline.claims.positions import stance_of
    from storyline.model import ConflictKind, Evidence

    a, b = _statement(anchor, "Mara Quist"), _statement(other, "Oren Vale")
    ea = Evidence(article_id="a_x", text=anchor, span=Span(start=0, end=1))
    eb = Evidence(article_id="a_x", text=other, span=Span(start=0, end=1))
    polarity = [c for c in compare(ea, a.facts, eb, b.facts) if c.kind is ConflictKind.POLARITY]
    assert bool(polarity) is reversed_
    # nor does the stance model's reading of "not" make it one
    stance, _ = stance_of(b, a, asserted_before=False, predicted=("against", 0.99))
    assert (stance is Stance.DENIES) is reversed_


def test_a_spokesman_narrowing_the_principals_claim_qualifies_it() -> None:
    """'Hale's spokesman, Oren Vale' speaks for Hale: his narrower version of what Hale asserted
    qualifies it (as Hale narrowing it would), where anyone else's would deny it."""
    mayor = _article("a_m", f"Mayor Ivo Hale said {MAYOR}.", published=datetime(2030, 4, 2, 9, tzinfo=UTC))
    spoke = f"Hale's spokesman, Oren Vale, said the mayor stood by his account. He said {DENIAL}."
    spokesman = _article("a_s", spoke, published=datetime(2030, 4, 3, 9, tzinfo=UTC))
    guild = _article("a_g", f"Guild chair Mara Quist said {DENIAL}.", published=datetime(2030, 4, 3, 10, tzinfo=UTC))
    story = Story(id="s_sp", title="sp", article_ids=("a_m", "a_s", "a_g"))
    vale = sc.quote_in(spokesman, DENIAL, "Oren Vale").replace(speaker="He")
    intro = sc.quote_in(spokesman, "the mayor stood by his account", "Oren Vale")
    intro = intro.replace(speaker="Hale's spokesman, Oren Vale")
    quotes = [sc.quote_in(mayor, MAYOR, "Ivo Hale"), intro, vale, sc.quote_in(guild, DENIAL, "Mara Quist")]
    props = build_disputes(story, [mayor, spokesman, guild], quotes, [], use_stance_model=False)
    stances = {p.actor: p.stance for prop in props for p in prop.positions if DENIAL in p.evidence[0].text}
    assert stances == {"Oren Vale": Stance.QUALIFIES, "Mara Quist": Stance.DENIES}


@pytest.mark.parametrize(
    ("a", "b", "reason"),
    [
        ("the levy raised 1.33 billion veldor", "the levy raised 1.5 billion veldor", "1,330,000,000 vs 1,500,000,000"),
        (
            "the surcharges brought in 412 million veldor a year",
            "the surcharges bring in well over half a billion veldor a year",
            "412,000,000 vs 500,000,000",
        ),
    ],
)
def test_numbers_keep_their_decimals_and_halves(a: str, b: str, reason: str) -> None:
    """'1.33 billion' is one number (it was read as 1 and 33 billion); 'half a billion' is 500 million."""
    from storyline.claims.conflicts import compare
    from storyline.model import ConflictKind, Evidence

    ea, eb = (Evidence(article_id="a_x", text=t, span=Span(start=0, end=1)) for t in (a, b))
    (conflict,) = [c for c in compare(ea, read_facts(a), eb, read_facts(b)) if c.kind is ConflictKind.NUMBER]
    assert reason in conflict.reason


def _party_dispute(  # type: ignore[no-untyped-def]
    second_country: str | None, roe_says: str = DENIAL, roe_country: str = "Ostria"
):
    """The mayor of Ostria asserts, a minister of the guild's country (or of Ostria itself) denies,
    then Sten Roe (by default Ostria's trade minister, saying what the guild said) speaks."""
    mayor = _article("a_m", f"Mayor Ivo Hale said {MAYOR}.", published=datetime(2030, 4, 2, 9, tzinfo=UTC))
    guild = _article("a_g", f"Minister Mara Quist said {DENIAL}.", published=datetime(2030, 4, 3, 9, tzinfo=UTC))
    later = _article("a_t", f"Minister Sten Roe said {roe_says}.", published=datetime(2030, 4, 9, 9, tzinfo=UTC))
    story = Story(id="s_pt", title="pt", article_ids=("a_m", "a_g", "a_t"))
    quotes = [sc.quote_in(mayor, MAYOR, "Ivo Hale"), sc.quote_in(guild, DENIAL, "Mara Quist")]
    quotes.append(sc.quote_in(later, roe_says, "Sten Roe"))
    actors = [
        Actor(id="x1", name="Ivo Hale", affiliation="Ostria"),
        Actor(id="x2", name="Mara Quist", affiliation=second_country),
        Actor(id="x3", name="Sten Roe", affiliation=roe_country),
        Actor(id="x4", name="Ostrian officials", kind=SpeakerType.GROUP, affiliation="Ostria"),
        Actor(id="x5", name="Calvene", kind=SpeakerType.ORGANIZATION),
    ]
    props = build_disputes(story, [mayor, guild, later], quotes, [], use_stance_model=False, actors=actors)
    return {p.actor: p.stance for prop in props for p in prop.positions}, props, actors


def test_a_member_of_the_asserting_party_saying_otherwise_concedes() -> None:
    """Between two countries, a minister of the country whose leader asserted the claim who later
    says what the other side said concedes it (the corpus README's Okafor), and the ledger lists it
    among the later concessions of that country."""
    stances, props, actors = _party_dispute("Calvene")
    assert stances == {"Ivo Hale": Stance.ASSERTS, "Mara Quist": Stance.DENIES, "Sten Roe": Stance.CONCEDES}
    (entry,) = dispute_ledger(props, [], actors)
    ostria = next(p for p in entry.parties if p.actor == "Ostria")
    assert ostria.stances == (Stance.ASSERTS, Stance.CONCEDES)
    assert [p.actor for p in entry.concessions] == ["Sten Roe"]


def test_inside_one_country_its_politicians_are_not_one_side() -> None:
    """With no second party in the dispute, a compatriot who contradicts the mayor denies."""
    stances, _, _ = _party_dispute(None)
    assert stances["Sten Roe"] is Stance.DENIES


def test_statements_that_share_only_whom_they_name_are_not_one_proposition() -> None:
    """'President Ilario Fane' or 'the prime minister' in two statements makes them about one
    person, not one claim (the demo grouped Hollis's promise to call Fane with Dunn's 'Fane would
    reflect'); what they say of him still joins two accounts of one promise."""
    from storyline.claims.grouping import group_statements

    call = _statement("she would pick up the phone to President Ilario Fane within the week", "Annika Hollis")
    again = _statement("she would call President Ilario Fane within the week", "Tomas Berg")
    reflect = _statement("President Ilario Fane would reflect on what happened here", "Mirela Dunn")
    stood = _statement("the prime minister stood by her account", "Mats Lindahl")
    cheap = _statement("the prime minister had been right not to sell the strait cheaply", "Gerda Amsel")
    groups = group_statements([call, again, reflect, stood, cheap], [])
    by_actor = sorted(sorted(s.claim.actor for s in g) for g in groups)
    assert by_actor == [["Annika Hollis", "Tomas Berg"], ["Gerda Amsel"], ["Mats Lindahl"], ["Mirela Dunn"]]


def test_another_figure_for_the_same_measure_is_a_quantity_dispute() -> None:
    """'well over half a billion veldor' for what the surcharges bring in joins the Authority's 412
    million (the corpus README's quantity conflict) and denies it, with both figures in the reason;
    'about 400 million' is the same figure rounded, and what delays cost a week is another measure."""
    from storyline.claims.grouping import group_statements
    from storyline.claims.positions import stance_by_rules

    authority = _statement("the surcharges brought in 412 million veldor in 2024", "Maritime Authority")
    rounded = _statement("the surcharges together raise about 400 million veldor a year", "Ivo Hale")
    official = _statement(
        "suspending the surcharges would cost the treasury well over half a billion veldor", "Oren Vale"
    )
    delays = _statement("the delays are costing its members about 3 million veldor a week", "Grain Union")
    groups = group_statements([authority, rounded, official, delays], [])
    by_actor = sorted(sorted(s.claim.actor for s in g) for g in groups)
    assert ["Ivo Hale", "Maritime Authority", "Oren Vale"] in by_actor
    stance, reason = stance_by_rules(official, authority, False) or (None, "")
    assert stance is Stance.DENIES and "500,000,000 veldor, not 412,000,000" in reason
    assert stance_by_rules(rounded, authority, False) is None


def test_an_undecided_statement_of_a_denying_country_is_its_account() -> None:
    """What nothing decides, said by a member of a country another member of which denies the
    claim, is that country's account (seed 003's Choe Son Hui, 'a senior North Korean diplomat',
    beside North Korea's denial), as a spokesperson's is their principal's."""
    account = "the guild wanted the grain toll on the river paused for a year"
    stances, _, _ = _party_dispute("Calvene", roe_says=account, roe_country="Calvene")
    assert stances == {"Ivo Hale": Stance.ASSERTS, "Mara Quist": Stance.DENIES, "Sten Roe": Stance.DENIES}
