"""Entry point: stream a reproducible synthetic operator's CDR, roaming, usage and labels.

Day by day: the day's ordinary calls and SIM-box bursts are drawn vectorised, the planned
spoofing calls of that day are merged in, the block is sorted by start and appended as row
groups together with the day's usage, so memory stays flat however many days are asked for.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from saqbol.detectors.calls.columns import KZ_OPERATORS, ROUTES
from saqbol.synth.calls.fraud import plan_spoofing, simbox_day
from saqbol.synth.calls.numbers import fixed_strings
from saqbol.synth.calls.population import Population, build_population
from saqbol.synth.calls.tables import (
    KINDS,
    KZ_UTC_OFFSET_H,
    ORIG_NAMES,
    OWN,
    SCENARIOS,
    US_PER_DAY,
    US_PER_H,
    Batch,
    concat,
    empty_batch,
    take,
)
from saqbol.synth.calls.traffic import Router, Traffic

TS = pa.timestamp("us", tz="UTC")
CDR_ARROW = pa.schema(
    [("call_id", pa.string()), ("start", TS), ("duration_s", pa.int32()),
     ("answered", pa.bool_()), ("a_number", pa.string()), ("b_number", pa.string()),
     ("route", pa.string()), ("gateway_id", pa.string()), ("orig_operator", pa.string()),
     ("imsi", pa.string()), ("imei", pa.string()), ("cell_id", pa.string())]
)  # fmt: skip
TRUTH_ARROW = pa.schema(
    [("call_id", pa.string()), ("is_spoofed", pa.bool_()), ("scenario", pa.string())]
)
USAGE_ARROW = pa.schema(
    [("imsi", pa.string()), ("msisdn", pa.string()), ("day", pa.date32()),
     ("sms_out", pa.int32()), ("sms_in", pa.int32()), ("data_mb", pa.float64()),
     ("calls_in", pa.int32())]
)  # fmt: skip
ROW_GROUP = 262_144
EPOCH = date(1970, 1, 1)
# Dictionary-encode only the low-cardinality strings and keep min/max statistics only where a
# reader filters (time, ids): both halve the writing time; zstd halves the size at no cost.
CDR_OPTIONS = {
    "compression": "zstd",
    "use_dictionary": ["route", "gateway_id", "orig_operator", "cell_id"],
    "write_statistics": ["call_id", "start"],
}
TRUTH_OPTIONS = {
    "compression": "zstd",
    "use_dictionary": ["scenario"],
    "write_statistics": ["call_id"],
}
USAGE_OPTIONS = {"compression": "zstd", "use_dictionary": ["day"], "write_statistics": ["day"]}
FILES = ("cdr", "truth_calls", "usage", "roaming", "subscribers", "truth_sims", "sip_trunks")


@dataclass(frozen=True)
class CallsSummary:
    """What was written: counts for a log line or a test, and where the files are."""

    calls: int
    spoofed_calls: int
    scenarios: Mapping[str, int]  # calls per scenario other than "none"
    sims: int
    simbox_sims: int
    roaming_records: int
    usage_rows: int
    campaigns: int
    paths: Mapping[str, Path]


def call_ids(first: int, n: int) -> pa.StringArray:
    """``C`` + 11-digit sequence numbers first..first+n-1, built straight into Arrow buffers."""
    return fixed_strings("C", np.arange(first, first + n, dtype=np.int64), 11)


def _idx(codes: np.ndarray) -> pa.Array:
    """Take-indices with -1 read as null."""
    return pa.array(codes.astype(np.int64), mask=codes < 0)


class _Writer:
    """Looks coded calls up in the string tables and writes CDR and truth rows."""

    def __init__(self, pop: Population) -> None:
        self.pop = pop
        self.numbers = pop.book.numbers
        self.route = pa.array(list(ROUTES), pa.string())
        self.orig = pa.array(list(ORIG_NAMES), pa.string())
        self.scenario = pa.array(list(SCENARIOS), pa.string())

    def calls(self, b: Batch, first_id: int) -> tuple[pa.Table, pa.Table]:
        pop = self.pop
        n = len(b["start"])
        call_id = call_ids(first_id, n)
        a = self.numbers.take(pa.array(b["a"]))
        if b["a_national"].any():
            nat = pa.array(b["a_national"])
            nat = pc.and_(nat, pc.starts_with(a, "+7"))
            a = pc.if_else(nat, pc.utf8_replace_slice(a, 0, 2, "8"), a)
        cols = [
            call_id,
            pa.array(b["start"], TS),
            pa.array(b["duration"], pa.int32()),
            pa.array(b["answered"]),
            a,
            self.numbers.take(pa.array(b["b"])),
            self.route.take(pa.array(b["route"].astype(np.int64))),
            pop.gateways.take(_idx(b["gateway"])),
            self.orig.take(pa.array(b["orig"].astype(np.int64))),
            pop.imsi.take(_idx(b["sim"])),
            pop.imei_table.take(_idx(b["imei"])),
            pop.cell_table.take(_idx(b["cell"])),
        ]
        truth = [
            call_id,
            pa.array(b["spoofed"]),
            self.scenario.take(pa.array(b["scenario"].astype(np.int64))),
        ]
        return (
            pa.Table.from_arrays(cols, schema=CDR_ARROW),
            pa.Table.from_arrays(truth, schema=TRUTH_ARROW),
        )

    def usage(self, u: dict[str, np.ndarray], day: date) -> pa.Table:
        sims = pa.array(u["sim"].astype(np.int64))
        n = len(u["sim"])
        return pa.Table.from_arrays(
            [
                self.pop.imsi.take(sims),
                self.numbers.take(sims),
                pa.array(np.full(n, (day - EPOCH).days, dtype=np.int32), pa.date32()),
                pa.array(u["sms_out"], pa.int32()),
                pa.array(u["sms_in"], pa.int32()),
                pa.array(u["data_mb"], pa.float64()),
                pa.array(u["calls_in"], pa.int32()),
            ],
            schema=USAGE_ARROW,
        )


def _local_dates(us: np.ndarray) -> pa.Array:
    days = (us + KZ_UTC_OFFSET_H * US_PER_H) // US_PER_DAY
    return pa.array(days.astype(np.int32), pa.date32())


def _static_tables(pop: Population) -> dict[str, pa.Table]:
    """Subscribers, SIM labels, roaming records and SIP trunk numbers."""
    S = pop.n_sims
    sims = pa.array(np.arange(S, dtype=np.int64))
    kinds = pa.array(list(KINDS), pa.string())
    trips = pop.trips
    trunks = pop.trunks
    did_trunk = np.repeat(np.arange(len(trunks.did_n)), trunks.did_n)
    did = np.concatenate(
        [lo + np.arange(k) for lo, k in zip(trunks.did_lo, trunks.did_n, strict=True)]
    )
    return {
        "subscribers": pa.table(
            {
                "imsi": pop.imsi,
                "msisdn": pop.book.numbers.take(sims),
                "imei": pop.imei_table.take(pa.array(pop.imei1.astype(np.int64))),
                "home_cell": pop.cell_table.take(pa.array(pop.cells[:, 0].astype(np.int64))),
                "activated": _local_dates(pop.activated_us),
                "kind": kinds.take(pa.array(pop.kind.astype(np.int64))),
            }
        ),
        "truth_sims": pa.table(
            {"imsi": pop.imsi, "is_simbox": pa.array(pop.kind == KINDS.index("simbox"))}
        ),
        "roaming": pa.table(
            {
                "msisdn": pop.book.numbers.take(pa.array(trips.num)),
                "roaming_from": pa.array(trips.from_us, TS),
                "roaming_to": pa.array(trips.to_us, TS),
                "operator": pa.array(list(KZ_OPERATORS), pa.string()).take(
                    pa.array(pop.book.op[trips.num].astype(np.int64))
                ),
                "answered_by_exchange": pa.array(trips.answered),
            }
        ),
        "sip_trunks": pa.table(
            {
                "gateway_id": pop.gateways.take(
                    pa.array(trunks.gateway[did_trunk].astype(np.int64))
                ),
                "customer": pa.array(trunks.name, pa.string()).take(pa.array(did_trunk)),
                "number": pop.book.numbers.take(pa.array(did)),
            }
        ),
    }


def generate_calls(
    *,
    seed: int,
    subscribers: int,
    days: int,
    out_dir: Path,
    start: date = date(2026, 1, 1),
    progress: Callable[[int, int], None] | None = None,
) -> CallsSummary:
    """Write cdr, truth_calls, usage, roaming, subscribers, truth_sims and sip_trunks Parquet."""
    if subscribers < 500 or days < 1:
        raise ValueError("need at least 500 subscribers and 1 day")
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    midnight = datetime(start.year, start.month, start.day, tzinfo=UTC)
    start_us = int(midnight.timestamp()) * 1_000_000 - KZ_UTC_OFFSET_H * US_PER_H

    pop = build_population(np.random.default_rng([seed, 1]), subscribers, days, start_us)
    router = Router(pop)
    rare, campaigns = plan_spoofing(np.random.default_rng([seed, 3]), pop, router, days)
    rare = take(rare, np.argsort(rare["start"], kind="stable"))
    bounds = np.searchsorted(rare["start"], start_us + np.arange(days + 1) * US_PER_DAY)
    traffic = Traffic(pop, router)
    writer = _Writer(pop)
    paths = {name: out_dir / f"{name}.parquet" for name in FILES}
    rng_day = np.random.default_rng([seed, 2])
    rng_box = np.random.default_rng([seed, 4])
    rng_use = np.random.default_rng([seed, 5])
    n_written = 0
    n_usage = 0
    scenario_counts = np.zeros(len(SCENARIOS), dtype=np.int64)
    with (
        pq.ParquetWriter(paths["cdr"], CDR_ARROW, **CDR_OPTIONS) as cdr_out,
        pq.ParquetWriter(paths["truth_calls"], TRUTH_ARROW, **TRUTH_OPTIONS) as truth_out,
        pq.ParquetWriter(paths["usage"], USAGE_ARROW, **USAGE_OPTIONS) as usage_out,
    ):
        pending = empty_batch()

        def write(block: Batch, final: bool) -> Batch:
            """Write whole row groups (all of it when final); return the rest."""
            nonlocal n_written
            n = len(block["start"])
            cut = n if final else n - n % ROW_GROUP
            for lo in range(0, cut, ROW_GROUP):
                part = {k: v[lo : min(lo + ROW_GROUP, cut)] for k, v in block.items()}
                cdr, truth = writer.calls(part, n_written + 1)
                cdr_out.write_table(cdr, row_group_size=ROW_GROUP)
                truth_out.write_table(truth, row_group_size=ROW_GROUP)
                n_written += len(part["start"])
            return {k: v[cut:] for k, v in block.items()}

        for d in range(days):
            day = start + timedelta(days=d)
            block = concat(
                [
                    traffic.day(rng_day, d, day),
                    simbox_day(rng_box, pop, router, d),
                    take(rare, np.arange(bounds[d], bounds[d + 1])),
                ]
            )
            block = take(block, np.argsort(block["start"], kind="stable"))
            scenario_counts += np.bincount(block["scenario"], minlength=len(SCENARIOS))
            own_b = block["b"][pop.book.section[block["b"]] == OWN]
            calls_in = np.bincount(own_b, minlength=pop.n_sims)
            pending = write(concat([pending, block]), final=False)
            del block, own_b
            usage = traffic.usage(rng_use, d, calls_in)
            usage_out.write_table(writer.usage(usage, day), row_group_size=ROW_GROUP)
            n_usage += len(usage["sim"])
            if progress is not None:
                progress(d + 1, days)
        write(pending, final=True)

    for name, table in _static_tables(pop).items():
        pq.write_table(table, paths[name])
    per_scenario = {s: int(c) for s, c in zip(SCENARIOS, scenario_counts, strict=True)}
    del per_scenario["none"]
    spoofed = sum(
        v for k, v in per_scenario.items() if k not in ("simbox_termination", "roaming_genuine")
    )
    return CallsSummary(
        calls=n_written,
        spoofed_calls=spoofed,
        scenarios=per_scenario,
        sims=pop.n_sims,
        simbox_sims=pop.n_sims - pop.n_ordinary,
        roaming_records=len(pop.trips.num),
        usage_rows=n_usage,
        campaigns=campaigns,
        paths=paths,
    )
