"""Corpus stage: furniture an outlet prints on its pages, learned from repetition across its articles.

The cleaning rules judge one text at a time. What they miss, an outlet's own pages give away: a
line it prints on many of its articles about different things (a footer, a standing promotion, a
"more from the desk" line) is furniture there. Each round, for every outlet with new articles,
its newest stored articles (up to ``OUTLET_SAMPLE``) are read, the lines they repeat across
topics are found (:func:`storyline.cleaning.profile.recurring_furniture`; for scrapes stripped
of case and punctuation, which have no lines, the word runs they repeat:
:func:`~storyline.cleaning.profile.recurring_runs`), and every sampled article that prints one
loses it. That article
gets a new version (tag ``+outlet:<digest>``; the text before it stays among the versions, the
scrape in ``raw``), its removals say why ("recurs across this outlet's articles"), its quotes are
extracted again from the new text and its stored provenance spans move onto it. Earlier articles
of the outlet are fixed when the later ones reveal their furniture; their stories are analysed
again.
"""

from __future__ import annotations

import bisect
import hashlib
import re
from collections.abc import Sequence
from dataclasses import dataclass

from storyline.model import Article, Quote, Removal, Span
from storyline.runner import InlineRunner, Runner
from storyline.store import Store

OUTLET_SAMPLE = 200  # newest articles of an outlet read to learn its furniture
OUTLET_VERSION_TAG = "+outlet:"
_DETAIL = "recurs across this outlet's articles about different things"
_RUN_DETAIL = "words this outlet's scrapes repeat across articles about different things"
_LATER_TAGS = ("+twin:", "+passages:")  # restoration tags stay last (see restoration_twin.restored_from)


@dataclass(frozen=True)
class OutletJob:
    article: Article
    lines: frozenset[str]  # the outlet's furniture lines (block keys)
    runs: frozenset[str] = frozenset()  # its recurring word 8-grams (for once-stripped articles)


@dataclass(frozen=True)
class OutletCleaning:
    article: Article  # the new version
    quotes: tuple[Quote, ...]
    cuts: tuple[tuple[int, int], ...]  # character ranges of the old text that went


class DeletionMap:
    """Maps character spans of a text onto the same text with some character ranges cut out."""

    def __init__(self, deleted: Sequence[tuple[int, int]]) -> None:
        self._deleted = sorted(deleted)
        self._starts = [s for s, _ in self._deleted]
        self._before = [0]  # characters cut before each range
        for s, e in self._deleted:
            self._before.append(self._before[-1] + e - s)

    def _at(self, pos: int, end: bool) -> int:
        k = bisect.bisect_right(self._starts, pos) - 1  # the last cut starting at or before pos
        if k >= 0 and pos < self._deleted[k][1]:
            # inside a cut: a start moves to the text after it, an end to the text before it
            s, e = self._deleted[k]
            return s - self._before[k] if end else e - self._before[k + 1]
        return pos - self._before[k + 1]

    def span(self, span: Span) -> Span:
        start, end = self._at(span.start, end=False), self._at(span.end, end=True)
        return Span(start=start, end=max(start, end))


def tagged_version(version: str, lines: frozenset[str]) -> str:
    """``version`` with the outlet tag for ``lines`` (replacing an earlier one), before any
    restoration tag."""
    later = min((version.find(t) for t in _LATER_TAGS if t in version), default=len(version))
    head, tail = version[:later], version[later:]
    head = head.split(OUTLET_VERSION_TAG)[0]
    digest = hashlib.blake2b("\n".join(sorted(lines)).encode(), digest_size=6).hexdigest()
    return f"{head}{OUTLET_VERSION_TAG}{digest}{tail}"


def line_cuts(text: str, lines: frozenset[str]) -> list[tuple[int, int]]:
    """Character ranges of ``text`` holding its lines whose words are one of ``lines``, each with
    the line breaks before it (after it, for the first line), so paragraphs stay set off as they
    were."""
    from storyline.cleaning.furniture import words_of

    cuts = []
    for m in _LINE.finditer(text):
        if m.group().strip() and " ".join(words_of(m.group())) in lines:
            start, end = m.start(), m.end()
            while start > 0 and text[start - 1].isspace():
                start -= 1
            if start == 0:
                while end < len(text) and text[end].isspace():
                    end += 1
            cuts.append((start, end))
    return cuts


_LINE = re.compile(r"[^\n]+")


def run_cuts(text: str, runs: frozenset[str]) -> list[tuple[int, int]]:
    """Character ranges of ``text`` its recurring word 8-grams cover, each with the marks and
    spaces after it up to the next word."""
    from storyline.cleaning.normalized import iter_tokens
    from storyline.cleaning.profile import NGRAM

    toks = list(iter_tokens(text))
    norms = [m.group().lower() for m in toks]
    covered = [False] * len(toks)
    for i in range(len(toks) - NGRAM + 1):
        if " ".join(norms[i : i + NGRAM]) in runs:
            covered[i : i + NGRAM] = [True] * NGRAM
    cuts: list[tuple[int, int]] = []
    i = 0
    while i < len(toks):
        if not covered[i]:
            i += 1
            continue
        j = i
        while j + 1 < len(toks) and covered[j + 1]:
            j += 1
        cuts.append((toks[i].start(), toks[j + 1].start() if j + 1 < len(toks) else len(text)))
        i = j + 1
    return cuts


def cut_text(text: str, cuts: Sequence[tuple[int, int]]) -> tuple[str, list[tuple[int, int]]]:
    """``text`` without ``cuts`` (overlapping ones merged), and the merged cuts."""
    merged: list[tuple[int, int]] = []
    for s, e in sorted(cuts):
        if merged and s <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], e))
        else:
            merged.append((s, e))
    parts, pos = [], 0
    for s, e in merged:
        parts.append(text[pos:s])
        pos = e
    parts.append(text[pos:])
    return "".join(parts), merged


def clean_outlet_job(job: OutletJob) -> OutletCleaning | None:
    """The article without its outlet's furniture lines, and its quotes; None when none of those
    lines is in it (or nothing else would be left)."""
    from storyline.attribution import extract_quotes

    article = job.article
    cuts = line_cuts(article.text, job.lines)
    runs = run_cuts(article.text, job.runs) if job.runs else []
    text, merged = cut_text(article.text, cuts + runs)
    if not merged or not text.strip():
        return None
    removed = [
        Removal(
            text=article.text[s:e].strip(),
            reason="outlet-furniture",
            detail=_RUN_DETAIL if any(a <= s < b for a, b in runs) else _DETAIL,
        )
        for s, e in merged
    ]
    new = article.replace(
        text=text,
        removed=(*article.removed, *removed),
        version=tagged_version(article.version, job.lines | job.runs),
    )
    return OutletCleaning(article=new, quotes=tuple(extract_quotes(new)), cuts=tuple(merged))


def outlet_jobs(store: Store, new: Sequence[Article]) -> list[OutletJob]:
    """A job for every sampled article of an outlet with new articles that prints a line the
    outlet repeats across topics."""
    from storyline.cleaning.furniture import block_keys, split_blocks
    from storyline.cleaning.normalized import normalized_tokens
    from storyline.cleaning.profile import MIN_FURNITURE_ARTICLES, NGRAM, recurring_furniture, recurring_runs

    jobs: list[OutletJob] = []
    for outlet in sorted({a.outlet for a in new if a.outlet}):
        sample = list(store.iter_articles(outlet=outlet, newest_first=True, limit=OUTLET_SAMPLE))
        if len(sample) < MIN_FURNITURE_ARTICLES:
            continue
        lines = recurring_furniture([a.text for a in sample])
        stripped = [a for a in sample if a.normalized_input]
        runs = recurring_runs([a.text for a in stripped]) if len(stripped) >= MIN_FURNITURE_ARTICLES else frozenset()
        if not lines and not runs:
            continue
        for a in sample:
            has_line = not lines.isdisjoint(block_keys(split_blocks(a.text)))
            has_run = False
            if runs and a.normalized_input:
                toks = normalized_tokens(a.text)
                has_run = any(" ".join(toks[i : i + NGRAM]) in runs for i in range(len(toks) - NGRAM + 1))
            if has_line or has_run:
                jobs.append(OutletJob(a, lines, runs if has_run else frozenset()))
    return jobs


def run_outlet_furniture(store: Store, new: Sequence[Article], runner: Runner | None = None) -> dict[str, Article]:
    """Clean again the articles of the outlets in ``new`` that print their outlet's recurring
    furniture; returns the new versions by id (new articles and earlier ones of those outlets)."""
    from storyline.cleaning.restoration_twin import remap_edge

    out: dict[str, Article] = {}
    for done in (runner or InlineRunner()).map(clean_outlet_job, outlet_jobs(store, new)):
        if done is None:
            continue
        aid = done.article.id
        spans = DeletionMap(done.cuts)
        remapped = [remap_edge(e, aid, spans) for e in store.edges(article_ids=[aid])]
        with store.transaction():
            store.put_article(done.article)
            store.put_edges(remapped)
            store.put_quotes(aid, done.quotes)
        out[aid] = done.article
    return out
