"""Actors resolved across the articles of a story (synthetic articles and quotes)."""

from __future__ import annotations

import pytest

from storyline.attribution import resolve_actors
from storyline.model import Article, Quote, QuoteKind, Span, SpeakerType

TEXTS = (
    "President Donald Trump met Kim Jong Un in Hanoi. North Korea wanted relief. Trump left early.",
    "Foreign Minister Jane Roe spoke for Pyongyang. The North said it was ready. Kim Jong Un stayed.",
    "The president spoke. An unidentified senior State Department official briefed reporters.",
)


def _article(i: int) -> Article:
    return Article(id=f"a{i}", version="v", source="t", raw=TEXTS[i], text=TEXTS[i])


def _quote(n: int, actor: str, kind: SpeakerType, article: int = 0) -> Quote:
    return Quote(
        id=f"q{n}",
        article_id=f"a{article}",
        speaker=actor,
        actor=actor,
        cue="said",
        kind=QuoteKind.INDIRECT,
        content=Span(start=0, end=5),
        content_text="xxxxx",
        speaker_type=kind,
    )


CASES = [
    pytest.param(
        ["Trump", "President Donald Trump", "the president"],
        SpeakerType.PERSON,
        "Donald Trump",
        id="title-surname-role",
    ),
    pytest.param(["Kim", "Kim Jong Un"], SpeakerType.PERSON, "Kim Jong Un", id="family-name-first"),
    pytest.param(["jane roh", "Jane Roe"], SpeakerType.PERSON, "Jane Roe", id="lowercased-variant-spelling"),
    pytest.param(
        ["North Korea", "Pyongyang", "the North"],
        SpeakerType.ORGANIZATION,
        "North Korea",
        id="country-capital-north",
    ),
    pytest.param(["the foreign minister", "Roe"], SpeakerType.PERSON, "Jane Roe", id="role-to-person"),
    pytest.param(
        ["an unidentified senior State Department official", "the State Department official"],
        SpeakerType.ANONYMOUS,
        "senior State Department official",
        id="anonymous-merged",
    ),
]


@pytest.mark.parametrize(("names", "kind", "canonical"), CASES)
def test_resolve_actors_merges_aliases(names: list[str], kind: SpeakerType, canonical: str) -> None:
    input_kind = SpeakerType.ORGANIZATION if kind is SpeakerType.ORGANIZATION else kind
    quotes = [
        _quote(i, name, input_kind if "the " not in name else kind, article=i % 3)
        for i, name in enumerate(names)
    ]
    out, actors = resolve_actors(quotes, [_article(i) for i in range(3)])
    assert {q.actor for q in out} == {canonical}
    actor = next(a for a in actors if a.name == canonical)
    assert actor.kind is kind
    for name in names:
        if name != canonical:
            assert name in actor.aliases


def test_resolve_actors_keeps_different_people_apart() -> None:
    quotes = [_quote(0, "Trump", SpeakerType.PERSON), _quote(1, "Kim", SpeakerType.PERSON)]
    out, actors = resolve_actors(quotes, [_article(i) for i in range(3)])
    assert [q.actor for q in out] == ["Donald Trump", "Kim Jong Un"]
    assert len(actors) == 2


def test_resolve_actors_anonymous_source_keeps_affiliation() -> None:
    quotes = [_quote(0, "an unidentified senior State Department official", SpeakerType.ANONYMOUS)]
    _, actors = resolve_actors(quotes, [_article(i) for i in range(3)])
    assert actors[0].affiliation == "State Department"


def test_resolve_actors_is_order_independent() -> None:
    quotes = [_quote(i, n, SpeakerType.PERSON) for i, n in enumerate(["Trump", "Kim", "the president"])]
    articles = [_article(i) for i in range(3)]
    a, actors_a = resolve_actors(quotes, articles)
    b, actors_b = resolve_actors(list(reversed(quotes)), list(reversed(articles)))
    assert {(q.id, q.actor) for q in a} == {(q.id, q.actor) for q in b}
    assert actors_a == actors_b
