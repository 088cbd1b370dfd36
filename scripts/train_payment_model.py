"""Train the payment model (LightGBM) on the synthetic bank and write
``src/saqbol/models/payment_model.txt``.

Seeds: 101 trains, 102 stops the boosting early and sets the thresholds; the evaluation
(``bench/eval_payments.py``) uses seed 7, which training never sees. About 3 minutes on 2 cores.

    .venv/bin/python scripts/train_payment_model.py [--customers 20000 --days 45]
"""

from __future__ import annotations

import argparse
import tempfile
from pathlib import Path

import lightgbm as lgb
import numpy as np
import polars as pl

from saqbol.detectors.payments.detector import PaymentDetector, PaymentModel
from saqbol.detectors.payments.features import FEATURES, batch_features
from saqbol.rules import load_payment_rules
from saqbol.synth.payments import generate_payments
from saqbol.training import lgbm_params

TRAIN_SEED, VALID_SEED = 101, 102
OUT = Path(__file__).resolve().parents[1] / "src" / "saqbol" / "models" / "payment_model.txt"
PARAMS = lgbm_params(learning_rate=0.1, num_leaves=31, min_data_in_leaf=40)


def dataset(seed: int, customers: int, days: int, workdir: Path) -> tuple[np.ndarray, np.ndarray]:
    out = workdir / f"seed{seed}"
    generate_payments(seed=seed, customers=customers, days=days, out_dir=out)
    payments = pl.read_parquet(out / "payments.parquet")
    loans = pl.read_parquet(out / "loans.parquet")
    truth = pl.read_parquet(out / "truth.parquet")
    assert truth["event_id"].equals(payments["event_id"])
    return batch_features(payments, loans), truth["is_fraud"].to_numpy()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--customers", type=int, default=20_000)
    parser.add_argument("--days", type=int, default=45)
    parser.add_argument("--rounds", type=int, default=150)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        x_train, y_train = dataset(TRAIN_SEED, args.customers, args.days, Path(tmp))
        x_valid, y_valid = dataset(VALID_SEED, args.customers // 2, args.days, Path(tmp))
    print(f"train {len(y_train):,} payments, {y_train.sum():,} fraud; valid {len(y_valid):,}")
    train = lgb.Dataset(x_train, y_train, feature_name=list(FEATURES), free_raw_data=True)
    valid = lgb.Dataset(x_valid, y_valid, reference=train)
    booster = lgb.train(
        {**PARAMS, "metric": "average_precision"},
        train,
        num_boost_round=args.rounds,
        valid_sets=[valid],
        callbacks=[lgb.early_stopping(40, verbose=False)],
    )
    print(f"best iteration {booster.best_iteration}, valid AP {booster.best_score}")
    OUT.write_text(booster.model_to_string(num_iteration=booster.best_iteration), "utf-8")
    print(f"wrote {OUT} ({OUT.stat().st_size / 1e6:.2f} MB)")

    # Where the thresholds of payments.yaml would put the alert rate on the validation seed.
    detector = PaymentDetector(load_payment_rules(), PaymentModel(lgb.Booster(model_file=OUT)))
    scores = detector.score_matrix(x_valid, explain=False)
    for rate in (0.005, 0.01, 0.02):
        cut = np.quantile(scores.score, 1 - rate)
        print(f"alert rate {rate:.1%}: combined score >= {cut:.3f}")
    alerts = scores.decision > 0
    print(
        f"with the thresholds in payments.yaml: alert rate {alerts.mean():.2%}, "
        f"recall {alerts[y_valid].mean():.3f}, precision {y_valid[alerts].mean():.3f}"
    )


if __name__ == "__main__":
    main()
