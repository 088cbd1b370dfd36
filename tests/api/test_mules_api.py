"""GET /v1/trace/{event_id} and GET /v1/mules/{account_id} over a generated bank's export."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import polars as pl
import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine

from helpers import auth
from saqbol.api.app import create_app
from saqbol.config import Settings
from saqbol.detectors.mules.detector import ROLES
from saqbol.rules import load_mule_rules
from saqbol.services import mule_batch
from saqbol.synth.payments import generate_payments


@pytest.fixture(scope="module")
def bank(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("bank")
    generate_payments(seed=21, customers=400, days=20, out_dir=out, mules=True)
    detector = mule_batch.default_detector()
    payments = pl.read_parquet(out / "payments.parquet")
    run = mule_batch.score_transfers(
        mule_batch.normalise(payments, detector.rules.rates),
        detector,
        payments=payments,
        reports=pl.read_parquet(out / "reports.parquet"),
    )
    mule_batch.write_scores(run, out / "mules.parquet")
    return out


@pytest.fixture
def app_client(settings: Settings, engine: Engine, bank: Path) -> TestClient:
    configured = settings.model_copy(
        update={
            "transfers_path": str(bank / "payments.parquet"),
            "mules_path": str(bank / "mules.parquet"),
        }
    )
    return TestClient(create_app(configured, engine))


def victim_payment(bank: Path) -> tuple[str, float]:
    truth = pl.read_parquet(bank / "truth.parquet").filter(pl.col("role") == "victim")
    payments = pl.read_parquet(bank / "payments.parquet").join(truth, on="event_id")
    row = payments.sort("amount", descending=True).row(0, named=True)
    return row["event_id"], row["amount"] / 100


def test_trace_follows_a_victims_money_to_its_holders(
    app_client: TestClient, api_key: Callable[[str], str], bank: Path
) -> None:
    event_id, amount = victim_payment(bank)
    response = app_client.get(f"/v1/trace/{event_id}", headers=auth(api_key("police")))
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["event_id"] == event_id and body["amount"] == pytest.approx(amount)
    assert body["hops"][0]["event_id"] == event_id
    assert len(body["hops"]) > 1  # a drop passes the money on
    assert sum(h["amount"] for h in body["holders"]) == pytest.approx(amount, rel=1e-6)
    assert all(h["traced"] <= h["amount"] + 1e-6 for h in body["hops"])
    hop_ids = {h["event_id"] for h in body["hops"]}
    for holder in body["holders"]:
        assert set(holder["path"]) <= hop_ids and holder["hops"] == len(holder["path"])
    for entry in body["freeze"]:
        assert entry["amount"] > 0 and entry["account"].startswith("KZ")
    short = app_client.get(f"/v1/trace/{event_id}?hops=1", headers=auth(api_key("analyst")))
    assert all(h["hops"] <= 2 for h in short.json()["holders"])


def test_trace_roles_unknown_events_and_bad_parameters(
    app_client: TestClient, api_key: Callable[[str], str], bank: Path
) -> None:
    event_id, _ = victim_payment(bank)
    assert app_client.get(f"/v1/trace/{event_id}", headers=auth(api_key("bank"))).status_code == 403
    assert app_client.get(f"/v1/trace/{event_id}").status_code == 401
    police = auth(api_key("police"))
    missing = app_client.get("/v1/trace/P-nope", headers=police)
    assert missing.status_code == 404 and "P-nope" in missing.text
    bad = app_client.get(f"/v1/trace/{event_id}?hops=0", headers=police)
    assert bad.status_code == 422 and "hops" in bad.text


def test_without_a_transfer_file_the_answer_names_the_setting(
    client: TestClient, api_key: Callable[[str], str]
) -> None:
    response = client.get("/v1/trace/P1", headers=auth(api_key("police")))
    assert response.status_code == 503
    assert "SAQBOL_TRANSFERS_PATH" in response.text


def test_a_drop_verdict_in_words(
    app_client: TestClient, api_key: Callable[[str], str], bank: Path
) -> None:
    scored = pl.read_parquet(bank / "mules.parquet").sort("score", descending=True)
    top = scored.row(0, named=True)
    headers = auth(api_key("bank"))
    ru = app_client.get(f"/v1/mules/{top['account_id']}", headers=headers).json()
    assert ru["role"] == top["role"] and ru["role"] in ROLES
    assert ru["score"] == pytest.approx(top["score"], abs=1e-4)
    assert [r["code"] for r in ru["reasons"]] == top["reasons"]
    assert ru["reasons"] and all(r["text"] and "{" not in r["text"] for r in ru["reasons"])
    kk = app_client.get(
        f"/v1/mules/{top['account_id']}", headers=headers | {"Accept-Language": "kk"}
    ).json()
    assert kk["role_text"] == load_mule_rules().role_text[top["role"]]["kk"]
    assert app_client.get("/v1/mules/KZ00NOPE", headers=headers).status_code == 404
    denied = app_client.get(f"/v1/mules/{top['account_id']}", headers=auth(api_key("citizen")))
    assert denied.status_code == 403
