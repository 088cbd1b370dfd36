"""Batch scoring of a payments file: same answers as the online path, bad rows and repeated
ids handled explicitly, input order kept."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import polars as pl
import pytest

from saqbol.detectors.payments.columns import LOAN_SCHEMA, PAYMENT_SCHEMA
from saqbol.detectors.payments.detector import PaymentDetector
from saqbol.errors import InvalidInput
from saqbol.models import load_payment_model
from saqbol.rules import load_payment_rules
from saqbol.services.payment_batch import read_events, score_payments, write_scores
from saqbol.services.payment_scoring import PaymentScorer
from saqbol.services.payment_state import PaymentState
from saqbol.synth.payments import generate_payments


@pytest.fixture(scope="module")
def bank(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("bank")
    generate_payments(seed=5, customers=300, days=10, out_dir=out)
    return out


@pytest.fixture(scope="module")
def detector() -> PaymentDetector:
    return PaymentDetector(load_payment_rules(), load_payment_model())


@pytest.fixture(scope="module")
def frames(bank: Path) -> tuple[pl.DataFrame, pl.DataFrame]:
    return pl.read_parquet(bank / "payments.parquet"), pl.read_parquet(bank / "loans.parquet")


def test_online_and_batch_paths_give_the_same_scores(
    frames: tuple[pl.DataFrame, pl.DataFrame], detector: PaymentDetector, tmp_path: Path
) -> None:
    payments, loans = frames
    batch = score_payments(payments, loans, detector).scores
    state = PaymentState(tmp_path / "state.db")
    scorer = PaymentScorer(detector, state, registry=None)
    loan_rows = loans.to_dicts()
    k = 0
    online = []
    for event in payments.to_dicts():
        while k < len(loan_rows) and loan_rows[k]["time"] <= event["time"]:
            loan = loan_rows[k]
            state.record_loan(loan, int(loan["time"].timestamp() * 1000))
            k += 1
        online.append(scorer.score(event).verdict)
    assert [v.subject for v in online] == batch["event_id"].to_list()
    assert [v.score for v in online] == batch["score"].to_list()
    assert [v.label for v in online] == batch["decision"].to_list()
    assert [[r.code for r in v.reasons] for v in online] == batch["reasons"].to_list()
    assert batch["decision"].is_in(["review", "hold"]).sum() > 0  # not a trivial stream


def broken(payments: pl.DataFrame) -> tuple[pl.DataFrame, dict[int, str]]:
    """The stream with four rows spoiled, and the field each one must be blamed on."""
    future = datetime.now(UTC) + timedelta(days=3)
    rows = {5: "amount", 17: "payee", 29: "currency", 41: "time"}
    bad = payments.with_row_index("i").with_columns(
        amount=pl.when(pl.col("i") == 5).then(0).otherwise(pl.col("amount")),
        payee_type=pl.when(pl.col("i") == 17).then(pl.lit("card")).otherwise("payee_type"),
        payee=pl.when(pl.col("i") == 17).then(pl.lit("4400430212345678")).otherwise("payee"),
        currency=pl.when(pl.col("i") == 29).then(pl.lit("XYZ")).otherwise("currency"),
        time=pl.when(pl.col("i") == 41).then(pl.lit(future)).otherwise("time"),
    )
    return bad.drop("i"), rows


def test_bad_rows_are_kept_named_and_left_out_of_history(
    frames: tuple[pl.DataFrame, pl.DataFrame], detector: PaymentDetector
) -> None:
    payments, loans = frames
    bad, rows = broken(payments)
    out = score_payments(bad, loans, detector).scores
    assert out.height == payments.height
    for i, field in rows.items():
        row = out.row(i, named=True)
        assert row["error"].startswith(f"{field}: "), row
        assert (row["decision"], row["score"], row["reasons"]) == ("review", None, ["pay.invalid"])
    good = out.filter(pl.col("error").is_null())
    assert good.height == payments.height - len(rows)
    # The good rows score exactly as if the bad ones had never been sent.
    clean = score_payments(
        payments.with_row_index("i").filter(~pl.col("i").is_in(list(rows))).drop("i"),
        loans,
        detector,
    ).scores
    assert good["score"].to_list() == clean["score"].to_list()


def test_a_repeated_event_id_gets_the_first_result_and_is_counted_once(
    frames: tuple[pl.DataFrame, pl.DataFrame], detector: PaymentDetector
) -> None:
    payments, loans = frames
    head = payments.head(200)
    repeated = pl.concat([head.slice(0, 100), head.slice(50, 1), head.slice(100, 100)])
    once = score_payments(head, loans, detector)
    twice = score_payments(repeated, loans, detector)
    assert twice.duplicates == 1 and once.duplicates == 0
    assert twice.scores.row(100) == twice.scores.row(50)
    assert (
        twice.scores.drop_nulls("score").filter(pl.int_range(pl.len()) != 100)["score"].to_list()
        == once.scores["score"].to_list()
    )


def test_rows_in_any_order_come_back_in_that_order(
    frames: tuple[pl.DataFrame, pl.DataFrame], detector: PaymentDetector
) -> None:
    payments, loans = frames
    head = payments.head(500)
    shuffled = head.sample(fraction=1.0, shuffle=True, seed=3)
    a = score_payments(head, loans, detector).scores
    b = score_payments(shuffled, loans, detector).scores
    assert b["event_id"].to_list() == shuffled["event_id"].to_list()
    assert dict(zip(b["event_id"], b["score"], strict=True)) == dict(
        zip(a["event_id"], a["score"], strict=True)
    )


@pytest.mark.parametrize("suffix", [".csv", ".jsonl", ".parquet"])
def test_files_of_each_kind_read_back_the_same(
    frames: tuple[pl.DataFrame, pl.DataFrame], tmp_path: Path, suffix: str
) -> None:
    payments = frames[0].head(50)
    path = tmp_path / f"p{suffix}"
    {
        ".csv": payments.write_csv,
        ".jsonl": payments.write_ndjson,
        ".parquet": payments.write_parquet,
    }[suffix](path)
    read = read_events(path, PAYMENT_SCHEMA)
    assert read.equals(payments)


def test_a_file_without_a_required_column_is_refused(
    frames: tuple[pl.DataFrame, pl.DataFrame], tmp_path: Path
) -> None:
    path = tmp_path / "p.parquet"
    frames[0].head(5).drop("amount").write_parquet(path)
    with pytest.raises(InvalidInput, match="amount"):
        read_events(path, PAYMENT_SCHEMA)
    with pytest.raises(InvalidInput, match="unsupported"):
        read_events(tmp_path / "p.xlsx", LOAN_SCHEMA)


def test_scores_are_written_in_each_format(
    frames: tuple[pl.DataFrame, pl.DataFrame], detector: PaymentDetector, tmp_path: Path
) -> None:
    scores = score_payments(frames[0].head(30), frames[1], detector).scores
    for suffix in (".parquet", ".jsonl", ".csv"):
        write_scores(scores, tmp_path / f"s{suffix}")
    assert pl.read_parquet(tmp_path / "s.parquet").equals(scores)
    assert pl.read_csv(tmp_path / "s.csv").height == 30
