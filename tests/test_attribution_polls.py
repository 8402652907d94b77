"""Polls and surveys as sources: "In a CBS poll, most voters backed ..." and a poll named after its
verb ("fell to 10 percent in the latest CNN poll") attribute the clause to the poll (cue "in"); not
the polls at large ("slid in the polls"), a poll on a noun ("a lead in the poll") nor a phrase that
names no document ("In the morning, ...")."""

from __future__ import annotations

import pytest

from storyline.attribution import extract_quotes
from storyline.model import CueClass
from test_attribution_quotes import article

IN_DOCUMENT_CASES = [
    pytest.param(
        "In a new county poll released Monday, most voters backed the transit plan.",
        True,
        "poll",
        "most voters backed the transit plan",
        id="fronted-poll-is-the-source",
    ),
    pytest.param(
        "In the latest statewide survey, the mayor leads her rival by six points.",
        True,
        "survey",
        "the mayor leads her rival",
        id="fronted-survey-is-the-source",
    ),
    pytest.param("The mayor slid in the polls after the debate.", False, "", "", id="the-polls-at-large-no-cue"),
    pytest.param(
        "Vask remains mired in fourth in most surveys.",
        True,
        "surveys",
        "Vask remains mired in fourth",
        id="named-surveys-after-the-verb",
    ),
    pytest.param(
        "Hollis fell to 10 percent in the latest Gazette poll released Wednesday, although Vask gained.",
        True,
        "poll",
        "Hollis fell to 10 percent",
        id="named-poll-after-the-verb-its-clause-only",
    ),
    pytest.param("She has a lead in the poll of likely voters.", False, "", "", id="on-a-noun-no-cue"),
    pytest.param("In the morning, the council voted on the budget.", False, "", "", id="not-a-document-no-cue"),
]


@pytest.mark.parametrize(("text", "expected", "source", "content"), IN_DOCUMENT_CASES)
def test_extract_quotes_in_a_poll_names_the_source(text: str, expected: bool, source: str, content: str) -> None:
    found = [q for q in extract_quotes(article(text)) if q.cue.lower() == "in"]
    assert bool(found) is expected, [(q.cue, q.speaker, q.content_text) for q in found]
    if expected:
        q = found[0]
        assert q.speaker_span is not None and source in text[q.speaker_span.start : q.speaker_span.end]
        assert content in q.content_text
        assert q.cue_class is CueClass.SOURCE


def test_a_named_poll_after_the_verb_reports_its_verb_s_clause_only() -> None:
    """'Hollis fell to 10 percent in the latest Gazette poll released Wednesday, although Vask
    gained': the poll reports that Hollis fell, not the clause joined after it nor itself."""
    text = "Hollis fell to 10 percent in the latest Gazette poll released Wednesday, although Vask gained."
    (q,) = [q for q in extract_quotes(article(text)) if q.cue == "in"]
    assert (q.speaker, q.content_text) == ("the latest Gazette poll released Wednesday", "Hollis fell to 10 percent")
