"""A stand-in for the eGov sign-in: a short-lived token, signed by Saqbol, that binds a
citizen's request to one verified IIN.

In production the eGov identity provider vouches for the IIN; here the operator (or a test)
issues the token with ``saqbol credit-ban sign-in``. The token is ``payload.signature`` in
base64url, the payload ``{"iin": ..., "exp": unix seconds}``, the signature an HMAC-SHA256
under a key derived from the deployment secret (so it is not the key that hashes IINs).
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
from datetime import datetime

from saqbol.entities.iin import validate_iin
from saqbol.errors import InvalidIdentifier, Unauthorized

HEADER = "X-Citizen-Token"


def _key(secret: str) -> bytes:
    return hmac.new(secret.encode(), b"saqbol citizen token v1", hashlib.sha256).digest()


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def _unb64(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def issue(iin: str, *, secret: str, now: datetime, ttl_s: int = 900) -> str:
    """A token for ``iin`` (checked) valid for ``ttl_s`` seconds from ``now``."""
    payload = json.dumps({"iin": validate_iin(iin), "exp": int(now.timestamp()) + ttl_s})
    body = _b64(payload.encode())
    signature = hmac.new(_key(secret), body.encode(), hashlib.sha256).digest()
    return f"{body}.{_b64(signature)}"


def verify(token: str | None, *, secret: str, now: datetime) -> str:
    """The IIN a valid, unexpired token carries; 401 for anything else."""
    if not token:
        raise Unauthorized(f"a signed-in citizen is required ({HEADER} header)")
    body, _, signature = token.partition(".")
    expected = hmac.new(_key(secret), body.encode(), hashlib.sha256).digest()
    try:
        ok = hmac.compare_digest(_unb64(signature), expected)
        payload = json.loads(_unb64(body)) if ok else {}
    except (ValueError, TypeError):
        ok, payload = False, {}
    if not ok or not isinstance(payload, dict):
        raise Unauthorized("the citizen token is not valid")
    if not isinstance(payload.get("exp"), int) or payload["exp"] <= now.timestamp():
        raise Unauthorized("the citizen token has expired; sign in again")
    try:
        return validate_iin(str(payload.get("iin", "")))
    except InvalidIdentifier:
        raise Unauthorized("the citizen token is not valid") from None
