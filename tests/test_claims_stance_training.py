"""Grouped and nested cross-validation of the stance models, on generated headline/claim pairs."""

from __future__ import annotations

import random

import msgspec
import numpy as np
import pytest

from storyline.claims.stance_data import StancePair
from storyline.claims.stance_training import CONFIGS, fold_indices, nested_cross_validate

_SUBJECTS = ["singer", "minister", "company", "footballer", "mayor", "actor", "bank", "senator"]
_EVENTS = ["was arrested", "resigned", "bought a rival", "quit the team", "was fined", "got married"]
_FORMS = {
    "for": ["{s} {e}", "{s} {e} in the capital", "Breaking: {s} {e}"],
    "against": ["{s} denies it {e}", "Hoax: {s} never {e}", "No, the {s} {e} story is fake"],
    "observing": ["{s} reportedly {e}", "{s} may have {e}, sources say", "Did the {s} {e}?"],
}


def _pairs(n_claims: int, seed: int = 0) -> list[StancePair]:
    rng = random.Random(seed)
    out = []
    for k in range(n_claims):
        subject, event = rng.choice(_SUBJECTS), rng.choice(_EVENTS)
        claim = f"The {subject} {event}"
        for label, forms in _FORMS.items():
            for form in forms:
                out.append(StancePair(claim=claim, text=form.format(s=subject, e=event), label=label, group=f"c{k}"))
    return out


def test_fold_indices_never_splits_a_group() -> None:
    pairs = _pairs(12)
    groups = np.array([p.group for p in pairs])
    for train, test in fold_indices(pairs, folds=4, seed=0):
        assert not set(groups[train]) & set(groups[test])
        assert len(train) + len(test) == len(pairs)


@pytest.mark.parametrize("grid", [((0.05, 0.5),), ((0.03, 0.3), (0.1, 1.0))])
def test_nested_cross_validate_chooses_from_grid_and_predicts_every_pair(grid) -> None:
    pairs = _pairs(12)
    config = msgspec.structs.replace(CONFIGS["emergent"], n_components=5)  # the generated vocabulary is small
    predicted, chosen = nested_cross_validate(config, pairs, folds=3, seed=0, inner_folds=2, grid=grid)
    assert len(predicted) == len(pairs)
    assert len(chosen) == 3 and all(point in grid for point in chosen)
    accuracy = np.mean([p == pair.label for p, pair in zip(predicted, pairs, strict=True)])
    assert accuracy > 0.8, accuracy  # the cue words separate the generated classes
