"""Site furniture in an HTML tree: what it is, and pruning it before the main text is extracted.

A block is furniture when its markup says what it is: its class, id, ``role``, ``aria-label`` or
``data-*`` names it a related-stories list, a newsletter box, a share bar, comments, a cookie
banner, an advertisement, or its element is one (``<nav>``, ``<figcaption>``, ``<aside>``). Names
are matched as whole hyphen/underscore-separated parts (``related-posts`` and ``relatedPosts``, not
``unrelated``), and a block that holds most of the page's paragraph text is never pruned: a body
wrapper with a class such as ``has-comments`` stays.
"""

from __future__ import annotations

import re
from functools import lru_cache

from lxml.html import HtmlElement

from storyline.model import Removal

__all__ = ["FURNITURE_KINDS", "furniture_kind", "link_list_texts", "marked_deks", "prune_furniture"]

# kind -> (reason shown to users, pattern over the element's lowercased names; "-" stands for an
# optional separator, so "most-read" matches "most-read", "most_read", "mostRead", "mostread")
FURNITURE_KINDS: dict[str, tuple[str, str]] = {
    "related-links": (
        "a list of links to related stories",
        r"related\w*|more-(?:stories|from|on|in|news|articles|headlines|coverage)|read-(?:more|next|also)"
        r"|also-read|up-next|whats-next|next-(?:article|story|post)|further-reading|see-also|more-like-this"
        r"|story-list|headline-list|link-list|cross-links?|dont-miss",
    ),
    "recommended": (
        "recommended or trending stories",
        r"recommend\w*|recirc\w*|trending\w*|popular\w*|most-(?:read|popular|viewed|shared|watched)"
        r"|top-stories|outbrain\w*|taboola\w*|you-may(?:-also)?-like|suggested\w*|editors-picks?",
    ),
    "newsletter": (
        "a newsletter, subscription or sign-up box",
        r"newsletters?\w*|subscribe\w*|subscription\w*|sign-up|email-signup|mailing-list|opt-in|paywall\w*"
        r"|reg-?wall|register-wall|membership|donate|donation|inline-cta|cta",
    ),
    "share": ("share and follow buttons", r"share\w*|sharing|social\w*|addthis|follow-us"),
    "comments": ("reader comments", r"comments?|comment-list|disqus\w*|discussion|respond|replies"),
    "cookie-banner": ("a cookie or consent banner", r"cookies?\w*|consent\w*|gdpr|cmp|privacy-banner"),
    "advertisement": (
        "an advertisement",
        r"ads?|ad-(?:slot|unit|container|wrapper|box)|advert\w*|sponsor\w*|promo\w*|dfp\w*|gpt|banner\w*"
        r"|commercial",
    ),
    "caption": ("a photo caption or credit", r"caption\w*|figcaption|image-credit|photo-credit|credits?"),
    "navigation": (
        "site navigation",
        r"nav|navbar|navigation|menu\w*|breadcrumbs?|pagination|pager|skip-links?|sitemap|masthead|top-bar",
    ),
    "tags": ("topic tags", r"tags?|tag-list|tag-cloud|keywords|topics|categories"),
    "author-bio": (
        "an author biography",
        r"author-bio|about-(?:the-)?author|bio-box|author-info|author-card",
    ),
}

_TAG_KINDS = {"nav": "navigation", "figcaption": "caption", "aside": "related-links"}
_SEP = r"[-_]?"
# the start-of-name lookbehind is shared by every kind and written once, ahead of the branches: at a
# position inside a name it fails before any branch is tried (the same matches, several times faster)
_ANY_KIND = re.compile(
    "(?<![a-z0-9])(?:"
    + "|".join(
        rf"(?P<{kind.replace('-', '_')}>(?:{pattern.replace('-', _SEP)})(?![a-z0-9]))"
        for kind, (_, pattern) in FURNITURE_KINDS.items()
    )
    + ")"
)
# names of the article body itself: a block named like this is never furniture
_BODY_NAMES = re.compile(
    r"(?<![a-z0-9])(?:article|story|post|entry|main)[-_]?(?:body|content|text)(?![a-z0-9])|articlebody"
    r"|(?<![a-z0-9])embed"  # embedded tweets and posts quoted by the article are content
)
_BODY_WORDS = ("body", "content", "text", "embed")  # every body name holds one of these
_CAMEL = re.compile(r"(?<=[a-z0-9])(?=[A-Z])")
_NEVER_FURNITURE = frozenset(("html", "body", "article", "main", "p", "h1"))
# only blocks are pruned: an inline element (a tagged link, a highlighted name) is part of a
# sentence, and removing it would cut words out of the body
_BLOCK_TAGS = (
    "div",
    "section",
    "aside",
    "nav",
    "ul",
    "ol",
    "li",
    "figure",
    "figcaption",
    "footer",
    "header",
    "form",
    "table",
    "dl",
    "details",
    "iframe",
    "h2",
    "h3",
    "h4",
)
_ATTRS = ("class", "id", "role", "aria-label", "data-component", "data-module", "itemprop")
_ATTR_SET = frozenset(_ATTRS)
# a block holding this share of the page's paragraph text or more is (part of) the body, whatever
# its name; comment threads can be long, so they get a larger allowance
_BODY_SHARE = 0.15
_COMMENTS_SHARE = 0.5
_REMOVAL_TEXT_LIMIT = 600


_BODY = "body"  # what _kind_of_names says of a body name


def _dashed_lower(names: str) -> str:
    """``relatedPosts`` -> ``related-posts``: camel case split, then lowercased (names that are
    lowercase already, most of them, skip the split)."""
    return names if names.islower() else _CAMEL.sub("-", names).lower()


@lru_cache(maxsize=16384)
def _kind_of_names(names: str) -> str | None:
    lowered = _dashed_lower(names)
    if any(word in lowered for word in _BODY_WORDS) and _BODY_NAMES.search(lowered):
        return _BODY
    match = _ANY_KIND.search(lowered)
    if match and match.lastgroup:
        return match.lastgroup.replace("_", "-")
    return None


def furniture_kind(element: HtmlElement) -> str | None:
    """The furniture kind an element's tag or names say it is, or None."""
    tag = element.tag if isinstance(element.tag, str) else ""
    if tag in _NEVER_FURNITURE:
        return None
    if tag in _TAG_KINDS:
        return _TAG_KINDS[tag]
    attributes = element.items()  # in document order, without building an attribute mapping
    if not attributes:
        return None
    # the names of all the attributes read, in document order, classified as one string (the same
    # combinations repeat across a page: cache hits); NUL separates them as a start or end of name
    # does (no pattern spans it), so a body name in any of them vetoes the element and the kind is
    # that of the first attribute naming one, as when each is classified on its own
    names = "\0".join([value for attr, value in attributes if value and attr in _ATTR_SET])
    if not names:
        return None
    kind = _kind_of_names(names)
    return None if kind == _BODY else kind


def _paragraph_chars(element: HtmlElement) -> int:
    return sum(len(p.text_content()) for p in element.iter("p"))


def prune_furniture(tree: HtmlElement) -> list[Removal]:
    """Remove furniture blocks from ``tree`` in place; return what was removed and why."""
    body = tree.find("body")
    root = body if body is not None else tree
    total = _paragraph_chars(root) or 1
    candidates = []
    for element in root.iter(*_BLOCK_TAGS):  # lxml's tag-filtered walk, far faster than an XPath
        kind = furniture_kind(element)
        if kind is not None:
            candidates.append((element, kind))
    removed: list[Removal] = []
    for element, kind in candidates:
        parent = element.getparent()
        if parent is None or _detached(element, root):
            continue
        if next(element.iter("h1"), None) is not None and kind not in ("comments", "newsletter"):
            continue
        chars = _paragraph_chars(element)
        share = _COMMENTS_SHARE if kind == "comments" else _BODY_SHARE
        if chars >= share * total and chars > 200:
            continue
        text = " ".join(element.text_content().split())
        _drop(element)
        if text:
            if len(text) > _REMOVAL_TEXT_LIMIT:
                text = text[:_REMOVAL_TEXT_LIMIT] + "…"
            removed.append(Removal(text=text, reason=kind, detail=FURNITURE_KINDS[kind][0]))
    return removed


def _detached(element: HtmlElement, root: HtmlElement) -> bool:
    node = element
    while node is not None:
        if node is root:
            return False
        node = node.getparent()
    return True


def _drop(element: HtmlElement) -> None:
    """Remove an element but keep its tail text (which belongs to the parent)."""
    parent = element.getparent()
    if parent is None:
        return
    tail = element.tail
    if tail and tail.strip():
        previous = element.getprevious()
        if previous is not None:
            previous.tail = (previous.tail or "") + tail
        else:
            parent.text = (parent.text or "") + tail
    parent.remove(element)


_LINK_HOLDERS = frozenset(("p", "li", "h2", "h3", "h4", "h5", "h6", "div", "td", "dd", "dt", "strong", "em", "b"))
_WORDS = re.compile(r"\w+")
_LABEL = re.compile(r"(?:\w+\s+){0,2}\w+\s*:")  # "Read more:", "See also:", "Related:"
_LI_LINK_SHARE = 0.85
_BLOCK_LINK_SHARE = 0.85


def _norm(text: str) -> str:
    return " ".join(_WORDS.findall(text.lower()))


def link_list_texts(tree: HtmlElement) -> frozenset[str]:
    """Normalized texts of short blocks made almost only of link text.

    Recirculation inside and around the body looks like this: a paragraph or list item that is
    one headline link ("SEAN SPICER ELIMINATED FROM ..."), sometimes with a few words of teaser
    after it. Body paragraphs carry links too, but their own words dominate.
    """
    found: set[str] = set()
    blocks: dict[HtmlElement, None] = {}
    for link in tree.iter("a"):
        for ancestor in link.iterancestors():
            if ancestor.tag in _LINK_HOLDERS:
                blocks[ancestor] = None
                break
    for block in blocks:
        text = " ".join(block.text_content().split())
        if not text or len(text) > 300:
            continue
        # in-page anchors (a table of contents) are not links away from the article
        link_chars = sum(
            len(" ".join(a.text_content().split()))
            for a in block.iter("a")
            if not (a.get("href") or "").startswith("#")
        )
        # a label set in bold before the link ("<strong>Read more:</strong> <a>...</a>") is the
        # promo's own furniture, not words of the body
        label = next(
            (
                words
                for e in block.iter("strong", "b", "em")
                if e is not block and _LABEL.fullmatch(words := " ".join(e.text_content().split()))
            ),
            "",
        )
        # ... when the link is a headline (a store's name after "See it now:" is no promo)
        headline = len(text[len(label) :].split()) >= 4
        label_chars = len(label) if label and text.startswith(label) and headline else 0
        threshold = _LI_LINK_SHARE if block.tag == "li" else _BLOCK_LINK_SHARE
        if link_chars and link_chars + label_chars >= threshold * len(text):
            norm = _norm(text)
            if len(norm.split()) >= 3:
                found.add(norm)
    return frozenset(found)


# class names of a standfirst under the headline (not "summary"/"excerpt"/"teaser": those name
# lead paragraphs as often as teasers of other stories)
_DEK_NAMES = re.compile(
    r"(?<![a-z0-9])(?:dek|deck|standfirst|sub-?title|sub-?headline|sub-?head|strapline)(?![a-z0-9])"
)
_DEK_TAGS = ("h2", "h3", "p", "div", "span", "header")


@lru_cache(maxsize=8192)
def _names_a_dek(names: str) -> bool:
    return bool(_DEK_NAMES.search(_dashed_lower(names)))


def marked_deks(tree: HtmlElement) -> list[tuple[HtmlElement, str]]:
    """Blocks the markup names a dek or standfirst (``class="article-dek"``), with their text."""
    found: list[tuple[HtmlElement, str]] = []
    for element in tree.iter(*_DEK_TAGS):
        names = element.get("class")  # no attribute proxy per element
        if not names or not _names_a_dek(names):
            continue
        text = " ".join(element.text_content().split())
        if 20 <= len(text) <= 400 and all(text != seen for _, seen in found):
            found.append((element, text))
        if len(found) >= 3:
            break
    return found
