"""Relation and direction of a candidate pair: republication, digest, rewrite, or independent.

Given two articles that share passages:

- **direction**: a credit to the other's outlet, then publication times, then containment (the copy
  is the text more covered by the other: a digest is mostly inside its origin, a cut republication
  is inside its full original).
- **relation**, read from the alignment in the copy's own terms: ``republication`` when most of
  the copy aligns to the origin in order; ``digest`` when several passages (quotes, sentences)
  of the origin are reused amid the copy's own framing; ``rewrite`` when the copy credits the
  origin but keeps little verbatim text; otherwise independent (shared stock phrases, one common
  quote).
"""

from __future__ import annotations

import bisect
import functools
import itertools
import operator
import re
from dataclasses import dataclass
from datetime import UTC, datetime

import numpy as np

from storyline.model import AlignedPassage, Article, Drift, Relation, Span
from storyline.provenance.alignment import SEED, Alignment, Grams, Seeds, align, seed_grams, seed_positions
from storyline.provenance.credits import (
    Credit,
    canonical_source,
    describe,
    find_credits,
    find_name_credits,
)
from storyline.provenance.drift import measure_drift
from storyline.provenance.normalize import NormalizedText, normalize_text

# thresholds, measured on the generated benchmark (benchmarks/provenance_eval.py)
REPUBLICATION_IN_ORDER = 0.55  # share of the copy aligned to the origin in order
REPUBLICATION_LONGEST = 12  # words in its longest passage
REPUBLICATION_ORIGIN_COVERAGE = 0.4  # share of the origin carried (a digest carries a few sentences)
CUT_MIN_WORDS = 3  # words beyond the shared stretch that mark the uncut text
# without a credit to the origin, only heavy reuse makes a digest (independent reports share quotes)
DIGEST_MIN_MATCHED = 40  # words of the copy found in the origin
DIGEST_MIN_COVERAGE = 0.2  # share of the copy found in the origin
DIGEST_MIN_PASSAGES = 3
DIGEST_TWO_PASSAGE_COVERAGE = 0.3  # or two passages covering this share
CREDITED_MIN_MATCHED = 20  # with a credit to the origin, less reuse is enough
CREDITED_MIN_COVERAGE = 0.08
CREDITED_ONE_PASSAGE_WORDS = 20  # (two passages, or one this long)
REWRITE_MIN_MATCHED = 12  # a credit and a little verbatim text
REWRITE_MIN_COVERAGE = 0.04


_QUOTED = re.compile(r"\"[^\"]{1,1500}\"|“[^”]{1,1500}”")


@dataclass(frozen=True)
class ArticleView:
    """An article with what provenance reads from it, computed once."""

    article: Article
    norm: NormalizedText
    credits: tuple[Credit, ...]

    @classmethod
    def of(cls, article: Article) -> ArticleView:
        return _view_of(article)

    @property
    def id(self) -> str:
        return self.article.id

    @functools.cached_property
    def quoted(self) -> tuple[tuple[int, int], ...]:
        """Character ranges inside quotation marks (empty for stripped text)."""
        return tuple(m.span() for m in _QUOTED.finditer(self.article.text))

    @functools.cached_property
    def grams(self) -> Grams:
        """The text's seed n-grams by position (as :func:`align` seeds its runs)."""
        return seed_grams(self.norm.tokens)

    @functools.cached_property
    def seeds(self) -> Seeds:
        return seed_positions(self.grams)

    @functools.cached_property
    def seed_hashes(self) -> np.ndarray:
        return np.fromiter(map(hash, self.grams), dtype=np.int64, count=len(self.grams))

    @functools.cached_property
    def seed_set(self) -> np.ndarray:
        return np.unique(self.seed_hashes)

    def covered_by(self, other: ArticleView) -> int:
        """Words of this text inside a seed n-gram that ``other`` also has: at least as many as
        :func:`align` can match of it in ``other`` (every run it keeps is made of such n-grams)."""
        grams, theirs = self.seed_hashes, other.seed_set
        if grams.shape[0] == 0 or theirs.shape[0] == 0:
            return 0
        at = np.minimum(np.searchsorted(theirs, grams), theirs.shape[0] - 1)
        shared = (theirs[at] == grams).astype(np.int8)
        return int(np.count_nonzero(np.convolve(shared, np.ones(SEED, dtype=np.int8))))

    @property
    def own_label(self) -> str | None:
        """The wire this article *is* (its outlet is AP), if any."""
        return canonical_source(self.article.outlet)

    @property
    def credit_labels(self) -> set[str]:
        return {c.label for c in self.credits}

    def credits_of(self, other: ArticleView) -> list[Credit]:
        """This article's credits that name ``other``'s outlet."""
        if other.own_label:
            return [c for c in self.credits if c.label == other.own_label]
        outlet = other.article.outlet
        if outlet and outlet != self.article.outlet:
            # a dateline credit such as "(CP)" names an outlet by its initials
            initials = "".join(w[0] for w in outlet.split() if w[:1].isupper())
            by_initials = [c for c in self.credits if len(initials) >= 2 and c.label.upper() == initials]
            return by_initials or find_name_credits(self.article, self.norm, outlet)
        return []

    def name(self) -> str:
        return f"{self.article.outlet} ({self.id})" if self.article.outlet else self.id


def align_views(derived: ArticleView, origin: ArticleView) -> Alignment:
    """:func:`align` with the n-grams the views keep."""
    return align(derived.norm, origin.norm, grams=derived.grams, seeds=origin.seeds)


@functools.lru_cache(maxsize=4096)
def _view_of(article: Article) -> ArticleView:
    """Views are cached: an article stored earlier is compared with many new ones."""
    norm = normalize_text(article.text)
    return ArticleView(article, norm, tuple(find_credits(article, norm)))


@dataclass(frozen=True, slots=True)
class PairVerdict:
    derived: ArticleView
    origin: ArticleView
    relation: Relation
    score: float
    alignment: Alignment
    reason: str

    def passages(self) -> tuple[AlignedPassage, ...]:
        return to_passages(self.alignment)

    def drift(self) -> tuple[Drift, ...]:
        return measure_drift(
            self.alignment,
            self.derived.article.text,
            self.origin.article.text,
            blocks=self.relation is Relation.REPUBLICATION,
        )


def to_passages(alignment: Alignment, external: bool = False) -> tuple[AlignedPassage, ...]:
    d, o = alignment.derived, alignment.origin
    out = []
    for p in alignment.passages:
        ds, de = d.char_span(p.d0, p.d1)
        origin = None if external else Span(start=o.starts[p.o0], end=o.ends[p.o1 - 1])
        out.append(AlignedPassage(derived=Span(start=ds, end=de), origin=origin, similarity=round(p.similarity, 3)))
    return tuple(out)


def aware(t: datetime) -> datetime:
    return t if t.tzinfo else t.replace(tzinfo=UTC)


def _gap_words(seconds: float) -> str:
    if seconds >= 2 * 86400:
        return f"{seconds / 86400:.0f} days"
    if seconds >= 7200:
        return f"{seconds / 3600:.0f} h"
    return f"{max(seconds / 60, 1):.0f} min"


def was_stripped(article: Article) -> bool:
    """Publishers write cased, punctuated text; a lowercased text without punctuation is a scrape."""
    if article.normalized_input:
        return True
    head = article.raw[:4000]
    return len(head.split()) >= 50 and head == head.lower() and not any(c in head for c in ".,;:?!")


def decide_direction(a: ArticleView, b: ArticleView) -> tuple[ArticleView, ArticleView, str, Alignment]:
    """``(derived, origin, why, alignment of derived onto origin)``."""
    a_credits_b, b_credits_a = a.credits_of(b), b.credits_of(a)
    if a_credits_b and not b_credits_a:
        return a, b, describe(a_credits_b[0]), align_views(a, b)
    if b_credits_a and not a_credits_b:
        return b, a, describe(b_credits_a[0]), align_views(b, a)
    stripped_a, stripped_b = was_stripped(a.article), was_stripped(b.article)
    if stripped_a != stripped_b:
        copy, original = (a, b) if stripped_a else (b, a)
        return (
            copy,
            original,
            "it is a scraped copy stripped of case and punctuation; the other is the cased original",
            align_views(copy, original),
        )
    ta, tb = a.article.published, b.article.published
    if ta is not None and tb is not None and aware(ta) != aware(tb):
        later, earlier = (a, b) if aware(ta) > aware(tb) else (b, a)
        seconds = abs((aware(ta) - aware(tb)).total_seconds())
        return (
            later,
            earlier,
            f"{earlier.name()} was published {_gap_words(seconds)} earlier",
            align_views(later, earlier),
        )
    ab = align_views(a, b)
    if ab.in_order_coverage >= 0.5 and ab.chain:
        # a republication-like pair: the copy was cut from the origin, so the origin has more
        # text beyond the ends of the shared stretch (insertions in the middle do not count)
        first, last = ab.passages[ab.chain[0]], ab.passages[ab.chain[-1]]
        ends_a = first.d0 + len(a.norm) - last.d1
        ends_b = first.o0 + len(b.norm) - last.o1
        if abs(ends_a - ends_b) >= CUT_MIN_WORDS:
            if ends_b > ends_a:
                return (
                    a,
                    b,
                    f"it looks cut from the other ({ends_b - ends_a} more words beyond the shared "
                    "stretch in the other)",
                    ab,
                )
            ba = align_views(b, a)
            return (
                b,
                a,
                f"it looks cut from the other ({ends_a - ends_b} more words beyond the shared stretch in the other)",
                ba,
            )
    cov_a, cov_b = ab.coverage_derived, ab.coverage_origin
    if abs(cov_a - cov_b) < 1e-9:
        cov_a, cov_b = len(b.norm), len(a.norm)  # equal coverage: the shorter text is the copy
        if cov_a == cov_b:
            cov_a, cov_b = (1, 0) if a.id > b.id else (0, 1)
    if cov_a >= cov_b:
        return (
            a,
            b,
            f"it is the more contained text ({ab.coverage_derived:.0%} of it vs {ab.coverage_origin:.0%} of the other)",
            ab,
        )
    ba = align_views(b, a)
    return (
        b,
        a,
        f"it is the more contained text ({ba.coverage_derived:.0%} of it vs {ba.coverage_origin:.0%} of the other)",
        ba,
    )


def _inside(span: tuple[int, int], ranges: tuple[tuple[int, int], ...]) -> bool:
    """At least 70% of ``span`` lies in ``ranges`` (sorted and disjoint, as regex matches come)."""
    s, e = span
    inside = 0
    for a, b in itertools.islice(ranges, bisect.bisect_right(ranges, s, key=operator.itemgetter(1)), None):
        if a >= e:
            break
        inside += max(0, min(e, b) - max(s, a))
    return inside >= 0.7 * max(e - s, 1)


def quoted_words(al: Alignment, derived: ArticleView, origin: ArticleView) -> int:
    """Matched words that sit inside quotation marks (in either text): a quotation shared by two
    reports may come from the speaker, not from one report copying the other."""
    total = 0
    for p in al.passages:
        d_span = al.derived.char_span(p.d0, p.d1)
        o_span = (al.origin.starts[p.o0], al.origin.ends[p.o1 - 1])
        if _inside(d_span, derived.quoted) or _inside(o_span, origin.quoted):
            total += p.matched
    return total


def relation_of(al: Alignment, credited: bool, quoted: int = 0) -> tuple[Relation, float] | None:
    """The relation implied by an alignment (derived's point of view), with a score in [0, 1].
    ``quoted``: matched words inside quotations (they count only for a copy that credits)."""
    n = len(al.passages)
    if (
        al.in_order_coverage >= REPUBLICATION_IN_ORDER
        and al.longest >= REPUBLICATION_LONGEST
        and al.coverage_origin >= REPUBLICATION_ORIGIN_COVERAGE
    ):
        return Relation.REPUBLICATION, round(al.in_order_coverage, 3)
    matched, cov = al.matched_derived, al.coverage_derived
    own = matched - quoted  # reused narration, not shared quotations
    own_cov = own / max(len(al.derived), 1)
    substantial = (
        own >= DIGEST_MIN_MATCHED
        and own_cov >= DIGEST_MIN_COVERAGE
        and (n >= DIGEST_MIN_PASSAGES or (n >= 2 and own_cov >= DIGEST_TWO_PASSAGE_COVERAGE))
    )
    credited_reuse = (
        credited
        and matched >= CREDITED_MIN_MATCHED
        and cov >= CREDITED_MIN_COVERAGE
        and (n >= 2 or al.longest >= CREDITED_ONE_PASSAGE_WORDS)
    )
    if substantial or credited_reuse:
        score = min(1.0, 0.5 + cov + (0.1 if credited else 0.0))
        return Relation.DIGEST, round(score, 3)
    if credited and matched >= REWRITE_MIN_MATCHED and cov >= REWRITE_MIN_COVERAGE:
        return Relation.REWRITE, round(min(1.0, 0.3 + cov), 3)
    return None


def classify_pair(a: ArticleView, b: ArticleView) -> PairVerdict | None:
    """The provenance relation between two articles sharing passages, or None (independent)."""
    derived, origin, why, al = decide_direction(a, b)
    credited = bool(derived.credits_of(origin))
    verdict = relation_of(al, credited, quoted_words(al, derived, origin))
    if verdict is None:
        return None
    relation, score = verdict
    words = al.matched_derived
    if relation is Relation.REPUBLICATION:
        what = f"{al.in_order_coverage:.0%} of the copy aligns in order to {origin.name()}'s text"
    else:
        what = f"{al.coverage_derived:.0%} of the copy ({words} words) reuses {origin.name()}'s text"
    reason = f"{what} in {len(al.passages)} passage{'s' if len(al.passages) != 1 else ''}; direction: {why}"
    return PairVerdict(derived, origin, relation, score, al, reason)
