import numpy as np
import pytest

from storyline.claims.stance_cues import CUE_FEATURE_NAMES, cue_features, cue_matrix
from storyline.claims.stance_linear import LinearStanceModel


def _named(text: str) -> dict[str, float]:
    return dict(zip(CUE_FEATURE_NAMES, cue_features(text), strict=True))


@pytest.mark.parametrize(
    ("text", "feature", "expected"),
    [
        ("Singer reportedly arrested in Paris", "cue_distancing", 1.0),
        ("Singer arrested in Paris", "cue_distancing", 0.0),
        ("Police deny the singer was arrested", "cue_denial", 1.0),
        ("Police deny the singer was arrested", "cue_first3_denial", 1.0),
        ("The singer was arrested, police deny", "cue_first3_denial", 0.0),
        ("Arrest story is a hoax", "cue_falsity", 1.0),
        ("Singer arrested in Paris?", "ends_with_question", 1.0),
        ("Singer arrested in Paris", "ends_with_question", 0.0),
        ("Report: singer arrested in Paris", "short_colon_prefix", 1.0),
        ("Singer arrested in Paris, police say", "attribution_at_end", 1.0),
        ("No, the singer was not arrested", "starts_with_no", 1.0),
        ("Nobody saw the singer", "starts_with_no", 0.0),
        ("Singer didn't get arrested", "cue_negation", 1.0),  # "n't" is read as "not"
    ],
)
def test_cue_features_reads_headline_cues(text: str, feature: str, expected: float) -> None:
    assert _named(text)[feature] == expected


def test_cue_matrix_shape_and_empty_input() -> None:
    assert cue_matrix([]).shape == (0, len(CUE_FEATURE_NAMES))
    assert cue_matrix(["a", "b c"]).shape == (2, len(CUE_FEATURE_NAMES))


def test_linear_model_reads_arrays_saved_before_cues() -> None:
    claims, texts = ["x was arrested", "x was arrested"], ["x arrested", "police deny x arrest"]
    dense = np.array([[1.0, 0.0], [0.0, 1.0]])
    model = LinearStanceModel.fit(claims * 2, texts * 2, np.vstack([dense, dense]), ["for", "against"] * 2, 1.0, 0)
    arrays = model.to_arrays()
    del arrays["cues"], arrays["dense_weight"]
    old = LinearStanceModel(arrays)
    assert (old.cues, old.dense_weight) == (False, 1.0)
    assert np.allclose(old.predict_proba(claims, texts, dense), model.predict_proba(claims, texts, dense))
