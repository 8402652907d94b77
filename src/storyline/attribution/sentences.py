"""Fast sentence splitting and the prefilter that decides which sentences are worth parsing.

Parsing is the expensive step of attribution, so only sentences that can hold an attribution are
parsed: those with a reporting cue (any inflection of a cue lemma), a quotation mark, "according
to" or a colon. Text that lost its punctuation (lowercased, stripped copies) comes as one long
run; it is cut before each cue's likely subject so each piece reads "X said ...".
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from storyline.attribution.cues import CUE_CLASSES, CUE_NOUNS, surface_forms

_ABBREVIATIONS = (
    "Mr|Mrs|Ms|Dr|Sens?|Reps?|Govs?|Gen|Lt|Col|Sgt|Capt|Adm|St|Jr|Sr|Prof|Rev|Gov|Pres|Lt|Mt|Ft|No|Vol|Inc|Corp|Co|Ltd"
    "|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec|U\\.S|U\\.N|U\\.K|D\\.C|a\\.m|p\\.m|[A-Z]"
)
_BOUNDARY = re.compile(r"(?<=[.!?])[\"'”’)\]]*\s+(?=(?:''|[\"'“‘(\[])?[A-Z0-9])|\n+")
_ABBREVIATION_BEFORE = re.compile(rf"(?:^|[\s(])(?:{_ABBREVIATIONS})\.$")
_QUOTE_CHARS = re.compile(r"[\"“”]|(?<!\w)[‘'](?=\w)|(?<=[\w.,?!])[’'](?!\w)")
_ACCORDING = re.compile(
    r"\baccording\s+to\b|\bper\b|\bin\s[^.;]{0,80}?\b(?:poll|survey|report|study|analysis)s?\b", re.IGNORECASE
)
_WORD = re.compile(r"\S+")
_WORD_CHARS = re.compile(r"[a-z]+")
# a run of words long without these is text that lost its punctuation (a 66-word sentence with its
# commas and quotation marks is one sentence)
_SENTENCE_PUNCT = re.compile(r"[.!?,;:“”\"]")
# Words that cannot be part of a subject right before a cue; a piece never starts on them.
_NOT_SUBJECT = frozenset(
    [
        "that",
        "and",
        "but",
        "or",
        "so",
        "because",
        "which",
        "who",
        "whom",
        "when",
        "while",
        "if",
        "as",
        "than",
        "then",
        "to",
        "of",
        "in",
        "on",
        "at",
        "for",
        "with",
        "by",
        "from",
        "about",
        "after",
        "before",
        "is",
        "was",
        "were",
        "are",
        "be",
        "been",
        "has",
        "have",
        "had",
    ]
)
_LONG_RUN_WORDS = 60


@dataclass(frozen=True)
class Sentence:
    start: int
    end: int
    paragraph: int


@lru_cache(maxsize=1)
def _cue_words() -> frozenset[str]:
    """Every inflected form of every cue (lexicon and learned), lowercased, for set lookups."""
    from storyline.attribution.cue_model import load_cue_scorer

    forms: set[str] = set()
    for lemma in (*CUE_CLASSES, *CUE_NOUNS, *load_cue_scorer().learned_cues):
        forms |= surface_forms(lemma)
    return frozenset(forms)


def _has_cue_word(chunk: str) -> bool:
    words = _cue_words()
    return any(w in words for w in _WORD_CHARS.findall(chunk.lower()))


def split_sentences(text: str) -> list[Sentence]:
    """Sentences as character ranges, with their paragraph number (blank or line breaks)."""
    out: list[Sentence] = []
    paragraph = 0
    pos = 0
    for m in _BOUNDARY.finditer(text):
        if "\n" not in m.group() and _ABBREVIATION_BEFORE.search(text, max(0, m.start() - 8), m.start()):
            continue
        # the closing marks after a full stop end that sentence ('... "one-sided and ineffective."')
        closing = len(m.group()) - len(m.group().lstrip("\"'”’)]"))
        _emit(text, pos, m.start() + closing, paragraph, out)
        if "\n" in m.group():
            paragraph += 1
        pos = m.end()
    _emit(text, pos, len(text), paragraph, out)
    return out


def _emit(text: str, start: int, end: int, paragraph: int, out: list[Sentence]) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end <= start:
        return
    words = list(_WORD.finditer(text, start, end))
    if len(words) > _LONG_RUN_WORDS and len(_SENTENCE_PUNCT.findall(text, start, end)) * 40 < len(words):
        for a, b in _cut_unpunctuated(text, words):
            out.append(Sentence(a, b, paragraph))
    else:
        out.append(Sentence(start, end, paragraph))


def _cut_unpunctuated(text: str, words: list[re.Match[str]]) -> list[tuple[int, int]]:
    """Cut a run without sentence punctuation before the subject of each reporting cue."""
    cue = _cue_words()
    cuts = {0}
    for i, w in enumerate(words):
        if w.group().strip(".,;:!?\"'").lower() not in cue:
            continue
        j = i
        # walk back over up to five words that can belong to the subject ("foreign minister ri yong ho")
        while j > 0 and i - j < 5 and words[j - 1].group().lower() not in _NOT_SUBJECT:
            j -= 1
        if i - j >= 1 or i == 0:
            cuts.add(j)
        else:
            cuts.add(i)
    bounds = sorted(cuts) + [len(words)]
    pieces = []
    for a, b in zip(bounds, bounds[1:], strict=False):
        if b > a:
            pieces.append((words[a].start(), words[b - 1].end()))
    return pieces


def may_hold_attribution(text: str, sentence: Sentence) -> bool:
    """True when the sentence has a cue word, a quotation mark, "according to" or a colon."""
    chunk = text[sentence.start : sentence.end]
    return bool(_has_cue_word(chunk) or _QUOTE_CHARS.search(chunk) or _ACCORDING.search(chunk) or ":" in chunk)
