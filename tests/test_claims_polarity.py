"""When a 'not' makes a statement deny a proposition, and when it does not. Invented sentences in
the shape of BASIL's false denials."""

from __future__ import annotations

import pytest

import claims_scenario as sc
from storyline.claims.conflicts import read_facts
from storyline.claims.positions import stance_by_rules, stance_of
from storyline.claims.propositions import statements_from_quotes
from storyline.model import Article, Stance


def _statement(text: str, actor: str):  # type: ignore[no-untyped-def]
    article = Article(
        id=f"a_{actor}", version="v", source="t", raw=f"{actor} said {text}.", text=f"{actor} said {text}."
    )
    return statements_from_quotes([article], [sc.quote_in(article, text, actor)])[0]


def test_a_curly_apostrophe_negates_like_a_straight_one() -> None:
    """'don’t' was read as 'don' and 't': no negation, in the many outlets that print curly quotes."""
    assert read_facts("the words don’t come out").tokens == read_facts("the words don't come out").tokens
    assert "not" in read_facts("I can’t and won’t").tokens


class _Against:
    def predict(self, claim: str, text: str) -> tuple[str, float]:
        return "against", 0.95


@pytest.mark.parametrize(
    ("anchor", "other", "other_actor", "denies"),
    [
        # another speaker's "not" on what the proposition says: a denial
        (
            "the guild wanted the river toll scrapped",
            "the guild never wanted the river toll scrapped",
            "Ida Renn",
            True,
        ),
        # the same speaker's "not" elaborates (BASIL: Nadler, "the president should insist ..." /
        # "I would not trust the president alone with Putin")
        (
            "the president should insist that other officials be present at the meeting",
            "I would not trust the president alone at the meeting",
            "Mara Quist",
            False,
        ),
        # the negated stretch shares one word of several: another matter
        (
            "the president should insist that other officials be present at the summit",
            "the summit matters, but I would not trust the president with the budget",
            "Ida Renn",
            False,
        ),
        # a "not" in a question embedded in the statement asserts nothing (seed 003: Trump
        # "outlined why he couldn't agree to the relief package")
        (
            "the guild wanted the river toll scrapped",
            "why the guild could not get the river toll scrapped",
            "Ida Renn",
            False,
        ),
    ],
)
def test_a_negation_denies_only_what_another_speaker_says(
    anchor: str, other: str, other_actor: str, denies: bool
) -> None:
    a, b = _statement(anchor, "Mara Quist"), _statement(other, other_actor)
    ruled = stance_by_rules(b, a, False)
    assert (ruled is not None and ruled[0] is Stance.DENIES) is denies


def test_the_stance_model_does_not_make_a_speaker_deny_himself() -> None:
    """The stance model reads negation words; a speaker's own later statement it read as
    'against' made him deny his own proposition (BASIL: Romney, 'I do not favor civil unions'
    against 'he opposes both same-sex marriage and civil unions')."""
    a = _statement("he opposes both same-sex marriage and civil unions", "Mitt Romney")
    b = _statement("I do not favor civil unions if they are identical to marriage", "Mitt Romney")
    assert stance_of(b, a, True, classifier=_Against())[0] is not Stance.DENIES
    c = _statement("the governor favors civil unions after all", "Ida Renn")
    assert stance_of(c, a, False, classifier=_Against())[0] is Stance.DENIES


def test_the_part_that_weighs_most_restates_all_as_a_large_part() -> None:
    """The demo's Linnea Okoro, 'the surcharges were the part of the schedule Veldora could least
    afford to give up', against 'the entire schedule of charges': how much that part weighs, which
    qualifies the claim (the corpus README) and belongs with it; 'only part of the schedule' denies."""
    from storyline.claims.grouping import group_statements

    anchor = _statement("the delegation insisted on tearing up the entire schedule of charges", "Annika Hollis")
    weighs = _statement(
        "the surcharges were the part of the schedule of charges Veldora could least afford to give up", "Linnea Okoro"
    )
    only = _statement("the delegation wanted only part of the schedule of charges", "Ida Renn")
    assert stance_by_rules(weighs, anchor, False)[0] is Stance.QUALIFIES  # type: ignore[index]
    assert stance_by_rules(only, anchor, False)[0] is Stance.DENIES  # type: ignore[index]
    assert len(group_statements([anchor, weighs], [])) == 1


def test_telling_apart_two_parts_of_what_all_covers_denies_it() -> None:
    """The demo's Western envoy: the Mariscans had 'always distinguished between the old levy and
    the 2021 surcharges' - two parts of what 'the whole levy schedule' takes as one (the corpus
    README counts the envoy among the backers of the narrower account; he 'asserted' Hollis's)."""
    from storyline.claims.positions import stance_against_maximal

    anchor = _statement("they wanted the whole levy schedule gone", "Annika Hollis")
    envoy = _statement(
        "the Mariscans had always distinguished between the old levy and the 2021 surcharges", "Western envoy"
    )
    stance, why = stance_against_maximal(envoy, [anchor], False) or (None, "")
    assert stance is Stance.DENIES and "old levy" in why
    other = _statement("the Mariscans had always distinguished between friends and rivals", "Western envoy")
    assert stance_against_maximal(other, [anchor], False) is None


@pytest.mark.parametrize(
    ("other", "stance"),
    [
        # "A, not B" with the maximal claim in B corrects it (the demo's distractor: Oyelaran)
        (
            "his delegation had asked to reverse the increase in lock fees, not to scrap tolls as a whole",
            Stance.DENIES,
        ),
        ("Calvene wanted some of the lock fees cut, not all of them", Stance.DENIES),
        # the whole claim, no correction: said like the proposition
        ("Calvene wanted every lock fee on the river scrapped", Stance.ASSERTS),
        # a "not" elsewhere is no correction of the maximal claim
        ("I don't want a summary of the lock fees, I want every lock fee on the river scrapped", Stance.ASSERTS),
    ],
)
def test_a_correction_of_the_maximal_claim_denies_it(other: str, stance: Stance) -> None:
    anchor = _statement("Calvene had demanded the abolition of every toll and lock fee on the river", "Hedda Vaur")
    got, _ = stance_of(_statement(other, "Rasmus Oyelaran"), anchor, False)
    assert got is stance
