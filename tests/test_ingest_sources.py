"""Every source kind: text, HTML, JSON, news-please JSON, JSONL, WARC, RSS/Atom, URLs, gz, stdin."""

from __future__ import annotations

import gzip
import http.server
import io
import json
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from storyline.ingest import IngestOptions
from storyline.model import IngestOutcome, SourceFormat
from storyline.pipeline import Pipeline
from storyline.store import MemoryStore

BODY = ("Negotiators from Veldora and Marisca left the Port Alder talks on Wednesday without an agreement, "
        "officials from both delegations said. The levy schedule will stay in force.")
PAGE = (f"<html><head><title>Talks end</title><meta property='og:url' content='https://news.example/talks'>"
        f"</head><body><nav><a href='/'>Home</a></nav><article><h1>Talks end</h1><p>{BODY}</p><p>{BODY}</p>"
        f"</article></body></html>")
RSS = f"""<?xml version="1.0"?><rss version="2.0"><channel><title>Harbour Wire</title>
<item><title>Talks end</title><link>https://news.example/one</link><pubDate>Wed, 12 Mar 2025 10:00:00 GMT</pubDate>
<description>{BODY}</description></item></channel></rss>"""


def ingest(*sources: str, **opts: object) -> tuple[MemoryStore, object]:
    store = MemoryStore()
    report = Pipeline(store).ingest(list(sources), IngestOptions(**opts), analyze=False)  # type: ignore[arg-type]
    return store, report


def test_ingest_text_html_json_newsplease(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(BODY)
    (tmp_path / "b.html").write_text(PAGE)
    (tmp_path / "c.json").write_text(json.dumps({"url": "https://news.example/c", "title": "C", "text": BODY + " C.",
                                                 "published": "2025-03-12", "outlet": "Harbour Wire"}))
    (tmp_path / "d.json").write_text(json.dumps({
        "url": "https://news.example/d", "title": "D", "maintext": BODY + " D.", "date_publish": "2025-03-12 10:00:00",
        "date_modify": "2025-03-13 09:00:00", "source_domain": "news.example", "authors": ["Ines Marr"],
        "language": "en"}))
    store, report = ingest(str(tmp_path))
    arts = {a.source.rsplit("/", 1)[1]: a for a in store.iter_articles()}
    assert set(arts) == {"a.txt", "b.html", "c.json", "d.json"}
    assert arts["b.html"].format is SourceFormat.HTML and arts["b.html"].url == "https://news.example/talks"
    assert "Home" not in arts["b.html"].text and "Port Alder" in arts["b.html"].text
    assert arts["c.json"].outlet == "Harbour Wire" and arts["c.json"].published is not None
    d = arts["d.json"]
    assert d.byline == "Ines Marr" and d.updated is not None and d.outlet == "news.example" and d.language == "en"


def test_ingest_gz_of_each_kind(tmp_path: Path) -> None:
    (tmp_path / "a.txt.gz").write_bytes(gzip.compress(BODY.encode()))
    (tmp_path / "b.html.gz").write_bytes(gzip.compress(PAGE.encode()))
    lines = "\n".join(json.dumps({"text": f"{BODY} {i}"}) for i in range(3))
    (tmp_path / "c.jsonl.gz").write_bytes(gzip.compress(lines.encode()))
    store, report = ingest(str(tmp_path))
    assert store.count_articles() == 5, report


def test_ingest_warc(tmp_path: Path) -> None:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    path = tmp_path / "crawl.warc.gz"
    with open(path, "wb") as fh:
        writer = WARCWriter(fh, gzip=True)
        for i, (ctype, payload) in enumerate([("text/html; charset=utf-8", PAGE.encode()),
                                              ("image/png", b"\x89PNG....")]):
            headers = StatusAndHeaders("200 OK", [("Content-Type", ctype)], protocol="HTTP/1.1")
            rec = writer.create_warc_record(f"https://news.example/w{i}", "response",
                                            payload=io.BytesIO(payload), http_headers=headers)
            writer.write_record(rec)
    store, report = ingest(str(path))
    (article,) = store.iter_articles()
    assert article.url == "https://news.example/w0"
    # a truncated archive keeps what came before the cut and says so
    data = path.read_bytes()
    (tmp_path / "cut.warc.gz").write_bytes(data[: len(data) // 3])
    store, report = ingest(str(tmp_path / "cut.warc.gz"))
    assert report.rejected and report.rejected[0].reason in ("bad-warc", "truncated-gzip")


def test_ingest_feed_file(tmp_path: Path) -> None:
    (tmp_path / "f.rss").write_text(RSS)
    store, _ = ingest(str(tmp_path / "f.rss"))
    (a,) = store.iter_articles()
    assert a.url == "https://news.example/one" and a.outlet == "Harbour Wire" and a.partial
    assert a.published is not None and a.published.day == 12


@pytest.fixture()
def server() -> Iterator[str]:
    routes: dict[str, tuple[str, bytes]] = {
        "/feed": ("application/rss+xml", RSS.replace("https://news.example/one", "{base}/story").encode()),
        "/story": ("text/html; charset=utf-8", PAGE.replace(BODY, BODY + " Full text.").encode()),
        "/big": ("text/plain", b"x" * 5000),
    }
    seen_agents: list[str] = []

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802
            seen_agents.append(self.headers.get("User-Agent", ""))
            if self.path not in routes:
                self.send_response(404)
                self.end_headers()
                return
            ctype, body = routes[self.path]
            body = body.replace(b"{base}", f"http://127.0.0.1:{self.server.server_port}".encode())
            self.send_response(200)
            self.send_header("Content-Type", ctype)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args: object) -> None:
            pass

    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_port}"
    httpd.shutdown()
    assert all(a.startswith("Storyline/") for a in seen_agents)


def test_ingest_feed_url_fetches_full_articles(server: str) -> None:
    store, report = ingest(f"{server}/feed", allow_private=True)
    (a,) = store.iter_articles()
    assert a.url == f"{server}/story" and "Full text." in a.text and not a.partial


def test_ingest_url_errors_and_size_cap(server: str) -> None:
    _, report = ingest(f"{server}/missing", f"{server}/big", allow_private=True, max_bytes=1000)
    assert sorted(r.reason for r in report.rejected) == ["http-404", "too-large"]


def test_ingest_feed_teaser_never_replaces_the_full_article(tmp_path: Path) -> None:
    (tmp_path / "f.rss").write_text(RSS)
    full = json.dumps({"url": "https://news.example/one", "title": "Full", "text": BODY + " And much more."})
    (tmp_path / "z.json").write_text(full)
    store, report = ingest(str(tmp_path))
    (a,) = store.iter_articles()
    assert a.title == "Full" and not a.partial


def test_ingest_same_url_new_content_is_a_new_version(tmp_path: Path) -> None:
    store = MemoryStore()
    p = tmp_path / "a.json"
    p.write_text(json.dumps({"url": "https://news.example/a", "text": BODY}))
    Pipeline(store).ingest([str(p)], analyze=False)
    p.write_text(json.dumps({"url": "https://news.example/a", "text": BODY + " Updated at noon."}))
    report = Pipeline(store).ingest([str(p)], analyze=False)
    assert report.updated == 1
    (a,) = store.iter_articles()
    assert len(store.article_versions(a.id)) == 2 and "Updated at noon" in a.text


def test_ingest_seeds_three_articles_then_unchanged(seeds: Path) -> None:
    store = MemoryStore()
    first = Pipeline(store).ingest([str(seeds)], analyze=False)
    assert (first.ingested, first.rejected) == (3, [])
    again = Pipeline(store).ingest([str(seeds)], analyze=False)
    assert (again.ingested, again.unchanged, again.updated) == (0, 3, 0)


word = st.text(st.characters(blacklist_categories=("Cs", "Zs", "Cc")), min_size=1, max_size=10)
article_text = st.one_of(
    st.lists(word, min_size=1, max_size=60).map(" ".join),  # word-like text, any script
    st.text(st.characters(blacklist_categories=("Cs",)), max_size=200),  # anything at all
)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(texts=st.lists(article_text, min_size=1, max_size=4), url=st.booleans())
def test_ingest_twice_is_idempotent(tmp_path: Path, texts: list[str], url: bool) -> None:
    store = MemoryStore()
    src = tmp_path / f"in-{abs(hash((tuple(texts), url)))}.jsonl"
    src.write_text("\n".join(json.dumps({"text": t, **({"url": f"https://x.example/{i}"} if url else {})})
                             for i, t in enumerate(texts)))
    first = Pipeline(store).ingest([str(src)], analyze=False)
    snapshot = [(a.id, a.version, a.text) for a in store.iter_articles()]
    second = Pipeline(store).ingest([str(src)], analyze=False)
    assert second.ingested == second.updated == 0
    assert second.unchanged == first.total_read
    assert [(a.id, a.version, a.text) for a in store.iter_articles()] == snapshot
    assert all(store.article_status(a.id, a.version) is IngestOutcome.UNCHANGED for a in store.iter_articles())


@pytest.mark.parametrize("runner_kind", ["inline", "local"])
def test_ingest_feed_teaser_never_replaces_a_full_page_a_worker_reads(tmp_path: Path, runner_kind: str) -> None:
    """The full page is a file the workers read (its id is known only once read) and the local
    runner overlaps batches: the teaser must still not replace it."""
    from storyline.runner import InlineRunner, LocalRunner

    (tmp_path / "a.rss").write_text(RSS.replace("https://news.example/one", "https://news.example/talks"))
    (tmp_path / "b.html").write_text(PAGE)
    store = MemoryStore()
    runner = InlineRunner() if runner_kind == "inline" else LocalRunner(workers=2, inline_below=0, preload=False)
    try:
        report = Pipeline(store, runner).ingest([str(tmp_path)], analyze=False)
    finally:
        runner.close()
    (a,) = store.iter_articles()
    assert a.title == "Talks end" and not a.partial and "levy schedule" in a.text
    assert len(store.article_versions(a.id)) == 1
    assert (report.ingested, report.unchanged, report.updated) == (1, 1, 0)


@pytest.mark.parametrize(
    ("record", "outlet"),
    [
        pytest.param(
            {"title": "Talks end", "title_page": "Talks end - The Meridian Review", "source_domain": "www.mr.example"},
            "The Meridian Review",
            id="site-name-after-the-headline",
        ),
        pytest.param(
            {"title": "Talks end", "title_page": "Talks end | Harbour Wire", "source_domain": "hw.example"},
            "Harbour Wire",
            id="pipe-separator",
        ),
        pytest.param(
            {"title": "Talks end", "title_page": "Talks end", "source_domain": "www.mr.example"},
            "mr.example",
            id="no-site-name-keeps-the-domain",
        ),
        pytest.param(
            {"title": "Talks end", "title_page": "Talks end - Other", "outlet": "Harbour Wire"},
            "Harbour Wire",
            id="a-named-outlet-wins",
        ),
    ],
)
def test_newsplease_outlet_from_page_title(tmp_path: Path, record: dict[str, str], outlet: str) -> None:
    (tmp_path / "r.json").write_text(json.dumps({**record, "maintext": BODY}))
    store, _ = ingest(str(tmp_path))
    (article,) = list(store.iter_articles())
    assert article.outlet == outlet
