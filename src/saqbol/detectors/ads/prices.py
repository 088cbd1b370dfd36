"""Prices too good to be true, against the platform's own ads.

The reference for an ad is the median price of ads of its category (and rooms, for flats) in
its region in its calendar month, from the batch being screened, when at least ``MIN_GROUP``
ads make it; else the same category nationwide that month. Robust statistics (median and MAD
of log prices) keep a few absurd prices from moving the reference. An ad is far below when its
price is at most ``FAR_BELOW`` of the median and more than ``MAD_Z`` robust deviations under
it: both, so a wide market (cars of every age) does not flag an honest cheap car.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final

import polars as pl

MIN_GROUP: Final = 20
FAR_BELOW: Final = 0.6
MAD_Z: Final = 1.5
ROOMS = r"(?i)(\d)\s*[-‐]?\s*(?:комн|к\.|бөлме|room|х\s*комн)"


KEYS_REGION = ["category", "rooms", "region", "month"]
KEYS_COUNTRY = ["category", "rooms", "month"]


@dataclass(frozen=True)
class PriceGroups:
    """Median and MAD of log prices per (category, rooms, region, month) and nationwide."""

    region: pl.DataFrame
    country: pl.DataFrame


def _keyed(ads: pl.DataFrame) -> pl.DataFrame:
    return ads.select(
        pl.int_range(pl.len()).alias("_i"),
        "category",
        "region",
        pl.col("posted_at").dt.strftime("%Y-%m").alias("month"),
        pl.col("title").str.extract(ROOMS, 1).fill_null("").alias("rooms"),
        pl.col("price_kzt"),
        pl.col("price_kzt").log().alias("lp"),
    )


def price_groups(ads: pl.DataFrame) -> PriceGroups:
    """The groups' statistics over the ads with a price (columns as ``price_reference``)."""
    valid = _keyed(ads).filter(pl.col("price_kzt").is_not_null() & (pl.col("price_kzt") > 0))

    def stats(keys: list[str], suffix: str) -> pl.DataFrame:
        return valid.group_by(keys).agg(
            pl.len().alias(f"n_{suffix}"),
            pl.col("price_kzt").median().alias(f"median_{suffix}"),
            pl.col("lp").median().alias(f"lmed_{suffix}"),
            (pl.col("lp") - pl.col("lp").median()).abs().median().alias(f"mad_{suffix}"),
        )

    return PriceGroups(stats(KEYS_REGION, "r"), stats(KEYS_COUNTRY, "c"))


def price_reference(ads: pl.DataFrame, groups: PriceGroups | None = None) -> pl.DataFrame:
    """Per ad (same order): ``median_price``, ``reference`` (``region`` or ``country``),
    ``n_reference``, ``below_share`` (1 - price / median), ``price_far_below``.

    ``ads`` needs ``category``, ``region``, ``posted_at``, ``title`` and ``price_kzt`` (null
    for a missing or absurd price: it is neither judged nor part of any reference).
    ``groups``: the market to compare with; by default the ads' own.
    """
    groups = groups or price_groups(ads)
    joined = (
        _keyed(ads)
        .join(groups.region, on=KEYS_REGION, how="left")
        .join(groups.country, on=KEYS_COUNTRY, how="left")
    )
    use_region = pl.col("n_r").fill_null(0) >= MIN_GROUP
    enough = use_region | (pl.col("n_c").fill_null(0) >= MIN_GROUP)
    median = pl.when(use_region).then("median_r").otherwise("median_c")
    lmed = pl.when(use_region).then("lmed_r").otherwise("lmed_c")
    mad = pl.when(use_region).then("mad_r").otherwise("mad_c")
    z = (pl.col("lp") - lmed) / (1.4826 * mad).clip(0.05)
    out = joined.sort("_i").select(
        pl.when(enough).then(median).alias("median_price"),
        pl.when(use_region)
        .then(pl.lit("region"))
        .when(enough)
        .then(pl.lit("country"))
        .alias("reference"),
        pl.when(use_region).then("n_r").when(enough).then("n_c").alias("n_reference"),
        pl.when(enough).then(1 - pl.col("price_kzt") / median).alias("below_share"),
        (enough & (pl.col("price_kzt") <= FAR_BELOW * median) & (z <= -MAD_Z))
        .fill_null(False)
        .alias("price_far_below"),
    )
    return out
