"""Cheap token attributes used instead of spaCy's attribute ruler, lemmatizer and NER.

Attribution parses with only the tagger and the parser (several times faster). The coarse part of
speech comes from the fine tag, the lemma of reporting verbs from the cue lexicon's inflections,
and name shapes from the tags (proper nouns) and the gazetteer.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

import numpy as np
from spacy.attrs import DEP, HEAD, IS_PUNCT, IS_SPACE, LOWER, TAG
from spacy.tokens import Doc, Token

from storyline.attribution.cues import _IRREGULAR, CUE_CLASSES, CUE_NOUNS, surface_forms

_TAG_TO_POS = {
    "NN": "NOUN",
    "NNS": "NOUN",
    "NNP": "PROPN",
    "NNPS": "PROPN",
    "PRP": "PRON",
    "PRP$": "PRON",
    "WP": "PRON",
    "WP$": "PRON",
    "JJ": "ADJ",
    "JJR": "ADJ",
    "JJS": "ADJ",
    "RB": "ADV",
    "RBR": "ADV",
    "RBS": "ADV",
    "WRB": "ADV",
    "IN": "ADP",
    "DT": "DET",
    "PDT": "DET",
    "WDT": "DET",
    "CD": "NUM",
    "CC": "CCONJ",
    "MD": "AUX",
    "TO": "PART",
    "RP": "ADP",
    "POS": "PART",
    "UH": "INTJ",
}
_AUX_LEMMAS = {
    "be": "be",
    "is": "be",
    "are": "be",
    "was": "be",
    "were": "be",
    "been": "be",
    "being": "be",
    "am": "be",
    "'s": "be",
    "’s": "be",
    "have": "have",
    "has": "have",
    "had": "have",
    "do": "do",
    "does": "do",
    "did": "do",
}


@lru_cache(maxsize=1)
def _lemma_table() -> dict[str, str]:
    table: dict[str, str] = {}
    for lemma in (*CUE_CLASSES, *CUE_NOUNS, *_IRREGULAR):
        for form in surface_forms(lemma):
            table.setdefault(form, lemma)
    for noun in CUE_NOUNS:
        table[noun + "s"] = noun
    table.update(_AUX_LEMMAS)
    return table


def lemma(tok: Token) -> str:
    """The lemma of a reporting word (from the cue lexicon), else the lowercased form."""
    return lemma_of(tok.lower_, tok.tag_)


def lemma_of(low: str, tag: str) -> str:
    """``lemma`` from a token's lowercased form and fine tag."""
    found = _lemma_table().get(low)
    if found is not None:
        return found
    if tag in ("NNS", "NNPS") and len(low) > 3 and low.endswith("s") and not low.endswith("ss"):
        return low[:-3] + "y" if low.endswith("ies") else low[:-1]
    return low


def pos(tok: Token) -> str:
    """Coarse part of speech (Universal POS) from the tagger's fine tag."""
    tag = tok.tag_
    return pos_of(tag, tok.dep_, lemma_of(tok.lower_, tag) if tag.startswith("VB") else "", tok.is_punct)


def pos_of(tag: str, dep: str, lem: str, is_punct: bool) -> str:
    """``pos`` from a token's fine tag, dependency label, lemma (verbs only) and punctuation flag."""
    if tag.startswith("VB"):
        return "AUX" if dep in ("aux", "auxpass") or (lem == "be" and dep != "ROOT") else "VERB"
    if is_punct:
        return "PUNCT"
    return _TAG_TO_POS.get(tag, "X")


class SentenceView:
    """A parsed sentence's token attributes as plain lists (one pass over the ``Doc``): feature
    code reads these instead of creating spaCy ``Token`` objects over and over."""

    __slots__ = (
        "children",
        "dep",
        "has_quote",
        "head",
        "lemma",
        "lower",
        "pos",
        "punct",
        "quote_parity",
        "space",
        "tag",
    )

    def __init__(self, doc: Doc) -> None:
        # Tuples, not lists: a memoized parse keeps its view, and tuples of strings and numbers
        # drop out of the garbage collector's walks after its first look (lists are walked each time).
        n = len(doc)
        if n:
            # one column per attribute; each hash id to its string through a cache (few distinct ids)
            cols = doc.to_array(_ATTRS).T  # type: ignore[arg-type]  # an array of ids is accepted (and faster)
            strings = _strings(doc)
            lower = tuple(map(strings.__getitem__, cols[0].tolist()))
            tag = tuple(map(strings.__getitem__, cols[1].tolist()))
            dep = tuple(map(strings.__getitem__, cols[2].tolist()))
            punct = tuple(map(bool, cols[3].tolist()))
            space = tuple(map(bool, cols[5].tolist()))
            # HEAD is a relative offset stored unsigned in the uint64 array: wrap it back
            head = tuple((cols[4].view(np.int64) + np.arange(n, dtype=np.int64)).tolist())
        else:
            lower = tag = dep = ()
            punct = space = ()
            head = ()
        self.lower: tuple[str, ...] = lower
        self.tag: tuple[str, ...] = tag
        self.dep: tuple[str, ...] = dep
        self.head: tuple[int, ...] = head
        self.punct: tuple[bool, ...] = punct
        self.space: tuple[bool, ...] = space
        children: list[list[int]] = [[] for _ in range(n)]
        for i, h in enumerate(head):
            if h != i:
                children[h].append(i)
        self.children: tuple[tuple[int, ...], ...] = tuple(map(tuple, children))
        self.lemma: tuple[str, ...] = tuple(map(_LEMMAS.__getitem__, zip(lower, tag, strict=True)))
        poses = tuple(map(_POSES.__getitem__, zip(tag, dep, self.lemma, punct, strict=True)))
        # a verb the tagger read as a plural noun with a subject and a clause of its own ("The letter
        # from Taylor states that ..."): a verb
        self.pos: tuple[str, ...] = tuple(
            "VERB" if t == "NNS" and _has_subject_and_clause(dep, children[k]) else p
            for k, (t, p) in enumerate(zip(tag, poses, strict=True))
        )
        if _QUOTE_TOKENS.isdisjoint(lower):
            self.quote_parity: tuple[bool, ...] = (False,) * n
        else:
            parity = []
            # a sentence that opens inside a quotation the sentence before began ('"Why would I
            # ...? I like circuses," he told the newspaper'): its first mark closes it
            first = next(k for k, low in enumerate(lower) if low in _QUOTE_TOKENS)
            # (a curly mark only: a straight one after a comma as often opens a quotation)
            odd = first > 0 and lower[first] == "”" and lower[first - 1] in _CLOSING_PUNCT
            for low in lower:
                parity.append(odd)
                if low in _QUOTE_TOKENS:
                    odd = not odd
            self.quote_parity = tuple(parity)
        self.has_quote = not _DOUBLE_QUOTES.isdisjoint(lower)


_ATTRS = np.asarray([LOWER, TAG, DEP, IS_PUNCT, HEAD, IS_SPACE], dtype=np.uint64)  # an array: a list is read far slower
_CACHE_LIMIT = 200_000


class _Strings(dict[int, str]):
    """String-store ids to their strings, filled on first use (ids are hashes of the strings, the
    same in every vocabulary; a miss is read from the vocabulary the cache was made for)."""

    def __init__(self, store: Any) -> None:
        super().__init__()
        self.store = store

    def __missing__(self, key: int) -> str:
        if len(self) > _CACHE_LIMIT:
            self.clear()
        found = self[key] = self.store[key]
        return found  # type: ignore[no-any-return]


_STRING_CACHES: dict[int, _Strings] = {}


def _strings(doc: Doc) -> _Strings:
    store = doc.vocab.strings
    cache = _STRING_CACHES.get(id(store))
    if cache is None or cache.store is not store:
        cache = _STRING_CACHES[id(store)] = _Strings(store)
    return cache


class _Lemmas(dict[tuple[str, str], str]):
    """(lower, tag) -> lemma: few distinct keys, many tokens."""

    def __missing__(self, key: tuple[str, str]) -> str:
        if len(self) > _CACHE_LIMIT:
            self.clear()
        found = self[key] = lemma_of(*key)
        return found


class _Poses(dict[tuple[str, str, str, bool], str]):
    """(tag, dep, lemma, punct) -> coarse part of speech."""

    def __missing__(self, key: tuple[str, str, str, bool]) -> str:
        if len(self) > _CACHE_LIMIT:
            self.clear()
        tag, dep, lem, punct = key
        found = self[key] = pos_of(tag, dep, lem if tag.startswith("VB") else "", punct)
        return found


_LEMMAS = _Lemmas()
_POSES = _Poses()


_QUOTE_TOKENS = frozenset({'"', "“", "”", "''", "``"})
_DOUBLE_QUOTES = frozenset({'"', "“", "”"})
_CLOSING_PUNCT = frozenset({",", ".", "?", "!"})


def _has_subject_and_clause(dep: tuple[str, ...], kids: list[int]) -> bool:
    found = {dep[c] for c in kids}
    return "nsubj" in found and not found.isdisjoint(("ccomp", "xcomp"))


def sentence_view(doc: Doc) -> SentenceView:
    """The ``SentenceView`` of a parsed sentence, built once and kept in ``doc.user_data``."""
    view = doc.user_data.get("sentence_view")
    if view is None:
        view = SentenceView(doc)
        doc.user_data["sentence_view"] = view
    return view  # type: ignore[no-any-return]


def subtree(v: SentenceView, i: int) -> list[int]:
    """``Token.subtree`` as indices: the left children's subtrees, the token, the right ones'."""
    out: list[int] = []
    kids = v.children[i]
    for c in kids:
        if c < i:
            out.extend(subtree(v, c))
    out.append(i)
    for c in kids:
        if c > i:
            out.extend(subtree(v, c))
    return out


def token_span(tokens: list[Token]) -> tuple[int, int] | None:
    """Character range of spaCy tokens, without punctuation or space at either end."""
    if not tokens:
        return None
    left = min(t.i for t in tokens)
    right = max(t.i for t in tokens)
    doc = tokens[0].doc
    while left <= right and (doc[left].is_punct or doc[left].is_space):
        left += 1
    while right >= left and (doc[right].is_punct or doc[right].is_space):
        right -= 1
    if right < left:
        return None
    return doc[left].idx, doc[right].idx + len(doc[right].text)


def token_subtree(tok: Token, exclude: Token | None = None) -> list[Token]:
    """``tok``'s subtree, less ``exclude``'s."""
    if exclude is None:
        return list(tok.subtree)
    skip = {t.i for t in exclude.subtree}
    return [t for t in tok.subtree if t.i not in skip]
