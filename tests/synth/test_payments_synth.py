"""The synthetic bank: column contract, reproducibility, and the shape of every fraud scenario."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import polars as pl
import pytest

from saqbol.detectors.payments.columns import (
    CHANNELS,
    CURRENCIES,
    LOAN_SCHEMA,
    PAYEE_TYPES,
    PAYMENT_SCHEMA,
    TRUTH_SCHEMA,
)
from saqbol.entities.normalise import normalise
from saqbol.synth.payments import GenerationSummary, generate_payments

SCENARIOS = (
    "safe_account",
    "sms_code_1414",
    "investment",
    "prepayment",
    "relative_in_trouble",
    "mule_cashout",
)
FILES = ("payments", "loans", "truth", "accounts", "reports")
START = date(2026, 1, 1)
PERIOD_START = datetime(2025, 12, 31, 19, tzinfo=UTC)  # local (UTC+5) midnight of START


def _run(path: Path, seed: int, customers: int, days: int) -> GenerationSummary:
    return generate_payments(seed=seed, customers=customers, days=days, out_dir=path, start=START)


def _read(summary: GenerationSummary) -> dict[str, pl.DataFrame]:
    return {name: pl.read_parquet(summary.paths[name]) for name in FILES}


@pytest.fixture(scope="module")
def small(tmp_path_factory: pytest.TempPathFactory) -> tuple[GenerationSummary, dict]:
    summary = _run(tmp_path_factory.mktemp("small"), seed=7, customers=300, days=14)
    return summary, _read(summary)


@pytest.fixture(scope="module")
def large(tmp_path_factory: pytest.TempPathFactory) -> tuple[GenerationSummary, dict]:
    summary = _run(tmp_path_factory.mktemp("large"), seed=11, customers=1500, days=45)
    return summary, _read(summary)


def test_columns_match_the_contract(small: tuple[GenerationSummary, dict]) -> None:
    _, f = small
    assert f["payments"].schema == pl.Schema(PAYMENT_SCHEMA)
    assert f["loans"].schema == pl.Schema(LOAN_SCHEMA)
    assert f["truth"].schema == pl.Schema(TRUTH_SCHEMA)
    assert f["accounts"].columns == [
        "account", "card", "phone", "iin", "region", "bank", "kind", "recruited_at",
    ]  # fmt: skip
    assert f["reports"].columns == ["reported_at", "type", "value", "scenario"]
    assert f["reports"].schema["reported_at"] == pl.Datetime("us", "UTC")


def test_same_seed_same_bytes_other_seed_other_data(
    small: tuple[GenerationSummary, dict], tmp_path: Path
) -> None:
    first, frames = small
    again = _run(tmp_path / "again", seed=7, customers=300, days=14)
    for name in FILES:
        assert again.paths[name].read_bytes() == first.paths[name].read_bytes(), name
    other = _read(_run(tmp_path / "other", seed=8, customers=300, days=14))
    assert not other["accounts"].equals(frames["accounts"])
    assert not other["payments"].equals(frames["payments"])


def test_ordering_ids_and_truth_alignment(small: tuple[GenerationSummary, dict]) -> None:
    summary, f = small
    pay, truth, loans = f["payments"], f["truth"], f["loans"]
    assert summary.payments == pay.height == truth.height
    assert pay["time"].is_sorted()
    assert loans["time"].is_sorted()
    assert pay["event_id"].n_unique() == pay.height
    assert loans["event_id"].n_unique() == loans.height
    assert pay.sort(["time", "event_id"])["event_id"].equals(pay["event_id"])
    assert truth["event_id"].equals(pay["event_id"])
    assert (pay["amount"] > 0).all() and (loans["amount"] > 0).all()
    assert set(pay["payee_type"].unique()) <= set(PAYEE_TYPES)
    assert set(pay["channel"].unique()) <= set(CHANNELS)
    assert set(pay["currency"].unique()) <= set(CURRENCIES)
    end = PERIOD_START + timedelta(days=14)
    assert pay["time"].min() >= PERIOD_START and pay["time"].max() < end
    normal = truth.filter(~pl.col("is_fraud"))
    assert set(normal["scenario"].unique()) == {"none"}
    assert set(normal["role"].unique()) == {"customer"}
    assert truth.filter(pl.col("is_fraud"))["scenario"].is_in(SCENARIOS).all()
    # about 3 payments per person per day
    assert 2.0 < pay.height / (300 * 14) < 4.5
    assert summary.fraud_payments == truth["is_fraud"].sum()


def test_every_scenario_is_present(large: tuple[GenerationSummary, dict]) -> None:
    summary, f = large
    counts = dict(f["truth"].filter(pl.col("is_fraud")).group_by("scenario").len().iter_rows())
    assert dict(summary.scenarios) == counts
    for scenario in SCENARIOS:
        assert counts.get(scenario, 0) >= 10, (scenario, counts)
    share = summary.fraud_payments / summary.payments
    assert 0.001 < share < 0.02
    roles = f["truth"].filter(pl.col("is_fraud")).group_by("scenario").agg(pl.col("role").unique())
    expected = {"sms_code_1414": ["fraudster"], "mule_cashout": ["mule"]}
    for scenario, role in roles.iter_rows():
        assert sorted(role) == expected.get(scenario, ["victim"])


def test_identifiers_are_valid(large: tuple[GenerationSummary, dict]) -> None:
    _, f = large
    pay, acc = f["payments"], f["accounts"]
    for kind in ("card", "iban", "phone"):
        values = pay.filter(pl.col("payee_type") == kind)["payee"].unique().sort()
        assert len(values) > 10
        for value in values.gather_every(max(1, len(values) // 300)):
            assert normalise(kind, value).value == value
    samples = {
        "iban": pl.concat([acc["account"], pay["payer_account"].unique(),
                           pay["payee_account"].drop_nulls().unique()]),
        "card": acc["card"].drop_nulls(),
        "phone": acc["phone"].drop_nulls(),
        "iin": acc["iin"].drop_nulls(),
    }  # fmt: skip
    for kind, values in samples.items():
        values = values.unique().sort()
        for value in values.gather_every(max(1, len(values) // 300)):
            assert normalise(kind, value).value == value
    assert acc["account"].n_unique() == acc.height
    assert acc["phone"].drop_nulls().n_unique() == acc["phone"].drop_nulls().len()


def test_mules_pass_on_about_ninety_percent(large: tuple[GenerationSummary, dict]) -> None:
    _, f = large
    mules = f["accounts"].filter(pl.col("kind") == "mule")
    assert mules["recruited_at"].null_count() == 0
    pay = pl.concat([f["payments"], f["truth"].drop("event_id")], how="horizontal")
    cutoff = PERIOD_START + timedelta(days=45) - timedelta(hours=7)
    incoming = pay.filter(
        pl.col("is_fraud") & pl.col("payee_account").is_in(mules["account"].implode())
        & (pl.col("time") < cutoff)
    )  # fmt: skip
    outgoing = pay.filter(pl.col("role") == "mule")
    assert outgoing["payer_account"].is_in(mules["account"].implode()).all()
    ratio = outgoing["amount"].sum() / incoming["amount"].sum()
    assert 0.8 < ratio < 0.97, ratio
    # victims pay a mule's card, phone or IBAN, and payee_account always names the mule's IBAN
    to_mule = pay.filter(pl.col("role") == "victim", pl.col("payee_type") != "crypto",
                         pl.col("payee_country") == "KZ")  # fmt: skip
    assert to_mule["payee_account"].is_in(mules["account"].implode()).all()


def test_sms_code_fraud_stacks_loans_from_different_lenders(
    large: tuple[GenerationSummary, dict],
) -> None:
    _, f = large
    pay = pl.concat([f["payments"], f["truth"].drop("event_id")], how="horizontal")
    first = (
        pay.filter(pl.col("scenario") == "sms_code_1414")
        .group_by("payer_account")
        .agg(pl.col("time").min().alias("first"), pl.col("new_device").mean().alias("new"))
    )
    assert first.height >= 3
    stacked = (
        f["loans"]
        .join(first, left_on="borrower_account", right_on="payer_account")
        .filter((pl.col("time") <= pl.col("first"))
                & (pl.col("time") > pl.col("first") - timedelta(hours=12)))
        .group_by("borrower_account")
        .agg(pl.col("lender").n_unique().alias("lenders"), pl.col("online").all())
    )  # fmt: skip
    assert stacked.height == first.height
    assert (stacked["lenders"] >= 2).all() and stacked["online"].all()
    assert first["new"].mean() > 0.5


def test_reports_name_only_mules_inside_the_period(large: tuple[GenerationSummary, dict]) -> None:
    summary, f = large
    reports, acc = f["reports"], f["accounts"]
    assert reports.height > 0 and summary.reports == reports.height
    end = PERIOD_START + timedelta(days=45)
    assert reports["reported_at"].min() >= PERIOD_START and reports["reported_at"].max() < end
    mules = acc.filter(pl.col("kind") == "mule")
    column = {"card": "card", "phone": "phone", "iban": "account"}
    for kind, value, scenario in reports.select("type", "value", "scenario").iter_rows():
        assert scenario in SCENARIOS
        assert normalise(kind, value).value in set(mules[column[kind]].to_list())


def test_progress_reports_every_day(tmp_path: Path) -> None:
    seen: list[tuple[int, int]] = []
    generate_payments(
        seed=3, customers=100, days=5, out_dir=tmp_path, progress=lambda d, t: seen.append((d, t))
    )
    assert seen == [(d, 5) for d in range(1, 6)]
