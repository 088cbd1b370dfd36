"""Score a file of payments: read, check every row, compute features columnar, score, write.

Bad rows are not dropped: each gets ``decision = review``, a null score, the reason
``pay.invalid`` and an ``error`` naming the field and the problem; they are left out of every
account's history. A repeated ``event_id`` gets the first occurrence's result and is counted
once (the same as the API). Rows may come in any order; features are computed in time order
(ties in file order) and the output keeps the input order.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Final

import numpy as np
import polars as pl
from sqlalchemy import select
from sqlalchemy.orm import Session

from saqbol.detectors.payments.columns import (
    CHANNELS,
    CURRENCIES,
    LOAN_SCHEMA,
    PAYEE_TYPES,
    PAYMENT_SCHEMA,
)
from saqbol.detectors.payments.detector import (
    DECISIONS,
    REGISTRY_LINKED,
    REGISTRY_LISTED,
    REGISTRY_NONE,
    PaymentDetector,
)
from saqbol.detectors.payments.features import batch_features
from saqbol.detectors.payments.payees import normalise_payee, payee_problem
from saqbol.errors import InvalidInput
from saqbol.schemas import FUTURE_TOLERANCE, MAX_TIYN
from saqbol.services.payment_scoring import LISTED_STATUSES
from saqbol.store.tables import Entity

READERS: Final = (".parquet", ".csv", ".jsonl", ".ndjson")
_EVENT_ID = r"^[\w.:-]{1,100}$"

Progress = Callable[[str], None]
# What the features and the registry read of a payment.
FEATURE_INPUTS: Final = (
    "time",
    "payer_account",
    "payee_type",
    "payee",
    "payee_account",
    "payee_country",
    "amount",
    "currency",
    "remote_access",
    "on_call",
    "new_device",
    "sim_changed",
)


@dataclass(frozen=True, slots=True)
class BatchResult:
    scores: pl.DataFrame  # event_id, score, decision, reasons, rule_score, model_score, error
    invalid: int
    duplicates: int


def read_events(path: Path, schema: dict[str, pl.DataType]) -> pl.DataFrame:
    """Read Parquet, CSV or JSON Lines into ``schema``; a missing column is an InvalidInput."""
    suffix = path.suffix.lower()
    if suffix not in READERS:
        raise InvalidInput(f"unsupported file type {suffix!r}; expected {READERS}", field="input")
    if not path.is_file():
        raise InvalidInput(f"no such file: {path}", field="input")
    try:
        if suffix == ".parquet":
            frame = pl.read_parquet(path)
        elif suffix == ".csv":
            frame = pl.read_csv(path, infer_schema=False)
        else:
            frame = pl.read_ndjson(path, infer_schema_length=None)
    except (pl.exceptions.PolarsError, OSError) as exc:
        raise InvalidInput(f"cannot read {path.name}: {exc}", field="input") from None
    missing = [c for c in schema if c not in frame.columns]
    optional = {"payee_account", "payee_bank", "device_id", "ip"}
    required_missing = [c for c in missing if c not in optional]
    if required_missing:
        raise InvalidInput(f"missing columns: {', '.join(required_missing)}", field="input")
    frame = frame.with_columns(pl.lit(None, dtype=pl.String).alias(c) for c in missing)
    return _coerce(frame.select(list(schema)), schema)


def _coerce(frame: pl.DataFrame, schema: dict[str, pl.DataType]) -> pl.DataFrame:
    """Cast to the schema; a value that does not cast becomes null (and is reported later)."""
    exprs = []
    for name, dtype in schema.items():
        col = pl.col(name)
        current = frame.schema[name]
        if current == dtype:
            exprs.append(col)
        elif isinstance(dtype, pl.Datetime):
            if current == pl.String:
                parsed = col.str.to_datetime(time_zone="UTC", strict=False, time_unit="us")
            else:
                parsed = col.cast(dtype, strict=False)
            exprs.append(parsed.dt.convert_time_zone("UTC").cast(dtype).alias(name))
        elif dtype == pl.Boolean() and current == pl.String:
            lowered = col.str.to_lowercase()
            exprs.append(
                pl.when(lowered.is_in(["true", "1", "yes"]))
                .then(True)
                .when(lowered.is_in(["false", "0", "no", ""]))
                .then(False)
                .otherwise(None)
                .alias(name)
            )
        else:
            exprs.append(col.cast(dtype, strict=False).alias(name))
    return frame.select(exprs)


def _checked_values(
    values: pl.Series, check: Callable[[str], tuple[str | None, str | None]]
) -> tuple[pl.Series | None, pl.Series | None]:
    """Run ``check`` once per distinct value: (normalised, problem) columns, each None when
    nothing changes (every value already normalised, no problem): the common case, which
    then costs no join over the rows."""
    distinct = values.drop_nulls().unique()
    results = [check(v) for v in distinct.to_list()]
    problems = [r[1] for r in results]
    norms = [r[0] for r in results]
    changed = any(p is not None for p in problems) or norms != distinct.to_list()
    if not changed:
        return None, None
    lookup = pl.DataFrame(
        {"raw": distinct, "norm": norms, "problem": problems},
        schema={"raw": pl.String, "norm": pl.String, "problem": pl.String},
    )
    joined = pl.DataFrame({"raw": values}).join(lookup, on="raw", how="left", maintain_order="left")
    return joined["norm"], joined["problem"]


def _iban(value: str) -> tuple[str | None, str | None]:
    try:
        return normalise_payee("iban", value), None
    except ValueError as exc:
        return None, str(exc)


def _payee(joined: str) -> tuple[str | None, str | None]:
    kind, value = joined.split("\x00", 1)
    if kind not in PAYEE_TYPES:
        return joined, None  # reported on payee_type
    problem = payee_problem(kind, value)
    return (None, problem) if problem else (kind + "\x00" + normalise_payee(kind, value), None)


def validate_payments(frame: pl.DataFrame, now: datetime | None = None) -> pl.DataFrame:
    """Normalise identifiers and add ``error`` ("field: problem", null when the row is good)."""
    now = now or datetime.now(UTC)
    payer_norm, payer_problem = _checked_values(frame["payer_account"], _iban)
    account_norm, account_problem = _checked_values(frame["payee_account"], _iban)
    pair = frame["payee_type"] + "\x00" + frame["payee"]
    payee_norm, payee_bad = _checked_values(pair, _payee)
    nothing = pl.lit(None, dtype=pl.String)
    work = frame.with_columns(
        payee_country=pl.col("payee_country").fill_null("KZ"),
        payer_account=pl.coalesce(payer_norm, "payer_account")
        if payer_norm is not None
        else pl.col("payer_account"),
        payee_account=pl.coalesce(account_norm, "payee_account")
        if account_norm is not None
        else pl.col("payee_account"),
        payee=pl.coalesce(payee_norm.str.split_exact("\x00", 1).struct.field("field_1"), "payee")
        if payee_norm is not None
        else pl.col("payee"),
        _payer_problem=payer_problem if payer_problem is not None else nothing,
        _payee_problem=payee_bad if payee_bad is not None else nothing,
        _account_problem=account_problem if account_problem is not None else nothing,
    )
    limit = now + FUTURE_TOLERANCE
    # (field, row is bad, message; None: the message is the identifier check's own)
    checks: list[tuple[str, pl.Expr, str | pl.Expr]] = [
        ("event_id", pl.col("event_id").is_null(), "is missing"),
        (
            "event_id",
            ~pl.col("event_id").str.contains(_EVENT_ID),
            "must be 1-100 of [A-Za-z0-9_.:-]",
        ),
        ("time", pl.col("time").is_null(), "is missing or not a date-time"),
        ("time", pl.col("time") > pl.lit(limit), "is more than 5 minutes in the future"),
        ("payer_account", pl.col("payer_account").is_null(), "is missing"),
        ("payer_account", pl.col("_payer_problem").is_not_null(), pl.col("_payer_problem")),
        ("payee_type", ~pl.col("payee_type").is_in(PAYEE_TYPES).fill_null(False), "is unknown"),
        ("payee", pl.col("payee").is_null(), "is missing"),
        ("payee", pl.col("_payee_problem").is_not_null(), pl.col("_payee_problem")),
        ("payee_account", pl.col("_account_problem").is_not_null(), pl.col("_account_problem")),
        ("payee_country", ~pl.col("payee_country").str.contains(r"^[A-Z]{2}$"), "is not ISO 3166"),
        ("amount", pl.col("amount").is_null(), "is missing or not an integer"),
        ("amount", pl.col("amount") <= 0, "must be more than 0 tiyn"),
        ("amount", pl.col("amount") > MAX_TIYN, "is too large"),
        ("currency", ~pl.col("currency").is_in(CURRENCIES).fill_null(False), "is unknown"),
        ("channel", ~pl.col("channel").is_in(CHANNELS).fill_null(False), "is unknown"),
    ]
    for flag in ("remote_access", "on_call", "new_device", "sim_changed"):
        checks.append((flag, pl.col(flag).is_null(), "must be true or false"))
    # Which rows are bad is one cheap pass; the messages are built for those rows only.
    work = work.with_columns(_bad=pl.any_horizontal([bad.fill_null(False) for _, bad, _ in checks]))
    error = nothing
    for name, bad, message in reversed(checks):
        text = pl.lit(f"{name}: ") + (pl.lit(message) if isinstance(message, str) else message)
        error = pl.when(bad.fill_null(False)).then(text).otherwise(error)
    if work["_bad"].any():
        work = work.with_columns(error=pl.when(pl.col("_bad")).then(error))
    else:
        work = work.with_columns(error=nothing)
    return work.drop("_payer_problem", "_payee_problem", "_account_problem", "_bad")


def registry_levels(payments: pl.DataFrame, reports: pl.DataFrame | None) -> np.ndarray:
    """REGISTRY_* per payment from complaints that came before it (time-aware).

    Listed: the payee, or the account behind it, was reported at or before the payment.
    Linked: an earlier payment to a since-reported card or phone went into the same account.
    """
    n = payments.height
    if reports is None or reports.height == 0 or n == 0:
        return np.zeros(n, dtype=np.int8)
    reported = (
        reports.select(
            key=pl.col("type") + ":" + pl.col("value"), at=pl.col("reported_at").cast(pl.Int64)
        )
        .group_by("key")
        .agg(pl.col("at").min())
    )
    pay = payments.select(
        t=pl.col("time").cast(pl.Int64),
        payee_key=pl.col("payee_type") + ":" + pl.col("payee"),
        account_key=pl.lit("iban:") + pl.col("payee_account"),
        account=pl.col("payee_account"),
    ).with_row_index("row")
    pay = (
        pay.join(reported.rename({"key": "payee_key", "at": "payee_at"}), "payee_key", "left")
        .join(reported.rename({"key": "account_key", "at": "account_at"}), "account_key", "left")
        .sort("row")
    )
    listed = (
        (pl.col("payee_at") <= pl.col("t")) | (pl.col("account_at") <= pl.col("t"))
    ).fill_null(False)
    # Each (account, reported payee) edge links the account from max(first use + 1, report).
    edges = (
        pay.filter(pl.col("account").is_not_null() & pl.col("payee_at").is_not_null())
        .group_by("account", "payee_key")
        .agg(first=pl.col("t").min(), at=pl.col("payee_at").first())
        .group_by("account")
        .agg(linked_from=pl.max_horizontal(pl.col("first") + 1, pl.col("at")).min())
    )
    pay = pay.join(edges, on="account", how="left").sort("row")
    linked = (pl.col("linked_from") <= pl.col("t")).fill_null(False)
    levels = pay.select(
        pl.when(listed)
        .then(REGISTRY_LISTED)
        .when(linked)
        .then(REGISTRY_LINKED)
        .otherwise(REGISTRY_NONE)
        .cast(pl.Int8)
    )
    return levels.to_series().to_numpy()


def registry_complaints(session: Session) -> pl.DataFrame:
    """The shared registry's listed cards, IBANs and phones as complaints (``reported_at`` =
    when the registry first saw them), for ``registry_levels``."""
    stmt = select(Entity.first_seen, Entity.kind, Entity.value).where(
        Entity.status.in_(LISTED_STATUSES), Entity.kind.in_(("card", "iban", "phone"))
    )
    rows = [(seen, kind, value) for seen, kind, value in session.execute(stmt)]
    return pl.DataFrame(
        rows,
        schema={"reported_at": PAYMENT_SCHEMA["time"], "type": pl.String, "value": pl.String},
        orient="row",
    )


def normalise_reports(reports: pl.DataFrame) -> pl.DataFrame:
    """Complaints as (reported_at, type, normalised value), bad rows dropped."""
    kinds = {"card", "iban", "phone"}
    rows = []
    for at, kind, value in reports.select("reported_at", "type", "value").iter_rows():
        if kind in kinds and not payee_problem(kind, value):
            rows.append((at, kind, normalise_payee(kind, value)))
    return pl.DataFrame(
        rows,
        schema={"reported_at": PAYMENT_SCHEMA["time"], "type": pl.String, "value": pl.String},
        orient="row",
    )


def score_payments(
    payments: pl.DataFrame,
    loans: pl.DataFrame | None,
    detector: PaymentDetector,
    *,
    reports: pl.DataFrame | None = None,
    now: datetime | None = None,
    progress: Progress | None = None,
    explain: bool = True,
) -> BatchResult:
    """Score a frame of payments (PAYMENT_SCHEMA columns); one output row per input row.

    The usual file (every row good, ids unique, already in time order) is scored without a
    copy of it: filtering, sorting and joining back happen only when a row needs them, which
    keeps ten million payments within a few GiB.
    """
    step = progress or (lambda _stage: None)
    step("checking rows")
    checked = validate_payments(payments, now).select(*FEATURE_INPUTS, "event_id", "error")
    n = checked.height
    invalid = n - checked["error"].null_count()
    valid = checked.filter(pl.col("error").is_null()) if invalid else checked
    repeated = valid["event_id"].is_duplicated().any()
    first = valid.filter(pl.col("event_id").is_first_distinct()) if repeated else valid
    in_order = first["time"].is_sorted()
    ordered = first if in_order else first.sort("time", maintain_order=True)
    del valid, first
    loans = loans if loans is not None else pl.DataFrame(schema=LOAN_SCHEMA)
    loans = loans.filter(
        pl.col("borrower_account").is_not_null() & pl.col("time").is_not_null()
    ).sort("time", maintain_order=True)
    step("computing features")
    matrix = batch_features(ordered, loans)
    registry = registry_levels(ordered, normalise_reports(reports) if reports is not None else None)
    step("scoring")
    scores = detector.score_matrix(matrix, registry, explain=explain)
    del matrix
    result = pl.DataFrame(
        {
            "event_id": ordered["event_id"],
            "score": scores.score,
            "decision": pl.Series(scores.decision).replace_strict(
                list(range(len(DECISIONS))), list(DECISIONS), return_dtype=pl.String
            ),
            "reasons": detector.reason_column(scores),
            "rule_score": scores.rule_score,
            "model_score": scores.model_score,
        },
    )
    duplicates = n - invalid - ordered.height
    del ordered
    if not (invalid or repeated or not in_order):
        out = result.with_columns(error=pl.lit(None, dtype=pl.String))
    else:
        out = checked.select("event_id", "error").join(
            result, on="event_id", how="left", maintain_order="left"
        )
        good = pl.col("error").is_null()
        out = out.with_columns(
            score=pl.when(good).then(pl.col("score")),
            decision=pl.when(good).then(pl.col("decision")).otherwise(pl.lit("review")),
            reasons=pl.when(good)
            .then(pl.col("reasons"))
            .otherwise(pl.lit(["pay.invalid"], dtype=pl.List(pl.String))),
        )
    return BatchResult(
        scores=out.select(
            "event_id", "score", "decision", "reasons", "rule_score", "model_score", "error"
        ),
        invalid=invalid,
        duplicates=duplicates,
    )


def write_scores(scores: pl.DataFrame, path: Path) -> None:
    suffix = path.suffix.lower()
    if suffix == ".parquet":
        scores.write_parquet(path)
    elif suffix in (".jsonl", ".ndjson"):
        scores.write_ndjson(path)
    elif suffix == ".csv":
        scores.with_columns(pl.col("reasons").list.join(" ")).write_csv(path)
    else:
        raise InvalidInput(f"unsupported output type {suffix!r}; expected {READERS}", field="out")
