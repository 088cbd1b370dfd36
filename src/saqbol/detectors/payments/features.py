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
- ``payee_*``: what this payee received, this one included; ``payee_new_payers_24h`` (and
  ``_7d``) count payers paying it for the first time in 30 days (many unrelated payers: a
  drop). Undefined (NaN) for merchants: a shop is paid by strangers all day, and counting a
  busy one's receipts on every purchase would cost more than scoring.
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
WEEK_MS: Final = 7 * DAY_MS
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
    "payee_new_payers_7d",
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
    payee_new_payers_7d: int = 0
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
        *(
            [NAN] * 4
            if event["payee_type"] == "merchant"
            else [
                float(h.payee_n_24h + 1),
                (h.payee_sum_24h + amount) / 100,
                float(h.payee_new_payers_24h + first),
                float(h.payee_new_payers_7d + first),
            ]
        ),
    ]


# --- batch ---------------------------------------------------------------------------------
#
# Every account's events (its outgoing payments, incoming payments and loans) are laid out in
# one "ledger" sorted by account, time, then stream order (loans before payments at the same
# millisecond). A window (t - W, t] over one account is then a slice [start, row] of that
# ledger, and a windowed count or sum is a difference of running sums.


class _Windows:
    """Window starts of a sorted ``account * span + time`` key, computed once per width."""

    def __init__(self, key: np.ndarray) -> None:
        self.key = key
        self._starts: dict[int, np.ndarray] = {}
        self._rows = np.arange(len(key))

    def start(self, width: int) -> np.ndarray:
        if width not in self._starts:
            self._starts[width] = np.searchsorted(self.key, self.key - width + 1, side="left")
        return self._starts[width]

    def sum(self, values: np.ndarray, width: int, *, include_self: bool = True) -> np.ndarray:
        """Per row, the sum of ``values`` over the same account in (t - width, t], up to this
        row (or just before it)."""
        csum = np.zeros(len(values) + 1, dtype=np.int64)
        np.cumsum(values, out=csum[1:])
        end = self._rows + 1 if include_self else self._rows
        return csum[end] - csum[self.start(width)]


def _sorted_key(group: np.ndarray, t: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """A stable order by (group, t) and the combined int64 key in that order."""
    t0 = int(t.min()) if len(t) else 0
    span = (int(t.max()) - t0 if len(t) else 0) + MONTH_MS + 1
    if len(group) and (int(group.max()) + 1) * span >= 2**62:
        raise ValueError("the stream spans too many accounts and years for one batch")
    key = group.astype(np.int64) * span + (t - t0)
    order = np.argsort(key, kind="stable")
    return order, key[order]


def _loan_stacks(loans: pl.DataFrame) -> tuple[np.ndarray, np.ndarray]:
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
    stacks = (
        pairs.group_by("loan_seq")
        .agg(loans_24h=pl.len(), lenders_24h=pl.col("lender_prior").n_unique())
        .sort("loan_seq")
    )
    return stacks["loans_24h"].to_numpy(), stacks["lenders_24h"].to_numpy()


def batch_features(payments: pl.DataFrame, loans: pl.DataFrame) -> np.ndarray:
    """FEATURES for every payment, as a float64 matrix (column-major) in the payments' order.

    ``payments`` must be sorted by time (ties in stream order) with unique event ids; ``loans``
    sorted by time. Each column is written as soon as it is known and its temporaries freed:
    ten million payments need the matrix (2.9 GB) plus about 1.5 GB on the side.
    """
    n, n_loans = payments.height, loans.height
    matrix = np.empty((n, len(FEATURES)), dtype=np.float64, order="F")
    column = {name: j for j, name in enumerate(FEATURES)}

    def put(name: str, values: np.ndarray) -> None:
        matrix[:, column[name]] = values

    t = payments["time"].dt.epoch("ms").to_numpy()
    amount = payments["amount"].to_numpy()
    local_hour = ((t + KZ_UTC_OFFSET_MS) // HOUR_MS) % 24
    put("amount_kzt", amount / 100)
    put("hour_local", local_hour)
    put("night", local_hour < 6)
    del local_hour
    for flag in ("remote_access", "on_call", "new_device", "sim_changed"):
        put(flag, payments[flag].to_numpy())
    payee_type = payments["payee_type"]
    put("payee_person", payee_type.is_in(PERSON_PAYEES).to_numpy())
    put("payee_crypto", (payee_type == "crypto").to_numpy())
    put("payee_foreign", (payments["payee_country"] != "KZ").to_numpy())
    put("foreign_currency", (payments["currency"] != "KZT").to_numpy())

    names = pl.concat(
        [
            payments["payer_account"],
            payments.select(
                pl.coalesce("payee_account", pl.col("payee_type") + ":" + pl.col("payee"))
            ).to_series(),
            loans["borrower_account"],
        ]
    )
    codes = names.cast(pl.Categorical).to_physical().to_numpy().astype(np.int64)
    del names
    accounts = int(codes.max()) + 1 if len(codes) else 1

    # Pairs (payer, payee): first payment in 30 days, and the last 24 hours between them.
    pair = pl.Series(codes[:n] * accounts + codes[n : 2 * n]).rank("dense").to_numpy()
    order, key = _sorted_key(pair.astype(np.int64), t)
    del pair
    same = np.zeros(n, dtype=bool)
    if n:
        # Keys of two pairs differ by more than 30 days, so this is "same pair, within 30 days".
        same[1:] = key[1:] - key[:-1] < MONTH_MS
    first = np.empty(n, dtype=bool)
    first[order] = ~same
    del same
    put("payee_new", first)
    pair_windows = _Windows(key)
    scratch = np.empty(n)
    scratch[order] = pair_windows.sum(np.ones(n, dtype=np.int64), DAY_MS)
    put("to_payee_n_24h", scratch)
    scratch[order] = pair_windows.sum(amount[order], DAY_MS)
    put("to_payee_sum_24h", scratch / 100)
    del pair_windows, order, key, scratch

    # The ledger, built in stream order (loans, then each payment's out and in rows) so that a
    # stable sort by (account, time) leaves same-time rows in stream order.
    ledger_account = np.concatenate(
        [codes[2 * n :], np.column_stack([codes[:n], codes[n : 2 * n]]).ravel()]
    )
    del codes
    ledger_t = np.concatenate([loans["time"].dt.epoch("ms").to_numpy(), np.repeat(t, 2)])
    order, key = _sorted_key(ledger_account, ledger_t)
    del ledger_t
    ledger_account = ledger_account[order]
    kind = np.concatenate([np.full(n_loans, 2, np.int8), np.tile(np.array([0, 1], np.int8), n)])
    kind = kind[order]
    ledger_amount = np.concatenate([loans["amount"].to_numpy(), np.repeat(amount, 2)])[order]
    in_first = np.concatenate([np.zeros(n_loans, bool), np.repeat(first, 2)])[order]
    del first
    is_out, is_in, is_loan = kind == 0, kind == 1, kind == 2
    del kind
    in_first &= is_in
    out_amt = np.where(is_out, ledger_amount, 0)
    in_amt = np.where(is_in, ledger_amount, 0)
    # Rows of payment i in the sorted ledger: its out row and its in row.
    position = np.empty(len(order), dtype=np.int64)
    position[order] = np.arange(len(order))
    out_pos = position[n_loans : n_loans + 2 * n : 2]
    in_pos = position[n_loans + 1 : n_loans + 2 * n : 2]
    del position
    windows = _Windows(key)

    def at_out(
        values: np.ndarray, width: int, *, include_self: bool = True, over: _Windows = windows
    ) -> np.ndarray:
        return over.sum(values, width, include_self=include_self)[out_pos].astype(np.float64)

    out_sum_24h = at_out(out_amt, DAY_MS)
    in_sum_24h = at_out(in_amt, DAY_MS)
    in_sum_30d = at_out(in_amt, MONTH_MS)
    hist_n = at_out(is_out, MONTH_MS, include_self=False)
    hist_mean = at_out(out_amt, MONTH_MS, include_self=False)
    with np.errstate(invalid="ignore", divide="ignore"):
        hist_mean = np.where(hist_n > 0, hist_mean / hist_n, NAN)
        put("out_n_1h", at_out(is_out, HOUR_MS))
        put("out_sum_1h", at_out(out_amt, HOUR_MS) / 100)
        put("out_n_24h", at_out(is_out, DAY_MS))
        put("out_sum_24h", out_sum_24h / 100)
        put("hist_n_30d", hist_n)
        put("hist_mean_30d", hist_mean / 100)
        put("amount_ratio", np.where(hist_mean > 0, amount / hist_mean, NAN))
        del hist_n, hist_mean
        put("in_n_24h", at_out(is_in, DAY_MS))
        put("in_sum_24h", in_sum_24h / 100)
        put("in_sum_30d", in_sum_30d / 100)
        put("in_new_payers_24h", at_out(in_first, DAY_MS))
        put("out_in_ratio_24h", np.where(in_sum_24h > 0, out_sum_24h / in_sum_24h, NAN))
        put("drain_ratio_30d", np.where(in_sum_30d > 0, out_sum_24h / in_sum_30d, NAN))
        del out_sum_24h, in_sum_24h, in_sum_30d
        merchant = (payee_type == "merchant").to_numpy()

        def payee_side(values: np.ndarray, rows: np.ndarray = in_pos) -> np.ndarray:
            return np.where(merchant, NAN, values[rows])

        put("payee_n_24h", payee_side(windows.sum(is_in, DAY_MS)))
        put("payee_sum_24h", payee_side(windows.sum(in_amt, DAY_MS) / 100))
        put("payee_new_payers_24h", payee_side(windows.sum(in_first, DAY_MS)))
        put("payee_new_payers_7d", payee_side(windows.sum(in_first, WEEK_MS)))
    del windows, at_out, payee_side, in_amt, in_first, in_pos

    # The last loan at or before each ledger row of the same account.
    rows = np.arange(len(key))
    del key
    last_loan = np.maximum.accumulate(np.where(is_loan, rows, -1))
    new_account = np.ones(len(rows), dtype=bool)
    new_account[1:] = ledger_account[1:] != ledger_account[:-1]
    del ledger_account
    account_start = np.maximum.accumulate(np.where(new_account, rows, 0))
    del new_account, rows
    has_loan = (last_loan >= account_start)[out_pos]
    del account_start
    loan_row = np.where(has_loan, last_loan[out_pos], 0)
    del last_loan
    out_csum = np.cumsum(out_amt)
    del out_amt
    since = (out_csum[out_pos] - out_csum[loan_row]).astype(np.float64)
    del out_csum
    loan_amount = ledger_amount[loan_row].astype(np.float64)
    loan_seq = order[loan_row]  # loans come first in stream order: the ledger index is the loan's
    del order
    stack_n = np.zeros(n)
    stack_lenders = np.zeros(n)
    if n_loans:
        per_loan_n, per_loan_lenders = _loan_stacks(loans)
        safe = np.where(has_loan, loan_seq, 0)
        stack_n = per_loan_n[safe].astype(np.float64)
        stack_lenders = per_loan_lenders[safe].astype(np.float64)
    loan_t = np.concatenate([loans["time"].dt.epoch("ms").to_numpy(), [0]])
    with np.errstate(invalid="ignore", divide="ignore"):
        age_h = (t - loan_t[np.where(has_loan, loan_seq, n_loans)]) / HOUR_MS
        put("loan_age_h", np.where(has_loan, age_h, NAN))
        put("loan_amount", np.where(has_loan, loan_amount / 100, NAN))
        put("loans_24h", np.where(has_loan, stack_n, NAN))
        put("lenders_24h", np.where(has_loan, stack_lenders, NAN))
        put("out_since_loan", np.where(has_loan, since / 100, NAN))
        ratio = np.where(loan_amount > 0, since / loan_amount, NAN)
        put("sent_on_ratio", np.where(has_loan, ratio, NAN))
    return matrix
