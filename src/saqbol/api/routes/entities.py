from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Query, Request

from saqbol.api import deps
from saqbol.api.views import EntityDetail, EntityOut, LookupOut, Page, entity_out, lookup_out
from saqbol.schemas import EntityKind, LookupIn, Status, StatusIn
from saqbol.services import audit, registry
from saqbol.services.keys import Principal
from saqbol.store.session import read_only, transaction

router = APIRouter(prefix="/v1/entities", tags=["registry"])


@router.post("/lookup", response_model=LookupOut)
def lookup(
    body: LookupIn,
    request: Request,
    _: Annotated[Principal, Depends(deps.require(*deps.LOOKUP))],
) -> LookupOut:
    """Is this phone / card / IBAN / ... known? Send the raw value with its type, or only the
    keyed hash (HMAC-SHA256 of ``"<type>:<normalised value>"``) to keep the value private."""
    with read_only(deps.session_factory(request)) as session:
        row = registry.find_entity(
            session=session,
            secret=deps.settings(request).secret,
            kind=body.type,
            value=body.value,
            value_hash=body.hash,
        )
        return lookup_out(row)


@router.get("", response_model=Page[EntityOut])
def list_entities(
    request: Request,
    _: Annotated[Principal, Depends(deps.require(*deps.LIST_REGISTRY))],
    type: EntityKind | None = None,
    status: Status | None = None,
    min_reports: Annotated[int, Query(ge=0)] = 0,
    limit: Annotated[int, Query(ge=1, le=1000)] = 100,
    offset: Annotated[int, Query(ge=0)] = 0,
) -> Page[EntityOut]:
    with read_only(deps.session_factory(request)) as session:
        rows, total = registry.list_entities(
            session=session,
            kind=type,
            status=status,
            min_reports=min_reports,
            limit=limit,
            offset=offset,
        )
        return Page[EntityOut](total=total, items=[entity_out(r) for r in rows])


@router.get("/{entity_id}", response_model=EntityDetail)
def get_entity(
    entity_id: int,
    request: Request,
    caller: Annotated[Principal, Depends(deps.require(*deps.LIST_REGISTRY))],
    reveal: bool = False,
) -> EntityDetail:
    """One entity with the reports that named it; ``reveal=true`` shows the value (audited)."""
    with transaction(deps.session_factory(request)) as session:
        row = registry.get_entity(session=session, entity_id=entity_id)
        if reveal:
            audit.append(
                session=session,
                actor=caller.actor,
                action="entity.value_revealed",
                subject=f"entity:{row.id}",
                at=deps.now(),
            )
        out = entity_out(row, reveal=reveal)
        return EntityDetail(**out.model_dump(), report_ids=[r.id for r in row.reports])


@router.post("/{entity_id}/status", response_model=EntityOut)
def set_status(
    entity_id: int,
    body: StatusIn,
    request: Request,
    caller: Annotated[Principal, Depends(deps.require(*deps.CHANGE_STATUS))],
) -> EntityOut:
    """Move an entity between reported, confirmed, blocked and cleared (audited)."""
    with transaction(deps.session_factory(request)) as session:
        row = registry.set_status(
            session=session,
            entity_id=entity_id,
            status=body.status,
            actor=caller.actor,
            now=deps.now(),
            note=body.note,
        )
        return entity_out(row)
