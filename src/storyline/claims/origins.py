"""Independent origins of a set of articles, from provenance edges.

A republication, digest or rewrite of an origin does not add an origin: every such edge joins the
derived article with its origin (an article in the corpus, or — when ``origin_id`` is None — an
external origin named by ``origin_label``, so two copies of the same uncollected AP story share one
origin). What is left are groups of articles, one per independent origin.

This is a small local implementation so the claims layer does not depend on the provenance package
being present; :func:`independent_origins` has the same signature and result shape as the one the
provenance package exposes and uses it when it is importable.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import msgspec

from storyline.model import ProvenanceEdge


class OriginGroup(msgspec.Struct, frozen=True):
    origin: str  # an article id, or "external:<label>" for an origin outside the corpus
    members: tuple[str, ...]  # the article ids (of those asked about) that descend from it
    reason: str = ""


def _external(label: str) -> str:
    return "external:" + " ".join(label.split()).lower()


def group_origins(article_ids: Sequence[str], edges: Iterable[ProvenanceEdge]) -> list[OriginGroup]:
    """Union-find over the provenance edges; one group per independent origin of ``article_ids``."""
    parent: dict[str, str] = {}

    def find(node: str) -> str:
        parent.setdefault(node, node)
        while parent[node] != node:
            parent[node] = parent[parent[node]]
            node = parent[node]
        return node

    def union(a: str, b: str) -> None:
        ra, rb = find(a), find(b)
        if ra == rb:
            return
        # the root is the origin: an external origin, else the article that others derive from
        if ra.startswith("external:") or rb in derived:
            parent[rb] = ra
        else:
            parent[ra] = rb

    edges = list(edges)
    derived = {e.derived_id for e in edges}
    for edge in edges:
        if edge.origin_id is not None:
            union(edge.origin_id, edge.derived_id)
            if edge.origin_label:  # an in-corpus origin credited as, say, AP is AP
                union(_external(edge.origin_label), edge.origin_id)
        elif edge.origin_label:
            union(_external(edge.origin_label), edge.derived_id)

    groups: dict[str, list[str]] = {}
    for aid in dict.fromkeys(article_ids):
        groups.setdefault(find(aid), []).append(aid)
    out = []
    for root, members in groups.items():
        if len(members) == 1 and root == members[0]:
            reason = "no provenance edge: independent reporting"
        else:
            reason = f"{len(members)} article(s) derive from one origin ({root})"
        out.append(OriginGroup(origin=root, members=tuple(members), reason=reason))
    return out


def independent_origins(article_ids: Sequence[str], edges: Iterable[ProvenanceEdge]) -> list[OriginGroup]:
    """Groups of ``article_ids`` by independent origin (provenance's implementation if present)."""
    try:
        from storyline.provenance import independent_origins as provenance_origins  # type: ignore[attr-defined]
    except ImportError:
        return group_origins(article_ids, edges)
    edges = list(edges)
    try:
        groups = provenance_origins(list(article_ids), edges)
        return [OriginGroup(origin=str(g.origin), members=tuple(g.members)) for g in groups]
    except (TypeError, AttributeError):  # a different contract there: use ours
        return group_origins(article_ids, edges)


def count_origins(article_ids: Sequence[str], edges: Sequence[ProvenanceEdge]) -> int:
    return len(independent_origins(article_ids, edges)) if article_ids else 0
