"""What the model-training scripts share: the LightGBM settings that make a model come out
the same on every run (fixed seed, deterministic, two threads), and its usual shape."""

from __future__ import annotations

from typing import Any

LGBM_DEFAULTS: dict[str, Any] = {
    "objective": "binary",
    "learning_rate": 0.05,
    "num_leaves": 15,
    "min_data_in_leaf": 20,
    "feature_fraction": 0.8,
    "bagging_fraction": 0.8,
    "bagging_freq": 1,
    "lambda_l2": 1.0,
    "seed": 1,
    "deterministic": True,
    "num_threads": 2,
    "verbose": -1,
}


def lgbm_params(**overrides: Any) -> dict[str, Any]:
    """``LGBM_DEFAULTS`` with ``overrides`` (a larger or faster model for one detector)."""
    return LGBM_DEFAULTS | overrides
