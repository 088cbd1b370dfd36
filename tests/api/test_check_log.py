"""The lender-check group writer: checks wait for SQLite's write lock without stopping the
server, join one group, and share a failure."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime

from sqlalchemy import Engine, event, func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, sessionmaker

from saqbol.api.check_log import CheckLog, writer_engine
from saqbol.services import audit
from saqbol.services.credit_ban import Check
from saqbol.store.session import read_only
from saqbol.store.tables import AuditHead, CreditCheck


def made(i: int) -> Check:
    return Check(
        id=f"chk_{i}", lender_key_id=1, iin_hash=f"{i:064x}", product="bank_loan",
        channel="online", banned=i % 2 == 0, checked_at=datetime(2026, 5, 1, tzinfo=UTC),
    )  # fmt: skip


def test_checks_wait_for_the_write_lock_and_go_in_one_group(
    engine: Engine, factory: sessionmaker[Session]
) -> None:
    writer = writer_engine(engine)
    commits: list[int] = []
    event.listen(writer, "commit", lambda _conn: commits.append(1))
    other = engine.connect()  # another worker, in the middle of its write

    async def scenario() -> None:
        log = CheckLog(writer)
        other.execute(select(AuditHead.last_id).with_for_update())  # holds the chain's lock
        first = [asyncio.create_task(log.record(made(i))) for i in range(3)]
        await asyncio.sleep(0.05)
        assert not any(t.done() for t in first)  # not answered before they are stored
        later = [asyncio.create_task(log.record(made(i))) for i in range(3, 6)]
        await asyncio.sleep(0.05)  # the loop ran: the later ones joined the waiting group
        other.rollback()
        await asyncio.gather(*first, *later)
        await log.close()

    try:
        asyncio.run(scenario())
    finally:
        other.close()
        writer.dispose()
    assert len(commits) == 1
    with read_only(factory) as session:
        assert session.scalar(select(func.count()).select_from(CreditCheck)) == 6
        assert audit.verify(session=session).records == 6


def test_a_failed_write_fails_every_check_of_its_group(
    engine: Engine, factory: sessionmaker[Session]
) -> None:
    writer = writer_engine(engine)

    async def scenario() -> list[BaseException | None]:
        log = CheckLog(writer)
        await log.record(made(1))
        group = [log.record(made(2)), log.record(made(1))]  # the second reuses a stored id
        results = await asyncio.gather(*group, return_exceptions=True)
        await log.close()
        return results

    results = asyncio.run(scenario())
    writer.dispose()
    assert all(isinstance(r, IntegrityError) for r in results)
    with read_only(factory) as session:
        assert session.scalar(select(func.count()).select_from(CreditCheck)) == 1
        assert audit.verify(session=session).ok
