"""The online path (state store + online_features) and the batch path (Polars) must agree on
every feature of every payment of the same time-ordered stream."""

from __future__ import annotations

import math
import random
from datetime import UTC, datetime, timedelta
from pathlib import Path

import numpy as np
import polars as pl
import pytest

from saqbol.detectors.payments.columns import LOAN_SCHEMA, PAYMENT_SCHEMA
from saqbol.detectors.payments.features import FEATURES, batch_features, online_features
from saqbol.services.payment_state import PaymentState

START = datetime(2026, 3, 1, tzinfo=UTC)


def random_stream(seed: int, n_payments: int = 1500, n_loans: int = 60):
    """A dense little world: 12 accounts paying each other and a few outside payees, with
    times bunched so that windows, ties and 30-day edges are all exercised."""
    rng = random.Random(seed)
    accounts = [f"KZ{n:02d}ACCOUNT" for n in range(12)]
    outside = [("card", f"4400{n:012d}") for n in range(5)]
    outside += [("crypto", "binance"), ("merchant", "MCC5411-000001")]
    payments = []
    t = START
    for i in range(n_payments):
        # Mostly seconds apart, sometimes the same millisecond, sometimes ~30 days jumps.
        t += rng.choice(
            [timedelta(0), timedelta(milliseconds=1), timedelta(minutes=rng.randint(1, 90))]
            + [timedelta(days=29, hours=23, minutes=59, seconds=59, milliseconds=999)] * (i == 700)
        )
        payer = rng.choice(accounts)
        if rng.random() < 0.7:
            to = rng.choice(accounts)
            payee_type, payee, payee_account = "iban", to, to
        else:
            payee_type, payee = rng.choice(outside)
            payee_account = None
        payments.append(
            {
                "event_id": f"P{i:05d}",
                "time": t,
                "payer_account": payer,
                "payer_bank": "KASPI",
                "payee_type": payee_type,
                "payee": payee,
                "payee_account": payee_account,
                "payee_bank": None,
                "payee_country": rng.choice(["KZ", "KZ", "KZ", "AE"]),
                "amount": rng.choice([100, 5_000_00, 50_000_00, 1_000_000_00]),
                "currency": rng.choice(["KZT", "KZT", "USD"]),
                "channel": "app",
                "device_id": "d",
                "ip": "95.56.1.1",
                "remote_access": rng.random() < 0.1,
                "on_call": rng.random() < 0.1,
                "new_device": rng.random() < 0.1,
                "sim_changed": rng.random() < 0.1,
            }
        )
    loans = []
    times = sorted(rng.choice(payments)["time"] for _ in range(n_loans))
    for i, when in enumerate(times):
        loans.append(
            {
                "event_id": f"L{i:04d}",
                "time": when,
                "borrower_account": rng.choice(accounts[:4]),
                "borrower_iin": "000000000000",
                "lender": rng.choice(["KASPI", "HALYK", "MFO_A"]),
                "amount": rng.choice([100_000_00, 500_000_00]),
                "currency": "KZT",
                "online": True,
            }
        )
    return (
        pl.DataFrame(payments, schema=PAYMENT_SCHEMA),
        pl.DataFrame(loans, schema=LOAN_SCHEMA),
    )


def online_matrix(payments: pl.DataFrame, loans: pl.DataFrame, path: Path) -> np.ndarray:
    state = PaymentState(path)
    rows: list[list[float]] = []
    loan_rows = loans.to_dicts()
    k = 0
    for event in payments.to_dicts():
        t_ms = int(event["time"].timestamp() * 1000)
        # Loans at the same millisecond come first, as in the batch path.
        while k < len(loan_rows) and int(loan_rows[k]["time"].timestamp() * 1000) <= t_ms:
            loan = loan_rows[k]
            state.record_loan(loan, int(loan["time"].timestamp() * 1000))
            k += 1

        stored, _ = state.record_payment(
            event, t_ms, lambda history, _, e=event, t=t_ms: {"f": online_features(e, t, history)}
        )
        rows.append(stored["f"])
    state.close()
    return np.asarray(rows)


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_online_and_batch_features_are_equal(seed: int, tmp_path: Path) -> None:
    payments, loans = random_stream(seed)
    batch = batch_features(payments, loans)
    online = online_matrix(payments, loans, tmp_path / "state.db")
    assert batch.shape == online.shape == (payments.height, len(FEATURES))
    for j, name in enumerate(FEATURES):
        for i in range(batch.shape[0]):
            a, b = batch[i, j], online[i, j]
            assert (math.isnan(a) and math.isnan(b)) or a == b, (name, i, a, b)


def test_the_stream_exercises_the_windows() -> None:
    payments, loans = random_stream(1)
    matrix = batch_features(payments, loans)
    column = {name: matrix[:, j] for j, name in enumerate(FEATURES)}
    assert column["out_n_1h"].max() > 3
    assert 0 < column["payee_new"].mean() < 1
    assert np.nanmax(column["lenders_24h"]) >= 2
    assert np.isfinite(column["sent_on_ratio"]).any()
    assert column["in_new_payers_24h"].max() >= 2


def two_payments(gap: timedelta) -> pl.DataFrame:
    payments, _ = random_stream(1, n_payments=2, n_loans=0)
    return payments.with_columns(
        time=pl.Series([START, START + gap], dtype=PAYMENT_SCHEMA["time"]),
        payer_account=pl.lit("KZ01A"),
        payee_type=pl.lit("card"),
        payee=pl.lit("4400000000000001"),
        payee_account=pl.lit(None, dtype=pl.String),
    )


@pytest.mark.parametrize(
    ("gap", "new_again"),
    [
        (timedelta(days=30), True),
        (timedelta(days=30) - timedelta(milliseconds=1), False),
        (timedelta(0), False),
    ],
)
def test_a_payee_is_new_again_after_exactly_30_days(
    gap: timedelta, new_again: bool, tmp_path: Path
) -> None:
    payments = two_payments(gap)
    loans = pl.DataFrame(schema=LOAN_SCHEMA)
    new = FEATURES.index("payee_new")
    assert batch_features(payments, loans)[1, new] == float(new_again)
    assert online_matrix(payments, loans, tmp_path / "s.db")[1, new] == float(new_again)
