"""Victim complaints: filing one creates or updates every entity it names and links them."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session
from sqlalchemy.orm.attributes import set_committed_value

from saqbol.entities import Identifier
from saqbol.errors import NotFound
from saqbol.services import audit, registry
from saqbol.store.tables import Entity, Report, ReportEntity


@dataclass(frozen=True, slots=True)
class ReportDraft:
    """A complaint already validated at the edge (API or CLI)."""

    channel: str
    typology: str
    text: str
    amount_lost_kzt: int
    occurred_at: datetime
    region: str
    entities: tuple[Identifier, ...] = ()


def file_report(
    *, session: Session, draft: ReportDraft, actor: str, secret: str, now: datetime
) -> Report:
    """Store the report, upsert its entities and link them, all in the caller's transaction."""
    audit.lock_chain(session)
    report = Report(
        channel=draft.channel,
        typology=draft.typology,
        text=draft.text,
        amount_lost_kzt=draft.amount_lost_kzt,
        occurred_at=draft.occurred_at,
        region=draft.region,
        filed_at=now,
        filed_by=actor,
    )
    session.add(report)
    session.flush()
    entities = registry.upsert_entities(
        session=session,
        identifiers=draft.entities,
        secret=secret,
        seen_at=draft.occurred_at,
        actor=actor,
    )
    _link(session, report, entities)
    audit.append(
        session=session,
        actor=actor,
        action="report.filed",
        subject=f"report:{report.id}",
        at=now,
        after={
            "channel": report.channel,
            "typology": report.typology,
            "region": report.region,
            "amount_lost_kzt": report.amount_lost_kzt,
            "entity_ids": [entity.id for entity in entities],
        },
    )
    return report


def _link(session: Session, report: Report, entities: list[Entity]) -> None:
    set_committed_value(report, "entities", entities)  # the caller renders them; no reload
    if not entities:
        return
    session.add_all(ReportEntity(report_id=report.id, entity_id=e.id) for e in entities)
    # Counted in SQL, not in Python, so concurrent reports never lose an increment; the
    # default synchronize_session updates the loaded rows too.
    session.execute(
        update(Entity)
        .where(Entity.id.in_([e.id for e in entities]))
        .values(report_count=Entity.report_count + 1)
    )


def get_report(*, session: Session, report_id: int) -> Report:
    report = session.get(Report, report_id)
    if report is None:
        raise NotFound(f"no report with id {report_id}", field="report_id")
    return report


def list_reports(
    *,
    session: Session,
    region: str | None = None,
    typology: str | None = None,
    entity_id: int | None = None,
    limit: int = 100,
    offset: int = 0,
) -> tuple[list[Report], int]:
    """One page of reports, newest first, and the total that matched."""
    stmt = select(Report)
    if region:
        stmt = stmt.where(Report.region == region)
    if typology:
        stmt = stmt.where(Report.typology == typology)
    if entity_id is not None:
        stmt = stmt.join(ReportEntity).where(ReportEntity.entity_id == entity_id)
    total = session.scalar(select(func.count()).select_from(stmt.subquery())) or 0
    page = stmt.order_by(Report.id.desc()).limit(limit).offset(offset)
    return list(session.scalars(page)), total
