"""The registry snapshot that payment scoring reads: loaded once, then kept current from the
audit log's changes (reports filed, statuses changed)."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy.orm import Session, sessionmaker

from conftest import SECRET
from helpers import VALID_CARD, report_body
from saqbol.entities import normalise
from saqbol.schemas import ReportIn
from saqbol.services import registry, reports
from saqbol.services.payment_scoring import RegistrySnapshot
from saqbol.store import transaction

NOW = datetime(2026, 11, 20, tzinfo=UTC)


def file(factory: sessionmaker[Session], value: str) -> int:
    body = report_body(entities=[{"type": "card", "value": value}])
    with transaction(factory) as session:
        report = reports.file_report(
            session=session,
            draft=ReportIn.model_validate(body).to_draft(),
            secret=SECRET,
            actor="t",
            now=NOW,
        )
        return report.entities[0].id


def test_the_snapshot_follows_reports_and_status_changes(factory: sessionmaker[Session]) -> None:
    snapshot = RegistrySnapshot(factory, SECRET, ttl_s=0.0)
    card = snapshot.hash_of(normalise("card", VALID_CARD))
    assert card not in snapshot.listed()

    entity_id = file(factory, VALID_CARD)
    assert snapshot.listed()[card].status == "reported"
    assert snapshot.listed()[card].reports == 1

    file(factory, VALID_CARD)
    assert snapshot.listed()[card].reports == 2

    with transaction(factory) as session:
        registry.set_status(
            session=session, entity_id=entity_id, status="cleared", actor="t", now=NOW
        )
    assert card not in snapshot.listed()

    with transaction(factory) as session:
        registry.set_status(
            session=session, entity_id=entity_id, status="blocked", actor="t", now=NOW
        )
    assert snapshot.listed()[card].status == "blocked"

    fresh = RegistrySnapshot(factory, SECRET, ttl_s=0.0)  # a new worker loads it whole
    assert fresh.listed()[card].status == "blocked"
