"""The transfer graph: accounts as integer codes, transfers as sorted numpy arrays (CSR).

Ten million transfers cost about 40 bytes each here (codes, seconds, amounts, two orders), so
a bank's quarter fits in memory and every per-account question is a slice: an account's
payments out are ``out_ptr[a]:out_ptr[a+1]`` of the edge arrays (sorted by payer, then time),
its receipts are ``in_edges[in_ptr[a]:in_ptr[a+1]]`` (sorted by payee, then time).

Time is kept in whole seconds (``ts``): the features and the Spark path agree on it exactly,
and no scheme hinges on a fraction of a second.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import polars as pl

from saqbol.detectors.mules.transfers import DST_KINDS


@dataclass(frozen=True)
class TransferGraph:
    accounts: pl.Series  # String; code -> account id, sorted
    node_kind: np.ndarray  # int8 per node, index into DST_KINDS (payers are "account")
    src: np.ndarray  # int32 per edge; edges sorted by (src, ts, input order)
    dst: np.ndarray  # int32
    ts: np.ndarray  # int64 seconds since 1970
    amount: np.ndarray  # float64 tenge
    dst_kind: np.ndarray  # int8, index into DST_KINDS
    device: np.ndarray  # int32 code of the payer's device, -1 unknown
    ip: np.ndarray  # int32 code of the payer's IP, -1 unknown
    row: np.ndarray  # int64: the edge's row in the input table (for event ids)
    event_ids: pl.Series  # String, in input order
    out_ptr: np.ndarray  # int64, n_nodes + 1
    in_edges: np.ndarray  # int64 edge indices sorted by (dst, ts, input row)
    in_ptr: np.ndarray  # int64, n_nodes + 1

    @property
    def n_nodes(self) -> int:
        return len(self.accounts)

    @property
    def n_edges(self) -> int:
        return len(self.src)

    def code(self, account: str) -> int | None:
        """The node code of an account id, or None if it never appears."""
        i = int(self.accounts.search_sorted(account))
        return i if i < len(self.accounts) and self.accounts[i] == account else None


def _codes(values: pl.Series) -> tuple[pl.Series, np.ndarray]:
    """Sorted distinct values and each value's index among them (-1 for null)."""
    uniq = values.drop_nulls().unique().sort()
    codes = values.cast(pl.Enum(uniq)).to_physical().fill_null(-1).to_numpy()
    return uniq, codes.astype(np.int32)


def build_graph(transfers: pl.DataFrame) -> TransferGraph:
    """From a clean ``TRANSFER_SCHEMA`` table (``transfers.Normalised.transfers``)."""
    ids = pl.concat([transfers["src"], transfers["dst"]]).unique().sort()
    enum = pl.Enum(ids)
    src = transfers["src"].cast(enum).to_physical().to_numpy().astype(np.int32)
    dst = transfers["dst"].cast(enum).to_physical().to_numpy().astype(np.int32)
    ts = transfers["time"].dt.epoch("s").to_numpy().astype(np.int64)
    amount = transfers["amount"].to_numpy().astype(np.float64)
    kind = (transfers["dst_kind"].cast(pl.Enum(list(DST_KINDS))).to_physical().to_numpy()).astype(
        np.int8
    )
    _, device = _codes(transfers["device_id"])
    _, ip = _codes(transfers["ip"])

    n = len(ids)
    order = np.lexsort((ts, src))  # stable: ties keep input order
    src, dst, ts, amount, kind = src[order], dst[order], ts[order], amount[order], kind[order]
    device, ip = device[order], ip[order]
    out_ptr = np.zeros(n + 1, dtype=np.int64)
    np.cumsum(np.bincount(src, minlength=n), out=out_ptr[1:])
    in_edges = np.lexsort((order, ts, dst)).astype(np.int64)
    in_ptr = np.zeros(n + 1, dtype=np.int64)
    np.cumsum(np.bincount(dst, minlength=n), out=in_ptr[1:])

    node_kind = np.zeros(n, dtype=np.int8)  # payers are accounts; payees say what they are
    node_kind[dst] = kind
    node_kind[src] = 0
    return TransferGraph(
        accounts=ids, node_kind=node_kind, src=src, dst=dst, ts=ts, amount=amount,
        dst_kind=kind, device=device, ip=ip, row=order.astype(np.int64),
        event_ids=transfers["event_id"], out_ptr=out_ptr, in_edges=in_edges, in_ptr=in_ptr,
    )  # fmt: skip
