"""Per-account drop features over a ``TransferGraph``, all vectorised numpy.

Each feature is defined here once, in words, and computed twice: by ``account_features``
below and by the Spark path (``saqbol.spark.mules``), which must give the same numbers. Times
are whole seconds; "before" includes the same second.

Account-local features (from an account's own receipts and payments):

- ``n_in``, ``n_out``, ``in_amount``, ``out_amount``: receipts and payments, counts and tenge.
- ``n_payers``, ``n_payees``: distinct counterparties each way.
- ``one_off_payer_share``: of the distinct payers, those who paid once and never received
  from the account: victims and strangers, not family.
- ``mutual_share``: of all distinct counterparties, those with money flowing both ways.
- ``kept_share``: (in - out) / in, clipped to [-1, 1]; a drop keeps ~10%.
- ``fast_out_share``: tenge paid out within 24 h after the latest receipt, over tenge
  received (at most 1).
- ``hold_median_h``: for each receipt, hours until the next payment out; the median over
  receipts that have one.
- ``cash_out_share`` / ``merchant_share``: share of tenge out to crypto, abroad or cash / to
  merchants (ordinary spending).
- ``active_days``: distinct days with any transfer; ``burst_share``: the largest share of the
  account's transfers inside one 7-day window; ``max_gap_days``: the longest quiet spell;
  ``first_seen_days``: days from the first transfer in the data to the account's first.
- ``device_accounts`` / ``ip_accounts``: the most payer accounts seen on one of this account's
  devices / IPs (one organiser running many drops).
- ``reported``: the account itself is reported; ``reported_counterparties``: distinct reported
  accounts it paid or was paid by.

Graph features, from relays: a payment out of an account is *relayed money* when the account
received money in the 72 h before it (``recent_in``, tenge, receipts at most 72 h earlier up to
the same second) and the payment is between 10% and 105% of that sum (pocket money out of a
salary is not a relay; a drop's split of a victim's transfer is). Its *parent* is the latest
receipt in that window (ties in time: the later input row). Parents link transfers into chains
across accounts.

- ``relay_share``: share of tenge out that is relayed money.
- ``relay_chain``: the longest chain of relays through one of the account's payments (in
  transfers, counting up to ``DEPTH`` parents and ``DEPTH`` children).
- ``cycle_len``: the shortest temporal cycle of relays through the account (money that comes
  back to where it was), 0 when none within ``DEPTH`` parents.
"""

from __future__ import annotations

from typing import Final

import numpy as np
import polars as pl

from saqbol.detectors.mules.graph import TransferGraph
from saqbol.detectors.mules.transfers import CASH_OUT_KINDS, DST_KINDS

FAST_S: Final = 24 * 3600
RELAY_S: Final = 72 * 3600
BURST_S: Final = 7 * 24 * 3600
DEPTH: Final = 6
RELAY_MIN: Final = 0.10
RELAY_MAX: Final = 1.05

FEATURES: Final = (
    "n_in", "n_out", "in_amount", "out_amount", "n_payers", "n_payees",
    "one_off_payer_share", "mutual_share", "kept_share", "fast_out_share", "hold_median_h",
    "cash_out_share", "merchant_share", "active_days", "burst_share", "max_gap_days",
    "first_seen_days", "device_accounts", "ip_accounts", "reported", "reported_counterparties",
    "relay_share", "relay_chain", "cycle_len",
)  # fmt: skip
_CASH_OUT: Final = np.array([k in CASH_OUT_KINDS for k in DST_KINDS])
_MERCHANT: Final = DST_KINDS.index("merchant")


def _ratio(num: np.ndarray, den: np.ndarray) -> np.ndarray:
    out = np.full(len(num), np.nan)
    np.divide(num, den, out=out, where=den > 0)
    return out


def _group_max(groups: np.ndarray, values: np.ndarray, n: int, empty: float) -> np.ndarray:
    out = np.full(n, -np.inf)
    np.maximum.at(out, groups, values)
    out[np.isinf(out)] = empty
    return out


def _distinct_pairs(a: np.ndarray, b: np.ndarray, n: int) -> tuple[np.ndarray, np.ndarray]:
    """Distinct (a, b) pairs, sorted; and how many rows each pair had."""
    keys, counts = np.unique(a.astype(np.int64) * n + b, return_counts=True)
    return keys, counts


def account_features(g: TransferGraph, reported: np.ndarray | None = None) -> pl.DataFrame:
    """One row per node (``g.accounts`` order): ``account_id`` and ``FEATURES``.

    ``reported`` is a boolean mask over nodes (accounts named in complaints or on a list).
    """
    n, m = g.n_nodes, g.n_edges
    src, dst, ts, amt = g.src, g.dst, g.ts, g.amount
    f: dict[str, np.ndarray] = {}
    n_out = np.diff(g.out_ptr)
    n_in = np.diff(g.in_ptr)
    out_amount = np.bincount(src, amt, minlength=n)
    in_amount = np.bincount(dst, amt, minlength=n)
    f |= {"n_in": n_in, "n_out": n_out, "in_amount": in_amount, "out_amount": out_amount}

    # counterparties
    pairs, pair_rows = _distinct_pairs(src, dst, n)
    p_src, p_dst = pairs // n, pairs % n
    f["n_payees"] = np.bincount(p_src, minlength=n)
    f["n_payers"] = np.bincount(p_dst, minlength=n)
    reverse = p_dst * n + p_src
    mutual = np.isin(reverse, pairs, assume_unique=True)
    one_off = (pair_rows == 1) & ~mutual
    f["one_off_payer_share"] = _ratio(np.bincount(p_dst, one_off, minlength=n), f["n_payers"])
    # a mutual pair appears once from each side; count each counterparty once per account
    mutual_cp = np.bincount(p_src, mutual, minlength=n)
    n_cp = f["n_payees"] + f["n_payers"] - mutual_cp
    f["mutual_share"] = _ratio(mutual_cp.astype(np.float64), n_cp)
    f["kept_share"] = np.clip(_ratio(in_amount - out_amount, in_amount), -1.0, 1.0)

    # timing of money through the account
    t0 = int(ts.min()) if m else 0
    span = int(ts.max()) - t0 + RELAY_S + BURST_S + 2 if m else 1
    in_e = g.in_edges
    in_key = dst[in_e].astype(np.int64) * span + (ts[in_e] - t0)
    out_key = src.astype(np.int64) * span + (ts - t0)
    j = np.searchsorted(in_key, out_key, side="right") - 1
    has_in = j >= 0
    jj = np.maximum(j, 0)
    has_in &= dst[in_e[jj]] == src
    gap = ts - ts[in_e[jj]]
    fast = has_in & (gap <= FAST_S)
    fast_out = np.bincount(src, amt * fast, minlength=n)
    f["fast_out_share"] = np.minimum(_ratio(fast_out, in_amount), 1)
    k = np.searchsorted(out_key, in_key, side="left")
    kk = np.minimum(k, max(m - 1, 0))
    nxt = (k < m) & (src[kk] == dst[in_e])
    hold_h = (ts[kk] - ts[in_e]) / 3600.0
    f["hold_median_h"] = group_median(dst[in_e][nxt], hold_h[nxt], n)
    kind_out = g.dst_kind
    cash_out = np.bincount(src, amt * _CASH_OUT[kind_out], minlength=n)
    f["cash_out_share"] = _ratio(cash_out, out_amount)
    spent = np.bincount(src, amt * (kind_out == _MERCHANT), minlength=n)
    f["merchant_share"] = _ratio(spent, out_amount)

    # activity over time: every transfer seen from both of its ends
    node = np.concatenate([src, dst])
    when = np.concatenate([ts, ts])
    order = np.lexsort((when, node))
    node, when = node[order], when[order]
    n_ev = np.bincount(node, minlength=n)
    key = node.astype(np.int64) * span + (when - t0)
    day_keys = np.unique(node.astype(np.int64) * (span // 86400 + 2) + (when - t0) // 86400)
    f["active_days"] = np.bincount(day_keys // (span // 86400 + 2), minlength=n)
    first = np.searchsorted(key, key, side="left")
    in_window = np.searchsorted(key, key + BURST_S, side="left") - first
    f["burst_share"] = _ratio(_group_max(node, in_window.astype(float), n, 0.0), n_ev)
    gaps = np.diff(when)
    same = np.diff(node) == 0
    f["max_gap_days"] = _group_max(node[1:][same], gaps[same] / 86400.0, n, 0.0)
    first_ts = np.full(n, np.iinfo(np.int64).max)
    np.minimum.at(first_ts, node, when)
    f["first_seen_days"] = (first_ts - t0) / 86400.0

    # shared devices and IPs among payers
    for name, codes in (("device_accounts", g.device), ("ip_accounts", g.ip)):
        known = codes >= 0
        c, s = codes[known].astype(np.int64), src[known]
        if len(c):
            dpairs, _ = _distinct_pairs(c, s, n)
            per_code = np.bincount(dpairs // n)
            f[name] = _group_max(s, per_code[c].astype(float), n, 0.0)
        else:
            f[name] = np.zeros(n)

    rep = np.zeros(n, dtype=bool) if reported is None else reported.astype(bool)
    f["reported"] = rep.astype(np.int64)
    cp_a = np.concatenate([p_src, p_dst])
    cp_b = np.concatenate([p_dst, p_src])
    cp = np.unique(cp_a * n + cp_b)
    f["reported_counterparties"] = np.bincount(cp // n, rep[cp % n], minlength=n).astype(np.int64)

    # relays
    # tenge received in the 72 h up to each payment: differences of running sums over receipts
    # (in integer micro-tenge, so the sum is exact and equals the Spark path's decimal sum)
    run = np.r_[0, np.cumsum(np.rint(amt[in_e] * 1e6).astype(np.int64))]
    lo = np.searchsorted(in_key, out_key - RELAY_S, side="left")
    recent_in = (run[j + 1] - run[lo]) / 1e6
    related = has_in & (gap <= RELAY_S)
    related &= (amt >= RELAY_MIN * recent_in) & (amt <= RELAY_MAX * recent_in)
    parent = np.where(related, in_e[jj], -1)
    relayed = parent >= 0
    f["relay_share"] = _ratio(np.bincount(src, amt * relayed, minlength=n), out_amount)
    up = np.zeros(m, dtype=np.int64)
    down = np.zeros(m, dtype=np.int64)
    pr = parent[relayed]
    for _ in range(DEPTH):
        up = np.where(relayed, up[np.maximum(parent, 0)] + 1, 0)
        new_down = np.zeros(m, dtype=np.int64)
        np.maximum.at(new_down, pr, down[relayed] + 1)
        down = new_down
    f["relay_chain"] = _group_max(src, (up + down + 1).astype(float), n, 0.0).astype(np.int64)
    f["cycle_len"] = _cycles(g, parent)
    out = {"account_id": g.accounts}
    out |= {name: f[name] for name in FEATURES}
    return pl.DataFrame(out).with_columns(
        pl.col(c).cast(pl.Float64) for c in FEATURES if f[c].dtype.kind == "f"
    )


def group_median(groups: np.ndarray, values: np.ndarray, n: int) -> np.ndarray:
    """Median of ``values`` per group code (0..n-1; NaN where a group has none); the mean of
    the two middle values for an even count, as Polars and Spark compute it."""
    out = np.full(n, np.nan)
    if not len(groups):
        return out
    order = np.lexsort((values, groups))
    g, v = groups[order], values[order]
    starts = np.flatnonzero(np.r_[True, g[1:] != g[:-1]])
    counts = np.diff(np.r_[starts, len(g)])
    lo = starts + (counts - 1) // 2
    hi = starts + counts // 2
    out[g[starts]] = (v[lo] + v[hi]) / 2.0
    return out


def _cycles(g: TransferGraph, parent: np.ndarray) -> np.ndarray:
    """Shortest temporal relay cycle through each node (edges), 0 when none."""
    n = g.n_nodes
    best = np.full(n, np.iinfo(np.int64).max)
    edges = np.flatnonzero(parent >= 0)
    chain = [g.src[edges]]
    anc = parent[edges]
    for k in range(1, DEPTH + 1):
        live = anc >= 0
        edges, anc = edges[live], anc[live]
        chain = [c[live] for c in chain]
        if not len(edges):
            break
        chain.append(g.src[anc])
        hit = g.src[anc] == g.dst[edges]
        if hit.any():
            for nodes in chain:
                np.minimum.at(best, nodes[hit], k + 1)
        anc = parent[anc]
    best[best == np.iinfo(np.int64).max] = 0
    return best
