import pytest

from saqbol.entities import parse_iban
from saqbol.errors import InvalidIdentifier

# The Kazakh example from the SWIFT IBAN registry; bank code 125.
KZ_IBAN = "KZ86125KZT5004100100"


@pytest.mark.parametrize(
    "raw",
    [KZ_IBAN, "KZ86 125K ZT50 0410 0100", "kz86125kzt5004100100", "KZ86-125K-ZT50-0410-0100"],
)
def test_kazakh_iban(raw):
    iban = parse_iban(raw)
    assert iban.kind == "iban"
    assert iban.value == KZ_IBAN
    assert iban.masked == "KZ86 **** **** **** 0100"
    assert iban.details == {"country": "KZ", "bank_code": "125"}


@pytest.mark.parametrize(
    ("raw", "value", "country"),
    [
        ("DE89 3704 0044 0532 0130 00", "DE89370400440532013000", "DE"),
        ("GB82 WEST 1234 5698 7654 32", "GB82WEST12345698765432", "GB"),
    ],
)
def test_foreign_iban_has_no_bank_code(raw, value, country):
    iban = parse_iban(raw)
    assert iban.value == value
    assert iban.details == {"country": country}
    assert iban.masked.startswith(value[:4]) and iban.masked.endswith(value[-2:])


def with_check_digits(country: str, bban: str) -> str:
    """Build an IBAN with correct ISO 7064 mod 97-10 check digits (A=10 ... Z=35)."""
    number = int("".join(str(int(c, 36)) for c in bban + country + "00"))
    return f"{country}{98 - number % 97:02d}{bban}"


def test_check_digit_helper_reproduces_the_registry_example():
    assert with_check_digits("KZ", "125KZT5004100100") == KZ_IBAN


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        ("KZ87125KZT5004100100", "check digits do not match"),
        ("KZ86125KZT500410010", "check digits do not match"),
        (with_check_digits("KZ", "125KZT500410010"), "wrong length or characters"),
        (with_check_digits("KZ", "12AKZT5004100100"), "wrong length or characters"),
        (with_check_digits("XX", "125KZT5004100100"), "unknown country code"),
        ("KZ86!25KZT5004100100", "wrong length or characters"),
        (" ", "is empty"),
    ],
)
def test_invalid_iban(raw, message):
    with pytest.raises(InvalidIdentifier, match=message) as err:
        parse_iban(raw)
    assert err.value.kind == "iban"


def test_the_fast_path_for_compact_kazakh_ibans_agrees_with_stdnum() -> None:
    import random

    from saqbol.entities.iban import parse_iban, parse_iban_fully
    from saqbol.errors import InvalidIdentifier
    from saqbol.synth.identifiers import kz_iban

    rng = random.Random(4)
    samples = [kz_iban(rng) for _ in range(300)]
    # Spoiled ones: one character changed, letters in the bank code, wrong length.
    samples += [s[:-1] + str((int(s[-1]) + 1) % 10) for s in samples[:100]]
    samples += [s[:5] + "A" + s[6:] for s in samples[:50]] + [s + "0" for s in samples[:20]]
    samples += ["KZ86125KZT5004100100", "KZ00000000000000000000"]
    for raw in samples:
        try:
            fast = parse_iban(raw)
        except InvalidIdentifier as exc:
            fast = exc.message
        try:
            full = parse_iban_fully(raw)
        except InvalidIdentifier as exc:
            full = exc.message
        assert fast == full, raw
