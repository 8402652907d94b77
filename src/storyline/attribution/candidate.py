"""An attribution as the parse reads it, before its speaker is resolved."""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Span as SpacySpan


@dataclass
class Candidate:
    """An attribution found in the parse, before speaker resolution (offsets into article text)."""

    cue: tuple[int, int]
    cue_text: str
    cue_lemma: str
    content: tuple[int, int]
    source: SpacySpan | None
    source_offset: int
    confidence: float
    kind_hint: str = ""  # "according" | "colon" | "outlet" | ""
    # its complements say to whom, when, on what terms or where it was said ("briefed the media on
    # condition he not be named", "answered on the radio station Kanal 3"), not what: the words
    # come from a quote or nowhere, not from the rest of the sentence
    addressed: bool = False
