import pytest

from saqbol.entities import mask_phone, parse_phone
from saqbol.errors import InvalidIdentifier


@pytest.mark.parametrize(
    "raw",
    [
        "8 701 123 45 67",
        "+7(701)1234567",
        "87011234567",
        "7011234567",
        "77011234567",
        "+7 701 123-45-67",
        " 8 (701) 123 45 67 ",
    ],
)
def test_kazakh_spellings_share_one_e164_value(raw):
    phone = parse_phone(raw)
    assert phone.kind == "phone"
    assert phone.value == "+77011234567"
    assert phone.masked == "+7 701 *** ** 67"
    assert phone.details == {"region": "KZ", "line": "mobile", "country_code": 7}


@pytest.mark.parametrize(
    ("raw", "value", "region", "line", "country_code"),
    [
        ("+79161234567", "+79161234567", "RU", "mobile", 7),
        ("8 7172 12 34 56", "+77172123456", "KZ", "fixed", 7),
        ("+1 202 555 0123", "+12025550123", "US", "fixed_or_mobile", 1),
        ("+44 20 7946 0958", "+442079460958", "GB", "fixed", 44),
        ("+7 747 123 45 67", "+77471234567", "KZ", "mobile", 7),
    ],
)
def test_region_and_line_type(raw, value, region, line, country_code):
    phone = parse_phone(raw)
    assert phone.value == value
    assert phone.details == {"region": region, "line": line, "country_code": country_code}


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        ("+7 600 123 45 67", "not a valid number for any region"),
        ("12345", "not a valid number for any region"),
        ("8 800 FLOWERS", "may contain only digits"),
        ("+7 701 123 45 67 ext. 2", "may contain only digits"),
        ("1", "does not look like a phone number"),
        ("+999 123456", "unknown country calling code"),
        ("+7701123456789012345", "too long"),
        ("   ", "is empty"),
    ],
)
def test_rejects(raw, message):
    with pytest.raises(InvalidIdentifier, match=message) as err:
        parse_phone(raw)
    assert err.value.kind == "phone"


@pytest.mark.parametrize(
    ("value", "masked"),
    [
        ("+77011234567", "+7 701 *** ** 67"),
        ("+79161234567", "+7 916 *** ** 67"),
        ("+12025550123", "+1 ********23"),
        ("not a phone 123456", "+7 ****56"),
        ("+7 701 123", "+7 ****23"),
        ("12", "**"),
    ],
)
def test_mask_phone_never_shows_the_middle(value, masked):
    assert mask_phone(value) == masked


def test_the_fast_path_for_kazakh_mobiles_agrees_with_phonenumbers() -> None:
    import random

    from saqbol.entities.phone import parse_phone, parse_phone_fully
    from saqbol.errors import InvalidIdentifier

    rng = random.Random(5)
    samples = [f"+7{code}{rng.randrange(10**7):07d}" for code in range(600, 800) for _ in range(6)]
    samples += [f"+7{rng.randrange(10**10):010d}" for _ in range(500)]
    samples += ["+77011234567", "+7701123456", "+770112345678", "+79161234567"]
    for raw in samples:
        try:
            fast = parse_phone(raw)
        except InvalidIdentifier as exc:
            fast = exc.message
        try:
            full = parse_phone_fully(raw)
        except InvalidIdentifier as exc:
            full = exc.message
        assert fast == full, raw
