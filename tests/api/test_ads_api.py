"""POST /v1/ads/screen and POST /v1/chat/screen as a marketplace calls them."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import polars as pl
from fastapi.testclient import TestClient
from sqlalchemy import Engine

from helpers import auth
from saqbol.api.app import create_app
from saqbol.config import Settings
from saqbol.detectors.ads.columns import AD_SCHEMA
from saqbol.schemas import AdIn


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


def test_one_ad_is_judged_against_the_platforms_export(
    settings: Settings, engine: Engine, api_key: Callable[[str], str], tmp_path: Path
) -> None:
    market = [ad(i) for i in range(30)]
    rows = [AdIn.model_validate(a).model_dump() for a in market]
    pl.DataFrame(rows, schema=AD_SCHEMA).write_parquet(tmp_path / "recent.parquet")
    configured = settings.model_copy(
        update={"ads_reference_path": str(tmp_path / "recent.parquet")}
    )
    client = TestClient(create_app(configured, engine))
    headers = auth(api_key("marketplace")) | {"Accept-Language": "en"}
    cheap = ad(200, price=90_000.0)
    body = client.post("/v1/ads/screen", json=cheap, headers=headers).json()
    texts = {r["code"]: r["text"] for r in body["reasons"]}
    assert "66% below" in texts["ad.price_far_below"]  # 1 - 90,000 / 264,000
    copy = ad(201, text=market[3]["text"], city="Астана", region="astana")  # same IP
    body = client.post("/v1/ads/screen", json=copy, headers=headers).json()
    assert "ad.duplicate_across_regions" in [r["code"] for r in body["reasons"]]
    unset = TestClient(create_app(settings, engine))  # without the export: no market
    body = unset.post("/v1/ads/screen", json=cheap, headers=headers).json()
    assert "ad.price_far_below" not in [r["code"] for r in body["reasons"]]
