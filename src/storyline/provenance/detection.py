"""The provenance stage: from new articles to provenance edges with passages, drift and reasons.

``detect_provenance`` is incremental: it indexes the new articles, finds candidates among
everything indexed (so an article stored earlier can turn out to derive from a new one), and
places each new article, origins before copies, onto the *representatives* it meets: articles
that derive from nothing in the corpus. A copy gets one edge, to the representative that holds
most of it and is found to be its origin; sibling copies of one origin are not compared with each
other (cost stays linear in an event's copies), and independent-origin counts follow the chains.
Edges to *external* origins are added for credited wire copy that is not in the corpus. Two
articles that share passages and both credit the same wire (a republication of an AP story and a
digest of it) are siblings: neither is the other's origin, both point to ``external:AP``, and
each edge's reason names the other.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from storyline.model import AlignedPassage, Article, ProvenanceEdge, Relation, Span
from storyline.provenance.alignment import Alignment
from storyline.provenance.candidates import MinHashCandidateIndex
from storyline.provenance.credits import Credit, describe
from storyline.provenance.relation import (
    CREDITED_MIN_COVERAGE,
    CREDITED_MIN_MATCHED,
    DIGEST_MIN_COVERAGE,
    DIGEST_MIN_MATCHED,
    REPUBLICATION_IN_ORDER,
    REPUBLICATION_LONGEST,
    REWRITE_MIN_COVERAGE,
    REWRITE_MIN_MATCHED,
    ArticleView,
    PairVerdict,
    align_views,
    aware,
    classify_pair,
    relation_of,
    to_passages,
    was_stripped,
)

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
    components' edges, concatenated and sorted by (derived id, origin), are the whole set's.

    Each copy gets one edge, to its best origin: the new articles are taken in the order an
    origin comes before its copies (see :func:`originality_key`), and each is compared with the
    candidates taken before it that are still *representatives* (articles that derive from
    nothing in the corpus; of copies of a wire that is not in the corpus, the first one), the
    most contained first, until one is found to be its origin. Copies of a representative are
    not compared again (sibling copies are collapsed onto their origin instead of linked
    pairwise), except digests and rewrites, which carry text of their own. Pairs that cannot
    share enough words for any relation are skipped before aligning (:func:`could_relate`)."""
    plan = _Plan(new, lookup)
    plan.add_pairs(pairs)
    earlier_known = plan.read_earlier(known_edges)
    for aid in plan.order():
        plan.place(aid)
    return plan.edges(earlier_known, known_edges)


def originality_key(view: ArticleView) -> tuple[bool, bool, float, int, str]:
    """The order in which the articles of one run are placed: what looks like an origin before
    what looks like its copy (cased text before a stripped scrape, earlier before later, undated
    last, longer before shorter), so each copy meets its origin as a representative."""
    published = view.article.published
    stamp = aware(published).timestamp() if published is not None else 0.0
    return (was_stripped(view.article), published is None, stamp, -len(view.norm), view.id)


# the least shared text any relation needs, in the derived text's words and share of them; less
# is needed of a copy that credits its origin than of one that does not
_MIN_WORDS = min(REWRITE_MIN_MATCHED, CREDITED_MIN_MATCHED, DIGEST_MIN_MATCHED, REPUBLICATION_LONGEST)
_MIN_SHARE_CREDITED = min(REWRITE_MIN_COVERAGE, CREDITED_MIN_COVERAGE, DIGEST_MIN_COVERAGE, REPUBLICATION_IN_ORDER)
_MIN_SHARE = min(DIGEST_MIN_COVERAGE, REPUBLICATION_IN_ORDER)


def _could_derive(d: ArticleView, o: ArticleView, covered: int, shared_credit: bool) -> bool:
    if covered < _MIN_WORDS or covered < _MIN_SHARE_CREDITED * len(d.norm):
        return False
    return covered >= _MIN_SHARE * len(d.norm) or shared_credit or bool(d.credits_of(o))


def could_relate(a: ArticleView, b: ArticleView, ab: int | None = None) -> bool:
    """Whether the two texts share enough words, in either direction, for any relation: an upper
    bound on what :func:`align` can match (words covered by a shared seed n-gram), against the
    least any relation needs (less for a copy that credits the other, or when both credit one
    wire), so a pair this rejects would have been found independent after aligning it.
    ``ab``: ``a.covered_by(b)`` if known."""
    shared_credit = bool(a.credit_labels & b.credit_labels - {a.own_label, b.own_label})
    ab = a.covered_by(b) if ab is None else ab
    return _could_derive(a, b, ab, shared_credit) or _could_derive(b, a, b.covered_by(a), shared_credit)


_PLACED, _OTHER_PLACED, _APART = "placed", "other placed", "apart"


class _Plan:
    """One run of :func:`edges_for_pairs`: articles placed one after the other onto the
    representatives met so far (see there)."""

    def __init__(self, new: list[Article], lookup: Callable[[str], Article | None]) -> None:
        self.new_by_id = {a.id: a for a in new}
        self.new_ids = list(self.new_by_id)
        self.lookup = lookup
        self.views: dict[str, ArticleView | None] = {}
        self.neighbours: dict[str, set[str]] = {}
        self.rank: dict[str, int] = {}
        self.origin: dict[str, str] = {}  # a copy's in-corpus origin
        self.relation: dict[str, Relation] = {}  # ... and its relation to it
        self.collapsed: set[str] = set()  # copies of an outside wire placed with an earlier copy
        self.verdicts: list[PairVerdict] = []
        self.siblings: dict[str, list[_Sibling]] = {}

    def view(self, aid: str) -> ArticleView | None:
        if aid not in self.views:
            art = self.new_by_id.get(aid) or self.lookup(aid)
            self.views[aid] = ArticleView.of(art) if art is not None else None
        return self.views[aid]

    def add_pairs(self, pairs: list[tuple[str, str]]) -> None:
        for x, y in pairs:
            if x != y:
                self.neighbours.setdefault(x, set()).add(y)
                self.neighbours.setdefault(y, set()).add(x)

    def read_earlier(
        self, known_edges: Callable[[list[str]], list[ProvenanceEdge]] | None
    ) -> list[ProvenanceEdge] | None:
        """The stored edges of the articles indexed earlier that pair with new ones: those that
        already derive from an article in the corpus are copies, not representatives."""
        earlier = sorted(i for i in self.neighbours if i not in self.new_by_id)
        if known_edges is None or not earlier:
            return None
        known = known_edges(earlier)
        for e in sorted(known, key=lambda e: (e.derived_id, -e.score, e.origin_id or "")):
            if e.origin_id is None or e.superseded_by is not None or e.derived_id in self.origin:
                continue
            if e.derived_id in self.neighbours and e.derived_id not in self.new_by_id:
                self.origin[e.derived_id] = e.origin_id
                self.relation[e.derived_id] = e.relation
        return known

    def order(self) -> list[str]:
        placed = [(originality_key(v), aid) for aid in self.new_ids if (v := self.view(aid)) is not None]
        placed.sort()
        self.rank = {aid: k for k, (_, aid) in enumerate(placed)}
        return [aid for _, aid in placed]

    def _before(self, x: str, y: str) -> bool:
        """``y`` was placed before ``x`` (articles indexed earlier come first)."""
        return self.rank.get(y, -1) < self.rank[x]

    def _representative(self, aid: str) -> bool:
        return aid not in self.origin and aid not in self.collapsed

    def place(self, x: str) -> None:
        vx = self.view(x)
        if vx is None:
            return
        met = []
        for y in self.neighbours.get(x, ()):
            vy = self.view(y) if self._before(x, y) else None
            if vy is None:
                continue
            own_text = self.relation.get(y) in (Relation.DIGEST, Relation.REWRITE)
            if self._representative(y) or own_text:
                inside = vx.covered_by(vy)
                if could_relate(vx, vy, inside):
                    met.append((-inside, y, vy))
        met.sort(key=lambda m: m[:2])  # the one holding most of x first (its origin, if x is a copy)
        for _, _, vy in met:
            if not self._representative(vy.id) and vy.id not in self.origin:
                continue  # collapsed meanwhile
            if self._compare(vx, vy) is _PLACED:
                return

    def _compare(self, vx: ArticleView, vy: ArticleView) -> str:
        x, y = vx.id, vy.id
        if vx.credit_labels & vy.credit_labels - {vx.own_label, vy.own_label}:
            axy = align_views(vx, vy)
            wire = _shared_wire(vx, vy, axy)
            ayx = align_views(vy, vx) if wire else axy
            if wire and (relation_of(axy, True) or relation_of(ayx, True)):
                self.siblings.setdefault(x, []).append(_Sibling(vy, wire, axy))
                self.siblings.setdefault(y, []).append(_Sibling(vx, wire, ayx))
                self.collapsed.add(x)
                return _PLACED
        verdict = classify_pair(vx, vy)
        if verdict is None:
            return _APART
        derived = verdict.derived.id
        if derived != x and not self._representative(y):
            return _APART  # y already has its origin: one edge per copy
        self.verdicts.append(verdict)
        self.origin[derived] = verdict.origin.id
        self.relation[derived] = verdict.relation
        return _PLACED if derived == x else _OTHER_PLACED

    def edges(
        self,
        known: list[ProvenanceEdge] | None,
        known_edges: Callable[[list[str]], list[ProvenanceEdge]] | None,
    ) -> list[ProvenanceEdge]:
        verdicts, new_by_id, siblings = self.verdicts, self.new_by_id, self.siblings
        edges = [_edge_of(v) for v in verdicts]
        derived_in_corpus = {v.derived.id for v in verdicts}
        earlier = {v.derived.id: v for v in sorted(verdicts, key=lambda v: v.score) if v.derived.id not in new_by_id}
        if earlier:
            stored = known if known is not None else (known_edges(sorted(earlier)) if known_edges else None)
            for aid in sorted(earlier):
                edges.extend(_superseded(earlier[aid].derived, earlier[aid], stored))
        external_for = list(
            dict.fromkeys(
                self.new_ids
                + [s for aid in siblings if aid in new_by_id for s in (sib.other.id for sib in siblings[aid])]
            )
        )
        for aid in external_for:
            v = self.view(aid)
            if v is not None:
                edges.extend(_external_edges(v, siblings.get(aid, []), aid in derived_in_corpus))
        edges.sort(key=lambda e: (e.derived_id, e.origin_id or "", e.origin_label or ""))
        return edges
