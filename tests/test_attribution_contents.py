"""What a statement's content is when the sentence is not the plain 'X said that Y': a relative
pronoun as what was said, a byline's place."""

from __future__ import annotations

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
