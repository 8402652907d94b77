"""Main text and metadata from an HTML page.

``extract_html`` wraps trafilatura (the well-kept extractor) and goes beyond it where its users
report leaks:

1. the page is parsed once (lxml, through trafilatura's tolerant loader);
2. metadata is read from the tree: ``<meta>`` tags (Open Graph, Dublin Core, article:*), JSON-LD
   (``NewsArticle`` and friends), ``<html lang>``, ``<time>``, ``<h1>``;
3. site furniture is pruned from the tree *before* extraction, each pruned block recorded as a
   :class:`~storyline.model.Removal` with its reason: related-link lists, recommended stories,
   newsletter and subscription boxes, share bars, comments, cookie banners, captions, navigation
   (see :mod:`storyline.cleaning.html_furniture`);
4. trafilatura extracts the main text from the pruned tree (fast mode, comments off);
5. the text is post-filtered: the headline and dek are metadata, not body, and blocks that were
   link lists in the page are dropped.

Bad pages (empty, binary, not HTML) give an ``HtmlExtract`` with empty text; nothing raises on
bad content.
"""

from __future__ import annotations

import logging
import re
from datetime import datetime

import trafilatura
from lxml.html import HtmlElement
from trafilatura.utils import load_html

from storyline.cleaning.html_furniture import link_list_texts, prune_furniture
from storyline.cleaning.html_metadata import PageMetadata, read_page_metadata
from storyline.cleaning.metadata import extract_text_metadata
from storyline.model import Model, Removal

__all__ = ["HtmlExtract", "extract_html"]

LOGGER = logging.getLogger(__name__)

_WORD = re.compile(r"\w+")
# headings this long or shorter are compared to the title/dek; longer lines are body
_HEADING_MAX_CHARS = 400


class HtmlExtract(Model, frozen=True):
    """What ``extract_html`` found in one page."""

    text: str = ""  # main body, paragraphs separated by a blank line
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


def _words(text: str) -> str:
    return " ".join(_WORD.findall(text.lower()))


def _load(html: str | bytes) -> HtmlElement | None:
    if not html or (isinstance(html, str) and not html.strip()):
        return None
    try:
        tree = load_html(html)
    except Exception as err:  # bad content is data: lxml and the decoder raise on odd bytes
        LOGGER.debug("unparsable page: %s", err)
        return None
    if tree is None or not isinstance(tree, HtmlElement):
        return None
    return tree


def _body_lines(tree: HtmlElement, url: str | None) -> list[str]:
    try:
        text = trafilatura.extract(
            tree,
            url=url,
            fast=True,
            include_comments=False,
            include_tables=True,
            include_images=False,
            deduplicate=False,
        )
    except Exception as err:  # trafilatura is robust, but a page must never crash a run
        LOGGER.debug("trafilatura failed: %s", err)
        return []
    if not text:
        return []
    return [line.strip() for line in text.split("\n") if line.strip()]


def _filter_lines(
    lines: list[str], meta: PageMetadata, link_lists: frozenset[str]
) -> tuple[list[str], list[Removal]]:
    """Drop the headline and dek from the head of the body, and lines that were link lists."""
    removed: list[Removal] = []
    heads = {}
    if meta.title:
        heads[_words(meta.title)] = "title"
    for alt in meta.title_variants:
        heads.setdefault(_words(alt), "title")
    if meta.dek:
        heads.setdefault(_words(meta.dek), "dek")
    kept: list[str] = []
    for index, line in enumerate(lines):
        norm = _words(line.lstrip("-•* "))
        if not norm:
            continue
        # the headline/dek repeated at the top of the body (only near the start: a later line
        # that happens to equal the dek is body text quoting it)
        if index < 4 and len(line) <= _HEADING_MAX_CHARS and norm in heads:
            reason = heads[norm]
            removed.append(Removal(text=line, reason=reason, detail=f"the page's {reason}, kept as metadata"))
            continue
        if norm in link_lists:
            removed.append(
                Removal(text=line, reason="link-list", detail="a block made of links (related stories, tags)")
            )
            continue
        kept.append(line)
    return kept, removed


def extract_html(html: str, url: str | None = None) -> HtmlExtract:
    """Main text and metadata of one HTML page; bad pages give empty text, never an exception."""
    tree = _load(html)
    if tree is None:
        return HtmlExtract()
    try:
        meta = read_page_metadata(tree, url)
    except Exception as err:  # metadata is best effort; odd markup must not lose the body
        LOGGER.debug("metadata failed: %s", err)
        meta = PageMetadata()
    removed = prune_furniture(tree)
    link_lists = link_list_texts(tree)
    lines = _body_lines(tree, url)
    lines, line_removals = _filter_lines(lines, meta, link_lists)
    removed.extend(line_removals)
    text = "\n\n".join(lines)
    dateline: str | None = None
    credits: list[str] = []
    if text:
        found = extract_text_metadata(text[:2000])
        dateline = found.dateline
        credits.extend(found.credits)
    for credit in meta.credits:
        if credit not in credits:
            credits.append(credit)
    return HtmlExtract(
        text=text,
        title=meta.title,
        dek=meta.dek,
        byline=meta.byline,
        outlet=meta.outlet,
        published=meta.published,
        updated=meta.updated,
        language=meta.language,
        dateline=dateline,
        credits=tuple(credits),
        removed=tuple(removed),
    )
