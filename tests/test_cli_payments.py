"""`saqbol generate payments` and `saqbol score payments`, as a bank's analyst runs them."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import polars as pl
import pytest
from typer.testing import CliRunner

from conftest import SECRET
from helpers import report_body
from saqbol.cli import app
from saqbol.config import get_settings
from saqbol.schemas import ReportIn
from saqbol.services import reports
from saqbol.store import transaction

runner = CliRunner()


def generate(out: Path, seed: int = 11) -> dict:
    result = runner.invoke(
        app,
        ["generate", "payments", "--seed", str(seed), "--customers", "120", "--days", "7",
         "--out", str(out), "--json"],
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def test_generate_then_score_writes_one_row_per_payment_in_order(tmp_path: Path) -> None:
    info = generate(tmp_path / "bank")
    for name in ("payments", "loans", "truth"):
        assert (tmp_path / "bank" / f"{name}.parquet").is_file()
    truth = pl.read_parquet(tmp_path / "bank" / "truth.parquet")
    assert {"event_id", "is_fraud", "scenario"} <= set(truth.columns)
    assert info["payments"] == truth.height > 0

    out = tmp_path / "scores.parquet"
    result = runner.invoke(
        app,
        ["score", "payments", str(tmp_path / "bank" / "payments.parquet"), "--out", str(out),
         "--json"],
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    summary = json.loads(result.stdout)
    scores = pl.read_parquet(out)
    payments = pl.read_parquet(tmp_path / "bank" / "payments.parquet")
    assert scores["event_id"].to_list() == payments["event_id"].to_list()
    assert scores["score"].is_between(0, 1).all()
    assert set(scores["decision"].unique()) <= {"allow", "review", "hold"}
    assert scores.schema["reasons"] == pl.List(pl.String)
    assert sum(summary["decisions"].values()) == payments.height


def test_the_same_seed_gives_the_same_bank(tmp_path: Path) -> None:
    generate(tmp_path / "a", seed=3)
    generate(tmp_path / "b", seed=3)
    a = pl.read_parquet(tmp_path / "a" / "payments.parquet")
    assert a.equals(pl.read_parquet(tmp_path / "b" / "payments.parquet"))


def test_scoring_a_csv_with_a_bad_row_names_it_and_goes_on(tmp_path: Path) -> None:
    generate(tmp_path / "bank")
    payments = pl.read_parquet(tmp_path / "bank" / "payments.parquet").head(40)
    spoiled = payments.with_columns(
        amount=pl.when(pl.int_range(pl.len()) == 3).then(-5).otherwise(pl.col("amount"))
    )
    source = tmp_path / "in.csv"
    spoiled.write_csv(source)
    out = tmp_path / "out.jsonl"
    result = runner.invoke(app, ["score", "payments", str(source), "--out", str(out)])
    assert result.exit_code == 0, result.output
    rows = [json.loads(line) for line in out.read_text().splitlines()]
    assert len(rows) == 40
    assert rows[3]["error"] == "amount: must be more than 0 tiyn"
    assert rows[3]["decision"] == "review" and rows[3]["reasons"] == ["pay.invalid"]
    assert all(r["error"] is None for i, r in enumerate(rows) if i != 3)


def test_a_missing_or_malformed_input_exits_2_without_a_traceback(tmp_path: Path) -> None:
    missing = runner.invoke(app, ["score", "payments", str(tmp_path / "nope.parquet"), "--out",
                                  str(tmp_path / "o.parquet")])  # fmt: skip
    assert missing.exit_code == 2
    assert "error: input: no such file" in missing.output
    broken = tmp_path / "broken.csv"
    broken.write_text("event_id,time\nx,2026-01-01\n")
    result = runner.invoke(
        app, ["score", "payments", str(broken), "--out", str(tmp_path / "o.csv")]
    )
    assert result.exit_code == 2
    assert "missing columns" in result.output
    assert "Traceback" not in result.output


@pytest.fixture
def cli_env(settings, factory, monkeypatch) -> Iterator[None]:
    monkeypatch.setenv("SAQBOL_DATABASE_URL", settings.database_url)
    monkeypatch.setenv("SAQBOL_SECRET", SECRET)
    get_settings.cache_clear()
    yield
    get_settings.cache_clear()


def test_score_with_the_registry_holds_payments_to_a_reported_card(
    cli_env, factory, tmp_path: Path
) -> None:
    generate(tmp_path / "bank")
    payments = pl.read_parquet(tmp_path / "bank" / "payments.parquet")
    card = payments.filter(pl.col("payee_type") == "card")["payee"][0]
    to_card = payments["payee"] == card
    complaint = report_body(
        entities=[{"type": "card", "value": card}], occurred_at="2025-12-01T10:00"
    )
    with transaction(factory) as session:
        reports.file_report(
            session=session,
            draft=ReportIn.model_validate(complaint).to_draft(),
            secret=SECRET,
            actor="test",
            now=datetime(2025, 12, 1, 12, tzinfo=UTC),
        )
    source, out = str(tmp_path / "bank" / "payments.parquet"), str(tmp_path / "s.parquet")

    assert runner.invoke(app, ["score", "payments", source, "--out", out]).exit_code == 0
    before = pl.read_parquet(out).filter(to_card)
    assert not before["reasons"].list.contains("pay.registry.payee").any()

    listed = runner.invoke(app, ["score", "payments", source, "--out", out, "--registry"])
    assert listed.exit_code == 0, listed.output
    after = pl.read_parquet(out).filter(to_card)
    assert after.height > 0
    assert (after["decision"] == "hold").all()
    assert after["reasons"].list.contains("pay.registry.payee").all()
