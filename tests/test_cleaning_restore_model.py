"""The restoration model: shipped files, features, phrase casing and question marks."""

from __future__ import annotations

from importlib import resources

import numpy as np
import pytest

from storyline.cleaning.normalized import normalized_tokens
from storyline.cleaning.restoration import (
    BOUNDARY_FILES,
    CASING_FILE,
    RESOURCE_PACKAGE,
    CasingTable,
    RestorationModel,
    load_model,
    restore_tokens,
)
from storyline.cleaning.restoration_features import N_TEMPLATES, WordRecords, feature_indices


def _table(**kw: object) -> CasingTable:
    base: dict[str, object] = {
        "cap": frozenset({"paris"}),
        "forms": {"nato": "NATO"},
        "phrases": {"clean power plan": "Clean Power Plan", "new york times": "New York Times"},
        "glue_pairs": {},
        "glue_suffix": {},
        "vocab": frozenset(normalized_tokens("they read the clean power plan new york times said why did it")),
        "question_starters": frozenset({"why"}),
    }
    base.update(kw)
    return CasingTable(**base)  # type: ignore[arg-type]


def _model(table: CasingTable, end_bias: float = -20.0) -> RestorationModel:
    """A model whose classifier never predicts a mark: only the tables act."""
    return RestorationModel(np.zeros((1 << 4, 2), np.float32), np.array([end_bias, -20.0], np.float32), table, n_bits=4)


def test_restoration_model_files_are_small() -> None:
    base = resources.files(RESOURCE_PACKAGE)
    for name in (*BOUNDARY_FILES, CASING_FILE):
        assert len(base.joinpath(name).read_bytes()) < 1_000_000, name


def test_load_model_probabilities_are_distributions() -> None:
    model = load_model()
    words = normalized_tokens("the minister said on monday that talks would resume the union disagreed")
    p = model.probabilities(words)
    assert p.shape == (len(words), 4)
    assert np.allclose(p.sum(axis=1), 1.0, atol=1e-5)
    assert len(model.labels(words)) == len(words)


@pytest.mark.parametrize(
    ("words", "expected"),
    [
        ("they read the new york times", "They read the New York Times."),
        ("the clean power plan said it", "The Clean Power Plan said it."),
        ("nato said paris", "NATO said Paris."),
        ("the new york", "The new york."),  # a phrase only applies whole
    ],
)
def test_restore_tokens_cases_known_phrases(words: str, expected: str) -> None:
    assert restore_tokens(words.split(), _model(_table())) == expected


@pytest.mark.parametrize(
    ("words", "mark"),
    [("why did it", "?"), ("it did", "."), ("the times did why", ".")],
)
def test_restore_tokens_question_starters_end_with_question_mark(words: str, mark: str) -> None:
    assert restore_tokens(words.split(), _model(_table())).endswith(mark)


def test_feature_indices_are_stable_and_in_range() -> None:
    records = WordRecords(lambda w: 0)
    a = feature_indices(records.arrays(["the", "minister", "said"]), 12)
    b = feature_indices(WordRecords(lambda w: 0).arrays(["the", "minister", "said"]), 12)
    assert a.shape == (3, N_TEMPLATES)
    assert (a == b).all() and a.min() >= 0 and a.max() < 1 << 12
    # the gap after "minister" looks at its neighbours: a different right context changes it
    c = feature_indices(records.arrays(["the", "minister", "resigned"]), 12)
    assert (a[1] != c[1]).any() and (a[0, 0] == c[0, 0])
