"""An article as a store writes it: its indexed columns and its document, made where it was cleaned.

A worker that cleans an article turns it into an :class:`ArticleRecord` before it crosses to the
process that stores it: that process then neither encodes the document again nor rebuilds the
Article (the record's strings and bytes cross a process boundary for a fraction of the cost).
"""

from __future__ import annotations

from datetime import UTC, datetime

import msgspec

from storyline.model import Article

_enc = msgspec.json.Encoder()
_dec_article = msgspec.json.Decoder(Article)


def iso_utc(value: datetime | None) -> str | None:
    """The ISO text of ``value`` in UTC (a naive value is taken as UTC), as the store's columns keep it."""
    if value is None:
        return None
    if value.tzinfo is None:
        value = value.replace(tzinfo=UTC)
    return value.astimezone(UTC).isoformat()


class ArticleRecord(msgspec.Struct, frozen=True, array_like=True):
    id: str
    version: str
    source: str
    url: str | None
    outlet: str | None
    title: str | None
    published: str | None  # iso_utc
    updated: str | None  # iso_utc
    ingested_at: str | None  # iso_utc
    text: str
    doc: bytes  # the whole Article as msgspec JSON

    def article(self) -> Article:
        return _dec_article.decode(self.doc)


def article_record(article: Article) -> ArticleRecord:
    return ArticleRecord(
        id=article.id,
        version=article.version,
        source=article.source,
        url=article.url,
        outlet=article.outlet,
        title=article.title,
        published=iso_utc(article.published),
        updated=iso_utc(article.updated),
        ingested_at=iso_utc(article.ingested_at),
        text=article.text,
        doc=_enc.encode(article),
    )
