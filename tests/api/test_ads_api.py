"""POST /v1/ads/screen and POST /v1/chat/screen as a marketplace calls them."""

from __future__ import annotations

from collections.abc import Callable

from fastapi.testclient import TestClient

from helpers import auth


def ad(i: int, **overrides: object) -> dict:
    letters = "".join(chr(1072 + (i + k) % 32) for k in range(3))
    return {
        "ad_id": f"a{i}", "platform": "krisha", "category": "flat_rent",
        "title": "2-комн. квартира", "text": f"Сдаю квартиру {letters} на длительный срок",
        "price": 250_000.0 + 1_000 * (i % 30), "currency": "KZT", "region": "almaty",
        "city": "Алматы", "signin_phone": "+77011234567", "post_ip": "2.132.1.1",
        "posted_at": "2026-03-10T12:00:00+05:00",
    } | overrides  # fmt: skip


def test_a_batch_with_a_phishing_ad_and_a_foreign_seller(
    client: TestClient, api_key: Callable[[str], str]
) -> None:
    ads = [ad(i) for i in range(30)]
    ads.append(ad(100, links=["https://krisha-kz.booking-pay.top/pay"], text="Оплата брони"))
    ads.append(ad(101, signin_phone="+996555123456", post_ip="185.22.1.1"))
    headers = auth(api_key("marketplace")) | {"Accept-Language": "en"}
    response = client.post("/v1/ads/screen", json={"ads": ads}, headers=headers)
    assert response.status_code == 200, response.text
    out = {r["ad_id"]: r for r in response.json()["results"]}
    assert out["a100"]["decision"] == "reject"
    assert out["a100"]["reasons"][0]["code"] == "ad.phishing_link"
    codes = [r["code"] for r in out["a101"]["reasons"]]
    assert "ad.foreign_signin_phone" in codes
    assert "KG" in out["a101"]["reasons"][codes.index("ad.foreign_signin_phone")]["text"]
    assert out["a1"]["decision"] == "publish"


def test_one_ad_and_bad_values(client: TestClient, api_key: Callable[[str], str]) -> None:
    headers = auth(api_key("marketplace"))
    one = client.post("/v1/ads/screen", json=ad(1, price=None, currency="XYZ"), headers=headers)
    assert one.status_code == 200 and one.json()["ad_id"] == "a1"
    bad = client.post("/v1/ads/screen", json=ad(1, posted_at="soon"), headers=headers)
    assert bad.status_code == 422 and "posted_at" in bad.text
    assert client.post("/v1/ads/screen", json=ad(1)).status_code == 401
    denied = client.post("/v1/ads/screen", json=ad(1), headers=auth(api_key("bank")))
    assert denied.status_code == 403


def test_chat_messages_with_payment_links_warn_the_recipient(
    client: TestClient, api_key: Callable[[str], str]
) -> None:
    headers = auth(api_key("marketplace")) | {"Accept-Language": "kk"}
    risky = client.post(
        "/v1/chat/screen",
        json={"text": "Оплатите доставку тут https://olx-kz.delivery-pay.com/pay?id=5"},
        headers=headers,
    ).json()
    assert risky["warn"] is True and risky["warning"].startswith("Абай болыңыз")
    plain = client.post(
        "/v1/chat/screen", json={"text": "Добрый день, ещё актуально?"}, headers=headers
    ).json()
    assert plain == {"warn": False, "warning": None, "links": []}
