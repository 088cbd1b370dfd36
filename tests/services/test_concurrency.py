"""Concurrent writers: no deadlock, no lost report count, an intact audit chain."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

from sqlalchemy import select

from conftest import NOW, SECRET
from saqbol.entities import normalise
from saqbol.services import audit, registry, reports
from saqbol.services.reports import ReportDraft
from saqbol.store import Entity, transaction

PHONES = ["87011234567", "87051234567", "87771234567", "87471234567"]


def _file(factory, i: int) -> None:
    # Each report names the same phones in a different order: the classic deadlock shape.
    order = PHONES[i % 4 :] + PHONES[: i % 4]
    draft = ReportDraft(
        "call", "safe_account", "", 0, NOW, "almaty", tuple(normalise("phone", p) for p in order)
    )
    with transaction(factory) as session:
        reports.file_report(session=session, draft=draft, actor="t", secret=SECRET, now=NOW)
        if i % 5 == 0:
            entity = registry.find_entity(
                session=session, secret=SECRET, kind="phone", value=PHONES[0]
            )
            registry.set_status(
                session=session,
                entity_id=entity.id,
                status="confirmed" if i % 2 else "blocked",
                actor="t",
                now=NOW,
            )


def test_concurrent_reports_on_shared_entities(factory) -> None:
    with ThreadPoolExecutor(8) as pool:
        list(pool.map(lambda i: _file(factory, i), range(40)))
    with transaction(factory) as session:
        counts = sorted(session.scalars(select(Entity.report_count)))
        assert counts == [40, 40, 40, 40]
        assert audit.verify(session=session).ok
