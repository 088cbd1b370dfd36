"""The shell around the drop detector: read a transfer file, build the graph, score, write.

``saqbol mules`` and the API's loaded graph both go through here, so a file scored on the
command line and the same file behind the API give the same verdicts.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import polars as pl

from saqbol.detectors.mules.detector import MuleDetector, cluster_table
from saqbol.detectors.mules.features import account_features
from saqbol.detectors.mules.graph import TransferGraph, build_graph
from saqbol.detectors.mules.transfers import (
    ColumnMapError,
    Normalised,
    from_payments,
    from_table,
)
from saqbol.errors import InvalidInput
from saqbol.services.payment_batch import normalise_reports

READABLE = (".parquet", ".csv")
PAYMENT_COLUMNS = ("event_id", "time", "payer_account", "payee_type", "payee", "amount")


@dataclass
class MuleRun:
    graph: TransferGraph
    features: pl.DataFrame
    scored: pl.DataFrame
    dropped: Mapping[str, int]

    def clusters(self) -> pl.DataFrame:
        return cluster_table(self.scored, self.features)


def default_detector() -> MuleDetector:
    """The shipped rules and both shipped models."""
    from saqbol.models import load_mule_model
    from saqbol.rules import load_mule_rules

    return MuleDetector(load_mule_rules(), load_mule_model(), load_mule_model(structural=True))


def read_table(path: Path) -> pl.DataFrame:
    """A Parquet or CSV file; CSV columns stay text (parsed per column later)."""
    suffix = path.suffix.lower()
    if suffix not in READABLE:
        raise InvalidInput(f"unsupported file type {suffix!r}; expected {READABLE}", field="input")
    if not path.is_file():
        raise InvalidInput(f"no such file: {path}", field="input")
    try:
        if suffix == ".parquet":
            return pl.read_parquet(path)
        return pl.read_csv(path, infer_schema=False)
    except (pl.exceptions.PolarsError, OSError) as exc:
        raise InvalidInput(f"cannot read {path.name}: {exc}", field="input") from None


def normalise(
    table: pl.DataFrame,
    rates: Mapping[str, float],
    columns: Mapping[str, str] | None = None,
    time_unit: str = "s",
) -> Normalised:
    """Saqbol payments as they are; any other export through ``columns``."""
    try:
        if not columns and all(c in table.columns for c in PAYMENT_COLUMNS):
            return from_payments(_payments(table), rates)
        return from_table(table, columns or {}, rates, time_unit=time_unit)
    except ColumnMapError as exc:
        raise InvalidInput(str(exc), field="columns") from None
    except pl.exceptions.PolarsError as exc:
        raise InvalidInput(f"cannot read the transfers: {exc}", field="input") from None


def _payments(table: pl.DataFrame) -> pl.DataFrame:
    """Payment columns with the types ``from_payments`` expects (CSV reads them as text)."""
    defaults = {"payee_account": None, "payee_country": "KZ", "channel": "app",
                "currency": "KZT", "device_id": None, "ip": None}  # fmt: skip
    table = table.with_columns(
        pl.lit(v, pl.String).alias(k) for k, v in defaults.items() if k not in table.columns
    )
    time = table.schema["time"]
    if not isinstance(time, pl.Datetime):
        table = table.with_columns(
            pl.col("time").cast(pl.String).str.to_datetime(strict=False, time_zone="UTC")
        )
    return table.with_columns(pl.col("amount").cast(pl.Int64, strict=False))


def reported_mask(
    graph: TransferGraph, payments: pl.DataFrame | None, reports: pl.DataFrame | None
) -> np.ndarray:
    """Accounts named in complaints: an IBAN directly, a card or phone through the account it
    was seen paying into (``payee_account`` of the payments)."""
    mask = np.zeros(graph.n_nodes, dtype=bool)
    if reports is None or reports.height == 0:
        return mask
    named = normalise_reports(reports).select(key=pl.col("type") + ":" + pl.col("value"))
    accounts = named.filter(pl.col("key").str.starts_with("iban:")).select(
        pl.col("key").str.strip_prefix("iban:").alias("account")
    )
    if payments is not None and "payee_account" in payments.columns:
        behind = (
            payments.select(
                key=pl.col("payee_type") + ":" + pl.col("payee"), account=pl.col("payee_account")
            )
            .drop_nulls()
            .unique()
            .join(named, on="key", how="semi")
            .select("account")
        )
        accounts = pl.concat([accounts, behind])
    for account in accounts["account"].unique().to_list():
        code = graph.code(account)
        if code is not None:
            mask[code] = True
    return mask


def score_transfers(
    transfers: Normalised,
    detector: MuleDetector,
    *,
    payments: pl.DataFrame | None = None,
    reports: pl.DataFrame | None = None,
    progress: Callable[[str], None] | None = None,
    spark_master: str | None = None,
) -> MuleRun:
    """Graph, features, scores, roles, reasons, clusters for a whole transfer table.

    With ``spark_master`` the features are computed on Spark (same numbers); the roles and
    clusters still need the graph here.
    """

    def step(name: str) -> None:
        if progress is not None:
            progress(name)

    step("graph")
    graph = build_graph(transfers.transfers)
    reported = reported_mask(graph, payments, reports)
    if spark_master is None:
        step("features")
        features = account_features(graph, reported)
    else:
        step(f"features on Spark ({spark_master})")
        features = _spark_features(transfers.transfers, graph, reported, spark_master)
    step("scores")
    scored = detector.score(graph, features)
    return MuleRun(graph, features, scored, transfers.dropped)


def write_scores(run: MuleRun, out: Path, clusters: Path | None = None) -> None:
    """OUT: one row per account; the features ride along for the analyst's own filters."""
    frame = run.scored.join(run.features, on="account_id", how="left")
    frame.write_parquet(out)
    if clusters is not None:
        run.clusters().write_parquet(clusters)


def _spark_features(
    transfers: pl.DataFrame, graph: TransferGraph, reported: np.ndarray, master: str
) -> pl.DataFrame:
    import tempfile

    try:
        from saqbol.spark.mules import account_features_parquet, write_transfers_parquet
        from saqbol.spark.session import local_session
    except ImportError as exc:
        raise InvalidInput(f"--spark needs pyspark ({exc})", field="spark") from None
    with tempfile.TemporaryDirectory(prefix="saqbol-spark-") as tmp:
        path = write_transfers_parquet(transfers, Path(tmp) / "transfers.parquet")
        spark = local_session(master)
        try:
            ids = graph.accounts.filter(pl.Series(reported)).to_list()
            features = account_features_parquet(spark, str(path), ids)
        finally:
            spark.stop()
    if not features["account_id"].equals(graph.accounts):
        raise RuntimeError("the Spark features do not cover the same accounts")
    return features
