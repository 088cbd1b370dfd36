"""Payment card numbers (PAN): 12-19 digits with a Luhn check digit.

The scheme is guessed from the prefix only; it is a hint for analysts, not a BIN lookup.
"""

from __future__ import annotations

from stdnum import luhn

from saqbol.entities.identifier import Identifier, digits_only, group4
from saqbol.errors import InvalidIdentifier


def parse_card(raw: str) -> Identifier:
    """Parse a card number, e.g. ``"4400 4301 2345 6781"`` -> value ``"4400430123456781"``."""
    digits = digits_only("card", raw)
    if not 12 <= len(digits) <= 19:
        raise InvalidIdentifier("card", f"expected 12 to 19 digits, got {len(digits)}")
    if not luhn.is_valid(digits):
        raise InvalidIdentifier("card", "check digit does not match")
    return Identifier("card", digits, mask_card(digits), {"scheme": card_scheme(digits)})


def mask_card(value: str) -> str:
    """Keep the first and last four digits in groups of four: ``4400 **** **** 1234``."""
    digits = "".join(c for c in value if "0" <= c <= "9")
    if len(digits) < 12:
        return "****"
    return group4(digits[:4] + "*" * (len(digits) - 8) + digits[-4:])


def card_scheme(digits: str) -> str:
    """Guess the card scheme from the leading digits (Mir before Mastercard's 2-series)."""
    two, four = int(digits[:2]), int(digits[:4])
    if digits[0] == "4":
        return "visa"
    if 2200 <= four <= 2204:
        return "mir"
    if 51 <= two <= 55 or 2221 <= four <= 2720:
        return "mastercard"
    if two in (34, 37):
        return "amex"
    if two == 62:
        return "unionpay"
    return "other"
