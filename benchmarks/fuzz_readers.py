"""Fuzz every reader and the cleaning stage: no input may raise; every failure is a rejection.

Inputs are generated from a seed: raw random bytes, and mutated but plausible text, HTML, JSON,
JSONL, WARC and RSS/Atom documents (some gzipped, some truncated or bit-flipped), read from files
with and without the right suffix and from standard input. Every article that comes out goes
through ``analyze_article(article, with_quotes=False)`` (cleaning). Anything other than an
Article or a Rejection with a reason and a detail is a crash.

    python benchmarks/fuzz_readers.py [--inputs 100000] [--seed 0]

prints the number of inputs, inputs/s, the outcomes by reason, and every crash (exit 1 if any).
The Hypothesis tests (tests/test_ingest_fuzz.py) draw from the same generators.
"""

from __future__ import annotations

import argparse
import gzip
import io
import json
import random
import sys
import tempfile
import time
import traceback
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "src"))

from storyline.ingest import IngestOptions, read_source  # noqa: E402
from storyline.model import Article, Rejection  # noqa: E402
from storyline.stages import analyze_article  # noqa: E402

KINDS = ("text", "html", "json", "jsonl", "warc", "feed", "bytes")
SUFFIX = {
    "text": ".txt",
    "html": ".html",
    "json": ".json",
    "jsonl": ".jsonl",
    "warc": ".warc",
    "feed": ".xml",
    "bytes": ".txt",
}

_WORDS_TEXT = (
    "the minister said talks would resume on Monday “we reject” café naïve مرحبا 你好 😀 "
    "AP Reuters 2025-03-01 &amp; &#x27; <b> </p> \x00 \ufeff \u200b \r\n \t"
)
_WORDS = tuple(_WORDS_TEXT.split(" "))
_TAGS = (
    "p",
    "div",
    "article",
    "main",
    "script",
    "style",
    "h1",
    "span",
    "a",
    "br",
    "table",
    "td",
    "li",
    "nav",
    "footer",
    "header",
    "meta",
    "link",
    "title",
    "html",
    "body",
    "head",
    "!--",
    "![CDATA[",
)
_VALUES: tuple[object, ...] = (
    None,
    "",
    0,
    -1,
    1e308,
    2**70,
    True,
    [],
    {},
    [1, "x"],
    {"name": "A"},
    "2025-03-01T09:00:00Z",
    "yesterday",
    "Mon, 32 Feb 2025 25:61:00 +9999",
    "1700000000",
    "\x00",
    "x" * 300,
)
_FIELDS = (
    "url",
    "link",
    "title",
    "headline",
    "text",
    "maintext",
    "body",
    "html",
    "raw_html",
    "published",
    "date_publish",
    "updated",
    "outlet",
    "source_domain",
    "author",
    "authors",
    "byline",
    "description",
    "language",
    "articles",
)


def _words(rng: random.Random, n: int) -> str:
    return " ".join(rng.choice(_WORDS) for _ in range(n))


def _html(rng: random.Random) -> str:
    parts = []
    for _ in range(rng.randrange(1, 40)):
        tag = rng.choice(_TAGS)
        r = rng.random()
        if r < 0.4:
            parts.append(f"<{tag}>{_words(rng, rng.randrange(0, 30))}</{tag}>")
        elif r < 0.6:
            parts.append(f"<{tag} charset='{rng.choice(['utf-8', 'latin-1', 'bogus', 'utf-16', ''])}'>")
        elif r < 0.7:
            parts.append(
                f'<link rel="canonical" href="{rng.choice(["http://a.example/x", "javascript:x", "", "http://[::1"])}">'
            )
        else:
            parts.append(_words(rng, rng.randrange(0, 20)))
    return "".join(parts)


def _record(rng: random.Random) -> object:
    if rng.random() < 0.1:
        return rng.choice(_VALUES)
    rec: dict[str, object] = {}
    for _ in range(rng.randrange(0, 8)):
        key = rng.choice(_FIELDS)
        r = rng.random()
        rec[key] = (
            _words(rng, rng.randrange(0, 60))
            if r < 0.5
            else _html(rng)
            if r < 0.6
            else rng.choice(_VALUES)
            if r < 0.9
            else [_record(rng)]
        )
    return rec


def _json(rng: random.Random) -> bytes:
    value: object = _record(rng) if rng.random() < 0.6 else [_record(rng) for _ in range(rng.randrange(0, 5))]
    return json.dumps(value, ensure_ascii=rng.random() < 0.5).encode("utf-8", "surrogatepass")


def _jsonl(rng: random.Random) -> bytes:
    lines = []
    for _ in range(rng.randrange(0, 8)):
        r = rng.random()
        lines.append(_json(rng) if r < 0.7 else _words(rng, 5).encode() if r < 0.85 else rng.randbytes(20))
    return b"\n".join(lines)


def _feed(rng: random.Random) -> bytes:
    atom = rng.random() < 0.3
    items = []
    for _ in range(rng.randrange(0, 6)):
        body = _html(rng) if rng.random() < 0.5 else _words(rng, rng.randrange(0, 400))
        link = rng.choice(["http://example.org/a", "", "not a url", "ftp://x"])
        date = rng.choice(["Mon, 01 Mar 2025 09:00:00 GMT", "garbage", "", "2025-13-45"])
        if atom:
            items.append(
                f"<entry><title>{_words(rng, 4)}</title><link href='{link}'/><updated>{date}</updated>"
                f"<content type='html'><![CDATA[{body}]]></content></entry>"
            )
        else:
            items.append(
                f"<item><title>{_words(rng, 4)}</title><link>{link}</link><pubDate>{date}</pubDate>"
                f"<description><![CDATA[{body}]]></description></item>"
            )
    if atom:
        head = "<feed xmlns='http://www.w3.org/2005/Atom'><title>F</title>"
        doc = f"<?xml version='1.0'?>{head}{''.join(items)}</feed>"
    else:
        head = "<rss version='2.0'><channel><title>F</title>"
        doc = f"<?xml version='1.0'?>{head}{''.join(items)}</channel></rss>"
    return doc.encode("utf-8", "surrogatepass")


def _warc(rng: random.Random) -> bytes:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    out = io.BytesIO()
    writer = WARCWriter(out, gzip=rng.random() < 0.5)
    for i in range(rng.randrange(0, 4)):
        payload = _html(rng).encode("utf-8", "surrogatepass") if rng.random() < 0.7 else _json(rng)
        ctype = rng.choice(
            ["text/html; charset=utf-8", "application/json", "image/png", "text/plain; charset=bogus", ""]
        )
        status = rng.choice(["200 OK", "404 Not Found", "301 Moved"])
        headers = StatusAndHeaders(status, [("Content-Type", ctype)], protocol="HTTP/1.1")
        rec_type = rng.choice(["response", "response", "resource", "metadata"])
        record = writer.create_warc_record(
            f"http://example.org/{i}",
            rec_type,
            payload=io.BytesIO(payload),
            http_headers=headers if rec_type == "response" else None,
        )
        writer.write_record(record)
    return out.getvalue()


def _mutate(rng: random.Random, data: bytes) -> bytes:
    r = rng.random()
    if r < 0.55 or not data:
        return data
    if r < 0.7:
        return data[: rng.randrange(len(data))]  # cut short
    buf = bytearray(data)
    for _ in range(rng.randrange(1, 8)):
        op = rng.random()
        pos = rng.randrange(len(buf) + 1)
        if op < 0.4 and buf:
            buf[min(pos, len(buf) - 1)] = rng.randrange(256)
        elif op < 0.7:
            buf[pos:pos] = rng.randbytes(rng.randrange(1, 16))
        else:
            del buf[pos : pos + rng.randrange(1, 32)]
    return bytes(buf)


def _encode(rng: random.Random, text: str) -> bytes:
    enc = rng.choice(["utf-8", "utf-8", "utf-16", "cp1252", "latin-1", "utf-8-sig", "shift_jis"])
    return text.encode(enc, "replace")


def generate_input(rng: random.Random) -> tuple[str, bytes, str]:
    """One fuzz input: (kind, bytes, how it is read: 'file', 'gz', 'nosuffix', 'stdin')."""
    kind = rng.choice(KINDS)
    if kind == "text":
        data = _encode(rng, _words(rng, rng.randrange(0, 300)))
    elif kind == "html":
        data = _encode(rng, _html(rng))
    elif kind == "json":
        data = _json(rng)
    elif kind == "jsonl":
        data = _jsonl(rng)
    elif kind == "warc":
        data = _warc(rng)
    elif kind == "feed":
        data = _feed(rng)
    else:
        data = rng.randbytes(rng.randrange(0, 2000))
    data = _mutate(rng, data)
    how = rng.choice(["file", "file", "gz", "nosuffix", "stdin"])
    if how == "gz":
        data = _mutate(rng, gzip.compress(data)) if rng.random() < 0.3 else gzip.compress(data)
    return kind, data, how


class Crash(Exception):
    """An input made a reader or the cleaning stage misbehave."""


def check_input(
    kind: str, data: bytes, how: str, workdir: Path, options: IngestOptions | None = None
) -> list[str]:
    """Read ``data`` as ``kind`` and clean every article; return the outcomes ('article' or a
    rejection reason); raise :class:`Crash` on any exception or malformed result."""
    options = options or IngestOptions()
    try:
        if how == "stdin":
            items = _read_stdin(data, options)
        else:
            name = "input" + ("" if how == "nosuffix" else SUFFIX[kind]) + (".gz" if how == "gz" else "")
            path = workdir / name
            path.write_bytes(data)
            items = list(read_source(str(path), options))
        outcomes = []
        for item in items:
            if isinstance(item, Rejection):
                outcomes.append(_checked(item))
            elif isinstance(item, Article):
                result = analyze_article(item, with_quotes=False)
                if result.article is None:
                    if result.rejection is None:
                        raise Crash("cleaning returned neither an article nor a rejection")
                    outcomes.append(_checked(result.rejection))
                else:
                    outcomes.append("article")
            else:
                raise Crash(f"a reader yielded {type(item).__name__}")
        return outcomes
    except Crash:
        raise
    except Exception as exc:  # noqa: BLE001 - this is what fuzzing looks for
        raise Crash(f"{type(exc).__name__}: {exc}\n{traceback.format_exc()}") from exc


def _checked(rejection: Rejection) -> str:
    if not rejection.reason or not rejection.detail or not rejection.source:
        raise Crash(f"a rejection without a reason or detail: {rejection!r}")
    return rejection.reason


def _read_stdin(data: bytes, options: IngestOptions) -> list[Article | Rejection]:
    saved = sys.stdin
    sys.stdin = io.TextIOWrapper(io.BytesIO(data))
    try:
        return list(read_source("-", options))
    finally:
        sys.stdin = saved


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--inputs", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--save-crashes", type=Path, default=None, help="write crashing inputs here")
    parser.add_argument("--progress-every", type=int, default=0, help="print counts every N inputs")
    args = parser.parse_args()
    rng = random.Random(args.seed)
    outcomes: Counter[str] = Counter()
    by_kind: Counter[str] = Counter()
    crashes: Counter[str] = Counter()
    small = IngestOptions(max_bytes=512)
    start = time.perf_counter()
    with tempfile.TemporaryDirectory() as tmp:
        for i in range(args.inputs):
            kind, data, how = generate_input(rng)
            by_kind[f"{kind}/{how}"] += 1
            if args.progress_every and i and i % args.progress_every == 0:
                rate = i / (time.perf_counter() - start)
                print(
                    f"progress: {i} inputs, {sum(crashes.values())} crashes, {rate:.0f} inputs/s", flush=True
                )
            try:
                outcomes.update(check_input(kind, data, how, Path(tmp), small if i % 10 == 0 else None))
            except Crash as exc:
                first = str(exc).splitlines()[0]
                crashes[first] += 1
                if crashes[first] == 1:
                    print(f"CRASH on input {i} ({kind}/{how}, {len(data)} bytes): {exc}", file=sys.stderr)
                    if args.save_crashes:
                        args.save_crashes.mkdir(parents=True, exist_ok=True)
                        (args.save_crashes / f"crash{i}.{kind}.{how}").write_bytes(data)
    elapsed = time.perf_counter() - start
    print(
        f"{args.inputs} inputs in {elapsed:.0f} s ({args.inputs / elapsed:.0f} inputs/s), "
        f"{sum(crashes.values())} crashes ({len(crashes)} distinct)"
    )
    print("outcomes:", ", ".join(f"{k} {v}" for k, v in outcomes.most_common()))
    print("inputs by kind/read:", ", ".join(f"{k} {v}" for k, v in sorted(by_kind.items())))
    for msg, n in crashes.most_common():
        print(f"  crash x{n}: {msg}")
    sys.exit(1 if crashes else 0)


if __name__ == "__main__":
    main()
