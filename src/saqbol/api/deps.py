"""Request-scoped helpers: the caller's identity and role checks, the session factory."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime

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


def principal(
    request: Request,
    bearer: HTTPAuthorizationCredentials | None = Security(_bearer),
    header_key: str | None = Security(_header),
) -> Principal:
    key = bearer.credentials if bearer else header_key
    with read_only(session_factory(request)) as session:
        return keys.authenticate(session=session, key=key)


def require(*roles: str) -> Callable[..., Principal]:
    """Dependency that admits only keys whose role is one of ``roles`` (401 without a key)."""
    allowed = frozenset(roles)

    def check(caller: Principal = Depends(principal)) -> Principal:
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
ADMIN = ("admin",)
AUDIT = ("admin", "prosecutor")
