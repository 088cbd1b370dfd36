"""The synthetic operator: column contract, reproducibility, and the shape of every scenario."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import phonenumbers
import polars as pl
import pytest
import yaml

from saqbol.detectors.calls.columns import (
    CDR_SCHEMA,
    KZ_OPERATORS,
    MOBILE_PREFIXES,
    ROAMING_SCHEMA,
    ROUTES,
    SIP_TRUNK_SCHEMA,
    SUBSCRIBER_SCHEMA,
    TRUTH_CALLS_SCHEMA,
    TRUTH_SIMS_SCHEMA,
    USAGE_SCHEMA,
)
from saqbol.synth.calls import CallsSummary, generate_calls
from saqbol.synth.calls.tables import SCENARIOS, SPOOF_SCENARIOS

SCHEMAS = {
    "cdr": CDR_SCHEMA,
    "truth_calls": TRUTH_CALLS_SCHEMA,
    "usage": USAGE_SCHEMA,
    "roaming": ROAMING_SCHEMA,
    "subscribers": SUBSCRIBER_SCHEMA,
    "truth_sims": TRUTH_SIMS_SCHEMA,
    "sip_trunks": SIP_TRUNK_SCHEMA,
}
START = date(2026, 1, 1)
PERIOD_START = datetime(2025, 12, 31, 19, tzinfo=UTC)  # local (UTC+5) midnight of START
PROTECTED = Path(__file__).parents[2] / "src/saqbol/rules/protected_numbers.yaml"
E164 = pl.col("a_number").str.replace(r"^8(\d{10})$", "+7$1")  # national form -> E.164


def _run(path: Path, seed: int, subscribers: int = 3000, days: int = 5, **kw) -> CallsSummary:
    return generate_calls(
        seed=seed, subscribers=subscribers, days=days, out_dir=path, start=START, **kw
    )


@pytest.fixture(scope="module")
def small(tmp_path_factory: pytest.TempPathFactory) -> tuple[CallsSummary, dict]:
    days: list[tuple[int, int]] = []
    summary = _run(
        tmp_path_factory.mktemp("calls"), seed=7, progress=lambda d, n: days.append((d, n))
    )
    frames = {name: pl.read_parquet(summary.paths[name]) for name in SCHEMAS}
    frames["calls"] = frames["cdr"].join(frames["truth_calls"], on="call_id")
    frames["progress"] = days
    return summary, frames


def _parse(number: str) -> phonenumbers.PhoneNumber | None:
    try:
        return phonenumbers.parse(number, "KZ")
    except phonenumbers.NumberParseException:
        return None


def test_columns_match_the_contract(small: tuple[CallsSummary, dict]) -> None:
    _, f = small
    for name, schema in SCHEMAS.items():
        assert f[name].schema == pl.Schema(schema), name


def test_same_seed_same_bytes_other_seed_other_data(
    small: tuple[CallsSummary, dict], tmp_path: Path
) -> None:
    first, frames = small
    again = _run(tmp_path / "again", seed=7)
    for name in SCHEMAS:
        assert again.paths[name].read_bytes() == first.paths[name].read_bytes(), name
    other = _run(tmp_path / "other", seed=8)
    assert not pl.read_parquet(other.paths["cdr"]).equals(frames["cdr"])
    assert not pl.read_parquet(other.paths["subscribers"]).equals(frames["subscribers"])


def test_ids_order_truth_and_progress(small: tuple[CallsSummary, dict]) -> None:
    summary, f = small
    cdr, truth, calls = f["cdr"], f["truth_calls"], f["calls"]
    assert cdr["call_id"].is_unique().all()
    assert cdr["call_id"].to_list() == truth["call_id"].to_list()
    assert cdr["start"].is_sorted()
    assert cdr["start"].min() >= PERIOD_START
    assert cdr["start"].max() < PERIOD_START + timedelta(days=5)
    assert summary.calls == cdr.height
    assert (calls["is_spoofed"] == calls["scenario"].is_in(SPOOF_SCENARIOS)).all()
    assert f["progress"] == [(d, 5) for d in range(1, 6)]
    # 3-6 calls per subscriber per day
    assert 3 <= cdr.height / summary.sims / 5 <= 6.5


def test_every_scenario_present_and_counted(small: tuple[CallsSummary, dict]) -> None:
    summary, f = small
    counts = dict(f["calls"].group_by("scenario").len().iter_rows())
    for name in SCENARIOS[1:]:
        assert counts.get(name, 0) >= 5, name
        assert summary.scenarios[name] == counts[name]
    assert summary.spoofed_calls == f["calls"]["is_spoofed"].sum()
    assert summary.spoofed_calls < 0.02 * summary.calls


def test_route_semantics(small: tuple[CallsSummary, dict]) -> None:
    _, f = small
    cdr = f["cdr"]
    assert set(cdr["route"].unique()) == set(ROUTES)
    mobile = cdr["route"] == "own_mobile"
    for col in ("imsi", "imei", "cell_id"):
        assert cdr.filter(mobile)[col].null_count() == 0
        assert cdr.filter(~mobile)[col].null_count() == cdr.filter(~mobile).height
    assert cdr.filter(mobile)["gateway_id"].null_count() == mobile.sum()
    assert cdr.filter(~mobile)["gateway_id"].null_count() == 0
    intl = cdr.filter(pl.col("route") == "international")
    assert intl["orig_operator"].str.starts_with("INTL:").all()
    assert intl["gateway_id"].str.starts_with("IGW-").all()
    domestic = cdr.filter(pl.col("route") != "international")
    assert domestic["orig_operator"].is_in(KZ_OPERATORS).all()
    assert cdr.filter(pl.col("route") == "sip_trunk")["gateway_id"].str.starts_with("SIP-").all()
    assert cdr.filter(mobile)["orig_operator"].unique().to_list() == ["KCELL"]
    # the called party is E.164 and, unless an own SIM is calling, one of the own SIMs
    own = set(f["subscribers"]["msisdn"])
    assert cdr["b_number"].str.starts_with("+").all()
    assert cdr.filter(~mobile)["b_number"].is_in(own).all()


def test_genuine_numbers_are_valid_with_the_right_region(small: tuple[CallsSummary, dict]) -> None:
    _, f = small
    genuine = f["calls"].filter(~pl.col("is_spoofed")).with_columns(e164=E164)
    sample = genuine.sample(min(genuine.height, 6000), seed=1)
    regions: dict[tuple[str, str], set[str]] = {}
    for number, route, scenario in sample.select("e164", "route", "scenario").iter_rows():
        parsed = phonenumbers.parse(number)
        assert phonenumbers.is_valid_number(parsed), number
        region = phonenumbers.region_code_for_number(parsed)
        regions.setdefault((route, scenario), set()).add(region)
    for (route, scenario), found in regions.items():
        if route == "international" and scenario == "none":
            assert "KZ" not in found and {"RU", "UZ"} <= found
        else:
            assert found == {"KZ"}, (route, scenario)
    # Russian +7 numbers arrive from abroad; national-form numbers come from domestic switches
    # and a few visited networks of roamers
    ru = sample.filter(pl.col("e164").str.starts_with("+7") & (pl.col("route") == "international"))
    assert ru.filter(pl.col("scenario") == "none").height > 0
    national = genuine.filter(pl.col("a_number").str.starts_with("8"))
    assert national.height > 0
    domestic = {"interconnect", "own_fixed", "sip_trunk"}
    abroad = national.filter(~pl.col("route").is_in(domestic))
    assert (abroad["scenario"] == "roaming_genuine").all()
    for msisdn in f["subscribers"]["msisdn"].sample(500, seed=2):
        parsed = phonenumbers.parse(msisdn)
        assert phonenumbers.is_valid_number(parsed)
        assert phonenumbers.region_code_for_number(parsed) == "KZ"
        assert phonenumbers.number_type(parsed) == phonenumbers.PhoneNumberType.MOBILE
    prefixes = {p for v in MOBILE_PREFIXES.values() for p in v}
    assert f["subscribers"]["msisdn"].str.slice(2, 3).is_in(prefixes).all()


def test_spoofed_calls_present_what_their_scenario_says(small: tuple[CallsSummary, dict]) -> None:
    _, f = small
    spoofed = f["calls"].filter(pl.col("is_spoofed"))
    assert spoofed["route"].is_in(["international", "sip_trunk"]).all()
    assert ((spoofed["route"] == "sip_trunk") == (spoofed["scenario"] == "spoofed_sip_trunk")).all()
    protected = yaml.safe_load(PROTECTED.read_text())["numbers"]
    by_kind: dict[str, set[str]] = {}
    for entry in protected:
        by_kind.setdefault(entry["kind"], set()).add(entry["number"])
    wanted = {
        "spoofed_bank": by_kind["bank"],
        "spoofed_police": by_kind["police"] | by_kind["emergency"],
        "spoofed_state": by_kind["state"],
    }
    everyone = set().union(*by_kind.values())
    genuine = f["calls"].filter(~pl.col("is_spoofed"))
    assert not genuine["a_number"].is_in(everyone).any()  # protected numbers never call out
    for name, numbers in wanted.items():
        assert spoofed.filter(pl.col("scenario") == name)["a_number"].is_in(numbers).all()
    for number in spoofed.filter(pl.col("scenario") == "unallocated_range")["a_number"]:
        parsed = _parse(number)
        assert parsed is not None and phonenumbers.is_possible_number(parsed)
        assert not phonenumbers.is_valid_number(parsed)
    for number in spoofed.filter(pl.col("scenario") == "invalid_number")["a_number"]:
        parsed = _parse(number)
        assert parsed is None or not phonenumbers.is_possible_number(parsed), number
    for number in spoofed.filter(pl.col("scenario") == "spoofed_mobile").with_columns(e164=E164)[
        "e164"
    ]:
        parsed = phonenumbers.parse(number)
        assert phonenumbers.number_type(parsed) == phonenumbers.PhoneNumberType.MOBILE
        assert phonenumbers.region_code_for_number(parsed) == "KZ"
    # campaigns: short, bursty, many distinct victims, presented numbers reused
    camp = spoofed.filter(pl.col("scenario") != "spoofed_mobile")
    assert camp["b_number"].n_unique() > 0.8 * camp.height
    assert camp["a_number"].n_unique() < 0.8 * camp.height
    assert camp["duration_s"].median() < genuine["duration_s"].median()


def test_sip_trunks_present_their_own_numbers_unless_spoofing(
    small: tuple[CallsSummary, dict],
) -> None:
    _, f = small
    owned = f["sip_trunks"].select("gateway_id", pl.col("number").alias("e164"), owned=pl.lit(True))
    sip = (
        f["calls"]
        .filter(pl.col("route") == "sip_trunk")
        .with_columns(e164=E164)
        .join(owned, on=["gateway_id", "e164"], how="left")
        .with_columns(pl.col("owned").fill_null(False))
    )
    assert (sip["owned"] != sip["is_spoofed"]).all()
    # a compromised trunk also carries its customer's genuine calls
    bad = sip.filter(pl.col("is_spoofed"))["gateway_id"].unique()
    assert sip.filter(pl.col("gateway_id").is_in(bad) & ~pl.col("is_spoofed")).height > 0


def test_roaming_covers_genuine_calls_and_edges_are_exact(small: tuple[CallsSummary, dict]) -> None:
    _, f = small
    roaming = f["roaming"]
    assert set(roaming["operator"]) == set(MOBILE_PREFIXES)
    unanswered = roaming.filter(~pl.col("answered_by_exchange"))
    assert unanswered.height > 0 and "KCELL" not in set(unanswered["operator"])
    kz_abroad = (
        f["calls"]
        .filter(pl.col("route") == "international")
        .with_columns(msisdn=E164)
        .filter(pl.col("msisdn").str.contains(r"^\+77\d{9}$"))
    )
    joined = kz_abroad.join(roaming, on="msisdn", how="left").with_columns(
        covered=(
            (pl.col("roaming_from") <= pl.col("start")) & (pl.col("start") <= pl.col("roaming_to"))
        ).fill_null(False),
        at_edge=(
            (pl.col("start") == pl.col("roaming_from")) | (pl.col("start") == pl.col("roaming_to"))
        ).fill_null(False),
        just_out=(
            (pl.col("start") - pl.col("roaming_to")).dt.total_seconds().is_between(1, 1800)
            | (pl.col("roaming_from") - pl.col("start")).dt.total_seconds().is_between(1, 1800)
        ).fill_null(False),
    )
    per_call = joined.group_by("call_id", "scenario").agg(
        pl.col("covered").any(), pl.col("at_edge").any(), pl.col("just_out").any()
    )
    genuine = per_call.filter(pl.col("scenario") == "roaming_genuine")
    assert genuine["covered"].all()
    assert genuine["at_edge"].sum() > 0
    others = per_call.filter(pl.col("scenario") != "roaming_genuine")
    assert not others["covered"].any()  # a KZ number from abroad without a record is spoofed
    assert others.filter(pl.col("scenario") == "spoofed_mobile")["just_out"].sum() > 0
    routes = f["calls"].filter(pl.col("scenario") == "roaming_genuine")["route"]
    assert routes.unique().to_list() == ["international"]


def _per_sim(f: dict) -> pl.DataFrame:
    out = (
        f["cdr"]
        .filter(pl.col("route") == "own_mobile")
        .group_by("imsi")
        .agg(
            out=pl.len(),
            callees=pl.col("b_number").n_unique(),
            cells=pl.col("cell_id").n_unique(),
        )
    )
    sharing = (
        f["cdr"]
        .filter(pl.col("route") == "own_mobile")
        .select("imsi", "imei")
        .unique()
        .with_columns(on_imei=pl.col("imsi").n_unique().over("imei"))
        .group_by("imsi")
        .agg(pl.col("on_imei").max())
    )
    usage = (
        f["usage"]
        .group_by("imsi")
        .agg(
            pl.col("calls_in").sum(),
            pl.col("sms_out").sum(),
            pl.col("data_mb").sum(),
            days=pl.len(),
        )
    )
    return (
        f["subscribers"]
        .join(f["truth_sims"], on="imsi")
        .join(usage, on="imsi", how="left")
        .join(out, on="imsi", how="left")
        .join(sharing, on="imsi", how="left")
        .with_columns(pl.col("out", "callees").fill_null(0), per_day=pl.col("out") / pl.col("days"))
    )


def test_simbox_sims_look_like_simboxes(small: tuple[CallsSummary, dict]) -> None:
    summary, f = small
    sims = _per_sim(f)
    assert sims.height == summary.sims == f["truth_sims"].height
    assert (sims["is_simbox"] == (sims["kind"] == "simbox")).all()
    box = sims.filter(pl.col("is_simbox") & (pl.col("out") > 0))  # some idle on a day off
    assert 0.8 * summary.simbox_sims <= box.height <= summary.simbox_sims
    assert box["calls_in"].sum() < 0.05 * box["out"].sum()
    assert box["sms_out"].sum() == 0 and box["data_mb"].sum() == 0
    assert (box["cells"] <= 2).all()
    assert (box["on_imei"] > 1).mean() > 0.9
    assert (box["callees"] > 0.9 * box["out"]).all()
    calls = f["calls"].filter(pl.col("scenario") == "simbox_termination")
    assert calls["imsi"].is_in(box["imsi"]).all()
    assert calls["route"].unique().to_list() == ["own_mobile"]
    assert not calls["is_spoofed"].any()
    # SIMs are replaced: some are activated during the period, and some stop before its end
    assert (box["activated"] >= START).any()
    assert (box["days"] < 5).any()


def test_hard_negatives_exist(small: tuple[CallsSummary, dict]) -> None:
    _, f = small
    sims = _per_sim(f)
    box_rate = sims.filter(pl.col("is_simbox"))["per_day"].median()
    busy = sims.filter(~pl.col("is_simbox") & (pl.col("per_day") >= 0.5 * box_rate))
    assert set(busy["kind"]) >= {"taxi", "call_centre"}
    assert (busy["calls_in"] > 0).all()
    assert (busy["cells"] >= 2).mean() > 0.5
    elderly = sims.filter(pl.col("kind") == "elderly")
    assert elderly.height > 0 and elderly["data_mb"].sum() == 0
    # a few ordinary phones carry two SIMs, a few subscribers change phones
    ordinary = sims.filter(~pl.col("is_simbox"))
    assert (ordinary["on_imei"] == 2).sum() > 0
    imeis = (
        f["cdr"]
        .filter(pl.col("route") == "own_mobile")
        .group_by("imsi")
        .agg(pl.col("imei").n_unique())
    )
    assert (imeis["imei"] > 1).sum() > 0
    sip = f["calls"].filter((pl.col("route") == "sip_trunk") & ~pl.col("is_spoofed"))
    assert sip.group_by("gateway_id").len()["len"].max() > 100


def test_usage_counts_incoming_calls(small: tuple[CallsSummary, dict]) -> None:
    _, f = small
    local_day = (pl.col("start") + pl.duration(hours=5)).dt.date()
    incoming = (
        f["cdr"]
        .group_by(pl.col("b_number").alias("msisdn"), local_day.alias("day"))
        .agg(n=pl.len())
    )
    usage = f["usage"].join(incoming, on=["msisdn", "day"], how="left")
    assert (usage["calls_in"] == usage["n"].fill_null(0)).all()
    assert usage.select("imsi", "day").is_unique().all()
    persons = usage.join(f["subscribers"].select("imsi", "kind"), on="imsi").filter(
        pl.col("kind") == "person"
    )
    assert persons["data_mb"].mean() > 100 and persons["sms_in"].mean() > 1


def test_protected_numbers_file_is_well_formed() -> None:
    data = yaml.safe_load(PROTECTED.read_text())
    numbers = [e["number"] for e in data["numbers"]]
    assert len(numbers) == len(set(numbers))
    for entry in data["numbers"]:
        assert set(entry) == {"number", "owner", "kind"}
        assert entry["kind"] in {"bank", "police", "state", "emergency"}
        if entry["number"].startswith("+"):
            assert phonenumbers.is_valid_number(phonenumbers.parse(entry["number"]))
        else:
            assert entry["number"].isdigit() and len(entry["number"]) <= 4
    assert {"102", "112", "1414", "9999"} <= set(numbers)


def test_rejects_a_world_too_small(tmp_path: Path) -> None:
    with pytest.raises(ValueError):
        _run(tmp_path, seed=1, subscribers=10)
