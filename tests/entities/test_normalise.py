import doctest
import importlib
import re

import pytest

from saqbol.entities import ENTITY_KINDS, Identifier, keyed_hash, normalise
from saqbol.entities.normalise import PARSERS
from saqbol.errors import InvalidIdentifier

SECRET = "test-secret-0123456789abcdef"

# Each row: one identifier written several ways; all must give one value and one hash.
SPELLINGS = {
    "phone": ["8 701 123 45 67", "+7(701)1234567", "87011234567", "7011234567", "77011234567"],
    "card": ["4111111111111111", "4111 1111 1111 1111", "4111-1111-1111-1111"],
    "iban": ["KZ86125KZT5004100100", "kz86 125k zt50 0410 0100"],
    "iin": ["900101300017", "9001 0130 0017", "900101-300017"],
    "url": ["https://Kaspi.kz:443/pay#x", "HTTPS://KASPI.KZ/pay", "https://kaspi.kz./pay"],
    "domain": ["каспи.kz", "XN--80AQEVJ.KZ", "https://каспи.kz/login"],
    "ip": ["95.57.90.241", " 95.57.90.241", "::ffff:95.57.90.241"],
    "crypto_wallet": [
        "0xde0B295669a9FD93d5F28D9Ec85E40f4cb697BAe",
        "0xDE0B295669A9FD93D5F28D9EC85E40F4CB697BAE",
    ],
    "device": ["490154203237518", "49-015420-323751-8"],
}

INVALID = {
    "phone": ["+7 600 123 45 67", "8 701 123 45 6", "+7 701 123 45 67 89 01 23 45"],
    "card": ["4111 1111 1111 1112", "4111 1111 111", "4111 1111 1111 111x"],
    "iban": ["KZ87125KZT5004100100", "KZ86125KZT500410010"],
    "iin": ["900101300018", "90010130001", "900101300080", "9001013000170"],
    "url": ["http://12345.6789.kz:99999/", "http://1.2.3.99999/", "mailto:77011234567"],
    "domain": ["95.57.90.241", "77011234567", "1234_5678.kz"],
    "ip": ["95.57.90.2410", "95.57.90"],
    "crypto_wallet": ["0x12345678901234567890", "1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNb"],
    "device": ["490154203237519", "4901 5420 3237 51/8"],
}


def test_every_kind_has_a_parser_and_a_table_row():
    assert set(PARSERS) == set(ENTITY_KINDS) == set(SPELLINGS) == set(INVALID)


@pytest.mark.parametrize("kind", ENTITY_KINDS)
def test_spellings_share_value_and_hash(kind):
    parsed = [normalise(kind, raw) for raw in SPELLINGS[kind]]
    assert all(isinstance(p, Identifier) and p.kind == kind for p in parsed)
    assert len({p.value for p in parsed}) == 1
    assert len({keyed_hash(kind, p.value, SECRET) for p in parsed}) == 1


@pytest.mark.parametrize("kind", ENTITY_KINDS)
def test_normalise_is_idempotent(kind):
    # Only value and masked: details such as "punycode" describe the spelling that came in.
    first = normalise(kind, SPELLINGS[kind][-1])
    again = normalise(kind, first.value)
    assert (again.value, again.masked) == (first.value, first.masked)


@pytest.mark.parametrize("kind", ENTITY_KINDS)
@pytest.mark.parametrize("raw", ["", "   ", "\t\n"])
def test_blank_is_empty(kind, raw):
    with pytest.raises(InvalidIdentifier, match="is empty") as err:
        normalise(kind, raw)
    assert err.value.kind == kind


@pytest.mark.parametrize("kind", ["email", "", "bin", None])
def test_unknown_kind(kind):
    with pytest.raises(InvalidIdentifier, match="unknown identifier type") as err:
        normalise(kind, "8 701 123 45 67")
    assert err.value.kind == "kind"
    assert "phone, card, iban" in err.value.message


def test_kind_is_case_insensitive():
    assert normalise(" Phone ", "87011234567").value == "+77011234567"


@pytest.mark.parametrize(
    ("kind", "raw"), [(kind, raw) for kind, rows in INVALID.items() for raw in rows]
)
def test_errors_never_echo_the_raw_value(kind, raw):
    with pytest.raises(InvalidIdentifier) as err:
        normalise(kind, raw)
    message = str(err.value)
    digits = re.sub(r"[^0-9]", "", raw)
    assert raw.strip() not in message
    assert not any(digits[i : i + 5] in message for i in range(len(digits) - 4))
    # Nothing chained either: a library's message (which may quote the input) stays out.
    assert err.value.__cause__ is None
    assert err.value.__context__ is None or err.value.__suppress_context__


def test_identifier_is_frozen_and_hashable():
    phone = normalise("phone", "87011234567")
    with pytest.raises(AttributeError):
        phone.value = "+70000000000"  # type: ignore[misc]
    assert len({phone, normalise("phone", "+77011234567")}) == 1


# By module path: the package attribute "normalise" is the function, not the module.
@pytest.mark.parametrize("module", ["saqbol.entities.normalise", "saqbol.entities.hashing"])
def test_docstring_examples(module):
    result = doctest.testmod(importlib.import_module(module))
    assert result.attempted > 0
    assert result.failed == 0
