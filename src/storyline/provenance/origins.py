"""Independent origins: the groups of articles left once copies are collapsed onto their origins.

Every provenance edge (republication, digest, rewrite) joins a derived article to its origin, an
article in the corpus or an external source (``external:AP``). Articles joined directly or through
a chain (a digest of a republication of AP) share one origin; the number of groups is the number
of independent origins ("reported by seven outlets" may be one AP story).
"""

from __future__ import annotations

from collections.abc import Iterable

from scipy.cluster.hierarchy import DisjointSet

from storyline.model import Model, ProvenanceEdge


class OriginGroup(Model, frozen=True):
    origin: str  # the origin's article id, or "external:<label>"
    label: str  # the credited source ("AP"), else the origin's article id
    members: tuple[str, ...]  # the given articles that descend from it (the origin too, if given)


def external_key(label: str) -> str:
    return f"external:{label}"


def independent_origins(article_ids: Iterable[str], edges: Iterable[ProvenanceEdge]) -> list[OriginGroup]:
    """Group ``article_ids`` by independent origin; ``len()`` of the result counts the origins.

    Edges whose derived article is not among ``article_ids`` are ignored, except as links in a
    chain between two given articles; superseded edges are ignored. Groups come out largest first, then by origin."""
    ids = list(dict.fromkeys(article_ids))
    chains = DisjointSet(ids)

    def join(a: str, b: str) -> None:
        chains.add(a)
        chains.add(b)
        chains.merge(a, b)

    derived_of: dict[str, set[str]] = {}
    labels: dict[str, str] = {}
    spelling: dict[str, str] = {}  # one key per credited source whatever its case ("AP" = "ap")

    def ext(label: str) -> str:
        return external_key(spelling.setdefault(" ".join(label.split()).lower(), label))

    for e in edges:
        if e.superseded_by is not None:
            continue  # kept as a record; the edge to the in-corpus origin replaces it
        origin = e.origin_id if e.origin_id is not None else ext(e.origin_label or "unknown")
        if e.origin_label:
            labels.setdefault(origin, e.origin_label)
        derived_of.setdefault(e.derived_id, set()).add(origin)
        join(e.derived_id, origin)
        if e.origin_id is not None and e.origin_label:
            # an in-corpus origin credited as, say, AP *is* AP's story: copies of AP's version
            # found elsewhere belong to the same origin
            key = ext(e.origin_label)
            labels.setdefault(key, e.origin_label)
            join(key, e.origin_id)

    members: dict[str, list[str]] = {}
    nodes: dict[str, set[str]] = {}
    for node in chains:
        nodes.setdefault(chains[node], set()).add(node)
    for i in ids:
        members.setdefault(chains[i], []).append(i)

    groups = []
    for root, mem in members.items():
        # the origin: a node of the group that derives from nothing; articles before external labels
        roots = sorted(n for n in nodes[root] if n not in derived_of)
        in_corpus = [n for n in roots if not n.startswith("external:")]
        origin = (in_corpus or roots or sorted(nodes[root]))[0]
        label = labels.get(origin) or (origin.removeprefix("external:") if origin.startswith("external:") else origin)
        groups.append(OriginGroup(origin=origin, label=label, members=tuple(sorted(mem))))
    groups.sort(key=lambda g: (-len(g.members), g.origin))
    return groups
