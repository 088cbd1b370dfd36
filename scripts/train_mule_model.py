"""Train the drop models (LightGBM over the account features) on the synthetic bank with its
laundering typologies, write ``src/saqbol/models/mule_model.txt`` (all features) and
``mule_model_structural.txt`` (``STRUCTURAL`` only: for bare exports of src, dst, amount,
time) and set their flag thresholds in ``src/saqbol/rules/mules.yaml``.

Seeds: 301 and 303 train, 302 stops the boosting early and picks the threshold (the best
minority-class F1); the evaluation (``bench/eval_mules.py``) uses seed 9, never seen here.
A positive is an account whose true role is mule, organiser or cash_out.

    .venv/bin/python scripts/train_mule_model.py [--customers 20000 --days 60]
"""

from __future__ import annotations

import argparse
import re
import tempfile
from pathlib import Path

import lightgbm as lgb
import numpy as np
import polars as pl

from saqbol.detectors.mules.detector import STRUCTURAL, feature_matrix
from saqbol.detectors.mules.features import FEATURES, account_features
from saqbol.detectors.mules.graph import build_graph
from saqbol.detectors.mules.transfers import DST_KINDS, from_payments
from saqbol.rules import load_mule_rules
from saqbol.services.mule_batch import reported_mask
from saqbol.synth.payments import generate_payments
from saqbol.training import lgbm_params

TRAIN_SEEDS, VALID_SEED = (301, 303), 302
ROOT = Path(__file__).resolve().parents[1] / "src" / "saqbol"
OUT = ROOT / "models" / "mule_model.txt"
OUT_STRUCTURAL = ROOT / "models" / "mule_model_structural.txt"
RULES = ROOT / "rules" / "mules.yaml"
POSITIVE = ("mule", "organiser", "cash_out")
PARAMS = lgbm_params()


def dataset(seed: int, customers: int, days: int, workdir: Path) -> tuple[np.ndarray, np.ndarray]:
    """Features and labels of the bank accounts of one generated bank."""
    out = workdir / f"seed{seed}"
    generate_payments(seed=seed, customers=customers, days=days, out_dir=out, mules=True)
    payments = pl.read_parquet(out / "payments.parquet")
    reports = pl.read_parquet(out / "reports.parquet")
    truth = pl.read_parquet(out / "accounts_truth.parquet")
    graph = build_graph(from_payments(payments, load_mule_rules().rates).transfers)
    features = account_features(graph, reported_mask(graph, payments, reports))
    features = features.filter(pl.Series(graph.node_kind == DST_KINDS.index("account")))
    labelled = features.join(truth.select("account_id", "role"), on="account_id", how="left")
    y = labelled["role"].is_in(POSITIVE).fill_null(False).to_numpy()
    print(f"seed {seed}: {len(y):,} accounts, {int(y.sum()):,} positive")
    return feature_matrix(labelled), y


def best_threshold(p: np.ndarray, y: np.ndarray) -> tuple[float, float]:
    best = (0.5, -1.0)
    for t in np.round(np.arange(0.05, 0.96, 0.01), 2):
        flag = p >= t
        tp = int((flag & y).sum())
        f1 = 2 * tp / max(int(flag.sum()) + int(y.sum()), 1)
        if f1 > best[1]:
            best = (float(t), f1)
    return best


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--customers", type=int, default=20_000)
    parser.add_argument("--days", type=int, default=60)
    parser.add_argument("--rounds", type=int, default=400)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        parts = [dataset(s, args.customers, args.days, Path(tmp)) for s in TRAIN_SEEDS]
        x_valid, y_valid = dataset(VALID_SEED, args.customers, args.days, Path(tmp))
    x_train = np.vstack([x for x, _ in parts])
    y_train = np.concatenate([y for _, y in parts])
    text = RULES.read_text("utf-8")
    for names, out, key in ((FEATURES, OUT, "flag"),
                            (STRUCTURAL, OUT_STRUCTURAL, "flag_structural")):  # fmt: skip
        cols = [FEATURES.index(n) for n in names]
        threshold, f1, trees = fit(x_train[:, cols], y_train, x_valid[:, cols], y_valid,
                                   list(names), out, args.rounds)  # fmt: skip
        text = re.sub(rf"\b{key}: [\d.]+", f"{key}: {threshold}", text)
        print(f"{out.name}: {trees} trees, valid minority F1 {f1:.3f} at {key} {threshold} "
              f"({out.stat().st_size / 1e6:.2f} MB)")  # fmt: skip
    RULES.write_text(text, "utf-8")


def fit(
    x_train: np.ndarray, y_train: np.ndarray, x_valid: np.ndarray, y_valid: np.ndarray,
    names: list[str], out: Path, rounds: int,
) -> tuple[float, float, int]:  # fmt: skip
    train = lgb.Dataset(x_train, y_train.astype(float), feature_name=names)
    valid = lgb.Dataset(x_valid, y_valid.astype(float), reference=train)
    booster = lgb.train(
        PARAMS,
        train,
        num_boost_round=rounds,
        valid_sets=[valid],
        callbacks=[lgb.early_stopping(40, verbose=False)],
    )
    booster.save_model(str(out), num_iteration=booster.best_iteration)
    p = booster.predict(x_valid, num_iteration=booster.best_iteration)
    threshold, f1 = best_threshold(p, y_valid)
    return threshold, f1, booster.best_iteration


if __name__ == "__main__":
    main()
