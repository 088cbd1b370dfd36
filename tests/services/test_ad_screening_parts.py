"""A file of ads screened in parts (prices over the whole file, copies shard by shard, ads
judged a part at a time) gives exactly what screening it at once gives."""

from __future__ import annotations

from pathlib import Path

import polars as pl
import pytest
from polars.testing import assert_frame_equal

from saqbol.detectors.ads.screen import ad_reference, screen_ads
from saqbol.rules import load_ad_rules
from saqbol.services import ad_screening
from saqbol.synth.ads import generate_ads


@pytest.fixture(scope="module")
def ads_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("ads")
    generate_ads(seed=5, ads=4000, out_dir=out)
    return out / "ads.parquet"


@pytest.fixture(scope="module")
def context():
    return ad_screening.default_context()


def test_parts_and_shards_give_the_same_verdicts_as_one_batch(ads_file, context, tmp_path):
    rules = load_ad_rules()
    whole = screen_ads(ad_screening.read_ads(ads_file), context, rules)
    assert (whole["decision"] != "publish").sum() > 100  # something to agree on
    assert whole["reasons"].list.contains("ad.duplicate_across_regions").sum() > 10
    out = tmp_path / "parts.parquet"
    counts = ad_screening.screen_parquet(
        ads_file, out, rules, context, chunk_rows=900, shard_rows=700
    )
    assert_frame_equal(pl.read_parquet(out), whole)
    assert counts == dict(whole["decision"].value_counts().iter_rows())


def test_parts_with_a_reference_export_give_the_same_verdicts(ads_file, context, tmp_path):
    rules = load_ad_rules()
    ads = ad_screening.read_ads(ads_file).sort("posted_at")
    recent, new = ads.head(2500), ads.tail(1500)
    new.write_parquet(tmp_path / "new.parquet")
    reference = ad_reference(recent, rules)
    whole = screen_ads(new, context, rules, reference)
    out = tmp_path / "parts.parquet"
    ad_screening.screen_parquet(
        tmp_path / "new.parquet", out, rules, context, reference, chunk_rows=400, shard_rows=300
    )
    assert_frame_equal(pl.read_parquet(out), whole)
