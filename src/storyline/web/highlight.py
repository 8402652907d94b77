"""Mark spans of untrusted text as HTML, safely.

The text is cut at every mark boundary and each piece is escaped on its own; the only markup
emitted is ours (``<span>`` elements whose class, id and title we control, the title escaped
too). Raw article text is never inserted without escaping.
"""

from __future__ import annotations

import html
from collections.abc import Iterable

import msgspec
from markupsafe import Markup


class Mark(msgspec.Struct, frozen=True, kw_only=True):
    start: int
    end: int
    css: str  # one or more of our own class names ("quote", "aligned", "focus")
    anchor: str | None = None  # an element id placed at the start of the span
    title: str | None = None  # tooltip (escaped)


def highlight(text: str, marks: Iterable[Mark]) -> Markup:
    """``text`` as escaped HTML, each piece inside the marks that cover it wrapped in a span."""
    n = len(text)
    valid = [m for m in marks if 0 <= m.start < m.end <= n]
    cuts = sorted({0, n, *(m.start for m in valid), *(m.end for m in valid)})
    anchors: dict[int, list[str]] = {}
    for m in valid:
        if m.anchor:
            anchors.setdefault(m.start, []).append(m.anchor)
    out: list[str] = []
    for a, b in zip(cuts, cuts[1:], strict=False):
        for anchor in anchors.pop(a, []):
            out.append(f'<span class="anchor" id="{html.escape(anchor, quote=True)}"></span>')
        piece = html.escape(text[a:b], quote=False)
        covering = [m for m in valid if m.start <= a and b <= m.end]
        if not covering:
            out.append(piece)
            continue
        classes = sorted({c for m in covering for c in m.css.split()})
        titles = [m.title for m in covering if m.title]
        title = f' title="{html.escape(" | ".join(titles), quote=True)}"' if titles else ""
        out.append(f'<span class="{" ".join(classes)}"{title}>{piece}</span>')
    return Markup("".join(out))
