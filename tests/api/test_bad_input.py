"""Bad input: a clear problem+json naming the field; nothing half-written."""

from __future__ import annotations

import pytest

from helpers import VALID_CARD, auth, report_body

BAD_FIELDS = [
    ({"region": "atlantis"}, "region"),
    ({"typology": "unknown_scheme"}, "typology"),
    ({"channel": "pigeon"}, "channel"),
    ({"amount_lost_kzt": -1}, "amount_lost_kzt"),
    ({"amount_lost_kzt": 12.5}, "amount_lost_kzt"),
    ({"occurred_at": "2099-01-01T00:00:00Z"}, "occurred_at"),
    ({"occurred_at": "yesterday"}, "occurred_at"),
    ({"entities": [{"type": "phone", "value": "12"}]}, "entities.0.value"),
    ({"entities": [{"type": "iin", "value": "900101300001"}]}, "entities.0.value"),
    ({"entities": [{"type": "card", "value": "4400430000000008"}]}, "entities.0.value"),
    ({"entities": [{"type": "iban", "value": "KZ00125KZT5004100100"}]}, "entities.0.value"),
    ({"entities": [{"type": "url", "value": "http://exa mple.com"}]}, "entities.0.value"),
    ({"entities": [{"type": "ip", "value": "300.1.1.1"}]}, "entities.0.value"),
    ({"entities": [{"type": "pager", "value": "1"}]}, "entities.0.type"),
    ({"surprise": 1}, "surprise"),
]


@pytest.mark.parametrize(("override", "field"), BAD_FIELDS)
def test_bad_field_is_named_in_a_422_problem(client, api_key, override, field) -> None:
    response = client.post(
        "/v1/reports", json=report_body(**override), headers=auth(api_key("citizen"))
    )
    assert response.status_code == 422, response.text
    assert response.headers["content-type"] == "application/problem+json"
    assert field in [e["field"] for e in response.json()["errors"]]


def test_report_with_one_bad_entity_is_rejected_whole(client, api_key) -> None:
    entities = [{"type": "card", "value": VALID_CARD}, {"type": "phone", "value": "abc"}]
    response = client.post(
        "/v1/reports", json=report_body(entities=entities), headers=auth(api_key("citizen"))
    )
    assert response.status_code == 422
    analyst = auth(api_key("analyst"))
    assert client.get("/v1/entities", headers=analyst).json()["total"] == 0
    assert client.get("/v1/reports", headers=analyst).json()["total"] == 0


def test_error_never_echoes_the_rejected_identifier(client, api_key) -> None:
    entities = [{"type": "card", "value": "4400430000000008"}]
    response = client.post(
        "/v1/reports", json=report_body(entities=entities), headers=auth(api_key("citizen"))
    )
    assert "4400430000000008" not in response.text


def test_invalid_json_is_400(client, api_key) -> None:
    response = client.post(
        "/v1/reports",
        content=b'{"channel": ',
        headers={**auth(api_key("citizen")), "content-type": "application/json"},
    )
    assert response.status_code == 400
    assert "JSON" in response.json()["detail"]


def test_body_over_1_mib_is_413(client, api_key) -> None:
    body = report_body(text="x" * (1024 * 1024 + 1))
    response = client.post("/v1/reports", json=body, headers=auth(api_key("citizen")))
    assert response.status_code == 413
    assert response.headers["content-type"] == "application/problem+json"


def test_chunked_body_over_the_limit_is_413(client, api_key) -> None:
    def chunks():
        yield b'{"text": "'
        for _ in range(20):
            yield b"x" * 65536
        yield b'"}'

    response = client.post(
        "/v1/reports",
        content=chunks(),
        headers={**auth(api_key("citizen")), "content-type": "application/json"},
    )
    assert response.status_code == 413


def test_unknown_entity_id_is_404_problem(client, api_key) -> None:
    response = client.get("/v1/entities/12345", headers=auth(api_key("analyst")))
    assert response.status_code == 404
    assert response.json()["errors"][0]["field"] == "entity_id"


def test_lookup_needs_exactly_one_of_value_or_hash(client, api_key) -> None:
    bank = auth(api_key("bank"))
    neither = client.post("/v1/entities/lookup", json={"type": "phone"}, headers=bank)
    assert neither.status_code == 422
    bad = client.post("/v1/entities/lookup", json={"type": "card", "value": "1234"}, headers=bank)
    assert bad.status_code == 422 and bad.json()["errors"][0]["field"] == "value"
