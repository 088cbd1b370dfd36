"""Tracing and drop verdicts for the API and the CLI: load a transfer file once, answer many.

The graph of a transfer file (``SAQBOL_TRANSFERS_PATH``, the bank's export) is built on first
use and rebuilt when the file changes; the drop verdicts are read from the output of
``saqbol mules`` (``SAQBOL_MULES_PATH``) the same way. Building a 10-million-transfer graph
takes a minute; a trace on it then takes milliseconds.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import polars as pl

from saqbol.detectors.mules.graph import TransferGraph, build_graph
from saqbol.detectors.mules.trace import Trace, find_edge, trace_payment
from saqbol.errors import NotFound
from saqbol.services.cached import FileCached
from saqbol.services.mule_batch import normalise, read_table


def graph_file(path: str | Path | None, rates: Mapping[str, float]) -> FileCached[TransferGraph]:
    """The transfer graph of ``SAQBOL_TRANSFERS_PATH``, built again when the file changes."""

    def load(source: Path) -> TransferGraph:
        return build_graph(normalise(read_table(source), rates).transfers)

    return FileCached(path, "transfer file (SAQBOL_TRANSFERS_PATH)", load)


def verdict_file(path: str | Path | None) -> FileCached[pl.DataFrame]:
    """The output of ``saqbol mules`` (``SAQBOL_MULES_PATH``), sorted for lookups."""
    return FileCached(
        path,
        "drop verdict file (SAQBOL_MULES_PATH, from `saqbol mules`)",
        lambda source: pl.read_parquet(source).sort("account_id"),
    )


def verdict(verdicts: pl.DataFrame, account_id: str) -> dict[str, Any]:
    i = int(verdicts["account_id"].search_sorted(account_id))
    if i >= verdicts.height or verdicts["account_id"][i] != account_id:
        raise NotFound(f"account {account_id} is not in the scored transfers")
    return verdicts.row(i, named=True)


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
