"""Independent origins of a set of articles, from provenance edges.

A republication, digest or rewrite of an origin does not add an origin. The grouping itself lives
in :mod:`storyline.provenance.origins`; this module re-exports it for the claims layer and adds the
count the dispute ledger needs.
"""

from __future__ import annotations

from collections.abc import Sequence

from storyline.model import ProvenanceEdge
from storyline.provenance.origins import OriginGroup, independent_origins

__all__ = ["OriginGroup", "count_origins", "independent_origins"]


def count_origins(article_ids: Sequence[str], edges: Sequence[ProvenanceEdge]) -> int:
    return len(independent_origins(article_ids, edges)) if article_ids else 0
