"""One entry point from (kind, raw text) to an ``Identifier``: the dispatch table lives here."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from types import MappingProxyType
from typing import Final

from saqbol.entities.card import parse_card
from saqbol.entities.device import parse_device
from saqbol.entities.iban import parse_iban
from saqbol.entities.identifier import ENTITY_KINDS, Identifier, require_text
from saqbol.entities.iin import parse_iin
from saqbol.entities.ip import parse_ip
from saqbol.entities.phone import parse_phone
from saqbol.entities.wallet import parse_wallet
from saqbol.entities.web import parse_domain, parse_url
from saqbol.errors import InvalidIdentifier

PARSERS: Final[Mapping[str, Callable[[str], Identifier]]] = MappingProxyType(
    {
        "phone": parse_phone,
        "card": parse_card,
        "iban": parse_iban,
        "iin": parse_iin,
        "url": parse_url,
        "domain": parse_domain,
        "ip": parse_ip,
        "crypto_wallet": parse_wallet,
        "device": parse_device,
    }
)


def normalise(kind: str, raw: str) -> Identifier:
    """Validate and normalise ``raw`` as an identifier of ``kind`` (one of ``ENTITY_KINDS``).

    >>> normalise("phone", "8 701 123 45 67").value
    '+77011234567'
    """
    key = kind.strip().lower() if isinstance(kind, str) else ""
    parser = PARSERS.get(key)
    if parser is None:
        expected = ", ".join(ENTITY_KINDS)
        raise InvalidIdentifier("kind", f"unknown identifier type; expected one of {expected}")
    require_text(key, raw)
    return parser(raw)
