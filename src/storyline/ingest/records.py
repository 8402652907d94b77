"""Turning what a reader found into an :class:`Article` (or a :class:`Rejection`)."""

from __future__ import annotations

import email.utils
import hashlib
import re
from collections.abc import Mapping
from datetime import UTC, datetime
from urllib.parse import urlsplit

import msgspec

from storyline.model import Article, Rejection, SourceFormat, Stage, article_id, content_fingerprint
from storyline.text_lines import text_lines


class IngestOptions(msgspec.Struct, frozen=True, kw_only=True):
    """What the user asked for; readers take it as is."""

    outlet: str | None = None
    published: datetime | None = None
    max_bytes: int = 25_000_000  # per file or record; larger ones are rejected, not read
    allow_private: bool = False  # fetch URLs on loopback or private networks
    timeout: float = 20.0
    user_agent: str = "Storyline/0.1 (+https://github.com/storyline-news/storyline)"


# ASCII whitespace as ``str.split()`` sees it (\x1c-\x1f included), each turned into a space
_ASCII_SPACES = bytes.maketrans(b"\t\n\x0b\x0c\r\x1c\x1d\x1e\x1f", b" " * 9)
_SPACE_RUNS = re.compile(rb"  +")  # folded to one space in one pass (halving them took three scans)


def fingerprint(text: str, *, plain: bool = False) -> str:
    """:func:`~storyline.model.content_fingerprint` of ``text``, the same value, computed without
    splitting ASCII text into words (the split was a third of reading a file). ``plain``: a plain
    text that will be cleaned here next: its single-spaced lines (:func:`~storyline.text_lines.text_lines`,
    which cleaning then finds split), joined by spaces, are its words joined by spaces. Otherwise
    whitespace becomes spaces in C and runs of spaces are folded in one regex pass; the digest is
    taken as the model takes it."""
    if not text.isascii():
        return content_fingerprint(text)
    if plain:
        return hashlib.blake2b(" ".join(text_lines(text)).encode("ascii"), digest_size=8).hexdigest()
    data = _SPACE_RUNS.sub(b" ", text.encode("ascii").translate(_ASCII_SPACES))
    return hashlib.blake2b(data.strip(b" "), digest_size=8).hexdigest()


def reject(source: str, reason: str, detail: str, stage: Stage = Stage.INGEST) -> Rejection:
    return Rejection(source=source, stage=stage, reason=reason, detail=detail, at=datetime.now(UTC))


_DATEPARSER_MAX_CHARS = 64  # a date is short; longer strings are not worth a slow parse


def valid_url(url: str | None) -> str | None:
    """``url`` when it can be parsed (host, port), else None: a malformed URL in the input
    (``http://[::1``, a port over 65535) must not break the article it came with."""
    if not url:
        return None
    try:
        parts = urlsplit(url.strip())
        _ = parts.port
    except ValueError:
        return None
    return url


def parse_datetime(value: object) -> datetime | None:
    """Parse the date formats feeds, meta tags and JSON dumps use; None when unparseable."""
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        dt = value
    elif isinstance(value, (int, float)):
        try:
            dt = datetime.fromtimestamp(float(value), tz=UTC)
        except (OverflowError, OSError, ValueError):
            return None
    else:
        text = str(value).strip()
        dt2: datetime | None = None
        try:
            dt2 = datetime.fromisoformat(text.replace("Z", "+00:00"))
        except ValueError:
            try:
                dt2 = email.utils.parsedate_to_datetime(text)
            except (TypeError, ValueError, IndexError):
                dt2 = None
        if dt2 is None and len(text) <= _DATEPARSER_MAX_CHARS and any(c.isdigit() for c in text):
            import dateparser  # slow import; only for odd formats

            # English only: guessing among every locale took seconds per odd string (found by fuzzing)
            dt2 = dateparser.parse(
                text, languages=["en"], settings={"RETURN_AS_TIMEZONE_AWARE": True, "TIMEZONE": "UTC"}
            )
        if dt2 is None:
            return None
        dt = dt2
    if dt.tzinfo is None:
        dt = dt.replace(tzinfo=UTC)
    return dt


def outlet_from_url(url: str | None) -> str | None:
    if not url:
        return None
    host = (urlsplit(url).hostname or "").lower().removeprefix("www.")
    return host or None


def _outlet_name(value: str | None) -> str | None:
    """An outlet as the record gives it; a bare domain (news-please's ``source_domain``) loses 'www.'."""
    if value and " " not in value and "." in value:
        return value.lower().removeprefix("www.")
    return value


def _record_outlet(record: Mapping[str, object]) -> str | None:
    """The outlet a record names; when that is only a domain (news-please's ``source_domain``), the
    site name its page title carries after the headline ("<title> - The Meridian Review")."""
    named = _outlet_name(_as_text(_first(record, _OUTLET)))
    if named and " " in named:
        return named
    title, page = _as_text(_first(record, _TITLE)), _as_text(record.get("title_page"))
    if title and page and page.startswith(title.strip()):
        rest = page[len(title.strip()) :].strip()
        for sep in ("-", "|", "–", "—", ":", "·"):
            if rest.startswith(sep) and 2 <= len(rest[1:].strip()) <= 60:
                return rest[1:].strip()
    return named


# Field names seen in the wild (our own JSON, news-please, common scrapers).
_URL = ("url", "link", "canonical_url", "source_url")
_TITLE = ("title", "headline")
_TEXT = ("text", "maintext", "body", "content", "article", "articleBody")
_HTML = ("html", "raw_html", "content_html")
_PUBLISHED = ("published", "date_publish", "published_at", "publish_date", "date", "pubDate", "datePublished")
_UPDATED = ("updated", "date_modify", "modified", "dateModified", "updated_at")
_OUTLET = ("outlet", "source_domain", "source", "site_name", "publisher")
_BYLINE = ("byline", "author", "authors")
_DEK = ("dek", "description", "subtitle", "summary")


def _first(record: Mapping[str, object], keys: tuple[str, ...]) -> object:
    for key in keys:
        value = record.get(key)
        if value not in (None, "", []):
            return value
    return None


def _as_text(value: object) -> str | None:
    if value is None:
        return None
    if isinstance(value, list):
        return ", ".join(str(v) for v in value if v)
    if isinstance(value, dict):
        return str(value.get("name") or "") or None
    return str(value)


def make_article(
    *,
    source: str,
    raw: str,
    fmt: SourceFormat,
    options: IngestOptions,
    url: str | None = None,
    title: str | None = None,
    dek: str | None = None,
    byline: str | None = None,
    outlet: str | None = None,
    published: datetime | None = None,
    updated: datetime | None = None,
    language: str | None = None,
    partial: bool = False,
) -> Article:
    url = valid_url(url)
    version = fingerprint(raw, plain=fmt is SourceFormat.TEXT)
    return Article(
        id=article_id(url, raw, fingerprint=version),
        version=version,
        source=source,
        raw=raw,
        format=fmt,
        url=url,
        outlet=options.outlet or outlet,  # cleaning falls back to the URL's host (a page names itself)
        title=title,
        dek=dek,
        byline=byline,
        published=options.published or published,
        updated=updated,
        language=language,
        partial=partial,
        ingested_at=datetime.now(UTC),
    )


def article_from_record(record: object, source: str, options: IngestOptions) -> Article | Rejection:
    """A JSON object (our fields or news-please's) to an article."""
    if not isinstance(record, dict):
        return reject(source, "bad-record", f"expected a JSON object, found {type(record).__name__}")
    html = _first(record, _HTML)
    text = _first(record, _TEXT)
    if not isinstance(html, str):
        html = None
    if not isinstance(text, str):
        text = None
    if not (html or (text and text.strip())):
        return reject(source, "no-text", "the record has no text or html field with content")
    url = _as_text(_first(record, _URL))
    fmt = SourceFormat.HTML if html and not text else SourceFormat.TEXT
    raw = html if fmt is SourceFormat.HTML else text
    assert raw is not None
    if len(raw.encode("utf-8", "ignore")) > options.max_bytes:
        return reject(source, "too-large", f"the record's text is over the {options.max_bytes:,}-byte cap")
    return make_article(
        source=source,
        raw=raw,
        fmt=fmt,
        options=options,
        url=url,
        title=_as_text(_first(record, _TITLE)),
        dek=_as_text(_first(record, _DEK)) if fmt is SourceFormat.TEXT else None,
        byline=_as_text(_first(record, _BYLINE)),
        outlet=_record_outlet(record),
        published=parse_datetime(_first(record, _PUBLISHED)),
        updated=parse_datetime(_first(record, _UPDATED)),
        language=_as_text(record.get("language")),
    )
