"""IBANs (Kazakh ones are 20 characters: ``KZ`` + 2 check digits + 3-digit bank code + 13).

Validation and the per-country length and layout come from ``stdnum.iban``.
"""

from __future__ import annotations

import re
from typing import Final

from stdnum import iban as stdnum_iban
from stdnum.exceptions import InvalidChecksum, InvalidComponent, ValidationError

from saqbol.entities.identifier import Identifier, group4, require_text
from saqbol.errors import InvalidIdentifier

# stdnum checks the mod-97 digits first, so a wrong length usually reads as a bad checksum.
_MESSAGES: Final = (
    (InvalidChecksum, "check digits do not match"),
    (InvalidComponent, "unknown country code"),
    (ValidationError, "wrong length or characters for its country"),
)


# A Kazakh IBAN already written compactly: the layout stdnum checks for KZ (3-digit bank code,
# 13 characters of account). Files of payments carry millions of them; those whose mod-97
# digits hold skip stdnum (37 us -> 3 us). tests/entities/test_iban.py holds both paths equal.
_KZ_COMPACT = re.compile(r"KZ[0-9]{5}[0-9A-Z]{13}")


def _mod97_ok(value: str) -> bool:
    rearranged = value[4:] + value[:4]
    return int("".join(str(int(c, 36)) for c in rearranged)) % 97 == 1


def parse_iban(raw: str) -> Identifier:
    """Parse an IBAN, e.g. ``"kz86 125k zt50 0410 0100"`` -> value ``"KZ86125KZT5004100100"``."""
    if _KZ_COMPACT.fullmatch(raw) and _mod97_ok(raw):
        masked = group4(raw[:4] + "*" * (len(raw) - 8) + raw[-4:])
        return Identifier("iban", raw, masked, {"country": "KZ", "bank_code": raw[4:7]})
    return parse_iban_fully(raw)


def parse_iban_fully(raw: str) -> Identifier:
    """``parse_iban`` through stdnum for every input."""
    text = require_text("iban", raw, max_chars=64)
    try:
        value = stdnum_iban.validate(text)
    except ValidationError as exc:
        message = next(m for kind, m in _MESSAGES if isinstance(exc, kind))
        raise InvalidIdentifier("iban", message) from None
    details: dict[str, str | bool | int] = {"country": value[:2]}
    if value.startswith("KZ"):
        details["bank_code"] = value[4:7]
    return Identifier("iban", value, mask_iban(value), details)


def mask_iban(value: str) -> str:
    """Keep the first and last four characters, grouped by four: ``KZ86 **** **** **** 0100``."""
    compact = stdnum_iban.compact(value)
    if len(compact) < 12:
        return "****"
    return group4(compact[:4] + "*" * (len(compact) - 8) + compact[-4:])
