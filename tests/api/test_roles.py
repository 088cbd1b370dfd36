"""Every endpoint declares its roles: no key 401, wrong role 403, the right role gets through."""

from __future__ import annotations

import pytest

from helpers import auth, report_body
from saqbol.vocab import ROLES

# (method, path, json body, roles that may call it)
ENDPOINTS = [
    (
        "POST",
        "/v1/reports",
        report_body(),
        {"citizen", "analyst", "bank", "telecom", "marketplace", "police", "admin"},
    ),
    ("GET", "/v1/reports", None, {"analyst", "police", "prosecutor", "admin"}),
    ("POST", "/v1/entities/lookup", {"type": "phone", "value": "87011234567"}, set(ROLES)),
    ("GET", "/v1/entities", None, {"analyst", "police", "prosecutor", "admin"}),
    ("POST", "/v1/keys", {"role": "bank", "name": "Bank X"}, {"admin"}),
    ("GET", "/v1/audit/verify", None, {"admin", "prosecutor"}),
    ("GET", "/v1/me", None, set(ROLES)),
    (
        "POST",
        "/v1/credit-ban/check",
        {"iin": "651018359799", "product": "bank_loan", "channel": "online"},
        {"bank"},
    ),
    ("GET", "/v1/credit-ban/void-loans", None, {"analyst", "police", "prosecutor", "admin"}),
    ("GET", "/v1/credit-ban/enumeration", None, {"analyst", "police", "prosecutor", "admin"}),
]


@pytest.mark.parametrize(("method", "path", "body", "allowed"), ENDPOINTS)
def test_without_a_key_is_401(client, method, path, body, allowed) -> None:
    response = client.request(method, path, json=body)
    assert response.status_code == 401
    assert response.headers["content-type"] == "application/problem+json"


@pytest.mark.parametrize(("method", "path", "body", "allowed"), ENDPOINTS)
def test_each_role_is_admitted_or_refused(client, api_key, method, path, body, allowed) -> None:
    for role in ROLES:
        response = client.request(method, path, json=body, headers=auth(api_key(role)))
        expected_ok = role in allowed
        assert (response.status_code < 400) == expected_ok, (role, response.text)
        if not expected_ok:
            assert response.status_code == 403


def test_unknown_and_revoked_keys_are_401(client, api_key, factory) -> None:
    from saqbol.services import keys
    from saqbol.store import transaction

    assert client.get("/v1/me", headers=auth("sqb_not-a-key")).status_code == 401
    key = api_key("bank")
    assert client.get("/v1/me", headers={"X-API-Key": key}).json()["role"] == "bank"
    with transaction(factory) as session:
        key_id = keys.authenticate(session=session, key=key).key_id
        keys.revoke_key(session=session, key_id=key_id, actor="t", now=keys_now())
    assert client.get("/v1/me", headers=auth(key)).status_code == 401


def keys_now():
    from conftest import NOW

    return NOW


def test_bank_can_look_up_but_not_list_or_read_reports(client, api_key) -> None:
    bank = auth(api_key("bank"))
    filed = client.post("/v1/reports", json=report_body(), headers=auth(api_key("citizen")))
    report_id = filed.json()["id"]
    entity_id = filed.json()["entities"][0]["id"]
    found = client.post(
        "/v1/entities/lookup", json={"type": "phone", "value": "+77011234567"}, headers=bank
    ).json()
    assert found["found"] and found["report_count"] == 1 and "id" not in found
    assert client.get("/v1/entities", headers=bank).status_code == 403
    assert client.get(f"/v1/entities/{entity_id}", headers=bank).status_code == 403
    assert client.get(f"/v1/reports/{report_id}", headers=bank).status_code == 403


def test_a_cached_key_is_forgotten_after_its_time() -> None:
    from saqbol.api.deps import KeyCache
    from saqbol.services.keys import Principal

    now = [100.0]
    cache = KeyCache(ttl_s=5.0, clock=lambda: now[0])
    cache.put("k", Principal(1, "bank", "bank"))
    assert cache.get("k") == Principal(1, "bank", "bank")
    now[0] += 5.0
    assert cache.get("k") is None
    assert KeyCache(ttl_s=0.0).get("k") is None
