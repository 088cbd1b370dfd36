"""One transfer table for the drop detector, whatever bank export it came from.

Every input is reduced to the columns of ``TRANSFER_SCHEMA``: who paid (``src``), who was paid
(``dst``), when, how much (in tenge), what the payee is (``dst_kind``) and, where known, the
payer's device and IP. Saqbol's own payments (``detectors/payments/columns.py``) map onto it
directly; any other export is read through a column map (``--columns src=…,dst=…``).

Bad rows never stop a batch; each rule drops the row and counts it under its name, so the
caller can print what was left out:

- ``missing_src`` / ``missing_dst`` / ``missing_time`` / ``missing_amount``: an empty value.
- ``bad_time``: a time text that is not a date or a date and time.
- ``non_positive_amount``: zero or negative amounts move no money.
- ``self_transfer``: payer and payee are the same account; no money changes hands.
- ``unknown_currency``: a currency outside ``CURRENCIES``. Known foreign currencies are
  converted to tenge at the indicative rates of ``rules/mules.yaml`` (the features compare
  amounts within an account, so a rough rate is enough; the tracing keeps the rate too).
- ``duplicate_event_id``: a second row with an event id already seen; the first one is kept
  (exports of overlapping periods repeat rows).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Final

import polars as pl

from saqbol.detectors.payments.columns import CURRENCIES

TIME = pl.Datetime("us", "UTC")
DST_KINDS: Final = ("account", "crypto", "abroad", "cash", "merchant")
"""What a payee is: a bank account (money can move on), or a sink where it leaves the banks'
view: a crypto exchange or wallet, a foreign account or card, cash (ATM), a merchant."""
CASH_OUT_KINDS: Final = ("crypto", "abroad", "cash")

TRANSFER_SCHEMA: Final[dict[str, pl.DataType]] = {
    "event_id": pl.String(),
    "src": pl.String(),
    "dst": pl.String(),
    "time": TIME,
    "amount": pl.Float64(),  # tenge
    "dst_kind": pl.String(),  # one of DST_KINDS
    "device_id": pl.String(),
    "ip": pl.String(),
}
REQUIRED: Final = ("src", "dst", "amount", "time")
OPTIONAL: Final = ("event_id", "currency", "kind", "device_id", "ip")
TIME_UNITS: Final = {"s": 1_000_000, "ms": 1_000, "us": 1, "day": 86_400_000_000}


class ColumnMapError(ValueError):
    """A ``--columns`` map or an input table that cannot be read; names the column."""


@dataclass
class Normalised:
    transfers: pl.DataFrame  # TRANSFER_SCHEMA, in input order
    dropped: dict[str, int] = field(default_factory=dict)  # rule name -> rows dropped

    @property
    def rows_dropped(self) -> int:
        return sum(self.dropped.values())


def parse_column_map(text: str) -> dict[str, str]:
    """``"src=from,dst=to,amount=sum,time=ts"`` -> {"src": "from", ...}; checks the names."""
    out: dict[str, str] = {}
    for part in filter(None, (p.strip() for p in text.split(","))):
        name, sep, column = part.partition("=")
        name, column = name.strip(), column.strip()
        if not sep or not column:
            raise ColumnMapError(f"columns: {part!r} is not NAME=COLUMN")
        if name not in REQUIRED + OPTIONAL:
            known = ", ".join(REQUIRED + OPTIONAL)
            raise ColumnMapError(f"columns: unknown name {name!r} (known: {known})")
        out[name] = column
    return out


def _kind_of_payment() -> pl.Expr:
    """Saqbol payments: where the payee sits, from payee type, account, country and channel."""
    ptype = pl.col("payee_type")
    return (
        pl.when(pl.col("channel") == "atm")
        .then(pl.lit("cash"))
        .when(ptype.is_in(["crypto", "wallet"]))
        .then(pl.lit("crypto"))
        .when(pl.col("payee_country").fill_null("KZ") != "KZ")
        .then(pl.lit("abroad"))
        .when(ptype == "merchant")
        .then(pl.lit("merchant"))
        .when(pl.col("payee_account").is_not_null())
        .then(pl.lit("account"))
        .otherwise(pl.lit("account"))
    )


def from_payments(payments: pl.DataFrame, rates: Mapping[str, float]) -> Normalised:
    """Saqbol's payment events: the payee's bank account where known, else the payee itself."""
    frame = payments.select(
        pl.col("event_id"),
        pl.col("payer_account").alias("src"),
        pl.coalesce("payee_account", "payee").alias("dst"),
        pl.col("time").cast(TIME),
        (pl.col("amount").cast(pl.Float64) / 100).alias("amount"),
        pl.col("currency"),
        _kind_of_payment().alias("dst_kind"),
        pl.col("device_id"),
        pl.col("ip"),
    )
    return _clean(frame, rates)


def from_table(
    table: pl.DataFrame,
    columns: Mapping[str, str],
    rates: Mapping[str, float],
    *,
    time_unit: str = "s",
) -> Normalised:
    """Any transfer export: ``columns`` maps our names onto the table's.

    Times may be datetimes, dates, ISO texts, or numbers in ``time_unit`` since 1970
    (``day`` reads simulation steps such as AMLSim's). Amounts are in tenge unless a currency
    column says otherwise. Names missing from ``columns`` are looked up as themselves.
    """
    if time_unit not in TIME_UNITS:
        raise ColumnMapError(f"time unit: {time_unit!r} is not one of {', '.join(TIME_UNITS)}")
    names = {name: columns.get(name, name) for name in REQUIRED + OPTIONAL}
    for name in REQUIRED:
        if names[name] not in table.columns:
            raise ColumnMapError(
                f"columns: {name} -> {names[name]!r} is not a column "
                f"(the table has {', '.join(table.columns[:12])})"
            )
    present = {n: c for n, c in names.items() if c in table.columns}
    t = table.select(pl.col(c).alias(n) for n, c in present.items())
    if "event_id" not in t.columns:
        t = t.with_row_index("event_id").with_columns(pl.col("event_id").cast(pl.String))
    t = t.with_columns(
        pl.col("event_id").cast(pl.String),
        pl.col("src").cast(pl.String),
        pl.col("dst").cast(pl.String),
        _time_expr(t.schema["time"], time_unit).alias("_time"),
        pl.col("amount").cast(pl.Float64, strict=False),
    )
    kind = pl.col("kind").cast(pl.String) if "kind" in t.columns else pl.lit("account")
    t = t.with_columns(
        pl.when(kind.is_in(DST_KINDS)).then(kind).otherwise(pl.lit("account")).alias("dst_kind"),
        *(pl.lit(None, pl.String).alias(c) for c in ("device_id", "ip") if c not in t.columns),
        *([] if "currency" in t.columns else [pl.lit("KZT").alias("currency")]),
    )
    t = t.with_columns(_bad_time_flag(t.schema["time"]).alias("_bad_time"))
    t = t.with_columns(pl.col("_time").alias("time")).drop("_time")
    bad_time = int(t["_bad_time"].sum())
    t = t.filter(~pl.col("_bad_time")).drop("_bad_time")
    result = _clean(t, rates)
    if bad_time:
        result.dropped = {"bad_time": bad_time, **result.dropped}
    return result


def _time_expr(dtype: pl.DataType, unit: str) -> pl.Expr:
    col = pl.col("time")
    if isinstance(dtype, pl.Datetime):
        if dtype.time_zone is None:
            return col.dt.replace_time_zone("UTC").cast(TIME)
        return col.dt.convert_time_zone("UTC").cast(TIME)
    if isinstance(dtype, pl.Date):
        return col.cast(pl.Datetime("us")).dt.replace_time_zone("UTC")
    if dtype.is_numeric():
        return (col.cast(pl.Float64) * TIME_UNITS[unit]).round().cast(pl.Int64).cast(TIME)
    text = col.cast(pl.String).str.strip_chars()

    def naive(fmt: str) -> pl.Expr:
        parsed = text.str.to_datetime(fmt, strict=False, time_unit="us")
        return parsed.dt.replace_time_zone("UTC")

    return pl.coalesce(
        text.str.to_datetime("%Y-%m-%dT%H:%M:%S%.f%#z", strict=False, time_unit="us"),
        naive("%Y-%m-%d %H:%M:%S%.f"),
        naive("%Y-%m-%dT%H:%M:%S%.f"),
        text.str.to_date("%Y-%m-%d", strict=False)
        .cast(pl.Datetime("us"))
        .dt.replace_time_zone("UTC"),
    ).cast(TIME)


def _bad_time_flag(dtype: pl.DataType) -> pl.Expr:
    """A time text was given but could not be read (an empty one counts as missing)."""
    if isinstance(dtype, pl.Datetime | pl.Date) or dtype.is_numeric():
        return pl.lit(False)
    raw = pl.col("time").cast(pl.String).str.strip_chars()
    return (raw.is_not_null() & (raw != "") & pl.col("_time").is_null()).fill_null(False)


def _clean(frame: pl.DataFrame, rates: Mapping[str, float]) -> Normalised:
    """Apply the bad-row rules in a fixed order; convert currencies; keep TRANSFER_SCHEMA."""
    dropped: dict[str, int] = {}
    frame = frame.with_columns(
        pl.col("src").str.strip_chars().replace("", None),
        pl.col("dst").str.strip_chars().replace("", None),
        pl.col("currency").cast(pl.String).str.strip_chars().str.to_uppercase().fill_null("KZT"),
        pl.col("device_id").cast(pl.String).str.strip_chars().replace("", None),
        pl.col("ip").cast(pl.String).str.strip_chars().replace("", None),
    )
    known = [c for c in CURRENCIES if c in rates]
    checks: list[tuple[str, pl.Expr]] = [
        ("missing_src", pl.col("src").is_null()),
        ("missing_dst", pl.col("dst").is_null()),
        ("missing_time", pl.col("time").is_null()),
        ("missing_amount", pl.col("amount").is_null() | pl.col("amount").is_nan()),
        ("non_positive_amount", pl.col("amount") <= 0),
        ("self_transfer", pl.col("src") == pl.col("dst")),
        ("unknown_currency", ~pl.col("currency").is_in(known)),
        ("duplicate_event_id", ~pl.col("event_id").is_first_distinct()),
    ]
    for name, bad in checks:
        flags = frame.select(bad.fill_null(False)).to_series()
        n = int(flags.sum())
        if n:
            dropped[name] = n
            frame = frame.filter(~flags)
    rate = pl.col("currency").replace_strict(known, [float(rates[c]) for c in known], default=None)
    frame = frame.with_columns((pl.col("amount") * rate).alias("amount"))
    return Normalised(frame.select(list(TRANSFER_SCHEMA)).cast(TRANSFER_SCHEMA), dropped)  # type: ignore[arg-type]
