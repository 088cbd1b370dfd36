"""Response bodies. Identifiers leave the API masked unless a permitted role asks to reveal."""

from __future__ import annotations

from datetime import datetime
from typing import Generic, TypeVar

from pydantic import BaseModel

from saqbol.store.tables import Entity, Report


class EntityBrief(BaseModel):
    id: int
    type: str
    masked: str
    status: str
    report_count: int


class EntityOut(EntityBrief):
    hash: str
    first_seen: datetime
    last_seen: datetime
    value: str | None = None  # only when revealed


class EntityDetail(EntityOut):
    report_ids: list[int]


class LookupOut(BaseModel):
    """What a partner learns: whether the entity is known and how bad it is, nothing else."""

    found: bool
    hash: str | None = None
    type: str | None = None
    status: str | None = None
    report_count: int = 0
    first_seen: datetime | None = None
    last_seen: datetime | None = None


class ReportOut(BaseModel):
    id: int
    channel: str
    typology: str
    text: str
    amount_lost_kzt: int
    occurred_at: datetime
    region: str
    filed_at: datetime
    entities: list[EntityBrief]


class ReportFiled(BaseModel):
    id: int
    entities: list[EntityBrief]


T = TypeVar("T")


class Page(BaseModel, Generic[T]):
    total: int
    items: list[T]


def entity_brief(row: Entity) -> EntityBrief:
    return EntityBrief(
        id=row.id,
        type=row.kind,
        masked=row.masked,
        status=row.status,
        report_count=row.report_count,
    )


def entity_out(row: Entity, *, reveal: bool = False) -> EntityOut:
    return EntityOut(
        **entity_brief(row).model_dump(),
        hash=row.value_hash,
        first_seen=row.first_seen,
        last_seen=row.last_seen,
        value=row.value if reveal else None,
    )


def lookup_out(row: Entity | None) -> LookupOut:
    if row is None:
        return LookupOut(found=False)
    return LookupOut(
        found=True,
        hash=row.value_hash,
        type=row.kind,
        status=row.status,
        report_count=row.report_count,
        first_seen=row.first_seen,
        last_seen=row.last_seen,
    )


def report_out(row: Report) -> ReportOut:
    return ReportOut(
        id=row.id,
        channel=row.channel,
        typology=row.typology,
        text=row.text,
        amount_lost_kzt=row.amount_lost_kzt,
        occurred_at=row.occurred_at,
        region=row.region,
        filed_at=row.filed_at,
        entities=[entity_brief(e) for e in row.entities],
    )
