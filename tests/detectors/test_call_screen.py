"""Spoofed calling numbers: each rule on hand-made calls, the number classes against
phonenumbers, roaming at its edges."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import phonenumbers
import polars as pl
import pytest

from saqbol.detectors.calls.numbers import classify, normalise
from saqbol.detectors.calls.screen import ScreenContext, screen_calls
from saqbol.rules import load_call_rules, load_protected_numbers

T = datetime(2026, 3, 1, 12, tzinfo=UTC)
ROAMING = pl.DataFrame(
    {
        "msisdn": ["+77011112233", "+77051112233"],
        "roaming_from": [T - timedelta(days=2), T - timedelta(days=2)],
        "roaming_to": [T, T + timedelta(days=2)],
        "operator": ["KCELL", "BEELINE"],
        "answered_by_exchange": [True, False],
    }
)
TRUNKS = pl.DataFrame({"gateway_id": ["SIP-1"], "customer": ["shop"], "number": ["+77272001122"]})
CTX = ScreenContext(
    protected=load_protected_numbers(),
    roaming=ROAMING,
    trunk_numbers=TRUNKS,
    reported=frozenset({"+77079998877"}),
    blocked=frozenset({"+77079990000"}),
)


def screen(*calls: tuple) -> list[dict]:
    """calls: (a_number, route[, start offset in seconds[, gateway]])."""
    rows = []
    for i, call in enumerate(calls):
        a, route, *rest = call
        offset = rest[0] if rest else 0
        gateway = rest[1] if len(rest) > 1 else None
        start = T + timedelta(seconds=offset)
        rows.append(
            {
                "call_id": f"c{i}",
                "start": start,
                "a_number": a,
                "b_number": "+77015550000",
                "route": route,
                "gateway_id": gateway,
            }
        )
    frame = pl.DataFrame(rows, schema_overrides={"start": pl.Datetime("us", "UTC")})
    out = screen_calls(frame, CTX, load_call_rules())
    return sorted(out.iter_rows(named=True), key=lambda r: int(r["call_id"][1:]))


@pytest.mark.parametrize(
    ("call", "verdict", "reason"),
    [
        (("+77011234567", "international"), "block", "call.kz_mobile_from_abroad"),
        (("87011234567", "international"), "block", "call.kz_mobile_from_abroad"),
        (("+77011112233", "international", 0), "allow", "call.roaming_verified"),
        (("+77011112233", "international", 1), "block", "call.kz_mobile_from_abroad"),
        (("+77051112233", "international"), "flag", "call.roaming_unverified"),
        (("+77172715000", "international"), "block", "call.protected_number"),
        (("102", "interconnect"), "block", "call.protected_number"),
        (("1414", "own_fixed"), "block", "call.protected_number"),
        (("+77272123456", "international"), "block", "call.kz_fixed_from_abroad"),
        (("3030", "international"), "block", "call.short_from_abroad"),
        (("+77991234567", "international"), "block", "call.unallocated_range"),
        (("abc", "international"), "block", "call.invalid_number"),
        (("abc", "interconnect"), "flag", "call.invalid_domestic"),
        (("+77012223344", "sip_trunk", 0, "SIP-1"), "block", "call.sip_foreign_number"),
        (("+77079990000", "interconnect"), "block", "call.registry_blocked"),
        (("+77079998877", "interconnect"), "flag", "call.registry_reported"),
    ],
)
def test_each_rule(call: tuple, verdict: str, reason: str) -> None:
    (row,) = screen(call)
    assert row["verdict"] == verdict
    assert reason in row["reasons"]


def test_ordinary_calls_pass() -> None:
    rows = screen(
        ("+998901234567", "international"),  # Uzbekistan
        ("+79161234567", "international"),  # a Russian mobile, also +7
        ("+77011234567", "interconnect"),
        ("+77272001122", "sip_trunk", 0, "SIP-1"),  # the trunk's own number
        ("+77011234567", "own_mobile"),
        ("+821059711846", "international"),  # a Korean mobile libphonenumber does not know yet
    )
    assert [(r["verdict"], r["reasons"]) for r in rows] == [("allow", [])] * 6


def test_block_reasons_come_first() -> None:
    (row,) = screen(("+77079998877", "international"))  # reported and not roaming
    assert row["verdict"] == "block"
    assert row["reasons"] == ["call.kz_mobile_from_abroad", "call.registry_reported"]


@pytest.mark.parametrize(
    "raw",
    ["+77011234567", "+77471234567", "+77621234567", "+77781234567", "+77272123456",
     "+79161234567", "+998901234567", "+77991234567", "+7700", "+4420712345678",
     "+821059711846"],
)  # fmt: skip
def test_number_classes_agree_with_phonenumbers(raw: str) -> None:
    _, kind, region = classify(raw)
    parsed = phonenumbers.parse(raw, None)
    valid = phonenumbers.is_valid_number(parsed)
    if kind in {"kz_mobile", "kz_fixed", "kz_other"}:
        assert valid and phonenumbers.region_code_for_number(parsed) == "KZ" == region
    elif kind == "foreign":  # valid, or possible in a country whose plan is not ours to judge
        assert phonenumbers.is_possible_number(parsed) and region != "KZ"
        assert valid or parsed.country_code != 7
    else:
        assert not valid
    if kind == "kz_mobile":
        assert phonenumbers.number_type(parsed) == phonenumbers.PhoneNumberType.MOBILE


def test_normalise_reads_kazakh_spellings() -> None:
    assert normalise("8 (701) 123-45-67") == "+77011234567"
    assert normalise("7011234567") == "+77011234567"
    assert normalise("102") == "102"
    assert normalise("+7 701 123 45 67") == "+77011234567"
    assert normalise("call me") is None
    assert normalise(None) is None
