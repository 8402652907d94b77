"""What one outlet prints around every article: furniture learned from repetition.

Lines that recur across several different articles of the same outlet (newsletter prompts, author
bios, "top stories" lists, footers) are furniture there. :func:`learn_outlet_profile` counts each
line's normalized words across articles; copies of one story (two versions of the same article,
which share most of their lines) count once, so a story's own paragraphs are not learned as
furniture. For one-line stripped text, recurring word 8-grams play the role of lines.
"""

from __future__ import annotations

from collections import Counter

import msgspec

from storyline.cleaning.furniture import split_blocks, words_of
from storyline.cleaning.normalized import is_normalized_text, normalized_tokens

NGRAM = 8


class OutletProfile(msgspec.Struct, frozen=True, kw_only=True):
    """Furniture of one outlet, learned from its articles (JSON-serialisable)."""

    articles: int = 0  # distinct articles it was learned from
    min_articles: int = 2  # a line must recur in at least this many of them
    lines: tuple[str, ...] = ()  # normalized words of furniture lines
    ngrams: tuple[str, ...] = ()  # normalized word 8-grams recurring in stripped text

    def line_keys(self) -> frozenset[str]:
        return frozenset(self.lines)


def _line_keys(text: str) -> set[str]:
    return {" ".join(words_of(b)) for b in split_blocks(text) if len(words_of(b)) >= 3}


def _ngrams(text: str) -> set[str]:
    toks = normalized_tokens(text)
    return {" ".join(toks[i : i + NGRAM]) for i in range(len(toks) - NGRAM + 1)}


def learn_outlet_profile(texts: list[str], min_share: float = 0.3) -> OutletProfile:
    """Learn the outlet's furniture from several of its articles' plain texts.

    A line is furniture when it recurs in at least ``max(2, min_share * articles)`` distinct
    articles. Articles that share more than half their lines with an earlier one are treated as
    versions of it and not counted again.
    """
    distinct: list[set[str]] = []
    stripped: list[set[str]] = []
    for text in texts:
        if is_normalized_text(text):
            grams = _ngrams(text)
            if any(len(grams & g) > 0.5 * max(1, len(grams)) for g in stripped):
                continue
            stripped.append(grams)
            continue
        keys = _line_keys(text)
        if not keys or any(len(keys & d) > 0.5 * len(keys) for d in distinct):
            continue
        distinct.append(keys)
    n = len(distinct) + len(stripped)
    need = max(2, int(min_share * n + 0.999))
    line_counts = Counter(k for d in distinct for k in d)
    gram_counts = Counter(g for s in stripped for g in s)
    lines = tuple(sorted(k for k, c in line_counts.items() if c >= need))
    ngrams = tuple(sorted(g for g, c in gram_counts.items() if c >= need))
    return OutletProfile(articles=n, min_articles=need, lines=lines, ngrams=ngrams)


def drop_recurring_ngrams(tokens: list[str], profile: OutletProfile) -> tuple[list[str], list[str]]:
    """Remove the runs of ``tokens`` covered by the profile's recurring 8-grams.

    Returns the kept tokens and the removed runs (as text).
    """
    grams = frozenset(profile.ngrams)
    if not grams or len(tokens) < NGRAM:
        return tokens, []
    covered = [False] * len(tokens)
    for i in range(len(tokens) - NGRAM + 1):
        if " ".join(tokens[i : i + NGRAM]) in grams:
            for k in range(i, i + NGRAM):
                covered[k] = True
    kept: list[str] = []
    runs: list[str] = []
    run: list[str] = []
    for tok, cov in zip(tokens, covered, strict=True):
        if cov:
            run.append(tok)
            continue
        if run:
            runs.append(" ".join(run))
            run = []
        kept.append(tok)
    if run:
        runs.append(" ".join(run))
    return kept, runs
