"""`saqbol generate ads` and `saqbol screen ads` as a marketplace runs them."""

from __future__ import annotations

import json
from pathlib import Path

import polars as pl
from typer.testing import CliRunner

from saqbol.cli import app

runner = CliRunner()


def test_generate_and_screen_keep_the_contract(tmp_path: Path) -> None:
    made = runner.invoke(app, ["generate", "ads", "--seed", "3", "--ads", "3000", "--out",
                               str(tmp_path), "--json"])  # fmt: skip
    assert made.exit_code == 0, made.output
    truth = pl.read_parquet(tmp_path / "truth.parquet")
    assert {"ad_id", "is_fraud", "ring_id"} <= set(truth.columns)
    out = tmp_path / "screened.parquet"
    result = runner.invoke(app, ["screen", "ads", str(tmp_path / "ads.parquet"), "--out", str(out),
                                 "--json"])  # fmt: skip
    assert result.exit_code == 0, result.output
    info = json.loads(result.output)
    screened = pl.read_parquet(out)
    ads = pl.read_parquet(tmp_path / "ads.parquet")
    assert screened["ad_id"].to_list() == ads["ad_id"].to_list()  # one row per ad, same order
    assert {"ad_id", "score", "decision", "reasons"} <= set(screened.columns)
    assert set(screened["decision"].unique()) <= {"publish", "warn_buyers", "hold_for_review",
                                                  "reject"}  # fmt: skip
    assert info["ads"] == ads.height
    held = screened.join(truth, on="ad_id")
    caught = held.filter(pl.col("is_fraud"))["decision"].is_in(["hold_for_review", "reject"])
    assert caught.mean() >= 0.8


def test_a_missing_file_exits_2(tmp_path: Path) -> None:
    result = runner.invoke(app, ["screen", "ads", str(tmp_path / "no.parquet"), "--out", "x"])
    assert result.exit_code == 2 and "no such file" in result.output


def test_new_ads_are_screened_against_a_reference_export(tmp_path: Path) -> None:
    made = runner.invoke(app, ["generate", "ads", "--seed", "4", "--ads", "3000", "--out",
                               str(tmp_path), "--json"])  # fmt: skip
    assert made.exit_code == 0, made.output
    ads = pl.read_parquet(tmp_path / "ads.parquet").sort("posted_at")
    ads.head(2900).write_parquet(tmp_path / "recent.parquet")
    ads.tail(100).write_parquet(tmp_path / "new.parquet")
    args = ["screen", "ads", str(tmp_path / "new.parquet"), "--out", str(tmp_path / "o.parquet")]
    alone = runner.invoke(app, args)
    assert alone.exit_code == 0, alone.output
    priced_alone = pl.read_parquet(tmp_path / "o.parquet")["median_price"].is_not_null().sum()
    result = runner.invoke(app, [*args, "--reference", str(tmp_path / "recent.parquet")])
    assert result.exit_code == 0, result.output
    screened = pl.read_parquet(tmp_path / "o.parquet")
    assert screened["ad_id"].to_list() == ads.tail(100)["ad_id"].to_list()
    assert screened["median_price"].is_not_null().sum() > priced_alone  # a market to compare
    missing = runner.invoke(app, [*args, "--reference", str(tmp_path / "none.parquet")])
    assert missing.exit_code == 2 and "no such file" in missing.output
