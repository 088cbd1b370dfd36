"""Follow stolen money forward, hop by hop, to whoever holds it now.

Attribution rule (**tainted first, first out**): money that arrives in an account is taken to
leave with the account's *next* payments, in time order, before any money the account already
had. Each payment can carry only its own amount once: when two traced sums reach the same
account, the earlier arrival claims the earlier payments. This follows the money as far as it
can go, which is what a freeze needs (a drop passes it on within hours); it over-attributes in
accounts with a large clean balance, and the paths say so by showing the amounts.

A traced sum stops, and its account is a *holder*, when:
- nothing left the account within ``horizon_days`` after the money arrived (``held``);
- it reached a payee outside the banks' view: crypto, abroad, cash, a merchant (``cash_out``,
  ``spent``);
- ``hops`` transfers were followed (``not_followed``).

Pure: works on a ``TransferGraph``; the API and the CLI load the graph and print the result.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from saqbol.detectors.mules.graph import TransferGraph
from saqbol.detectors.mules.transfers import DST_KINDS

ACCOUNT = DST_KINDS.index("account")
MERCHANT = DST_KINDS.index("merchant")


@dataclass(frozen=True)
class Hop:
    """One transfer on a path, with the part of it that carried traced money."""

    event_id: str
    src: str
    dst: str
    dst_kind: str
    ts: int  # seconds since 1970
    amount: float  # the whole transfer, tenge
    traced: float  # the part attributed to the traced money


@dataclass(frozen=True)
class Holder:
    account: str
    kind: str  # DST_KINDS of the holder
    amount: float  # tenge attributed to the traced money
    since_ts: int  # when it arrived there
    hops: int  # transfers from the start
    status: str  # held | cash_out | spent | not_followed
    path: tuple[int, ...]  # indexes into ``Trace.hops``


@dataclass
class Trace:
    start_event: str
    start_amount: float
    hops: list[Hop] = field(default_factory=list)
    holders: list[Holder] = field(default_factory=list)
    truncated: bool = False  # stopped at ``max_branches``; the rest is in ``not_followed``

    def freezable(self, min_amount: float = 0.0) -> list[Holder]:
        """Bank accounts that still hold traced money: what a freeze request names."""
        return [
            h
            for h in self.holders
            if h.kind == "account"
            and h.status in {"held", "not_followed"}
            and h.amount > min_amount
        ]


def find_edge(g: TransferGraph, event_id: str) -> int | None:
    """The edge index of an event id, or None."""
    rows = np.flatnonzero((g.event_ids == event_id).to_numpy())
    if not len(rows):
        return None
    where = np.flatnonzero(g.row == rows[0])
    return int(where[0]) if len(where) else None


def trace_payment(
    g: TransferGraph,
    edge: int,
    *,
    hops: int = 5,
    horizon_days: float = 30.0,
    min_share: float = 0.001,
    max_branches: int = 5_000,
) -> Trace:
    """Trace the money of one transfer (``edge``) up to ``hops`` further transfers.

    Splits smaller than ``min_share`` of the start amount are not followed (they stay with
    their account as ``not_followed``), and at most ``max_branches`` sums are followed in all,
    so a path into a payroll account cannot fan out to the whole bank.
    """
    start = Hop(
        event_id=str(g.event_ids[int(g.row[edge])]),
        src=str(g.accounts[int(g.src[edge])]),
        dst=str(g.accounts[int(g.dst[edge])]),
        dst_kind=DST_KINDS[int(g.dst_kind[edge])],
        ts=int(g.ts[edge]),
        amount=float(g.amount[edge]),
        traced=float(g.amount[edge]),
    )
    trace = Trace(start_event=start.event_id, start_amount=start.amount, hops=[start])
    lots = [(int(g.ts[edge]), int(g.dst[edge]), start.amount, (0,))]
    _follow(g, trace, lots, hops, horizon_days, min_share * start.amount, max_branches)
    return trace


def trace_account(
    g: TransferGraph,
    account: int,
    since_ts: int,
    amount: float,
    *,
    hops: int = 5,
    horizon_days: float = 30.0,
    min_share: float = 0.001,
    max_branches: int = 5_000,
) -> Trace:
    """Trace ``amount`` tenge taken to sit in ``account`` from ``since_ts`` on."""
    trace = Trace(start_event="", start_amount=amount)
    lots = [(since_ts, account, amount, ())]
    _follow(g, trace, lots, hops, horizon_days, min_share * amount, max_branches)
    return trace


def _follow(
    g: TransferGraph,
    trace: Trace,
    lots: list[tuple[int, int, float, tuple[int, ...]]],
    hops: int,
    horizon_days: float,
    min_amount: float,
    max_branches: int,
) -> None:
    capacity: dict[int, float] = {}  # edge -> tenge not yet attributed
    horizon = int(horizon_days * 86400)
    followed = 0
    for depth in range(hops + 1):
        nxt: list[tuple[int, int, float, tuple[int, ...]]] = []
        for arrived, node, amount, path in sorted(lots, key=lambda x: (x[0], x[1])):
            kind = int(g.node_kind[node])
            name = str(g.accounts[node])
            if kind != ACCOUNT:
                status = "spent" if kind == MERCHANT else "cash_out"
                trace.holders.append(
                    Holder(name, DST_KINDS[kind], amount, arrived, len(path), status, path)
                )
                continue
            if depth == hops or amount < min_amount or followed >= max_branches:
                trace.truncated |= followed >= max_branches
                trace.holders.append(
                    Holder(name, "account", amount, arrived, len(path), "not_followed", path)
                )
                continue
            lo, hi = int(g.out_ptr[node]), int(g.out_ptr[node + 1])
            first = lo + int(np.searchsorted(g.ts[lo:hi], arrived, side="left"))
            left = amount
            e = first
            while e < hi and left > 1e-9 and g.ts[e] - arrived <= horizon:
                cap = capacity.get(e, float(g.amount[e]))
                if cap > 1e-9:
                    take = min(cap, left)
                    capacity[e] = cap - take
                    left -= take
                    trace.hops.append(
                        Hop(
                            event_id=str(g.event_ids[int(g.row[e])]),
                            src=name,
                            dst=str(g.accounts[int(g.dst[e])]),
                            dst_kind=DST_KINDS[int(g.dst_kind[e])],
                            ts=int(g.ts[e]),
                            amount=float(g.amount[e]),
                            traced=take,
                        )
                    )
                    nxt.append((int(g.ts[e]), int(g.dst[e]), take, (*path, len(trace.hops) - 1)))
                    followed += 1
                e += 1
            if left > 1e-9:
                trace.holders.append(
                    Holder(name, "account", left, arrived, len(path), "held", path)
                )
        lots = nxt
        if not lots:
            break
    trace.holders.sort(key=lambda h: (-h.amount, h.account))
