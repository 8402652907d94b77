"""What cased, punctuated text says about each normalized token: the restoration targets.

For every letter/digit run of a cased text we record its lowercased form (what a scrape keeps), its
cased form, the glue that joined it to the next run inside one word (``'`` in ``Korea's``, ``.`` in
``U.S.``, ``-`` in ``lower-level``) and what followed it: a sentence end, a question end, a comma
or nothing. Sentence ends are spaCy's rule-based sentencizer on the cased text plus every line
break. The training script, the benchmark and twin restoration all read text through this.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from storyline.cleaning.normalized import iter_tokens

NONE, PERIOD, QUESTION, COMMA = 0, 1, 2, 3
LABELS = ("none", "period", "question", "comma")
# The glue characters we restore inside a word; anything else inside a word becomes a space.
GLUE_CHARS = {"'": "'", "\u2019": "'", ".": ".", "-": "-", "/": "/", "&": "&"}


@dataclass(frozen=True, slots=True)
class CasedToken:
    norm: str  # lowercased letters/digits, as the scrape keeps them
    form: str  # the cased form in the original
    glue: str | None  # joined to the next token inside one word by this mark, else None
    label: int  # NONE / PERIOD / QUESTION / COMMA after this token
    initial: bool  # first token of a sentence
    dot: bool = False  # followed by a period that does not end the sentence ("Mrs." "Jan.")


@functools.lru_cache(maxsize=1)
def _sentencizer():  # type: ignore[no-untyped-def]
    import spacy

    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    nlp.max_length = 5_000_000
    return nlp


def sentence_end_offsets(text: str) -> set[int]:
    """Character offsets where a sentence ends: spaCy's sentencizer, plus each line break."""
    doc = _sentencizer()(text)
    ends = {sent.end_char for sent in doc.sents}
    ends.update(i for i, ch in enumerate(text) if ch == "\n")
    return ends


_THOUSANDS = re.compile(r"\d{3}")


def cased_tokens(text: str) -> list[CasedToken]:
    """Split cased ``text`` into normalized tokens with their restoration targets."""
    matches = list(iter_tokens(text))
    if not matches:
        return []
    ends = sorted(sentence_end_offsets(text))
    out: list[CasedToken] = []
    e_idx = 0
    initial = True
    for k, m in enumerate(matches):
        start_next = matches[k + 1].start() if k + 1 < len(matches) else len(text) + 1
        gap = text[m.end() : start_next] if k + 1 < len(matches) else ""
        # a sentence end inside [m.end(), start_next]
        while e_idx < len(ends) and ends[e_idx] < m.end():
            e_idx += 1
        is_end = k + 1 == len(matches) or (e_idx < len(ends) and ends[e_idx] <= start_next)
        glue = None
        if len(gap) == 1 and gap in GLUE_CHARS and not is_end:
            glue = GLUE_CHARS[gap]
        elif (
            gap == "," and m.group().isdigit() and k + 1 < len(matches) and _THOUSANDS.fullmatch(matches[k + 1].group())
        ):
            glue = ","  # "41,000": a thousands separator, not a comma between words
        if glue == "," and not is_end:
            label = NONE
        elif is_end:
            label = QUESTION if "?" in gap else PERIOD
        elif "," in gap:
            label = COMMA
        else:
            label = NONE
        dot = not is_end and glue is None and gap.startswith(".")
        out.append(CasedToken(m.group().lower(), m.group(), glue, label, initial, dot))
        initial = is_end
    return out
