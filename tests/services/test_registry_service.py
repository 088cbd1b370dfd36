from __future__ import annotations

import pytest

from conftest import NOW, SECRET
from saqbol.entities import normalise
from saqbol.errors import InvalidIdentifier, InvalidInput, NotFound
from saqbol.services import audit, registry
from saqbol.store import transaction


def _entity_id(factory) -> int:
    with transaction(factory) as session:
        rows = registry.upsert_entities(
            session=session,
            identifiers=[normalise("phone", "87011234567")],
            secret=SECRET,
            seen_at=NOW,
            actor="t",
        )
        return rows[0].id


def test_status_change_is_audited_with_before_and_after(factory) -> None:
    entity_id = _entity_id(factory)
    with transaction(factory) as session:
        registry.set_status(
            session=session, entity_id=entity_id, status="blocked", actor="police", now=NOW
        )
    with transaction(factory) as session:
        assert registry.get_entity(session=session, entity_id=entity_id).status == "blocked"
        check = audit.verify(session=session)
        assert check.ok and check.records == 2  # created, then blocked
        last = audit.AuditRecord  # the table
        row = session.get(last, 2)
        assert (row.action, row.before, row.actor) == (
            "entity.status_changed",
            '{"status": "reported"}',
            "police",
        )


def test_unknown_status_names_the_field(factory) -> None:
    entity_id = _entity_id(factory)
    with transaction(factory) as session, pytest.raises(InvalidInput) as info:
        registry.set_status(session=session, entity_id=entity_id, status="gone", actor="a", now=NOW)
    assert info.value.field == "status"


def test_missing_entity_is_not_found(factory) -> None:
    with transaction(factory) as session, pytest.raises(NotFound):
        registry.get_entity(session=session, entity_id=999)


def test_lookup_of_malformed_value_raises_typed_error(factory) -> None:
    with transaction(factory) as session, pytest.raises(InvalidIdentifier):
        registry.find_entity(session=session, secret=SECRET, kind="iin", value="123")


def test_unknown_entity_is_none(factory) -> None:
    with transaction(factory) as session:
        assert registry.find_entity(session=session, secret=SECRET, value_hash="0" * 64) is None
