"""What one outlet prints around every article: furniture learned from repetition.

Lines that recur across several different articles of the same outlet (newsletter prompts, author
bios, "top stories" lists, footers) are furniture there. :func:`learn_outlet_profile` counts each
line's normalized words across articles; copies of one story (two versions of the same article,
which share most of their lines) count once, so a story's own paragraphs are not learned as
furniture. For one-line stripped text, recurring word 8-grams play the role of lines.
"""

from __future__ import annotations

import re
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


# a capitalised word inside a sentence (after a lowercase word or a comma): names, places, bodies
_NAME_RE = re.compile(r"(?<=[a-z,;] )[A-Z][\w'\u2019-]+")
TOPIC_OVERLAP = 0.2  # Jaccard of two articles' names above which they are about the same thing
MIN_FURNITURE_ARTICLES = 3


def _names(blocks: list[str]) -> set[str]:
    return {m.group(0).lower() for b in blocks for m in _NAME_RE.finditer(b)}


def _topics(names: list[set[str]]) -> list[int]:
    """A topic number per article: articles whose names overlap (Jaccard >= TOPIC_OVERLAP) share
    one, and so, transitively, do the articles linked through them."""
    parent = list(range(len(names)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i, a in enumerate(names):
        for j in range(i):
            b = names[j]
            if a and b and len(a & b) >= TOPIC_OVERLAP * len(a | b):
                parent[root(i)] = root(j)
    return [root(i) for i in range(len(names))]


def recurring_furniture(
    texts: list[str], min_share: float = 0.3, min_articles: int = MIN_FURNITURE_ARTICLES
) -> frozenset[str]:
    """The lines (their :func:`~storyline.cleaning.furniture.block_keys`) an outlet prints on
    articles about different things: furniture its pages repeat that the rules on one text missed.

    A line qualifies when it recurs in at least ``max(min_articles, min_share * n)`` of the ``n``
    distinct articles (versions of one article count once, as in :func:`learn_outlet_profile`)
    and those articles are about at least two different things (their names, the capitalised
    words inside sentences, barely overlap). So a background paragraph that an outlet reuses
    across its follow-ups on one story stays: those articles name the same people and places.
    Stripped (normalized) texts are left out: they have no lines to repeat.
    """
    cased = []
    for text in texts:
        if not is_normalized_text(text):
            blocks = split_blocks(text)
            keys = [" ".join(words_of(b)) for b in blocks]
            cased.append((blocks, keys, {k for k in keys if k.count(" ") >= 2}))
    # lines common to many texts, before versions are told apart: two short articles that share
    # only the outlet's furniture are not versions of each other
    common_need = max(min_articles, int(min_share * len(cased) + 0.999))
    common = {k for k, c in Counter(k for *_, full in cased for k in full).items() if c >= common_need}
    distinct: list[tuple[list[str], list[str]]] = []  # (blocks, keys) per distinct article
    seen: list[set[str]] = []
    owns: list[set[str]] = []
    for blocks, keys, full in cased:
        own = full - common
        if not own or any(len(own & o) > 0.5 * len(own) for o in owns):
            continue
        owns.append(own)
        seen.append(full)
        distinct.append((blocks, keys))
    need = max(min_articles, int(min_share * len(distinct) + 0.999))
    counts = Counter(k for d in seen for k in d)
    candidates = {k for k, c in counts.items() if c >= need}
    if not candidates:
        return frozenset()
    topics = _topics([_names([b for b, k in zip(*d, strict=True) if k not in candidates]) for d in distinct])
    carried: dict[str, set[int]] = {}
    for topic, d in zip(topics, seen, strict=True):
        for k in d & candidates:
            carried.setdefault(k, set()).add(topic)
    return frozenset(k for k, ts in carried.items() if len(ts) >= 2)


def recurring_runs(
    texts: list[str], min_share: float = 0.3, min_articles: int = MIN_FURNITURE_ARTICLES
) -> frozenset[str]:
    """The word 8-grams (lowercased, as :func:`normalized_tokens` reads them) that an outlet's
    once-stripped articles about different things share: furniture a scrape ran into the text
    ("follow us on whatsapp for breaking news"), which has no line of its own to repeat. The same
    counting as :func:`recurring_furniture`, over runs instead of lines."""
    docs = []
    for text in texts:
        toks = normalized_tokens(text)
        grams = {" ".join(toks[i : i + NGRAM]) for i in range(len(toks) - NGRAM + 1)}
        if grams:
            docs.append((grams, text))
    common_need = max(min_articles, int(min_share * len(docs) + 0.999))
    common = {g for g, c in Counter(g for grams, _ in docs for g in grams).items() if c >= common_need}
    distinct: list[tuple[set[str], str]] = []
    owns: list[set[str]] = []
    for grams, text in docs:
        own = grams - common
        if not own or any(len(own & o) > 0.5 * len(own) for o in owns):
            continue
        owns.append(own)
        distinct.append((grams, text))
    need = max(min_articles, int(min_share * len(distinct) + 0.999))
    counts = Counter(g for grams, _ in distinct for g in grams)
    candidates = {g for g, c in counts.items() if c >= need}
    if not candidates:
        return frozenset()
    topics = _topics([_names([text]) for _, text in distinct])
    carried: dict[str, set[int]] = {}
    for topic, (grams, _) in zip(topics, distinct, strict=True):
        for g in grams & candidates:
            carried.setdefault(g, set()).add(topic)
    return frozenset(g for g, ts in carried.items() if len(ts) >= 2)
