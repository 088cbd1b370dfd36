"""Ads screened per second (batch), and the near-duplicate search over a million ads.

    .venv/bin/python bench/bench_ads.py [--ads 200000] [--dupes 1000000] [--data DIR]

Screening: ``screen_ads`` end to end on ``--ads`` generated ads (rules, prices, near-duplicates,
geolocation, the text and URL detectors), as ads/s; goal >= 10,000/s on the 2-core machine.
Near-duplicates: MinHash and photo-hash candidates with their checks over ``--dupes`` ads;
goal under 2 minutes. Peak RSS printed.
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

from saqbol.detectors.ads.screen import duplicate_groups, screen_ads  # noqa: E402
from saqbol.rules import load_ad_rules  # noqa: E402
from saqbol.services import ad_screening  # noqa: E402
from saqbol.synth.ads import generate_ads  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--ads", type=int, default=200_000)
    parser.add_argument("--dupes", type=int, default=1_000_000)
    parser.add_argument("--data", type=Path, default=None)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        data = args.data or Path(tmp)
        path = data / "ads.parquet"
        if not path.is_file():
            generate_ads(seed=13, ads=max(args.ads, args.dupes), out_dir=data)
        all_ads = ad_screening.read_ads(path)
        ads = all_ads.head(args.ads)
        context = ad_screening.default_context()
        started = time.perf_counter()
        out = screen_ads(ads, context, load_ad_rules())
        seconds = time.perf_counter() - started
        print(f"screening {ads.height:,} ads: {seconds:.1f} s = {ads.height / seconds:,.0f} ads/s "
              f"({dict(out['decision'].value_counts().iter_rows())})")  # fmt: skip
        many = all_ads.head(args.dupes)
        started = time.perf_counter()
        groups = duplicate_groups(many)
        seconds = time.perf_counter() - started
        print(f"near-duplicate search over {many.height:,} ads: {seconds:.1f} s, "
              f"{int((groups['dup_group'] >= 0).sum()):,} ads in duplicate groups")  # fmt: skip
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak RSS (this process) {peak:.0f} MiB")


if __name__ == "__main__":
    main()
