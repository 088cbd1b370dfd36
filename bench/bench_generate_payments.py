"""Throughput and peak memory of the synthetic payments generator.

    .venv/bin/python bench/bench_generate_payments.py [--customers 12000] [--days 30] [--seed 1]
        [--out DIR]

Runs ``saqbol.synth.payments.generate_payments`` once (into a temporary directory unless
``--out`` is given) and prints rows written, wall seconds, rows/s, the fraud share and the
process's peak RSS. About 3 payments per customer per day: 50,000 x 60 is ~10 million rows.
"""

from __future__ import annotations

import argparse
import resource
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from saqbol.synth.payments import generate_payments  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--customers", type=int, default=12_000)
    parser.add_argument("--days", type=int, default=30)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--out", type=Path, default=None)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        out = args.out or Path(tmp)
        start = time.perf_counter()
        summary = generate_payments(
            seed=args.seed, customers=args.customers, days=args.days, out_dir=out
        )
        seconds = time.perf_counter() - start
        size = sum(p.stat().st_size for p in summary.paths.values()) / 2**20
    print(f"synthetic payments, {args.customers:,} customers x {args.days} days, seed {args.seed}")
    print(f"  rows      {summary.payments:,} payments, {summary.loans:,} loans ({size:,.0f} MiB)")
    print(f"  seconds   {seconds:.1f}")
    print(f"  rate      {summary.payments / seconds:,.0f} payments/s")
    print(
        f"  fraud     {summary.fraud_payments:,} ({summary.fraud_payments / summary.payments:.3%}),"
        f" {summary.victims} victims, {summary.mules} mules, {summary.reports} reports"
    )
    print("  scenarios " + ", ".join(f"{k} {v}" for k, v in summary.scenarios.items()))
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak RSS (this process) {peak:.0f} MiB")


if __name__ == "__main__":
    main()
