"""Spoofed calling numbers: a verdict (``block``, ``flag``, ``allow``) and reasons per call.

Pure and columnar: a batch of CDRs plus the context (protected numbers, roaming records, SIP
trunks' numbers, the registry's numbers) in, one row per call out. A single API call is a
batch of one. Each distinct presented number is classified once (``numbers.py``).

Roaming: a Kazakh mobile number on an international route is genuine when a roaming record of
that number covers the call's start (``roaming_from <= start <= roaming_to``) and the exchange
answered; when the only covering record says the exchange could not answer, the call is
flagged, not blocked. The API's caller may instead pass what its own exchange query said.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, Final

import polars as pl

from saqbol.detectors.calls.numbers import classify_column

VERDICTS: Final = ("allow", "flag", "block")
ROAMING_STATES: Final = ("roaming", "not_roaming", "unknown")


@dataclass(frozen=True)
class CallRules:
    version: str
    verdict: Mapping[str, str]  # reason code -> verdict
    text: Mapping[str, Mapping[str, str]]


def compile_call_rules(data: Mapping[str, Any]) -> CallRules:
    reasons = data["reasons"]
    bad = {c: r["verdict"] for c, r in reasons.items() if r["verdict"] not in VERDICTS}
    if bad:
        raise ValueError(f"calls.yaml: unknown verdicts {bad}")
    return CallRules(
        version=str(data["version"]),
        verdict={c: r["verdict"] for c, r in reasons.items()},
        text={c: r["text"] for c, r in reasons.items()},
    )


@dataclass(frozen=True)
class ScreenContext:
    protected: Mapping[str, str]  # normalised number -> owner
    roaming: pl.DataFrame | None = None  # ROAMING_SCHEMA
    trunk_numbers: pl.DataFrame | None = None  # gateway_id, number
    reported: frozenset[str] = field(default_factory=frozenset)  # numbers with complaints
    blocked: frozenset[str] = field(default_factory=frozenset)  # numbers blocked on the registry


def _roaming_state(calls: pl.DataFrame, roaming: pl.DataFrame | None) -> pl.Series:
    """Per call: "roaming", "unknown" (only an unanswered record covers it) or "not_roaming"."""
    if roaming is None or calls.height == 0:
        return pl.Series("roaming_state", ["not_roaming"] * calls.height, dtype=pl.String)
    asked = calls.select(pl.int_range(pl.len()).alias("i"), "number", "start").filter(
        pl.col("number").is_not_null()
    )
    covered = (
        asked.join(roaming, left_on="number", right_on="msisdn")
        .filter(
            (pl.col("roaming_from") <= pl.col("start")) & (pl.col("start") <= pl.col("roaming_to"))
        )
        .group_by("i")
        .agg(pl.col("answered_by_exchange").any().alias("answered"))
    )
    state = (
        pl.DataFrame({"i": pl.int_range(calls.height, eager=True)})
        .join(covered, on="i", how="left")
        .sort("i")
        .select(
            pl.when(pl.col("answered"))
            .then(pl.lit("roaming"))
            .when(pl.col("answered").is_not_null())
            .then(pl.lit("unknown"))
            .otherwise(pl.lit("not_roaming"))
            .alias("roaming_state")
        )
    )
    return state.to_series()


def screen_calls(cdr: pl.DataFrame, ctx: ScreenContext, rules: CallRules) -> pl.DataFrame:
    """``call_id``, ``verdict``, ``reasons`` (codes, block reasons first), ``number`` (the
    presented number normalised), ``number_kind``, ``roaming_state``.

    ``cdr`` needs call_id, start, a_number, route, gateway_id; an optional ``roaming_state``
    column (from the API) overrides the roaming records for that call.
    """
    kinds = classify_column(cdr["a_number"])
    calls = cdr.join(kinds, left_on="a_number", right_on="raw", how="left", nulls_equal=True)
    calls = calls.with_columns(pl.col("kind").fill_null("invalid"))
    intl = pl.col("route") == "international"
    if "roaming_state" in calls.columns:
        given = calls["roaming_state"]
        looked_up = _roaming_state(calls.filter(given.is_null()), ctx.roaming)
        state = given.clone()
        state = state.scatter(given.is_null().arg_true(), looked_up) if looked_up.len() else state
        calls = calls.with_columns(state.alias("roaming_state"))
    else:
        needs = calls.select((intl & (pl.col("kind") == "kz_mobile")).alias("x")).to_series()
        state = pl.Series("roaming_state", [None] * calls.height, dtype=pl.String)
        idx = needs.arg_true()
        if len(idx):
            state = state.scatter(idx, _roaming_state(calls[idx], ctx.roaming))
        calls = calls.with_columns(state.alias("roaming_state"))
    kind, number, roaming = pl.col("kind"), pl.col("number"), pl.col("roaming_state")
    protected = number.is_in(list(ctx.protected)) | pl.col("a_number").is_in(list(ctx.protected))
    if ctx.trunk_numbers is not None and ctx.trunk_numbers.height:
        owned = ctx.trunk_numbers.select(
            pl.concat_str("gateway_id", pl.lit("|"), "number").alias("k")
        ).to_series()
        sip_foreign = (pl.col("route") == "sip_trunk") & ~pl.concat_str(
            "gateway_id", pl.lit("|"), "number"
        ).is_in(owned.implode()).fill_null(False)
    else:
        sip_foreign = pl.lit(False)
    kz_mobile = kind == "kz_mobile"
    checks: list[tuple[str, pl.Expr]] = [
        ("call.protected_number", protected),
        ("call.kz_mobile_from_abroad", intl & kz_mobile & (roaming == "not_roaming")),
        ("call.kz_fixed_from_abroad", intl & kind.is_in(["kz_fixed", "kz_other"])),
        ("call.short_from_abroad", intl & (kind == "short") & ~protected),
        ("call.unallocated_range", kind == "unallocated"),
        ("call.invalid_number", (kind == "invalid") & (intl | (pl.col("route") == "sip_trunk"))),
        (
            "call.sip_foreign_number",
            sip_foreign & ~protected & kind.is_in(["kz_mobile", "kz_fixed", "kz_other"]),
        ),
        ("call.registry_blocked", number.is_in(list(ctx.blocked))),
        ("call.roaming_unverified", intl & kz_mobile & (roaming == "unknown")),
        (
            "call.registry_reported",
            number.is_in(list(ctx.reported)) & ~number.is_in(list(ctx.blocked)),
        ),
        ("call.invalid_domestic", (kind == "invalid") & ~intl & (pl.col("route") != "sip_trunk")),
        ("call.roaming_verified", intl & kz_mobile & (roaming == "roaming")),
    ]
    order = sorted(checks, key=lambda c: VERDICTS.index(rules.verdict[c[0]]), reverse=True)
    calls = calls.with_columns(cond.fill_null(False).alias(code) for code, cond in order)
    reasons = pl.concat_list(
        [pl.when(pl.col(code)).then(pl.lit(code)).otherwise(pl.lit(None)) for code, _ in order]
    ).list.drop_nulls()

    def any_of(verdict: str) -> pl.Expr:
        codes = [c for c, _ in checks if rules.verdict[c] == verdict]
        return pl.any_horizontal(codes) if codes else pl.lit(False)

    out = calls.with_columns(
        reasons.alias("reasons"),
        pl.when(any_of("block"))
        .then(pl.lit("block"))
        .when(any_of("flag"))
        .then(pl.lit("flag"))
        .otherwise(pl.lit("allow"))
        .alias("verdict"),
    )
    return out.select(
        "call_id",
        "verdict",
        "reasons",
        "number",
        pl.col("kind").alias("number_kind"),
        "roaming_state",
    )
