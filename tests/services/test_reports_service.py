from __future__ import annotations

from sqlalchemy import func, select

from conftest import NOW, SECRET
from helpers import VALID_CARD
from saqbol.entities import normalise
from saqbol.services import registry, reports
from saqbol.services.reports import ReportDraft
from saqbol.store import Entity, Report, transaction


def _draft(*entities: tuple[str, str]) -> ReportDraft:
    return ReportDraft(
        channel="sms",
        typology="sms_code_1414",
        text="",
        amount_lost_kzt=10_000,
        occurred_at=NOW,
        region="almaty",
        entities=tuple(normalise(kind, raw) for kind, raw in entities),
    )


def _file(factory, *entities: tuple[str, str]) -> int:
    with transaction(factory) as session:
        return reports.file_report(
            session=session, draft=_draft(*entities), actor="t", secret=SECRET, now=NOW
        ).id


def test_one_phone_in_two_formats_is_one_entity_with_two_reports(factory) -> None:
    first = _file(factory, ("phone", "8 701 123 45 67"))
    second = _file(factory, ("phone", "+77011234567"))
    with transaction(factory) as session:
        entities = list(session.scalars(select(Entity)))
        assert len(entities) == 1
        assert entities[0].value == "+77011234567"
        assert entities[0].report_count == 2
        assert [r.id for r in entities[0].reports] == [first, second]


def test_card_with_spaces_and_without_links_to_one_entity(factory) -> None:
    spaced = " ".join(VALID_CARD[i : i + 4] for i in range(0, 16, 4))
    _file(factory, ("card", spaced), ("phone", "87011234567"))
    _file(factory, ("card", VALID_CARD))
    with transaction(factory) as session:
        card = registry.find_entity(session=session, secret=SECRET, kind="card", value=VALID_CARD)
        assert card is not None and card.report_count == 2
        assert card.masked == "4400 **** **** 0007"


def test_the_same_entity_twice_in_one_report_counts_once(factory) -> None:
    _file(factory, ("phone", "87011234567"), ("phone", "+7 (701) 123-45-67"))
    with transaction(factory) as session:
        assert session.scalar(select(Entity.report_count)) == 1


def test_lookup_by_hash_finds_what_lookup_by_value_finds(factory) -> None:
    _file(factory, ("iban", "KZ86125KZT5004100100"))
    with transaction(factory) as session:
        by_value = registry.find_entity(
            session=session, secret=SECRET, kind="iban", value="kz86 125k zt50 0410 0100"
        )
        assert by_value is not None
        by_hash = registry.find_entity(
            session=session, secret=SECRET, value_hash=by_value.value_hash
        )
        assert by_hash is not None and by_hash.id == by_value.id


def test_report_list_filters_by_region_and_entity(factory) -> None:
    report_id = _file(factory, ("phone", "87011234567"))
    with transaction(factory) as session:
        entity_id = session.scalar(select(Entity.id))
        rows, total = reports.list_reports(session=session, entity_id=entity_id)
        assert (total, rows[0].id) == (1, report_id)
        assert reports.list_reports(session=session, region="shymkent")[1] == 0
        assert session.scalar(select(func.count()).select_from(Report)) == 1
