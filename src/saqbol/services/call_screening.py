"""The operator-side shell around the call detectors: read a CDR directory, screen every call
in batches (memory stays flat however many calls), rank the SIMs, count the day's verdicts.

A CDR directory holds ``cdr.parquet`` and, where the operator has them, ``roaming.parquet``,
``sip_trunks.parquet``, ``usage.parquet`` and ``subscribers.parquet`` (schemas in
``saqbol/detectors/calls/columns.py``).

Bad records get a documented outcome and the batch goes on: a call with no id or start time,
a negative duration or a route outside ``ROUTES`` gets the verdict ``error`` and the reason
``call.bad_record`` naming the field, and is left out of the SIM features; a number that is
not a number is screened (``call.invalid_number`` on international and SIP routes).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import polars as pl
import pyarrow.parquet as pq

from saqbol.detectors.calls.columns import ROUTES
from saqbol.detectors.calls.screen import CallRules, ScreenContext, screen_calls
from saqbol.detectors.calls.simbox import SimboxDetector, sim_features
from saqbol.errors import InvalidInput
from saqbol.rules import load_call_rules, load_protected_numbers

BATCH_ROWS = 1_000_000
CDR_COLUMNS = ("call_id", "start", "duration_s", "answered", "a_number", "b_number", "route",
               "gateway_id", "imsi", "imei", "cell_id")  # fmt: skip
LOCAL = "5h"
BAD_RECORD = {"kk": "Жазба қате: {field}", "ru": "Ошибка в записи: {field}",
              "en": "Bad record: {field}"}  # fmt: skip


@dataclass
class ScreeningSummary:
    calls: int = 0
    verdicts: dict[str, int] = field(default_factory=dict)
    reasons: dict[str, int] = field(default_factory=dict)
    sims: int = 0
    sims_flagged: int = 0
    paths: dict[str, Path] = field(default_factory=dict)


def load_context(directory: Path, reported: frozenset[str] = frozenset(),
                 blocked: frozenset[str] = frozenset()) -> ScreenContext:  # fmt: skip
    """Protected numbers from the rules, roaming and trunks from the directory if present."""

    def optional(name: str) -> pl.DataFrame | None:
        path = directory / name
        return pl.read_parquet(path) if path.is_file() else None

    return ScreenContext(
        protected=load_protected_numbers(),
        roaming=optional("roaming.parquet"),
        trunk_numbers=optional("sip_trunks.parquet"),
        reported=reported,
        blocked=blocked,
    )


def bad_records(frame: pl.DataFrame) -> pl.Series:
    """Per row: the name of the first bad field, or null."""
    return frame.select(
        pl.when(pl.col("call_id").is_null())
        .then(pl.lit("call_id"))
        .when(pl.col("start").is_null())
        .then(pl.lit("start"))
        .when(pl.col("duration_s") < 0)
        .then(pl.lit("duration_s"))
        .when(~pl.col("route").is_in(ROUTES).fill_null(False))
        .then(pl.lit("route"))
        .otherwise(pl.lit(None, pl.String))
        .alias("bad")
    ).to_series()


def screen_frame(frame: pl.DataFrame, ctx: ScreenContext, rules: CallRules) -> pl.DataFrame:
    """Screen a batch: bad records get ``error``; the rest the detector's verdict."""
    bad = bad_records(frame)
    good = frame.filter(bad.is_null())
    screened = screen_calls(good, ctx, rules)
    if bad.null_count() == len(bad):
        return screened
    errors = frame.filter(bad.is_not_null()).select(
        pl.col("call_id"),
        pl.lit("error").alias("verdict"),
        pl.concat_list(pl.lit("call.bad_record:") + bad.filter(bad.is_not_null())).alias("reasons"),
        pl.lit(None, pl.String).alias("number"),
        pl.lit(None, pl.String).alias("number_kind"),
        pl.lit(None, pl.String).alias("roaming_state"),
    )
    return pl.concat([screened, errors])


def read_sim_features(directory: Path) -> pl.DataFrame:
    """Per-SIM features of every own-network SIM that made a call (good records only)."""
    cdr = _cdr_path(directory)
    calls = (
        pl.scan_parquet(cdr)
        .filter(pl.col("route") == "own_mobile")
        .filter(pl.col("imsi").is_not_null() & pl.col("start").is_not_null())
        .filter(pl.col("duration_s") >= 0)
        .select("imsi", "imei", "cell_id", "b_number", "start", "duration_s", "answered")
    )

    def optional(name: str) -> pl.LazyFrame | None:
        path = directory / name
        return pl.scan_parquet(path) if path.is_file() else None

    return sim_features(calls, optional("usage.parquet"), optional("subscribers.parquet"))


def _cdr_path(directory: Path) -> Path:
    path = directory / "cdr.parquet" if directory.is_dir() else directory
    if not path.is_file():
        raise InvalidInput(f"no CDR file at {path}", field="input")
    return path


def screen_directory(
    directory: Path,
    out_dir: Path,
    sim_detector: SimboxDetector | None,
    *,
    context: ScreenContext | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> ScreeningSummary:
    """Write ``calls.parquet``, ``daily.parquet`` and (with a detector) ``sims.parquet``."""
    source = _cdr_path(directory)
    base = directory if directory.is_dir() else directory.parent
    ctx = context or load_context(base)
    rules = load_call_rules()
    out_dir.mkdir(parents=True, exist_ok=True)
    summary = ScreeningSummary(paths={"calls": out_dir / "calls.parquet",
                                      "daily": out_dir / "daily.parquet"})  # fmt: skip
    try:
        parquet = pq.ParquetFile(source)
    except OSError as exc:
        raise InvalidInput(f"cannot read {source.name}: {exc}", field="input") from None
    missing = [c for c in CDR_COLUMNS if c not in parquet.schema_arrow.names]
    if missing:
        raise InvalidInput(f"missing columns: {', '.join(missing)}", field="input")
    total = parquet.metadata.num_rows
    daily: list[pl.DataFrame] = []
    writer: pq.ParquetWriter | None = None
    try:
        for batch in parquet.iter_batches(batch_size=BATCH_ROWS, columns=list(CDR_COLUMNS)):
            frame = pl.from_arrow(batch)
            assert isinstance(frame, pl.DataFrame)
            result = screen_frame(frame, ctx, rules)
            table = result.select("call_id", "verdict", "reasons", "number_kind").to_arrow()
            if writer is None:
                writer = pq.ParquetWriter(summary.paths["calls"], table.schema)
            writer.write_table(table)
            daily.append(_daily(frame, result))
            summary.calls += frame.height
            if progress is not None:
                progress(summary.calls, total)
    finally:
        if writer is not None:
            writer.close()
    counts = (
        pl.concat(daily).group_by("day", "verdict", "reason").agg(pl.col("calls").sum())
        if daily
        else pl.DataFrame(
            schema={"day": pl.Date, "verdict": pl.String, "reason": pl.String, "calls": pl.UInt32}
        )
    ).sort("day", "verdict", "reason")
    counts.write_parquet(summary.paths["daily"])
    by_verdict = (
        counts.filter(pl.col("reason") == "").group_by("verdict").agg(pl.col("calls").sum())
    )
    summary.verdicts = {v: int(c) for v, c in by_verdict.iter_rows()}
    by_reason = counts.filter(pl.col("reason") != "").group_by("reason").agg(pl.col("calls").sum())
    summary.reasons = {r: int(c) for r, c in by_reason.sort("reason").iter_rows()}
    if sim_detector is not None:
        ranked = sim_detector.score(read_sim_features(base))
        summary.paths["sims"] = out_dir / "sims.parquet"
        ranked.write_parquet(summary.paths["sims"])
        summary.sims, summary.sims_flagged = ranked.height, int(ranked["flagged"].sum())
    return summary


def _daily(frame: pl.DataFrame, result: pl.DataFrame) -> pl.DataFrame:
    """Calls per local day and verdict (reason ""), and per day, verdict and reason."""
    joined = result.select("call_id", "verdict", "reasons").join(
        frame.select("call_id", pl.col("start").dt.offset_by(LOCAL).dt.date().alias("day")),
        on="call_id",
        how="left",
    )
    per_verdict = joined.group_by("day", "verdict").agg(pl.len().alias("calls"))
    per_reason = (
        joined.filter(pl.col("verdict") != "allow")
        .explode("reasons")
        .group_by("day", "verdict", pl.col("reasons").alias("reason"))
        .agg(pl.len().alias("calls"))
    )
    return pl.concat(
        [
            per_verdict.with_columns(pl.lit("").alias("reason")).select(
                "day", "verdict", "reason", "calls"
            ),
            per_reason.select("day", "verdict", "reason", "calls"),
        ]
    )


def render_reasons(
    codes: list[str], lang: str, values: dict[str, Any] | None = None
) -> list[dict[str, str]]:
    """Reason codes of a call in words."""
    rules = load_call_rules()
    out = []
    for code in codes:
        base = code.split(":", 1)[0]
        texts = rules.text.get(base)
        if texts is None:
            text = BAD_RECORD[lang if lang in BAD_RECORD else "ru"]
            out.append({"code": code, "text": text.format(field=code.partition(":")[2])})
            continue
        template = texts.get(lang) or texts["ru"]
        out.append({"code": code, "text": template.format_map({"owner": "", **(values or {})})})
    return out
