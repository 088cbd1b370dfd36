"""The model's reasons: path contributions add up to the model's raw score, missing values
follow LightGBM's own routes, and one row is explained exactly as in a batch."""

from __future__ import annotations

import math

import lightgbm as lgb
import numpy as np
import pytest

from saqbol.detectors.payments.explain import PathExplainer
from saqbol.detectors.payments.features import FEATURES
from saqbol.models import load_payment_model


@pytest.fixture(scope="module")
def rows() -> np.ndarray:
    rng = np.random.default_rng(8)
    matrix = rng.lognormal(2, 2, size=(400, len(FEATURES)))
    matrix[rng.random(matrix.shape) < 0.2] = math.nan  # missing history
    matrix[rng.random(matrix.shape) < 0.2] = 0.0
    return matrix


def test_contributions_add_up_to_the_shipped_models_raw_score(rows: np.ndarray) -> None:
    booster = load_payment_model().booster
    contrib = PathExplainer(booster.dump_model()).contributions(rows)
    np.testing.assert_allclose(
        contrib.sum(axis=1), booster.predict(rows, raw_score=True), atol=1e-9
    )


@pytest.mark.parametrize("zero_as_missing", [False, True])
def test_missing_values_take_lightgbms_route(zero_as_missing: bool) -> None:
    rng = np.random.default_rng(1)
    x = rng.normal(size=(3000, 3))
    x[rng.random(x.shape) < 0.3] = math.nan
    x[rng.random(x.shape) < 0.2] = 0.0
    y = (np.nan_to_num(x[:, 0], nan=5.0) > 0.2) ^ (x[:, 1] == 0)
    params = {"objective": "binary", "verbose": -1, "zero_as_missing": zero_as_missing}
    booster = lgb.train(params, lgb.Dataset(x, y), 30)
    explainer = PathExplainer(booster.dump_model())
    np.testing.assert_allclose(
        explainer.contributions(x).sum(axis=1), booster.predict(x, raw_score=True), atol=1e-9
    )


def test_one_row_is_explained_as_in_a_batch(rows: np.ndarray) -> None:
    explainer = load_payment_model().explainer
    batch = explainer.contributions(rows[:50])
    single = np.vstack([explainer.contributions(rows[i : i + 1]) for i in range(50)])
    assert np.array_equal(batch, single)
