import numpy as np
import pytest
from sklearn.ensemble import HistGradientBoostingClassifier

from storyline.claims.trees import TreeEnsemble, export_hist_gradient_boosting


@pytest.mark.parametrize("n_classes", [2, 3])
def test_tree_ensemble_reproduces_sklearn(n_classes: int) -> None:
    rng = np.random.default_rng(0)
    x = rng.normal(size=(400, 6))
    x[rng.random(x.shape) < 0.05] = np.nan
    y = (np.nan_to_num(x[:, 0]) + np.nan_to_num(x[:, 1]) > 0).astype(int) + (n_classes == 3) * (
        np.nan_to_num(x[:, 2]) > 1
    )
    model = HistGradientBoostingClassifier(max_iter=30, max_leaf_nodes=7, random_state=0).fit(x, y)
    ensemble = TreeEnsemble(export_hist_gradient_boosting(model))
    test = rng.normal(size=(100, 6))
    test[rng.random(test.shape) < 0.05] = np.nan
    np.testing.assert_allclose(ensemble.predict_proba(test), model.predict_proba(test), atol=1e-5)
    assert ensemble.classes == [str(c) for c in model.classes_]
