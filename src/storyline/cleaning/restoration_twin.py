"""Restore a stripped article from its cased twin in the corpus, once provenance has found the twin.

At ingest a lowercased, punctuation-stripped article (seed-001 style) is restored by the small
model (:func:`storyline.cleaning.restoration.restore_text`): good enough to read, weak on sentence
boundaries. When provenance later finds that the article is a near-verbatim copy (a
republication) of a cased article in the corpus, the twin knows the real boundaries and casing:
:func:`restore_from_twin` re-restores the stripped text taking them from the twin wherever the
words align, and keeps the model's choices elsewhere (a sidebar only the copy has).

The words never change, only case and punctuation, so every character span into the old text
maps onto the new one token for token (:func:`remap_edge`). The raw scrape stays in
``Article.raw`` and ``Article.normalized_input`` stays true, so a reader can always see what
arrived; the new text is stored as a new version of the article.
"""

from __future__ import annotations

import bisect
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from storyline.cleaning.normalized import iter_tokens
from storyline.cleaning.restoration import restore_with_twin
from storyline.model import AlignedPassage, Article, ProvenanceEdge, Relation, Span

#: The share of the stripped article's words that must align with the twin to trust it.
MIN_ALIGNED_SHARE = 0.5
#: Version suffix of an article whose text was restored from a twin.
TWIN_VERSION_TAG = "+twin:"


@dataclass(frozen=True)
class TwinRestoration:
    """One stripped article re-restored from a cased twin, and why."""

    article: Article  # the article with its re-restored text (a new version)
    old_text: str  # the text it had before (the model's restoration)
    twin_id: str
    reason: str


def _token_bounds(text: str) -> tuple[list[int], list[int]]:
    starts, ends = [], []
    for m in iter_tokens(text):
        starts.append(m.start())
        ends.append(m.end())
    return starts, ends


class SpanMap:
    """Maps character spans of one text onto another with the same words (case/punctuation aside)."""

    def __init__(self, old: str, new: str) -> None:
        self._old_starts, self._old_ends = _token_bounds(old)
        self._new_starts, self._new_ends = _token_bounds(new)
        if len(self._old_starts) != len(self._new_starts):
            raise ValueError("the two texts do not have the same words")
        self._new_len = len(new)

    def span(self, span: Span) -> Span:
        if not self._old_starts:
            return Span(start=0, end=0)
        first = bisect.bisect_left(self._old_ends, span.start + 1)  # first token ending after start
        last = bisect.bisect_right(self._old_starts, span.end - 1) - 1  # last token starting before end
        if first >= len(self._new_starts) or last < first:
            pos = self._new_starts[first] if first < len(self._new_starts) else self._new_len
            return Span(start=pos, end=pos)
        return Span(start=self._new_starts[first], end=self._new_ends[last])


def remap_edge(edge: ProvenanceEdge, article_id: str, spans: SpanMap) -> ProvenanceEdge:
    """``edge`` with every span into ``article_id``'s text moved onto its new text."""
    if article_id not in (edge.derived_id, edge.origin_id):
        return edge
    passages = []
    for p in edge.passages:
        derived = spans.span(p.derived) if edge.derived_id == article_id else p.derived
        origin = spans.span(p.origin) if p.origin is not None and edge.origin_id == article_id else p.origin
        passages.append(AlignedPassage(derived=derived, origin=origin, similarity=p.similarity))
    return ProvenanceEdge(
        derived_id=edge.derived_id,
        relation=edge.relation,
        score=edge.score,
        reason=edge.reason,
        origin_id=edge.origin_id,
        origin_label=edge.origin_label,
        passages=tuple(passages),
        drift=edge.drift,
    )


def _is_cased(article: Article) -> bool:
    return not article.normalized_input and any(ch.isupper() for ch in article.text[:2000])


def restore_from_twin(article: Article, twin: Article, reason: str = "") -> TwinRestoration | None:
    """Re-restore stripped ``article`` from its cased ``twin``; None when they do not align enough."""
    if not article.normalized_input or not _is_cased(twin) or not article.text:
        return None
    restored, aligned = restore_with_twin(article.text, twin.text, return_aligned=True)
    n_words = sum(1 for _ in iter_tokens(article.text))
    if not n_words or aligned < MIN_ALIGNED_SHARE * n_words or restored == article.text:
        return None
    base = article.version.split(TWIN_VERSION_TAG)[0]
    why = f"sentences and casing taken from its cased twin {twin.id} where {aligned} of {n_words} words align" + (
        f" ({reason})" if reason else ""
    )
    new = article.replace(text=restored, version=f"{base}{TWIN_VERSION_TAG}{twin.id}")
    return TwinRestoration(article=new, old_text=article.text, twin_id=twin.id, reason=why)


def twin_edges(edges: Iterable[ProvenanceEdge]) -> list[ProvenanceEdge]:
    """The best-scoring republication edge to an in-corpus origin of each copy, by copy id: the
    pairs :func:`twin_restorations` tries."""
    best: dict[str, ProvenanceEdge] = {}
    for e in edges:
        if e.relation is not Relation.REPUBLICATION or e.origin_id is None:
            continue
        if e.derived_id not in best or e.score > best[e.derived_id].score:
            best[e.derived_id] = e
    return [e for _, e in sorted(best.items())]


def restored_from(article: Article, twin: Article) -> bool:
    """``article`` is already the version restored from ``twin``."""
    return TWIN_VERSION_TAG in article.version and article.version.endswith(TWIN_VERSION_TAG + twin.id)


def twin_restorations(
    edges: Iterable[ProvenanceEdge], lookup: Callable[[str], Article | None]
) -> list[TwinRestoration]:
    """For every republication edge whose copy is a stripped article and whose origin is a cased
    article in the corpus, the copy re-restored from the origin (the best-scoring origin wins)."""
    out = []
    for e in twin_edges(edges):
        article = lookup(e.derived_id)
        twin = lookup(e.origin_id) if e.origin_id else None
        if article is None or twin is None:
            continue
        if restored_from(article, twin):
            continue  # already restored from this twin
        done = restore_from_twin(article, twin, e.reason)
        if done is not None:
            out.append(done)
    return out
