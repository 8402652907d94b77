"""Cheap token attributes used instead of spaCy's attribute ruler, lemmatizer and NER.

Attribution parses with only the tagger and the parser (several times faster). The coarse part of
speech comes from the fine tag, the lemma of reporting verbs from the cue lexicon's inflections,
and name shapes from the tags (proper nouns) and the gazetteer.
"""

from __future__ import annotations

from functools import lru_cache

from spacy.attrs import DEP, HEAD, IS_PUNCT, LOWER, TAG
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
        "tag",
    )

    def __init__(self, doc: Doc) -> None:
        n = len(doc)
        strings = doc.vocab.strings
        if n:
            arr = doc.to_array([LOWER, TAG, DEP, IS_PUNCT, HEAD]).tolist()
            lower, tag, dep, punct, rel = (list(col) for col in zip(*arr, strict=True))
        else:
            lower = tag = dep = punct = rel = []
        self.lower: list[str] = [strings[x] for x in lower]
        self.tag: list[str] = [strings[x] for x in tag]
        self.dep: list[str] = [strings[x] for x in dep]
        # HEAD is a relative offset stored unsigned in the uint64 array: wrap it back
        self.head: list[int] = [i + (h - _WRAP if h >= _HALF else h) for i, h in enumerate(rel)]
        self.punct: list[bool] = [bool(x) for x in punct]
        self.children: list[list[int]] = [[] for _ in range(n)]
        for i, h in enumerate(self.head):
            if h != i:
                self.children[h].append(i)
        lemmas = _LEMMA_CACHE
        self.lemma = [lemmas.get(key) or _cache_lemma(key) for key in zip(self.lower, self.tag, strict=True)]
        poses = _POS_CACHE
        self.pos = [
            poses.get(key) or _cache_pos(key) for key in zip(self.tag, self.dep, self.lemma, self.punct, strict=True)
        ]
        self.quote_parity: list[bool] = []
        odd = False
        for low in self.lower:
            self.quote_parity.append(odd)
            if low in _QUOTE_TOKENS:
                odd = not odd
        self.has_quote = any(low in ('"', "“", "”") for low in self.lower)


_WRAP = 1 << 64
_HALF = 1 << 63
# (lower, tag) -> lemma and (tag, dep, lemma, punct) -> coarse POS: few distinct keys, many tokens
_LEMMA_CACHE: dict[tuple[str, str], str] = {}
_POS_CACHE: dict[tuple[str, str, str, bool], str] = {}
_CACHE_LIMIT = 200_000


def _cache_lemma(key: tuple[str, str]) -> str:
    if len(_LEMMA_CACHE) > _CACHE_LIMIT:
        _LEMMA_CACHE.clear()
    found = _LEMMA_CACHE[key] = lemma_of(*key)
    return found


def _cache_pos(key: tuple[str, str, str, bool]) -> str:
    if len(_POS_CACHE) > _CACHE_LIMIT:
        _POS_CACHE.clear()
    tag, dep, lem, punct = key
    found = _POS_CACHE[key] = pos_of(tag, dep, lem if tag.startswith("VB") else "", punct)
    return found


_QUOTE_TOKENS = frozenset({'"', "“", "”", "''", "``"})


def sentence_view(doc: Doc) -> SentenceView:
    """The ``SentenceView`` of a parsed sentence, built once and kept in ``doc.user_data``."""
    view = doc.user_data.get("sentence_view")
    if view is None:
        view = SentenceView(doc)
        doc.user_data["sentence_view"] = view
    return view  # type: ignore[no-any-return]
