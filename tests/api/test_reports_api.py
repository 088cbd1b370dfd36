from __future__ import annotations

from helpers import VALID_CARD, auth, report_body


def test_two_reports_in_two_phone_formats_make_one_entity(client, api_key) -> None:
    citizen = auth(api_key("citizen"))
    for phone in ("8 701 123 45 67", "+77011234567"):
        body = report_body(entities=[{"type": "phone", "value": phone}])
        assert client.post("/v1/reports", json=body, headers=citizen).status_code == 201
    page = client.get("/v1/entities", headers=auth(api_key("analyst"))).json()
    assert page["total"] == 1
    assert page["items"][0]["report_count"] == 2
    assert page["items"][0]["masked"] == "+7 701 *** ** 67"
    assert page["items"][0]["value"] is None


def test_report_round_trip_keeps_fields_in_utc(client, api_key) -> None:
    body = report_body(entities=[{"type": "card", "value": VALID_CARD}])
    report_id = client.post("/v1/reports", json=body, headers=auth(api_key("citizen"))).json()["id"]
    got = client.get(f"/v1/reports/{report_id}", headers=auth(api_key("police"))).json()
    assert got["occurred_at"] == "2026-11-01T05:00:00Z"
    assert (got["region"], got["amount_lost_kzt"]) == ("astana", 150_000)
    assert got["entities"][0]["masked"] == "4400 **** **** 0007"


def test_naive_time_is_read_as_kazakhstan_time(client, api_key) -> None:
    body = report_body(occurred_at="2026-11-01T10:00:00")
    report_id = client.post("/v1/reports", json=body, headers=auth(api_key("citizen"))).json()["id"]
    got = client.get(f"/v1/reports/{report_id}", headers=auth(api_key("analyst"))).json()
    assert got["occurred_at"] == "2026-11-01T05:00:00Z"


def test_lookup_by_hash_matches_lookup_by_value(client, api_key) -> None:
    client.post("/v1/reports", json=report_body(), headers=auth(api_key("citizen")))
    bank = auth(api_key("bank"))
    by_value = client.post(
        "/v1/entities/lookup", json={"type": "phone", "value": "7011234567"}, headers=bank
    ).json()
    by_hash = client.post("/v1/entities/lookup", json={"hash": by_value["hash"]}, headers=bank)
    assert by_hash.json() == by_value
    unknown = client.post("/v1/entities/lookup", json={"hash": "a" * 64}, headers=bank)
    assert unknown.json()["found"] is False


def test_status_change_and_reveal_are_audited(client, api_key) -> None:
    filed = client.post("/v1/reports", json=report_body(), headers=auth(api_key("citizen")))
    entity_id = filed.json()["entities"][0]["id"]
    police = auth(api_key("police"))
    changed = client.post(
        f"/v1/entities/{entity_id}/status", json={"status": "blocked"}, headers=police
    )
    assert changed.json()["status"] == "blocked"
    revealed = client.get(f"/v1/entities/{entity_id}?reveal=true", headers=police).json()
    assert revealed["value"] == "+77011234567"
    assert revealed["report_ids"] == [filed.json()["id"]]
    check = client.get("/v1/audit/verify", headers=auth(api_key("prosecutor"))).json()
    # 3 keys (citizen, police, prosecutor) + entity.created, report.filed, status, reveal
    assert check == {"ok": True, "records": 7, "broken_at": None, "problem": None}


def test_admin_creates_a_key_that_works_once_shown(client, api_key) -> None:
    created = client.post(
        "/v1/keys", json={"role": "marketplace", "name": "OLX T&S"}, headers=auth(api_key("admin"))
    ).json()
    me = client.get("/v1/me", headers=auth(created["key"])).json()
    assert (me["role"], me["name"]) == ("marketplace", "OLX T&S")


def test_healthz_and_openapi(client) -> None:
    assert client.get("/healthz").json()["status"] == "ok"
    assert "/v1/reports" in client.get("/openapi.json").json()["paths"]
