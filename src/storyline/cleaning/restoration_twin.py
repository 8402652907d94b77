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
import difflib
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Protocol

from storyline.cleaning.normalized import iter_tokens, normalized_tokens
from storyline.cleaning.restoration import MIN_TWIN_BLOCK, _render, _Slot, restore_with_twin, twin_gaps
from storyline.cleaning.restoration_data import cased_tokens
from storyline.model import AlignedPassage, Article, ProvenanceEdge, Relation, Span

#: With a partial twin (another outlet quoting passages of the same story, see
#: :func:`restore_passages`) a run must be longer: a digest reuses sentences, and short runs are as
#: often its own words around them (seed 000's "The State Department official said Trump's team"
#: matched six words of seed 001's "the State Department official said. Trump and his").
MIN_PARTIAL_BLOCK = 8
#: The share of the stripped article's words that must align with the twin to trust it.
MIN_ALIGNED_SHARE = 0.5
#: The words a partial twin (passages only) must share with the stripped article to be used.
MIN_PARTIAL_WORDS = 20
#: Version suffix of an article whose text was restored from a twin.
TWIN_VERSION_TAG = "+twin:"
#: Version suffix of an article restored from the passages a partial twin shares with it.
PASSAGES_VERSION_TAG = "+passages:"


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


class SpanMapping(Protocol):
    """Moves a span of an article's old text onto its new text (:class:`SpanMap`, or
    ``analysis_outlets.DeletionMap`` for a text with stretches cut out)."""

    def span(self, span: Span) -> Span: ...


def remap_edge(edge: ProvenanceEdge, article_id: str, spans: SpanMapping) -> ProvenanceEdge:
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


def restore_from_twin(
    article: Article, twin: Article, reason: str = "", *, partial: bool = False
) -> TwinRestoration | None:
    """Re-restore stripped ``article`` from its cased ``twin``; None when they do not align enough.
    ``partial``: the twin only shares passages (another outlet quoting the same wire story)."""
    if not article.normalized_input or not _is_cased(twin) or not article.text:
        return None
    if partial:  # only the shared passages change; the rest stays as ingest restored it
        restored, aligned = restore_passages(article.text, twin.text)
    else:
        restored, aligned = restore_with_twin(article.text, twin.text, return_aligned=True)
    n_words = sum(1 for _ in iter_tokens(article.text))
    enough = aligned >= MIN_PARTIAL_WORDS if partial else aligned >= MIN_ALIGNED_SHARE * n_words
    if not n_words or not enough or restored == article.text:
        return None
    # the dateline as the twin writes it, else as the model rendered it at ingest
    restored = _keep_dateline(twin.text, _keep_dateline(article.text, restored))
    base = article.version.split(TWIN_VERSION_TAG)[0].split(PASSAGES_VERSION_TAG)[0]
    what = f"the passages it shares with {twin.id}" if partial else f"its cased twin {twin.id}"
    why = f"sentences and casing taken from {what} where {aligned} of {n_words} words align" + (
        f" ({reason})" if reason else ""
    )
    tag = PASSAGES_VERSION_TAG if partial else TWIN_VERSION_TAG
    new = _with_text_metadata(article.replace(text=restored, version=f"{base}{tag}{twin.id}"))
    return TwinRestoration(article=new, old_text=article.text, twin_id=twin.id, reason=why)


def _with_text_metadata(article: Article) -> Article:
    """The dateline and wire credit the restored text now shows ("PORT ALDER, Veldora (CP) —"),
    where the stripped scrape gave none ("port alder veldora cp" names no wire it knows)."""
    if article.dateline and article.credits:
        return article
    from storyline.cleaning.metadata import extract_text_metadata

    found = extract_text_metadata(article.text)
    return article.replace(
        dateline=article.dateline or found.dateline,
        credits=article.credits or tuple(found.credits),
    )


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


# the model's rendering of a stripped dateline ("Hanoi, Vietnam (AP) — "), which a twin without
# that dateline (a digest) cannot give back
_RENDERED_DATELINE = re.compile(r"^[^\n()]{1,80}?\((?:[A-Z][\w.&]*)(?:\s[A-Z][\w.&]*)?\)\s[\u2014\u2013-]\s")


def _keep_dateline(source: str, new: str) -> str:
    """``new`` opening with the dateline ``source`` opens with, when ``new`` has the same words
    there but lost the marks ("Hanoi, Vietnam AP President ..." for "Hanoi, Vietnam (AP) —
    President ...": the twin's tokens carry no parentheses, and a digest has no dateline at all)."""
    m = _RENDERED_DATELINE.match(source)
    if m is None or _RENDERED_DATELINE.match(new):
        return new
    words = [t.group().lower() for t in iter_tokens(m.group())]
    tokens = list(iter_tokens(new))
    if not words or len(words) > len(tokens) or [t.group().lower() for t in tokens[: len(words)]] != words:
        return new
    rest = new[tokens[len(words) - 1].end() :].lstrip(" ,;:.\u2014\u2013-")
    return m.group() + rest[:1].upper() + rest[1:]


def partial_twin_candidates(edges: Iterable[ProvenanceEdge]) -> dict[str, list[str]]:
    """For each article, the articles that may share verbatim passages with it (partial twins), best
    first: the digest that quotes it, and the other copies of the same outside story ("AP's story
    is not in the corpus": a scraped AP copy and a digest crediting AP share AP's sentences)."""
    out: dict[str, list[tuple[float, str]]] = {}
    siblings: dict[str, list[tuple[float, str]]] = {}
    for e in edges:
        if e.relation is Relation.DIGEST and e.origin_id is not None:
            out.setdefault(e.origin_id, []).append((e.score, e.derived_id))
        elif e.origin_id is None and e.origin_label and e.relation is not Relation.REWRITE:
            siblings.setdefault(e.origin_label.casefold(), []).append((e.score, e.derived_id))
    for members in siblings.values():
        for _, a in members:
            out.setdefault(a, []).extend((score, b) for score, b in members if b != a)
    ranked = {a: sorted(found, key=lambda x: (-x[0], x[1])) for a, found in out.items()}
    return {a: list(dict.fromkeys(b for _, b in found)) for a, found in ranked.items() if found}


def shared_words(stripped: str, cased: str) -> int:
    """How many words of ``stripped`` a partial-twin restoration from ``cased`` would take from it."""
    return aligned_words(stripped, cased, partial=True)


def restored_from(article: Article, twin: Article) -> bool:
    """``article`` is already the version restored from ``twin``."""
    return article.version.endswith((TWIN_VERSION_TAG + twin.id, PASSAGES_VERSION_TAG + twin.id))


def has_full_twin(article: Article) -> bool:
    """``article`` was restored from a full twin (a republication's origin): passages add nothing."""
    return TWIN_VERSION_TAG in article.version


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


def restore_passages(restored: str, cased: str) -> tuple[str, int]:
    """``restored`` (an article the model restored) with the passages it shares word for word with
    ``cased`` (runs of :data:`MIN_PARTIAL_BLOCK` or more words) written as ``cased`` writes them,
    and everything else as it was; and the number of words taken. Inside a run the twin gives the
    case and what it writes between its words (in-word glue, marks) but its quotation marks: those
    are the digest's own, around the words it quotes; the first word's case and the mark after the
    last word stay the restoration's (a digest's quotation may start or stop mid-sentence: 'AP
    explains: "Kim was ..."' for "So Kim was ..."). No model runs."""
    old = list(iter_tokens(restored))
    twin = cased_tokens(cased)
    if not old or not twin:
        return restored, 0
    norms = [m.group().lower() for m in old]
    runs = [
        (a, b, size)
        for a, b, size in difflib.SequenceMatcher(
            None, norms, [t.norm for t in twin], autojunk=False
        ).get_matching_blocks()
        if size >= MIN_PARTIAL_BLOCK
    ]
    if not runs:
        return restored, 0
    gaps = twin_gaps(cased)
    slots = [_Slot(w, form=w) for w in norms]
    for a, b, size in runs:
        for k in range(size):
            t, slot = twin[b + k], slots[a + k]
            slot.form, slot.dot, slot.label = t.form, t.dot, t.label
            slot.glue = t.glue if k < size - 1 else None
            slot.after = _quoted_marks(t.form, gaps[b + k + 1]) if k < size - 1 and t.glue is None else None
    rendered = _render(slots)
    new = list(iter_tokens(rendered))
    if len(new) != len(old):  # the words must be the same, one for one
        return restored, 0
    form_new = [False] * len(old)
    trail_new = [False] * len(old)
    for a, _, size in runs:
        for k in range(a + 1, a + size):
            form_new[k] = True
        for k in range(a, a + size - 1):
            trail_new[k] = True
    parts = [restored[: old[0].start()]]
    for k, m in enumerate(old):
        parts.append(new[k].group() if form_new[k] else m.group())
        if trail_new[k]:
            parts.append(rendered[new[k].end() : new[k + 1].start()])
        else:
            parts.append(restored[m.end() : old[k + 1].start() if k + 1 < len(old) else len(restored)])
    return "".join(parts), sum(size for _, _, size in runs)


_QUOTATION_MARKS = re.compile("[\"\u201c\u201d\u2018\u2019\u00ab\u00bb']")
_SPACES = re.compile(r"\s+")


def _quoted_marks(word: str, gap: str) -> str:
    """What a digest writes between two words it quotes, without its quotation marks and breaks;
    a plural's possessive apostrophe stays ("the officials' plan")."""
    possessive = word.endswith(("s", "S")) and gap[:1] in ("'", "\u2019") and gap[1:2].isspace()
    rest = _SPACES.sub(" ", _QUOTATION_MARKS.sub("", gap[1:] if possessive else gap))
    return (gap[0] if possessive else "") + rest or " "


def aligned_words(stripped: str, cased: str, *, partial: bool = False) -> int:
    """The words of ``stripped`` that :func:`restore_with_twin` would take from ``cased`` (no model)."""
    norms = normalized_tokens(stripped)
    twin = [t.norm for t in cased_tokens(cased)]
    if not norms or not twin:
        return 0
    least = MIN_PARTIAL_BLOCK if partial else MIN_TWIN_BLOCK
    blocks = difflib.SequenceMatcher(None, norms, twin, autojunk=False).get_matching_blocks()
    return sum(size for _, _, size in blocks if size >= least)
