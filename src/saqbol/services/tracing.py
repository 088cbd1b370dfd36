"""Tracing and drop verdicts for the API and the CLI: load a transfer file once, answer many.

The graph of a transfer file (``SAQBOL_TRANSFERS_PATH``, the bank's export) is built on first
use and rebuilt when the file changes; the drop verdicts are read from the output of
``saqbol mules`` (``SAQBOL_MULES_PATH``) the same way. Building a 10-million-transfer graph
takes a minute; a trace on it then takes milliseconds.
"""

from __future__ import annotations

import threading
from collections.abc import Mapping
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import polars as pl

from saqbol.detectors.mules.graph import TransferGraph, build_graph
from saqbol.detectors.mules.trace import Trace, find_edge, trace_payment
from saqbol.errors import NotFound, ServiceUnavailable
from saqbol.services.mule_batch import normalise, read_table


class _Cached:
    """A value computed from a file, rebuilt when the file's size or mtime changes."""

    def __init__(self, path: str | Path | None, what: str) -> None:
        self.path = Path(path) if path else None
        self.what = what
        self._key: tuple[int, int] | None = None
        self._value: Any = None
        self._lock = threading.Lock()

    def get(self) -> Any:
        if self.path is None:
            raise ServiceUnavailable(f"no {self.what} is configured")
        try:
            stat = self.path.stat()
        except OSError:
            raise ServiceUnavailable(f"the {self.what} file {self.path} is missing") from None
        key = (stat.st_size, stat.st_mtime_ns)
        with self._lock:
            if key != self._key:
                self._value = self.load(self.path)
                self._key = key
            return self._value

    def load(self, path: Path) -> Any:
        raise NotImplementedError


class GraphFile(_Cached):
    def __init__(self, path: str | Path | None, rates: Mapping[str, float]) -> None:
        super().__init__(path, "transfer file (SAQBOL_TRANSFERS_PATH)")
        self.rates = rates

    def load(self, path: Path) -> TransferGraph:
        return build_graph(normalise(read_table(path), self.rates).transfers)

    def graph(self) -> TransferGraph:
        graph: TransferGraph = self.get()
        return graph


class VerdictFile(_Cached):
    def __init__(self, path: str | Path | None) -> None:
        super().__init__(path, "drop verdict file (SAQBOL_MULES_PATH, from `saqbol mules`)")

    def load(self, path: Path) -> pl.DataFrame:
        return pl.read_parquet(path).sort("account_id")

    def verdict(self, account_id: str) -> dict[str, Any]:
        frame: pl.DataFrame = self.get()
        i = int(frame["account_id"].search_sorted(account_id))
        if i >= frame.height or frame["account_id"][i] != account_id:
            raise NotFound(f"account {account_id} is not in the scored transfers")
        return frame.row(i, named=True)


def trace_event(graph: TransferGraph, event_id: str, **options: Any) -> Trace:
    edge = find_edge(graph, event_id)
    if edge is None:
        raise NotFound(f"event {event_id} is not in the transfers")
    return trace_payment(graph, edge, **options)


def _when(ts: int) -> str:
    return datetime.fromtimestamp(ts, UTC).isoformat().replace("+00:00", "Z")


def trace_to_dict(trace: Trace, min_freeze: float = 0.0) -> dict[str, Any]:
    """Plain JSON: the transfers followed, where the money is now, and what to freeze."""
    hops = [
        {
            "event_id": h.event_id, "from": h.src, "to": h.dst, "to_kind": h.dst_kind,
            "time": _when(h.ts), "amount": round(h.amount, 2), "traced": round(h.traced, 2),
        }
        for h in trace.hops
    ]  # fmt: skip
    holders = [
        {
            "account": h.account, "kind": h.kind, "amount": round(h.amount, 2),
            "since": _when(h.since_ts), "hops": h.hops, "status": h.status,
            "path": [trace.hops[i].event_id for i in h.path],
        }
        for h in trace.holders
    ]  # fmt: skip
    freeze: dict[str, dict[str, Any]] = {}
    for h in trace.freezable(min_freeze):
        entry = freeze.setdefault(h.account, {"account": h.account, "amount": 0.0, "since": None})
        entry["amount"] = round(entry["amount"] + h.amount, 2)
        since = _when(h.since_ts)
        entry["since"] = since if entry["since"] is None else min(entry["since"], since)
    sinks: dict[tuple[str, str], float] = {}
    for h in trace.holders:
        if h.status == "cash_out":
            sinks[(h.kind, h.account)] = sinks.get((h.kind, h.account), 0.0) + h.amount
    return {
        "event_id": trace.start_event,
        "amount": round(trace.start_amount, 2),
        "rule": "tainted first, first out: traced money leaves with the next payments",
        "truncated": trace.truncated,
        "hops": hops,
        "holders": holders,
        "freeze": sorted(freeze.values(), key=lambda f: -f["amount"]),
        "cashed_out": [
            {"kind": k, "to": to, "amount": round(a, 2)}
            for (k, to), a in sorted(sinks.items(), key=lambda x: -x[1])
        ],
    }
