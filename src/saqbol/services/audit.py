"""Append-only, hash-chained audit log of every state change.

Each record's hash covers its own fields and the previous record's hash; the single
``audit_head`` row holds the tip. Altering, deleting or truncating any record breaks the
chain at that point, and :func:`verify` names the first broken link.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Connection, insert, select, update
from sqlalchemy.orm import Session

from saqbol.errors import SaqbolError
from saqbol.store.tables import AuditHead, AuditRecord

GENESIS = "0" * 64


def _canonical(value: Mapping[str, Any] | None) -> str:
    return json.dumps(value or {}, sort_keys=True, ensure_ascii=False, default=str)


def record_hash(record: AuditRecord) -> str:
    return _hash(
        record.id,
        record.at,
        record.actor,
        record.action,
        record.subject,
        record.before,
        record.after,
        record.prev_hash,
    )


def _hash(
    record_id: int,
    at: datetime,
    actor: str,
    action: str,
    subject: str,
    before: str,
    after: str,
    prev_hash: str,
) -> str:
    payload = [record_id, at.isoformat(), actor, action, subject, before, after, prev_hash]
    encoded = json.dumps(payload, ensure_ascii=False, separators=(",", ":")).encode()
    return hashlib.sha256(encoded).hexdigest()


def lock_chain(session: Session) -> AuditHead:
    """Take the chain's lock; every writing service calls this first.

    Every state change is audited, so writers serialise on this one row anyway. Taking it
    before touching any other row gives all writers one lock order, which is what keeps
    PostgreSQL from deadlocking two reports that name the same new entities.
    """
    held = session.info.get("audit_head")
    if held is not None and held[0] is session.get_transaction():
        return held[1]
    head = session.scalars(select(AuditHead).where(AuditHead.id == 1).with_for_update()).first()
    session.info["audit_head"] = (session.get_transaction(), head)
    if head is None:  # the first migration creates it; only a damaged database lacks it
        raise SaqbolError("the audit chain's head row is missing; the audit log was tampered with")
    return head


def append(
    *,
    session: Session,
    actor: str,
    action: str,
    subject: str,
    at: datetime,
    before: Mapping[str, Any] | None = None,
    after: Mapping[str, Any] | None = None,
) -> AuditRecord:
    """Extend the chain inside the caller's transaction (so the change and its record land
    together or not at all)."""
    head = lock_chain(session)
    record = AuditRecord(
        id=head.last_id + 1,
        at=at.astimezone(UTC),
        actor=actor,
        action=action,
        subject=subject,
        before=_canonical(before),
        after=_canonical(after),
        prev_hash=head.last_hash,
    )
    record.hash = record_hash(record)
    session.add(record)
    head.last_id, head.last_hash = record.id, record.hash
    return record


@dataclass(frozen=True, slots=True)
class Entry:
    """One record to append, for ``append_many``."""

    actor: str
    action: str
    subject: str
    at: datetime
    before: Mapping[str, Any] | None = None
    after: Mapping[str, Any] | None = None


_TIP = select(AuditHead.last_id, AuditHead.last_hash).where(AuditHead.id == 1).with_for_update()


def _chained(entries: Sequence[Entry], last_id: int, last_hash: str) -> list[dict[str, Any]]:
    """The rows that extend the chain from (last_id, last_hash) by ``entries``."""
    rows = []
    for entry in entries:
        row = {
            "id": last_id + 1,
            "at": entry.at.astimezone(UTC),
            "actor": entry.actor,
            "action": entry.action,
            "subject": entry.subject,
            "before": _canonical(entry.before),
            "after": _canonical(entry.after),
            "prev_hash": last_hash,
        }
        row["hash"] = _hash(
            row["id"],
            row["at"],
            entry.actor,
            entry.action,
            entry.subject,
            row["before"],
            row["after"],
            last_hash,
        )
        last_id, last_hash = row["id"], row["hash"]
        rows.append(row)
    return rows


def append_many(*, session: Session | Connection, entries: Sequence[Entry]) -> None:
    """``append`` for many records at once: the same records and hashes, one bulk insert
    (group-committed lender checks write hundreds at a time).

    On a plain ``Connection`` the head row is locked, read and moved by Core statements: the
    lender-check writer has no ORM session (its per-transaction cost was most of a small
    group's write). Call it first in such a transaction, for the same lock order as
    ``lock_chain``.
    """
    if isinstance(session, Connection):
        tip = session.execute(_TIP).one()
        rows = _chained(entries, tip.last_id, tip.last_hash)
        if rows:
            session.execute(insert(AuditRecord.__table__), rows)
            session.execute(
                update(AuditHead)
                .where(AuditHead.id == 1)
                .values(last_id=rows[-1]["id"], last_hash=rows[-1]["hash"])
            )
        return
    head = lock_chain(session)
    rows = _chained(entries, head.last_id, head.last_hash)
    if rows:
        session.execute(insert(AuditRecord.__table__), rows)
        head.last_id, head.last_hash = rows[-1]["id"], rows[-1]["hash"]


@dataclass(frozen=True, slots=True)
class ChainCheck:
    ok: bool
    records: int
    broken_at: int | None = None
    problem: str | None = None


def verify(*, session: Session, batch_size: int = 5000) -> ChainCheck:
    """Walk the chain in id order; stop at the first record that does not fit."""
    expected_prev, expected_id, count = GENESIS, 1, 0
    stmt = select(AuditRecord).order_by(AuditRecord.id).execution_options(yield_per=batch_size)
    for record in session.scalars(stmt):
        problem = _check_link(record, expected_id, expected_prev)
        if problem:
            return ChainCheck(False, count, expected_id, problem)
        expected_prev, expected_id, count = record.hash, record.id + 1, count + 1
    head = session.get(AuditHead, 1)
    if head is None:
        return ChainCheck(False, count, expected_id, "the chain's head row was removed")
    if (head.last_id, head.last_hash) != (expected_id - 1, expected_prev):
        return ChainCheck(False, count, expected_id, "records after this one were removed")
    return ChainCheck(True, count)


def _check_link(record: AuditRecord, expected_id: int, expected_prev: str) -> str | None:
    if record.id != expected_id:
        return f"record {expected_id} is missing"
    if record.prev_hash != expected_prev:
        return "does not link to the previous record"
    if record_hash(record) != record.hash:
        return "content was altered after it was written"
    return None
