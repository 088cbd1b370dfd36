"""Quality of ad screening on a generator seed never used for tuning.

    .venv/bin/python bench/eval_ads.py [--seed 9 --ads 200000]

Prints, per rule and overall at the ``hold_for_review`` threshold (decision hold_for_review or
reject): precision and recall of fraudulent ads; per fraud scheme, recall; and for the
duplicate-across-regions rule, how many injected rings it found (a ring is found when at least
one of its ads fired the rule) and how many of the ring's ads it named.
"""

from __future__ import annotations

import argparse
import resource
import sys
import tempfile
import time
from pathlib import Path

import polars as pl

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from saqbol.detectors.ads.screen import screen_ads  # noqa: E402
from saqbol.rules import load_ad_rules  # noqa: E402
from saqbol.services import ad_screening  # noqa: E402
from saqbol.synth.ads import generate_ads  # noqa: E402

HELD = ("hold_for_review", "reject")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seed", type=int, default=9)
    parser.add_argument("--ads", type=int, default=200_000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        generate_ads(seed=args.seed, ads=args.ads, out_dir=Path(tmp))
        ads = ad_screening.read_ads(Path(tmp) / "ads.parquet")
        truth = pl.read_parquet(Path(tmp) / "truth.parquet")
    started = time.perf_counter()
    out = screen_ads(ads, ad_screening.default_context(), load_ad_rules())
    seconds = time.perf_counter() - started
    scored = out.join(truth, on="ad_id", how="left")
    fraud = scored["is_fraud"].fill_null(False)
    print(f"seed {args.seed}: {scored.height:,} ads, {int(fraud.sum()):,} fraudulent, "
          f"screened in {seconds:.1f} s")  # fmt: skip
    held = scored["decision"].is_in(HELD)
    tp = int((held & fraud).sum())
    print(f"overall at hold_for_review: precision {tp / max(int(held.sum()), 1):.3f}, "
          f"recall {tp / max(int(fraud.sum()), 1):.3f} ({int(held.sum()):,} held)")  # fmt: skip
    print(f"  {'rule':28} {'fired':>8} {'precision':>9} {'recall':>7}")
    for rule in load_ad_rules().weight:
        fired = scored["reasons"].list.contains(rule)
        hits = int((fired & fraud).sum())
        print(f"  {rule:28} {int(fired.sum()):>8,} {hits / max(int(fired.sum()), 1):>9.3f} "
              f"{hits / max(int(fraud.sum()), 1):>7.3f}")  # fmt: skip
    print("  recall by scheme:")
    for (scheme,), group in scored.filter(fraud).group_by("scheme", maintain_order=True):
        print(f"    {scheme:24} {group.height:>6,}  {group['decision'].is_in(HELD).mean():.3f}")
    rings = scored.filter(pl.col("ring_id").is_not_null()).with_columns(
        dup=pl.col("reasons").list.contains("ad.duplicate_across_regions")
    )
    per_ring = rings.group_by("ring_id").agg(pl.col("dup").any().alias("found"),
                                             pl.col("dup").mean().alias("share"))  # fmt: skip
    print(f"rings found by the duplicate-across-regions rule: {int(per_ring['found'].sum())} of "
          f"{per_ring.height}; share of ring ads named: {rings['dup'].mean():.3f}")  # fmt: skip
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak RSS (this process) {peak:.0f} MiB")


if __name__ == "__main__":
    main()
