"""Drop features on Spark (local[2]): about 1,000,000 transfers through the Spark path.

Generates a synthetic bank once (not timed; ``--data DIR`` reuses or keeps one), normalises
the payments to canonical transfers and writes them with their input ``row`` to Parquet, then
times, per run, ``account_features_parquet`` end to end: reading the Parquet file, the window
stage, the chain steps and bringing the per-account features back. Session start is timed
apart (a cluster pays it once). Each run is checked against the numpy features, and the peak
memory of the driver's Python and of its children (the JVM and any Python workers) is printed.

    .venv/bin/python bench/bench_mules_spark.py [--customers 5600] [--days 60] [--repeat 2]
        [--data DIR] [--master local[2]]

5,600 customers x 60 days with --mules, seed 11, is ~1.1 million payments: the same bank as
``bench/bench_mules.py``. The first run includes the JVM's warm-up.
"""

from __future__ import annotations

import argparse
import resource
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
import polars as pl
from pyspark import SparkContext
from pyspark.sql import SparkSession

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from saqbol.detectors.mules.features import FEATURES, account_features  # noqa: E402
from saqbol.detectors.mules.graph import build_graph  # noqa: E402
from saqbol.detectors.mules.transfers import from_payments  # noqa: E402
from saqbol.rules import load_mule_rules  # noqa: E402
from saqbol.spark.mules import account_features_parquet, write_transfers_parquet  # noqa: E402
from saqbol.spark.session import local_session  # noqa: E402
from saqbol.synth.payments import generate_payments  # noqa: E402

RATES = load_mule_rules().rates


def differing(expected: pl.DataFrame, got: pl.DataFrame) -> list[str]:
    """Feature columns that differ (integers exactly, floats beyond 1e-9, NaN places)."""
    if not got["account_id"].equals(expected["account_id"]):
        return ["account_id"]
    bad = []
    for name in FEATURES:
        a, b = expected[name].to_numpy(), got[name].to_numpy()
        if a.dtype.kind == "f":
            same = (np.isnan(a) & np.isnan(b)) | np.isclose(a, b, rtol=1e-9, atol=1e-9)
        else:
            same = a == b
        if not same.all():
            bad.append(f"{name} ({int((~same).sum())})")
    return bad


def stop_jvm(spark: SparkSession) -> None:
    """Stop Spark and wait for its JVM, so that RUSAGE_CHILDREN reports the JVM's peak."""
    gateway = SparkContext._gateway
    spark.stop()
    proc = getattr(gateway, "proc", None)  # pyspark's Popen of spark-submit (exec'd java)
    if proc is not None and proc.stdin is not None:
        proc.stdin.close()  # the gateway exits at EOF on its stdin
        proc.wait(timeout=120)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--customers", type=int, default=5_600)
    parser.add_argument("--days", type=int, default=60)
    parser.add_argument("--repeat", type=int, default=2)
    parser.add_argument("--data", type=Path, default=None, help="keep or reuse the bank here")
    parser.add_argument("--master", default="local[2]")
    parser.add_argument("--shuffle-partitions", type=int, default=8)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        data = args.data or Path(tmp)
        if not (data / "payments.parquet").exists():
            print(f"generating {args.customers:,} customers x {args.days} days into {data}")
            generate_payments(
                seed=11, customers=args.customers, days=args.days, out_dir=data, mules=True
            )
        payments = pl.read_parquet(data / "payments.parquet")
        normalised = from_payments(payments, RATES)
        transfers = normalised.transfers
        path = write_transfers_parquet(transfers, Path(tmp) / "transfers.parquet")
        del payments
        print(f"{transfers.height:,} transfers ({normalised.rows_dropped:,} rows dropped)")

        started = time.perf_counter()
        graph = build_graph(transfers)
        expected = account_features(graph)
        numpy_s = time.perf_counter() - started
        print(f"numpy reference: {numpy_s:.2f} s = {transfers.height / numpy_s:,.0f} rows/s")

        started = time.perf_counter()
        spark = local_session(args.master, shuffle_partitions=args.shuffle_partitions)
        print(f"session start ({args.master}): {time.perf_counter() - started:.2f} s")
        rates = []
        try:
            for run in range(args.repeat):
                started = time.perf_counter()
                got = account_features_parquet(spark, str(path), None)
                elapsed = time.perf_counter() - started
                rates.append(transfers.height / elapsed)
                bad = differing(expected, got)
                print(
                    f"run {run + 1}: {transfers.height:,} transfers -> {got.height:,} accounts "
                    f"in {elapsed:.2f} s = {rates[-1]:,.0f} rows/s; parity with numpy: "
                    + ("ok" if not bad else "DIFFERS in " + ", ".join(bad))
                )
        finally:
            stop_jvm(spark)
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    print(f"best: {max(rates):,.0f} rows/s ({args.master})")
    print(f"peak memory: driver Python {own:,.0f} MiB; largest child (JVM) {children:,.0f} MiB")


if __name__ == "__main__":
    main()
