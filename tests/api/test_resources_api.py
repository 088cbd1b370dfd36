"""POST /v1/check/url and the monitoring registry's endpoints, with their roles."""

from __future__ import annotations

from helpers import auth


def test_check_url_explains_in_the_callers_language(client, api_key) -> None:
    citizen = auth(api_key("citizen"))
    response = client.post(
        "/v1/check/url",
        json={"url": "https://kaspi-bonus.online/login"},
        headers={**citizen, "Accept-Language": "kk"},
    )
    body = response.json()
    assert response.status_code == 200
    assert (body["verdict"], body["brand"], body["domain"]) == (
        "phishing",
        "Kaspi.kz",
        "kaspi-bonus.online",
    )
    combo = next(r for r in body["reasons"] if r["code"] == "url.combosquat")
    assert "сөз қосады" in combo["text"]


def test_check_url_refuses_unreadable_links_with_422(client, api_key) -> None:
    citizen = auth(api_key("citizen"))
    long_label = client.post(
        "/v1/check/url", json={"url": "http://" + "a" * 64 + ".kz"}, headers=citizen
    )
    assert long_label.status_code == 422
    assert "63" in long_label.json()["detail"]
    assert client.post("/v1/check/url", json={"url": ""}, headers=citizen).status_code == 422
    assert client.post("/v1/check/url", json={}, headers=citizen).status_code == 422


def test_citizens_complain_analysts_decide_operators_export(client, api_key) -> None:
    citizen, analyst, telecom = (auth(api_key(r)) for r in ("citizen", "analyst", "telecom"))
    filed = client.post(
        "/v1/resources/complaints", json={"url": "http://olx-dostavka.kz/pay"}, headers=citizen
    )
    assert filed.status_code == 201
    resource = filed.json()["resource"]
    assert (resource["source"], resource["status"]) == ("citizen", "detected")
    rid = resource["id"]
    # A citizen may not decide or list; an analyst may.
    assert client.get("/v1/resources", headers=citizen).status_code == 403
    move = {"status": "under_review"}
    assert client.post(f"/v1/resources/{rid}/status", json=move, headers=citizen).status_code == 403
    assert client.post(f"/v1/resources/{rid}/status", json=move, headers=analyst).status_code == 200
    block = {"status": "block_requested", "document": "Order 3", "addressee": "registrar"}
    response = client.post(f"/v1/resources/{rid}/status", json=block, headers=analyst)
    assert response.status_code == 200 and response.json()["allowed_next"] == [
        "blocked",
        "under_review",
        "false_positive",
    ]
    exported = client.get("/v1/resources/blocklist?format=csv", headers=telecom)
    assert exported.status_code == 200
    assert "olx-dostavka.kz,block_requested" in exported.text
    # Once on the register, the domain is named in every check of it.
    check = client.post("/v1/check/url", json={"url": "olx-dostavka.kz/x"}, headers=citizen)
    assert "url.registry.blocked" in [r["code"] for r in check.json()["reasons"]]


def test_a_wrong_transition_is_422_naming_the_allowed_ones(client, api_key) -> None:
    citizen, analyst = auth(api_key("citizen")), auth(api_key("analyst"))
    rid = client.post(
        "/v1/resources/complaints", json={"url": "kaspi-gift.top"}, headers=citizen
    ).json()["resource"]["id"]
    response = client.post(
        f"/v1/resources/{rid}/status", json={"status": "blocked"}, headers=analyst
    )
    assert response.status_code == 422
    assert "under_review" in response.json()["detail"]
    unknown = client.post(f"/v1/resources/{rid}/status", json={"status": "gone"}, headers=analyst)
    assert unknown.status_code == 422
    missing = client.get("/v1/resources/999999", headers=analyst)
    assert missing.status_code == 404


def test_a_phishing_link_in_a_message_feeds_the_text_verdict(client, api_key) -> None:
    citizen = auth(api_key("citizen"))
    text = "Сіздің сәлемдемеңіз кідірді, мекенжайды растаңыз: http://kazpost-dostavka.top/track"
    body = client.post("/v1/check/text", json={"text": text}, headers=citizen).json()
    codes = [r["code"] for r in body["reasons"]]
    assert "text.link.phishing" in codes
    assert body["label"] == "scam"
