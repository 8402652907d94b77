"""The web UI as a person uses it, in a real browser (Debian's chromium through Playwright).

Screenshots of the main pages (desktop and phone) go to ``artifacts/screenshots/`` (not committed).
The safety tests load pages full of script payloads with the Content-Security-Policy bypassed, so
that they prove the escaping itself, and check that nothing ran and no javascript: link exists.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from storyline.brief import render_brief
from storyline.store import SqliteStore
from web_fixtures import JS_URL, build_bridge_db, fill_hostile_story
from web_server import running_server

pytestmark = pytest.mark.browser

CHROMIUM = Path(os.environ.get("STORYLINE_CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
SHOTS = Path(__file__).resolve().parent.parent / "artifacts" / "screenshots"
PHONE = {"width": 390, "height": 844}

# what a payload would do if it ran: set window.__pwned or open a dialog
PWNED = "() => window.__pwned === undefined ? null : String(window.__pwned)"
DANGEROUS_DOM = """() => {
  const bad = [];
  for (const el of document.querySelectorAll('*')) {
    for (const attr of el.attributes) {
      const name = attr.name.toLowerCase(), value = attr.value.replace(/\\s+/g, '').toLowerCase();
      if (name.startsWith('on')) bad.push(el.tagName + '[' + name + ']');
      const linky = ['href', 'src', 'xlink:href', 'action', 'formaction'].includes(name);
      if (linky && value.startsWith('javascript:'))
        bad.push(el.tagName + '[' + name + '=' + attr.value + ']');
    }
    if (['SCRIPT', 'IFRAME', 'OBJECT', 'EMBED'].includes(el.tagName)) bad.push(el.tagName);
  }
  return bad;
}"""


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, str, Path]]:
    db = tmp_path_factory.mktemp("web") / "browser.db"
    fixture = build_bridge_db(db)
    store = SqliteStore(db)
    fill_hostile_story(store)
    store.close()
    with running_server(db) as base:
        yield base, fixture.story_id, db


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    if not CHROMIUM.exists():
        pytest.skip(
            f"chromium not found at {CHROMIUM}: run scripts/install-browser.sh (apt-get install chromium)"
        )
    sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed")
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield b
        b.close()


def _page(browser: object, *, phone: bool = False, bypass_csp: bool = False):  # type: ignore[no-untyped-def]
    ctx = browser.new_context(
        viewport=PHONE if phone else {"width": 1280, "height": 900},  # type: ignore[attr-defined]
        device_scale_factor=1,
        bypass_csp=bypass_csp,
        java_script_enabled=True,
    )
    page = ctx.new_page()
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    return ctx, page, dialogs


def _shot(page, name: str) -> None:  # type: ignore[no-untyped-def]
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)


def test_browser_scenario_search_story_dispute_edge(site, browser) -> None:  # type: ignore[no-untyped-def]
    base, story_id, _ = site
    ctx, page, dialogs = _page(browser)
    try:
        page.goto(base + "/")
        assert page.locator("ol.stories li").count() == 2
        _shot(page, "home")

        page.fill("input[name=q]", "bridge")
        page.click("form.search button")
        page.wait_for_url("**/search?q=bridge")
        assert page.locator("ol.hits li").count() >= 4
        _shot(page, "search")

        page.locator("ol.hits li a", has_text="story").first.click()
        page.wait_for_url(f"**/story/{story_id}")
        assert page.inner_text("h1") == "Harbor Bridge closed after inspectors find cracks"
        assert page.locator("#timeline svg circle").count() == 4
        assert page.locator("#sources svg a.link").count() == 4

        position = page.locator("details.position").filter(has_text="a city engineer").first
        evidence = position.locator("blockquote").first
        assert not evidence.is_visible()
        position.locator("summary").click()
        assert evidence.is_visible()
        assert "no way this reopens before May" in evidence.inner_text()
        _shot(page, "story")

        page.locator("a.edge", has_text="Harbor Bridge closed after inspectors find cracks").click()
        page.wait_for_url("**#aligned")
        focused = page.locator(".text .aligned.focus")
        assert focused.count() >= 2  # two passages, one cut by a quote inside it
        assert focused.first.is_visible()
        assert focused.first.inner_text().startswith("The Harbor Bridge will stay closed")
        assert page.locator("#aligned").count() == 1
        assert page.locator(".text .quote").count() == 1
        assert page.locator(".provenance li.focused").count() == 1
        _shot(page, "article")

        page.goto(base + "/search?q=steel+deliveries")
        assert "Tomas Brandt" in page.inner_text("ul.quotes")
        page.goto(base + "/actor/Tomas%20Brandt")
        assert "stressed" in page.inner_text("main")
        _shot(page, "actor")
        assert dialogs == []
    finally:
        ctx.close()


def test_browser_phone_layout_has_no_sideways_scroll(site, browser) -> None:  # type: ignore[no-untyped-def]
    base, story_id, db = site
    ctx, page, _ = _page(browser, phone=True)
    try:
        fixture_article = SqliteStore(db, readonly=True).stories()
        assert fixture_article
        for name, path in [("phone-home", "/"), ("phone-story", f"/story/{story_id}")]:
            page.goto(base + path)
            overflow = page.evaluate("() => document.documentElement.scrollWidth - window.innerWidth")
            assert overflow <= 1, f"{path} scrolls sideways by {overflow}px on a phone"
            _shot(page, name)
        page.goto(base + f"/story/{story_id}")
        page.locator("a.edge").first.click()
        page.wait_for_url("**#aligned")
        _shot(page, "phone-article")
        page.emulate_media(media="print")
        page.goto(base + f"/story/{story_id}")
        assert not page.locator("header.site").is_visible()
        _shot(page, "print-story")
    finally:
        ctx.close()


def _hostile_urls(base: str) -> list[str]:
    urls = [
        f"{base}/",
        f"{base}/story/s_hostile",
        f"{base}/search?q=Cobalt",
        f"{base}/search?q=%3Cscript%3Ewindow.__pwned%3D1%3C%2Fscript%3E",
        f"{base}/actor/Organizer%20%3Cscript%3Ewindow.__pwned%20%3D%20%27script%27%3Balert(%27script%27)%3C%2Fscript%3E",
    ]
    urls += [f"{base}/article/a_hostile{i:02d}?origin=a_hostile00#aligned" for i in range(7)]
    return urls


def test_browser_hostile_content_never_executes(site, browser) -> None:  # type: ignore[no-untyped-def]
    base, _, _ = site
    ctx, page, dialogs = _page(browser, bypass_csp=True)  # prove the escaping, not just the CSP
    try:
        for url in _hostile_urls(base):
            response = page.goto(url)
            assert response is not None and response.status == 200, url
            page.wait_for_load_state("load")
            assert page.evaluate(PWNED) is None, f"a payload ran on {url}"
            assert page.evaluate(DANGEROUS_DOM) == [], url
            assert page.locator("a[href^='javascript' i]").count() == 0, url
        page.goto(f"{base}/article/a_hostile00")
        assert JS_URL in page.inner_text("dd.url")  # the URL is shown as text, not a link
        assert "<script>" in page.inner_text("h1")  # the payload is visible as text
        _shot(page, "hostile-article")
        assert dialogs == []
    finally:
        ctx.close()


def test_browser_standalone_brief_html_never_executes(site, browser) -> None:  # type: ignore[no-untyped-def]
    _, _, db = site
    store = SqliteStore(db, readonly=True)
    document = render_brief(store, "s_hostile", "html")
    store.close()
    ctx, page, dialogs = _page(browser, bypass_csp=True)
    try:
        page.set_content(document, wait_until="load")
        assert page.evaluate(PWNED) is None
        assert page.evaluate(DANGEROUS_DOM) == []
        assert dialogs == []
    finally:
        ctx.close()
