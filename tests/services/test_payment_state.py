"""The account state behind payment scoring: shared by workers, kept across restarts,
idempotent per event id."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from saqbol.detectors.payments.features import FEATURES, online_features
from saqbol.services.payment_state import PaymentState, StateUnavailable

T0 = datetime(2026, 5, 1, 12, 0, tzinfo=UTC)
PAYER = "KZ86125KZT5004100100"


def event(n: int, minutes: int, amount: int = 10_000_00) -> dict[str, Any]:
    return {
        "event_id": f"e{n}",
        "time": T0 + timedelta(minutes=minutes),
        "payer_account": PAYER,
        "payee_type": "card",
        "payee": "4400430212345679",
        "payee_account": None,
        "payee_country": "KZ",
        "amount": amount,
        "currency": "KZT",
        "remote_access": False,
        "on_call": False,
        "new_device": False,
        "sim_changed": False,
    }


def record(state: PaymentState, ev: dict[str, Any]) -> tuple[dict[str, float], bool]:
    t_ms = int(ev["time"].timestamp() * 1000)
    stored, duplicate = state.record_payment(
        ev, t_ms, lambda history, _: {"f": online_features(ev, t_ms, history)}
    )
    return dict(zip(FEATURES, stored["f"], strict=True)), duplicate


def test_history_survives_a_restart(tmp_path: Path) -> None:
    path = tmp_path / "state.db"
    first = PaymentState(path)
    record(first, event(1, 0))
    record(first, event(2, 10))
    first.close()
    again = PaymentState(path)
    features, _ = record(again, event(3, 20))
    assert features["out_n_1h"] == 3
    assert features["payee_new"] == 0
    again.close()


def test_two_workers_on_one_file_see_each_others_payments(tmp_path: Path) -> None:
    a, b = PaymentState(tmp_path / "s.db"), PaymentState(tmp_path / "s.db")
    record(a, event(1, 0))
    record(b, event(2, 1))
    features, _ = record(a, event(3, 2))
    assert features["out_n_1h"] == 3
    assert features["to_payee_n_24h"] == 3
    a.close()
    b.close()


def test_a_repeated_event_id_is_counted_once_even_from_another_worker(tmp_path: Path) -> None:
    a, b = PaymentState(tmp_path / "s.db"), PaymentState(tmp_path / "s.db")
    first, duplicate = record(a, event(1, 0))
    again, repeated = record(b, event(1, 0, amount=1))
    assert (duplicate, repeated) == (False, True)
    assert again == pytest.approx(first, nan_ok=True)
    features, _ = record(a, event(2, 1))
    assert features["out_n_1h"] == 2  # e1 once, and this one
    a.close()
    b.close()


def test_an_unusable_path_says_the_store_is_unavailable(tmp_path: Path) -> None:
    with pytest.raises(StateUnavailable):
        PaymentState(tmp_path / "missing-dir" / "state.db")
