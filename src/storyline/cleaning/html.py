"""PLACEHOLDER (drop when merging the real cleaning/html.py): main text and metadata via trafilatura."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

import trafilatura

from storyline.model import Removal


@dataclass(frozen=True)
class HtmlExtract:
    text: str = ""
    title: str | None = None
    dek: str | None = None
    byline: str | None = None
    outlet: str | None = None
    published: datetime | None = None
    updated: datetime | None = None
    language: str | None = None
    dateline: str | None = None
    credits: tuple[str, ...] = ()
    removed: tuple[Removal, ...] = ()


def _date(value: object) -> datetime | None:
    if not isinstance(value, str) or not value:
        return None
    try:
        return datetime.fromisoformat(value)
    except ValueError:
        return None


def extract_html(html: str, url: str | None = None) -> HtmlExtract:
    doc = trafilatura.bare_extraction(html, url=url, with_metadata=True, include_comments=False)
    if doc is None:
        return HtmlExtract()
    return HtmlExtract(
        text=getattr(doc, "text", None) or "",
        title=getattr(doc, "title", None),
        dek=getattr(doc, "description", None),
        byline=getattr(doc, "author", None),
        outlet=getattr(doc, "sitename", None),
        published=_date(getattr(doc, "date", None)),
        language=getattr(doc, "language", None),
    )
