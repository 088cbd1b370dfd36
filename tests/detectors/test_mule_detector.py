"""The drop detector end to end on a generated bank: scores, roles, reasons, clusters."""

from __future__ import annotations

import polars as pl
import pytest

from saqbol.detectors.mules.detector import ROLES, compile_mule_rules
from saqbol.detectors.mules.transfers import from_payments
from saqbol.rules.loader import _read
from saqbol.services import mule_batch
from saqbol.services.mule_batch import MuleRun
from saqbol.synth.payments import generate_payments

POSITIVE = ("mule", "organiser", "cash_out")


@pytest.fixture(scope="module")
def bank(tmp_path_factory: pytest.TempPathFactory) -> tuple[MuleRun, pl.DataFrame]:
    out = tmp_path_factory.mktemp("bank")
    generate_payments(seed=31, customers=5000, days=30, out_dir=out, mules=True)
    detector = mule_batch.default_detector()
    payments = pl.read_parquet(out / "payments.parquet")
    run = mule_batch.score_transfers(
        from_payments(payments, detector.rules.rates),
        detector,
        payments=payments,
        reports=pl.read_parquet(out / "reports.parquet"),
    )
    truth = pl.read_parquet(out / "accounts_truth.parquet")
    return run, run.scored.join(truth, on="account_id", how="left", suffix="_true")


def test_flagged_accounts_are_mostly_real_drops(bank: tuple[MuleRun, pl.DataFrame]) -> None:
    _, scored = bank
    flagged = scored.filter(pl.col("role").is_in(POSITIVE))
    positives = scored.filter(pl.col("role_true").is_in(POSITIVE))
    hits = flagged.filter(pl.col("role_true").is_in(POSITIVE))
    assert positives.height >= 40
    assert hits.height / flagged.height >= 0.8  # precision
    assert hits.height / positives.height >= 0.7  # recall


def test_every_flagged_account_says_why(bank: tuple[MuleRun, pl.DataFrame]) -> None:
    run, scored = bank
    detector = mule_batch.default_detector()
    rows = scored.filter(pl.col("role").is_in(POSITIVE)).join(run.features, on="account_id")
    assert rows.height
    for row in rows.iter_rows(named=True):
        assert row["reasons"], row["account_id"]
        for lang in ("kk", "ru", "en"):
            texts = detector.explain(row, lang)
            assert len(texts) == len(row["reasons"])
            assert all(t["text"] and "{" not in t["text"] for t in texts)


def test_roles_and_clusters_are_consistent(bank: tuple[MuleRun, pl.DataFrame]) -> None:
    run, scored = bank
    assert set(scored["role"].unique()) <= set(ROLES)
    flagged = scored["role"].is_in(POSITIVE)
    assert (scored["cluster_id"].is_not_null() == flagged).all()
    ids = sorted(scored["cluster_id"].drop_nulls().unique().to_list())
    assert ids == list(range(1, len(ids) + 1))
    clusters = run.clusters()
    assert clusters["accounts"].sum() == int(flagged.sum())
    victims = scored.filter(pl.col("role") == "victim")
    assert victims.height and (victims["role_true"] == "victim").mean() >= 0.5


def test_bare_exports_use_the_structural_model(bank: tuple[MuleRun, pl.DataFrame]) -> None:
    run, _ = bank
    detector = mule_batch.default_detector()
    assert detector.pick(run.graph)[0] is detector.model
    bare = run.graph.__class__(**{**run.graph.__dict__, "device": run.graph.device * 0 - 1,
                                  "ip": run.graph.ip * 0 - 1,
                                  "dst_kind": run.graph.dst_kind * 0})  # fmt: skip
    assert detector.pick(bare)[0] is detector.structural


def test_a_bad_rule_condition_is_named() -> None:
    data = _read("mules.yaml")
    data["cues"]["mule.cycle"]["when"] = ["cycles >= 2"]
    with pytest.raises(ValueError, match=r"mule\.cycle: condition 'cycles >= 2'"):
        compile_mule_rules(data)
