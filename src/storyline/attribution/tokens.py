"""Cheap token attributes used instead of spaCy's attribute ruler, lemmatizer and NER.

Attribution parses with only the tagger and the parser (several times faster). The coarse part of
speech comes from the fine tag, the lemma of reporting verbs from the cue lexicon's inflections,
and name shapes from the tags (proper nouns) and the gazetteer.
"""

from __future__ import annotations

from functools import lru_cache

from spacy.tokens import Token

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
    low = tok.lower_
    found = _lemma_table().get(low)
    if found is not None:
        return found
    if tok.tag_ in ("NNS", "NNPS") and len(low) > 3 and low.endswith("s") and not low.endswith("ss"):
        return low[:-3] + "y" if low.endswith("ies") else low[:-1]
    return low


def pos(tok: Token) -> str:
    """Coarse part of speech (Universal POS) from the tagger's fine tag."""
    tag = tok.tag_
    if tag.startswith("VB"):
        return (
            "AUX" if tok.dep_ in ("aux", "auxpass") or (lemma(tok) == "be" and tok.dep_ != "ROOT") else "VERB"
        )
    if tok.is_punct:
        return "PUNCT"
    return _TAG_TO_POS.get(tag, "X")
