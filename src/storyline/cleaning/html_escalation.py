"""trafilatura's recall-escalation gate, decided without measuring the page when a bound settles it.

After its main extraction, trafilatura (2.x, balanced mode) measures the whole page's text with
``html2txt`` when the extracted text is short (under 3,000 characters) and retries in recall mode
if the extraction holds less than a fifth of it. ``html2txt`` copies the tree, deletes boilerplate
with an XPath that calls Python regular expressions for every element, and respaces every block:
on the AEB pages it ran for 83 of 181 pages and cost about a twentieth of the extraction time, to
answer "no" 80 times.

Its length has a cheap upper bound: the page's text with runs of whitespace collapsed, plus one
character for every space ``html2txt`` inserts (two per element at most). Deleting text never
lengthens the collapsed text (words only shrink, vanish or merge), and each inserted space splits
at most one word. When the extraction already holds a fifth of that bound, it holds a fifth of the
real length and the gate says no: the page is not measured, and ``html2txt`` answers ``""`` to
that one caller, which reads only the length. Every other call measures the page as before, so
trafilatura decides exactly as it did.

:func:`install` wraps the two functions in ``trafilatura.core``; it does nothing when that module
does not have the shape this was written for.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable

from lxml.html import HtmlElement

__all__ = ["install", "page_text_bound"]

LOGGER = logging.getLogger(__name__)

# the length of the text the last main extraction of this thread found, read once by the gate
_LAST = threading.local()
_INSTALLED = False


def page_text_bound(tree: HtmlElement) -> int:
    """An upper bound on ``len(trafilatura.baseline.html2txt(tree))`` for an element ``tree``."""
    body = tree.find(".//body")
    root = tree if body is None else body
    text = " ".join(root.text_content().split())
    return len(text) + 2 * int(root.xpath("count(descendant-or-self::*)"))


def _recording(extract_and_compare: Callable[..., tuple[object, str]]) -> Callable[..., tuple[object, str]]:
    def recorded(*args: object, **kwargs: object) -> tuple[object, str]:
        result = extract_and_compare(*args, **kwargs)
        _LAST.extracted = len(result[1])
        return result

    return recorded


def _bounded(html2txt: Callable[..., str], share: float) -> Callable[..., str]:
    def measured(content: object, clean: bool = True) -> str:
        extracted = getattr(_LAST, "extracted", None)
        _LAST.extracted = None
        # the main extraction ran just before (its text can only have grown since: trafilatura
        # swaps in its baseline only when that is longer); the gate asks extracted < share * len
        if (
            extracted is not None
            and clean
            and isinstance(content, HtmlElement)
            and extracted >= share * page_text_bound(content)
        ):
            return ""
        return html2txt(content, clean)

    return measured


def install() -> None:
    """Wrap trafilatura's main extraction (to note its length) and its page measure, once."""
    global _INSTALLED
    if _INSTALLED:
        return
    _INSTALLED = True
    from trafilatura import core

    names = ("html2txt", "_extract_and_compare", "trafilatura_sequence", "ESCALATION_PAGE_SHARE")
    if not all(hasattr(core, name) for name in names):
        LOGGER.debug("trafilatura.core is not as expected: its escalation gate stays as it is")
        return
    core._extract_and_compare = _recording(core._extract_and_compare)
    core.html2txt = _bounded(core.html2txt, core.ESCALATION_PAGE_SHARE)
