"""Ads screened per second (batch), and the near-duplicate search over a million ads.

    .venv/bin/python bench/bench_ads.py [--ads 200000] [--dupes 1000000] [--data DIR]
    .venv/bin/python bench/bench_ads.py --file ADS.parquet   # e.g. 10 million ads


Screening: ``screen_ads`` end to end on ``--ads`` generated ads (rules, prices, near-duplicates,
geolocation, the text and URL detectors), as ads/s; goal >= 10,000/s on the 2-core machine.
Near-duplicates: MinHash and photo-hash candidates with their checks over ``--dupes`` ads;
goal under 2 minutes. Peak RSS printed.

``--file``: a whole Parquet file screened as ``saqbol screen ads`` does it (in parts when it
is large), as ads/s and peak RSS; a 10-million-ad file must stay under 8 GiB. Make one with
``bench/bench_generate_ads.py --ads 10000000 --out DIR``.
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
    parser.add_argument("--file", type=Path, default=None, help="screen this file in parts")
    args = parser.parse_args()
    if args.file is not None:
        screen_file(args.file)
        return
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


def screen_file(path: Path) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "screened.parquet"
        started = time.perf_counter()
        last = [started]

        def progress(done: int, total: int) -> None:
            now = time.perf_counter()
            print(f"  {done:,} of {total:,} ads ({now - last[0]:.0f} s)", flush=True)
            last[0] = now

        context = ad_screening.default_context()
        decisions = ad_screening.screen_parquet(
            path, out, load_ad_rules(), context, progress=progress
        )
        seconds = time.perf_counter() - started
    n = sum(decisions.values())
    print(f"screening {path.name} in parts: {n:,} ads in {seconds:.0f} s = "
          f"{n / seconds:,.0f} ads/s ({decisions})")  # fmt: skip
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak RSS (this process) {peak:.0f} MiB")


if __name__ == "__main__":
    main()
