"""API keys: each maps to one role. Only a SHA-256 of the key is stored."""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from saqbol.errors import InvalidInput, NotFound, Unauthorized
from saqbol.services import audit
from saqbol.store.tables import ApiKey
from saqbol.vocab import ROLES

KEY_PREFIX = "sqb_"


@dataclass(frozen=True, slots=True)
class Principal:
    """Who is calling: the key's id, name and role."""

    key_id: int
    name: str
    role: str

    @property
    def actor(self) -> str:
        return f"key:{self.key_id}:{self.role}"


def _digest(key: str) -> str:
    # Keys carry 256 random bits, so a plain SHA-256 is enough (no slow KDF needed).
    return hashlib.sha256(key.encode()).hexdigest()


def create_key(
    *, session: Session, role: str, name: str, actor: str, now: datetime
) -> tuple[ApiKey, str]:
    """Create a key and return it with its secret; the secret cannot be recovered later."""
    audit.lock_chain(session)
    if role not in ROLES:
        raise InvalidInput(
            f"unknown role {role!r}; expected one of {', '.join(ROLES)}", field="role"
        )
    if not name.strip():
        raise InvalidInput("must not be empty", field="name")
    secret = KEY_PREFIX + secrets.token_urlsafe(32)
    row = ApiKey(
        name=name.strip(), role=role, prefix=secret[:10], key_hash=_digest(secret), created_at=now
    )
    session.add(row)
    session.flush()
    audit.append(
        session=session,
        actor=actor,
        action="key.created",
        subject=f"key:{row.id}",
        at=now,
        after={"role": role, "name": row.name, "prefix": row.prefix},
    )
    return row, secret


def authenticate(*, session: Session, key: str | None) -> Principal:
    if not key:
        raise Unauthorized("an API key is required (Authorization: Bearer <key> or X-API-Key)")
    row = session.scalars(select(ApiKey).where(ApiKey.key_hash == _digest(key))).first()
    if row is None or row.revoked_at is not None:
        raise Unauthorized("unknown or revoked API key")
    return Principal(row.id, row.name, row.role)


def revoke_key(*, session: Session, key_id: int, actor: str, now: datetime) -> ApiKey:
    audit.lock_chain(session)
    row = session.get(ApiKey, key_id)
    if row is None:
        raise NotFound(f"no API key with id {key_id}", field="key_id")
    if row.revoked_at is None:
        row.revoked_at = now
        audit.append(
            session=session,
            actor=actor,
            action="key.revoked",
            subject=f"key:{row.id}",
            at=now,
            before={"revoked": False},
            after={"revoked": True},
        )
    return row


def list_keys(*, session: Session) -> list[ApiKey]:
    return list(session.scalars(select(ApiKey).order_by(ApiKey.id)))
