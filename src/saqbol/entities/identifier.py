"""The value every parser returns, and the small input checks they all share.

Kept apart from ``normalise.py`` so the per-type modules can import it without a cycle.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Final

from saqbol.errors import InvalidIdentifier

ENTITY_KINDS: Final[tuple[str, ...]] = (
    "phone",
    "card",
    "iban",
    "iin",
    "url",
    "domain",
    "ip",
    "crypto_wallet",
    "device",
)

# Long enough for any identifier we accept (URLs included); longer input is refused before any
# parser, regex or bignum arithmetic sees it.
MAX_INPUT_CHARS: Final = 8192

_DIGITS = re.compile(r"[0-9]+")


@dataclass(frozen=True, slots=True)
class Identifier:
    """A parsed identifier: ``value`` is the registry key, ``masked`` is safe to log or show."""

    kind: str
    value: str
    masked: str
    # Excluded from the hash so an Identifier can sit in a set; details derive from value anyway.
    details: Mapping[str, str | bool | int] = field(default_factory=dict, hash=False)


def require_text(kind: str, raw: object, *, max_chars: int = MAX_INPUT_CHARS) -> str:
    """Return ``raw`` stripped, or raise if it is not text, is blank, or is too long."""
    if not isinstance(raw, str):
        raise InvalidIdentifier(kind, "expected text")
    text = raw.strip()
    if not text:
        raise InvalidIdentifier(kind, "is empty")
    if len(text) > max_chars:
        raise InvalidIdentifier(kind, f"too long: more than {max_chars} characters")
    return text


def digits_only(kind: str, raw: object, *, separators: str = " -\u00a0") -> str:
    """Strip ``separators`` and require what is left to be ASCII digits."""
    text = require_text(kind, raw, max_chars=64)
    for sep in separators:
        text = text.replace(sep, "")
    if not _DIGITS.fullmatch(text):
        raise InvalidIdentifier(kind, "must contain only digits, spaces and dashes")
    return text


def group4(text: str) -> str:
    """Split ``text`` into space-separated groups of four, as cards and IBANs are written."""
    return " ".join(text[i : i + 4] for i in range(0, len(text), 4))
