"""POST /v1/calls/screen: one call or a batch, with the registry's numbers and roaming."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

import polars as pl
import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine

from helpers import auth, report_body
from saqbol.api.app import create_app
from saqbol.config import Settings

START = datetime(2026, 3, 1, 12, tzinfo=UTC)


@pytest.fixture
def context_dir(tmp_path: Path) -> Path:
    pl.DataFrame(
        {
            "msisdn": ["+77011112233"],
            "roaming_from": [START - timedelta(days=1)],
            "roaming_to": [START + timedelta(days=1)],
            "operator": ["KCELL"],
            "answered_by_exchange": [True],
        }
    ).write_parquet(tmp_path / "roaming.parquet")
    return tmp_path


@pytest.fixture
def telecom_client(settings: Settings, engine: Engine, context_dir: Path) -> TestClient:
    configured = settings.model_copy(update={"call_context_dir": str(context_dir)})
    return TestClient(create_app(configured, engine))


def call(**overrides: object) -> dict:
    return {"call_id": "c1", "start": START.isoformat(), "a_number": "+77011234567",
            "b_number": "+77015550000", "route": "international", **overrides}  # fmt: skip


def test_one_call_blocked_with_reasons_in_the_callers_language(
    telecom_client: TestClient, api_key: Callable[[str], str]
) -> None:
    headers = auth(api_key("telecom")) | {"Accept-Language": "en"}
    body = telecom_client.post("/v1/calls/screen", json=call(), headers=headers).json()
    assert body["verdict"] == "block"
    assert body["reasons"][0]["code"] == "call.kz_mobile_from_abroad"
    assert "not roaming" in body["reasons"][0]["text"]
    roaming = telecom_client.post(
        "/v1/calls/screen", json=call(a_number="+77011112233"), headers=headers
    ).json()
    assert roaming["verdict"] == "allow" and roaming["roaming_state"] == "roaming"
    told = telecom_client.post(
        "/v1/calls/screen", json=call(roaming_state="unknown"), headers=headers
    ).json()
    assert told["verdict"] == "flag"  # the switch's own exchange query wins


def test_a_batch_answers_in_order(
    telecom_client: TestClient, api_key: Callable[[str], str]
) -> None:
    calls = [call(call_id="a", a_number="102", route="interconnect"),
             call(call_id="b", a_number="+998901234567"),
             call(call_id="c", a_number="garbage", route="sip_trunk")]  # fmt: skip
    response = telecom_client.post(
        "/v1/calls/screen", json={"calls": calls}, headers=auth(api_key("telecom"))
    )
    assert response.status_code == 200
    results = response.json()["results"]
    assert [(r["call_id"], r["verdict"]) for r in results] == [
        ("a", "block"), ("b", "allow"), ("c", "block")
    ]  # fmt: skip
    assert "Police" in results[0]["reasons"][0]["text"]


def test_a_number_reported_in_a_complaint_is_flagged(
    telecom_client: TestClient, api_key: Callable[[str], str]
) -> None:
    reported = report_body(entities=[{"type": "phone", "value": "+77079998877"}])
    made = telecom_client.post("/v1/reports", json=reported, headers=auth(api_key("citizen")))
    assert made.status_code == 201, made.text
    body = telecom_client.post(
        "/v1/calls/screen",
        json=call(a_number="8 707 999 88 77", route="interconnect"),
        headers=auth(api_key("telecom")),
    ).json()
    assert body["verdict"] == "flag" and body["reasons"][0]["code"] == "call.registry_reported"


@pytest.mark.parametrize(
    ("overrides", "field"),
    [({"route": "moon"}, "route"), ({"duration_s": -5}, "duration_s"),
     ({"start": "yesterday"}, "start")],
)  # fmt: skip
def test_bad_calls_are_422_naming_the_field(
    telecom_client: TestClient, api_key: Callable[[str], str], overrides: dict, field: str
) -> None:
    response = telecom_client.post(
        "/v1/calls/screen", json=call(**overrides), headers=auth(api_key("telecom"))
    )
    assert response.status_code == 422
    assert field in response.text


def test_only_operators_and_analysts(
    telecom_client: TestClient, api_key: Callable[[str], str]
) -> None:
    assert telecom_client.post("/v1/calls/screen", json=call()).status_code == 401
    denied = telecom_client.post("/v1/calls/screen", json=call(), headers=auth(api_key("bank")))
    assert denied.status_code == 403
