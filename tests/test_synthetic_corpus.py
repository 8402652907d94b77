"""The generated corpus: seeded, varied (events of different sizes, roles, wording), readable."""

from __future__ import annotations

import json
import re
from collections import Counter

import pytest

from storyline.synthetic import generate_articles, generate_corpus

ROLES = {"wire", "republication", "scraped-republication", "digest", "independent"}


@pytest.fixture(scope="module")
def articles() -> list:  # type: ignore[type-arg]
    return list(generate_articles(1500, seed=7, words=200))


def _shingles(text: str, n: int = 5) -> set[tuple[str, ...]]:
    words = re.findall(r"[a-z0-9]+", text.lower())
    return {tuple(words[i : i + n]) for i in range(len(words) - n + 1)}


@pytest.mark.parametrize("kind", ["text", "jsonl", "html"])
def test_generate_corpus_is_the_same_for_the_same_seed(kind: str) -> None:
    first = [(d.name, d.content) for d in generate_corpus(40, 3, kind, words=120, per_file=15)]
    again = [(d.name, d.content) for d in generate_corpus(40, 3, kind, words=120, per_file=15)]
    other = [(d.name, d.content) for d in generate_corpus(40, 4, kind, words=120, per_file=15)]
    assert first == again
    assert first != other


def test_generate_corpus_counts_articles_and_rejects_unknown_kinds() -> None:
    docs = list(generate_corpus(35, 1, "jsonl", words=60, per_file=10))
    records = [json.loads(line) for d in docs for line in d.content.decode().splitlines()]
    assert len(records) == 35 and len({r["url"] for r in records}) == 35
    assert len(list(generate_corpus(35, 1, "text", words=60))) == 35
    with pytest.raises(ValueError, match="unknown corpus kind"):
        list(generate_corpus(3, 1, "pdf"))


def test_generate_articles_gives_stories_of_varied_size(articles: list) -> None:  # type: ignore[type-arg]
    sizes = Counter(a.story for a in articles)
    assert 200 < len(sizes) < 1000  # many events, not one
    assert max(sizes.values()) <= 60
    assert sum(1 for s in sizes.values() if s == 1) > len(sizes) / 3  # many single reports
    assert max(sizes.values()) >= 20  # and a long tail of big stories


def test_generate_articles_has_every_role_with_its_origin(articles: list) -> None:  # type: ignore[type-arg]
    by_index = {a.index: a for a in articles}
    assert {a.role for a in articles} == ROLES
    for a in articles:
        if a.role in ("republication", "scraped-republication", "digest"):
            origin = by_index[a.origin]
            assert origin.role == "wire" and origin.story == a.story and origin.published <= a.published
        else:
            assert a.origin is None


def test_generate_articles_credits_and_strips_as_described(articles: list) -> None:  # type: ignore[type-arg]
    by_index = {a.index: a for a in articles}
    for a in articles:
        text = a.as_text()
        if a.role == "scraped-republication":
            assert text == text.lower() and not re.search(r"[.,;:\"]", text)
        if a.role == "digest":
            assert by_index[a.origin].outlet in text  # "X reports" / "according to X"
        if a.role in ("independent", "wire"):
            assert re.search(r'"[^"]+," \w|: "', text), "a direct quote with its speaker"


def test_generate_articles_keeps_events_apart_in_wording(articles: list) -> None:  # type: ignore[type-arg]
    wires = [a for a in articles if a.role == "wire"][:60]
    shingles = [_shingles(a.as_text()) for a in wires]
    for i in range(len(wires)):
        for j in range(i + 1, len(wires)):
            if wires[i].story != wires[j].story:
                shared = len(shingles[i] & shingles[j]) / max(1, min(len(shingles[i]), len(shingles[j])))
                assert shared < 0.1, (wires[i].index, wires[j].index)


def test_generate_articles_emits_in_publication_order_per_window(articles: list) -> None:  # type: ignore[type-arg]
    assert [a.index for a in articles] == list(range(len(articles)))
    days = [a.published for a in articles]
    late = sum(1 for x, y in zip(days, days[1:], strict=False) if y < x)
    assert late < len(articles) / 50  # only at window boundaries
