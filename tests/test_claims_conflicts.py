from datetime import date

import pytest

from storyline.claims.conflicts import Scope, compare, read_facts, scope_near
from storyline.model import ConflictKind, Evidence, Span

REF = date(2019, 3, 26)


def _ev(text: str) -> Evidence:
    return Evidence(article_id="a", text=text, span=Span(start=0, end=len(text)))


def _kinds(a: str, b: str) -> list[ConflictKind]:
    return [c.kind for c in compare(_ev(a), read_facts(a, REF), _ev(b), read_facts(b, REF))]


@pytest.mark.parametrize(
    ("a", "b", "kind"),
    [
        # scope: all vs partial / only / not all / a large part
        (
            "They wanted all the tariffs removed.",
            "They asked only for partial removal of tariffs.",
            ConflictKind.SCOPE,
        ),
        (
            "They wanted the tariffs removed in their entirety.",
            "They wanted just some of the tariffs removed.",
            ConflictKind.SCOPE,
        ),
        (
            "The union wanted every clause dropped.",
            "The union wanted only two clauses dropped.",
            ConflictKind.SCOPE,
        ),
        (
            "They wanted all the tariffs removed.",
            "It was not all of the tariffs that they wanted removed.",
            ConflictKind.SCOPE,
        ),
        (
            "They wanted all the tariffs removed.",
            "They wanted a large share of the tariffs removed.",
            ConflictKind.SCOPE,
        ),
        # polarity
        ("The ship sank near the coast.", "The ship did not sink near the coast.", ConflictKind.POLARITY),
        ("The mayor signed the order.", "The mayor never signed the order.", ConflictKind.POLARITY),
        ("The mayor signed the order.", "The mayor did not sign the order, his aides said.", ConflictKind.POLARITY),
        # numbers
        ("The company sold 19 million watches.", "The company sold 15 million watches.", ConflictKind.NUMBER),
        (
            "Police said 40 people were hurt in the blast.",
            "Police said 25 people were hurt in the blast.",
            ConflictKind.NUMBER,
        ),
        # dates
        (
            "The minister resigned on March 3 after the vote.",
            "The minister resigned on March 5 after the vote.",
            ConflictKind.DATE,
        ),
        # entities
        (
            "Bolton created the obstacle at the talks.",
            "Pompeo created the obstacle at the talks.",
            ConflictKind.ENTITY,
        ),
    ],
)
def test_compare_types_conflict(a: str, b: str, kind: ConflictKind) -> None:
    kinds = _kinds(a, b)
    assert kind in kinds, (a, b, kinds)
    assert _kinds(b, a), "conflicts are found in either order"


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("They wanted all the tariffs removed.", "They wanted every one of the tariffs removed."),
        ("They asked only for partial removal of tariffs.", "They wanted just some of the tariffs removed."),
        ("The ship sank near the coast.", "The ship sank near the coast on Monday."),
        ("The company sold 19 million watches.", "The company sold 19 million watches last year."),
        ("Not only did the ship sink, it burned.", "The ship sank and burned."),
        ("The ship sank near the coast.", "The election results arrive tomorrow."),  # nothing shared
        # a question's "not" asserts no negation
        ("The mayor should sign the order.", "Why can't the mayor sign his own order?"),
        # "it is the plan of A, it is not the plan of B": what it denies B it gave A
        (
            "The mayor backed the plan of the council.",
            "It is the plan of the council, it is not the plan of the mayor.",
        ),
        # a quantifier far from the shared words does not set the scope
        (
            "They asked only for partial tariff relief, and would end all tests.",
            "They asked for partial tariff relief.",
        ),
    ],
)
def test_compare_finds_no_conflict(a: str, b: str) -> None:
    assert _kinds(a, b) == []


def test_conflict_reason_names_both_sides() -> None:
    a, b = "They wanted all the tariffs removed.", "They asked only for partial removal of tariffs."
    conflict = compare(_ev(a), read_facts(a), _ev(b), read_facts(b))[0]
    assert "all" in conflict.reason and "only" in conflict.reason
    assert conflict.a.text == a and conflict.b.text == b


def test_a_polarity_conflict_names_the_words_as_written() -> None:
    """BASIL's brief read "negates what the other states about _demand, because, mr": the folded
    stems the comparison works on ("_demand" for "demanded") were shown to the reader."""
    a, b = "Cohen demanded that the deal go ahead.", "Cohen never demanded that the deal go ahead."
    (conflict,) = compare(_ev(a), read_facts(a), _ev(b), read_facts(b))
    assert conflict.kind is ConflictKind.POLARITY
    assert "demanded" in conflict.reason and "_" not in conflict.reason


@pytest.mark.parametrize(
    ("text", "scope"),
    [
        ("they wanted the tariffs removed in their entirety", Scope.ALL),
        ("it wasn't all the tariffs", Scope.NOT_ALL),
        ("they sought partial tariff relief", Scope.PARTIAL),
        ("the tariffs were only the recent ones", Scope.ONLY),
        ("a big package of tariff relief", Scope.MAGNITUDE),
        ("they talked about tariffs", Scope.NONE),
        ("they wanted any tariff removed", Scope.ALL),
        ("no more than four tariff boats in the strait at any one time", Scope.NONE),  # an idiom
        ("the tariff would not be raised in any case", Scope.NONE),
        ("asking for all nine tariff lines in one go", Scope.NONE),  # a count: its number can conflict
        ("the tariff is reviewed every two years", Scope.NONE),  # a frequency
        ("they wanted every one of the tariff lines removed", Scope.ALL),
        ("they wanted all the tariff lines removed", Scope.ALL),
    ],
)
def test_scope_near_reads_quantifier(text: str, scope: Scope) -> None:
    facts = read_facts(text)
    assert scope_near(facts, frozenset({"tariff"}))[0] is scope
