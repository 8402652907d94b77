import pytest

from storyline.claims.origins import count_origins, independent_origins
from storyline.model import ProvenanceEdge, Relation


def _edge(
    derived: str, relation: Relation, origin_id: str | None = None, label: str | None = None
) -> ProvenanceEdge:
    return ProvenanceEdge(
        derived_id=derived,
        relation=relation,
        score=0.9,
        reason="test",
        origin_id=origin_id,
        origin_label=label,
    )


@pytest.mark.parametrize(
    ("ids", "edges", "expected"),
    [
        (["a", "b", "c"], [], 3),
        # a republication and a digest of the same in-corpus origin add nothing
        (["o", "r", "d"], [_edge("r", Relation.REPUBLICATION, "o"), _edge("d", Relation.DIGEST, "o")], 1),
        # two copies of one external wire story (origin_id None, same label, any case) are one origin
        (
            ["r", "d", "x"],
            [_edge("r", Relation.REPUBLICATION, label="AP"), _edge("d", Relation.DIGEST, label="ap")],
            2,
        ),
        # different external labels stay apart
        (
            ["r", "d"],
            [_edge("r", Relation.REPUBLICATION, label="AP"), _edge("d", Relation.DIGEST, label="Reuters")],
            2,
        ),
        # chains collapse: d digests r which republishes o
        (["o", "r", "d"], [_edge("r", Relation.REPUBLICATION, "o"), _edge("d", Relation.DIGEST, "r")], 1),
        # an in-corpus origin credited as AP meets an uncollected AP copy
        (
            ["o", "r", "x"],
            [_edge("o", Relation.REPUBLICATION, label="AP"), _edge("r", Relation.REWRITE, label="AP")],
            2,
        ),
        # edges about other articles do not matter
        (["a", "b"], [_edge("z", Relation.REPUBLICATION, "y")], 2),
        ([], [], 0),
    ],
)
def test_count_origins_collapses_copies(ids: list[str], edges: list[ProvenanceEdge], expected: int) -> None:
    assert count_origins(ids, edges) == expected


def test_independent_origins_members_and_label() -> None:
    groups = independent_origins(
        ["r", "d", "x"],
        [_edge("r", Relation.REPUBLICATION, label="AP"), _edge("d", Relation.DIGEST, label="ap")],
    )
    by_origin = {g.origin: g for g in groups}
    assert set(by_origin["external:AP"].members) == {"r", "d"}
    assert by_origin["external:AP"].label == "AP"
    assert by_origin["x"].members == ("x",)
