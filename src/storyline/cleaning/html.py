"""Main text and metadata from an HTML page.

``extract_html`` wraps trafilatura (the well-kept extractor) and goes beyond it where its users
report leaks:

1. the page is parsed once (lxml, through trafilatura's tolerant loader);
2. metadata is read from the tree: ``<meta>`` tags (Open Graph, Dublin Core, article:*), JSON-LD
   (``NewsArticle`` and friends), ``<html lang>``, ``<time>``, ``<h1>``;
3. site furniture is pruned from the tree *before* extraction, each pruned block recorded as a
   :class:`~storyline.model.Removal` with its reason: related-link lists, recommended stories,
   newsletter and subscription boxes, share bars, comments, cookie banners, captions, navigation
   (see :mod:`storyline.cleaning.html_furniture`);
4. trafilatura extracts the main text from the pruned tree (fast mode, comments off), called on
   the tree itself, with its XPath expressions rewritten to select the same elements with less
   work (:mod:`storyline.cleaning.html_xpath_guards`) and its recall-escalation gate measuring the
   page only when a bound cannot decide (:mod:`storyline.cleaning.html_escalation`): the same text
   as ``trafilatura.extract``, in about a fifth less CPU time on the AEB pages;
5. the text is post-filtered: the headline and dek are metadata, not body, and blocks that were
   link lists in the page are dropped.

Bad pages (empty, binary, not HTML) give an ``HtmlExtract`` with empty text; nothing raises on
bad content.
"""

from __future__ import annotations

import logging
import re
from datetime import datetime
from functools import lru_cache

from lxml.etree import ElementDefaultClassLookup
from lxml.html import (
    HtmlComment,
    HtmlElement,
    HtmlEntity,
    HTMLParser,
    HtmlProcessingInstruction,
    document_fromstring,
    fromstring,
)
from trafilatura.core import trafilatura_sequence
from trafilatura.settings import Extractor
from trafilatura.utils import (
    DOCTYPE_TAG,
    FAULTY_HTML,
    INVALID_XML_CHARS,
    decode_file,
    is_dubious_html,
    normalize_unicode,
)
from trafilatura.xml import delete_element, xmltotxt

from storyline.cleaning import html_escalation, html_xpath_guards
from storyline.cleaning.html_furniture import link_list_texts, marked_deks, prune_furniture
from storyline.cleaning.html_metadata import PageMetadata, read_page_metadata
from storyline.cleaning.metadata import TextMetadata, extract_text_metadata
from storyline.model import Model, Removal

__all__ = ["HtmlExtract", "extract_html"]

LOGGER = logging.getLogger(__name__)

# trafilatura's recall-escalation gate measures the page only when a cheap bound cannot decide it
html_escalation.install()
# and its regular-expression tests in XPath call Python only for elements that have the attribute
html_xpath_guards.install()

_WORD = re.compile(r"\w+")
# headings this long or shorter are compared to the title/dek; longer lines are body
_HEADING_MAX_CHARS = 400
# scoping: paragraphs shorter than this are not counted; pages with less paragraph text than
# _SCOPE_MIN_CHARS are extracted whole; the kept block holds _SCOPE_SHARE of the paragraph text
_PARAGRAPH_MIN_CHARS = 30
_SCOPE_MIN_CHARS = 500
_SCOPE_SHARE = 0.95


class HtmlExtract(Model, frozen=True):
    """What ``extract_html`` found in one page."""

    text: str = ""  # main body, paragraphs separated by a blank line
    title: str | None = None
    dek: str | None = None
    byline: str | None = None
    outlet: str | None = None
    published: datetime | None = None
    updated: datetime | None = None
    language: str | None = None
    dateline: str | None = None
    credits: tuple[str, ...] = ()
    removed: tuple[Removal, ...] = ()


# ASCII text: word characters (letters, digits, "_") become lowercase and every other byte a space,
# so ``split`` gives the same runs as ``_WORD`` on the lowercased text
_ASCII_WORDS = bytes(ord(chr(b).lower()) if b < 128 and (chr(b).isalnum() or chr(b) == "_") else 32 for b in range(256))


def _words(text: str) -> str:
    if text.isascii():
        return " ".join(text.encode("ascii").translate(_ASCII_WORDS).decode("ascii").split())
    return " ".join(_WORD.findall(text.lower()))


# trafilatura's parser settings, but every element is a plain HtmlElement chosen in C: lxml.html's
# own lookup calls a Python method for each element the code touches (a tenth of the extraction
# time) only to pick form-field subclasses that nothing here uses
_PARSER = HTMLParser(collect_ids=False, default_doctype=False, encoding="utf-8", remove_comments=True, remove_pis=True)
_PARSER.set_element_class_lookup(
    ElementDefaultClassLookup(element=HtmlElement, comment=HtmlComment, pi=HtmlProcessingInstruction, entity=HtmlEntity)
)


def _parse_bytes(html: str) -> HtmlElement | None:
    return _parse_utf8(html.encode("utf8", "surrogatepass"))


def _parse_utf8(data: bytes) -> HtmlElement | None:
    try:
        return fromstring(data, parser=_PARSER)
    except Exception as err:  # noqa: BLE001 - as trafilatura: a page that lxml refuses has no tree
        LOGGER.debug("lxml refused the page as bytes: %s", err)
    return None


_CONTROL_BYTES = bytes([*range(0x00, 0x09), 0x0B, 0x0C, *range(0x0E, 0x20)])  # INVALID_XML_CHARS' controls
# every control byte becomes NUL and every other byte 0x01: a plain table lookup per byte (a quarter
# fewer instructions than deleting the controls and comparing lengths), then one memchr for NUL
_CONTROL_TO_NUL = bytes(0 if byte in _CONTROL_BYTES else 1 for byte in range(256))


def _has_control_bytes(data: bytes) -> bool:
    return b"\0" in data.translate(_CONTROL_TO_NUL)


def _has_invalid_xml_chars(text: str) -> bool:
    """Whether ``INVALID_XML_CHARS`` matches ``text``, answered in C: control characters are the
    same bytes in UTF-8 (never part of a multi-byte sequence), U+FFFE/U+FFFF are looked up."""
    data = text.encode("utf-8", "surrogatepass")
    return _has_control_bytes(data) or "\ufffe" in text or "\uffff" in text


def _repair_faulty_html(text: str, beginning: str) -> str:
    """trafilatura's ``repair_faulty_html``, the same result, without a regex pass over a page that
    holds no character to remove (most pages)."""
    if _has_invalid_xml_chars(text):
        text = INVALID_XML_CHARS.sub("", text)
    if "doctype" in beginning:
        firstline, _, rest = text.partition("\n")
        text = DOCTYPE_TAG.sub("", firstline, count=1) + "\n" + rest
    for line in text[:4096].splitlines()[:4]:
        if "<html" in line and line.endswith("/>"):
            text = FAULTY_HTML.sub(r"\1>", text, count=1)
            break
    return text


def _repaired_utf8(text: str, beginning: str) -> bytes | None:
    """``_repair_faulty_html(text, beginning)`` as UTF-8, for the common page: no character to
    remove, no self-closing ``<html/>``, no surrogate or byte-order mark; None for any other page.

    The page is encoded once, and the bytes serve both the check for characters to remove and the
    parser, which otherwise converts a Python string to UTF-8 again itself (through iconv for
    pages with characters beyond U+FFFF).
    """
    if text.startswith("\ufeff"):
        return None
    try:
        data = text.encode("utf-8")
    except UnicodeEncodeError:  # lone surrogates: the string path decides what they become
        return None
    if _has_control_bytes(data) or "\ufffe" in text or "\uffff" in text:
        return None
    head = text[:4096]
    if "doctype" in beginning:
        # the repair touches the first line only; "\n" is one byte in UTF-8, so the bytes split
        # where the string does
        firstline, _, _ = head.partition("\n")
        if len(firstline) == len(head):
            firstline = text.partition("\n")[0]
        fixed = DOCTYPE_TAG.sub("", firstline, count=1)
        if fixed != firstline:
            data = fixed.encode("utf-8") + b"\n" + data.partition(b"\n")[2]
            head = (fixed + "\n" + text[len(firstline) + 1 : len(firstline) + 1 + 4096])[:4096]
        elif "\n" not in text:
            data += b"\n"  # the repair joins the first line and the (empty) rest with a newline
            head = (head + "\n")[:4096]
    for line in head.splitlines()[:4]:
        if "<html" in line and line.endswith("/>"):
            return None
    return data


def _load_html(html: str | bytes) -> HtmlElement | None:
    """trafilatura's ``load_html`` (decode, repair, parse, reject what is not HTML) with the parser
    above."""
    text = decode_file(html)
    beginning = text[:50].lower()
    dubious = is_dubious_html(beginning)
    tree: HtmlElement | None = None
    data = _repaired_utf8(text, beginning)
    if data is not None:
        # the bytes the string path falls back to; lxml reads the same tree from both
        tree = _parse_utf8(data)
    else:
        text = _repair_faulty_html(text, beginning)
        fallback = False
        try:
            tree = fromstring(text, parser=_PARSER)
        except ValueError:  # "Unicode strings with encoding declaration are not supported"
            tree = _parse_bytes(text)
            fallback = True
        except Exception as err:  # noqa: BLE001
            LOGGER.debug("lxml failed on the page: %s", err)
        if (tree is None or len(tree) < 1) and not fallback:
            tree = _parse_bytes(text)
    if tree is not None and dubious and len(tree) < 2:
        return None  # not HTML at all
    return tree


def _load(html: str | bytes) -> HtmlElement | None:
    if not html or (isinstance(html, str) and not html.strip()):
        return None
    try:
        tree = _load_html(html)
    except Exception as err:  # bad content is data: lxml and the decoder raise on odd bytes
        LOGGER.debug("unparsable page: %s", err)
        return None
    if tree is None or not isinstance(tree, HtmlElement):
        return None
    return tree


def _article_subtree(tree: HtmlElement) -> HtmlElement:
    """The page cut down to the deepest block holding most of its paragraph text (and that block's
    parent, for a lead or heading just outside it); the whole page when there is no such block.

    Extraction on the cut page is faster and cannot pick up furniture far from the article.
    """
    body = tree.find("body")
    if body is None:
        return tree
    chars: dict[HtmlElement, int] = {}
    total = 0
    for paragraph in body.iter("p"):
        size = len(paragraph.text_content().strip())
        if size < _PARAGRAPH_MIN_CHARS:
            continue
        total += size
        for ancestor in paragraph.iterancestors():
            chars[ancestor] = chars.get(ancestor, 0) + size
            if ancestor is body:
                break
    if total < _SCOPE_MIN_CHARS:
        return tree
    best, best_depth = body, 0
    for element, size in chars.items():
        if size >= _SCOPE_SHARE * total:
            depth = sum(1 for _ in element.iterancestors())
            if depth > best_depth:
                best, best_depth = element, depth
    parent = best.getparent()
    if best is body or parent is None or parent is body:
        return tree
    page = document_fromstring("<html><head></head><body></body></html>", parser=_PARSER)
    page.find("body").append(parent)
    return page


@lru_cache(maxsize=1)
def _base_options() -> Extractor:
    return Extractor(fast=True, comments=False, tables=True, images=False, dedup=False)


def _options(url: str | None) -> Extractor:
    """``Extractor(url=url, ...)`` for the options below, copied from one made once: making one
    reads its configuration again, which cost as much as a tenth of a small page's extraction."""
    base = _base_options()
    options = Extractor.__new__(Extractor)
    for name in Extractor.__slots__:
        setattr(options, name, getattr(base, name))
    options.url = url
    options.source = url and url.encode("utf-8", "replace").decode("utf-8")
    options.author_blacklist, options.url_blacklist = set(), set()
    options.date_params = dict(base.date_params)
    return options


def _drop_code_blocks(tree: HtmlElement) -> None:
    """Remove ``<style>`` and ``<script>`` elements (JSON-LD scripts stay), with trafilatura's own
    deletion (the tail text joins the previous sibling or the parent, whitespace included).

    trafilatura deletes them itself, from every tree it reads, before they can count (its page
    cleaning, its baseline and page-length cleaning); before that it only copies the page twice,
    CSS and JavaScript included (half the bytes of a page with its head), and prunes blocks by
    their names. JSON-LD is read by its forum-page check and its baseline, so it stays.
    """
    doomed = [
        element
        for element in tree.iter("style", "script")
        if element.tag == "style" or element.get("type") != "application/ld+json"
    ]
    for element in doomed:
        delete_element(element)


def _trafilatura_text(tree: HtmlElement, options: Extractor) -> str:
    """``trafilatura.extract(tree, options=options)`` for the options above (plain text, no
    metadata, no comments), without the copy of the tree it makes to leave its input untouched:
    this tree is the extraction's own and is not read again."""
    try:
        postbody, text, commentsbody, comments = trafilatura_sequence(tree, options, options.url)
    except (TypeError, ValueError):  # as trafilatura: a page it cannot read has no text
        return ""
    if len(text) < options.min_output_size and len(comments) < options.min_output_comm_size:
        return ""
    body = xmltotxt(postbody, options.formatting)
    return normalize_unicode(f"{body}\n{xmltotxt(commentsbody, options.formatting)}".strip())


def _body_lines(tree: HtmlElement, url: str | None) -> list[str]:
    try:
        _drop_code_blocks(tree)
        text = _trafilatura_text(tree, _options(url))
    except Exception as err:  # trafilatura is robust, but a page must never crash a run
        LOGGER.debug("trafilatura failed: %s", err)
        return []
    if not text:
        return []
    return [line.strip() for line in text.split("\n") if line.strip()]


_COPYRIGHT = re.compile(r"^(?:©|\(c\)|copyright\b|all rights reserved)", re.IGNORECASE)
_CREDIT_MARK = re.compile(r"©|\b(?:photo|image|picture|credit|foto)s?\s*(?::|by\b)", re.IGNORECASE)
_BARE_URL = re.compile(r"^(?:https?://|www\.)\S+$")
_SENTENCE_END = re.compile(r"[.!?…\"”’)。！？」]$")
# a line that is only a date or time stamp ("August 08, 2018", "22 de outubro de 2010 às 20:13")
_STAMP_WORD = re.compile(
    r"^(?:\d{1,4}(?:[:./-]\d{1,4})*|[ap]m|de|às|at|on|um|le|el|[a-zà-ÿ-]{3,}\.?,?)$", re.IGNORECASE
)
_YEAR_OR_TIME = re.compile(r"\b(?:19|20)\d\d\b|\b\d{1,2}:\d\d\b")


# calls to act that close many articles: a newsletter sign-up, "follow us on ..."
_NEWSLETTER_LINE = re.compile(
    r"(?i)\bnewsletters?\b.*\b(?:subscrib|sign(?:ing)?[ -]?up|inbox)"
    r"|\b(?:subscrib\w*|sign(?:ing)?[ -]?up)\b.*\bnewsletters?\b"
)
_FOLLOW_LINE = re.compile(r"(?i)^follow\b.{0,80}\b(?:twitter|facebook|instagram|youtube|tiktok|linkedin)\b")


def _is_stamp(line: str) -> bool:
    # at most eight pieces: a paragraph is not split whole only to learn it has more than seven words
    words = line.replace(",", " ").split(maxsplit=7)
    return (
        0 < len(words) <= 7
        and bool(_YEAR_OR_TIME.search(line))
        and sum(1 for w in words if any(c.isdigit() for c in w)) >= len(words) / 3
        and all(_STAMP_WORD.match(w) for w in words)
    )


def _line_removal(line: str) -> Removal | None:
    """Furniture recognisable from one line of extracted text."""
    if _is_stamp(line):
        return Removal(text=line, reason="timestamp", detail="a date or time stamp")
    if len(line) <= 250 and _NEWSLETTER_LINE.search(line):
        return Removal(text=line, reason="newsletter", detail="a newsletter sign-up prompt")
    if len(line) <= 200 and _FOLLOW_LINE.search(line):
        return Removal(text=line, reason="share", detail="an invitation to follow the outlet or author")
    if len(line) <= 200 and _COPYRIGHT.match(line):
        return Removal(text=line, reason="copyright", detail="a copyright notice")
    if _BARE_URL.match(line):
        return Removal(text=line, reason="url", detail="a bare link address")
    if len(line) <= 200 and _CREDIT_MARK.search(line) and not _SENTENCE_END.search(line.rstrip()):
        return Removal(text=line, reason="caption", detail="a photo caption or credit")
    return None


def _filter_lines(
    lines: list[str],
    meta: PageMetadata,
    link_lists: frozenset[str],
    standfirsts: frozenset[str] = frozenset(),
) -> tuple[list[str], list[Removal]]:
    """Drop the headline and dek from the head of the body, link lists, notices and credits."""
    heads = {}
    if meta.title:
        heads[_words(meta.title)] = "title"
    for alt in meta.title_variants:
        heads.setdefault(_words(alt), "title")
    # a page's description is as often its lead paragraph as a standfirst: only a block the markup
    # names a standfirst (class "dek", "subtitle", "strapline"), right under the headline, is
    # taken out of the body
    deks = {standfirst: "dek" for standfirst in standfirsts}
    verdicts: list[Removal | None] = []
    # a leading bullet is no word: these are also the words of the whole line
    norms = [_words(line.lstrip("-•* ")) for line in lines]
    for index, line in enumerate(lines):
        norm = norms[index]
        verdict: Removal | None = None
        if not norm:
            verdict = Removal(text=line, reason="empty", detail="no words")
        # the headline/dek repeated at the top of the body (only near the start: a later line
        # that happens to equal the dek is body text quoting it)
        elif index < 4 and len(line) <= _HEADING_MAX_CHARS and (norm in heads or (index < 2 and norm in deks)):
            reason = heads.get(norm, "dek")
            verdict = Removal(text=line, reason=reason, detail=f"the page's {reason}, kept as metadata")
        elif norm in link_lists:
            verdict = Removal(text=line, reason="link-list", detail="a block made of links (related stories, tags)")
        else:
            verdict = _line_removal(line)
        verdicts.append(verdict)
    # a short heading right before removed link blocks introduces them ("You may also like...")
    for index in range(len(lines) - 1):
        nxt = verdicts[index + 1]
        if (
            verdicts[index] is None
            and nxt is not None
            and nxt.reason == "link-list"
            and len(lines[index]) <= 60
            and not _SENTENCE_END.search(lines[index])
        ):
            verdicts[index] = Removal(text=lines[index], reason="link-list", detail="the heading of a block of links")
    # the page's own name on a line of its own, and one- to three-word labels left at the end
    # ("Tags:", "comments") once the blocks they introduced were pruned
    outlet = _words(meta.outlet) if meta.outlet else None
    for index, line in enumerate(lines):
        if verdicts[index] is None and outlet and norms[index] == outlet:
            verdicts[index] = Removal(text=line, reason="outlet-name", detail="the site's name")
    for index in range(len(lines) - 1, -1, -1):
        if verdicts[index] is not None:
            continue
        line = lines[index]
        if len(line) <= 30 and len(line.split()) <= 3 and not _SENTENCE_END.search(line):
            verdicts[index] = Removal(text=line, reason="trailing-label", detail="a label after the body")
            continue
        break
    kept = [line for line, verdict in zip(lines, verdicts, strict=True) if verdict is None]
    removed = [verdict for verdict in verdicts if verdict is not None and verdict.reason != "empty"]
    return kept, removed


def _drop_update_notices(text: str) -> tuple[str, list[Removal], TextMetadata]:
    found = extract_text_metadata(text)
    if not found.update_spans:
        return text, [], found
    removed: list[Removal] = []
    pieces: list[str] = []
    position = 0
    for span in sorted(found.update_spans, key=lambda s: s.start):
        pieces.append(text[position : span.start])
        removed.append(
            Removal(text=span.slice(text), reason="update-notice", detail="a note that the story was updated")
        )
        position = span.end
    pieces.append(text[position:])
    cleaned = "\n\n".join(p.strip() for p in "".join(pieces).split("\n\n") if p.strip())
    return cleaned, removed, found


def extract_html(html: str, url: str | None = None) -> HtmlExtract:
    """Main text and metadata of one HTML page; bad pages give empty text, never an exception."""
    tree = _load(html)
    if tree is None:
        return HtmlExtract()
    try:
        meta = read_page_metadata(tree, url)
    except Exception as err:  # metadata is best effort; odd markup must not lose the body
        LOGGER.debug("metadata failed: %s", err)
        meta = PageMetadata()
    deks = marked_deks(tree)
    if deks and not meta.dek:
        meta = meta.replace(dek=deks[0][1])
    removed = prune_furniture(tree)
    tree = _article_subtree(tree)
    standfirsts = frozenset(_words(text) for _, text in deks)
    link_lists = link_list_texts(tree)
    lines = _body_lines(tree, url)
    lines, line_removals = _filter_lines(lines, meta, link_lists, standfirsts)
    removed.extend(line_removals)
    text, notices, found = _drop_update_notices("\n\n".join(lines))
    removed.extend(notices)
    dateline = found.dateline
    credits: list[str] = list(found.credits)
    for credit in meta.credits:
        if credit not in credits:
            credits.append(credit)
    return HtmlExtract(
        text=text,
        title=meta.title,
        dek=meta.dek,
        byline=meta.byline,
        outlet=meta.outlet,
        published=meta.published,
        updated=meta.updated or found.updated,
        language=meta.language,
        dateline=dateline,
        credits=tuple(credits),
        removed=tuple(removed),
    )
