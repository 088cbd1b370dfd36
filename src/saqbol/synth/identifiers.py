"""Random but valid Kazakh identifiers (check digits right), for demo data and tests.

Each generator takes a ``random.Random`` so output is reproducible from a seed.
"""

from __future__ import annotations

import random

from stdnum import luhn
from stdnum.iso7064 import mod_97_10

from saqbol.entities.iin import check_digit

KZ_MOBILE_PREFIXES = (
    "700",
    "701",
    "702",
    "705",
    "707",
    "708",
    "747",
    "771",
    "775",
    "776",
    "777",
    "778",
)
# Issuer prefixes (BINs) of cards common in Kazakhstan; used only to look plausible.
CARD_PREFIXES = ("440043", "400303", "539545", "517792", "446375", "220030")
KZ_BANK_CODES = ("722", "601", "998", "914", "965", "826")


def _digits(rng: random.Random, n: int) -> str:
    return "".join(rng.choice("0123456789") for _ in range(n))


def kz_mobile(rng: random.Random) -> str:
    """E.164 Kazakh mobile number, e.g. ``+77011234567``."""
    return f"+7{rng.choice(KZ_MOBILE_PREFIXES)}{_digits(rng, 7)}"


def card_number(rng: random.Random) -> str:
    body = rng.choice(CARD_PREFIXES) + _digits(rng, 9)
    return body + luhn.calc_check_digit(body)


def kz_iban(rng: random.Random) -> str:
    bban = rng.choice(KZ_BANK_CODES) + _digits(rng, 13)
    return "KZ" + mod_97_10.calc_check_digits(bban + "KZ") + bban


def iin(rng: random.Random) -> str:
    """A 12-digit IIN with a birth date part and a valid check digit."""
    while True:
        year, month, day = rng.randint(50, 99), rng.randint(1, 12), rng.randint(1, 28)
        first11 = f"{year:02d}{month:02d}{day:02d}{rng.choice('34')}{_digits(rng, 4)}"
        digit = check_digit(first11)
        if digit is not None:
            return first11 + str(digit)


def format_phone_like_a_person(rng: random.Random, e164: str) -> str:
    """The same number as people write it: ``8 701 123 45 67``, ``+7(701)1234567``, ..."""
    n = e164[2:]
    return rng.choice(
        (e164, f"8 {n[:3]} {n[3:6]} {n[6:8]} {n[8:]}", f"+7({n[:3]}){n[3:]}", f"8{n}", n)
    )
