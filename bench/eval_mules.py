"""Quality of the drop detector: a generator seed never used in training, and IBM AMLSim.

    .venv/bin/python bench/eval_mules.py [--seed 9 --customers 20000 --days 60]
        [--amlsim ../shared/data/amlsim]

Synthetic bank (``generate payments --mules``, seed 9; training used 301-303): every bank
account is scored; a positive is an account whose true role is mule, organiser or cash_out.
Printed overall and per typology: recall among the top 1% of accounts by score, and at the
shipped flag threshold precision, recall and minority-class F1. Per typology, precision counts
as false positives only the flagged accounts that are in no scheme at all (an account of
another typology is neither a hit nor a false alarm for this one).

AMLSim (outside check, never trained or tuned on): accounts with at least one transfer,
positives ``is_suspicious``; same measures per typology. Amounts there are 100-1000 with
whole days for time, so the money and timing features carry less signal than in a Kazakh bank.
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

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from saqbol.detectors.mules.detector import MuleDetector, feature_matrix  # noqa: E402
from saqbol.detectors.mules.transfers import from_payments, from_table  # noqa: E402
from saqbol.services import mule_batch  # noqa: E402
from saqbol.services.mule_batch import score_transfers  # noqa: E402
from saqbol.synth.payments import generate_payments  # noqa: E402

POSITIVE = ("mule", "organiser", "cash_out")


def measures(score: np.ndarray, y: np.ndarray, flag: float, other: np.ndarray) -> dict:
    """Recall at the top 1%, and precision/recall/F1 at ``flag``; ``other`` rows (positives of
    another typology) count neither way."""
    n_top = max(1, round(0.01 * len(score)))
    top = np.zeros(len(score), dtype=bool)
    top[np.argsort(-score, kind="stable")[:n_top]] = True
    flagged = score >= flag
    tp = int((flagged & y).sum())
    fp = int((flagged & ~y & ~other).sum())
    pos = int(y.sum())
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / pos if pos else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {
        "positives": pos,
        "recall@1%": int((top & y).sum()) / pos if pos else 0.0,
        "precision": precision,
        "recall": recall,
        "f1": f1,
    }


def report(title: str, scored: pl.DataFrame, flag: float) -> None:
    score = scored["score"].to_numpy()
    positive = scored["positive"].to_numpy()
    typ = scored["typology"].to_numpy()
    print(title)
    print(f"  {'typology':16} {'accounts':>8} {'recall@1%':>9} {'precision':>9} {'recall':>7} "
          f"{'F1':>6}")  # fmt: skip
    rows = [("all", positive, np.zeros(len(score), dtype=bool))]
    for t in sorted(set(typ[positive].tolist())):
        mine = positive & (typ == t)
        rows.append((t, mine, positive & ~mine))
    for name, y, other in rows:
        m = measures(score, y, flag, other)
        print(f"  {name:16} {m['positives']:>8,} {m['recall@1%']:>9.3f} {m['precision']:>9.3f} "
              f"{m['recall']:>7.3f} {m['f1']:>6.3f}")  # fmt: skip


def synthetic(args: argparse.Namespace, detector: MuleDetector) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp)
        generate_payments(
            seed=args.seed, customers=args.customers, days=args.days, out_dir=out, mules=True
        )
        payments = pl.read_parquet(out / "payments.parquet")
        reports = pl.read_parquet(out / "reports.parquet")
        truth = pl.read_parquet(out / "accounts_truth.parquet")
    started = time.perf_counter()
    run = score_transfers(
        from_payments(payments, detector.rules.rates), detector, payments=payments,
        reports=reports,
    )  # fmt: skip
    seconds = time.perf_counter() - started
    scored = run.scored.join(truth, on="account_id", how="left").with_columns(
        positive=pl.col("role_right").is_in(POSITIVE).fill_null(False),
        typology=pl.col("typology").fill_null("none"),
    )
    print(f"synthetic bank, seed {args.seed}: {payments.height:,} payments, "
          f"{scored.height:,} accounts, scored in {seconds:.1f} s")  # fmt: skip
    report("  by true role mule/organiser/cash_out", scored, detector.rules.flag)
    hits = scored.filter(pl.col("positive") & pl.col("role").is_in(POSITIVE))
    right = (hits["role"] == hits["role_right"]).mean()
    print(f"  role guess among flagged true positives: {right:.3f} right; true -> guessed:")
    for row in hits.group_by("role_right", "role").len().sort("role_right", "role").iter_rows():
        print(f"    {row[0]:>9} -> {row[1]:9} {row[2]:>5}")
    victims = scored.filter(pl.col("role_right") == "victim")
    print(f"  true victims guessed 'victim': {int((victims['role'] == 'victim').sum()):,} of "
          f"{victims.height:,}; accounts guessed 'victim': "
          f"{int((scored['role'] == 'victim').sum()):,}")  # fmt: skip
    # the same bank through the structural model: what is left without devices, payee kinds,
    # complaints and absolute amounts
    matrix = feature_matrix(run.features.join(scored.select("account_id"), on="account_id",
                                              how="semi"))  # fmt: skip
    bare = scored.with_columns(score=pl.Series(detector.structural.predict(matrix)))
    report("  structural model only (no devices, payee kinds, complaints, amounts)", bare,
           detector.rules.flag_structural)  # fmt: skip


def amlsim(path: Path, detector: MuleDetector) -> None:
    tx = pl.read_parquet(path / "transactions.parquet")
    accounts = pl.read_parquet(path / "accounts.parquet")
    columns = {"src": "src_account", "dst": "dst_account", "amount": "amount", "time": "step",
               "event_id": "tx_id"}  # fmt: skip
    started = time.perf_counter()
    normal = from_table(tx, columns, detector.rules.rates, time_unit="day")
    run = score_transfers(normal, detector)
    seconds = time.perf_counter() - started
    truth = accounts.select(
        pl.col("account_id").cast(pl.String),
        positive=pl.col("is_suspicious"),
        typology=pl.col("typology").fill_null("none"),
    )
    scored = run.scored.join(truth, on="account_id", how="left").with_columns(
        pl.col("positive").fill_null(False), pl.col("typology").fill_null("none")
    )
    print(f"AMLSim (outside check): {tx.height:,} transfers, {scored.height:,} accounts with a "
          f"transfer, scored in {seconds:.1f} s, never trained or tuned on")  # fmt: skip
    report("  positives: is_suspicious", scored, detector.rules.flag)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seed", type=int, default=9)
    parser.add_argument("--customers", type=int, default=20_000)
    parser.add_argument("--days", type=int, default=60)
    parser.add_argument("--amlsim", type=Path, default=ROOT.parent / "shared/data/amlsim")
    args = parser.parse_args()
    detector = mule_batch.default_detector()
    synthetic(args, detector)
    if (args.amlsim / "transactions.parquet").is_file():
        amlsim(args.amlsim, detector)
    else:
        print(f"AMLSim: {args.amlsim} not found, skipped")
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak RSS (this process) {peak:.0f} MiB")


if __name__ == "__main__":
    main()
