from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Request
from pydantic import BaseModel

from saqbol.api import deps
from saqbol.schemas import KeyIn
from saqbol.services import audit, keys
from saqbol.services.keys import Principal
from saqbol.store.session import read_only, transaction

router = APIRouter(prefix="/v1", tags=["admin"])


class KeyCreated(BaseModel):
    id: int
    role: str
    name: str
    key: str  # shown once


class Me(BaseModel):
    key_id: int
    name: str
    role: str


class AuditCheck(BaseModel):
    ok: bool
    records: int
    broken_at: int | None
    problem: str | None


@router.get("/me", response_model=Me)
def me(caller: Annotated[Principal, Depends(deps.principal)]) -> Me:
    """Which key and role the caller is using."""
    return Me(key_id=caller.key_id, name=caller.name, role=caller.role)


@router.post("/keys", status_code=201, response_model=KeyCreated)
def create_key(
    body: KeyIn,
    request: Request,
    caller: Annotated[Principal, Depends(deps.require(*deps.ADMIN))],
) -> KeyCreated:
    with transaction(deps.session_factory(request)) as session:
        row, secret = keys.create_key(
            session=session, role=body.role, name=body.name, actor=caller.actor, now=deps.now()
        )
        return KeyCreated(id=row.id, role=row.role, name=row.name, key=secret)


@router.get("/audit/verify", response_model=AuditCheck)
def verify_audit(
    request: Request, _: Annotated[Principal, Depends(deps.require(*deps.AUDIT))]
) -> AuditCheck:
    """Walk the hash chain and report the first broken link, if any."""
    with read_only(deps.session_factory(request)) as session:
        check = audit.verify(session=session)
    return AuditCheck(
        ok=check.ok, records=check.records, broken_at=check.broken_at, problem=check.problem
    )
