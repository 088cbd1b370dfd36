"""Drop features on Apache Spark: the numbers of ``detectors.mules.features``, at any size.

The features are defined once, in words, in ``saqbol.detectors.mules.features``; this is the
second computation of the same definitions for banks whose transfers do not fit one machine.
Nothing here collects the transfers to the driver; only the one-row-per-account result is
ever brought back (``features_to_polars``).

How each part maps onto Spark:

- Every transfer is seen from both of its ends (a payment of ``src``, a receipt of ``dst``),
  one stream partitioned by account and ordered by second. Window frames that start at the
  beginning of the account's history (incremental in Spark, never quadratic in a busy
  account) give the latest receipt up to the same second (the parent, ties to the later
  input row), the tenge received in the 72 h window (a difference of exact decimal running
  sums), the next payment after each receipt, and the count of transfers in 7 days.
- Counterparty, device and IP features are ``groupBy`` + joins over distinct pairs.
- Chains and cycles walk every relay ``DEPTH`` parents up: one join of the frontier with the
  relays per step, on the parent's input row, each step checkpointed so that the plan stays
  short. Both of numpy's loops (``DEPTH`` steps up and down, the cycle search) are read off
  that one walk (``_walk``).

Floats follow numpy's formulas (sum, then divide); sums are taken in another order, so the
last bits may differ (the tests allow 1e-9). Comparisons that decide a relay use an exact
72 h sum, which is what numpy computes whenever its running sums are exact (whole tenge).
"""

from __future__ import annotations

from pathlib import Path
from typing import Final

import polars as pl
from pyspark.sql import Column, DataFrame, SparkSession, Window
from pyspark.sql import functions as F

from saqbol.detectors.mules.features import (
    BURST_S,
    DEPTH,
    FAST_S,
    FEATURES,
    RELAY_MAX,
    RELAY_MIN,
    RELAY_S,
)
from saqbol.detectors.mules.transfers import CASH_OUT_KINDS, TRANSFER_SCHEMA

COLUMNS: Final = (*TRANSFER_SCHEMA, "row")
DAY_S: Final = 86_400
HOUR_S: Final = 3_600
EXACT_SUM: Final = "decimal(38,6)"
"""Receipts are summed to the micro-tenge, exactly, so that the 72 h window is a difference of
running sums with no rounding in it (tiyn amounts times the indicative rates need 3 places)."""
PAYMENT, RECEIPT = 1, 0
INT_FEATURES: Final = frozenset(
    {
        "n_in", "n_out", "n_payers", "n_payees", "active_days", "reported",
        "reported_counterparties", "relay_chain", "cycle_len",
    }
)  # fmt: skip


def account_features_spark(transfers: DataFrame, reported: DataFrame | None = None) -> DataFrame:
    """One row per account (unordered): ``account_id`` and ``FEATURES``, as the numpy path.

    ``transfers`` has the ``TRANSFER_SCHEMA`` columns plus ``row`` (long, the row's index in
    the input table: it breaks ties in time the way the numpy path does). ``reported`` has one
    column ``account_id``. Runs a few eager jobs (checkpoints of the window stage and of the
    chain steps); the returned frame is lazy.
    """
    edges = _edges(transfers)
    t0 = edges.agg(F.min("ts")).first()[0] or 0
    stream = _account_stream(edges, t0).localCheckpoint(eager=True)
    relays = (
        stream.where(F.col("parent").isNotNull())
        .select("row", F.col("acct").alias("src"), F.col("other").alias("dst"), "parent",
                "parent_src")
        .localCheckpoint(eager=True)
    )  # fmt: skip
    walk = _walk(relays)
    rep = None
    if reported is not None:
        rep = (
            reported.select(F.col("account_id").cast("string").alias("acct"))
            .where(F.col("acct").isNotNull())
            .distinct()
        )
    parts = [
        _local_aggregates(stream, t0),
        _counterparties(edges, rep),
        _shared(edges, "device_id", "device_accounts"),
        _shared(edges, "ip", "ip_accounts"),
        _relay_chain(walk),
        _cycles(walk),
    ]
    if rep is not None:
        parts.append(rep.withColumn("reported", F.lit(1)))
    frame = parts[0]
    for part in parts[1:]:
        frame = frame.join(part, "acct", "left")
    return frame.select(F.col("acct").alias("account_id"), *_finish(frame.columns))


def features_to_polars(df: DataFrame) -> pl.DataFrame:
    """The features on the driver, sorted by ``account_id`` like ``account_features``."""
    table = pl.DataFrame(df.select("account_id", *FEATURES).toArrow())
    return table.with_columns(
        pl.col("account_id").cast(pl.String),
        *(pl.col(c).cast(pl.Int64 if c in INT_FEATURES else pl.Float64) for c in FEATURES),
    ).sort("account_id")


def account_features_parquet(
    spark: SparkSession, transfers_path: str | Path, reported_ids: list[str] | None = None
) -> pl.DataFrame:
    """Features of a Parquet file of canonical transfers that carries the input ``row``."""
    transfers = spark.read.parquet(str(transfers_path))
    if "row" not in transfers.columns:
        raise ValueError(
            f"{transfers_path}: no 'row' column. The Spark path needs each transfer's row in "
            "the input table to break ties in time as the numpy path does, and a distributed "
            "read cannot recover it; write the table with write_transfers_parquet()"
        )
    reported = None
    if reported_ids is not None:
        reported = spark.createDataFrame([(a,) for a in reported_ids], "account_id string")
    return features_to_polars(account_features_spark(transfers, reported))


def write_transfers_parquet(transfers: pl.DataFrame, path: str | Path) -> Path:
    """A ``TRANSFER_SCHEMA`` table with its input ``row`` added, ready for the Spark path."""
    path = Path(path)
    transfers.select(list(TRANSFER_SCHEMA)).with_row_index("row").with_columns(
        pl.col("row").cast(pl.Int64)
    ).write_parquet(path)
    return path


def _edges(transfers: DataFrame) -> DataFrame:
    """The columns the features read; time as whole UTC seconds (floor, as the numpy path)."""
    missing = [c for c in COLUMNS if c not in transfers.columns]
    if missing:
        hint = (
            " ('row' is each transfer's index in the input table; a distributed read cannot "
            "recover it, so add it before the table is split: write_transfers_parquet())"
            if "row" in missing
            else ""
        )
        raise ValueError(f"transfers: missing column(s) {', '.join(missing)}{hint}")
    return transfers.select(
        F.col("row").cast("long"),
        F.col("src").cast("string"),
        F.col("dst").cast("string"),
        F.unix_seconds(F.col("time").cast("timestamp")).alias("ts"),
        F.col("amount").cast("double"),
        F.col("dst_kind").cast("string"),
        F.col("device_id").cast("string"),
        F.col("ip").cast("string"),
    )


def _account_stream(edges: DataFrame, t0: int) -> DataFrame:
    """Each transfer as a payment of ``src`` and a receipt of ``dst``, with the window facts."""
    common = ["ts", "row", "amount"]
    stream = edges.select(
        F.col("src").alias("acct"), F.col("dst").alias("other"), *common, "dst_kind",
        F.lit(PAYMENT).alias("kind"),
    ).unionByName(
        edges.select(
            F.col("dst").alias("acct"), F.col("src").alias("other"), *common,
            F.lit(None).cast("string").alias("dst_kind"), F.lit(RECEIPT).alias("kind"),
        )
    )  # fmt: skip
    by_time = Window.partitionBy("acct").orderBy("ts")
    start = Window.unboundedPreceding
    receipt = F.col("kind") == RECEIPT
    exact = F.when(receipt, F.col("amount").cast(EXACT_SUM))
    stream = stream.select(
        "*",
        # latest receipt up to the same second; ties in time: the later input row
        F.max(F.when(receipt, F.struct("ts", "row", "other")))
        .over(by_time.rangeBetween(start, 0)).alias("last_in"),
        F.sum(exact).over(by_time.rangeBetween(start, 0)).alias("in_upto"),
        F.sum(exact).over(by_time.rangeBetween(start, -RELAY_S - 1)).alias("in_before"),
        F.count(F.lit(1)).over(by_time.rangeBetween(start, -1)).alias("n_before"),
        F.count(F.lit(1)).over(by_time.rangeBetween(start, BURST_S - 1)).alias("n_to_burst_end"),
        F.lag("ts").over(by_time).alias("prev_ts"),
        F.min(F.when(~receipt, F.col("ts")))
        .over(Window.partitionBy("acct").orderBy(F.desc("ts")).rangeBetween(start, 0))
        .alias("next_out"),
    )  # fmt: skip
    has_in = F.col("last_in").isNotNull()
    gap = F.col("ts") - F.col("last_in.ts")
    recent_in = (F.col("in_upto") - F.coalesce("in_before", F.lit(0))).cast("double")
    amount = F.col("amount")
    relayed = (
        has_in
        & (gap <= RELAY_S)
        & (amount >= F.lit(RELAY_MIN) * recent_in)
        & (amount <= F.lit(RELAY_MAX) * recent_in)
    )
    day = F.floor((F.col("ts") - t0) / DAY_S)
    prev_day = F.floor((F.col("prev_ts") - t0) / DAY_S)
    return stream.select(
        "acct", "other", "kind", "ts", "row", "amount", "dst_kind",
        (has_in & (gap <= FAST_S)).alias("fast"),
        F.when(relayed & (F.col("kind") == PAYMENT), F.col("last_in.row")).alias("parent"),
        F.col("last_in.other").alias("parent_src"),  # who paid the parent in
        F.when(receipt, (F.col("next_out") - F.col("ts")).cast("double") / HOUR_S)
        .alias("hold_h"),
        (F.col("n_to_burst_end") - F.col("n_before")).alias("in_burst"),
        (F.col("ts") - F.col("prev_ts")).alias("gap_prev"),
        F.when(F.col("prev_ts").isNull() | (prev_day != day), 1).otherwise(0).alias("new_day"),
    )  # fmt: skip


def _local_aggregates(stream: DataFrame, t0: int) -> DataFrame:
    """Everything that needs only the account's own stream, in one pass per account.

    Sums that feed one ratio are taken in the same aggregate over the same rows, so a share
    that is whole (every tenge relayed) comes out exactly 1, as in numpy.
    """
    pay = F.col("kind") == PAYMENT
    receipt = ~pay
    amount = F.col("amount")
    zero = F.lit(0.0)

    def tenge(cond: Column) -> Column:
        return F.sum(F.when(cond, amount).otherwise(zero))

    return stream.groupBy("acct").agg(
        F.sum(receipt.cast("long")).alias("n_in"),
        F.sum(pay.cast("long")).alias("n_out"),
        tenge(receipt).alias("in_amount"),
        tenge(pay).alias("out_amount"),
        tenge(pay & F.col("dst_kind").isin(list(CASH_OUT_KINDS))).alias("cash_amount"),
        tenge(pay & (F.col("dst_kind") == "merchant")).alias("merchant_amount"),
        tenge(pay & F.col("fast")).alias("fast_amount"),
        tenge(pay & F.col("parent").isNotNull()).alias("relay_amount"),
        F.count("*").alias("n_events"),
        F.sum("new_day").cast("long").alias("active_days"),
        F.max("in_burst").alias("max_in_burst"),
        F.max("gap_prev").alias("max_gap_s"),
        ((F.min("ts") - t0).cast("double") / DAY_S).alias("first_seen_days"),
        F.sort_array(F.collect_list("hold_h")).alias("holds"),
        # a payment is a chain of one, of two with its parent; longer ones come from the walk
        F.max(F.when(pay, F.when(F.col("parent").isNotNull(), 2).otherwise(1))).alias(
            "short_chain"
        ),
    )


def _counterparties(edges: DataFrame, rep: DataFrame | None) -> DataFrame:
    """Payees, payers, one-off payers, mutual and reported counterparties per account.

    One ``groupBy`` over unordered pairs counts both directions at once (``fwd``: from the
    smaller id to the larger), so mutual pairs need no self-join; each pair then gives one
    row per side: the account, its counterparty, whether it paid it, how often it was paid.
    """
    lo, hi = F.least("src", "dst"), F.greatest("src", "dst")
    fwd = F.col("src") < F.col("dst")
    pairs = (
        edges.select(lo.alias("lo"), hi.alias("hi"), fwd.alias("fwd"))
        .groupBy("lo", "hi")
        .agg(F.sum(F.col("fwd").cast("long")).alias("n_fwd"),
             F.sum((~F.col("fwd")).cast("long")).alias("n_bwd"))
    )  # fmt: skip
    itself = F.col("lo") == F.col("hi")  # a self-transfer is its own reverse, as in numpy
    mutual = ((F.col("n_fwd") > 0) & (F.col("n_bwd") > 0)) | itself
    sides = pairs.select(
        F.col("lo").alias("acct"), F.col("hi").alias("cp"),
        ((F.col("n_fwd") > 0) | itself).alias("pays"), F.col("n_bwd").alias("paid_rows"),
        mutual.alias("mutual"),
    ).unionByName(
        pairs.where(~itself).select(
            F.col("hi").alias("acct"), F.col("lo").alias("cp"),
            (F.col("n_bwd") > 0).alias("pays"), F.col("n_fwd").alias("paid_rows"),
            mutual.alias("mutual"),
        )
    )  # fmt: skip
    counts = [
        F.sum(F.col("pays").cast("long")).alias("n_payees"),
        F.sum((F.col("paid_rows") > 0).cast("long")).alias("n_payers"),
        F.sum(F.col("mutual").cast("long")).alias("mutual_cp"),
        F.sum(((F.col("paid_rows") == 1) & ~F.col("mutual")).cast("long")).alias("one_off_payers"),
    ]
    if rep is not None:
        flagged = rep.select(F.col("acct").alias("cp"), F.lit(1).alias("cp_reported"))
        sides = sides.join(flagged, "cp", "left")
        counts.append(F.sum(F.coalesce("cp_reported", F.lit(0))).alias("reported_counterparties"))
    return sides.groupBy("acct").agg(*counts)


def _shared(edges: DataFrame, column: str, name: str) -> DataFrame:
    """The most payer accounts seen on one of the account's devices (or IPs)."""
    seen = (
        edges.where(F.col(column).isNotNull())
        .select(F.col(column).alias("code"), F.col("src").alias("acct"))
        .distinct()
    )
    per_code = seen.groupBy("code").agg(F.count("*").alias("n_accounts"))
    return (
        seen.join(per_code, "code")
        .groupBy("acct")
        .agg(F.max("n_accounts").cast("double").alias(name))
    )


def _walk(relays: DataFrame) -> DataFrame:
    """Every relay's ancestors, ``DEPTH`` parent steps up, one checkpointed join per step.

    A row is (start relay, step ``k``, the k-th ancestor ``anc`` and its payer, the payers on
    the way in ``path``, and ``next_anc``: the ancestor's own parent when it is a relay). It
    exists only while the links below it are relays, so the chain and cycle features of the
    numpy loops are read off it: ``anc`` has relays ``k`` deep below it, ``start`` has
    ``k + 1`` relays above it when ``anc`` is one too, and ``anc``'s payer receiving the start
    relay closes a cycle of ``k + 1``. Steps join the relays only: a payment knows its parent's
    payer from the window stage.
    """
    links = relays.select(
        F.col("row").alias("anc"),
        F.col("parent").alias("next_anc"),
        F.col("parent_src").alias("next_src"),
    )
    front = relays.select(
        F.col("row").alias("start"),
        F.col("dst").alias("target"),
        F.col("parent").alias("anc"),
        F.col("parent_src").alias("anc_src"),
        F.array("src").alias("path"),
    )
    steps = []
    for k in range(1, DEPTH + 1):
        step = front.join(links, "anc", "left").select(
            "start", "target", "anc", "anc_src", F.lit(k).alias("k"),
            F.concat("path", F.array("anc_src")).alias("path"), "next_anc", "next_src",
        )  # fmt: skip
        step = step.localCheckpoint(eager=True)
        steps.append(step.drop("next_src"))
        front = step.where(F.col("next_anc").isNotNull()).select(
            "start", "target", F.col("next_anc").alias("anc"),
            F.col("next_src").alias("anc_src"), "path",
        )  # fmt: skip
    walk = steps[0]
    for more in steps[1:]:
        walk = walk.unionByName(more)
    return walk


def _relay_chain(walk: DataFrame) -> DataFrame:
    """Longest relay chain through the account's payments that the walk sees (3 or more).

    As numpy's ``DEPTH`` iterations: at most ``DEPTH`` links up (the relay itself counts) and
    at most ``DEPTH`` down. Payments the walk never reaches have chains of 1 or 2
    (``short_chain`` of the local aggregates).
    """
    up = (
        walk.where(F.col("next_anc").isNotNull())
        .groupBy(F.col("start").alias("row"))
        .agg(
            F.least(F.max("k") + 1, F.lit(DEPTH)).alias("up"),
            F.first(F.col("path")[0]).alias("up_src"),
        )
    )
    down = walk.groupBy(F.col("anc").alias("row")).agg(
        F.max("k").alias("down"),
        F.first("anc_src").alias("down_src"),
        F.max(F.col("next_anc").isNotNull()).alias("relayed"),
    )
    relay_up = F.coalesce("up", F.when(F.col("relayed"), 1).otherwise(0))
    chain = relay_up + F.coalesce("down", F.lit(0)) + 1
    return (
        up.join(down, "row", "full")
        .groupBy(F.coalesce("up_src", "down_src").alias("acct"))
        .agg(F.max(chain).cast("long").alias("long_chain"))
    )


def _cycles(walk: DataFrame) -> DataFrame:
    """Shortest temporal relay cycle through each account (0 when none; see ``_walk``)."""
    return (
        walk.where(F.col("anc_src") == F.col("target"))
        .select(F.explode("path").alias("acct"), (F.col("k") + 1).alias("cycle_len"))
        .groupBy("acct")
        .agg(F.min("cycle_len").cast("long").alias("cycle_len"))
    )


def _ratio(num: Column, den: Column) -> Column:
    """num / den, NaN where den is not positive (numpy's ``_ratio``; never divides by 0)."""
    return F.coalesce(num.cast("double") / F.when(den > 0, den), F.lit(float("nan")))


def _not_above(x: Column, top: float) -> Column:
    """min(x, top) that keeps NaN (Spark orders NaN above every number)."""
    return F.when(F.isnan(x), x).otherwise(F.least(x, F.lit(top)))


def _finish(columns: list[str]) -> list[Column]:
    """The feature columns, in ``FEATURES`` order, from the joined parts."""

    def count(name: str) -> Column:
        return F.coalesce(F.col(name), F.lit(0)).cast("long") if name in columns else F.lit(0)

    n_payers, n_payees, mutual_cp = count("n_payers"), count("n_payees"), count("mutual_cp")
    in_amount, out_amount = F.col("in_amount"), F.col("out_amount")
    kept = _ratio(in_amount - out_amount, in_amount)
    holds = F.col("holds")
    n_holds = F.size(holds)
    lo = F.greatest(F.floor((n_holds - 1) / 2).cast("int") + 1, F.lit(1))  # 1-based
    hi = F.greatest(F.floor(n_holds / 2).cast("int") + 1, F.lit(1))
    median = (F.try_element_at(holds, lo) + F.try_element_at(holds, hi)) / 2.0
    values: dict[str, Column] = {
        "n_in": F.col("n_in"),
        "n_out": F.col("n_out"),
        "in_amount": in_amount,
        "out_amount": out_amount,
        "n_payers": n_payers,
        "n_payees": n_payees,
        "one_off_payer_share": _ratio(count("one_off_payers"), n_payers),
        "mutual_share": _ratio(mutual_cp, n_payees + n_payers - mutual_cp),
        "kept_share": F.when(F.isnan(kept), kept).otherwise(
            F.least(F.greatest(kept, F.lit(-1.0)), F.lit(1.0))
        ),
        "fast_out_share": _not_above(_ratio(F.col("fast_amount"), in_amount), 1.0),
        "hold_median_h": F.when(n_holds > 0, median).otherwise(F.lit(float("nan"))),
        "cash_out_share": _ratio(F.col("cash_amount"), out_amount),
        "merchant_share": _ratio(F.col("merchant_amount"), out_amount),
        "active_days": F.col("active_days"),
        "burst_share": _ratio(F.col("max_in_burst"), F.col("n_events")),
        "max_gap_days": F.coalesce(F.col("max_gap_s"), F.lit(0)).cast("double") / DAY_S,
        "first_seen_days": F.col("first_seen_days"),
        "device_accounts": F.coalesce(F.col("device_accounts"), F.lit(0.0)),
        "ip_accounts": F.coalesce(F.col("ip_accounts"), F.lit(0.0)),
        "reported": count("reported"),
        "reported_counterparties": count("reported_counterparties"),
        "relay_share": _ratio(F.col("relay_amount"), out_amount),
        "relay_chain": F.greatest(count("short_chain"), count("long_chain")),
        "cycle_len": count("cycle_len"),
    }
    return [
        values[name].cast("long" if name in INT_FEATURES else "double").alias(name)
        for name in FEATURES
    ]
