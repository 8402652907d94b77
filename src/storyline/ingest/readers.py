"""Readers: every source a user can name becomes a stream of articles and rejections.

Sources: files (.txt, .html/.htm, .json, .jsonl, .warc/.warc.gz, RSS/Atom .xml/.rss/.atom, and a
``.gz`` of any of these), folders (recursive), http(s) URLs (pages and feeds) and ``-`` (stdin).
Bad content never raises: it becomes a :class:`Rejection` with a reason and the rest goes on.
"""

from __future__ import annotations

import gzip
import io
import json
import os
import re
import stat
import sys
import zlib
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import BinaryIO, Protocol

import feedparser
import msgspec

from storyline.errors import FetchRefused
from storyline.ingest.decode import DecodeFailure, decode_bytes, repair_text
from storyline.ingest.fetch import Fetched, FetchFailed, fetch
from storyline.ingest.records import (
    IngestOptions,
    article_from_record,
    make_article,
    parse_datetime,
    reject,
)
from storyline.model import Article, Rejection, SourceFormat

Item = Article | Rejection

TEXT_SUFFIXES = {".txt", ".text"}
HTML_SUFFIXES = {".html", ".htm", ".xhtml", ".shtml"}
JSON_SUFFIXES = {".json"}
JSONL_SUFFIXES = {".jsonl", ".ndjson"}
WARC_SUFFIXES = {".warc", ".arc"}
FEED_SUFFIXES = {".xml", ".rss", ".atom", ".feed"}
KNOWN = TEXT_SUFFIXES | HTML_SUFFIXES | JSON_SUFFIXES | JSONL_SUFFIXES | WARC_SUFFIXES | FEED_SUFFIXES


class _TooLarge(Exception):
    pass


def is_url(source: str) -> bool:
    return source.startswith(("http://", "https://"))


def expand_sources(sources: Iterable[str]) -> Iterator[str | Rejection]:
    """Folders become their files (recursive, sorted, hidden files skipped); the rest as given."""
    for source in sources:
        if source == "-" or is_url(source):
            yield source
            continue
        path = Path(source)
        if path.is_dir():
            for root, dirs, files in os.walk(path, onerror=None):
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                for name in sorted(files):
                    if name.startswith("."):
                        continue
                    full = os.path.join(root, name)
                    suffix, _gz = _kind_of_name(name)
                    if suffix is not None and suffix not in KNOWN:
                        yield reject(
                            full,
                            "unsupported-type",
                            f"{suffix} is not an article format; name the file explicitly to read it as text",
                        )
                    else:
                        yield full
            if not os.access(path, os.R_OK | os.X_OK):
                yield reject(source, "unreadable", f"cannot list folder {source}: permission denied")
        elif path.exists():
            yield source
        else:
            yield reject(source, "not-found", f"no such file, folder or URL: {source}")


def is_single_article_file(source: str) -> bool:
    """A local text or HTML file (or a ``.gz`` of one): its suffix alone says it holds exactly one
    article, so it can be read where it is cleaned (a worker) rather than where it was found."""
    suffix, _gz = _kind_of_name(os.path.basename(source))
    return suffix in TEXT_SUFFIXES or suffix in HTML_SUFFIXES


def read_single_file(source: str, options: IngestOptions) -> Item:
    """The one article (or rejection) of a file :func:`is_single_article_file` accepts."""
    for item in read_file(_path_text(source), options):
        return item
    return reject(source, "no-text", "the file gave nothing to read")  # not reached: readers yield one item


def read_source(source: str, options: IngestOptions) -> Iterator[Item]:
    """All articles and rejections from one file, URL or '-'."""
    if source == "-":
        data = sys.stdin.buffer.read(options.max_bytes + 1)
        if len(data) > options.max_bytes:
            yield reject("stdin", "too-large", f"standard input is over the {options.max_bytes:,}-byte cap")
            return
        yield from read_bytes(data, "stdin", _sniff(data), options)
    elif is_url(source):
        yield from read_url(source, options)
    else:
        yield from read_file(Path(source), options)


def _kind_of_name(name: str) -> tuple[str | None, bool]:
    """The format suffix of a file name and whether it is gzipped: the last of ``Path.suffixes``
    (lowercased), or the one before a ``.gz``; read from the end of the name (this runs on every
    file of a folder, twice)."""
    if name.endswith("."):
        return None, False
    head, dot, last = name.lstrip(".").rpartition(".")
    if not dot:
        return None, False
    last = "." + last.lower()
    if last in (".gz", ".gzip"):
        _, dot, before = head.rpartition(".")
        return ("." + before.lower() if dot else None), True
    return last, False


def _path_text(source: str) -> str:
    """``str(Path(source))``, without building a Path for a name already written that way (a
    folder's files are: this runs once per file)."""
    if (
        source
        and "//" not in source
        and "/./" not in source
        and not source.startswith("./")
        and not source.endswith(("/", "/."))
    ):
        return source
    return str(Path(source))


def read_file(path: Path | str, options: IngestOptions) -> Iterator[Item]:
    """Every item of one local file; ``path``: a Path, or its text as ``str(path)`` writes it."""
    source = str(path)
    suffix, gz = _kind_of_name(os.path.basename(source))
    if suffix not in KNOWN:
        suffix = None  # unknown or no extension: sniff the content
    try:
        info = os.stat(source)
        if not stat.S_ISREG(info.st_mode):
            yield reject(source, "not-a-file", "not a regular file (a pipe, socket or device); skipped")
            return
        size = info.st_size
        if suffix in JSONL_SUFFIXES or suffix in WARC_SUFFIXES:
            yield from _read_stream(Path(source), suffix, gz, options)
            return
        if size > options.max_bytes and not gz:
            yield reject(
                source,
                "too-large",
                f"{size:,} bytes is over the {options.max_bytes:,}-byte cap (raise it with --max-bytes)",
            )
            return
        if gz:
            with open(source, "rb") as fh:
                data = _read_capped(gzip.GzipFile(fileobj=fh), options.max_bytes)
        else:  # the size is known: no cap-sized buffer for a small file (half the cost of reading it)
            fd = os.open(source, os.O_RDONLY)
            try:
                data = _read_capped(_RawFile(fd), options.max_bytes, size)
            finally:
                os.close(fd)
    except _TooLarge:
        yield reject(source, "too-large", f"decompressed content is over the {options.max_bytes:,}-byte cap")
        return
    except (EOFError, gzip.BadGzipFile, zlib.error) as exc:
        yield reject(
            source,
            "truncated-gzip" if isinstance(exc, EOFError) else "bad-gzip",
            f"the gzip archive is damaged or cut short: {exc}",
        )
        return
    except PermissionError:
        yield reject(source, "unreadable", "permission denied")
        return
    except FileNotFoundError:
        yield reject(source, "unreadable", "the file vanished or is a broken link")
        return
    except OSError as exc:
        yield reject(source, "unreadable", f"cannot read the file: {exc.strerror or exc}")
        return
    kind = _suffix_kind(suffix) if suffix else _sniff(data)
    yield from read_bytes(data, source, kind, options)


class _Readable(Protocol):
    def read(self, n: int, /) -> bytes: ...


class _RawFile:
    """An open file descriptor read as a buffered file reads it (``read(n)``: until ``n`` bytes or the
    end of the file), without the buffered file object: making one costs more system calls and more
    CPU than reading a small file whose size is known."""

    def __init__(self, fd: int) -> None:
        self.fd = fd

    def read(self, n: int, /) -> bytes:
        data = os.read(self.fd, n)
        if len(data) == n or not data:
            return data
        parts = [data]
        got = len(data)
        while got < n and (more := os.read(self.fd, n - got)):
            parts.append(more)
            got += len(more)
        return b"".join(parts)


def _read_capped(fh: _Readable, cap: int, size: int | None = None) -> bytes:
    """At most ``cap`` bytes of ``fh``, else :class:`_TooLarge`; ``size``: what the file's size
    said (a file that grew since is read on up to the cap)."""
    if size is not None and size < cap:
        data = fh.read(size + 1)
        if len(data) > size:
            data += fh.read(cap - size)
    else:
        data = fh.read(cap + 1)
    if len(data) > cap:
        raise _TooLarge
    return data


def _suffix_kind(suffix: str) -> str:
    if suffix in HTML_SUFFIXES:
        return "html"
    if suffix in JSON_SUFFIXES:
        return "json"
    if suffix in FEED_SUFFIXES:
        return "feed"
    return "text"


def _sniff(data: bytes) -> str:
    head = data[:2048].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if head.startswith(b"warc/"):
        return "warc"
    if head.startswith((b"{", b"[")):
        lines = [ln for ln in data[:65536].splitlines() if ln.strip()]
        return "jsonl" if len(lines) > 1 and lines[0].rstrip().endswith(b"}") else "json"
    if head.startswith(b"<"):
        if b"<rss" in head or b"<feed" in head or b"<rdf:rdf" in head:
            return "feed"
        return "html"
    return "text"


def read_bytes(
    data: bytes, source: str, kind: str, options: IngestOptions, url: str | None = None, charset: str | None = None
) -> Iterator[Item]:
    if kind == "warc":
        yield from _read_warc(io.BytesIO(data), source, options, len(data))
        return
    if kind == "jsonl":
        yield from _read_jsonl_lines(io.BytesIO(data), source, options)
        return
    try:
        text, _encoding = decode_bytes(data, charset or _declared_charset(data, kind))
    except DecodeFailure as exc:
        yield reject(source, exc.reason, exc.detail)
        return
    if kind == "json":
        yield from _read_json(text, source, options)
    elif kind == "feed":
        yield from _read_feed(data, source, options)
    elif kind == "html":
        yield make_article(
            source=source, raw=text, fmt=SourceFormat.HTML, options=options, url=url or canonical_url(text)
        )
    else:
        yield make_article(source=source, raw=text, fmt=SourceFormat.TEXT, options=options, url=url)


_CANONICAL = re.compile(
    r"""<link\b[^>]*\brel=["']?canonical["']?[^>]*\bhref=["']([^"'>\s]+)"""
    r"""|<link\b[^>]*\bhref=["']([^"'>\s]+)["'][^>]*\brel=["']?canonical"""
    r"""|<meta\b[^>]*\bproperty=["']og:url["'][^>]*\bcontent=["']([^"'>\s]+)""",
    re.IGNORECASE,
)


def canonical_url(html: str) -> str | None:
    """The page's own URL from <link rel=canonical> or og:url, so a saved page and the same
    page fetched from the web are one article."""
    m = _CANONICAL.search(html[:100_000])
    if not m:
        return None
    url = next(g for g in m.groups() if g)
    return url if url.startswith(("http://", "https://")) else None


def _declared_charset(data: bytes, kind: str) -> str | None:
    if kind not in ("html", "feed"):
        return None
    head = data[:4096].lower()
    for marker in (b"charset=", b"encoding="):
        at = head.find(marker)
        if at >= 0:
            rest = head[at + len(marker) : at + len(marker) + 40].lstrip(b"\"' ")
            name = rest.split(b'"')[0].split(b"'")[0].split(b";")[0].split(b" ")[0].split(b">")[0]
            return name.decode("ascii", "ignore") or None
    return None


def _read_json(text: str, source: str, options: IngestOptions) -> Iterator[Item]:
    try:
        value = json.loads(text)
    except json.JSONDecodeError as exc:
        yield reject(source, "bad-json", f"not valid JSON: {exc.msg} at line {exc.lineno}, column {exc.colno}")
        return
    records = value if isinstance(value, list) else [value]
    if isinstance(value, dict) and isinstance(value.get("articles"), list):
        records = value["articles"]
    for i, record in enumerate(records):
        where = source if len(records) == 1 else f"{source}#{i + 1}"
        yield article_from_record(record, where, options)


def _open_stream(path: Path, gz: bool) -> BinaryIO:
    fh = open(path, "rb")  # noqa: SIM115 - closed by the caller
    return gzip.GzipFile(fileobj=fh) if gz else fh  # type: ignore[return-value]


def _read_stream(path: Path, suffix: str, gz: bool, options: IngestOptions) -> Iterator[Item]:
    if suffix in WARC_SUFFIXES:
        with open(path, "rb") as raw:  # warcio reads gzip members itself; offsets stay in file bytes
            yield from _read_warc(raw, str(path), options, path.stat().st_size)
        return
    with _open_stream(path, gz) as stream:
        yield from _read_jsonl_lines(stream, str(path), options)


def _read_jsonl_lines(stream: BinaryIO, source: str, options: IngestOptions) -> Iterator[Item]:
    lineno = 0
    try:
        while True:
            line = stream.readline(options.max_bytes + 1)
            if not line:
                break
            lineno += 1
            where = f"{source}:{lineno}"
            if len(line) > options.max_bytes:
                yield reject(where, "too-large", f"line {lineno} is over the {options.max_bytes:,}-byte cap")
                while line and not line.endswith(b"\n"):  # skip the rest of the long line
                    line = stream.readline(1 << 20)
                continue
            if not line.strip():
                continue
            try:
                record = msgspec.json.decode(line)
            except (msgspec.DecodeError, UnicodeDecodeError) as exc:  # msgspec raises the latter on bad UTF-8
                try:
                    record = json.loads(repair_text(line.decode("utf-8", "replace")))
                except json.JSONDecodeError:
                    yield reject(where, "bad-json", f"line {lineno} is not valid JSON: {exc}")
                    continue
            yield article_from_record(record, where, options)
    except (EOFError, gzip.BadGzipFile, zlib.error) as exc:
        yield reject(source, "truncated-gzip", f"the archive is cut short after line {lineno}: {exc}")


def _read_warc(stream: BinaryIO, source: str, options: IngestOptions, size: int | None = None) -> Iterator[Item]:
    from warcio.archiveiterator import ArchiveIterator
    from warcio.exceptions import ArchiveLoadFailed
    from warcio.statusandheaders import StatusAndHeadersParserException

    n = 0
    end = 0
    try:
        records = ArchiveIterator(stream)
        for record in records:
            n += 1
            item = list(_warc_record(record, source, n, options))
            if getattr(record.raw_stream, "limit", 0):
                yield reject(source, "bad-warc", f"the WARC archive is cut short inside record {n}")
                return
            yield from item
            try:
                end = records.get_record_offset() + records.get_record_length()
            except (AttributeError, TypeError):
                end = 0
        if n == 0:
            yield reject(source, "bad-warc", "no readable WARC record: the archive is empty, damaged or cut short")
        elif size is not None and end and end < size:
            yield reject(source, "bad-warc", f"the WARC archive is cut short after {n} records")
    except (
        ArchiveLoadFailed,
        StatusAndHeadersParserException,
        EOFError,
        gzip.BadGzipFile,
        zlib.error,
        ValueError,
        AttributeError,
        TypeError,
        KeyError,
        IndexError,
    ) as exc:
        # warcio raises AttributeError/TypeError/KeyError on some damaged records (found by fuzzing)
        yield reject(source, "bad-warc", f"the WARC archive is damaged or cut short after {n} records: {exc}")


def _warc_record(record: object, source: str, n: int, options: IngestOptions) -> Iterator[Item]:
    rec = record  # warcio ArcWarcRecord
    if rec.rec_type not in ("response", "resource", "conversion"):  # type: ignore[attr-defined]
        rec.content_stream().read()  # type: ignore[attr-defined]
        return
    url = rec.rec_headers.get_header("WARC-Target-URI")  # type: ignore[attr-defined]
    where = f"{source}#{url or n}"
    if rec.http_headers is not None:  # type: ignore[attr-defined]
        status = rec.http_headers.get_statuscode()  # type: ignore[attr-defined]
        ctype = (rec.http_headers.get_header("Content-Type") or "").lower()  # type: ignore[attr-defined]
    else:
        status = None
        ctype = (rec.rec_headers.get_header("Content-Type") or "").lower()  # type: ignore[attr-defined]
    data = rec.content_stream().read(options.max_bytes + 1)  # type: ignore[attr-defined]
    if status and not status.startswith("2"):
        return
    if ctype and not any(t in ctype for t in ("html", "text", "xml", "json")):
        rec.content_stream().read()  # type: ignore[attr-defined]
        return
    if len(data) > options.max_bytes:
        yield reject(where, "too-large", f"the record is over the {options.max_bytes:,}-byte cap")
        return
    kind = "html" if "html" in ctype else ("json" if "json" in ctype else _sniff(data))
    charset = ctype.split("charset=")[1].split(";")[0].strip() if "charset=" in ctype else None
    yield from read_bytes(data, where, kind, options, url=url, charset=charset)


def _read_feed(
    data: bytes,
    source: str,
    options: IngestOptions,
    fetch_links: bool = False,
    known_link: Callable[[str], bool] | None = None,
) -> Iterator[Item]:
    parsed = feedparser.parse(data)
    if not parsed.entries:
        why = getattr(parsed, "bozo_exception", None)
        yield reject(source, "not-a-feed", f"no RSS/Atom entries found{f': {why}' if why else ''}")
        return
    feed_title = parsed.feed.get("title") if parsed.get("feed") else None
    for i, entry in enumerate(parsed.entries):
        link = entry.get("link")
        where = f"{source}#{link or i + 1}"
        published = parse_datetime(entry.get("published") or entry.get("updated"))
        content = ""
        if entry.get("content"):
            content = max((c.get("value", "") for c in entry.content), key=len)
        summary = entry.get("summary", "") or ""
        body = content or summary
        if fetch_links and link and len(body) < 1500 and not (known_link and known_link(link)):
            fetched = list(read_url(link, options, published=published))
            if any(isinstance(x, Article) for x in fetched):
                yield from fetched
                continue
        if not body.strip():
            yield reject(where, "no-text", "the feed entry has no content and its link was not fetched")
            continue
        partial = not content or len(content) < 1500
        fmt = SourceFormat.HTML
        if partial and "<" in body:
            body = _html_to_text(body)  # a teaser: keep its words, not its markup
            fmt = SourceFormat.TEXT
        elif partial:
            fmt = SourceFormat.TEXT
        yield make_article(
            source=where,
            raw=body,
            fmt=fmt,
            options=options,
            url=link,
            title=entry.get("title"),
            byline=entry.get("author"),
            outlet=feed_title,
            published=published,
            partial=partial,
        )


def _html_to_text(fragment: str) -> str:
    import lxml.html

    try:
        return " ".join(lxml.html.fromstring(fragment).text_content().split())
    except (ValueError, lxml.etree.ParserError):
        return fragment


def read_url(url: str, options: IngestOptions, published: object = None) -> Iterator[Item]:
    try:
        got = fetch(url, options)
    except FetchRefused as exc:
        yield reject(url, "refused", str(exc.args[0]) + " (use --allow-private to permit it)")
        return
    except FetchFailed as exc:
        yield reject(url, exc.reason, exc.detail)
        return
    yield from read_fetched(got, url, options, published)


def read_fetched(
    got: Fetched,
    url: str,
    options: IngestOptions,
    published: object = None,
    known_link: Callable[[str], bool] | None = None,
) -> Iterator[Item]:
    """The articles of a fetched page or feed. ``known_link(url)`` true: a feed entry's page is
    already stored, so it is not fetched again (the entry comes out as a teaser, which never
    replaces the stored article)."""
    ctype = got.content_type.lower()
    if any(t in ctype for t in ("rss", "atom")) or (("xml" in ctype) and _sniff(got.content) == "feed"):
        yield from _read_feed(got.content, url, options, fetch_links=True, known_link=known_link)
        return
    kind = "html" if "html" in ctype else ("json" if "json" in ctype else _sniff(got.content))
    for item in read_bytes(got.content, url, kind, options, url=got.url, charset=got.charset):
        if isinstance(item, Article) and item.published is None and published is not None:
            item = item.replace(published=parse_datetime(published))
        yield item
