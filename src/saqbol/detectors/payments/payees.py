"""Check and normalise a payee by its type, the same way for one event and for a file.

Cards, IBANs and phones must pass their check digits (a typo must not become a new payee);
e-wallet ids, crypto exchanges and merchant ids are free text, bounded and printable.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Final

from saqbol.entities import Identifier, normalise
from saqbol.errors import InvalidIdentifier

ENTITY_KIND: Final = {"card": "card", "iban": "iban", "phone": "phone"}
_FREE_TEXT = re.compile(r"^[\w.@:+\-/ ]{1,200}$")


@lru_cache(maxsize=65536)
def _parsed(kind: str, value: str) -> Identifier | str:
    """The identifier, or the problem as a sentence."""
    try:
        return normalise(kind, value)
    except InvalidIdentifier as exc:
        return f"not a valid {kind}: {exc.message}"


def payee_problem(payee_type: str, value: str) -> str | None:
    """What is wrong with ``value`` as a payee of ``payee_type``, or None."""
    kind = ENTITY_KIND.get(payee_type)
    if kind is not None:
        parsed = _parsed(kind, value)
        return parsed if isinstance(parsed, str) else None
    if not _FREE_TEXT.match(value):
        return f"not a valid {payee_type} id: letters, digits and . @ : + - / only, 1-200"
    return None


def normalise_payee(payee_type: str, value: str) -> str:
    kind = ENTITY_KIND.get(payee_type)
    if kind is None:
        return value.strip()
    parsed = _parsed(kind, value)
    if isinstance(parsed, str):
        raise ValueError(parsed)
    return parsed.value


def registry_identifier(payee_type: str, value: str) -> Identifier | None:
    """The registry node a payee is (cards, IBANs, phones, crypto wallet addresses)."""
    kind = ENTITY_KIND.get(payee_type)
    if kind is None and payee_type == "crypto":
        kind = "crypto_wallet"
    if kind is None:
        return None
    parsed = _parsed(kind, value)
    return None if isinstance(parsed, str) else parsed
