"""`saqbol mules --spark`: the same verdicts as the in-process path (local[2] Spark).

Runs before ``test_mules_spark.py`` (file order): the command starts and stops its own session.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import polars as pl
import pytest
from typer.testing import CliRunner

pytest.importorskip("pyspark", reason="the Spark path needs pyspark")
if shutil.which("java") is None:
    pytest.skip("the Spark path needs Java (no `java` on PATH)", allow_module_level=True)

from saqbol.cli import app
from saqbol.synth.payments import generate_payments

runner = CliRunner()


def test_spark_and_in_process_give_the_same_verdicts(tmp_path: Path) -> None:
    generate_payments(seed=8, customers=300, days=12, out_dir=tmp_path, mules=True)
    source = str(tmp_path / "payments.parquet")
    local = runner.invoke(app, ["mules", source, "--out", str(tmp_path / "a.parquet"), "--json"])
    assert local.exit_code == 0, local.output
    spark = runner.invoke(
        app, ["mules", source, "--out", str(tmp_path / "b.parquet"), "--json", "--spark"]
    )
    assert spark.exit_code == 0, spark.output
    a = pl.read_parquet(tmp_path / "a.parquet")
    b = pl.read_parquet(tmp_path / "b.parquet")
    assert a.height == b.height > 0
    assert a.select("account_id", "role", "reasons", "cluster_id").equals(
        b.select("account_id", "role", "reasons", "cluster_id")
    )
    assert (a["score"] - b["score"]).abs().max() < 1e-9
