"""Cleaning (placeholder until the cleaning stage lands): main text from HTML via trafilatura,
whitespace normalisation for plain text."""

from __future__ import annotations

import re

from storyline.model import Article, SourceFormat

_BLANKS = re.compile(r"\n\s*\n+")
_SPACES = re.compile(r"[ \t\u00a0]+")


def _normalize(text: str) -> str:
    paras = [_SPACES.sub(" ", p).strip() for p in _BLANKS.split(text)]
    return "\n\n".join(p for p in paras if p)


def clean_article(article: Article, profile: object | None = None) -> Article:
    if article.format is SourceFormat.HTML:
        import trafilatura

        doc = trafilatura.bare_extraction(article.raw, url=article.url, with_metadata=True)
        if doc is None:
            return article.replace(text="")
        return article.replace(
            text=_normalize(doc.text or ""),
            title=article.title or doc.title,
            byline=article.byline or doc.author,
            outlet=article.outlet or doc.sitename,
        )
    return article.replace(text=_normalize(article.raw))
