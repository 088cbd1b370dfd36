"""POST /v1/check/text: verdicts with reasons in the caller's language; registry links."""

from __future__ import annotations

from helpers import VALID_CARD, auth, report_body

SCAM = "Это служба безопасности банка. Назовите код из SMS от 1414, иначе кредит на ваше имя."


def test_scam_message_with_reasons_in_kazakh(client, api_key) -> None:
    response = client.post(
        "/v1/check/text",
        json={"text": SCAM},
        headers={**auth(api_key("citizen")), "Accept-Language": "kk-KZ,ru;q=0.8"},
    )
    body = response.json()
    assert response.status_code == 200
    assert (body["label"], body["typology"], body["lang"]) == ("scam", "sms_code_1414", "ru")
    codes = [r["code"] for r in body["reasons"]]
    assert "text.cue.code_request" in codes
    assert "SMS-кодты" in body["reasons"][codes.index("text.cue.code_request")]["text"]


def test_card_in_the_registry_raises_the_message(client, api_key) -> None:
    text = f"Привет, переведи 5000 на карту {VALID_CARD}, потом верну"
    citizen = auth(api_key("citizen"))
    before = client.post("/v1/check/text", json={"text": text}, headers=citizen).json()
    body = report_body(typology="prepayment", entities=[{"type": "card", "value": VALID_CARD}])
    client.post("/v1/reports", json=body, headers=citizen)
    after = client.post("/v1/check/text", json={"text": text}, headers=citizen).json()
    assert after["score"] > before["score"]
    assert "text.registry.reported" in [r["code"] for r in after["reasons"]]


def test_empty_and_oversized_text_are_422_naming_the_limit(client, api_key) -> None:
    citizen = auth(api_key("citizen"))
    assert client.post("/v1/check/text", json={"text": "   "}, headers=citizen).status_code == 422
    response = client.post("/v1/check/text", json={"text": "a" * 20_001}, headers=citizen)
    assert response.status_code == 422
    assert "20000" in response.json()["detail"]


def test_check_needs_a_key(client) -> None:
    assert client.post("/v1/check/text", json={"text": SCAM}).status_code == 401
