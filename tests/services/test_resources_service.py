"""The monitoring registry: complaints merge per domain, reporters' accuracy weighs in,
transitions follow the life cycle and are audited."""

from __future__ import annotations

from datetime import timedelta

import pytest

from conftest import NOW
from saqbol.detectors.urls import default_url_detector
from saqbol.errors import InvalidInput
from saqbol.services import audit, resources
from saqbol.store import transaction


def _complain(factory, url: str, reporter: str, source: str = "citizen") -> int:
    with transaction(factory) as session:
        result = resources.file_complaint(
            session=session,
            detector=default_url_detector(),
            url=url,
            reporter=reporter,
            source=source,
            now=NOW,
        )
        return result.resource.id


def _move(factory, resource_id: int, status: str, **extra: str) -> None:
    with transaction(factory) as session:
        resources.set_status(
            session=session,
            resource_id=resource_id,
            status=status,
            actor="analyst",
            now=NOW + timedelta(hours=1),
            **extra,
        )


def test_complaints_about_one_domain_merge_and_count_distinct_reporters(factory) -> None:
    first = _complain(factory, "https://kaspi-bonus.online/login", "citizen:1")
    again = _complain(factory, "http://www.kaspi-bonus.online/pay?x=1", "citizen:1")
    other = _complain(factory, "kaspi-bonus.online", "volunteer:7", "volunteer")
    assert first == again == other
    with transaction(factory) as session:
        row = resources.get_resource(session=session, resource_id=first)
        assert (row.complaint_count, row.reporter_count) == (3, 2)
        assert (row.domain, row.status, row.brand, row.verdict) == (
            "kaspi-bonus.online",
            "detected",
            "Kaspi.kz",
            "phishing",
        )
        assert row.source == "citizen"  # the first detection's source


def test_more_reporters_mean_higher_priority(factory) -> None:
    lone = _complain(factory, "http://halyk-bonus.site/", "citizen:1")
    crowd = _complain(factory, "http://halyk-bonus.xyz/", "citizen:2")
    for n in range(3, 6):
        _complain(factory, "http://halyk-bonus.xyz/", f"citizen:{n}")
    with transaction(factory) as session:
        rows, total = resources.list_resources(session=session)
        assert total == 2
        assert [r.id for r in rows] == [crowd, lone]


def test_a_reporter_with_a_record_of_false_positives_weighs_less(factory) -> None:
    for n in range(3):
        wrong = _complain(factory, f"http://shop-number-{n}.com/", "citizen:careless")
        _move(factory, wrong, "false_positive")
        right = _complain(factory, f"http://kaspi-gift-{n}.top/", "citizen:careful")
        _move(factory, right, "under_review")
        _move(factory, right, "block_requested", document="Order 12", addressee="registrar")
    with transaction(factory) as session:
        careless = resources.reporter_accuracy(session, "citizen:careless")
        careful = resources.reporter_accuracy(session, "citizen:careful")
        newcomer = resources.reporter_accuracy(session, "citizen:new")
    assert careless < newcomer == 0.5 < careful


def test_life_cycle_to_blocked_and_back_is_audited(factory) -> None:
    resource_id = _complain(factory, "http://olx-dostavka.kz/", "citizen:1")
    _move(factory, resource_id, "under_review")
    with pytest.raises(InvalidInput) as missing:
        _move(factory, resource_id, "block_requested", addressee="hosting")
    assert missing.value.field == "document"
    _move(factory, resource_id, "block_requested", document="Notice 7/2026", addressee="hosting")
    _move(factory, resource_id, "blocked")
    _move(factory, resource_id, "unblocked")
    with transaction(factory) as session:
        row = resources.get_resource(session=session, resource_id=resource_id)
        assert (row.status, row.document, row.addressee) == (
            "unblocked",
            "Notice 7/2026",
            "hosting",
        )
        check = audit.verify(session=session)
        # detected, complaint, four transitions
        assert check.ok and check.records == 6


@pytest.mark.parametrize(
    ("steps", "bad"),
    [((), "blocked"), (("under_review",), "unblocked"), ((), "archived")],
)
def test_transitions_outside_the_life_cycle_are_refused(factory, steps, bad) -> None:
    resource_id = _complain(factory, "http://olx-dostavka.kz/", "citizen:1")
    for step in steps:
        _move(factory, resource_id, step)
    with pytest.raises(InvalidInput) as refused:
        _move(factory, resource_id, bad)
    assert refused.value.field == "status"


def test_block_list_exports_csv_and_json(factory) -> None:
    listed = _complain(factory, "http://kaspi-gift.top/", "citizen:1")
    _complain(factory, "http://halyk-gift.top/", "citizen:1")
    _move(factory, listed, "under_review")
    _move(factory, listed, "block_requested", document="Order 1", addressee="regulator")
    with transaction(factory) as session:
        rows = resources.blocklist(session)
    assert [r["domain"] for r in rows] == ["kaspi-gift.top"]
    csv_text = resources.export(rows, "csv")
    assert csv_text.splitlines()[0].startswith("domain,status,brand")
    assert "kaspi-gift.top,block_requested,Kaspi.kz" in csv_text
    assert '"domain": "kaspi-gift.top"' in resources.export(rows, "json")


def test_an_unreadable_link_is_refused_and_nothing_is_stored(factory) -> None:
    with pytest.raises(InvalidInput) as refused:
        _complain(factory, "http://" + "a" * 70 + ".kz/", "citizen:1")
    assert refused.value.field == "url"
    with transaction(factory) as session:
        assert resources.list_resources(session=session)[1] == 0
