"""Throughput and peak memory of the synthetic telecom (CDR) generator.

    .venv/bin/python bench/bench_generate_calls.py [--subscribers 100000] [--days 10] [--seed 1]
        [--out DIR]

Runs ``saqbol.synth.calls.generate_calls`` once (into a temporary directory unless ``--out`` is
given) and prints calls written, wall seconds, calls/s, the fraud counts and the process's peak
RSS. About 4 calls per subscriber per day: 500,000 x 20 is ~40-50 million rows.
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

from saqbol.synth.calls import generate_calls  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--subscribers", type=int, default=100_000)
    parser.add_argument("--days", type=int, default=10)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--out", type=Path, default=None)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        out = args.out or Path(tmp)
        start = time.perf_counter()
        summary = generate_calls(
            seed=args.seed, subscribers=args.subscribers, days=args.days, out_dir=out
        )
        seconds = time.perf_counter() - start
        size = sum(p.stat().st_size for p in summary.paths.values()) / 2**20
    print(f"synthetic CDR, {args.subscribers:,} subscribers x {args.days} days, seed {args.seed}")
    print(f"  rows      {summary.calls:,} calls, {summary.usage_rows:,} usage ({size:,.0f} MiB)")
    print(f"  seconds   {seconds:.1f}")
    print(f"  rate      {summary.calls / seconds:,.0f} calls/s")
    share = summary.spoofed_calls / summary.calls
    print(
        f"  fraud     {summary.spoofed_calls:,} spoofed ({share:.3%})"
        f" in {summary.campaigns} campaigns; {summary.simbox_sims} SIM-box SIMs;"
        f" {summary.roaming_records} roaming records"
    )
    print("  scenarios " + ", ".join(f"{k} {v}" for k, v in summary.scenarios.items()))
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak RSS (this process) {peak:.0f} MiB")


if __name__ == "__main__":
    main()
