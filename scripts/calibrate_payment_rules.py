"""Print each payment rule's precision on a synthetic bank (seed 102 by default: the seed that
stops the model's training, never the evaluation seed 7). The weights in
``rules/payments.yaml`` are these numbers, smoothed, capped at 0.9.

    .venv/bin/python scripts/calibrate_payment_rules.py [--seed 102]
"""

from __future__ import annotations

import argparse
import tempfile
from pathlib import Path

import polars as pl

from saqbol.detectors.payments.detector import PaymentDetector
from saqbol.detectors.payments.features import batch_features
from saqbol.rules import load_payment_rules
from saqbol.synth.payments import generate_payments


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--seed", type=int, default=102)
    parser.add_argument("--customers", type=int, default=10_000)
    parser.add_argument("--days", type=int, default=30)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp)
        generate_payments(seed=args.seed, customers=args.customers, days=args.days, out_dir=out)
        payments = pl.read_parquet(out / "payments.parquet")
        matrix = batch_features(payments, pl.read_parquet(out / "loans.parquet"))
        fraud = pl.read_parquet(out / "truth.parquet")["is_fraud"].to_numpy()
    detector = PaymentDetector(load_payment_rules(), model=None)
    fired = detector.score_matrix(matrix, explain=False).fired
    print(f"{'rule':<26} {'fired':>8} {'fraud':>7} {'precision':>9} {'weight now':>10}")
    for i, rule in enumerate(detector.rules.rules):
        hits = fired[:, i]
        if not rule.on_features:
            continue
        n, tp = int(hits.sum()), int((hits & fraud).sum())
        smoothed = (tp + 1) / (n + 2)
        print(f"{rule.code:<26} {n:>8,} {tp:>7,} {smoothed:>9.3f} {rule.weight:>10.2f}")


if __name__ == "__main__":
    main()
