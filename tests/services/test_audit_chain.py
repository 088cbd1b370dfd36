from __future__ import annotations

import pytest
from sqlalchemy import delete, update

from conftest import NOW
from saqbol.errors import SaqbolError
from saqbol.services import audit
from saqbol.store import AuditHead, AuditRecord, transaction


def _write(factory, n: int) -> None:
    with transaction(factory) as session:
        for i in range(n):
            audit.append(
                session=session, actor="t", action="x", subject=f"s{i}", at=NOW, after={"i": i}
            )


def _verify(factory) -> audit.ChainCheck:
    with transaction(factory) as session:
        return audit.verify(session=session)


def test_intact_chain_verifies(factory) -> None:
    _write(factory, 5)
    assert _verify(factory) == audit.ChainCheck(True, 5)


def test_empty_chain_verifies(factory) -> None:
    assert _verify(factory).ok


def test_altered_row_is_the_first_broken_link(factory) -> None:
    _write(factory, 5)
    with transaction(factory) as session:
        session.execute(update(AuditRecord).where(AuditRecord.id == 3).values(after='{"i": 99}'))
    check = _verify(factory)
    assert (check.ok, check.broken_at, check.records) == (False, 3, 2)
    assert "altered" in (check.problem or "")


def test_rehashed_row_still_breaks_the_next_link(factory) -> None:
    _write(factory, 4)
    with transaction(factory) as session:
        row = session.get(AuditRecord, 2)
        row.after = '{"i": 42}'
        row.hash = audit.record_hash(row)  # a forger who recomputes this row's hash
    check = _verify(factory)
    assert (check.ok, check.broken_at) == (False, 3)


def test_deleted_middle_row_is_detected(factory) -> None:
    _write(factory, 5)
    with transaction(factory) as session:
        session.execute(delete(AuditRecord).where(AuditRecord.id == 2))
    check = _verify(factory)
    assert (check.ok, check.broken_at) == (False, 2)


def test_deleted_tail_is_detected(factory) -> None:
    _write(factory, 5)
    with transaction(factory) as session:
        session.execute(delete(AuditRecord).where(AuditRecord.id >= 4))
    check = _verify(factory)
    assert (check.ok, check.broken_at) == (False, 4)


def test_deleted_head_is_detected_and_blocks_new_writes(factory) -> None:
    _write(factory, 2)
    with transaction(factory) as session:
        session.execute(delete(AuditHead))
    assert not _verify(factory).ok
    with pytest.raises(SaqbolError, match="head row is missing"):
        _write(factory, 1)
