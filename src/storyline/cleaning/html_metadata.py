"""Article metadata read from a parsed HTML page: meta tags, JSON-LD, ``<html lang>``, ``<time>``.

Sources are tried from the most to the least deliberate: JSON-LD ``NewsArticle`` (written for
search engines), Open Graph / ``article:*`` meta tags, then plain markup (``<h1>``, ``<title>``,
``<time datetime>``, ``rel=author``).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import datetime
from email.utils import parsedate_to_datetime
from typing import NamedTuple
from urllib.parse import urlsplit

import msgspec
from lxml import etree
from lxml.html import HtmlElement

from storyline.cleaning.metadata import parse_written_date
from storyline.model import Model

__all__ = ["PageMetadata", "parse_date", "read_page_metadata"]

_ARTICLE_TYPES = {
    "newsarticle",
    "article",
    "blogposting",
    "reportagenewsarticle",
    "analysisnewsarticle",
    "opinionnewsarticle",
    "webpage",
    "liveblogposting",
    "report",
    "scholarlyarticle",
    "backgroundnewsarticle",
    "techarticle",
    "socialmediaposting",
}
# "Title | Outlet", "Title - Outlet": the site name after the last separator
_TITLE_SUFFIX = re.compile(r"\s+[|\-–—:·•]\s+[^|\-–—:·•]{2,60}$")
_SPACES = re.compile(r"\s+")
_BY = re.compile(r"^(?:by|von|par|por|di|door)\s+", re.IGNORECASE)
_ISO_FRACTION = re.compile(r"(\.\d{1,6})\d*")
_DATE_FORMS = ("%Y/%m/%d %H:%M:%S", "%Y/%m/%d", "%Y%m%d", "%d.%m.%Y", "%Y-%m-%d %H:%M:%S %z")
_MONTH_NAME = re.compile(r"(?i)\b(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\b")

# compiled once (a string passed to ``tree.xpath`` is compiled again on every call); meta tags,
# JSON-LD scripts and headings are collected in one walk (_page_nodes) instead
_AUTHOR_LINKS = etree.XPath('//a[@rel="author"]')
_TIMES = etree.XPath("//time[@datetime]")


class PageMetadata(Model, frozen=True):
    title: str | None = None
    title_variants: tuple[str, ...] = ()  # og:title, <h1>, <title>: the headline as the page shows it
    dek: str | None = None
    byline: str | None = None
    outlet: str | None = None
    published: datetime | None = None
    updated: datetime | None = None
    language: str | None = None
    credits: tuple[str, ...] = ()  # wire credits named in markup (JSON-LD sourceOrganization)


def _clean(value: object) -> str | None:
    if not isinstance(value, str):
        return None
    text = _SPACES.sub(" ", value).strip()
    return text or None


def parse_date(value: object) -> datetime | None:
    """ISO 8601 dates (what meta tags and JSON-LD carry); other forms through dateparser."""
    text = _clean(value)
    if not text or len(text) > 64:
        return None
    iso = text.replace("Z", "+00:00") if text.endswith("Z") else text
    iso = _ISO_FRACTION.sub(lambda m: m.group(1)[:7], iso, count=1)
    try:
        return datetime.fromisoformat(iso)
    except ValueError:
        pass
    for form in _DATE_FORMS:
        try:
            return datetime.strptime(text, form)
        except ValueError:
            continue
    try:
        return parsedate_to_datetime(text)  # RFC 2822, as in HTTP headers and RSS
    except (TypeError, ValueError, IndexError):
        pass
    if not _MONTH_NAME.search(text) or not any(ch.isdigit() for ch in text):
        return None
    written = parse_written_date(text)
    if written is not None:
        return written
    import dateparser  # slow to import and to warm up; only written-out dates need it

    try:
        return dateparser.parse(text, languages=["en"], settings={"PREFER_DAY_OF_MONTH": "first"})
    except Exception:  # dateparser raises on some malformed strings; a bad date is just no date
        return None


class _PageNodes(NamedTuple):
    metas: list[HtmlElement]  # //meta[@content]
    scripts: list[HtmlElement]  # //script[@type="application/ld+json"]
    h1s: list[HtmlElement]  # //h1


def _page_nodes(tree: HtmlElement) -> _PageNodes:
    """What three XPath searches of the whole document found, in document order, from one walk
    whose tag test runs in C (each XPath search walked every node of the page)."""
    found = _PageNodes([], [], [])
    for node in tree.getroottree().getroot().iter("meta", "script", "h1"):
        tag = node.tag
        if tag == "meta":
            if node.get("content") is not None:
                found.metas.append(node)
        elif tag == "script":
            if node.get("type") == "application/ld+json":
                found.scripts.append(node)
        else:
            found.h1s.append(node)
    return found


def _json_ld_objects(scripts: list[HtmlElement]) -> Iterator[dict[str, object]]:
    for script in scripts:
        raw = (script.text or "").strip()
        if not raw:
            continue
        try:
            data = msgspec.json.decode(raw.encode("utf-8", "replace"))
        except msgspec.DecodeError:
            continue
        stack = [data]
        while stack:
            item = stack.pop()
            if isinstance(item, list):
                stack.extend(reversed(item))
            elif isinstance(item, dict):
                if "@graph" in item:
                    stack.append(item["@graph"])
                yield item


def _types(item: dict[str, object]) -> set[str]:
    kind = item.get("@type")
    kinds = kind if isinstance(kind, list) else [kind]
    return {k.lower() for k in kinds if isinstance(k, str)}


def _names(value: object) -> list[str]:
    values = value if isinstance(value, list) else [value]
    names: list[str] = []
    for entry in values:
        name = _clean(entry.get("name")) if isinstance(entry, dict) else _clean(entry)
        if name and not name.startswith("http") and name not in names:
            names.append(name)
    return names


def _meta(metas: list[HtmlElement]) -> dict[str, str]:
    found: dict[str, str] = {}
    for node in metas:
        key = node.get("property") or node.get("name") or node.get("itemprop") or node.get("http-equiv")
        value = _clean(node.get("content"))
        if key and value:
            found.setdefault(key.strip().lower(), value)
    return found


def _first(*values: str | None) -> str | None:
    for value in values:
        if value:
            return value
    return None


def _outlet_from_title(title: str | None) -> str | None:
    if not title:
        return None
    match = _TITLE_SUFFIX.search(title)
    return match.group(0).lstrip(" |-–—:·•").strip() if match else None


def read_page_metadata(tree: HtmlElement, url: str | None = None) -> PageMetadata:
    nodes = _page_nodes(tree)
    meta = _meta(nodes.metas)
    ld: dict[str, object] = {}
    publisher: str | None = None
    credits: list[str] = []
    for item in _json_ld_objects(nodes.scripts):
        kinds = _types(item)
        is_article = kinds & _ARTICLE_TYPES and ("headline" in item or "datePublished" in item or not ld)
        if is_article and (not ld or "webpage" not in kinds):
            ld = item
        if not publisher and kinds & {"newsmediaorganization", "organization"}:
            publisher = _first(*_names(item.get("name")))
    h1 = None
    for node in nodes.h1s:
        h1 = _clean(node.text_content())
        if h1:
            break
    title_tag = _clean(tree.findtext(".//title"))
    og_title = meta.get("og:title") or meta.get("twitter:title")
    title = _first(_clean(ld.get("headline")), og_title, h1, title_tag)
    variants = tuple(v for v in (og_title, h1, _clean(ld.get("headline")), title_tag) if v)

    dek = _first(
        _clean(ld.get("description")),
        meta.get("og:description"),
        meta.get("description"),
        meta.get("twitter:description"),
    )

    authors = _names(ld.get("author")) if ld else []
    if not authors:
        for key in ("author", "article:author", "dc.creator", "byl", "parsely-author", "sailthru.author"):
            value = meta.get(key)
            if value and not value.startswith("http"):
                authors = [value]
                break
    if not authors:
        names = [_clean(n.text_content()) for n in _AUTHOR_LINKS(tree)[:3]]
        authors = [n for n in dict.fromkeys(names) if n]
    authors = [_BY.sub("", a) for a in authors]
    byline = ", ".join(a for a in authors if a) or None

    if ld:
        publisher = _first(*_names(ld.get("publisher")), publisher)
        for source in _names(ld.get("sourceOrganization")):
            credits.append(source)
    outlet = _first(
        meta.get("og:site_name"),
        publisher,
        meta.get("application-name"),
        _outlet_from_title(title_tag),
        (urlsplit(url).hostname or "").removeprefix("www.") or None if url else None,
    )

    if title and outlet:
        suffix = _TITLE_SUFFIX.search(title)
        if suffix and suffix.group(0).lstrip(" |-–—:·•").strip().lower() == outlet.lower():
            title = title[: suffix.start()].strip() or title

    published = parse_date(
        _first(
            _clean(ld.get("datePublished")),
            meta.get("article:published_time"),
            meta.get("datepublished"),
            meta.get("og:published_time"),
            meta.get("pubdate"),
            meta.get("publishdate"),
            meta.get("dc.date.issued"),
            meta.get("dc.date"),
            meta.get("date"),
            meta.get("sailthru.date"),
        )
    )
    if published is None:
        for node in _TIMES(tree)[:1]:
            published = parse_date(node.get("datetime"))
    updated = parse_date(
        _first(
            _clean(ld.get("dateModified")),
            meta.get("article:modified_time"),
            meta.get("og:updated_time"),
            meta.get("datemodified"),
            meta.get("last-modified"),
        )
    )

    language = _clean(tree.get("lang")) or meta.get("content-language") or meta.get("og:locale")
    if language:
        language = language.replace("_", "-").split(",")[0].strip().lower() or None
        if language:
            language = language.split("-")[0] if len(language.split("-")[0]) in (2, 3) else language

    return PageMetadata(
        title=title,
        title_variants=variants,
        dek=dek,
        byline=byline,
        outlet=outlet,
        published=published,
        updated=updated,
        language=language,
        credits=tuple(credits),
    )
