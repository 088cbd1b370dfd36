"""The transfer table the drop detector reads: column maps, bad rows, currencies, times."""

from __future__ import annotations

from datetime import UTC, datetime

import polars as pl
import pytest

from saqbol.detectors.mules.transfers import (
    ColumnMapError,
    from_payments,
    from_table,
    parse_column_map,
)
from saqbol.rules import load_mule_rules

RATES = load_mule_rules().rates


def export(**overrides: list) -> pl.DataFrame:
    base = {
        "id": ["a", "b"],
        "from": ["ACC1", "ACC2"],
        "to": ["ACC2", "ACC3"],
        "sum": ["1000", "250.5"],
        "ts": ["2026-03-01 10:00:00", "2026-03-01T11:30:00"],
    }
    return pl.DataFrame(base | overrides)


MAP = {"src": "from", "dst": "to", "amount": "sum", "time": "ts", "event_id": "id"}


def test_column_map_is_parsed_and_checked() -> None:
    assert parse_column_map("src=from, dst=to,amount=sum,time=ts") == {
        "src": "from", "dst": "to", "amount": "sum", "time": "ts",
    }  # fmt: skip
    with pytest.raises(ColumnMapError, match="unknown name 'sender'"):
        parse_column_map("sender=from")
    with pytest.raises(ColumnMapError, match="not NAME=COLUMN"):
        parse_column_map("src")


def test_a_missing_column_is_named() -> None:
    with pytest.raises(ColumnMapError, match="amount -> 'total' is not a column"):
        from_table(export(), MAP | {"amount": "total"}, RATES)


def test_good_rows_are_read_with_their_times() -> None:
    got = from_table(export(), MAP, RATES)
    assert got.dropped == {}
    t = got.transfers
    assert t["src"].to_list() == ["ACC1", "ACC2"]
    assert t["amount"].to_list() == [1000.0, 250.5]
    assert t["time"].to_list() == [
        datetime(2026, 3, 1, 10, tzinfo=UTC),
        datetime(2026, 3, 1, 11, 30, tzinfo=UTC),
    ]
    assert t["dst_kind"].to_list() == ["account", "account"]


@pytest.mark.parametrize(
    ("override", "rule"),
    [
        ({"from": ["ACC1", "ACC3"]}, "self_transfer"),
        ({"sum": ["1000", "0"]}, "non_positive_amount"),
        ({"sum": ["1000", "-5"]}, "non_positive_amount"),
        ({"sum": ["1000", ""]}, "missing_amount"),
        ({"ts": ["2026-03-01 10:00:00", None]}, "missing_time"),
        ({"ts": ["2026-03-01 10:00:00", "yesterday"]}, "bad_time"),
        ({"to": ["ACC2", " "]}, "missing_dst"),
        ({"id": ["a", "a"]}, "duplicate_event_id"),
    ],
)
def test_each_bad_row_rule_drops_and_counts(override: dict, rule: str) -> None:
    got = from_table(export(**override), MAP, RATES)
    assert got.dropped == {rule: 1}
    assert got.transfers.height == 1
    assert got.transfers["event_id"].to_list() == ["a"]  # the good (first) row stays


def test_currencies_convert_or_drop() -> None:
    table = export(cur=["USD", "XYZ"])
    got = from_table(table, MAP | {"currency": "cur"}, RATES)
    assert got.dropped == {"unknown_currency": 1}
    assert got.transfers["amount"].to_list() == [1000.0 * RATES["USD"]]


def test_numeric_times_in_days_read_simulation_steps() -> None:
    table = pl.DataFrame({"s": [1, 2], "d": [2, 3], "a": [5.0, 6.0], "step": [0, 3]})
    got = from_table(table, {"src": "s", "dst": "d", "amount": "a", "time": "step"}, RATES,
                     time_unit="day")  # fmt: skip
    assert got.transfers["time"].to_list() == [
        datetime(1970, 1, 1, tzinfo=UTC),
        datetime(1970, 1, 4, tzinfo=UTC),
    ]
    assert got.transfers["src"].to_list() == ["1", "2"]
    assert got.transfers["event_id"].to_list() == ["0", "1"]  # row numbers when none given


def test_payments_map_payees_to_accounts_or_sinks() -> None:
    t = datetime(2026, 1, 5, 12, tzinfo=UTC)
    payments = pl.DataFrame(
        {
            "event_id": ["p1", "p2", "p3", "p4", "p5"],
            "time": [t] * 5,
            "payer_account": ["KZ1"] * 5,
            "payee_type": ["card", "crypto", "iban", "merchant", "card"],
            "payee": ["4400", "BINANCE", "GE29TB", "M-17", "5500"],
            "payee_account": ["KZ2", None, None, None, None],
            "payee_country": ["KZ", None, "GE", "KZ", "KZ"],
            "amount": [100_00, 200_00, 300_00, 400_00, 500_00],
            "currency": ["KZT"] * 5,
            "channel": ["app", "app", "app", "pos", "atm"],
            "device_id": ["d"] * 5,
            "ip": ["1.2.3.4"] * 5,
        }
    )
    got = from_payments(payments, RATES).transfers
    assert got["dst"].to_list() == ["KZ2", "BINANCE", "GE29TB", "M-17", "5500"]
    assert got["dst_kind"].to_list() == ["account", "crypto", "abroad", "merchant", "cash"]
    assert got["amount"].to_list() == [100.0, 200.0, 300.0, 400.0, 500.0]  # tiyn -> tenge
