"""Grouping's last step for pairs: a two-statement cluster joins the cluster both are linked to."""

from __future__ import annotations

import numpy as np

from storyline.claims.grouping import LINK_THRESHOLD, StatementGraph, _attach_pairs


def _graph(pairs: list[tuple[int, int, float]]) -> StatementGraph:
    i, j, s = zip(*pairs, strict=True)
    return StatementGraph(
        i=np.array(i), j=np.array(j), similarity=np.array(s), candidates=len(pairs), context=np.zeros(len(pairs), bool)
    )


def test_a_pair_both_linked_into_a_cluster_joins_it() -> None:
    # 0-2: the main claim's cluster; 3-4: a concession and a diplomat's account that found each other
    labels = [0, 0, 0, 3, 3]
    graph = _graph([(0, 1, 0.5), (1, 2, 0.4), (3, 4, 0.28), (3, 0, 0.34), (4, 1, 0.21), (4, 2, 0.15)])
    assert _attach_pairs(graph, labels, LINK_THRESHOLD) == [0, 0, 0, 0, 0]


def test_a_pair_stays_when_one_member_has_no_link_there_or_the_links_are_weak() -> None:
    labels = [0, 0, 0, 3, 3]
    only_one = _graph([(0, 1, 0.5), (1, 2, 0.4), (3, 4, 0.28), (3, 0, 0.34)])
    assert _attach_pairs(only_one, labels, LINK_THRESHOLD) == labels
    weak = _graph([(0, 1, 0.5), (1, 2, 0.4), (3, 4, 0.28), (3, 0, 0.2), (4, 1, 0.15)])
    assert _attach_pairs(weak, labels, LINK_THRESHOLD) == labels
    # two pairs never merge with each other this way: the target must be larger
    pairs = _graph([(0, 1, 0.5), (2, 3, 0.5), (0, 2, 0.4), (1, 3, 0.4)])
    assert _attach_pairs(pairs, [0, 0, 2, 2], LINK_THRESHOLD) == [0, 0, 2, 2]
