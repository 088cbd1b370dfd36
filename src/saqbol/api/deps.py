"""Request-scoped helpers: the caller's identity and role checks, the session factory."""

from __future__ import annotations

import time
from collections.abc import Callable, Mapping
from datetime import UTC, datetime
from typing import Any

from fastapi import Depends, Request, Security
from fastapi.security import APIKeyHeader, HTTPAuthorizationCredentials, HTTPBearer
from sqlalchemy.orm import Session, sessionmaker

from saqbol.config import Settings
from saqbol.errors import Forbidden
from saqbol.services import keys
from saqbol.services.keys import Principal
from saqbol.store.session import read_only

_bearer = HTTPBearer(auto_error=False, description="Authorization: Bearer <API key>")
_header = APIKeyHeader(name="X-API-Key", auto_error=False)


def session_factory(request: Request) -> sessionmaker[Session]:
    return request.app.state.session_factory


def settings(request: Request) -> Settings:
    return request.app.state.settings


def now() -> datetime:
    return datetime.now(UTC)


class KeyCache:
    """Recently accepted keys, so that a busy endpoint (payment scoring) does not query the
    database on every request. A key revoked elsewhere stops working here within ``ttl_s``."""

    def __init__(self, ttl_s: float, clock: Callable[[], float] = time.monotonic) -> None:
        self.ttl_s = ttl_s
        self._clock = clock
        self._seen: dict[str, tuple[Principal, float]] = {}

    def get(self, key: str) -> Principal | None:
        hit = self._seen.get(key)
        if hit is None or hit[1] <= self._clock():
            return None
        return hit[0]

    def put(self, key: str, who: Principal) -> None:
        if self.ttl_s <= 0:
            return
        if len(self._seen) > 10_000:
            self._seen.clear()
        self._seen[key] = (who, self._clock() + self.ttl_s)


async def principal(
    request: Request,
    bearer: HTTPAuthorizationCredentials | None = Security(_bearer),
    header_key: str | None = Security(_header),
) -> Principal:
    key = bearer.credentials if bearer else header_key
    return _identify(request.app.state, key)


def _identify(state: Any, key: str | None) -> Principal:
    cache: KeyCache = state.key_cache
    if key and (who := cache.get(key)) is not None:
        return who
    with read_only(state.session_factory) as session:
        who = keys.authenticate(session=session, key=key)
    cache.put(key or "", who)
    return who


def authorize(state: Any, headers: Mapping[str, str], roles: tuple[str, ...]) -> Principal:
    """``require(*roles)`` without FastAPI's dependency machinery, for the hottest endpoint:
    the same key headers (``headers`` keyed in lower case), cache, 401 and 403."""
    scheme, _, credentials = headers.get("authorization", "").partition(" ")
    key = credentials.strip() if scheme.lower() == "bearer" else None
    caller = _identify(state, key or headers.get("x-api-key"))
    if caller.role not in roles:
        raise Forbidden(f"role '{caller.role}' may not do this; allowed: {', '.join(roles)}")
    return caller


def require(*roles: str) -> Callable[..., Principal]:
    """Dependency that admits only keys whose role is one of ``roles`` (401 without a key)."""
    allowed = frozenset(roles)

    async def check(caller: Principal = Depends(principal)) -> Principal:
        if caller.role not in allowed:
            raise Forbidden(f"role '{caller.role}' may not do this; allowed: {', '.join(roles)}")
        return caller

    return check


# Role groups, named by what they may do.
FILE_REPORTS = ("citizen", "analyst", "bank", "telecom", "marketplace", "police", "admin")
READ_REPORTS = ("analyst", "police", "prosecutor", "admin")
LOOKUP = ("citizen", "analyst", "bank", "telecom", "marketplace", "police", "prosecutor", "admin")
LIST_REGISTRY = ("analyst", "police", "prosecutor", "admin")  # may also reveal values (audited)
CHANGE_STATUS = ("analyst", "police", "admin")
BLOCKLIST = ("analyst", "telecom", "marketplace", "bank", "police", "prosecutor", "admin")
SCORE_PAYMENTS = ("bank", "analyst", "admin")
CREDIT_BAN_OVERSIGHT = ("analyst", "police", "prosecutor", "admin")
ADMIN = ("admin",)
AUDIT = ("admin", "prosecutor")
