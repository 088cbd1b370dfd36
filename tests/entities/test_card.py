import pytest

from saqbol.entities import mask_card, parse_card
from saqbol.errors import InvalidIdentifier


def with_luhn(body: str) -> str:
    """Append the Luhn digit, computed here independently of stdnum."""
    total = 0
    for i, char in enumerate(reversed(body)):
        digit = int(char) * (2 if i % 2 == 0 else 1)
        total += digit - 9 if digit > 9 else digit
    return body + str(-total % 10)


KASPI_LIKE = with_luhn("440043012345678")


@pytest.mark.parametrize(
    ("raw", "scheme"),
    [
        ("4111 1111 1111 1111", "visa"),
        ("4222222222222", "visa"),
        ("5555-5555-5555-4444", "mastercard"),
        ("2223003122003222", "mastercard"),
        ("2200000000000004", "mir"),
        ("378282246310005", "amex"),
        ("6200000000000005", "unionpay"),
        ("6011111111111117", "other"),
        (with_luhn("12345678901"), "other"),
        (with_luhn("440043012345678901"), "visa"),
    ],
)
def test_valid_cards_and_scheme(raw, scheme):
    card = parse_card(raw)
    digits = raw.replace(" ", "").replace("-", "")
    assert card.kind == "card"
    assert card.value == digits
    assert card.details == {"scheme": scheme}


@pytest.mark.parametrize(
    "raw",
    [
        KASPI_LIKE,
        f"{KASPI_LIKE[:4]} {KASPI_LIKE[4:8]} {KASPI_LIKE[8:12]} {KASPI_LIKE[12:]}",
        f" {KASPI_LIKE} ",
    ],
)
def test_formats_share_one_value(raw):
    assert parse_card(raw).value == KASPI_LIKE


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        ("4111 1111 1111 1112", "check digit does not match"),
        (with_luhn("1234567890"), "expected 12 to 19 digits, got 11"),
        (with_luhn("4400430123456789012"), "expected 12 to 19 digits, got 20"),
        ("4111 1111 1111 111x", "only digits"),
        ("", "is empty"),
    ],
)
def test_invalid_cards(raw, message):
    with pytest.raises(InvalidIdentifier, match=message) as err:
        parse_card(raw)
    assert err.value.kind == "card"


@pytest.mark.parametrize(
    ("value", "masked"),
    [
        ("4400430112341234", "4400 **** **** 1234"),
        ("4400 4301 1234 1234", "4400 **** **** 1234"),
        ("378282246310005", "3782 **** ***0 005"),
        ("4400430112341234567", "4400 **** **** ***4 567"),
        ("12345", "****"),
    ],
)
def test_mask_card(value, masked):
    assert mask_card(value) == masked
