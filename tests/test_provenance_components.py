"""Candidate index, credits, normalization and independent-origin grouping."""

from __future__ import annotations

import pytest

from provenance_texts import INDEPENDENT, ORIGIN, article, digest_of, republication_of, stripped
from storyline.model import ProvenanceEdge, Relation
from storyline.provenance import MinHashCandidateIndex, OriginGroup, independent_origins
from storyline.provenance.credits import find_credits
from storyline.provenance.normalize import normalize_text


def test_normalize_text_maps_tokens_back_to_the_text() -> None:
    text = "North Korea’s “U.S.-led” talks, Café"
    norm = normalize_text(text)
    assert norm.tokens == ("north", "korea", "s", "u", "s", "led", "talks", "cafe")
    assert [text[s:e] for s, e in zip(norm.starts, norm.ends, strict=True)][-1] == "Café"
    assert normalize_text(stripped(text)).tokens == norm.tokens


def test_candidate_index_finds_partial_copies_by_containment() -> None:
    index = MinHashCandidateIndex()
    index.add("o", ORIGIN)
    index.add("i", INDEPENDENT)
    rep = dict(index.query(stripped(republication_of(ORIGIN))))
    assert rep.get("o", 0) > 0.6 and "i" not in rep
    dig = dict(index.query(digest_of(ORIGIN, "Harbour News")))
    assert dig.get("o", 0) > 0.2
    assert all(c < 0.2 for _, c in index.query(ORIGIN, exclude="o"))  # the independent report shares little


def test_candidate_index_round_trips_through_bytes() -> None:
    index = MinHashCandidateIndex(scale=4)
    index.add("o", ORIGIN)
    index.add_many([("i", INDEPENDENT), ("d", digest_of(ORIGIN, "X"))])
    index.remove("i")
    query = republication_of(ORIGIN)
    before = index.query(query)
    again = MinHashCandidateIndex.from_bytes(index.to_bytes())
    assert again.query(query) == before
    assert len(again) == 2 and "i" not in again and again.scale == 4
    with pytest.raises(ValueError):
        MinHashCandidateIndex.from_bytes(_not_an_index())


def _not_an_index() -> bytes:
    import io

    import numpy as np

    buf = io.BytesIO()
    np.savez(buf, params=np.frombuffer(b'{"format": "other"}', dtype=np.uint8))
    return buf.getvalue()


CREDIT_CASES = [
    ("WASHINGTON (AP) — The bridge closed.", False, [("AP", "dateline")]),
    ("ap tration should go washington ap the bridge closed today", True, [("AP", "dateline")]),
    ("The bridge closed, the Associated Press reports.", False, [("AP", "attribution")]),
    ('"It is unsafe," the mayor said, according to Reuters.', False, [("Reuters", "attribution")]),
    ("The bridge closed. " * 30 + "Smith is the AP's harbour correspondent.", False, [("AP", "tagline")]),
    ("AP Photo/Jane Doe. The bridge closed.", False, []),
    ("The gap was narrow. The bridge closed after a long debate.", False, []),
]


@pytest.mark.parametrize("text,normalized,expected", CREDIT_CASES)
def test_find_credits_kinds(text: str, normalized: bool, expected: list[tuple[str, str]]) -> None:
    credits = find_credits(article("x", text, normalized=normalized))
    assert [(c.label, c.kind) for c in credits] == expected
    for c in credits:
        assert c.span is not None and c.span.slice(text) == c.text


def _edge(derived: str, origin: str | None, label: str | None = None) -> ProvenanceEdge:
    return ProvenanceEdge(
        derived_id=derived,
        relation=Relation.REPUBLICATION,
        score=1.0,
        reason="r",
        origin_id=origin,
        origin_label=label,
    )


ORIGIN_CASES = [
    ("no edges", ["a", "b"], [], [("a", ("a",)), ("b", ("b",))]),
    ("copy collapses onto origin", ["a", "b"], [_edge("b", "a")], [("a", ("a", "b"))]),
    ("chain", ["a", "b", "c"], [_edge("b", "a"), _edge("c", "b")], [("a", ("a", "b", "c"))]),
    (
        "two copies of one external wire",
        ["x", "y", "z"],
        [_edge("x", None, "AP"), _edge("y", None, "AP")],
        [("external:AP", ("x", "y")), ("z", ("z",))],
    ),
    ("origin outside the set", ["b", "c"], [_edge("b", "a"), _edge("c", "a")], [("a", ("b", "c"))]),
    ("edges of other articles ignored", ["a"], [_edge("q", "r")], [("a", ("a",))]),
]


@pytest.mark.parametrize("name,ids,edges,expected", ORIGIN_CASES, ids=[c[0] for c in ORIGIN_CASES])
def test_independent_origins_groups(name, ids, edges, expected) -> None:
    groups = independent_origins(ids, edges)
    assert [(g.origin, g.members) for g in groups] == expected
    assert all(isinstance(g, OriginGroup) for g in groups)
