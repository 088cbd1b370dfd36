"""Call screening throughput on one core, and SIM-box detection time on ~10 million CDRs.

    .venv/bin/python bench/bench_calls.py [--subscribers 250000 --days 10] [--data DIR]

Generates (or reuses, ``--data``) a synthetic operator's CDRs, then in this process with
Polars limited to one thread (``POLARS_MAX_THREADS=1``, set before Polars loads):
``screen_directory`` without SIMs (read, bad-record rules, number classes, roaming, verdicts,
daily counts, write) timed as CDRs per minute (goal: 1,000,000 on one core), and the SIM-box
step (features over every own-network SIM, model, reasons) timed on its own. Prints peak RSS.
"""

from __future__ import annotations

import os

os.environ.setdefault("POLARS_MAX_THREADS", "1")

import argparse
import resource
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

import polars as pl  # noqa: E402

from saqbol.models import load_simbox_detector  # noqa: E402
from saqbol.services.call_screening import read_sim_features, screen_directory  # noqa: E402
from saqbol.synth.calls import generate_calls  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--subscribers", type=int, default=250_000)
    parser.add_argument("--days", type=int, default=10)
    parser.add_argument("--seed", type=int, default=12)
    parser.add_argument("--data", type=Path, default=None)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        data = args.data or Path(tmp) / "cdr"
        if not (data / "cdr.parquet").is_file():
            started = time.perf_counter()
            generate_calls(seed=args.seed, subscribers=args.subscribers, days=args.days,
                           out_dir=data)  # fmt: skip
            print(f"generated {data} in {time.perf_counter() - started:.0f} s")
        rows = pl.scan_parquet(data / "cdr.parquet").select(pl.len()).collect().item()
        print(f"{rows:,} CDRs, Polars threads: {pl.thread_pool_size()}")
        started = time.perf_counter()
        summary = screen_directory(data, Path(tmp) / "out", None)
        seconds = time.perf_counter() - started
        print(f"screening: {seconds:.1f} s = {rows / seconds * 60 / 1e6:.2f} million CDRs/min "
              f"({summary.verdicts})")  # fmt: skip
        detector = load_simbox_detector()
        started = time.perf_counter()
        features = read_sim_features(data)
        mid = time.perf_counter()
        ranked = detector.score(features)
        done = time.perf_counter()
        print(f"SIM-box step: {done - started:.1f} s ({mid - started:.1f} s features over "
              f"{features.height:,} SIMs, {done - mid:.1f} s model and reasons), "
              f"{int(ranked['flagged'].sum())} flagged")  # fmt: skip
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak RSS (this process) {peak:.0f} MiB")


if __name__ == "__main__":
    main()
