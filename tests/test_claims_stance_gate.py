"""Quality gate: the Emergent stance model on a held-out grouped split (by claim) keeps its floor.

Trains the shipped configuration on 3/4 of the claims, saves it, reloads
it through StanceClassifier (the shipped path: npz + json, no pickle) and scores the other quarter.
Skips when the eval data are absent."""

from __future__ import annotations

import numpy as np
import pytest
from sklearn.model_selection import GroupShuffleSplit

from storyline.claims.stance import StanceClassifier, save_stance_model
from storyline.claims.stance_data import eval_root, load_emergent
from storyline.claims.stance_training import CONFIGS, fit

EMERGENT_ACCURACY_FLOOR = 0.70  # measured 0.732 on this split (seed 0; 0.719 before the headline cues)


def test_stance_gate_emergent_grouped_split(tmp_path) -> None:
    if not (eval_root() / "emergent" / "emergent-dev.csv").exists():
        pytest.skip("Emergent eval data absent (set STORYLINE_EVAL)")
    pairs = load_emergent()
    groups = [p.group for p in pairs]
    train, test = next(
        GroupShuffleSplit(n_splits=1, test_size=0.25, random_state=0).split(pairs, groups=groups)
    )
    meta, space, arrays = fit(CONFIGS["emergent"], [pairs[i] for i in train], seed=0)
    save_stance_model(tmp_path, meta, space, arrays)
    clf = StanceClassifier("emergent", resources=tmp_path)
    got = clf.predict_many([pairs[i].claim for i in test], [pairs[i].text for i in test])
    accuracy = float(np.mean([label == pairs[i].label for (label, _), i in zip(got, test, strict=True)]))
    assert not {g for g in groups if g in {groups[i] for i in train}} & {groups[i] for i in test}
    assert accuracy >= EMERGENT_ACCURACY_FLOOR, accuracy


def test_stance_classifier_unknown_task_raises() -> None:
    with pytest.raises(ValueError, match="unknown stance task"):
        StanceClassifier("nli")


@pytest.mark.parametrize(
    ("task", "claim", "text", "expected"),
    [
        ("emergent", "A singer was arrested in Paris", "Police deny reports that the singer was arrested", "against"),
        ("emergent", "A singer was arrested in Paris", "Singer reportedly arrested in Paris?", "observing"),
        (
            "fnc1",
            "A singer was arrested in Paris",
            # FNC-1 bodies are articles: a body of a few words is out of its distribution
            "The city council approved a new budget for road repairs on Tuesday after a long debate. "
            "Council members argued for hours about the cost of fixing potholes across the northern districts. "
            "The mayor said the plan would be paid for with a small increase in parking fees. "
            "Opponents said the fees would hurt shop owners in the old town. "
            "Work on the first roads is expected to start in the spring and last about two years.",
            "unrelated",
        ),
    ],
)
def test_stance_classifier_shipped_models_read_our_sentences(task, claim, text, expected) -> None:
    label, p = StanceClassifier(task).predict(claim, text)
    assert label == expected, (label, p)
    assert 0.0 < p <= 1.0
