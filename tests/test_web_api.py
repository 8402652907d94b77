"""The JSON API returns the CLI's records; pages escape everything; the server is read-only."""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from storyline.store import SqliteStore
from storyline.views import (
    article_record,
    dispute_record,
    edge_record,
    quote_record,
    story_record,
    timeline_record,
)
from storyline.web import create_app
from storyline.web.highlight import Mark, highlight
from storyline.web.templating import safe_href
from web_fixtures import PAYLOADS, build_bridge_db, fill_hostile_story


@pytest.fixture(scope="module")
def env(tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    db = tmp_path_factory.mktemp("api") / "api.db"
    fixture = build_bridge_db(db)
    store = SqliteStore(db)
    fill_hostile_story(store)
    store.close()
    client = TestClient(create_app(db))
    reader = SqliteStore(db, readonly=True)
    yield client, fixture, reader
    reader.close()


def test_api_records_match_views(env) -> None:  # type: ignore[no-untyped-def]
    client, fx, store = env
    sid = fx.story_id
    ids = [a.id for a in store.iter_articles(story_id=sid)]
    cases = [
        ("/api/stories", [story_record(s) for s in store.stories()]),
        (f"/api/stories/{sid}", story_record(store.get_story(sid))),
        (
            f"/api/articles?story={sid}",
            [article_record(a, story_id=sid) for a in store.iter_articles(story_id=sid)],
        ),
        (f"/api/articles/{ids[0]}", article_record(store.get_article(ids[0]), story_id=sid)),
        (f"/api/quotes?story={sid}", [quote_record(q) for q in store.quotes(story_id=sid)]),
        ("/api/quotes?actor=Tomas%20Brandt", [quote_record(q) for q in store.quotes(actor="Tomas Brandt")]),
        (f"/api/provenance?story={sid}", [edge_record(e) for e in store.edges(article_ids=ids)]),
        (f"/api/disputes?story={sid}", [dispute_record(p) for p in store.propositions(sid)]),
        (f"/api/timeline?story={sid}", [timeline_record(t) for t in store.timeline(sid)]),
    ]
    for url, expected in cases:
        r = client.get(url)
        assert r.status_code == 200, url
        assert r.json() == expected, url


def test_api_brief_and_search(env) -> None:  # type: ignore[no-untyped-def]
    client, fx, _ = env
    brief = client.get(f"/api/stories/{fx.story_id}/brief").json()
    assert brief["independent_origins"] == 3
    for sentence in brief["summary"]:
        art = fx.articles[next(k for k, a in fx.articles.items() if a.id == sentence["article_id"])]
        assert art.text[sentence["start"] : sentence["end"]] == sentence["text"]
    found = client.get("/api/search?q=steel%20deliveries").json()
    assert [q["actor"] for q in found["quotes"]] == ["Tomas Brandt"]
    assert {a["outlet"] for a in found["articles"]} == {"Northern Post"}


@pytest.mark.parametrize(
    ("method", "url", "status"),
    [
        ("get", "/api/stories/nope", 404),
        ("get", "/api/articles/nope", 404),
        ("get", "/api/disputes?story=nope", 404),
        ("get", "/api/disputes", 422),
        ("get", "/story/nope", 404),
        ("get", "/article/nope", 404),
        ("get", "/actor/Nobody%20Here", 404),
        ("post", "/api/stories", 405),
        ("put", "/story/x", 405),
        ("delete", "/api/articles/x", 405),
        ("get", "/docs", 404),  # no CDN-served Swagger UI
    ],
)
def test_web_routes_status(env, method: str, url: str, status: int) -> None:  # type: ignore[no-untyped-def]
    client, _, _ = env
    assert getattr(client, method)(url).status_code == status


def test_openapi_lists_only_get_api_routes(env) -> None:  # type: ignore[no-untyped-def]
    client, _, _ = env
    schema = client.get("/openapi.json").json()
    assert {
        "/api/stories",
        "/api/stories/{story_id}/brief",
        "/api/articles",
        "/api/quotes",
        "/api/provenance",
        "/api/disputes",
        "/api/timeline",
        "/api/search",
    } <= set(schema["paths"])
    assert all(set(ops) == {"get"} for ops in schema["paths"].values())


def test_pages_send_security_headers(env) -> None:  # type: ignore[no-untyped-def]
    client, fx, _ = env
    for url in ["/", f"/story/{fx.story_id}", "/api/stories", "/static/style.css", "/nope"]:
        r = client.get(url)
        csp = r.headers["content-security-policy"]
        assert "script-src 'none'" in csp and "default-src 'none'" in csp
        assert r.headers["x-content-type-options"] == "nosniff"


class _TagAudit(HTMLParser):
    """Every element and attribute a browser would build from the page."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.bad: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("script", "iframe", "img", "object", "embed"):
            self.bad.append(tag)
        for name, value in attrs:
            if name.startswith("on"):
                self.bad.append(f"{tag}[{name}]")
            if name in ("href", "src", "action", "xlink:href") and "".join(
                (value or "").split()
            ).lower().startswith("javascript:"):
                self.bad.append(f"{tag}[{name}={value}]")


def test_hostile_pages_are_escaped(env) -> None:  # type: ignore[no-untyped-def]
    client, _, _ = env
    pages = ["/", "/story/s_hostile", "/search?q=Cobalt"] + [
        f"/article/a_hostile{i:02d}" for i in range(len(PAYLOADS))
    ]
    for url in pages:
        html = client.get(url).text
        assert "<script" not in html.lower(), url
        audit = _TagAudit()
        audit.feed(html)
        assert audit.bad == [], url


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://example.org/a?b=1", "https://example.org/a?b=1"),
        ("http://example.org", "http://example.org"),
        ("javascript:alert(1)", ""),
        (" JaVaScRiPt:alert(1)", ""),
        ("java\tscript:alert(1)", ""),
        ("data:text/html,<script>alert(1)</script>", ""),
        ("vbscript:msgbox", ""),
        ("//evil.example/x", ""),
        ("/relative/path", ""),
        ("https:alert(1)", ""),
        (None, ""),
    ],
)
def test_safe_href_allows_only_http_links(url: str | None, expected: str) -> None:
    assert safe_href(url) == expected


@pytest.mark.parametrize(
    ("text", "marks", "expected"),
    [
        ("a<b>c", [], "a&lt;b&gt;c"),
        ("say <x> now", [Mark(start=4, end=7, css="quote")], 'say <span class="quote">&lt;x&gt;</span> now'),
        (
            "abcdef",
            [Mark(start=0, end=4, css="quote"), Mark(start=2, end=6, css="aligned")],
            '<span class="quote">ab</span><span class="aligned quote">cd</span>'
            '<span class="aligned">ef</span>',
        ),
        (
            "abc",
            [Mark(start=1, end=2, css="focus", anchor="aligned", title='"><script>')],
            'a<span class="anchor" id="aligned"></span>'
            '<span class="focus" title="&quot;&gt;&lt;script&gt;">b</span>c',
        ),
        (
            "abc",
            [Mark(start=2, end=9, css="quote"), Mark(start=2, end=2, css="quote")],
            "abc",
        ),  # out of range: ignored
    ],
)
def test_highlight_escapes_every_piece(text: str, marks: list[Mark], expected: str) -> None:
    assert str(highlight(text, marks)) == expected


def test_story_page_cache_follows_store_changes(tmp_path: Path) -> None:
    fx = build_bridge_db(tmp_path / "c.db")
    client = TestClient(create_app(fx.path))
    first = client.get(f"/story/{fx.story_id}").text
    assert "Harbor Bridge closed after inspectors find cracks" in first
    store = SqliteStore(fx.path)
    story = store.get_story(fx.story_id)
    store.put_stories([story.replace(title="Harbor Bridge shut for repairs")])
    store.close()
    assert "Harbor Bridge shut for repairs" in client.get(f"/story/{fx.story_id}").text
