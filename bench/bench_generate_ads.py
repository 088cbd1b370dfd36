"""Throughput and peak memory of the synthetic marketplace (classified ads) generator.

    .venv/bin/python bench/bench_generate_ads.py [--ads 1000000] [--days 30] [--seed 1]
        [--out DIR]

Runs ``saqbol.synth.ads.generate_ads`` once (into a temporary directory unless ``--out`` is
given) and prints ads written, wall seconds, ads/s, the fraud counts and the process's peak RSS.
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

from saqbol.synth.ads import generate_ads  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--ads", type=int, default=1_000_000)
    parser.add_argument("--days", type=int, default=30)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--out", type=Path, default=None)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        out = args.out or Path(tmp)
        start = time.perf_counter()
        summary = generate_ads(seed=args.seed, ads=args.ads, days=args.days, out_dir=out)
        seconds = time.perf_counter() - start
        size = sum(p.stat().st_size for p in summary.paths.values()) / 2**20
    print(f"synthetic marketplace, {args.ads:,} ads over {args.days} days, seed {args.seed}")
    sellers = summary.honest_sellers
    print(f"  rows      {summary.ads:,} ads, {sellers:,} honest sellers ({size:,.0f} MiB)")
    print(f"  seconds   {seconds:.1f}")
    print(f"  rate      {summary.ads / seconds:,.0f} ads/s")
    share = summary.fraud_ads / summary.ads
    print(
        f"  fraud     {summary.fraud_ads:,} ads ({share:.2%}) in {summary.rings} rings;"
        f" {summary.spoiled_rows:,} rows with bad input"
    )
    print("  schemes   " + ", ".join(f"{k} {v}" for k, v in summary.schemes.items()))
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak RSS (this process) {peak:.0f} MiB")


if __name__ == "__main__":
    main()
