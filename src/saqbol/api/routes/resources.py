"""The monitoring registry of fraudulent resources: complaints in, decisions, block list out."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, Query, Request, Response
from pydantic import BaseModel, Field

from saqbol.api import deps
from saqbol.detectors.urls import default_url_detector
from saqbol.detectors.urls.detector import MAX_URL
from saqbol.schemas import Strict
from saqbol.services import resources
from saqbol.services.keys import Principal
from saqbol.store.session import read_only, transaction

router = APIRouter(prefix="/v1/resources", tags=["resources"])

Source = Literal[resources.SOURCES]  # type: ignore[valid-type]
ResourceStatus = Literal[resources.STATUSES]  # type: ignore[valid-type]
Addressee = Literal[resources.ADDRESSEES]  # type: ignore[valid-type]
# Who files under which source when the body does not say: citizens' own complaints, the
# analysts' monitoring, everyone else as a partner.
DEFAULT_SOURCE = {"citizen": "citizen", "analyst": "monitoring", "admin": "monitoring"}


class ComplaintIn(Strict):
    url: Annotated[str, Field(min_length=1, max_length=MAX_URL)]
    source: Source | None = None
    note: Annotated[str, Field(max_length=2000)] = ""


class ResourceStatusIn(Strict):
    status: ResourceStatus
    document: Annotated[str, Field(max_length=2000)] = ""
    addressee: Addressee | Literal[""] = ""
    note: Annotated[str, Field(max_length=500)] = ""


class ResourceOut(BaseModel):
    id: int
    domain: str
    url: str
    source: str
    status: str
    verdict: str
    score: float
    brand: str | None
    first_seen: str
    last_seen: str
    updated_at: str
    complaints: int
    reporters: int
    priority: float
    document: str
    addressee: str
    allowed_next: list[str]


class ComplaintOut(BaseModel):
    new_resource: bool
    resource: ResourceOut


class ResourcePage(BaseModel):
    total: int
    items: list[ResourceOut]


@router.post("/complaints", response_model=ComplaintOut, status_code=201)
def complain(
    body: ComplaintIn,
    request: Request,
    caller: Annotated[Principal, Depends(deps.require(*deps.FILE_REPORTS))],
) -> dict[str, Any]:
    """Report a fraudulent link. Complaints about any link on one registered domain merge into
    one resource; distinct reporters and their past accuracy raise its priority."""
    source = body.source or DEFAULT_SOURCE.get(caller.role, "partner")
    with transaction(deps.session_factory(request)) as session:
        result = resources.file_complaint(
            session=session,
            detector=default_url_detector(),
            url=body.url,
            reporter=caller.actor,
            source=source,
            now=deps.now(),
            note=body.note,
        )
        return {
            "new_resource": result.new_resource,
            "resource": resources.resource_dict(result.resource),
        }


@router.get("", response_model=ResourcePage)
def list_resources(
    request: Request,
    _: Annotated[Principal, Depends(deps.require(*deps.LIST_REGISTRY))],
    status: ResourceStatus | None = None,
    limit: Annotated[int, Query(ge=1, le=1000)] = 100,
    offset: Annotated[int, Query(ge=0)] = 0,
) -> dict[str, Any]:
    """The analysts' queue: highest priority first."""
    with read_only(deps.session_factory(request)) as session:
        rows, total = resources.list_resources(
            session=session, status=status, limit=limit, offset=offset
        )
        return {"total": total, "items": [resources.resource_dict(r) for r in rows]}


@router.get("/blocklist")
def blocklist(
    request: Request,
    _: Annotated[Principal, Depends(deps.require(*deps.BLOCKLIST))],
    format: Literal["json", "csv"] = "json",
) -> Response:
    """Resources with a block requested or in force, for operators and platforms."""
    with read_only(deps.session_factory(request)) as session:
        rows = resources.blocklist(session)
    media = "text/csv; charset=utf-8" if format == "csv" else "application/json"
    return Response(resources.export(rows, format), media_type=media)


@router.get("/{resource_id}", response_model=ResourceOut)
def get_resource(
    resource_id: int,
    request: Request,
    _: Annotated[Principal, Depends(deps.require(*deps.LIST_REGISTRY))],
) -> dict[str, Any]:
    with read_only(deps.session_factory(request)) as session:
        return resources.resource_dict(
            resources.get_resource(session=session, resource_id=resource_id)
        )


@router.post("/{resource_id}/status", response_model=ResourceOut)
def set_status(
    resource_id: int,
    body: ResourceStatusIn,
    request: Request,
    caller: Annotated[Principal, Depends(deps.require(*deps.CHANGE_STATUS))],
) -> dict[str, Any]:
    """detected → under_review → block_requested (with the document and its addressee) →
    blocked → unblocked; false_positive from review. Other moves get a 422 naming the allowed
    ones. Audited."""
    with transaction(deps.session_factory(request)) as session:
        row = resources.set_status(
            session=session,
            resource_id=resource_id,
            status=body.status,
            actor=caller.actor,
            now=deps.now(),
            document=body.document,
            addressee=body.addressee,
            note=body.note,
        )
        return resources.resource_dict(row)
