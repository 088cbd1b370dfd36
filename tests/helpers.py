"""Plain helpers for tests (not fixtures)."""

from __future__ import annotations

from typing import Any

VALID_CARD = "4400430000000007"  # Luhn-valid, built for tests


def report_body(**overrides: Any) -> dict[str, Any]:
    body: dict[str, Any] = {
        "channel": "sms",
        "typology": "sms_code_1414",
        "text": "Попросили код из SMS от 1414",
        "amount_lost_kzt": 150_000,
        "occurred_at": "2026-11-01T10:00:00+05:00",
        "region": "astana",
        "entities": [{"type": "phone", "value": "8 701 123 45 67"}],
    }
    body.update(overrides)
    return body


def auth(key: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {key}"}
