"""Per-article stages: pure functions of one article, so any runner can map them.

``analyze_article`` is the one function a runner ships to its workers: it cleans the article and
runs every per-article analysis on the result, so an article crosses a process boundary once.
"""

from __future__ import annotations

import msgspec

from storyline.cleaning import clean_article
from storyline.ingest.records import outlet_from_url, reject
from storyline.model import Article, Quote, Rejection, Stage
from storyline.store.records import ArticleRecord, article_record

MIN_WORDS = 4  # fewer words than this is a shell page or a fragment, not an article


class ArticleResult(msgspec.Struct, frozen=True):
    article: Article | None
    quotes: tuple[Quote, ...] = ()
    rejection: Rejection | None = None


class RecordResult(msgspec.Struct, frozen=True):
    """An :class:`ArticleResult` with its article as the store writes it (see
    :mod:`storyline.store.records`): what a worker sends to the process that stores it."""

    record: ArticleRecord | None
    quotes: tuple[Quote, ...] = ()
    rejection: Rejection | None = None

    @classmethod
    def of(cls, result: ArticleResult) -> RecordResult:
        record = article_record(result.article) if result.article is not None else None
        return cls(record=record, quotes=result.quotes, rejection=result.rejection)


def clean_stage(article: Article) -> Article | Rejection:
    try:
        cleaned = clean_article(article)
    except Exception as exc:  # a bug in cleaning must not lose the article: record it
        return reject(article.source, "clean-failed", f"cleaning failed: {type(exc).__name__}: {exc}", Stage.CLEAN)
    if cleaned.outlet is None and cleaned.url:
        cleaned = cleaned.replace(outlet=outlet_from_url(cleaned.url))
    words = len(cleaned.text.split(None, MIN_WORDS))  # the count when under MIN_WORDS, else more
    if words < MIN_WORDS:
        detail = "no article text was found in it" if not words else f"only {words} word(s) of text found"
        return reject(article.source, "no-text", detail, Stage.CLEAN)
    return cleaned


def quotes_stage(article: Article) -> tuple[Quote, ...]:
    from storyline.attribution import extract_quotes

    return tuple(extract_quotes(article))


def analyze_article(article: Article, *, with_quotes: bool = True) -> ArticleResult:
    cleaned = clean_stage(article)
    if isinstance(cleaned, Rejection):
        return ArticleResult(article=None, rejection=cleaned)
    quotes: tuple[Quote, ...] = ()
    if with_quotes:
        try:
            quotes = quotes_stage(cleaned)
        except Exception as exc:  # keep the article; record that attribution failed on it
            return ArticleResult(
                article=cleaned,
                rejection=reject(
                    cleaned.source,
                    "attribution-failed",
                    f"attribution failed: {type(exc).__name__}: {exc}",
                    Stage.ATTRIBUTION,
                ),
            )
    return ArticleResult(article=cleaned, quotes=quotes)


def clean_only(article: Article) -> ArticleResult:
    return analyze_article(article, with_quotes=False)
