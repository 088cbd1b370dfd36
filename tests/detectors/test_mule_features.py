"""Drop features and money tracing on small graphs whose answers can be worked out by hand."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import numpy as np
import polars as pl
import pytest

from saqbol.detectors.mules.features import account_features
from saqbol.detectors.mules.graph import TransferGraph, build_graph
from saqbol.detectors.mules.trace import find_edge, trace_account, trace_payment
from saqbol.detectors.mules.transfers import TRANSFER_SCHEMA

T0 = datetime(2026, 3, 2, 9, tzinfo=UTC)


def graph(rows: list[tuple]) -> TransferGraph:
    """rows: (src, dst, hours after T0, tenge[, dst_kind[, device]])."""
    data = []
    for i, row in enumerate(rows):
        src, dst, hours, amount, *rest = row
        kind = rest[0] if rest else "account"
        device = rest[1] if len(rest) > 1 else None
        data.append((f"e{i}", src, dst, T0 + timedelta(hours=hours), float(amount), kind,
                     device, None))  # fmt: skip
    frame = pl.DataFrame(data, schema=TRANSFER_SCHEMA, orient="row")
    return build_graph(frame)


def feats(g: TransferGraph, reported: set[str] = frozenset()) -> dict[str, dict]:
    mask = np.array([a in reported for a in g.accounts.to_list()])
    return {r["account_id"]: r for r in account_features(g, mask).iter_rows(named=True)}


@pytest.fixture(scope="module")
def drop() -> TransferGraph:
    """Five strangers pay M 100,000 each; M passes 90% to crypto and abroad within hours."""
    victims = [(f"V{i}", "M", i, 100_000) for i in range(5)]
    out = [("M", "BINANCE", 5, 250_000, "crypto"), ("M", "GE-IBAN", 6, 200_000, "abroad")]
    family = [("V0", "V1", 30, 5_000), ("V1", "V0", 40, 5_000)]
    return graph(victims + out + family)


def test_a_drop_looks_like_one(drop: TransferGraph) -> None:
    m = feats(drop)["M"]
    assert (m["n_in"], m["n_out"], m["n_payers"], m["n_payees"]) == (5, 2, 5, 2)
    assert m["in_amount"] == 500_000 and m["out_amount"] == 450_000
    assert m["kept_share"] == pytest.approx(0.1)
    assert m["one_off_payer_share"] == 1.0
    assert m["fast_out_share"] == pytest.approx(0.9)
    assert m["cash_out_share"] == 1.0
    # receipts at 0..4 h, next payment out at 5 h: holds 5, 4, 3, 2, 1 h
    assert m["hold_median_h"] == 3.0
    assert m["relay_share"] == pytest.approx(1.0)  # both payments within 72 h, 10%..105%
    assert m["burst_share"] == 1.0 and m["active_days"] == 1


def test_family_money_is_mutual_and_not_one_off(drop: TransferGraph) -> None:
    f = feats(drop)
    assert f["V0"]["mutual_share"] == pytest.approx(1 / 2)  # V1 both ways, M only one way
    assert f["V1"]["one_off_payer_share"] == 0.0  # V0 also received from V1
    assert np.isnan(f["V2"]["hold_median_h"])  # never received anything


def test_reported_accounts_and_their_counterparties(drop: TransferGraph) -> None:
    f = feats(drop, reported={"M"})
    assert f["M"]["reported"] == 1
    assert [f[f"V{i}"]["reported_counterparties"] for i in range(5)] == [1] * 5
    assert f["V0"]["reported"] == 0


def test_relay_chain_counts_quick_hops_through_accounts() -> None:
    g = graph([("A", "B", 0, 100_000), ("B", "C", 2, 95_000), ("C", "D", 4, 90_000),
               ("D", "E", 6, 85_000), ("B", "SHOP", 3, 1_000, "merchant")])  # fmt: skip
    f = feats(g)
    assert [f[a]["relay_chain"] for a in "ABCDE"] == [4, 4, 4, 4, 0]


def test_relay_needs_ten_to_105_percent_within_72_hours() -> None:
    g = graph([
        ("A", "B", 0, 100_000),
        ("B", "C", 1, 9_999),  # below 10% of what came in
        ("B", "D", 72, 10_000),  # exactly 72 h later and exactly 10%
        ("X", "Y", 0, 100_000),
        ("Y", "Z", 72.001, 50_000),  # too late
        ("P", "Q", 0, 100_000),
        ("Q", "R", 1, 105_001),  # more than came in
    ])  # fmt: skip
    f = feats(g)
    assert f["B"]["relay_share"] == pytest.approx(10_000 / 19_999)
    assert f["Y"]["relay_share"] == 0.0
    assert f["Q"]["relay_share"] == 0.0


def test_temporal_cycles() -> None:
    g = graph([("A", "B", 0, 100_000), ("B", "C", 1, 95_000), ("C", "A", 2, 90_000),
               ("X", "Y", 0, 50_000), ("Y", "X", 1, 50_000),
               ("P", "Q", 1, 50_000), ("Q", "P", 80, 50_000),  # too slow to be a relay
               ("R", "S", 1, 50_000), ("S", "R", 2, 1_000)])  # fmt: skip
    f = feats(g)
    assert [f[a]["cycle_len"] for a in "ABC"] == [3, 3, 3]
    assert (f["X"]["cycle_len"], f["Y"]["cycle_len"]) == (2, 2)
    assert (f["P"]["cycle_len"], f["Q"]["cycle_len"]) == (0, 0)
    assert (f["R"]["cycle_len"], f["S"]["cycle_len"]) == (0, 0)  # 2% back is not a relay


def test_one_device_for_many_accounts() -> None:
    g = graph([(f"M{i}", "X", i, 1_000, "account", "dev-1") for i in range(4)]
              + [("N", "X", 1, 1_000, "account", "dev-2")])  # fmt: skip
    f = feats(g)
    assert [f[f"M{i}"]["device_accounts"] for i in range(4)] == [4] * 4
    assert f["N"]["device_accounts"] == 1
    assert f["X"]["device_accounts"] == 0


def test_same_second_receipt_counts_as_before() -> None:
    g = graph([("A", "B", 0, 100_000), ("B", "C", 0, 90_000)])
    assert feats(g)["B"]["fast_out_share"] == pytest.approx(0.9)


# --- tracing


def test_trace_follows_tainted_money_first_out() -> None:
    g = graph([
        ("N", "M", -5, 1_000_000),  # M had money before the victim's payment
        ("V", "M", 0, 100_000),  # the victim's payment
        ("M", "S", -1, 700_000),  # before: not the victim's money
        ("M", "N2", 1, 40_000),
        ("M", "OKX", 2, 50_000, "crypto"),
        ("M", "X", 3, 30_000),  # only 10,000 of it is the victim's
        ("M", "Y", 4, 20_000),  # nothing left to attribute
        ("N2", "SHOP", 5, 15_000, "merchant"),
    ])  # fmt: skip
    tr = trace_payment(g, find_edge(g, "e1"), hops=5)
    assert tr.start_amount == 100_000
    traced = {(h.src, h.dst): h.traced for h in tr.hops[1:]}
    assert traced == {("M", "N2"): 40_000, ("M", "OKX"): 50_000, ("M", "X"): 10_000,
                      ("N2", "SHOP"): 15_000}  # fmt: skip
    holders = {(h.account, h.status): h.amount for h in tr.holders}
    assert holders == {("N2", "held"): 25_000, ("OKX", "cash_out"): 50_000,
                       ("X", "held"): 10_000, ("SHOP", "spent"): 15_000}  # fmt: skip
    assert sum(holders.values()) == pytest.approx(100_000)  # nothing created or lost
    assert {h.account for h in tr.freezable()} == {"N2", "X"}


def test_a_payment_carries_traced_money_only_once() -> None:
    g = graph([("V1", "M", 0, 60_000), ("V2", "M", 1, 60_000), ("M", "K", 2, 100_000)])
    tr = trace_account(g, g.code("M"), int(T0.timestamp()), 120_000, hops=2)
    holders = {(h.account, h.status): h.amount for h in tr.holders}
    assert holders == {("K", "held"): 100_000, ("M", "held"): 20_000}


def test_hops_and_horizon_stop_the_trace() -> None:
    chain = [("V", "A", 0, 100_000), ("A", "B", 1, 100_000), ("B", "C", 2, 100_000),
             ("C", "D", 3, 100_000), ("D", "E", 24 * 40, 100_000)]  # fmt: skip
    g = graph(chain)
    short = trace_payment(g, find_edge(g, "e0"), hops=2)
    assert [(h.account, h.status) for h in short.holders] == [("C", "not_followed")]
    late = trace_payment(g, find_edge(g, "e0"), hops=10, horizon_days=30)
    assert [(h.account, h.status) for h in late.holders] == [("D", "held")]
    assert find_edge(g, "nope") is None
