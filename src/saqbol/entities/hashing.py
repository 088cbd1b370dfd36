"""Keyed hashes of identifiers, so partners can exchange and match hashes, never raw values.

A plain SHA-256 of a phone number is reversible by trying every number; the HMAC key (the
deployment secret) is what makes the hash safe to share with those who hold the same key.
"""

from __future__ import annotations

import hashlib
import hmac


def keyed_hash(kind: str, value: str, secret: str | bytes) -> str:
    """Hex HMAC-SHA256 of ``"{kind}:{value}"``; pass the normalised ``Identifier.value``.

    >>> keyed_hash("phone", "+77011234567", "k" * 32)[:12]
    'c5e7fae4c650'
    """
    if ":" in kind:
        raise ValueError("the kind must not contain ':' (it separates kind from value)")
    key = secret.encode("utf-8") if isinstance(secret, str) else secret
    if not key:
        raise ValueError("the hashing secret must not be empty")
    message = f"{kind}:{value}".encode()
    return hmac.new(key, message, hashlib.sha256).hexdigest()
