"""The provenance stage: from new articles to provenance edges with passages, drift and reasons.

``detect_provenance`` is incremental: it indexes the new articles, finds candidates among
everything indexed (so an article stored earlier can turn out to derive from a new one), aligns
each candidate pair, classifies it, and adds edges to *external* origins for credited wire copy
that is not in the corpus. Two articles that share passages and both credit the same wire (a
republication of an AP story and a digest of it) are siblings: neither is the other's origin,
both point to ``external:AP``, and each edge's reason names the other.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from storyline.model import AlignedPassage, Article, ProvenanceEdge, Relation, Span
from storyline.provenance.alignment import Alignment, align
from storyline.provenance.candidates import MinHashCandidateIndex
from storyline.provenance.credits import Credit, describe
from storyline.provenance.relation import ArticleView, PairVerdict, classify_pair, relation_of, to_passages

EXTERNAL_REPUBLICATION_SCORE = 0.85  # the origin text is not available to align against
EXTERNAL_DIGEST_SCORE = 0.75


@dataclass(frozen=True, slots=True)
class _Sibling:
    other: ArticleView
    label: str
    alignment: Alignment  # this article's passages found in the other


def _credited_outside(view: ArticleView, label: str, al: Alignment, derived_side: bool) -> bool:
    """``view`` credits ``label`` somewhere that is not part of the text it shares (a credit
    copied along with the passage is no evidence of a separate derivation)."""
    norm = al.derived if derived_side else al.origin
    shared = [
        norm.char_span(p.d0, p.d1) if derived_side else (norm.starts[p.o0], norm.ends[p.o1 - 1]) for p in al.passages
    ]
    for c in view.credits:
        if c.label != label:
            continue
        if c.span is None or not any(s <= c.span.start and c.span.end <= e for s, e in shared):
            return True
    return False


def _shared_wire(a: ArticleView, b: ArticleView, al: Alignment) -> str | None:
    """A wire both articles credit, each outside the text they share, while neither *is* it."""
    for label in sorted(a.credit_labels & b.credit_labels - {a.own_label, b.own_label}):
        if _credited_outside(a, label, al, True) and _credited_outside(b, label, al, False):
            return label
    return None


def _external_edges(view: ArticleView, siblings: list[_Sibling], has_origin_in_corpus: bool) -> list[ProvenanceEdge]:
    if has_origin_in_corpus:
        return []  # the chain through the in-corpus origin reaches the wire
    by_label: dict[str, list[Credit]] = {}
    for c in view.credits:
        if c.label != view.own_label:
            by_label.setdefault(c.label, []).append(c)
    edges = []
    for label, credits in sorted(by_label.items()):
        sibs = [s for s in siblings if s.label == label]
        wire_copy = [c for c in credits if c.marks_wire_copy]
        attributions = [c for c in credits if c.kind == "attribution"]
        quoted = [c for c in attributions if c.quoted]
        if wire_copy:
            relation, score, evidence = Relation.REPUBLICATION, EXTERNAL_REPUBLICATION_SCORE, wire_copy[0]
            what = f"{describe(evidence)}: the body is {label}'s wire copy"
        elif quoted or sibs:
            relation, score, evidence = Relation.DIGEST, EXTERNAL_DIGEST_SCORE, (quoted or attributions)[0]
            mentions = f"{len(attributions)} time{'s' if len(attributions) != 1 else ''}"
            what = f"{describe(evidence)}, {mentions}" + (", next to quotations" if quoted else "")
        elif len(attributions) >= 2:
            relation, score, evidence = Relation.REWRITE, 0.5, attributions[0]
            what = f"{describe(evidence)}, {len(attributions)} times, without quotations"
        else:
            continue  # a single passing mention ("according to Reuters") is not provenance
        passages: tuple[AlignedPassage, ...] = ()
        sibling_note = ""
        if sibs:
            best = max(sibs, key=lambda s: s.alignment.matched_derived)
            passages = to_passages(best.alignment, external=True)
            names = ", ".join(s.other.name() for s in sibs)
            sibling_note = (
                f"; shares {len(best.alignment.passages)} passages ({best.alignment.matched_derived} words) "
                f"with {names}, which also derive{'s' if len(sibs) == 1 else ''} from {label}: "
                f"one origin, not two"
            )
        elif relation is not Relation.REPUBLICATION:
            passages = tuple(
                AlignedPassage(derived=c.span, origin=None, similarity=0.0)
                for c in attributions
                if isinstance(c.span, Span)
            )
        reason = f"{what}; {label}'s story is not in the corpus{sibling_note}"
        edges.append(
            ProvenanceEdge(
                derived_id=view.id,
                relation=relation,
                score=score,
                reason=reason,
                origin_id=None,
                origin_label=label,
                passages=passages,
            )
        )
    return edges


def _edge_of(verdict: PairVerdict) -> ProvenanceEdge:
    origin = verdict.origin
    label = origin.own_label or origin.article.outlet
    return ProvenanceEdge(
        derived_id=verdict.derived.id,
        relation=verdict.relation,
        score=verdict.score,
        reason=verdict.reason,
        origin_id=origin.id,
        origin_label=label,
        passages=verdict.passages(),
        drift=verdict.drift(),
    )


def _superseded(
    view: ArticleView,
    verdict: PairVerdict,
    known: list[ProvenanceEdge] | None,
) -> list[ProvenanceEdge]:
    """``view`` was indexed earlier and now turns out to derive from an article in the corpus:
    its edges to external origins (found when it arrived, when the origin was not in the corpus
    yet) are superseded. They are returned as records (score 0, ``superseded_by`` the origin, and
    the reason) to replace the stale edges, which a store keys by derived id and external label.
    ``known``: the article's stored edges; without them, the external edges it would have got on
    its own are recomputed."""
    origin = verdict.origin
    if known is None:
        stale = _external_edges(view, [], False)
    else:
        stale = [e for e in known if e.derived_id == view.id and e.origin_id is None and e.superseded_by is None]
    out = []
    for e in stale:
        label = e.origin_label or "the credited source"
        same = origin.own_label is not None and origin.own_label == e.origin_label
        why = (
            f"{label}'s story is now in the corpus as {origin.name()}"
            if same
            else f"{origin.name()}, now in the corpus, is where it comes from"
        )
        reason = (
            f"superseded by the edge to {origin.id} ({verdict.relation.value}, score {verdict.score:.2f}): "
            f"{why}; this edge was: {e.reason}"
        )
        out.append(e.replace(score=0.0, reason=reason, superseded_by=origin.id))
    return out


def candidate_pairs(new: list[Article], index: MinHashCandidateIndex) -> list[tuple[str, str]]:
    """Index ``new`` and return the candidate pairs (each as ``(smaller id, larger id)``, sorted)
    that involve a new article: the sequential part of :func:`detect_provenance`."""
    new_ids = [a.id for a in new]
    sketches = index.add_many([(a.id, a.text) for a in new])
    pairs: set[tuple[str, str]] = set()
    hits = index.query_sketches(sketches, exclude=new_ids)
    for a, found in zip(new, hits, strict=True):
        for cid, _, _ in found:
            if cid != a.id:
                pairs.add((min(a.id, cid), max(a.id, cid)))
    return sorted(pairs)


def detect_provenance(
    new: list[Article],
    index: MinHashCandidateIndex,
    lookup: Callable[[str], Article | None],
    known_edges: Callable[[list[str]], list[ProvenanceEdge]] | None = None,
) -> list[ProvenanceEdge]:
    """Index ``new``, then return every provenance edge that involves a new article.

    ``lookup`` fetches articles indexed earlier (a store's ``get``); ids it cannot resolve are
    skipped. When an article indexed earlier turns out to derive from a new one, its edges to
    external origins are superseded: records replacing them are returned too (``superseded_by``
    set). ``known_edges`` (a store's ``edges(article_ids=...)``) gives those stored edges; without
    it they are recomputed. Edges come out ordered by derived id, then origin."""
    return edges_for_pairs(new, candidate_pairs(new, index), lookup, known_edges)


def edges_for_pairs(
    new: list[Article],
    pairs: list[tuple[str, str]],
    lookup: Callable[[str], Article | None],
    known_edges: Callable[[list[str]], list[ProvenanceEdge]] | None = None,
) -> list[ProvenanceEdge]:
    """The edges of :func:`detect_provenance` from its candidate ``pairs``: pure, so the pairs can
    be split by connected component (with the new articles in each) and run anywhere; the
    components' edges, concatenated and sorted by (derived id, origin), are the whole set's."""
    views: dict[str, ArticleView] = {}
    new_ids = [a.id for a in new]
    new_by_id = {a.id: a for a in new}

    def view(aid: str) -> ArticleView | None:
        if aid not in views:
            art = new_by_id.get(aid) or lookup(aid)
            if art is None:
                return None
            views[aid] = ArticleView.of(art)
        return views[aid]

    verdicts: list[PairVerdict] = []
    siblings: dict[str, list[_Sibling]] = {}
    for x, y in sorted(pairs):
        vx, vy = view(x), view(y)
        if vx is None or vy is None:
            continue
        common = vx.credit_labels & vy.credit_labels - {vx.own_label, vy.own_label}
        if common:
            axy = align(vx.norm, vy.norm)
            wire = _shared_wire(vx, vy, axy)
            ayx = align(vy.norm, vx.norm) if wire else axy
            if wire and (relation_of(axy, True) or relation_of(ayx, True)):
                siblings.setdefault(x, []).append(_Sibling(vy, wire, axy))
                siblings.setdefault(y, []).append(_Sibling(vx, wire, ayx))
                continue
        verdict = classify_pair(vx, vy)
        if verdict is not None:
            verdicts.append(verdict)

    edges = [_edge_of(v) for v in verdicts]
    derived_in_corpus = {v.derived.id for v in verdicts}
    earlier = {v.derived.id: v for v in sorted(verdicts, key=lambda v: v.score) if v.derived.id not in new_by_id}
    if earlier:
        stored = known_edges(sorted(earlier)) if known_edges is not None else None
        for aid in sorted(earlier):
            edges.extend(_superseded(earlier[aid].derived, earlier[aid], stored))
    external_for = list(
        dict.fromkeys(
            new_ids + [s for aid in siblings if aid in new_by_id for s in (sib.other.id for sib in siblings[aid])]
        )
    )
    for aid in external_for:
        v = view(aid)
        if v is not None:
            edges.extend(_external_edges(v, siblings.get(aid, []), aid in derived_in_corpus))
    edges.sort(key=lambda e: (e.derived_id, e.origin_id or "", e.origin_label or ""))
    return edges
