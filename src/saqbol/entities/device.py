"""Opaque device identifiers: browser fingerprints, Android IDs, UUIDs and IMEIs.

We cannot check most of them, so the rules are only about shape; an IMEI (15 digits,
separators allowed) has a Luhn check digit, which is verified.
"""

from __future__ import annotations

import re

from stdnum import luhn

from saqbol.entities.identifier import Identifier, require_text
from saqbol.errors import InvalidIdentifier

_DEVICE_ID = re.compile(r"[a-z0-9\-_:.]{4,128}")
_IMEI = re.compile(r"[0-9]{15}")
_UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")


def parse_device(raw: str) -> Identifier:
    """Parse a device id; ``details["format"]`` is "imei", "uuid" or "opaque"."""
    text = require_text("device", raw, max_chars=256).lower()
    compact = re.sub(r"[ \-.]", "", text)
    if _IMEI.fullmatch(compact):
        if not luhn.is_valid(compact):
            raise InvalidIdentifier("device", "IMEI check digit does not match")
        return Identifier("device", compact, mask_device(compact), {"format": "imei"})
    if not _DEVICE_ID.fullmatch(text):
        raise InvalidIdentifier(
            "device", "expected 4 to 128 characters of letters, digits and - _ : ."
        )
    kind = "uuid" if _UUID.fullmatch(text) else "opaque"
    return Identifier("device", text, mask_device(text), {"format": kind})


def mask_device(value: str) -> str:
    """Keep the first four and last two characters: ``3520…81``."""
    return f"{value[:4]}…{value[-2:]}" if len(value) > 8 else "…"
