"""Entry point: stream a reproducible synthetic bank's payments, loans and labels to Parquet.

Day by day: the day's ordinary payments are drawn vectorised, the pre-planned rare events of
that day (frauds, loans spent, big purchases) are merged in, the block is sorted by time and
appended as row groups, so memory stays flat however many days are asked for.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.parquet as pq

from saqbol.detectors.payments.columns import CHANNELS, CURRENCIES, PAYEE_TYPES
from saqbol.synth.payments.fraud import plan_fraud
from saqbol.synth.payments.laundering import accounts_truth, plan_laundering, with_new_accounts
from saqbol.synth.payments.normal import NormalDays, legit_specials
from saqbol.synth.payments.population import KINDS, REGION_SLUGS, Population, build_population
from saqbol.synth.payments.tables import (
    BANK_CODES,
    COUNTRIES,
    KZ_UTC_OFFSET_H,
    LAUNDERING_TYPOLOGIES,
    ROLES,
    SCENARIOS,
    US_PER_DAY,
    US_PER_H,
    Batch,
    concat,
    take,
)

TS = pa.timestamp("us", tz="UTC")
PAYMENT_ARROW = pa.schema(
    [("event_id", pa.string()), ("time", TS), ("payer_account", pa.string()),
     ("payer_bank", pa.string()), ("payee_type", pa.string()), ("payee", pa.string()),
     ("payee_account", pa.string()), ("payee_bank", pa.string()), ("payee_country", pa.string()),
     ("amount", pa.int64()), ("currency", pa.string()), ("channel", pa.string()),
     ("device_id", pa.string()), ("ip", pa.string()), ("remote_access", pa.bool_()),
     ("on_call", pa.bool_()), ("new_device", pa.bool_()), ("sim_changed", pa.bool_())]
)  # fmt: skip
TRUTH_ARROW = pa.schema(
    [("event_id", pa.string()), ("is_fraud", pa.bool_()), ("scenario", pa.string()),
     ("role", pa.string())]
)  # fmt: skip
LOAN_ARROW = pa.schema(
    [("event_id", pa.string()), ("time", TS), ("borrower_account", pa.string()),
     ("borrower_iin", pa.string()), ("lender", pa.string()), ("amount", pa.int64()),
     ("currency", pa.string()), ("online", pa.bool_())]
)  # fmt: skip
ROW_GROUP = 262_144


@dataclass(frozen=True)
class GenerationSummary:
    """What was written: counts for a log line or a test, and where the files are."""

    payments: int
    loans: int
    fraud_payments: int
    scenarios: Mapping[str, int]  # fraud payments per scenario
    mules: int
    victims: int
    reports: int
    paths: Mapping[str, Path]
    # laundering accounts (organiser, cash_out, mule) per typology, drop chains included
    typologies: Mapping[str, int] = field(default_factory=dict)


def fixed_ids(prefix: str, first: int, n: int, width: int) -> pa.StringArray:
    """``prefix`` + zero-padded numbers first..first+n-1, built straight into Arrow buffers."""
    nums = np.arange(first, first + n, dtype=np.int64)
    length = len(prefix) + width
    buf = np.empty((n, length), dtype=np.uint8)
    buf[:, : len(prefix)] = np.frombuffer(prefix.encode(), dtype=np.uint8)
    buf[:, len(prefix) :] = (nums[:, None] // 10 ** np.arange(width - 1, -1, -1)) % 10 + 48
    offsets = np.arange(0, (n + 1) * length, length, dtype=np.int32)
    return pa.StringArray.from_buffers(n, pa.py_buffer(offsets), pa.py_buffer(buf.tobytes()))


def _idx(codes: np.ndarray) -> pa.Array:
    """Take-indices with -1 read as null."""
    return pa.array(codes.astype(np.int64), mask=codes < 0)


class _Tables:
    """The string tables that coded events are looked up in when written."""

    def __init__(self, pop: Population) -> None:
        self.pop = pop
        self.iban = pa.array(pop.iban.tolist(), pa.string())
        self.bank_of = pop.bank.astype(np.int64)
        self.banks = pa.array(list(BANK_CODES), pa.string())
        self.payee = pa.array(pop.payees.values(), pa.string())
        self.device = pa.array(pop.devices.values(), pa.string())
        self.ip = pa.array(pop.ips.values(), pa.string())
        self.ptype = pa.array(list(PAYEE_TYPES), pa.string())
        self.country = pa.array(list(COUNTRIES), pa.string())
        self.currency = pa.array(list(CURRENCIES), pa.string())
        self.channel = pa.array(list(CHANNELS), pa.string())
        self.scenario = pa.array(list(SCENARIOS), pa.string())
        self.role = pa.array(list(ROLES), pa.string())

    def payments(self, b: Batch, first_id: int) -> tuple[pa.Table, pa.Table]:
        n = len(b["time"])
        event_id = fixed_ids("P", first_id, n, 10)
        cols = [
            event_id,
            pa.array(b["time"], TS),
            self.iban.take(b["payer"]),
            self.banks.take(self.bank_of[b["payer"]]),
            self.ptype.take(b["ptype"]),
            self.payee.take(b["payee"]),
            self.iban.take(_idx(b["payee_acct"])),
            self.banks.take(_idx(b["payee_bank"])),
            self.country.take(b["country"]),
            pa.array(b["amount"], pa.int64()),
            self.currency.take(b["currency"]),
            self.channel.take(b["channel"]),
            self.device.take(b["device"]),
            self.ip.take(b["ip"]),
            *(pa.array(b[k]) for k in ("remote", "on_call", "new_device", "sim_changed")),
        ]
        truth = [
            event_id,
            pa.array(b["fraud"]),
            self.scenario.take(b["scenario"]),
            self.role.take(b["role"]),
        ]
        return (
            pa.Table.from_arrays(cols, schema=PAYMENT_ARROW),
            pa.Table.from_arrays(truth, schema=TRUTH_ARROW),
        )


def _window(b: Batch, lo: int, hi: int) -> Batch:
    keep = (b["time"] >= lo) & (b["time"] < hi)
    return take(b, np.flatnonzero(keep))


def _accounts_table(pop: Population) -> pa.Table:
    person = (pop.kind == KINDS.index("person")) | (pop.kind == KINDS.index("mule"))
    rec = pop.recruited_us
    return pa.table(
        {
            "account": pa.array(pop.iban.tolist(), pa.string()),
            "card": pa.array(pop.card.tolist(), pa.string(), mask=~person),
            "phone": pa.array(pop.phone.tolist(), pa.string(), mask=~person),
            "iin": pa.array(pop.iin.tolist(), pa.string(), mask=~person),
            "region": pa.array([REGION_SLUGS[r] for r in pop.region.tolist()], pa.string()),
            "bank": pa.array([BANK_CODES[b] for b in pop.bank.tolist()], pa.string()),
            "kind": pa.array([KINDS[k] for k in pop.kind.tolist()], pa.string()),
            "recruited_at": pa.array(rec, TS, mask=rec < 0),
        }
    )


def generate_payments(
    *,
    seed: int,
    customers: int,
    days: int,
    out_dir: Path,
    start: date = date(2026, 1, 1),
    progress: Callable[[int, int], None] | None = None,
    mules: bool = False,
) -> GenerationSummary:
    """Write payments, loans, truth, accounts, accounts_truth and reports Parquet files.

    ``mules`` adds the laundering typologies and their legitimate look-alikes (own random
    stream, so every other payment stays exactly as without it).
    """
    if customers < 50 or days < 1:
        raise ValueError("need at least 50 customers and 1 day")
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    local_midnight = datetime(start.year, start.month, start.day, tzinfo=UTC)
    start_us = int(local_midnight.timestamp()) * 1_000_000 - KZ_UTC_OFFSET_H * US_PER_H
    end_us = start_us + days * US_PER_DAY

    pop = build_population(np.random.default_rng([seed, 1]), customers, days, start_us)
    loans: list[tuple[int, int, str, int, bool]] = []
    specials = legit_specials(np.random.default_rng([seed, 2]), pop, days, loans)
    plan = plan_fraud(np.random.default_rng([seed, 3]), pop, days, loans)
    laundering = None
    rare_parts = [specials, plan.events]
    if mules:
        laundering = plan_laundering(np.random.default_rng([seed, 5]), pop, days, plan.events)
        pop = with_new_accounts(pop, laundering.accounts)
        rare_parts.append(laundering.events)
    rare = _window(concat(rare_parts), start_us, end_us)
    rare = take(rare, np.argsort(rare["time"], kind="stable"))
    bounds = np.searchsorted(rare["time"], start_us + np.arange(days + 1) * US_PER_DAY)

    tables = _Tables(pop)
    normal = NormalDays(pop)
    paths = {
        name: out_dir / f"{name}.parquet"
        for name in ("payments", "truth", "loans", "accounts", "reports", "accounts_truth")
    }
    rng = np.random.default_rng([seed, 4])
    n_written = 0
    scenario_counts = np.zeros(len(SCENARIOS), dtype=np.int64)
    pending: list[Batch] = []
    pending_rows = 0
    with (
        pq.ParquetWriter(paths["payments"], PAYMENT_ARROW) as pay_out,
        pq.ParquetWriter(paths["truth"], TRUTH_ARROW) as truth_out,
    ):

        def flush() -> None:
            nonlocal n_written, pending, pending_rows
            if not pending:
                return
            block = concat(pending)
            pay, truth = tables.payments(block, n_written + 1)
            pay_out.write_table(pay, row_group_size=ROW_GROUP)
            truth_out.write_table(truth, row_group_size=ROW_GROUP)
            n_written += len(block["time"])
            pending, pending_rows = [], 0

        for d in range(days):
            day = start + timedelta(days=d)
            block = concat(
                [normal.day(rng, d, day), take(rare, np.arange(bounds[d], bounds[d + 1]))]
            )
            block = take(block, np.argsort(block["time"], kind="stable"))
            scenario_counts += np.bincount(block["scenario"], minlength=len(SCENARIOS))
            pending.append(block)
            pending_rows += len(block["time"])
            if pending_rows >= ROW_GROUP:
                flush()
            if progress is not None:
                progress(d + 1, days)
        flush()

    n_loans = _write_loans(pop, loans, start_us, end_us, paths["loans"])
    pq.write_table(_accounts_table(pop), paths["accounts"])
    reports = pa.table(
        {
            "reported_at": pa.array([r.reported_us for r in plan.reports], TS),
            "type": pa.array([r.kind for r in plan.reports], pa.string()),
            "value": pa.array([r.value for r in plan.reports], pa.string()),
            "scenario": pa.array([r.scenario for r in plan.reports], pa.string()),
        }
    )
    pq.write_table(reports, paths["reports"])
    truth_table, per_typology = accounts_truth(pop, plan.events, laundering)
    pq.write_table(truth_table, paths["accounts_truth"])
    per_scenario = {s: int(c) for s, c in zip(SCENARIOS, scenario_counts, strict=True)}
    del per_scenario["none"]
    if not mules:
        for name in LAUNDERING_TYPOLOGIES:
            del per_scenario[name]
    return GenerationSummary(
        payments=n_written,
        loans=n_loans,
        fraud_payments=sum(per_scenario.values()),
        scenarios=per_scenario,
        mules=len(pop.mules),
        victims=plan.victims,
        reports=len(plan.reports),
        paths=paths,
        typologies=per_typology,
    )


def _write_loans(
    pop: Population, loans: list[tuple[int, int, str, int, bool]], lo: int, hi: int, path: Path
) -> int:
    kept = sorted((x for x in loans if lo <= x[0] < hi), key=lambda x: (x[0], x[1], x[2], x[3]))
    n = len(kept)
    borrower = np.array([x[1] for x in kept], dtype=np.int64)
    table = pa.Table.from_arrays(
        [
            fixed_ids("L", 1, n, 9),
            pa.array([x[0] for x in kept], TS),
            pa.array(pop.iban[borrower].tolist(), pa.string()),
            pa.array(pop.iin[borrower].tolist(), pa.string()),
            pa.array([x[2] for x in kept], pa.string()),
            pa.array([x[3] for x in kept], pa.int64()),
            pa.array(["KZT"] * n, pa.string()),
            pa.array([x[4] for x in kept], pa.bool_()),
        ],
        schema=LOAN_ARROW,
    )
    pq.write_table(table, path)
    return n
