"""SIM-boxes and SIP gateways: per own-network SIM over a window of CDRs, features, a score
and the reasons.

A SIM-box turns internet traffic into local calls: its SIMs call out all day to many
different numbers, are almost never called back, send no SMS and use no data, sit in one cell,
and share one device with other SIMs (or are rotated through a few). Taxi drivers and call
centres also call a lot, but they are called back, move, and use data: the model and the cues
below look at all of it together.

Features per IMSI (``FEATURES``):
- ``n_out``, ``out_per_day``: calls made, per day with any call made.
- ``distinct_b_share``: distinct numbers called over calls made.
- ``in_out_ratio``: calls received (usage ``calls_in``) over calls made.
- ``sms_per_day``, ``data_mb_per_day``: over the days the SIM made calls.
- ``n_cells``, ``top_cell_share``: cells it called from; share of calls from its busiest cell.
- ``imsis_on_imei``: the most SIMs seen in one of the devices this SIM was in.
- ``imeis_per_imsi``: devices this SIM was in.
- ``median_duration_s``, ``short_share`` (answered calls under 30 s), ``answered_share``.
- ``night_share``: calls made between 00:00 and 06:00 local time (UTC+5).
- ``sim_age_days``: days from activation to the SIM's first call in the window (new SIMs).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Final

import numpy as np
import polars as pl

from saqbol.detectors.conditions import Cue
from saqbol.detectors.payments.explain import PathExplainer

FEATURES: Final = (
    "n_out", "out_per_day", "distinct_b_share", "in_out_ratio", "sms_per_day",
    "data_mb_per_day", "n_cells", "top_cell_share", "imsis_on_imei", "imeis_per_imsi",
    "median_duration_s", "short_share", "answered_share", "night_share", "sim_age_days",
)  # fmt: skip
SHORT_S: Final = 30
LOCAL_OFFSET_H: Final = 5


def sim_features(
    calls_out: pl.LazyFrame, usage: pl.LazyFrame | None, subscribers: pl.LazyFrame | None
) -> pl.DataFrame:
    """One row per IMSI that made a call: ``imsi`` and ``FEATURES``.

    ``calls_out``: CDR rows of own-network SIMs (imsi, imei, cell_id, b_number, start,
    duration_s, answered). ``usage``: USAGE_SCHEMA rows; ``subscribers``: imsi, activated.
    """
    local = pl.col("start").dt.offset_by(f"{LOCAL_OFFSET_H}h")
    per_sim = calls_out.group_by("imsi").agg(
        pl.len().alias("n_out"),
        local.dt.date().n_unique().alias("days"),
        pl.col("b_number").n_unique().alias("distinct_b"),
        pl.col("cell_id").n_unique().alias("n_cells"),
        pl.col("imei").n_unique().alias("imeis_per_imsi"),
        pl.col("duration_s").filter(pl.col("answered")).median().alias("median_duration_s"),
        (pl.col("answered") & (pl.col("duration_s") < SHORT_S)).sum().alias("short"),
        pl.col("answered").sum().alias("answered"),
        (local.dt.hour() < 6).sum().alias("night"),
        pl.col("start").min().alias("first_call"),
    )
    top_cell = (
        calls_out.group_by("imsi", "cell_id")
        .len()
        .group_by("imsi")
        .agg(pl.col("len").max().alias("top_cell_calls"))
    )
    device = calls_out.select("imsi", "imei").unique()
    on_imei = device.group_by("imei").agg(pl.col("imsi").n_unique().alias("sims"))
    imsis_on_imei = device.join(on_imei, on="imei").group_by("imsi").agg(pl.col("sims").max())
    frame = per_sim.join(top_cell, on="imsi", how="left").join(imsis_on_imei, on="imsi", how="left")
    if usage is not None:
        used = usage.group_by("imsi").agg(
            (pl.col("sms_out") + pl.col("sms_in")).sum().alias("sms"),
            pl.col("data_mb").sum().alias("data_mb"),
            pl.col("calls_in").sum().alias("calls_in"),
        )
        frame = frame.join(used, on="imsi", how="left")
    else:
        frame = frame.with_columns(
            pl.lit(None, pl.Int64).alias("sms"),
            pl.lit(None, pl.Float64).alias("data_mb"),
            pl.lit(None, pl.Int64).alias("calls_in"),
        )
    if subscribers is not None:
        frame = frame.join(subscribers.select("imsi", "activated"), on="imsi", how="left")
    else:
        frame = frame.with_columns(pl.lit(None, pl.Date).alias("activated"))
    days = pl.col("days").cast(pl.Float64)
    return (
        frame.select(
            "imsi",
            pl.col("n_out").cast(pl.Float64),
            (pl.col("n_out") / days).alias("out_per_day"),
            (pl.col("distinct_b") / pl.col("n_out")).alias("distinct_b_share"),
            (pl.col("calls_in").cast(pl.Float64) / pl.col("n_out")).alias("in_out_ratio"),
            (pl.col("sms").cast(pl.Float64) / days).alias("sms_per_day"),
            (pl.col("data_mb") / days).alias("data_mb_per_day"),
            pl.col("n_cells").cast(pl.Float64),
            (pl.col("top_cell_calls") / pl.col("n_out")).alias("top_cell_share"),
            pl.col("sims").cast(pl.Float64).alias("imsis_on_imei"),
            pl.col("imeis_per_imsi").cast(pl.Float64),
            pl.col("median_duration_s").cast(pl.Float64),
            (pl.col("short") / pl.col("answered").clip(1)).alias("short_share"),
            (pl.col("answered") / pl.col("n_out")).alias("answered_share"),
            (pl.col("night") / pl.col("n_out")).alias("night_share"),
            (pl.col("first_call").dt.date() - pl.col("activated"))
            .dt.total_days()
            .cast(pl.Float64)
            .alias("sim_age_days"),
        )
        .collect()
        .sort("imsi")
    )


@dataclass(frozen=True, slots=True)
class SimRules:
    flag: float
    model_reasons: int
    cues: tuple[Cue, ...]
    feature_text: Mapping[str, Mapping[str, str]]


def compile_sim_rules(data: Mapping[str, Any]) -> SimRules:
    cues = [
        Cue.parse(code, spec, FEATURES, f"simbox cue {code}") for code, spec in data["cues"].items()
    ]
    return SimRules(
        flag=float(data["flag"]),
        model_reasons=int(data.get("model_reasons", 3)),
        cues=tuple(cues),
        feature_text=data["model_features"],
    )


class SimboxDetector:
    """LightGBM over ``FEATURES`` for the score; cues and top contributions for the reasons."""

    def __init__(self, rules: SimRules, booster: Any) -> None:
        if tuple(booster.feature_name()) != FEATURES:
            raise ValueError("the SIM-box model was trained on other features; retrain it")
        self.rules, self.booster = rules, booster
        self.explainer = PathExplainer(booster.dump_model())

    def score(self, features: pl.DataFrame) -> pl.DataFrame:
        """``imsi``, ``score``, ``flagged``, ``reasons`` (codes), best first."""
        matrix = features.select(FEATURES).to_numpy().astype(np.float64)
        score = (
            np.asarray(self.booster.predict(matrix), dtype=np.float64)
            if len(matrix)
            else np.zeros(0)
        )
        codes: list[list[str]] = [[] for _ in range(len(matrix))]
        for cue in self.rules.cues:
            for i in np.flatnonzero(cue.fires(matrix)):
                codes[i].append(cue.code)
        flagged = score >= self.rules.flag
        rows = np.flatnonzero(flagged)
        if len(rows) and self.rules.model_reasons:
            contrib = self.explainer.contributions(matrix[rows])[:, : len(FEATURES)]
            top = np.argsort(-contrib, axis=1, kind="stable")[:, : self.rules.model_reasons]
            for i, row, picks in zip(rows, contrib, top, strict=True):
                codes[i].extend(f"sim.model.{FEATURES[j]}" for j in picks if row[j] > 0)
        return pl.DataFrame(
            {
                "imsi": features["imsi"],
                "score": score,
                "flagged": flagged,
                "reasons": pl.Series(codes, dtype=pl.List(pl.String)),
            }
        ).sort("score", "imsi", descending=[True, False])
