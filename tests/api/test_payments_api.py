"""POST /v1/payments/score, /v1/payments/score:batch and /v1/loans."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine

from helpers import auth, report_body
from saqbol.api.app import create_app
from saqbol.config import Settings

PAYER = "KZ86125KZT5004100100"
CARD = "4400430212345679"  # Luhn-valid
MULE_ACCOUNT = "KZ75125KZT2069100100"
T0 = datetime.now(UTC) - timedelta(days=2)


def payment(**overrides: Any) -> dict[str, Any]:
    body = {
        "event_id": "e-1",
        "time": T0.isoformat(),
        "payer_account": PAYER,
        "payer_bank": "KASPI",
        "payee_type": "merchant",
        "payee": "MCC5411-000123",
        "payee_country": "KZ",
        "amount": 12_500_00,
        "currency": "KZT",
        "channel": "pos",
        "device_id": "dev-1",
        "ip": "95.56.10.20",
    }
    body.update(overrides)
    return body


@pytest.fixture
def state_path(tmp_path: Path) -> Path:
    return tmp_path / "payments-state.db"


@pytest.fixture
def pay_client(settings: Settings, engine: Engine, factory, state_path: Path) -> TestClient:
    tuned = settings.model_copy(
        update={"payment_state_path": str(state_path), "registry_ttl_s": 0.0}
    )
    return TestClient(create_app(tuned, engine))


@pytest.fixture
def bank(api_key: Callable[[str], str]) -> dict[str, str]:
    return auth(api_key("bank"))


def score(client: TestClient, headers: dict[str, str], **overrides: Any) -> dict[str, Any]:
    response = client.post("/v1/payments/score", json=payment(**overrides), headers=headers)
    assert response.status_code == 200, response.text
    return response.json()


def test_an_ordinary_purchase_is_allowed_with_reasons_in_the_callers_language(
    pay_client: TestClient, bank: dict[str, str]
) -> None:
    result = pay_client.post(
        "/v1/payments/score", json=payment(), headers={**bank, "Accept-Language": "kk"}
    ).json()
    assert result["decision"] == "allow"
    assert 0 <= result["score"] < 0.5
    assert result["state"] == "ok" and result["duplicate"] is False


def test_a_card_first_reported_in_a_complaint_is_held_on_the_next_payment(
    pay_client: TestClient, bank: dict[str, str], api_key: Callable[[str], str]
) -> None:
    before = score(pay_client, bank, event_id="p1", payee_type="card", payee=CARD, amount=5_000_00)
    assert before["decision"] != "hold"
    complaint = report_body(entities=[{"type": "card", "value": "4400 4302 1234 5679"}])
    filed = pay_client.post("/v1/reports", json=complaint, headers=auth(api_key("citizen")))
    assert filed.status_code == 201, filed.text
    after = score(
        pay_client,
        bank,
        event_id="p2",
        time=(T0 + timedelta(minutes=5)).isoformat(),
        payee_type="card",
        payee=CARD,
        amount=5_000_00,
    )
    assert after["decision"] == "hold"
    codes = [r["code"] for r in after["reasons"]]
    assert codes[0] == "pay.registry.payee"
    assert "4400 **** **** 5679" in after["reasons"][0]["text"]
    assert CARD not in str(after)  # the card number is masked


def test_a_phone_payment_into_the_account_of_a_reported_card_is_linked(
    pay_client: TestClient, bank: dict[str, str], api_key: Callable[[str], str]
) -> None:
    score(
        pay_client,
        bank,
        event_id="c1",
        payee_type="card",
        payee=CARD,
        payee_account=MULE_ACCOUNT,
    )
    complaint = report_body(entities=[{"type": "card", "value": CARD}])
    assert pay_client.post("/v1/reports", json=complaint, headers=auth(api_key("citizen")))
    result = score(
        pay_client,
        bank,
        event_id="c2",
        time=(T0 + timedelta(hours=1)).isoformat(),
        payee_type="phone",
        payee="+77071234567",
        payee_account=MULE_ACCOUNT,
    )
    linked = [r for r in result["reasons"] if r["code"] == "pay.registry.linked"]
    assert linked, result
    assert "4400 **** **** 5679" in linked[0]["text"]
    assert result["decision"] in ("review", "hold")


def test_a_repeated_event_id_gets_the_first_answer_and_is_counted_once(
    pay_client: TestClient, bank: dict[str, str]
) -> None:
    first = score(pay_client, bank, event_id="dup", payee_type="card", payee=CARD)
    again = score(pay_client, bank, event_id="dup", payee_type="card", payee=CARD, amount=1)
    assert again["duplicate"] is True
    assert (again["decision"], again["score"]) == (first["decision"], first["score"])
    assert again["reasons"][0]["code"] == "pay.duplicate"
    # Counted once: the next transfer sees one earlier transfer to this card, not two.
    nxt = pay_client.post(
        "/v1/payments/score:batch",
        json={"payments": [payment(event_id="n1", payee_type="card", payee=CARD)]},
        headers={**bank, "Accept-Language": "en"},
    ).json()["results"][0]
    assert nxt["duplicate"] is False


def test_a_loan_sent_on_within_hours_to_a_new_payee_is_flagged(
    pay_client: TestClient, bank: dict[str, str]
) -> None:
    for n, lender in enumerate(("KASPI", "MFO_SOLVA", "HOMECREDIT")):
        loan = {
            "event_id": f"loan-{n}",
            "time": (T0 + timedelta(minutes=n)).isoformat(),
            "borrower_account": PAYER,
            "borrower_iin": "651018359799",
            "lender": lender,
            "amount": 300_000_00,
        }
        response = pay_client.post("/v1/loans", json=loan, headers=bank)
        assert response.status_code == 200, response.text
    assert response.json()["lenders_24h"] == 3
    result = score(
        pay_client,
        bank,
        event_id="after-loan",
        time=(T0 + timedelta(hours=1)).isoformat(),
        payee_type="card",
        payee=CARD,
        amount=800_000_00,
        channel="app",
    )
    codes = {r["code"] for r in result["reasons"]}
    assert {"pay.loan_sent_on", "pay.loan_stacking"} <= codes
    assert result["decision"] in ("review", "hold")


def test_the_state_store_down_still_answers_and_says_so(
    settings: Settings, engine: Engine, factory, bank: dict[str, str], tmp_path: Path
) -> None:
    unwritable = tmp_path / "no-such-dir" / "state.db"
    broken = settings.model_copy(update={"payment_state_path": str(unwritable)})
    client = TestClient(create_app(broken, engine))
    result = score(client, bank, event_id="x1")
    assert result["state"] == "unavailable"
    assert "pay.state.unavailable" in [r["code"] for r in result["reasons"]]
    loan = client.post(
        "/v1/loans",
        json={
            "event_id": "l1",
            "time": T0.isoformat(),
            "borrower_account": PAYER,
            "borrower_iin": "651018359799",
            "lender": "KASPI",
            "amount": 1,
        },
        headers=bank,
    )
    assert loan.status_code == 503
    assert loan.headers["content-type"].startswith("application/problem+json")


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"payee_type": "card", "payee": "4400430212345678"}, "payee"),
        ({"payer_account": "KZ00125KZT5004100100"}, "payer_account"),
        ({"amount": 0}, "amount"),
        ({"amount": -500}, "amount"),
        ({"currency": "XYZ"}, "currency"),
        ({"time": (datetime.now(UTC) + timedelta(days=1)).isoformat()}, "time"),
        ({"payee_type": "cheque"}, "payee_type"),
        ({"channel": "pigeon"}, "channel"),
        ({"payee_country": "Kazakhstan"}, "payee_country"),
        ({"ip": "999.1.1.1"}, "ip"),
    ],
)
def test_bad_input_is_refused_naming_the_field(
    pay_client: TestClient, bank: dict[str, str], overrides: dict[str, Any], field: str
) -> None:
    response = pay_client.post("/v1/payments/score", json=payment(**overrides), headers=bank)
    assert response.status_code == 422
    fields = [e["field"] for e in response.json()["errors"]]
    assert any(f.endswith(field) for f in fields), fields


def test_a_batch_with_one_bad_payment_is_refused_whole(
    pay_client: TestClient, bank: dict[str, str]
) -> None:
    body = {"payments": [payment(event_id="ok"), payment(event_id="bad", amount=0)]}
    response = pay_client.post("/v1/payments/score:batch", json=body, headers=bank)
    assert response.status_code == 422
    assert any(e["field"] == "payments.1.amount" for e in response.json()["errors"])
    retry = score(pay_client, bank, event_id="ok")
    assert retry["duplicate"] is False  # nothing of the refused batch was recorded


@pytest.mark.parametrize("role", ["citizen", "telecom", "marketplace", "police"])
def test_only_banks_and_analysts_score_payments(
    pay_client: TestClient, api_key: Callable[[str], str], role: str
) -> None:
    response = pay_client.post("/v1/payments/score", json=payment(), headers=auth(api_key(role)))
    assert response.status_code == 403


def test_the_schema_is_documented_in_openapi(pay_client: TestClient) -> None:
    spec = pay_client.get("/openapi.json").json()
    assert "/v1/payments/score" in spec["paths"]
    assert "/v1/payments/score:batch" in spec["paths"]
    assert "/v1/loans" in spec["paths"]
    props = spec["components"]["schemas"]["PaymentIn"]["properties"]
    assert {"remote_access", "on_call", "new_device", "sim_changed", "payee_account"} <= set(props)


def test_the_scoring_path_refuses_bad_bodies_like_every_other_endpoint(
    settings: Settings, engine: Engine, factory, bank: dict[str, str], state_path: Path
) -> None:
    small = settings.model_copy(
        update={"payment_state_path": str(state_path), "max_body_bytes": 2000}
    )
    client = TestClient(create_app(small, engine))
    big = client.post(
        "/v1/payments/score",
        content=b'{"event_id": "' + b"x" * 3000 + b'"}',
        headers={**bank, "Content-Type": "application/json"},
    )
    assert big.status_code == 413
    assert big.headers["content-type"].startswith("application/problem+json")
    broken = client.post(
        "/v1/payments/score",
        content=b'{"event_id": ',
        headers={**bank, "Content-Type": "application/json"},
    )
    assert broken.status_code == 400
    assert "not valid JSON" in broken.json()["detail"]
    assert client.post("/v1/payments/score", json=payment()).status_code == 401


def test_an_unexpected_failure_is_a_logged_500_problem(
    pay_client: TestClient, bank: dict[str, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from saqbol.services.payment_scoring import PaymentScorer

    def broken(self: PaymentScorer, event: dict[str, Any]) -> None:
        raise RuntimeError("boom")

    monkeypatch.setattr(PaymentScorer, "score", broken)
    response = pay_client.post("/v1/payments/score", json=payment(), headers=bank)
    assert response.status_code == 500
    assert response.headers["content-type"].startswith("application/problem+json")
    assert "boom" not in response.text
