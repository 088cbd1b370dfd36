"""Batch scoring throughput: 1,000,000 payments through `score payments` (the same code).

Generates a synthetic bank once (not timed), then times, per run: reading the Parquet files,
checking every row, computing the per-account features, rules + model, explaining the
flagged payments, and writing the scores. Prints payments/s per run, the median, the time
per stage of the last run, and the peak memory of the process.

    .venv/bin/python bench/bench_payments.py [--payments 1000000] [--repeat 3]
"""

from __future__ import annotations

import argparse
import resource
import statistics
import tempfile
import time
from pathlib import Path

import polars as pl

from saqbol.detectors.payments.columns import LOAN_SCHEMA, PAYMENT_SCHEMA
from saqbol.detectors.payments.detector import PaymentDetector
from saqbol.detectors.payments.payees import _parsed
from saqbol.models import load_payment_model
from saqbol.rules import load_payment_rules
from saqbol.services.payment_batch import read_events, score_payments, write_scores
from saqbol.synth.payments import generate_payments

PAYMENTS_PER_CUSTOMER_DAY = 3.2  # what the generator gives, near enough to size the run


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--payments", type=int, default=1_000_000)
    parser.add_argument("--days", type=int, default=30)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    customers = max(50, round(args.payments / args.days / PAYMENTS_PER_CUSTOMER_DAY))
    detector = PaymentDetector(load_payment_rules(), load_payment_model())
    with tempfile.TemporaryDirectory() as tmp:
        data = Path(tmp)
        generate_payments(seed=3, customers=customers, days=args.days, out_dir=data)
        rates = []
        for run in range(args.repeat):
            stages: dict[str, float] = {}
            mark = [time.perf_counter(), "reading"]

            def step(stage: str, stages: dict[str, float] = stages, mark: list = mark) -> None:
                now = time.perf_counter()
                stages[mark[1]] = stages.get(mark[1], 0.0) + now - mark[0]
                mark[0], mark[1] = now, stage

            _parsed.cache_clear()  # each run pays for checking identifiers, as a fresh CLI does
            started = time.perf_counter()
            payments = read_events(data / "payments.parquet", PAYMENT_SCHEMA)
            loans = read_events(data / "loans.parquet", LOAN_SCHEMA)
            result = score_payments(payments, loans, detector, progress=step)
            step("writing")
            write_scores(result.scores, data / "scores.parquet")
            step("done")
            stages.pop("done", None)
            elapsed = time.perf_counter() - started
            rates.append(payments.height / elapsed)
            print(
                f"run {run + 1}: {payments.height:,} payments in {elapsed:.2f} s = "
                f"{rates[-1]:,.0f} payments/s ("
                + ", ".join(f"{k} {v:.2f} s" for k, v in stages.items() if k != "done")
                + ")"
            )
        flagged = result.scores["decision"].is_in(["review", "hold"]).sum()
        print(f"flagged {flagged:,} ({flagged / payments.height:.2%}) for review or hold")
        out_rows = pl.scan_parquet(data / "scores.parquet").select(pl.len()).collect().item()
        assert out_rows == payments.height
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"median: {statistics.median(rates):,.0f} payments/s (goal >= 100,000 on 2 cores)")
    print(f"peak memory: {peak:,.0f} MiB")


if __name__ == "__main__":
    main()
