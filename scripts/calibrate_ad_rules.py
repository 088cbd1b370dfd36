"""Set each ad rule's weight to its precision on the generator's training seed.

Seed 501 (never used by ``bench/eval_ads.py``, which uses 9). Rules that decide on their own
(phishing link, registry), the bad-input notes and the suspicious link (the synthetic
marketplace has none, so it would get weight 0 and never warn anyone) keep their hand-set
weights. Writes the
weights into ``src/saqbol/rules/ads.yaml`` and prints them.

    .venv/bin/python scripts/calibrate_ad_rules.py [--ads 200000]
"""

from __future__ import annotations

import argparse
import re
import tempfile
from pathlib import Path

import polars as pl

from saqbol.detectors.ads.screen import screen_ads
from saqbol.rules import load_ad_rules
from saqbol.services import ad_screening
from saqbol.synth.ads import generate_ads

SEED = 501
CAP = 0.9  # below `reject`: one rule alone holds for review at most
RULES = Path(__file__).resolve().parents[1] / "src" / "saqbol" / "rules" / "ads.yaml"
FIXED = {
    "ad.phishing_link",
    "ad.registry",
    "ad.suspicious_link",
    "ad.bad_price",
    "ad.unknown_region",
}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--ads", type=int, default=200_000)
    args = parser.parse_args()
    rules = load_ad_rules()
    with tempfile.TemporaryDirectory() as tmp:
        generate_ads(seed=SEED, ads=args.ads, out_dir=Path(tmp))
        ads = ad_screening.read_ads(Path(tmp) / "ads.parquet")
        truth = pl.read_parquet(Path(tmp) / "truth.parquet")
    out = screen_ads(ads, ad_screening.default_context(), rules).join(truth, on="ad_id")
    text = RULES.read_text("utf-8")
    for rule in rules.weight:
        if rule in FIXED:
            continue
        fired = out["reasons"].list.contains(rule)
        n = int(fired.sum())
        precision = float((fired & out["is_fraud"]).sum() / n) if n else 0.0
        weight = round(min(CAP, precision), 2)
        text = re.sub(rf"(  {re.escape(rule)}:\n    weight: )[\d.]+", rf"\g<1>{weight}", text)
        print(f"{rule:28} fired {n:>7,}  precision {precision:.3f}  -> weight {weight}")
    RULES.write_text(text, "utf-8")


if __name__ == "__main__":
    main()
