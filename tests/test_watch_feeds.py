"""`storyline watch`: polling a local feed that changes, conditional GETs, backoff, clean stops."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from datetime import UTC, datetime
from email.utils import format_datetime
from html import escape
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from storyline.errors import UsageError
from storyline.ingest import IngestOptions
from storyline.pipeline import Pipeline
from storyline.store import SqliteStore
from storyline.synthetic import generate_corpus
from storyline.watch import Watcher, parse_duration

REPO = Path(__file__).resolve().parent.parent
LOCAL = IngestOptions(allow_private=True, timeout=5)


def _entries(n: int, seed: int) -> list[tuple[str, str, str]]:
    docs = list(generate_corpus(n, seed, words=320))
    out = []
    for i, doc in enumerate(docs):
        text = doc.content.decode()
        title = text.split("\n", 1)[0]
        out.append((f"https://wire.example/{seed}/{i}", title, text))
    return out


def _paragraphs(text: str) -> str:
    return "".join(f"<p>{p}</p>" for p in text.split("\n\n"))


def _feed(entries: list[tuple[str, str, str]]) -> bytes:
    items = "".join(
        f"<item><title>{escape(t)}</title><link>{link}</link>"
        f"<pubDate>{format_datetime(datetime(2025, 3, 1, 9, i % 60, tzinfo=UTC))}</pubDate>"
        f"<content:encoded>{escape(_paragraphs(body))}</content:encoded></item>"
        for i, (link, t, body) in enumerate(entries)
    )
    return (
        f'<?xml version="1.0"?><rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">'
        f"<channel><title>Wire Example</title>{items}</channel></rss>"
    ).encode()


class FeedServer:
    """A feed on 127.0.0.1 whose content tests change; honours If-None-Match; can fail on demand."""

    def __init__(self) -> None:
        self.body = b""
        self.version = 0
        self.fail_next = 0
        self.requests: list[tuple[str, int]] = []  # (path, status)
        self.pages: dict[str, bytes] = {}
        outer = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:  # noqa: N802 - the stdlib's name
                if outer.fail_next > 0:
                    outer.fail_next -= 1
                    outer.requests.append((self.path, 503))
                    self.send_response(503)
                    self.end_headers()
                    return
                if self.path in outer.pages:  # an article page a teaser links to
                    page = outer.pages[self.path]
                    outer.requests.append((self.path, 200))
                    self.send_response(200)
                    self.send_header("Content-Type", "text/html; charset=utf-8")
                    self.send_header("Content-Length", str(len(page)))
                    self.end_headers()
                    self.wfile.write(page)
                    return
                etag = f'"v{outer.version}"'
                if self.headers.get("If-None-Match") == etag:
                    outer.requests.append((self.path, 304))
                    self.send_response(304)
                    self.end_headers()
                    return
                outer.requests.append((self.path, 200))
                self.send_response(200)
                self.send_header("Content-Type", "application/rss+xml; charset=utf-8")
                self.send_header("ETag", etag)
                self.send_header("Content-Length", str(len(outer.body)))
                self.end_headers()
                self.wfile.write(outer.body)

            def log_message(self, *args: object) -> None:
                pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}/feed.xml"
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    def publish(self, entries: list[tuple[str, str, str]]) -> None:
        self.body = _feed(entries)
        self.version += 1

    def statuses(self) -> list[int]:
        return [status for _path, status in self.requests]


@pytest.fixture
def server() -> Iterator[FeedServer]:
    s = FeedServer()
    s.thread.start()
    yield s
    s.httpd.shutdown()
    s.httpd.server_close()


@pytest.mark.parametrize(
    "text, seconds",
    [("30s", 30), ("10m", 600), ("1h", 3600), ("1h30m", 5400), ("250ms", 0.25), ("2", 2), (" 1D ", 86400)],
)
def test_parse_duration_reads_units(text: str, seconds: float) -> None:
    assert parse_duration(text) == pytest.approx(seconds)


@pytest.mark.parametrize("text", ["", "10x", "m", "-5s", "0", "ten minutes", "5s junk"])
def test_parse_duration_rejects_nonsense(text: str) -> None:
    with pytest.raises(UsageError):
        parse_duration(text)


def test_watch_ingests_only_what_is_new(server: FeedServer, tmp_path: Path) -> None:
    first, later = _entries(3, seed=21), _entries(2, seed=22)
    server.publish(first)
    store = SqliteStore(tmp_path / "w.db")
    polls = {"n": 0}

    def log(_msg: str) -> None:
        pass

    watcher = Watcher(Pipeline(store), [server.url], every=0.05, options=LOCAL, max_polls=4, log=log)
    original = watcher._poll_source

    def poll_and_change(source: str, report: object) -> object:
        result = original(source, report)  # type: ignore[arg-type]
        polls["n"] += 1
        if polls["n"] == 2:
            server.publish(first + later)  # the feed grows between polls 2 and 3
        return result

    watcher._poll_source = poll_and_change  # type: ignore[method-assign]
    report = watcher.run()
    assert report.polls == 4
    assert server.statuses() == [200, 304, 200, 304]
    assert report.not_modified == 2
    assert report.total.ingested == 5 and report.total.unchanged == 3
    assert store.count_articles() == 5
    # a new watcher remembers the validators in the store: an unchanged feed is one 304
    again = Watcher(Pipeline(store), [server.url], every=0.05, options=LOCAL, max_polls=1).run()
    assert again.not_modified == 1 and server.statuses()[-1] == 304


def test_watch_fetches_teaser_pages_once(server: FeedServer, tmp_path: Path) -> None:
    base = server.url.rsplit("/", 1)[0]
    full = _entries(3, seed=26)
    teasers = []
    for i, (_link, title, body) in enumerate(full):
        path = f"/page/{i}"
        paragraphs = "".join(f"<p>{escape(p)}</p>" for p in body.split("\n\n"))
        server.pages[path] = (
            f"<html><head><title>{escape(title)}</title></head><body><article>"
            f"<h1>{escape(title)}</h1>{paragraphs}</article></body></html>"
        ).encode()
        teasers.append((base + path, title, body.split("\n\n")[3][:200]))
    server.publish(teasers[:2])
    store = SqliteStore(tmp_path / "w.db")
    Watcher(Pipeline(store), [server.url], every=0.05, options=LOCAL, max_polls=1).run()
    server.publish(teasers)  # one more entry; the first two are already stored in full
    report = Watcher(Pipeline(store), [server.url], every=0.05, options=LOCAL, max_polls=1).run()
    page_fetches = [path for path, _status in server.requests if path.startswith("/page/")]
    assert page_fetches == ["/page/0", "/page/1", "/page/2"]  # each page fetched once
    assert report.total.ingested == 1 and report.total.unchanged == 2
    assert store.count_articles() == 3
    assert all(not a.partial and len(a.text) > 1000 for a in store.iter_articles())


def test_watch_backs_off_and_recovers_after_server_errors(server: FeedServer, tmp_path: Path) -> None:
    server.publish(_entries(2, seed=23))
    server.fail_next = 3
    store = SqliteStore(tmp_path / "w.db")
    messages: list[str] = []
    watcher = Watcher(
        Pipeline(store),
        [server.url],
        every=0.05,
        options=LOCAL,
        max_polls=5,
        retry_base=0.02,
        backoff_cap=0.1,
        log=messages.append,
    )
    report = watcher.run()
    assert server.statuses()[:4] == [503, 503, 503, 200]
    assert report.errors == 3 and store.count_articles() == 2
    assert watcher.states[0].failures == 0
    retries = [m for m in messages if "retrying in" in m]
    assert [m.rsplit("retrying in ", 1)[1] for m in retries] == ["0.02s", "0.04s", "0.08s"]


def test_watch_keeps_going_when_the_server_is_down(tmp_path: Path) -> None:
    import socket

    with socket.socket() as sock:  # a port nobody listens on
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    store = SqliteStore(tmp_path / "w.db")
    watcher = Watcher(
        Pipeline(store),
        [f"http://127.0.0.1:{port}/feed"],
        every=0.05,
        options=LOCAL,
        max_polls=4,
        retry_base=0.01,
        backoff_cap=0.02,
    )
    report = watcher.run()
    assert report.errors == 4 and report.polls == 4 and store.count_articles() == 0


def test_watch_refuses_private_addresses_without_the_option(server: FeedServer, tmp_path: Path) -> None:
    server.publish(_entries(1, seed=24))
    watcher = Watcher(Pipeline(SqliteStore(tmp_path / "w.db")), [server.url], every=0.05, max_polls=3)
    report = watcher.run()
    assert [r.reason for r in report.total.rejected] == ["refused"]
    assert server.requests == []


@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGINT])
def test_watch_command_stops_cleanly_on_signal(server: FeedServer, tmp_path: Path, sig: int) -> None:
    server.publish(_entries(4, seed=25))
    db = tmp_path / "w.db"
    env = {**os.environ, "PYTHONPATH": str(REPO / "src")}
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "storyline",
            "--db",
            str(db),
            "watch",
            server.url,
            "--every",
            "0.2s",
            "--allow-private",
            "--no-analyze",
            "--format",
            "json",
        ],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and server.statuses().count(304) < 1:
        time.sleep(0.1)
    os.killpg(proc.pid, sig)  # to the whole group, as a terminal's Ctrl-C does
    out, errs = proc.communicate(timeout=30)
    assert proc.returncode == 0, errs
    assert '"ingested": 4' in out
    assert SqliteStore(db).count_articles() == 4


def test_watch_command_reports_bad_interval() -> None:
    env = {**os.environ, "PYTHONPATH": str(REPO / "src")}
    proc = subprocess.run(
        [
            sys.executable,
            "-m",
            "storyline",
            "--db",
            "/nonexistent/x.db",
            "watch",
            "http://127.0.0.1:9/",
            "--every",
            "soon",
        ],
        env=env,
        capture_output=True,
        text=True,
    )
    assert proc.returncode == 2
    assert "Error: cannot read the duration" in proc.stderr
