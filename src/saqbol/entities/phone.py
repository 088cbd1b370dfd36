"""Phone numbers: any common Kazakh spelling becomes E.164 (``+77011234567``).

Numbers without ``+`` are read as Kazakh (``8 701…``, ``701…``, ``7701…``). Kazakhstan and
Russia share +7, so the region comes from the number plan, not the country code.
"""

from __future__ import annotations

import re
from typing import Final

import phonenumbers
from phonenumbers import NumberParseException, PhoneNumberFormat, PhoneNumberType

from saqbol.entities.identifier import Identifier, require_text
from saqbol.errors import InvalidIdentifier

DEFAULT_REGION: Final = "KZ"

# phonenumbers turns letters into digits (vanity numbers) and reads "ext." suffixes; we want
# neither, so only digits and the usual punctuation get through.
_PHONE_CHARS = re.compile(r"\+?[0-9 ()\-.\u00a0]+")

_LINE_TYPES: Final = {
    PhoneNumberType.MOBILE: "mobile",
    PhoneNumberType.FIXED_LINE: "fixed",
    PhoneNumberType.FIXED_LINE_OR_MOBILE: "fixed_or_mobile",
    PhoneNumberType.VOIP: "voip",
    PhoneNumberType.TOLL_FREE: "toll_free",
}

_PARSE_ERRORS: Final = {
    NumberParseException.INVALID_COUNTRY_CODE: "unknown country calling code",
    NumberParseException.NOT_A_NUMBER: "does not look like a phone number",
    NumberParseException.TOO_SHORT_AFTER_IDD: "too short after the international prefix",
    NumberParseException.TOO_SHORT_NSN: "too short to be a phone number",
    NumberParseException.TOO_LONG: "too long to be a phone number",
}


def _kz_mobile_e164() -> re.Pattern[str]:
    """Kazakh mobile numbers already in E.164, by phonenumbers' own metadata for KZ."""
    metadata = phonenumbers.PhoneMetadata.metadata_for_region("KZ")
    return re.compile(rf"\+7({metadata.mobile.national_number_pattern})")


# Files of payments carry millions of numbers already in E.164; those skip the full parse
# (66 us -> 1 us). tests/entities/test_phone.py holds both paths equal.
_KZ_MOBILE = _kz_mobile_e164()


def parse_phone(raw: str) -> Identifier:
    """Parse a phone number, e.g. ``parse_phone("8 701 123 45 67").value == "+77011234567"``."""
    if _KZ_MOBILE.fullmatch(raw):
        national = raw[2:]
        details = {"region": "KZ", "line": "mobile", "country_code": 7}
        return Identifier("phone", raw, f"+7 {national[:3]} *** ** {national[-2:]}", details)
    return parse_phone_fully(raw)


def parse_phone_fully(raw: str) -> Identifier:
    """``parse_phone`` through phonenumbers for every input."""
    number = _parse(raw)
    if not phonenumbers.is_valid_number(number):
        raise InvalidIdentifier("phone", "not a valid number for any region")
    value = phonenumbers.format_number(number, PhoneNumberFormat.E164)
    details = {
        "region": phonenumbers.region_code_for_number(number) or "",
        "line": _LINE_TYPES.get(phonenumbers.number_type(number), "other"),
        "country_code": int(number.country_code),
    }
    return Identifier("phone", value, mask_phone(value), details)


def mask_phone(value: str) -> str:
    """Mask a phone number for logs: ``+7 701 *** ** 67``; never raises, whatever the input."""
    try:
        number = phonenumbers.parse(value, DEFAULT_REGION)
        national = phonenumbers.national_significant_number(number)
    except NumberParseException:
        national = ""
    if len(national) < 6:
        digits = re.sub(r"[^0-9]", "", value)
        return "*" * len(digits) if len(digits) < 6 else "*" * (len(digits) - 2) + digits[-2:]
    if number.country_code == 7 and len(national) == 10:
        return f"+7 {national[:3]} *** ** {national[-2:]}"
    return f"+{number.country_code} {'*' * max(len(national) - 2, 0)}{national[-2:]}"


def _parse(raw: str) -> phonenumbers.PhoneNumber:
    text = require_text("phone", raw, max_chars=64)
    if not _PHONE_CHARS.fullmatch(text):
        raise InvalidIdentifier("phone", "may contain only digits, spaces, brackets and dashes")
    try:
        return phonenumbers.parse(text, DEFAULT_REGION)
    except NumberParseException as exc:
        message = _PARSE_ERRORS.get(exc.error_type, "does not look like a phone number")
        raise InvalidIdentifier("phone", message) from None
