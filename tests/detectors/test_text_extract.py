from __future__ import annotations

import pytest

from saqbol.detectors.text.extract import extract

CASES = [
    ("Звоните 8 701 123 45 67", ("phone", "+77011234567")),
    ("+7(701)1234567 жазыңыз", ("phone", "+77011234567")),
    ("на карту 4400 4300 0000 0007", ("card", "4400430000000007")),
    ("шот KZ86125KZT5004100100", ("iban", "KZ86125KZT5004100100")),
    ("перейдите kaspi-bonus.kz/pay", ("url", "http://kaspi-bonus.kz/pay")),
    ("http://185.22.10.5/kaspi", ("url", "http://185.22.10.5/kaspi")),
    ("bit.ly/3xYz", ("url", "http://bit.ly/3xYz")),
    ("150 000 тг", ("amount", "150000 KZT")),
    ("25 мың теңге", ("amount", "25000 KZT")),
    ("1,5 млн тг", ("amount", "1500000 KZT")),
    ("Ваш код: 4821", ("code", "4821")),
]


@pytest.mark.parametrize(("text", "expected"), CASES)
def test_extracts_and_normalises(text, expected) -> None:
    assert expected in [(f.type, f.value) for f in extract(text)]


def test_invalid_card_is_not_reported() -> None:
    assert not [f for f in extract("4400 4300 0000 0008") if f.type == "card"]


def test_codes_are_masked() -> None:
    (code,) = [f for f in extract("код 123456") if f.type == "code"]
    assert code.masked == "******"
