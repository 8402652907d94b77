"""Independent origins of a set of articles, from provenance edges.

A republication, digest or rewrite of an origin does not add an origin. The grouping itself lives
in :mod:`storyline.provenance.origins`; this module re-exports it for the claims layer and adds the
count the dispute ledger needs.
"""

from __future__ import annotations

from collections.abc import Sequence

from storyline.model import ProvenanceEdge
from storyline.provenance.origins import OriginGroup, independent_origins

__all__ = ["OriginCounter", "OriginGroup", "count_origins", "independent_origins"]


def count_origins(article_ids: Sequence[str], edges: Sequence[ProvenanceEdge]) -> int:
    return len(independent_origins(article_ids, edges)) if article_ids else 0


class OriginCounter:
    """:func:`count_origins` for many subsets of one story's articles: the grouping is computed
    once (a subset's groups are the story's groups restricted to it), so counting is linear in the
    subset instead of in the edges."""

    def __init__(self, article_ids: Sequence[str], edges: Sequence[ProvenanceEdge]) -> None:
        self._edges = edges
        self._origin = {a: g.origin for g in independent_origins(article_ids, edges) for a in g.members}

    def count(self, article_ids: Sequence[str]) -> int:
        if any(a not in self._origin for a in article_ids):  # not one of the story's articles
            return count_origins(article_ids, self._edges)
        return len({self._origin[a] for a in article_ids})
