"""Voluntary loan refusal under /v1/credit-ban: citizens, lenders, analysts."""

from __future__ import annotations

import random
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import func, select, text
from sqlalchemy.orm import Session, sessionmaker

from conftest import SECRET
from helpers import auth
from saqbol.api.app import create_app
from saqbol.config import Settings
from saqbol.services import audit, citizen_token, credit_ban
from saqbol.store import transaction
from saqbol.store.tables import AuditRecord, Base, CreditBan
from saqbol.synth.identifiers import iin as synth_iin

IIN = "651018359799"
OTHER_IIN = "780928478930"


def token_for(iin: str, **kwargs: Any) -> str:
    return citizen_token.issue(iin, secret=SECRET, now=datetime.now(UTC), **kwargs)


@pytest.fixture
def citizen(api_key: Callable[[str], str]) -> dict[str, str]:
    return {**auth(api_key("citizen")), "X-Citizen-Token": token_for(IIN)}


@pytest.fixture
def bank(api_key: Callable[[str], str]) -> dict[str, str]:
    return auth(api_key("bank"))


@pytest.fixture
def analyst(api_key: Callable[[str], str]) -> dict[str, str]:
    return auth(api_key("analyst"))


def check(client: TestClient, bank: dict[str, str], **body: Any) -> dict[str, Any]:
    payload = {"iin": IIN, "product": "bank_loan", "channel": "online", **body}
    response = client.post("/v1/credit-ban/check", json=payload, headers=bank)
    assert response.status_code == 200, response.text
    return response.json()


def test_a_citizen_sets_views_and_lifts_a_ban_and_lenders_see_only_yes_or_no(
    client: TestClient, citizen: dict[str, str], bank: dict[str, str]
) -> None:
    assert check(client, bank)["banned"] is False
    set_ = client.post(
        "/v1/credit-ban/ban", json={"scope": "both", "channel": "all"}, headers=citizen
    )
    assert set_.status_code == 200, set_.text
    assert set_.json()["active"] is True
    view = client.get("/v1/credit-ban/ban", headers=citizen).json()
    assert (view["scope"], view["channel"]) == ("both", "all")

    answer = check(client, bank)
    assert set(answer) == {"banned", "check_id"}  # nothing about when or what was set
    assert answer["banned"] is True
    assert check(client, bank, product="microcredit", channel="offline")["banned"] is True

    assert client.delete("/v1/credit-ban/ban", headers=citizen).json()["active"] is False
    assert check(client, bank)["banned"] is False
    again = client.delete("/v1/credit-ban/ban", headers=citizen)
    assert again.status_code == 409
    assert again.json()["errors"][0]["field"] == "ban"


@pytest.mark.parametrize(
    ("scope", "channel", "product", "loan_channel", "banned"),
    [
        ("bank_loans", "all", "bank_loan", "offline", True),
        ("bank_loans", "all", "microcredit", "online", False),
        ("microcredits", "online", "microcredit", "online", True),
        ("microcredits", "online", "microcredit", "offline", False),
        ("both", "online", "bank_loan", "offline", False),
    ],
)
def test_a_ban_covers_only_its_scope_and_channel(
    client: TestClient,
    citizen: dict[str, str],
    bank: dict[str, str],
    scope: str,
    channel: str,
    product: str,
    loan_channel: str,
    banned: bool,
) -> None:
    client.post("/v1/credit-ban/ban", json={"scope": scope, "channel": channel}, headers=citizen)
    assert check(client, bank, product=product, channel=loan_channel)["banned"] is banned


def test_citizen_endpoints_need_a_valid_sign_in_for_the_citizens_own_iin(
    client: TestClient, api_key: Callable[[str], str], bank: dict[str, str]
) -> None:
    key = auth(api_key("citizen"))
    assert client.get("/v1/credit-ban/ban", headers=key).status_code == 401
    forged = token_for(IIN)[:-4] + "AAAA"
    assert (
        client.get("/v1/credit-ban/ban", headers={**key, "X-Citizen-Token": forged}).status_code
        == 401
    )
    expired = token_for(IIN, ttl_s=-1)
    response = client.get("/v1/credit-ban/ban", headers={**key, "X-Citizen-Token": expired})
    assert response.status_code == 401
    assert "expired" in response.json()["detail"]
    as_bank = client.get("/v1/credit-ban/ban", headers={**bank, "X-Citizen-Token": token_for(IIN)})
    assert as_bank.status_code == 403
    other = {**key, "X-Citizen-Token": token_for(OTHER_IIN)}
    client.post("/v1/credit-ban/ban", json={}, headers=other)
    mine = client.get("/v1/credit-ban/ban", headers={**key, "X-Citizen-Token": token_for(IIN)})
    assert mine.json()["active"] is False  # the other citizen's ban is not mine


@pytest.mark.parametrize(
    ("path", "body", "field"),
    [
        (
            "/v1/credit-ban/check",
            {"iin": "651018359798", "product": "bank_loan", "channel": "online"},
            "iin",
        ),
        (
            "/v1/credit-ban/check",
            {"iin": IIN, "product": "mortgage", "channel": "online"},
            "product",
        ),
        ("/v1/credit-ban/check", {"iin": IIN, "product": "bank_loan", "channel": "fax"}, "channel"),
    ],
)
def test_bad_lender_input_names_the_field(
    client: TestClient, bank: dict[str, str], path: str, body: dict[str, Any], field: str
) -> None:
    response = client.post(path, json=body, headers=bank)
    assert response.status_code == 422
    assert [e["field"] for e in response.json()["errors"]] == [field]


def test_an_unknown_scope_is_refused(client: TestClient, citizen: dict[str, str]) -> None:
    response = client.post("/v1/credit-ban/ban", json={"scope": "cars"}, headers=citizen)
    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "scope"


def loan(client: TestClient, bank: dict[str, str], **body: Any) -> Any:
    payload = {
        "iin": IIN,
        "product": "bank_loan",
        "channel": "online",
        "amount_kzt": 500_000,
        "issued_at": datetime.now(UTC).isoformat(),
        **body,
    }
    return client.post("/v1/credit-ban/loans", json=payload, headers=bank)


def test_a_loan_issued_under_a_ban_is_void_queued_and_written_off(
    client: TestClient,
    bank: dict[str, str],
    analyst: dict[str, str],
    factory: sessionmaker[Session],
) -> None:
    ten_days_ago = datetime.now(UTC) - timedelta(days=10)
    with transaction(factory) as session:
        credit_ban.set_ban(session=session, iin=IIN, scope="bank_loans", channel="all",
                           secret=SECRET, now=ten_days_ago, actor="t")  # fmt: skip
    proof = check(client, bank)["check_id"]
    issued = datetime.now(UTC) - timedelta(days=5)
    created = loan(client, bank, check_id=proof, issued_at=issued.isoformat())
    assert created.status_code == 201, created.text
    body = created.json()
    assert body["void"] is True
    assert datetime.fromisoformat(body["write_off_due"]) == issued + timedelta(days=3)

    queue = client.get("/v1/credit-ban/void-loans?status=overdue", headers=analyst).json()
    assert [q["loan_id"] for q in queue] == [body["loan_id"]]
    assert queue[0]["overdue"] is True
    assert client.get("/v1/credit-ban/void-loans", headers=bank).status_code == 403

    done = client.post(f"/v1/credit-ban/loans/{body['loan_id']}/written-off", headers=bank)
    assert done.status_code == 200 and done.json()["written_off_at"]
    assert client.get("/v1/credit-ban/void-loans", headers=analyst).json() == []
    assert len(client.get("/v1/credit-ban/void-loans?status=all", headers=analyst).json()) == 1


def test_a_loan_is_judged_by_the_ban_in_force_when_it_was_issued(
    client: TestClient, citizen: dict[str, str], bank: dict[str, str]
) -> None:
    before = datetime.now(UTC) - timedelta(hours=1)
    client.post("/v1/credit-ban/ban", json={"scope": "both"}, headers=citizen)
    during = datetime.now(UTC)
    client.delete("/v1/credit-ban/ban", headers=citizen)
    assert loan(client, bank, issued_at=before.isoformat()).json()["void"] is False
    assert loan(client, bank, issued_at=during.isoformat()).json()["void"] is True
    not_void = loan(client, bank).json()
    refused = client.post(f"/v1/credit-ban/loans/{not_void['loan_id']}/written-off", headers=bank)
    assert refused.status_code == 409


def test_a_check_id_must_be_the_lenders_own_and_for_the_same_iin(
    client: TestClient, bank: dict[str, str], api_key: Callable[[str], str]
) -> None:
    proof = check(client, bank)["check_id"]
    other_lender = auth(api_key("bank"))
    assert loan(client, other_lender, check_id=proof).status_code == 404
    assert loan(client, bank, check_id="chk_does-not-exist").status_code == 404
    wrong_iin = loan(client, bank, check_id=proof, iin=OTHER_IIN)
    assert wrong_iin.status_code == 422
    assert wrong_iin.json()["errors"][0]["field"] == "check_id"
    assert loan(client, bank, check_id=proof).status_code == 201


def test_checks_are_rate_limited_per_key(
    settings: Settings, engine, factory, bank: dict[str, str], api_key: Callable[[str], str]
) -> None:
    client = TestClient(
        create_app(settings.model_copy(update={"credit_checks_per_minute": 3}), engine)
    )
    for _ in range(3):
        check(client, bank)
    response = client.post(
        "/v1/credit-ban/check",
        json={"iin": IIN, "product": "bank_loan", "channel": "online"},
        headers=bank,
    )
    assert response.status_code == 429
    check(client, auth(api_key("bank")))  # another lender's key has its own budget


def test_a_lender_checking_many_iins_it_never_lends_to_is_reported(
    factory: sessionmaker[Session], client: TestClient, analyst: dict[str, str]
) -> None:
    now = datetime.now(UTC)
    with transaction(factory) as session:
        for n in range(150):
            iin = synth_iin(random.Random(1000 + n))
            credit_ban.check(session=session, lender_key_id=77, iin=iin, product="bank_loan",
                             channel="online", secret=SECRET, now=now)  # fmt: skip
        for _ in range(120):
            credit_ban.check(session=session, lender_key_id=78, iin=IIN, product="bank_loan",
                             channel="online", secret=SECRET, now=now)  # fmt: skip
        for _ in range(10):
            credit_ban.report_loan(session=session, lender_key_id=78, iin=IIN, product="bank_loan",
                                   channel="online", amount_kzt=1, issued_at=now, check_id=None,
                                   secret=SECRET, now=now, actor="t")  # fmt: skip
    rows = client.get("/v1/credit-ban/enumeration", headers=analyst).json()
    flagged = {row["lender_key_id"]: row["flagged"] for row in rows}
    assert flagged == {77: True, 78: False}
    assert next(r for r in rows if r["lender_key_id"] == 77)["distinct_iins"] == 150


def test_every_step_is_audited_and_no_iin_is_stored(
    client: TestClient,
    citizen: dict[str, str],
    bank: dict[str, str],
    factory: sessionmaker[Session],
    engine,
) -> None:
    def records() -> int:
        with factory() as session:
            return session.scalar(select(func.count()).select_from(AuditRecord)) or 0

    start = records()
    client.post("/v1/credit-ban/ban", json={}, headers=citizen)
    client.post("/v1/credit-ban/ban", json={"scope": "microcredits"}, headers=citizen)
    proof = check(client, bank)["check_id"]
    loan(client, bank, check_id=proof)
    client.delete("/v1/credit-ban/ban", headers=citizen)
    assert records() - start == 5
    with factory() as session:
        actions = list(session.scalars(select(AuditRecord.action).order_by(AuditRecord.id)))
        assert actions[-5:] == [
            "credit_ban.set", "credit_ban.set", "credit_ban.checked",
            "credit_loan.reported", "credit_ban.lifted",
        ]  # fmt: skip
        assert audit.verify(session=session).ok
    with engine.connect() as conn:
        for table in ("credit_bans", "credit_checks", "credit_loans", "audit_log"):
            dump = str(conn.execute(text(f"SELECT * FROM {table}")).fetchall())
            assert IIN not in dump, table
    assert Base.metadata.tables["credit_bans"] is not None


def test_a_set_and_a_lift_racing_on_one_iin_leave_one_consistent_state(
    factory: sessionmaker[Session],
) -> None:
    def set_ban(scope: str) -> str:
        with transaction(factory) as session:
            credit_ban.set_ban(session=session, iin=IIN, scope=scope, channel="all",
                               secret=SECRET, now=datetime.now(UTC), actor="t")  # fmt: skip
        return "set"

    def lift_ban() -> str:
        try:
            with transaction(factory) as session:
                credit_ban.lift_ban(session=session, iin=IIN, secret=SECRET,
                                    now=datetime.now(UTC), actor="t")  # fmt: skip
        except credit_ban.Conflict:
            return "nothing to lift"
        return "lifted"

    jobs = [lambda s=s: set_ban(s) for s in ("both", "bank_loans", "microcredits")] * 4
    jobs += [lift_ban] * 12
    with ThreadPoolExecutor(max_workers=6) as pool:
        results = list(pool.map(lambda job: job(), jobs))
    assert results.count("set") == 12
    with factory() as session:
        active = session.scalars(select(CreditBan).where(CreditBan.lifted_at.is_(None))).all()
        assert len(active) <= 1
        periods = session.scalars(select(CreditBan).order_by(CreditBan.id)).all()
        # Every period but the newest was closed when the next one opened.
        assert all(period.lifted_at is not None for period in periods[:-1])
        assert audit.verify(session=session).ok


def test_the_check_body_is_documented(client: TestClient) -> None:
    spec = client.get("/openapi.json").json()
    body = spec["paths"]["/v1/credit-ban/check"]["post"]["requestBody"]
    ref = body["content"]["application/json"]["schema"]["$ref"].rsplit("/", 1)[1]
    assert set(spec["components"]["schemas"][ref]["properties"]) == {"iin", "product", "channel"}
