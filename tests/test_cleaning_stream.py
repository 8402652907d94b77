"""Furniture inside one-line, punctuation-stripped text: the pieces of ``storyline.cleaning.stream``
tested on fixed sentences, independent of the restoration model's boundaries."""

from __future__ import annotations


def test_a_sidebar_headline_sharing_only_calendar_and_reporting_words_is_dropped() -> None:
    """Sharing "says", "March", "night" or "years" with the article is no sign that a sentence after
    a "top stories" heading belongs to it: every news story uses those words."""
    from storyline.cleaning.stream import _drop_sidebars

    sentences_text = [
        "the harbour minister says the levy talks broke down late at night on march 12",
        "the levy has funded the harbour pilots for years",
        "top stories council votes to sell historic lido to developer",
        "weather service says coldest march night in 40 years is on the way",
        "the harbour minister expects the levy talks to resume",
    ]
    norms: list[str] = []
    spans = []
    for s in sentences_text:
        words = s.split()
        spans.append((len(norms), len(norms) + len(words)))
        norms.extend(words)
    kept, removed = _drop_sidebars(norms, spans)
    assert [" ".join(norms[a:b]) for a, b in kept] == [sentences_text[0], sentences_text[1], sentences_text[4]]
    assert [r.reason for r in removed] == ["sidebar"]
