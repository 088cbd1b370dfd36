"""Full drop scoring of about a million transfers, and 5-hop tracing on a ten-million graph.

    .venv/bin/python bench/bench_mules.py [--customers 5600 --days 60] [--data DIR]
    .venv/bin/python bench/bench_mules.py --trace [--customers 56000 --days 60] [--data DIR]

Scoring: ``saqbol mules`` end to end in this process (read Parquet, bad-row rules, graph,
features, model, roles, reasons, clusters, write), stage by stage. Goal: 1,000,000 transfers
in at most 60 s on the 2-core machine.

``--trace``: builds the graph of ~10 million transfers, then traces 200 victim payments 5 hops
each (tainted first, first out) and prints the per-trace times. Goal: under 1 s per trace.
Each mode prints the process's peak RSS.
"""

from __future__ import annotations

import argparse
import itertools
import resource
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
import polars as pl

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from saqbol.detectors.mules.graph import build_graph  # noqa: E402
from saqbol.detectors.mules.trace import find_edge, trace_payment  # noqa: E402
from saqbol.rules import load_mule_rules  # noqa: E402
from saqbol.services import mule_batch  # noqa: E402
from saqbol.synth.payments import generate_payments  # noqa: E402


def data(args: argparse.Namespace, tmp: Path) -> Path:
    out = args.data or tmp
    if not (out / "payments.parquet").is_file():
        started = time.perf_counter()
        generate_payments(seed=args.seed, customers=args.customers, days=args.days, out_dir=out,
                          mules=True)  # fmt: skip
        print(f"generated {out} in {time.perf_counter() - started:.0f} s")
    return out


def score(args: argparse.Namespace, tmp: Path) -> None:
    source = data(args, tmp) / "payments.parquet"
    detector = mule_batch.default_detector()
    marks = [("start", time.perf_counter())]

    def step(name: str) -> None:
        marks.append((name, time.perf_counter()))

    table = mule_batch.read_table(source)
    step("checking rows")
    transfers = mule_batch.normalise(table, detector.rules.rates)
    del table
    reports = pl.read_parquet(source.with_name("reports.parquet"))
    payments = pl.read_parquet(source, columns=["payee_type", "payee", "payee_account"])
    run = mule_batch.score_transfers(transfers, detector, payments=payments, reports=reports,
                                     progress=step)  # fmt: skip
    step("writing")
    mule_batch.write_scores(run, tmp / "mules.parquet", tmp / "clusters.parquet")
    step("done")
    total = marks[-1][1] - marks[0][1]
    print(f"drop scoring: {run.graph.n_edges:,} transfers, {run.scored.height:,} accounts")
    for (name, t), (_, t_next) in itertools.pairwise(marks):
        label = "reading" if name == "start" else name
        print(f"  {label:16} {t_next - t:6.1f} s")
    print(f"  total            {total:6.1f} s  ({run.graph.n_edges / total:,.0f} transfers/s)")


def trace(args: argparse.Namespace, tmp: Path) -> None:
    out = data(args, tmp)
    started = time.perf_counter()
    table = mule_batch.read_table(out / "payments.parquet")
    graph = build_graph(mule_batch.normalise(table, load_mule_rules().rates).transfers)
    del table
    print(f"graph of {graph.n_edges:,} transfers, {graph.n_nodes:,} nodes built in "
          f"{time.perf_counter() - started:.1f} s")  # fmt: skip
    truth = pl.read_parquet(out / "truth.parquet", columns=["event_id", "role"])
    victims = truth.filter(pl.col("role") == "victim")["event_id"]
    rng = np.random.default_rng(0)
    picks = victims.gather(rng.choice(len(victims), min(200, len(victims)), replace=False))
    times, found, hops = [], [], []
    for event_id in picks.to_list():
        t = time.perf_counter()
        result = trace_payment(graph, find_edge(graph, event_id), hops=5)
        times.append(time.perf_counter() - t)
        found.append(len(result.freezable()))
        hops.append(len(result.hops) - 1)
    ms = np.array(times) * 1000
    print(f"5-hop traces of {len(ms)} victim payments: median {np.median(ms):.1f} ms, "
          f"p99 {np.percentile(ms, 99):.1f} ms, max {ms.max():.1f} ms; "
          f"median {int(np.median(hops))} transfers followed, "
          f"{np.mean(np.array(found) > 0):.0%} with an account to freeze")  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--trace", action="store_true")
    parser.add_argument("--customers", type=int, default=None)
    parser.add_argument("--days", type=int, default=60)
    parser.add_argument("--seed", type=int, default=11)
    parser.add_argument("--data", type=Path, default=None)
    args = parser.parse_args()
    args.customers = args.customers or (56_000 if args.trace else 5_600)
    with tempfile.TemporaryDirectory() as tmp:
        (trace if args.trace else score)(args, Path(tmp))
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak RSS (this process) {peak:.0f} MiB")


if __name__ == "__main__":
    main()
