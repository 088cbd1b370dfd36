"""Identifiers (phone, IIN/BIN, card, IBAN, URL, domain, IP, wallet, device): parse, mask, hash.

Pure functions: no I/O, no clock, no network (the public suffix list is the bundled one).
"""

from saqbol.entities.card import mask_card, parse_card
from saqbol.entities.device import parse_device
from saqbol.entities.hashing import keyed_hash
from saqbol.entities.iban import parse_iban
from saqbol.entities.identifier import ENTITY_KINDS, Identifier
from saqbol.entities.iin import parse_iin, validate_bin, validate_iin
from saqbol.entities.ip import parse_ip
from saqbol.entities.normalise import normalise
from saqbol.entities.phone import mask_phone, parse_phone
from saqbol.entities.wallet import parse_wallet
from saqbol.entities.web import parse_domain, parse_url

__all__ = [
    "ENTITY_KINDS",
    "Identifier",
    "keyed_hash",
    "mask_card",
    "mask_phone",
    "normalise",
    "parse_card",
    "parse_device",
    "parse_domain",
    "parse_iban",
    "parse_iin",
    "parse_ip",
    "parse_phone",
    "parse_url",
    "parse_wallet",
    "validate_bin",
    "validate_iin",
]
