from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Query, Request

from saqbol.api import deps
from saqbol.api.views import Page, ReportFiled, ReportOut, entity_brief, report_out
from saqbol.schemas import RegionCode, ReportIn, Typology
from saqbol.services import reports
from saqbol.services.keys import Principal
from saqbol.store.session import read_only, transaction

router = APIRouter(prefix="/v1/reports", tags=["reports"])


@router.post("", status_code=201, response_model=ReportFiled)
def file_report(
    body: ReportIn,
    request: Request,
    caller: Annotated[Principal, Depends(deps.require(*deps.FILE_REPORTS))],
) -> ReportFiled:
    """File a victim's complaint; every entity it names is created or updated and linked."""
    with transaction(deps.session_factory(request)) as session:
        report = reports.file_report(
            session=session,
            draft=body.to_draft(),
            actor=caller.actor,
            secret=deps.settings(request).secret,
            now=deps.now(),
        )
        return ReportFiled(id=report.id, entities=[entity_brief(e) for e in report.entities])


@router.get("", response_model=Page[ReportOut])
def list_reports(
    request: Request,
    _: Annotated[Principal, Depends(deps.require(*deps.READ_REPORTS))],
    region: RegionCode | None = None,
    typology: Typology | None = None,
    entity_id: int | None = None,
    limit: Annotated[int, Query(ge=1, le=1000)] = 100,
    offset: Annotated[int, Query(ge=0)] = 0,
) -> Page[ReportOut]:
    with read_only(deps.session_factory(request)) as session:
        rows, total = reports.list_reports(
            session=session,
            region=region,
            typology=typology,
            entity_id=entity_id,
            limit=limit,
            offset=offset,
        )
        return Page[ReportOut](total=total, items=[report_out(r) for r in rows])


@router.get("/{report_id}", response_model=ReportOut)
def get_report(
    report_id: int,
    request: Request,
    _: Annotated[Principal, Depends(deps.require(*deps.READ_REPORTS))],
) -> ReportOut:
    with read_only(deps.session_factory(request)) as session:
        return report_out(reports.get_report(session=session, report_id=report_id))
