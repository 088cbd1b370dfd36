"""Kazakh IIN (people) and BIN (legal entities): 12 digits sharing one check-digit rule.

python-stdnum 2.2 has no ``kz`` module, so the checksum lives here. Since 2013 an IIN need not
start with a real birth date, so a bad date is reported in ``details``, never rejected.
"""

from __future__ import annotations

import datetime as dt
from typing import Final

from saqbol.entities.identifier import Identifier, digits_only
from saqbol.errors import InvalidIdentifier

_FIRST_WEIGHTS: Final = (1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11)
_SECOND_WEIGHTS: Final = (3, 4, 5, 6, 7, 8, 9, 10, 11, 1, 2)
_BIN_ENTITY_TYPES: Final = frozenset("456")


def check_digit(first11: str) -> int | None:
    """Check digit for the first 11 digits, or None when both weight passes give 10."""
    for weights in (_FIRST_WEIGHTS, _SECOND_WEIGHTS):
        remainder = sum(w * int(d) for w, d in zip(weights, first11, strict=True)) % 11
        if remainder != 10:
            return remainder
    return None


def validate_iin(raw: str) -> str:
    """Return the 12 IIN digits without separators, or raise ``InvalidIdentifier``."""
    return _validate_12("iin", raw)


def validate_bin(raw: str) -> str:
    """Return the 12 BIN digits; the fifth digit (entity type) must be 4, 5 or 6."""
    digits = _validate_12("bin", raw)
    if digits[4] not in _BIN_ENTITY_TYPES:
        raise InvalidIdentifier("bin", "fifth digit must be 4, 5 or 6 (legal entity type)")
    return digits


def parse_iin(raw: str) -> Identifier:
    """Parse an IIN; ``details`` carry the birth date and sex when the first 7 digits decode."""
    digits = validate_iin(raw)
    return Identifier("iin", digits, mask_iin(digits), _birth_details(digits))


def mask_iin(digits: str) -> str:
    """Keep the first and last two digits: ``90********45``."""
    return digits[:2] + "*" * (len(digits) - 4) + digits[-2:] if len(digits) > 4 else "****"


def _validate_12(kind: str, raw: str) -> str:
    digits = digits_only(kind, raw)
    if len(digits) != 12:
        raise InvalidIdentifier(kind, f"expected 12 digits, got {len(digits)}")
    expected = check_digit(digits[:11])
    if expected is None:
        raise InvalidIdentifier(kind, "no check digit is possible for the first 11 digits")
    if expected != int(digits[11]):
        raise InvalidIdentifier(kind, "check digit does not match")
    return digits


def _birth_details(digits: str) -> dict[str, str | bool | int]:
    # The 7th digit encodes century and sex: 1/2 -> 1800s, 3/4 -> 1900s, 5/6 -> 2000s;
    # odd is male, even is female.
    marker = int(digits[6])
    if not 1 <= marker <= 6:
        return {"birth_date_valid": False}
    year = 1800 + 100 * ((marker - 1) // 2) + int(digits[:2])
    try:
        born = dt.date(year, int(digits[2:4]), int(digits[4:6]))
    except ValueError:
        return {"birth_date_valid": False}
    return {
        "birth_date": born.isoformat(),
        "sex": "male" if marker % 2 else "female",
        "birth_date_valid": True,
    }
