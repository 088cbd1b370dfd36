"""IP addresses, plus the loose IPv4 forms browsers accept in URL hosts.

``http://2130706433/`` and ``http://0x7f.1/`` both open 127.0.0.1 in a browser; phishing kits
use such hosts to hide an address, so ``web.py`` resolves them the way browsers do.
"""

from __future__ import annotations

import ipaddress
import re

from saqbol.entities.identifier import Identifier, require_text
from saqbol.errors import InvalidIdentifier

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address

_NUMBER_PART = re.compile(r"0[xX][0-9a-fA-F]*|[0-9]+")


def parse_ip(raw: str) -> Identifier:
    """Parse an IPv4 or IPv6 address; IPv4-mapped IPv6 (``::ffff:1.2.3.4``) becomes IPv4."""
    text = require_text("ip", raw, max_chars=64)
    if text.startswith("[") and text.endswith("]"):
        text = text[1:-1]
    if "%" in text:
        # A zone index only means something on one machine, and ipaddress accepts junk there.
        raise InvalidIdentifier("ip", "IPv6 zone index (%) is not allowed")
    try:
        address: IPAddress = ipaddress.ip_address(text)
    except ValueError:
        raise InvalidIdentifier("ip", "not a valid IPv4 or IPv6 address") from None
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        address = address.ipv4_mapped
    value = str(address)
    return Identifier("ip", value, mask_ip(address), ip_details(address))


def ip_details(address: IPAddress) -> dict[str, str | bool | int]:
    """The flags analysts filter on: version and the address class."""
    return {
        "version": address.version,
        "is_private": address.is_private,
        "is_global": address.is_global,
        "is_loopback": address.is_loopback,
    }


def mask_ip(address: IPAddress) -> str:
    """Keep the network half: ``95.57.*.*`` for IPv4, the first two groups for IPv6."""
    if address.version == 4:
        first, second, *_ = str(address).split(".")
        return f"{first}.{second}.*.*"
    first, second, *_ = address.exploded.split(":")
    return f"{first}:{second}:*"


def loose_ipv4(host: str) -> ipaddress.IPv4Address | None:
    """Read ``host`` as the WHATWG URL standard's IPv4 parser does; None if it is a name.

    Raises ``ValueError`` when the host ends in a number but is no valid address (browsers
    refuse such hosts too).
    """
    parts = host.split(".")
    if not _NUMBER_PART.fullmatch(parts[-1]):
        return None
    if len(parts) > 4 or not all(_NUMBER_PART.fullmatch(p) for p in parts):
        raise ValueError("host ends in a number but is not an IPv4 address")
    numbers = [_part_value(p) for p in parts]
    *leading, last = numbers
    if any(n > 255 for n in leading) or last >= 256 ** (5 - len(numbers)):
        raise ValueError("IPv4 part out of range")
    total = last + sum(n * 256 ** (3 - i) for i, n in enumerate(leading))
    return ipaddress.IPv4Address(total)


def _part_value(part: str) -> int:
    # WHATWG: "0x" prefix is hex (bare "0x" is zero), a leading 0 is octal, otherwise decimal.
    if part[:2] in ("0x", "0X"):
        return int(part[2:] or "0", 16)
    if len(part) > 1 and part.startswith("0"):
        return int(part, 8)
    return int(part)
