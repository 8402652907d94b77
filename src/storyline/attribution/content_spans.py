"""Content spans of an attribution: cut around the cue, trimmed, closed at their quotation mark."""

from __future__ import annotations

import re

from storyline.attribution.syntax import Candidate
from storyline.model import Span

EDGE = " \t\n,;:—–-\"'“”‘’"  # what a content span does not begin or end with


def content_pieces(text: str, cand: Candidate, speaker: Span | None) -> list[tuple[int, int]]:
    """The content, cut in two where the attribution interrupts it ("A," he said, "B.")."""
    c0, c1 = cand.content
    cut0, cut1 = cand.cue
    if speaker is not None:
        cut0, cut1 = min(cut0, speaker.start), max(cut1, speaker.end)
    ranges = [(c0, c1)]
    if c0 < cut0 and cut1 < c1:
        # '"A," she told reporters. "B."': B starts at its quotation mark, not at "reporters."
        resume: int | None = cut1
        for opening in _NEXT_OPENING.finditer(text, cut1, min(c1, cut1 + _ADDRESSEE_CHARS + 2)):
            between = text[cut1 : opening.start()].rstrip()
            if _NEW_SENTENCE.search(between):
                # '"A," he said. She stressed: "B."': another sentence introduces B; not his
                resume = None
                break
            if between.endswith((".", ",", ":", ";")) or not between:  # the cue's clause has ended
                resume = opening.end()
                break
        ranges = [(c0, cut0)] if resume is None else [(c0, cut0), (resume, c1)]
    out = []
    for a, b in ranges:
        a, b = _balanced(text, *trim(text, a, b))
        if _AS_ASIDE.search(text, a, b) and b <= cut0 and not text[b:cut0].strip():
            # "it was not, as Hollis said, every levy": Hollis said what follows the aside, and the
            # clause before it is the writer's own (often its opposite)
            a, b = _rest_after(text, cut1)
        if b > a and not _is_stub(text[a:b]) and (a, b) not in out:
            out.append((a, b))
    return out


_AS_ASIDE = re.compile(r",\s+as$")
_NEW_SENTENCE = re.compile(r"[.!?]\s+\w")  # a sentence ends and another begins
_NEXT_OPENING = re.compile(r"[“\"]")
_ADDRESSEE_CHARS = 120  # "told the Gazette on Sunday." between the cue and the quote that follows
_TITLE_WORDS_MAX = 4


def inline_title(text: str, seg: tuple[int, int]) -> bool:
    """A short quoted name inside a clause ('on NBC's "Today" show'): a title, not a statement."""
    inner = text[seg[0] : seg[1]].strip()
    if len(inner.split()) > _TITLE_WORDS_MAX or inner[-1:] in ".,!?;:" or not inner[:1].isupper():
        return False
    return re.match(r"[”\"’']?\s[a-z]", text[seg[1] : seg[1] + 4]) is not None


_SENTENCE_END = re.compile(r"[.?!\n]")
#: A one-word content that says nothing on its own ("intends ... where"): a parse fragment. Not a
#: pronoun ("he said it", "a report, which said", "that is what she said"): that refers to a
#: statement nearby, and the cue stands.
_STUB_WORDS = frozenset(["where", "when", "why", "how", "whether", "as", "and", "but", "or", "if"])


def _rest_after(text: str, at: int) -> tuple[int, int]:
    """The rest of the sentence after ``at``, trimmed."""
    m = _SENTENCE_END.search(text, at)
    return trim(text, at, m.start() if m else len(text))


_CLOSING_MARK = re.compile(r"[.,!?]?[”\"]")


def _balanced(text: str, start: int, end: int) -> tuple[int, int]:
    """A content that opens a quotation ('accused the delegation of “inventing a demand') ends with
    its closing mark, so the quoted words read whole wherever they are shown."""
    inner = text[start:end]
    if inner.count("“") > inner.count("”") or inner.count('"') % 2 == 1:
        m = _CLOSING_MARK.match(text, end)
        if m is not None:
            return start, m.end()
    return start, end


def _is_stub(content: str) -> bool:
    words = content.split()
    return len(words) == 1 and words[0].lower().strip(EDGE + ".?!") in _STUB_WORDS


def trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start] in EDGE + ".?!":
        start += 1
    while end > start and text[end - 1] in EDGE + ".":
        end -= 1
    return start, end
