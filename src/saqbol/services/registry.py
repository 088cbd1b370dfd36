"""The shared fraud registry: entities (phones, cards, IBANs, ...) and their status.

Partners look an entity up by raw value or by its keyed hash, so a bank can ask about a card
without sending the card number in clear.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from saqbol.entities import Identifier, keyed_hash, normalise
from saqbol.errors import InvalidInput, NotFound
from saqbol.services import audit
from saqbol.store.tables import Entity
from saqbol.vocab import ENTITY_STATUSES


def hash_of(identifier: Identifier, secret: str) -> str:
    return keyed_hash(identifier.kind, identifier.value, secret)


def upsert_entities(
    *,
    session: Session,
    identifiers: Sequence[Identifier],
    secret: str,
    seen_at: datetime,
    actor: str,
) -> list[Entity]:
    """Create missing entities, widen first/last seen of known ones; one row per hash.

    Safe under concurrency because the caller's transaction holds the audit chain's lock:
    no other writer can insert the same hash between our select and our insert.
    """
    audit.lock_chain(session)
    by_hash = {hash_of(ident, secret): ident for ident in identifiers}
    if not by_hash:
        return []
    known = list(session.scalars(select(Entity).where(Entity.value_hash.in_(by_hash))))
    for row in known:
        row.first_seen = min(row.first_seen, seen_at)
        row.last_seen = max(row.last_seen, seen_at)
    seen = {row.value_hash for row in known}
    new = [_new_entity(ident, h, seen_at) for h, ident in by_hash.items() if h not in seen]
    session.add_all(new)
    session.flush()
    for row in new:
        audit.append(
            session=session,
            actor=actor,
            action="entity.created",
            subject=f"entity:{row.id}",
            at=seen_at,
            after={"kind": row.kind, "masked": row.masked, "status": row.status},
        )
    return sorted(known + new, key=lambda row: row.id)


def _new_entity(ident: Identifier, value_hash: str, seen_at: datetime) -> Entity:
    return Entity(
        kind=ident.kind,
        value=ident.value,
        masked=ident.masked,
        value_hash=value_hash,
        status="reported",
        first_seen=seen_at,
        last_seen=seen_at,
        report_count=0,
    )


def find_entity(
    *,
    session: Session,
    secret: str,
    kind: str | None = None,
    value: str | None = None,
    value_hash: str | None = None,
) -> Entity | None:
    """Find by (kind, raw value) or by keyed hash; exactly one of the two must be given."""
    if (value is None) == (value_hash is None):
        raise InvalidInput("give either a value (with its type) or a hash", field="value")
    if value is not None:
        if kind is None:
            raise InvalidInput("is required when looking up by value", field="type")
        value_hash = hash_of(normalise(kind, value), secret)
    return session.scalars(select(Entity).where(Entity.value_hash == value_hash)).first()


def get_entity(*, session: Session, entity_id: int) -> Entity:
    row = session.get(Entity, entity_id)
    if row is None:
        raise NotFound(f"no entity with id {entity_id}", field="entity_id")
    return row


def set_status(
    *, session: Session, entity_id: int, status: str, actor: str, now: datetime, note: str = ""
) -> Entity:
    if status not in ENTITY_STATUSES:
        expected = ", ".join(ENTITY_STATUSES)
        raise InvalidInput(f"unknown status {status!r}; expected one of {expected}", field="status")
    audit.lock_chain(session)
    row = get_entity(session=session, entity_id=entity_id)
    if row.status != status:
        before = row.status
        row.status = status
        audit.append(
            session=session,
            actor=actor,
            action="entity.status_changed",
            subject=f"entity:{row.id}",
            at=now,
            before={"status": before},
            after={"status": status, "note": note},
        )
    return row


def list_entities(
    *,
    session: Session,
    kind: str | None = None,
    status: str | None = None,
    min_reports: int = 0,
    limit: int = 100,
    offset: int = 0,
) -> tuple[list[Entity], int]:
    """One page of the registry, most reported first, and the total that matched."""
    stmt = select(Entity).where(Entity.report_count >= min_reports)
    if kind:
        stmt = stmt.where(Entity.kind == kind)
    if status:
        stmt = stmt.where(Entity.status == status)
    total = session.scalar(select(func.count()).select_from(stmt.subquery())) or 0
    page = stmt.order_by(Entity.report_count.desc(), Entity.id).limit(limit).offset(offset)
    return list(session.scalars(page)), total
