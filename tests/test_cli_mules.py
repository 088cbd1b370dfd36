"""`saqbol generate payments --mules`, `saqbol mules` and `saqbol trace` as a user runs them."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import polars as pl
import pytest
from typer.testing import CliRunner

from conftest import SECRET
from helpers import report_body
from saqbol.cli import app
from saqbol.config import get_settings
from saqbol.detectors.mules.detector import ROLES
from saqbol.schemas import ReportIn
from saqbol.services import reports
from saqbol.store import transaction

runner = CliRunner()


@pytest.fixture(scope="module")
def bank(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("bank")
    result = runner.invoke(
        app,
        [
            "generate",
            "payments",
            "--out",
            str(out),
            "--seed",
            "4",
            "--customers",
            "300",
            "--days",
            "15",
            "--mules",
            "--json",
        ],
    )
    assert result.exit_code == 0, result.output
    return out


def test_contract_files_and_columns(bank: Path, tmp_path: Path) -> None:
    truth = pl.read_parquet(bank / "accounts_truth.parquet")
    assert {"account_id", "role", "typology"} <= set(truth.columns)
    out = tmp_path / "mules.parquet"
    result = runner.invoke(
        app,
        [
            "mules",
            str(bank / "payments.parquet"),
            "--out",
            str(out),
            "--clusters",
            str(tmp_path / "clusters.parquet"),
            "--json",
        ],
    )
    assert result.exit_code == 0, result.output
    info = json.loads(result.output)
    scored = pl.read_parquet(out)
    assert {"account_id", "score", "role", "reasons"} <= set(scored.columns)
    assert scored["account_id"].is_unique().all()
    assert scored["score"].is_between(0, 1).all()
    assert set(scored["role"].unique()) <= set(ROLES)
    assert scored.schema["reasons"] == pl.List(pl.String)
    payers = pl.read_parquet(bank / "payments.parquet")["payer_account"].unique()
    assert payers.is_in(scored["account_id"].implode()).all()  # every account that paid
    assert info["accounts"] == scored.height and info["dropped"] == {}
    clusters = pl.read_parquet(tmp_path / "clusters.parquet")
    if clusters.height:
        assert clusters["cluster_id"].to_list() == list(range(1, clusters.height + 1))


def test_another_banks_csv_with_bad_rows(tmp_path: Path) -> None:
    source = tmp_path / "export.csv"
    source.write_text(
        "id,from,to,sum,ts,cur\n"
        "1,A,M,100000,2026-02-01 10:00:00,KZT\n"
        "2,B,M,100000,2026-02-01 11:00:00,KZT\n"
        "3,M,X,180000,2026-02-01 12:00:00,KZT\n"
        "4,A,A,5000,2026-02-01 12:00:00,KZT\n"
        "5,A,B,0,2026-02-01 12:00:00,KZT\n"
        "6,A,B,10,,KZT\n"
        "7,A,B,10,2026-02-01 13:00:00,XYZ\n"
        "3,M,X,180000,2026-02-01 12:00:00,KZT\n"
    )
    out = tmp_path / "out.parquet"
    result = runner.invoke(
        app,
        [
            "mules",
            str(source),
            "--out",
            str(out),
            "--json",
            "--columns",
            "event_id=id,src=from,dst=to,amount=sum,time=ts,currency=cur",
        ],
    )
    assert result.exit_code == 0, result.output
    info = json.loads(result.output)
    assert info["transfers"] == 3
    assert info["dropped"] == {
        "missing_time": 1,
        "non_positive_amount": 1,
        "self_transfer": 1,
        "unknown_currency": 1,
        "duplicate_event_id": 1,
    }
    assert sorted(pl.read_parquet(out)["account_id"]) == ["A", "B", "M", "X"]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--columns", "sender=from"], "unknown name 'sender'"),
        (["--columns", "src=nope,dst=to,amount=sum,time=ts"], "src -> 'nope' is not a column"),
        (["--time-unit", "weeks"], "time unit"),
    ],
)
def test_bad_options_exit_2_naming_the_problem(
    tmp_path: Path, args: list[str], message: str
) -> None:
    source = tmp_path / "t.csv"
    source.write_text("from,to,sum,ts\nA,B,1,2026-01-01\n")
    result = runner.invoke(
        app,
        [
            "mules",
            str(source),
            "--out",
            str(tmp_path / "o.parquet"),
            "--columns",
            "src=from,dst=to,amount=sum,time=ts",
            *args,
        ],
    )
    assert result.exit_code == 2
    assert message in result.output


def test_missing_file_exits_2(tmp_path: Path) -> None:
    result = runner.invoke(app, ["mules", str(tmp_path / "none.parquet"), "--out", "x.parquet"])
    assert result.exit_code == 2 and "no such file" in result.output


def test_trace_a_victims_payment(bank: Path) -> None:
    truth = pl.read_parquet(bank / "truth.parquet").filter(pl.col("role") == "victim")
    event_id = truth["event_id"][0]
    result = runner.invoke(
        app, ["trace", event_id, "--transfers", str(bank / "payments.parquet"), "--json"]
    )
    assert result.exit_code == 0, result.output
    body = json.loads(result.output)
    assert body["event_id"] == event_id
    assert sum(h["amount"] for h in body["holders"]) == pytest.approx(body["amount"], rel=1e-6)
    text = runner.invoke(app, ["trace", event_id, "--transfers", str(bank / "payments.parquet")])
    assert text.exit_code == 0 and event_id in text.output
    missing = runner.invoke(app, ["trace", "P-nope", "--transfers", str(bank / "payments.parquet")])
    assert missing.exit_code == 2 and "P-nope" in missing.output


@pytest.fixture
def cli_env(settings, factory, monkeypatch) -> Iterator[None]:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("SAQBOL_DATABASE_URL", settings.database_url)
    monkeypatch.setenv("SAQBOL_SECRET", SECRET)
    get_settings.cache_clear()
    yield
    get_settings.cache_clear()


def test_registry_complaints_mark_the_account_behind_a_reported_card(
    cli_env: None, factory: Any, bank: Path, tmp_path: Path
) -> None:
    payments = pl.read_parquet(bank / "payments.parquet").filter(
        (pl.col("payee_type") == "card") & pl.col("payee_account").is_not_null()
    )
    card, account = (
        payments.row(0, named=True)["payee"],
        payments.row(0, named=True)["payee_account"],
    )
    complaint = report_body(entities=[{"type": "card", "value": card}])
    with transaction(factory) as session:
        draft = ReportIn.model_validate(complaint).to_draft()
        now = datetime(2026, 1, 20, tzinfo=UTC)
        reports.file_report(session=session, draft=draft, secret=SECRET, actor="test", now=now)
    source, out = str(bank / "payments.parquet"), tmp_path / "m.parquet"
    assert runner.invoke(app, ["mules", source, "--out", str(out)]).exit_code == 0
    assert pl.read_parquet(out).filter(pl.col("account_id") == account)["reported"].item() == 0
    listed = runner.invoke(app, ["mules", source, "--out", str(out), "--registry"])
    assert listed.exit_code == 0, listed.output
    assert pl.read_parquet(out).filter(pl.col("account_id") == account)["reported"].item() == 1
