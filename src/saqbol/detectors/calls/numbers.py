"""What a presented calling number is: Kazakh mobile or landline, foreign, a short service
number, a number in an unallocated range, or not a number at all.

Classified once per distinct presented number (a day's CDRs repeat the same numbers many
times), with a fast path for the common case, an E.164 Kazakh mobile, held equal to
``phonenumbers`` by a test.
"""

from __future__ import annotations

import re
from typing import Final

import phonenumbers
import polars as pl
from phonenumbers import NumberParseException, PhoneNumberType

KINDS: Final = ("kz_mobile", "kz_fixed", "kz_other", "foreign", "short", "unallocated", "invalid")
_KZ_MOBILE: Final = re.compile(r"\+7(?:70[0-2]|70[5-8]|747|76[0-4]|771|77[5-8])\d{7}")
_JUNK: Final = re.compile(r"[\s()\-.\u00a0]")
_DIGITS: Final = re.compile(r"\+?\d+")
SHORT_MAX_DIGITS: Final = 6


def normalise(raw: str | None) -> str | None:
    """Presented number -> E.164 where it reads as one (``8 701…`` and ``701…`` are Kazakh),
    short service numbers as digits; None when it is not a number."""
    if raw is None:
        return None
    text = _JUNK.sub("", raw)
    if not text or not _DIGITS.fullmatch(text):
        return None
    if text.startswith("+"):
        return text
    if len(text) <= SHORT_MAX_DIGITS:
        return text
    if len(text) == 11 and text[0] in "78":
        return "+7" + text[1:]
    if len(text) == 10:
        return "+7" + text
    return "+" + text


def classify(raw: str | None) -> tuple[str | None, str, str | None]:
    """(normalised number, kind, ISO region) of one presented number."""
    number = normalise(raw)
    if number is None:
        return None, "invalid", None
    if not number.startswith("+"):
        return number, "short", "KZ"
    if _KZ_MOBILE.fullmatch(number):
        return number, "kz_mobile", "KZ"
    try:
        parsed = phonenumbers.parse(number, None)
    except NumberParseException:
        return number, "invalid", None
    if not phonenumbers.is_possible_number(parsed):
        return number, "invalid", None
    region = phonenumbers.region_code_for_number(parsed)
    if not phonenumbers.is_valid_number(parsed):
        # A Kazakh-looking number (+7 6xx/7xx) outside every allocated range is unallocated:
        # Kazakhstan's plan is ours to know. Another country's number of the right length is
        # taken as foreign: libphonenumber's view of foreign allocations lags reality (e.g.
        # +82 10-59.. mobiles), and blocking on it would block genuine calls.
        if parsed.country_code == 7 and str(parsed.national_number)[:1] in "67":
            return number, "unallocated", "KZ"
        code_region = phonenumbers.region_code_for_country_code(parsed.country_code)
        return number, "foreign", code_region if code_region != "ZZ" else None
    if region != "KZ":
        return number, "foreign", region
    kind = phonenumbers.number_type(parsed)
    if kind == PhoneNumberType.MOBILE:
        return number, "kz_mobile", "KZ"
    if kind in (PhoneNumberType.FIXED_LINE, PhoneNumberType.FIXED_LINE_OR_MOBILE):
        return number, "kz_fixed", "KZ"
    return number, "kz_other", "KZ"


def classify_column(values: pl.Series) -> pl.DataFrame:
    """``raw`` (each distinct value once), ``number``, ``kind``, ``region``."""
    distinct = values.unique()
    rows = [classify(v) for v in distinct.to_list()]
    return pl.DataFrame(
        {
            "raw": distinct,
            "number": [r[0] for r in rows],
            "kind": [r[1] for r in rows],
            "region": [r[2] for r in rows],
        },
        schema={"raw": pl.String, "number": pl.String, "kind": pl.String, "region": pl.String},
    )
