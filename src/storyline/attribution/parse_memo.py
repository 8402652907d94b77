"""Parses of recently seen sentences, so that text which comes again is not parsed again.

Republication is what news corpora are full of: a wire story's sentences come back word for word
in every outlet that runs it, and a stripped copy restored from its cased twin takes the twin's
sentences. spaCy's parse of a sentence depends on its text and the pipeline only, so the parse
made for one article serves every later article with the same sentence (on the generated corpus
about a sixth of the parsed sentences, with two worker processes).

The memo is per process and per pipeline, least recently used out first, and small: each parse
keeps its tok2vec tensor (the cue model reads it) and what attribution derived from it
(``doc.user_data``: the sentence view, the cue model's dense scores), some 40 KB a sentence.
Cached ``Doc`` objects are shared between articles, so nothing may change a parse in place.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Sequence

from spacy.language import Language
from spacy.tokens import Doc

from storyline.attribution.parsing import parse

MEMO_SENTENCES = 1024  # per pipeline: ~40 MB


class ParseMemo:
    """The last ``size`` sentence parses of one pipeline, by sentence text."""

    def __init__(self, nlp: Language, size: int = MEMO_SENTENCES) -> None:
        self.nlp = nlp
        self.size = size
        self._docs: OrderedDict[str, Doc] = OrderedDict()

    def parse(self, texts: Sequence[str]) -> list[Doc]:
        """One parse per text, in order; only the texts not remembered go through the pipeline
        (in one :func:`~storyline.attribution.parsing.parse` call, each distinct text once)."""
        docs = self._docs
        found: list[Doc | None] = []
        missing: dict[str, list[int]] = {}
        for i, text in enumerate(texts):
            doc = docs.get(text)
            if doc is None:
                missing.setdefault(text, []).append(i)
            else:
                docs.move_to_end(text)
            found.append(doc)
        if missing:
            for text, doc in zip(missing, parse(self.nlp, list(missing)), strict=True):
                for i in missing[text]:
                    found[i] = doc
                docs[text] = doc
            while len(docs) > self.size:
                docs.popitem(last=False)
        return found  # type: ignore[return-value]  # every slot is filled above

    def clear(self) -> None:
        self._docs.clear()


_memos: dict[int, tuple[Language, ParseMemo]] = {}


def parse_sentences(nlp: Language, texts: Sequence[str]) -> list[Doc]:
    """:func:`~storyline.attribution.parsing.parse` of ``texts``, with the parses of sentences seen
    recently taken from the pipeline's memo (see the module docstring)."""
    entry = _memos.get(id(nlp))
    if entry is None or entry[0] is not nlp:
        entry = (nlp, ParseMemo(nlp))
        _memos[id(nlp)] = entry
    return entry[1].parse(texts)
