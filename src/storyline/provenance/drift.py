"""Drift: what a derived copy dropped, added or changed relative to its origin.

Small edits inside a near-verbatim passage are the telling ones (a qualifier lost, a number
changed, a negation dropped); for republications, whole blocks the copy left out or pasted in
(a cut opening, a sidebar) are listed too.
"""

from __future__ import annotations

from storyline.model import Drift, DriftKind
from storyline.provenance.alignment import Alignment

QUALIFIERS = {
    "only",
    "just",
    "partial",
    "partially",
    "some",
    "about",
    "around",
    "nearly",
    "almost",
    "approximately",
    "roughly",
    "allegedly",
    "reportedly",
    "apparently",
    "possibly",
    "probably",
    "may",
    "might",
    "could",
    "would",
    "perhaps",
    "likely",
    "unlikely",
    "suspected",
    "alleged",
    "unconfirmed",
    "estimated",
    "at",
    "least",
    "most",
    "up",
    "more",
    "less",
    "than",
    "mostly",
}
NEGATIONS = {"not", "no", "never", "none", "nor", "t", "without", "neither"}
NUMBER_WORDS = {
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "twenty",
    "thirty",
    "forty",
    "fifty",
    "hundred",
    "hundreds",
    "thousand",
    "thousands",
    "million",
    "millions",
    "billion",
    "billions",
    "dozen",
    "dozens",
    "half",
    "percent",
}
MAX_ITEMS = 24
MAX_CHARS = 300
BLOCK = 12  # words: unaligned stretches at least this long are reported as blocks
CUT = 3  # words: an opening or ending left out at least this long is reported


def _is_number(token: str) -> bool:
    return token.isdigit() or token in NUMBER_WORDS


def _clip(text: str) -> str:
    return text if len(text) <= MAX_CHARS else text[: MAX_CHARS - 1] + "…"


def _edit_note(kind: DriftKind, o_tokens: tuple[str, ...], d_tokens: tuple[str, ...]) -> str:
    o_nums = [t for t in o_tokens if _is_number(t)]
    d_nums = [t for t in d_tokens if _is_number(t)]
    if o_nums and d_nums and o_nums != d_nums:
        return f"number changed {' '.join(o_nums)} -> {' '.join(d_nums)}"
    lost_neg = [t for t in o_tokens if t in NEGATIONS and t not in d_tokens]
    new_neg = [t for t in d_tokens if t in NEGATIONS and t not in o_tokens]
    if lost_neg:
        return f"negation lost: '{lost_neg[0]}'"
    if new_neg:
        return f"negation added: '{new_neg[0]}'"
    lost_q = [t for t in o_tokens if t in QUALIFIERS and t not in d_tokens]
    new_q = [t for t in d_tokens if t in QUALIFIERS and t not in o_tokens]
    if lost_q:
        return f"qualifier lost: '{' '.join(lost_q)}'"
    if new_q:
        return f"qualifier added: '{' '.join(new_q)}'"
    if o_nums and not d_nums:
        return f"number dropped: {' '.join(o_nums)}"
    if d_nums and not o_nums:
        return f"number added: {' '.join(d_nums)}"
    return {DriftKind.CHANGED: "wording changed", DriftKind.DROPPED: "words dropped"}.get(kind, "words added")


def _priority(item: Drift) -> int:
    if item.note.startswith(("number", "negation", "qualifier")):
        return 0
    return 1 if item.note.startswith(("word", "wording")) else 2


def measure_drift(alignment: Alignment, derived_text: str, origin_text: str, *, blocks: bool) -> tuple[Drift, ...]:
    """Edits inside aligned passages, and (``blocks=True``, for republications) the stretches of
    the origin left out and of the copy added between them."""
    d, o = alignment.derived, alignment.origin
    items: list[Drift] = []

    def text_of(norm_starts: tuple[int, ...], norm_ends: tuple[int, ...], src: str, a: int, b: int) -> str:
        return _clip(src[norm_starts[a] : norm_ends[b - 1]]) if b > a else ""

    for k in alignment.chain:
        for g in alignment.passages[k].gaps:
            o_tok, d_tok = o.tokens[g.o0 : g.o1], d.tokens[g.d0 : g.d1]
            if o_tok and d_tok:
                kind = DriftKind.CHANGED
            elif o_tok:
                kind = DriftKind.DROPPED
            else:
                kind = DriftKind.ADDED
            items.append(
                Drift(
                    kind=kind,
                    origin_text=text_of(o.starts, o.ends, origin_text, g.o0, g.o1),
                    derived_text=text_of(d.starts, d.ends, derived_text, g.d0, g.d1),
                    note=_edit_note(kind, o_tok, d_tok),
                )
            )
    if blocks and alignment.chain:
        chain = [alignment.passages[k] for k in alignment.chain]
        o_prev, d_prev = 0, 0
        for idx, p in enumerate(chain + [None]):
            o_next = p.o0 if p is not None else len(o)
            d_next = p.d0 if p is not None else len(d)
            left_out = o_next - o_prev
            pasted = d_next - d_prev
            where = "opening" if idx == 0 else ("ending" if p is None else "middle")
            if left_out >= (CUT if where != "middle" else BLOCK):
                items.append(
                    Drift(
                        kind=DriftKind.DROPPED,
                        origin_text=text_of(o.starts, o.ends, origin_text, o_prev, o_next),
                        note=f"{left_out} words of the origin's {where} not carried",
                    )
                )
            if pasted >= BLOCK:
                items.append(
                    Drift(
                        kind=DriftKind.ADDED,
                        derived_text=text_of(d.starts, d.ends, derived_text, d_prev, d_next),
                        note=f"{pasted} words in the copy's {where} not in the origin",
                    )
                )
            if p is not None:
                o_prev, d_prev = max(o_prev, p.o1), p.d1
    # the telling edits first, then blocks
    items.sort(key=_priority)
    return tuple(items[:MAX_ITEMS])
