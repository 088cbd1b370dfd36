"""`saqbol generate calls` and `saqbol screen calls` as an operator runs them."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

import polars as pl
import pytest
from typer.testing import CliRunner

from saqbol.cli import app
from saqbol.detectors.calls.columns import CDR_SCHEMA

runner = CliRunner()


@pytest.fixture(scope="module")
def operator(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("cdr")
    result = runner.invoke(app, ["generate", "calls", "--seed", "5", "--subscribers", "600",
                                 "--days", "3", "--out", str(out), "--json"])  # fmt: skip
    assert result.exit_code == 0, result.output
    return out


def test_contract_files(operator: Path, tmp_path: Path) -> None:
    assert {"msisdn", "roaming_from", "roaming_to", "operator"} <= set(
        pl.read_parquet(operator / "roaming.parquet").columns
    )
    assert {"call_id", "is_spoofed"} <= set(
        pl.read_parquet(operator / "truth_calls.parquet").columns
    )
    assert {"imsi", "is_simbox"} <= set(pl.read_parquet(operator / "truth_sims.parquet").columns)
    result = runner.invoke(
        app, ["screen", "calls", str(operator), "--out", str(tmp_path), "--json"]
    )
    assert result.exit_code == 0, result.output
    info = json.loads(result.output)
    calls = pl.read_parquet(tmp_path / "calls.parquet")
    sims = pl.read_parquet(tmp_path / "sims.parquet")
    assert {"call_id", "verdict", "reasons"} <= set(calls.columns)
    assert {"imsi", "score", "reasons"} <= set(sims.columns)
    cdr = pl.read_parquet(operator / "cdr.parquet")
    assert calls.height == cdr.height == info["calls"]
    assert set(calls["verdict"].unique()) <= {"allow", "flag", "block"}
    assert sims["score"].is_between(0, 1).all()
    daily = pl.read_parquet(tmp_path / "daily.parquet")
    totals = daily.filter(pl.col("reason") == "").group_by("verdict").agg(pl.col("calls").sum())
    assert dict(totals.iter_rows()) == info["verdicts"]


def test_bad_records_get_an_outcome_and_the_batch_goes_on(tmp_path: Path) -> None:
    t = datetime(2026, 2, 1, 9, tzinfo=UTC)
    rows = [
        ("ok", t, 60, True, "+77011234567", "+77015550000", "international"),
        ("neg", t, -3, True, "+77011234567", "+77015550000", "interconnect"),
        ("route", t, 10, True, "+77011234567", "+77015550000", "carrier_pigeon"),
        ("nostart", None, 10, True, "+77011234567", "+77015550000", "interconnect"),
        ("junk", t, 10, True, "not a number", "+77015550000", "international"),
    ]
    frame = pl.DataFrame(
        [dict(zip(("call_id", "start", "duration_s", "answered", "a_number", "b_number", "route"),
                  r, strict=True)) | {"gateway_id": None, "orig_operator": None, "imsi": None,
                                      "imei": None, "cell_id": None} for r in rows],
        schema=CDR_SCHEMA,
    )  # fmt: skip
    frame.write_parquet(tmp_path / "cdr.parquet")
    result = runner.invoke(app, ["screen", "calls", str(tmp_path), "--out", str(tmp_path / "o"),
                                 "--no-sims", "--json"])  # fmt: skip
    assert result.exit_code == 0, result.output
    out = {
        r["call_id"]: r for r in pl.read_parquet(tmp_path / "o/calls.parquet").iter_rows(named=True)
    }
    assert out["ok"]["verdict"] == "block"
    assert out["junk"]["verdict"] == "block" and out["junk"]["reasons"] == ["call.invalid_number"]
    assert out["neg"]["reasons"] == ["call.bad_record:duration_s"]
    assert out["route"]["reasons"] == ["call.bad_record:route"]
    assert out["nostart"]["reasons"] == ["call.bad_record:start"]
    assert {out[k]["verdict"] for k in ("neg", "route", "nostart")} == {"error"}


def test_a_missing_directory_exits_2(tmp_path: Path) -> None:
    result = runner.invoke(app, ["screen", "calls", str(tmp_path / "none"), "--out", str(tmp_path)])
    assert result.exit_code == 2 and "no CDR file" in result.output
