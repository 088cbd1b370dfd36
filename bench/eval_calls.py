"""Quality of call screening and SIM-box ranking on a generator seed never used for tuning.

    .venv/bin/python bench/eval_calls.py [--seed 9 --subscribers 60000 --days 14]

Spoofed calls: recall (blocked or flagged; and blocked alone), the false-block rate over all
genuine calls and over genuine roaming calls (goal: recall >= 0.99, false blocks of roaming
subscribers <= 0.01%), per scenario. SIM-boxes (the model trained on seeds 401-403): precision
and recall at the flag threshold and at the top N, N = the number of true SIM-box SIMs.
"""

from __future__ import annotations

import argparse
import resource
import sys
import tempfile
from pathlib import Path

import numpy as np
import polars as pl

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from saqbol.models import load_simbox_detector  # noqa: E402
from saqbol.services.call_screening import screen_directory  # noqa: E402
from saqbol.synth.calls import generate_calls  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seed", type=int, default=9)
    parser.add_argument("--subscribers", type=int, default=60_000)
    parser.add_argument("--days", type=int, default=14)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        data, out = Path(tmp) / "cdr", Path(tmp) / "out"
        generate_calls(seed=args.seed, subscribers=args.subscribers, days=args.days, out_dir=data)
        screen_directory(data, out, load_simbox_detector())
        calls = pl.read_parquet(out / "calls.parquet").join(
            pl.read_parquet(data / "truth_calls.parquet"), on="call_id"
        )
        sims = pl.read_parquet(out / "sims.parquet").join(
            pl.read_parquet(data / "truth_sims.parquet"), on="imsi", how="left"
        )
    print(f"seed {args.seed}: {calls.height:,} calls, {sims.height:,} SIMs that called")
    spoofed = calls.filter(pl.col("is_spoofed"))
    genuine = calls.filter(~pl.col("is_spoofed"))
    roaming = genuine.filter(pl.col("scenario") == "roaming_genuine")
    caught = spoofed["verdict"].is_in(["block", "flag"]).mean()
    blocked = (spoofed["verdict"] == "block").mean()
    print(f"spoofed calls {spoofed.height:,}: recall {caught:.4f} (blocked {blocked:.4f})")
    for name, group in spoofed.group_by("scenario", maintain_order=True):
        hit = group["verdict"].is_in(["block", "flag"]).mean()
        print(f"  {name[0]:22} {group.height:>6,}  caught {hit:.4f}")
    false_block = int((genuine["verdict"] == "block").sum())
    flagged_genuine = int((genuine["verdict"] == "flag").sum())
    print(f"genuine calls {genuine.height:,}: {false_block:,} blocked "
          f"({false_block / genuine.height:.5%}), {flagged_genuine:,} flagged")  # fmt: skip
    rb = int((roaming["verdict"] == "block").sum())
    rf = int((roaming["verdict"] == "flag").sum())
    share = rb / max(roaming.height, 1)
    print(f"genuine roaming calls {roaming.height:,}: {rb:,} blocked ({share:.4%}), "
          f"{rf:,} flagged (the exchange could not answer)")  # fmt: skip
    y = sims["is_simbox"].fill_null(False).to_numpy()
    flagged = sims["flagged"].to_numpy()
    score = sims["score"].to_numpy()
    n = int(y.sum())
    top = np.zeros(len(y), dtype=bool)
    top[np.argsort(-score, kind="stable")[:n]] = True
    tp = int((flagged & y).sum())
    precision = tp / max(int(flagged.sum()), 1)
    at_top = int((top & y).sum()) / max(n, 1)
    print(f"SIM-box SIMs {n}: at the flag threshold precision {precision:.3f}, "
          f"recall {tp / max(n, 1):.3f}; top {n}: precision = recall {at_top:.3f}")  # fmt: skip
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak RSS (this process) {peak:.0f} MiB")


if __name__ == "__main__":
    main()
