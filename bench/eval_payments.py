"""Quality of payment scoring on a synthetic bank whose seed training never used (seed 7).

Scores the whole stream with the batch path (complaints from the bank's `reports.parquet`
enter the registry as they are filed), then prints:
- PR-AUC of the rules only, the model only and the two combined;
- at an alert rate of 1% of payments (the top 1% by score): precision, and recall per
  scenario, by payment and by victim/mule account (an account counts as caught when any of
  its fraudulent payments is alerted: a hold stops the scheme there);
- the same for the decisions the shipped thresholds give (review + hold).

    .venv/bin/python bench/eval_payments.py [--seed 7] [--customers 10000] [--days 30]
"""

from __future__ import annotations

import argparse
import resource
import tempfile
import time
from pathlib import Path

import numpy as np
import polars as pl
from sklearn.metrics import average_precision_score

from saqbol.detectors.payments.detector import PaymentDetector
from saqbol.models import load_payment_model
from saqbol.rules import load_payment_rules
from saqbol.services.payment_batch import score_payments
from saqbol.synth.payments import generate_payments


def recall_table(frame: pl.DataFrame, alert: str) -> pl.DataFrame:
    fraud = frame.filter(pl.col("is_fraud"))
    by_payment = fraud.group_by("scenario").agg(
        payments=pl.len(), payment_recall=pl.col(alert).mean()
    )
    by_account = (
        fraud.group_by("scenario", "payer_account")
        .agg(caught=pl.col(alert).any())
        .group_by("scenario")
        .agg(accounts=pl.len(), account_recall=pl.col("caught").mean())
    )
    return by_payment.join(by_account, on="scenario").sort("scenario")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--customers", type=int, default=10_000)
    parser.add_argument("--days", type=int, default=30)
    parser.add_argument("--alert-rate", type=float, default=0.01)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp)
        generate_payments(seed=args.seed, customers=args.customers, days=args.days, out_dir=out)
        payments = pl.read_parquet(out / "payments.parquet")
        loans = pl.read_parquet(out / "loans.parquet")
        truth = pl.read_parquet(out / "truth.parquet")
        reports = pl.read_parquet(out / "reports.parquet")
    detector = PaymentDetector(load_payment_rules(), load_payment_model())
    started = time.perf_counter()
    result = score_payments(payments, loans, detector, reports=reports)
    elapsed = time.perf_counter() - started
    frame = pl.concat(
        [payments.select("payer_account"), truth.select("is_fraud", "scenario"), result.scores],
        how="horizontal",
    )
    y = frame["is_fraud"].to_numpy()
    n, k = frame.height, int(np.ceil(args.alert_rate * frame.height))
    print(
        f"seed {args.seed}: {n:,} payments, {int(y.sum()):,} fraudulent "
        f"({y.mean():.3%}), {reports.height} complaints; scored in {elapsed:.1f} s"
    )
    print("PR-AUC (average precision):")
    for name in ("rule_score", "model_score", "score"):
        label = {"rule_score": "rules only", "model_score": "model only", "score": "combined"}
        print(f"  {label[name]:<11} {average_precision_score(y, frame[name].to_numpy()):.3f}")
    order = np.argsort(-frame["score"].to_numpy(), kind="stable")
    top = np.zeros(n, dtype=bool)
    top[order[:k]] = True
    frame = frame.with_columns(
        top=pl.Series(top), decided=pl.col("decision").is_in(["review", "hold"])
    )
    for alert, title in (
        ("top", f"alert rate {args.alert_rate:.0%} (top {k:,})"),
        ("decided", "shipped thresholds (review + hold)"),
    ):
        alerts = frame[alert].to_numpy()
        print(
            f"{title}: alert rate {alerts.mean():.2%}, precision {y[alerts].mean():.3f}, "
            f"recall {alerts[y].mean():.3f}"
        )
        with pl.Config(tbl_rows=20, tbl_hide_dataframe_shape=True, float_precision=3):
            print(recall_table(frame, alert))
    holds = frame.filter(pl.col("decision") == "hold")
    print(f"hold: {holds.height:,} payments, precision {holds['is_fraud'].mean():.3f}")
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak memory: {peak:,.0f} MiB")


if __name__ == "__main__":
    main()
