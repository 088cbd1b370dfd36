"""The Spark drop features must equal the numpy ones, account by account, column by column.

One ``local[2]`` session for the module (skipped without pyspark or Java). A hand-built graph
puts every edge case of the definitions in ``detectors/mules/features.py`` in one table; a
synthetic bank checks the same on realistic traffic.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import numpy as np
import polars as pl
import pytest

pytest.importorskip("pyspark", reason="the Spark path needs pyspark")
if shutil.which("java") is None:
    pytest.skip("the Spark path needs Java (no `java` on PATH)", allow_module_level=True)

from pyspark.sql import SparkSession

from saqbol.detectors.mules.features import (
    BURST_S,
    FAST_S,
    FEATURES,
    RELAY_S,
    account_features,
)
from saqbol.detectors.mules.graph import build_graph
from saqbol.detectors.mules.transfers import TRANSFER_SCHEMA, from_payments
from saqbol.spark.mules import (
    account_features_parquet,
    account_features_spark,
    features_to_polars,
    write_transfers_parquet,
)
from saqbol.spark.session import local_session
from saqbol.synth.payments import generate_payments

RATES = {"KZT": 1.0, "USD": 500.0, "EUR": 540.0, "RUB": 5.5, "CNY": 70.0, "USDT": 500.0}
T0 = datetime(2026, 1, 1, tzinfo=UTC)


@pytest.fixture(scope="module")
def spark() -> Iterator[SparkSession]:
    session = local_session("local[2]", "saqbol-tests", shuffle_partitions=2)
    yield session
    session.stop()


def hand_built() -> pl.DataFrame:
    """Every rule's edge in one small table (times in seconds after T0, fractions floored)."""
    rows: list[dict[str, Any]] = []

    def tx(
        src: str, dst: str, t: float, amount: float, kind: str = "account",
        device: str | None = None, ip: str | None = None,
    ) -> None:  # fmt: skip
        rows.append({
            "event_id": f"E{len(rows):03d}", "src": src, "dst": dst,
            "time": T0 + timedelta(seconds=t), "amount": amount, "dst_kind": kind,
            "device_id": device, "ip": ip,
        })  # fmt: skip

    # ties in one second: two receipts (the later input row listed first) and a payment
    tx("v2", "tie", 1000.7, 500.0, device="dev-shared", ip="10.0.0.1")
    tx("v1", "tie", 1000.2, 1000.0, device="dev-shared")
    tx("tie", "tie_next", 1000.9, 1400.0)
    # the 72 h relay window: exactly 72 h (relayed), one second more (not), fractions floored
    tx("v3", "w72", 10_000, 1000.0)
    tx("w72", "w72_next", 10_000 + RELAY_S, 1000.0)
    tx("v3", "w73", 20_000, 1000.0)
    tx("w73", "w73_next", 20_000 + RELAY_S + 1, 1000.0)
    tx("v3", "wfrac", 30_000.9, 1000.0)
    tx("wfrac", "w72_next", 30_000 + RELAY_S + 0.1, 1000.0)
    # the window's start: a receipt exactly 72 h back counts, one second more does not
    tx("v4", "win_in", 40_000, 1000.0)
    tx("v4", "win_in", 40_000 + RELAY_S - 10, 50.0)
    tx("win_in", "v4", 40_000 + RELAY_S, 1070.0)
    tx("v4", "win_out", 41_000, 1000.0)
    tx("v4", "win_out", 41_000 + RELAY_S - 9, 50.0)
    tx("win_out", "v4", 41_000 + RELAY_S + 1, 1070.0)
    # exactly 10 % and 105 % (relayed), just outside both (not)
    tx("v5", "pct", 50_000, 1000.0)
    tx("pct", "sink", 50_100, 100.0)
    tx("pct", "sink", 50_200, 1050.0)
    tx("v5", "pct_out", 50_000, 1000.0)
    tx("pct_out", "sink", 50_100, 99.99)
    tx("pct_out", "sink", 50_200, 1050.01)
    # a 2-cycle and a 3-cycle of relays; the 3-cycle then pays on
    tx("v6", "c1", 60_000, 5000.0)
    tx("c1", "c2", 61_000, 4900.0)
    tx("c2", "c1", 62_000, 4800.0)
    tx("v6", "d1", 70_000, 3000.0)
    tx("d1", "d2", 70_100, 2900.0)
    tx("d2", "d3", 70_200, 2800.0)
    tx("d3", "d1", 70_300, 2700.0)
    tx("d1", "d4", 70_400, 2600.0)
    # parents that point at each other (two relays in one second): chains hit the DEPTH cap
    tx("v7", "s1", 80_000, 1000.0)
    tx("s1", "s2", 80_010, 950.0)
    tx("s2", "s1", 80_010, 940.0)
    # a chain longer than DEPTH
    tx("v8", "l0", 90_000, 10_000.0)
    for i in range(9):
        tx(f"l{i}", f"l{i + 1}", 90_060 + 60 * i, 9_900.0 - 100 * i)
    # fan-in: three one-off payers, one paying twice, one mutual; cash-outs to every sink
    tx("p1", "fan", 100_000, 30_000.0, device="dev-shared", ip="10.0.0.1")
    tx("p2", "fan", 100_100, 20_000.0, device="dev-shared")
    tx("p3", "fan", 100_200, 25_000.55, device="dev-shared", ip="10.0.0.3")
    tx("p4", "fan", 100_300, 10_000.0, ip="10.0.0.1")
    tx("p4", "fan", 100_400, 10_000.0, ip="10.0.0.1")
    tx("p5", "fan", 100_500, 5_000.0, device="")
    tx("fan", "p5", 100_600, 1_000.0)
    tx("fan", "wallet-1", 100_700, 40_000.0, "crypto")
    tx("fan", "TR000111", 100_800, 30_000.0, "abroad")
    tx("fan", "atm-7", 100_900, 20_000.0, "cash")
    tx("fan", "MCC5411-1", 101_000, 3_000.33, "merchant")
    # fast out: exactly 24 h after the latest receipt (fast) and one second more (not)
    tx("v9", "slow", 110_000, 2000.0)
    tx("slow", "sink", 110_000 + FAST_S, 500.0)
    tx("slow", "sink", 110_000 + FAST_S + 1, 500.0)
    # activity: 7 days apart exactly (two windows), days and gaps, a payer with no receipts
    tx("burst", "sink", 200_000, 10.0)
    tx("burst", "sink", 200_000 + BURST_S - 1, 10.0)
    tx("burst", "sink", 200_000 + BURST_S, 10.0)
    tx("burst", "sink", 200_000 + 3 * BURST_S, 10.0)
    # hold times: two receipts then one payment (an even count: the median averages)
    tx("v10", "hold", 300_000, 100.0)
    tx("v10", "hold", 303_600, 100.0)
    tx("hold", "MCC5411-1", 310_800, 150.0, "merchant")
    # an account that only receives
    tx("v10", "only_in", 320_000, 77.7)
    return pl.DataFrame(rows).cast(TRANSFER_SCHEMA)  # type: ignore[arg-type]


def numpy_features(transfers: pl.DataFrame, reported: list[str] | None) -> pl.DataFrame:
    graph = build_graph(transfers)
    mask = None if reported is None else graph.accounts.is_in(reported).to_numpy()
    return account_features(graph, mask)


def assert_same(expected: pl.DataFrame, got: pl.DataFrame) -> None:
    """Same accounts, dtypes, integers; floats to 1e-9; NaN in the same places."""
    assert got.columns == expected.columns
    assert got.schema == expected.schema
    assert got["account_id"].to_list() == expected["account_id"].to_list()
    for name in FEATURES:
        want, have = expected[name].to_numpy(), got[name].to_numpy()
        if expected[name].dtype == pl.Int64:
            bad = np.flatnonzero(want != have)
        else:
            same_nan = np.isnan(want) == np.isnan(have)
            close = np.isclose(want, have, rtol=1e-9, atol=1e-9) | np.isnan(want)
            bad = np.flatnonzero(~(same_nan & close))
        ids = expected["account_id"].to_numpy()[bad[:5]]
        assert not len(bad), (
            f"{name}: {len(bad)} differ, e.g. {ids}: {want[bad[:5]]} vs {have[bad[:5]]}"
        )


def test_hand_built_graph(spark: SparkSession, tmp_path: Path) -> None:
    transfers = hand_built()
    reported = ["fan", "c2", "not-in-the-graph"]
    expected = numpy_features(transfers, reported)
    path = write_transfers_parquet(transfers, tmp_path / "transfers.parquet")
    frame = spark.read.parquet(str(path))
    rep = spark.createDataFrame([(a,) for a in reported], "account_id string")
    got = features_to_polars(account_features_spark(frame, rep))
    assert_same(expected, got)

    # the table does exercise what it claims (numpy's reading of the rules)
    f = {r["account_id"]: r for r in expected.iter_rows(named=True)}
    assert f["tie"]["relay_share"] == 1.0  # its parent: the later input row of the second
    assert f["v1"]["relay_chain"] == 2 and f["v2"]["relay_chain"] == 1
    assert f["w72"]["relay_share"] == 1.0 and f["w73"]["relay_share"] == 0.0
    assert f["wfrac"]["relay_share"] == 1.0
    assert f["win_in"]["relay_share"] == 1.0 and f["win_out"]["relay_share"] == 0.0
    assert f["pct"]["relay_share"] == 1.0 and f["pct_out"]["relay_share"] == 0.0
    assert f["c1"]["cycle_len"] == f["c2"]["cycle_len"] == 2
    assert f["d1"]["cycle_len"] == f["d2"]["cycle_len"] == f["d3"]["cycle_len"] == 3
    assert f["d4"]["cycle_len"] == 0 and f["v6"]["relay_chain"] == 5
    assert f["s1"]["relay_chain"] == 13  # DEPTH up + DEPTH down + itself
    assert f["l4"]["relay_chain"] == 10 and f["l0"]["relay_chain"] == 8
    assert f["fan"]["one_off_payer_share"] == pytest.approx(3 / 5)
    assert f["fan"]["mutual_share"] == pytest.approx(1 / 9)
    assert f["p1"]["device_accounts"] == 5.0 and f["p4"]["ip_accounts"] == 3.0
    assert f["fan"]["reported"] == 1 and f["p5"]["reported_counterparties"] == 1
    assert f["slow"]["fast_out_share"] == 0.25
    assert f["burst"]["burst_share"] == 0.5
    assert f["hold"]["hold_median_h"] == 2.5
    assert np.isnan(f["only_in"]["relay_share"]) and f["only_in"]["kept_share"] == 1.0


def test_synthetic_bank(spark: SparkSession, tmp_path: Path) -> None:
    generate_payments(seed=3, customers=300, days=20, out_dir=tmp_path)
    payments = pl.read_parquet(tmp_path / "payments.parquet")
    transfers = from_payments(payments, RATES).transfers
    accounts = pl.concat([transfers["src"], transfers["dst"]]).unique().sort()
    reported = accounts.gather_every(17).to_list()
    expected = numpy_features(transfers, reported)
    assert expected.height > 500 and (expected["relay_chain"] > 3).any()
    path = write_transfers_parquet(transfers, tmp_path / "transfers.parquet")
    assert_same(expected, account_features_parquet(spark, str(path), reported))


def test_row_is_required(spark: SparkSession, tmp_path: Path) -> None:
    transfers = hand_built()
    path = tmp_path / "no_row.parquet"
    transfers.write_parquet(path)
    with pytest.raises(ValueError, match="no 'row' column"):
        account_features_parquet(spark, str(path), None)
    with pytest.raises(ValueError, match=r"missing column.*row"):
        account_features_spark(spark.read.parquet(str(path)))
