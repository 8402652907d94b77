"""How extract_html calls trafilatura: the same text as ``trafilatura.extract``, with less work."""

from __future__ import annotations

import gzip
import os
from copy import deepcopy
from pathlib import Path

import pytest
import trafilatura
from lxml.html import HtmlElement
from trafilatura.baseline import html2txt

from storyline.cleaning import html_escalation, html_xpath_guards
from storyline.cleaning.html import _drop_code_blocks, _load, _options, _trafilatura_text

_PARAGRAPH = "<p>The council voted on Tuesday to close the old bridge to cars, citing repairs it cannot afford.</p>"
PAGES = {
    "article": f"<html><body><article><h1>Bridge</h1>{_PARAGRAPH * 6}</article></body></html>",
    "minified blocks": "<html><body><div>one</div><div>two</div><ul><li>a</li><li>b</li></ul></body></html>",
    "short text in a long page": (
        "<html><body><p>Short lead.</p>" + "<div><span>menu item</span> words words</div>" * 40 + "</body></html>"
    ),
    "scripts and styles": (
        "<html><head><style>p{color:red}</style><script>var a = '<p>';</script>"
        '<script type="application/ld+json">{"@type": "NewsArticle", "articleBody": "From JSON."}</script>'
        "</head><body><div>lead<script>x()</script> tail<style>.a{}</style>\n after</div>"
        f"{_PARAGRAPH * 3}</body></html>"
    ),
    "cookie banner": (
        f'<html><body><div class="cookie-banner">We use cookies to improve things.</div>{_PARAGRAPH}</body></html>'
    ),
    "whitespace": "<html><body>\n\n  <p>  spaced   out\ttext </p>\n<div>\n</div></body></html>",
    "no body": "<div><p>only a fragment</p><p>and another one here</p></div>",
}


def _tree(page: str) -> HtmlElement:
    tree = _load(page)
    assert tree is not None
    return tree


@pytest.mark.parametrize("name", sorted(PAGES))
def test_page_text_bound_is_at_least_the_page_text(name: str) -> None:
    tree = _tree(PAGES[name])
    assert html_escalation.page_text_bound(tree) >= len(html2txt(tree))
    for element in tree.iter("div", "p", "body"):
        assert html_escalation.page_text_bound(element) >= len(html2txt(element))


@pytest.mark.parametrize(
    "extracted, measured",
    [
        (None, True),  # no main extraction noted: the page is measured
        (0, True),  # far below a fifth of the bound
        (10**6, False),  # more than a fifth of any bound: decided without measuring
    ],
)
def test_escalation_gate_measures_only_when_the_bound_does_not_decide(extracted: int | None, measured: bool) -> None:
    tree = _tree(PAGES["short text in a long page"])
    calls: list[object] = []

    def html2txt_spy(content: object, clean: bool = True) -> str:
        calls.append(content)
        return "x" * 10

    gate = html_escalation._bounded(html2txt_spy, 0.2)
    html_escalation._LAST.extracted = extracted
    answer = gate(tree)
    assert bool(calls) is measured
    assert answer == ("x" * 10 if measured else "")
    assert html_escalation._LAST.extracted is None  # read once


@pytest.mark.parametrize("name", sorted(PAGES))
def test_trafilatura_text_is_what_extract_gives(name: str) -> None:
    tree = _tree(PAGES[name])
    options = _options(None)
    expected = trafilatura.extract(deepcopy(tree), options=_options(None)) or ""
    assert _trafilatura_text(deepcopy(tree), options) == expected
    dropped = deepcopy(tree)
    _drop_code_blocks(dropped)
    assert _trafilatura_text(dropped, _options(None)) == expected


def test_drop_code_blocks_keeps_json_ld_and_tails() -> None:
    tree = _tree(PAGES["scripts and styles"])
    _drop_code_blocks(tree)
    assert [s.get("type") for s in tree.iter("script")] == ["application/ld+json"]
    assert next(tree.iter("style"), None) is None
    div = next(tree.iter("div"))
    assert div.text_content() == "lead tail\n after"


_ATTRIBUTE_PAGE = """<html><body>
<div id="nav-main" class="content"><p>menu</p></div>
<div id="" class=""><p>empty names</p></div>
<div><p>no names</p><span style="display:none">hidden</span><span style="">visible</span></div>
<div class="comment-list"><p>a comment</p></div><div id="commentary"><p>analysis</p></div>
<section class="article-body"><p>the body</p></section><div class="Cookie-Banner">cookies</div>
<div class="share-tools social"><p>share</p></div><div id="main-content"><p>main</p></div>
<ul class="related-links"><li>link</li></ul><div style="visibility:hidden" id="x-hidden">h</div>
<p>x</p><div class="post"><div class="post">a</div><p>b</p><section class="post">c</section></div>
<div class="post">d</div><main class="post">e</main>
</body></html>"""


@pytest.mark.parametrize(
    "path, guarded",
    [
        ("re:test(@id, 'nav')", "((@id) and re:test(@id, 'nav'))"),
        ("re:test(@id|@class, '^comment[s-]')", "((@id|@class) and re:test(@id|@class, '^comment[s-]'))"),
        ("re:test(@class, 'fulltext', 'i')", "((@class) and re:test(@class, 'fulltext', 'i'))"),
        ("re:test(@class, 'x?')", "re:test(@class, 'x?')"),  # matches the empty string: kept
        ("re:test(string(.), 'a')", "re:test(string(.), 'a')"),  # not an attribute: kept
    ],
)
def test_guard_regex_tests_skips_absent_attributes(path: str, guarded: str) -> None:
    assert html_xpath_guards.guard_regex_tests(path) == guarded


@pytest.mark.parametrize(
    "path, rewritten",
    [
        (".//*[self::div or self::p][@id='x']", "(.//div|.//p)[@id='x']"),
        (".//*[self::div][@a][not(.//h1)]", "(.//div)[@a][not(.//h1)]"),
        ("(.//*[self::div or self::main][@id='a'])[1]", "((.//div|.//main)[@id='a'])[1]"),
        (".//*[self::div][re:test(@class, '[Cc]x]')]", "(.//div)[re:test(@class, '[Cc]x]')]"),  # quoted ]
        (  # the first such child of each parent
            ".//*[self::div or self::main][@id='a'][1]",
            "(.//div|.//main)[@id='a'][not(preceding-sibling::*[self::div or self::main][@id='a'])]",
        ),
        (".//*[self::div][position() < 3]", ".//*[self::div][position() < 3]"),
        (".//*[@id='a' or self::div]", ".//*[@id='a' or self::div]"),  # not only tag tests
    ],
)
def test_union_tag_steps_only_without_positions(path: str, rewritten: str) -> None:
    assert html_xpath_guards.union_tag_steps(path) == rewritten


def test_guarded_trafilatura_expressions_select_the_same_elements() -> None:
    assert len(html_xpath_guards.REPLACED) >= 10  # installed when extract_html was imported
    trees = [_tree(_ATTRIBUTE_PAGE), *(_tree(page) for page in PAGES.values())]
    for original, guarded in html_xpath_guards.REPLACED:
        for tree in trees:
            assert guarded(tree) == original(tree), original.path


def test_guarded_expressions_select_the_same_elements_on_aeb_pages() -> None:
    root = Path(os.environ.get("STORYLINE_EVAL", Path(__file__).resolve().parents[2] / "shared" / "eval"))
    pages = sorted((root / "scrapinghub_aeb" / "html").glob("*.html.gz"))[:8]
    if not pages:
        pytest.skip(f"no scrapinghub_aeb under {root}")
    for page in pages:
        with gzip.open(page, "rt", encoding="utf8") as handle:
            tree = _tree(handle.read())
        for original, guarded in html_xpath_guards.REPLACED:
            assert guarded(tree) == original(tree), (page.name, original.path)
