"""Entry point: stream a reproducible synthetic marketplace's ads and their labels to Parquet.

The rings are planned first (a few per cent of the ads); then the honest stream is drawn a
block at a time in time order, the rings' postings of the same span are merged in, a few rows
are spoiled, and the block is sorted, numbered and appended as one row group, so memory stays
flat however many ads are asked for.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from saqbol.synth.ads.arrow import ADS_ARROW, ADS_OPTIONS, TRUTH_ARROW, TRUTH_OPTIONS
from saqbol.synth.ads.catalog import ITEM_PRICE
from saqbol.synth.ads.clock import Clock
from saqbol.synth.ads.fraud import FRAUD_SHARE, plan_fraud
from saqbol.synth.ads.honest import Context, HonestStream
from saqbol.synth.ads.listings import honest_block
from saqbol.synth.ads.noise import spoil
from saqbol.synth.ads.photos import PhotoBank
from saqbol.synth.ads.sellers import build_sellers
from saqbol.synth.calls.numbers import fixed_strings

ROW_GROUP = 32_768
MIN_ADS = 1000


@dataclass(frozen=True)
class AdsSummary:
    """What was written: counts for a log line or a test, and where the files are."""

    ads: int
    fraud_ads: int
    rings: int
    schemes: Mapping[str, int]  # fraud ads per scheme
    honest_sellers: int
    spoiled_rows: int  # rows with bad input (null/absurd price, junk codes, bad phone or IP)
    paths: Mapping[str, Path]


def generate_ads(
    *,
    seed: int,
    ads: int,
    out_dir: Path,
    start: date = date(2026, 1, 1),
    days: int = 30,
    progress: Callable[[int, int], None] | None = None,
) -> AdsSummary:
    """Write ``ads.parquet`` (sorted by posted_at) and ``truth.parquet`` under ``out_dir``."""
    if ads < MIN_ADS or days < 1:
        raise ValueError(f"need at least {MIN_ADS} ads and 1 day")
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    paths = {"ads": out_dir / "ads.parquet", "truth": out_dir / "truth.parquet"}
    clock = Clock(start, days)
    rng_pop = np.random.default_rng([seed, 1])
    fraud_budget = round(ads * FRAUD_SHARE)
    sellers = build_sellers(rng_pop, ads - fraud_budget, reserve=fraud_budget + 16)
    bank = PhotoBank(rng_pop, len(ITEM_PRICE))
    plan = plan_fraud(np.random.default_rng([seed, 2]), ads, sellers, bank, clock)
    n_fraud = len(plan.t)
    n_honest = ads - n_fraud
    stream = HonestStream(np.random.default_rng([seed, 3]), Context(sellers, bank, clock), n_honest)
    rng_noise = np.random.default_rng([seed, 4])

    written = spoiled = taken = 0
    with (
        pq.ParquetWriter(paths["ads"], ADS_ARROW, **ADS_OPTIONS) as ads_out,
        pq.ParquetWriter(paths["truth"], TRUTH_ARROW, **TRUTH_OPTIONS) as truth_out,
    ):
        while stream.done < n_honest:
            b = stream.block(ROW_GROUP)
            last = stream.done >= n_honest
            upto = n_fraud if last else int(np.searchsorted(plan.t, b["t"][-1], "right"))
            block = pa.concat_tables([honest_block(b, sellers), plan.table(taken, upto)])
            taken = upto
            block, bad = spoil(rng_noise, block)
            spoiled += bad
            block = block.take(pc.sort_indices(block, [("posted_at", "ascending")]))
            n = block.num_rows
            ad_id = fixed_strings("AD", np.arange(written + 1, written + n + 1), 10)
            ads_cols = [ad_id] + [block[f.name] for f in ADS_ARROW if f.name != "ad_id"]
            truth_cols = [ad_id] + [block[f.name] for f in TRUTH_ARROW if f.name != "ad_id"]
            ads_out.write_table(pa.Table.from_arrays(ads_cols, schema=ADS_ARROW), n)
            truth_out.write_table(pa.Table.from_arrays(truth_cols, schema=TRUTH_ARROW), n)
            written += n
            if progress is not None:
                progress(written, ads)
    return AdsSummary(
        ads=written,
        fraud_ads=n_fraud,
        rings=len(plan.rings),
        schemes=dict(plan.per_scheme),
        honest_sellers=sellers.n,
        spoiled_rows=spoiled,
        paths=paths,
    )
