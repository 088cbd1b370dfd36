"""Per-account features of a payment, defined once and computed two ways.

The online path (``online_features``) reads a small ``History`` that the state store
aggregated from the events before this one; the batch path (``batch_features``) computes the
same numbers columnar over a whole file. For the same time-ordered stream both give the same
values, which ``tests/detectors/test_payment_parity.py`` checks event by event.

Definitions (every window is on event time in whole milliseconds, ``(t - W, t]``, and holds the
events that came before this one in the stream, plus this one where the name says so):

- ``out_*``: the payer's outgoing payments, this one included.
- ``hist_*_30d``: the payer's outgoing payments in the 30 days before, this one excluded: the
  payer's usual amounts.
- ``payee_new``: the payer has not paid this payee in the 30 days before.
- ``to_payee_*_24h``: the payer's payments to this payee, this one included.
- ``in_*``: money the payer's account received (payments whose ``payee_account`` is it);
  ``in_new_payers_24h`` counts those from a payer paying it for the first time in 30 days.
- ``payee_*_24h``: what this payee received, this one included; ``payee_new_payers_24h`` counts
  payers paying it for the first time in 30 days (many unrelated payers: a drop).
- ``loan_*``: the payer's last loan disbursed (a loan at the same millisecond as a payment
  counts as before it); ``loans_24h``/``lenders_24h`` count the loans (and distinct lenders)
  in the 24 hours up to that loan; ``out_since_loan`` sums the payer's payments since it.

A payee is keyed by ``payee_account`` when the payee's bank resolved it, else by
``payee_type:payee``.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Final

import numpy as np
import polars as pl

HOUR_MS: Final = 3_600_000
DAY_MS: Final = 24 * HOUR_MS
MONTH_MS: Final = 30 * DAY_MS
KZ_UTC_OFFSET_MS: Final = 5 * HOUR_MS  # Kazakhstan is UTC+5 all year since 2024

PERSON_PAYEES: Final = ("card", "iban", "phone")

# The model's inputs, in this order. Money in tenge (tiyn / 100); NaN where undefined.
FEATURES: Final = (
    "amount_kzt",
    "hour_local",
    "night",
    "remote_access",
    "on_call",
    "new_device",
    "sim_changed",
    "payee_person",
    "payee_crypto",
    "payee_foreign",
    "foreign_currency",
    "out_n_1h",
    "out_sum_1h",
    "out_n_24h",
    "out_sum_24h",
    "hist_n_30d",
    "hist_mean_30d",
    "amount_ratio",
    "payee_new",
    "to_payee_n_24h",
    "to_payee_sum_24h",
    "in_n_24h",
    "in_sum_24h",
    "in_sum_30d",
    "in_new_payers_24h",
    "out_in_ratio_24h",
    "drain_ratio_30d",
    "loan_age_h",
    "loan_amount",
    "loans_24h",
    "lenders_24h",
    "out_since_loan",
    "sent_on_ratio",
    "payee_n_24h",
    "payee_sum_24h",
    "payee_new_payers_24h",
)

NAN: Final = float("nan")


@dataclass(frozen=True, slots=True)
class History:
    """What the state store knows about the accounts of one payment, before it.

    Sums are tiyn. ``pair_last_ms`` is the payer's last payment to this payee (None: never
    within the store's memory). Loan fields are None when the payer never had a loan.
    """

    out_n_1h: int = 0
    out_sum_1h: int = 0
    out_n_24h: int = 0
    out_sum_24h: int = 0
    out_n_30d: int = 0
    out_sum_30d: int = 0
    in_n_24h: int = 0
    in_sum_24h: int = 0
    in_sum_30d: int = 0
    in_new_payers_24h: int = 0
    to_payee_n_24h: int = 0
    to_payee_sum_24h: int = 0
    payee_n_24h: int = 0
    payee_sum_24h: int = 0
    payee_new_payers_24h: int = 0
    pair_last_ms: int | None = None
    loan_ms: int | None = None
    loan_amount: int | None = None
    loans_24h: int = 0
    lenders_24h: int = 0
    out_since_loan: int = 0  # before this payment


def payee_key(payee_type: str, payee: str, payee_account: str | None) -> str:
    return payee_account if payee_account else f"{payee_type}:{payee}"


def is_first_payment(t_ms: int, pair_last_ms: int | None) -> bool:
    return pair_last_ms is None or t_ms - pair_last_ms >= MONTH_MS


def _ratio(num: float, den: float) -> float:
    return num / den if den > 0 else NAN


HISTORY_FROM: Final = FEATURES.index("out_n_1h")  # features from here on need the history


def online_features(event: Mapping[str, object], t_ms: int, history: History | None) -> list[float]:
    """The FEATURES of one payment (validated, amount in tiyn) given its ``History``; with no
    history (state store down) those that need it are NaN, which the model treats as missing."""
    if history is None:
        values = online_features(event, t_ms, History())
        return values[:HISTORY_FROM] + [NAN] * (len(FEATURES) - HISTORY_FROM)
    amount = int(event["amount"])  # type: ignore[call-overload]
    h = history
    first = is_first_payment(t_ms, h.pair_last_ms)
    out_sum_24h = h.out_sum_24h + amount
    hist_mean = h.out_sum_30d / h.out_n_30d if h.out_n_30d else NAN
    local_hour = ((t_ms + KZ_UTC_OFFSET_MS) // HOUR_MS) % 24
    if h.loan_ms is None or h.loan_amount is None:
        loan = [NAN, NAN, NAN, NAN, NAN, NAN]
    else:
        since = h.out_since_loan + amount
        loan = [
            (t_ms - h.loan_ms) / HOUR_MS,
            h.loan_amount / 100,
            float(h.loans_24h),
            float(h.lenders_24h),
            since / 100,
            _ratio(since, h.loan_amount),
        ]
    return [
        amount / 100,
        float(local_hour),
        float(local_hour < 6),
        float(bool(event["remote_access"])),
        float(bool(event["on_call"])),
        float(bool(event["new_device"])),
        float(bool(event["sim_changed"])),
        float(event["payee_type"] in PERSON_PAYEES),
        float(event["payee_type"] == "crypto"),
        float(event["payee_country"] != "KZ"),
        float(event["currency"] != "KZT"),
        float(h.out_n_1h + 1),
        (h.out_sum_1h + amount) / 100,
        float(h.out_n_24h + 1),
        out_sum_24h / 100,
        float(h.out_n_30d),
        hist_mean / 100,
        _ratio(amount, hist_mean),
        float(first),
        float(h.to_payee_n_24h + 1),
        (h.to_payee_sum_24h + amount) / 100,
        float(h.in_n_24h),
        h.in_sum_24h / 100,
        h.in_sum_30d / 100,
        float(h.in_new_payers_24h),
        _ratio(out_sum_24h, h.in_sum_24h),
        _ratio(out_sum_24h, h.in_sum_30d),
        *loan,
        float(h.payee_n_24h + 1),
        (h.payee_sum_24h + amount) / 100,
        float(h.payee_new_payers_24h + first),
    ]


# --- batch ---------------------------------------------------------------------------------


def _window(key: np.ndarray, values: np.ndarray, width: int, *, include_self: bool) -> np.ndarray:
    """Sum of ``values`` over rows of the same account with time in (t - width, t], up to this
    row (or just before it). ``key`` is account * span + time, sorted."""
    start = np.searchsorted(key, key - width + 1, side="left")
    csum = np.concatenate(([0], np.cumsum(values, dtype=np.int64)))
    end = np.arange(1, len(key) + 1) if include_self else np.arange(len(key))
    return csum[end] - csum[start]


def _loan_stacks(loans: pl.DataFrame) -> pl.DataFrame:
    """Per loan: loans and distinct lenders of its borrower in the 24 hours up to it."""
    numbered = loans.select(
        "borrower_account",
        "lender",
        t=pl.col("time").dt.epoch("ms"),
        loan_seq=pl.int_range(pl.len()),
    )
    pairs = numbered.join(numbered, on="borrower_account", suffix="_prior").filter(
        (pl.col("loan_seq_prior") <= pl.col("loan_seq"))
        & (pl.col("t_prior") > pl.col("t") - DAY_MS)
        & (pl.col("t_prior") <= pl.col("t"))
    )
    return (
        pairs.group_by("loan_seq")
        .agg(loans_24h=pl.len(), lenders_24h=pl.col("lender_prior").n_unique())
        .sort("loan_seq")
    )


def batch_features(payments: pl.DataFrame, loans: pl.DataFrame) -> np.ndarray:
    """FEATURES for every payment, as a float64 matrix in the payments' row order.

    ``payments`` must be sorted by time (ties in stream order) with unique event ids; ``loans``
    sorted by time.
    """
    n = payments.height
    pay = payments.select(
        t=pl.col("time").dt.epoch("ms"),
        payer=pl.col("payer_account"),
        payee=pl.coalesce(
            pl.col("payee_account"), pl.concat_str(["payee_type", pl.lit(":"), "payee"])
        ),
        amount=pl.col("amount"),
    ).with_columns(
        first=(
            pl.col("t").shift(1).over(["payer", "payee"]).is_null()
            | (pl.col("t") - pl.col("t").shift(1).over(["payer", "payee"]) >= MONTH_MS)
        ),
        idx=pl.int_range(pl.len(), dtype=pl.Int64),
    )
    stacks = _loan_stacks(loans)
    loan_rows = loans.select(
        account=pl.col("borrower_account"),
        t=pl.col("time").dt.epoch("ms"),
        order=pl.lit(0, dtype=pl.Int64),
        seq=pl.int_range(pl.len(), dtype=pl.Int64),
        kind=pl.lit(2, dtype=pl.Int8),
        amount=pl.col("amount"),
        first=pl.lit(False),
    )
    out_rows = pay.select(
        account="payer",
        t="t",
        order=pl.lit(1, dtype=pl.Int64),
        seq=pl.col("idx") * 2,
        kind=pl.lit(0, dtype=pl.Int8),
        amount="amount",
        first="first",
    )
    in_rows = pay.select(
        account="payee",
        t="t",
        order=pl.lit(1, dtype=pl.Int64),
        seq=pl.col("idx") * 2 + 1,
        kind=pl.lit(1, dtype=pl.Int8),
        amount="amount",
        first="first",
    )
    ledger = pl.concat([loan_rows, out_rows, in_rows]).sort(["account", "t", "order", "seq"])
    account = ledger["account"]
    group = (account != account.shift(1)).fill_null(True).cum_sum().to_numpy().astype(np.int64)
    t = ledger["t"].to_numpy()
    t0 = int(t.min()) if len(t) else 0
    span = (int(t.max()) - t0 if len(t) else 0) + MONTH_MS + 1
    key = group * span + (t - t0)
    kind = ledger["kind"].to_numpy()
    amount = ledger["amount"].to_numpy()
    first = ledger["first"].to_numpy().astype(np.int64)
    is_out, is_in, is_loan = (kind == 0), (kind == 1), (kind == 2)
    out_amt = np.where(is_out, amount, 0)
    in_amt = np.where(is_in, amount, 0)

    cols: dict[str, np.ndarray] = {
        "out_n_1h": _window(key, is_out, HOUR_MS, include_self=True),
        "out_sum_1h": _window(key, out_amt, HOUR_MS, include_self=True),
        "out_n_24h": _window(key, is_out, DAY_MS, include_self=True),
        "out_sum_24h": _window(key, out_amt, DAY_MS, include_self=True),
        "hist_n_30d": _window(key, is_out, MONTH_MS, include_self=False),
        "hist_sum_30d": _window(key, out_amt, MONTH_MS, include_self=False),
        "in_n_24h": _window(key, is_in, DAY_MS, include_self=True),
        "in_sum_24h": _window(key, in_amt, DAY_MS, include_self=True),
        "in_sum_30d": _window(key, in_amt, MONTH_MS, include_self=True),
        "in_new_payers_24h": _window(key, is_in * first, DAY_MS, include_self=True),
    }
    # The last loan at or before each row, within the same account.
    positions = np.arange(len(key))
    last_loan = np.maximum.accumulate(np.where(is_loan, positions, -1))
    group_start = np.searchsorted(group, group, side="left")
    has_loan = last_loan >= group_start
    out_csum = np.cumsum(out_amt)
    since_loan = out_csum - out_csum[np.where(has_loan, last_loan, 0)]
    loan_seq = ledger["seq"].to_numpy()

    seq = ledger["seq"].to_numpy()
    out_pos = np.flatnonzero(is_out)
    in_pos = np.flatnonzero(is_in)
    out_idx = seq[out_pos] // 2
    in_idx = seq[in_pos] // 2

    def by_event(values: np.ndarray, pos: np.ndarray, idx: np.ndarray) -> np.ndarray:
        result = np.empty(n, dtype=np.float64)
        result[idx] = values[pos]
        return result

    amount_tiyn = pay["amount"].to_numpy().astype(np.float64)
    t_pay = pay["t"].to_numpy()
    first_pay = pay["first"].to_numpy().astype(np.float64)
    o = {name: by_event(values, out_pos, out_idx) for name, values in cols.items()}
    hist_mean = np.divide(
        o["hist_sum_30d"], o["hist_n_30d"], out=np.full(n, NAN), where=o["hist_n_30d"] > 0
    )

    loan_has = by_event(has_loan.astype(np.float64), out_pos, out_idx) > 0
    loan_pos = np.where(has_loan, last_loan, 0)
    loan_t = by_event(t[loan_pos].astype(np.float64), out_pos, out_idx)
    loan_amount = by_event(amount[loan_pos].astype(np.float64), out_pos, out_idx)
    loan_index = by_event(loan_seq[loan_pos].astype(np.float64), out_pos, out_idx)
    stack_n = np.zeros(n)
    stack_lenders = np.zeros(n)
    if stacks.height:
        per_loan_n = stacks["loans_24h"].to_numpy()
        per_loan_lenders = stacks["lenders_24h"].to_numpy()
        safe = np.where(loan_has, loan_index, 0).astype(np.int64)
        stack_n = per_loan_n[safe].astype(np.float64)
        stack_lenders = per_loan_lenders[safe].astype(np.float64)
    since = by_event(since_loan.astype(np.float64), out_pos, out_idx)

    def loan_only(values: np.ndarray) -> np.ndarray:
        return np.where(loan_has, values, NAN)

    # Payee side: its incoming row of this same payment.
    payee_n = by_event(_window(key, is_in, DAY_MS, include_self=True), in_pos, in_idx)
    payee_sum = by_event(_window(key, in_amt, DAY_MS, include_self=True), in_pos, in_idx)
    payee_new = by_event(_window(key, is_in * first, DAY_MS, include_self=True), in_pos, in_idx)

    local_hour = ((t_pay + KZ_UTC_OFFSET_MS) // HOUR_MS) % 24
    session = payments.select(
        pl.col("remote_access").cast(pl.Float64),
        pl.col("on_call").cast(pl.Float64),
        pl.col("new_device").cast(pl.Float64),
        pl.col("sim_changed").cast(pl.Float64),
        pl.col("payee_type").is_in(PERSON_PAYEES).cast(pl.Float64).alias("payee_person"),
        (pl.col("payee_type") == "crypto").cast(pl.Float64).alias("payee_crypto"),
        (pl.col("payee_country") != "KZ").cast(pl.Float64).alias("payee_foreign"),
        (pl.col("currency") != "KZT").cast(pl.Float64).alias("foreign_currency"),
    )
    with np.errstate(invalid="ignore", divide="ignore"):
        columns: dict[str, np.ndarray] = {
            "amount_kzt": amount_tiyn / 100,
            "hour_local": local_hour.astype(np.float64),
            "night": (local_hour < 6).astype(np.float64),
            **{name: session[name].to_numpy() for name in session.columns},
            "out_n_1h": o["out_n_1h"],
            "out_sum_1h": o["out_sum_1h"] / 100,
            "out_n_24h": o["out_n_24h"],
            "out_sum_24h": o["out_sum_24h"] / 100,
            "hist_n_30d": o["hist_n_30d"],
            "hist_mean_30d": hist_mean / 100,
            "amount_ratio": np.divide(
                amount_tiyn, hist_mean, out=np.full(n, NAN), where=hist_mean > 0
            ),
            "payee_new": first_pay,
            "to_payee_n_24h": np.zeros(n),  # filled below
            "to_payee_sum_24h": np.zeros(n),
            "in_n_24h": o["in_n_24h"],
            "in_sum_24h": o["in_sum_24h"] / 100,
            "in_sum_30d": o["in_sum_30d"] / 100,
            "in_new_payers_24h": o["in_new_payers_24h"],
            "out_in_ratio_24h": np.divide(
                o["out_sum_24h"], o["in_sum_24h"], out=np.full(n, NAN), where=o["in_sum_24h"] > 0
            ),
            "drain_ratio_30d": np.divide(
                o["out_sum_24h"], o["in_sum_30d"], out=np.full(n, NAN), where=o["in_sum_30d"] > 0
            ),
            "loan_age_h": loan_only((t_pay - loan_t) / HOUR_MS),
            "loan_amount": loan_only(loan_amount / 100),
            "loans_24h": loan_only(stack_n),
            "lenders_24h": loan_only(stack_lenders),
            "out_since_loan": loan_only(since / 100),
            "sent_on_ratio": loan_only(
                np.divide(since, loan_amount, out=np.full(n, NAN), where=loan_amount > 0)
            ),
            "payee_n_24h": payee_n,
            "payee_sum_24h": payee_sum / 100,
            "payee_new_payers_24h": payee_new,
        }
    pair_n, pair_sum = _pair_windows(pay)
    columns["to_payee_n_24h"] = pair_n
    columns["to_payee_sum_24h"] = pair_sum / 100
    return np.column_stack([columns[name].astype(np.float64) for name in FEATURES])


def _pair_windows(pay: pl.DataFrame) -> tuple[np.ndarray, np.ndarray]:
    """Count and sum of the payer's payments to this payee in 24 hours, this one included."""
    pairs = pay.select("payer", "payee", "t", "amount", "idx").sort(["payer", "payee", "idx"])
    new_pair = (
        (pairs["payer"] != pairs["payer"].shift(1)) | (pairs["payee"] != pairs["payee"].shift(1))
    ).fill_null(True)
    group = new_pair.cum_sum().to_numpy().astype(np.int64)
    t = pairs["t"].to_numpy()
    t0 = int(t.min()) if len(t) else 0
    span = (int(t.max()) - t0 if len(t) else 0) + MONTH_MS + 1
    key = group * span + (t - t0)
    count = _window(key, np.ones(len(key), dtype=np.int64), DAY_MS, include_self=True)
    total = _window(key, pairs["amount"].to_numpy(), DAY_MS, include_self=True)
    idx = pairs["idx"].to_numpy()
    n = len(idx)
    count_by_event, total_by_event = np.empty(n), np.empty(n)
    count_by_event[idx] = count
    total_by_event[idx] = total
    return count_by_event, total_by_event.astype(np.float64)
