"""Voluntary loan refusal: citizens set, view and lift a ban; lenders check and report loans;
analysts follow void loans and lenders that look like they enumerate IINs."""

from __future__ import annotations

import json
import threading
import time
from collections import deque
from collections.abc import Mapping
from dataclasses import asdict
from datetime import datetime
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, FastAPI, Header, Request, Response
from fastapi.exceptions import RequestValidationError
from pydantic import BaseModel, Field, ValidationError, field_validator

from saqbol.api import deps
from saqbol.errors import TooManyRequests
from saqbol.schemas import KAZAKHSTAN_TZ, Strict, normalised, utc_not_future
from saqbol.services import citizen_token, credit_ban
from saqbol.services.keys import Principal
from saqbol.store import transaction
from saqbol.store.session import READ_ONLY, read_only
from saqbol.store.tables import CreditBan, CreditLoan

READ_ONLY_OPTIONS = {READ_ONLY: True}

router = APIRouter(prefix="/v1/credit-ban", tags=["credit-ban"])

Scope = Literal["bank_loans", "microcredits", "both"]
BanChannel = Literal["online", "all"]
Product = Literal["bank_loan", "microcredit"]
LoanChannel = Literal["online", "offline"]
IinField = Annotated[str, Field(min_length=12, max_length=20, description="The borrower's IIN.")]


class BanIn(Strict):
    scope: Scope = "both"
    channel: BanChannel = Field(
        "all", description="'online': remote loans only; 'all': every loan."
    )


class BanOut(BaseModel):
    active: bool
    scope: Scope | None
    channel: BanChannel | None
    set_at: datetime | None


class CheckIn(Strict):
    iin: IinField
    product: Product
    channel: LoanChannel

    _iin_ok = field_validator("iin")(classmethod(lambda cls, v: normalised("iin", v)))


class CheckOut(BaseModel):
    banned: bool
    check_id: str


class LoanIn(Strict):
    iin: IinField
    product: Product
    channel: LoanChannel
    amount_kzt: Annotated[int, Field(gt=0, le=10**12)]
    issued_at: datetime = Field(description="Without a timezone it is read as Kazakhstan time.")
    check_id: Annotated[str | None, Field(max_length=40)] = None

    _iin_ok = field_validator("iin")(classmethod(lambda cls, v: normalised("iin", v)))
    _time_ok = field_validator("issued_at")(classmethod(lambda cls, v: utc_not_future(v)))


class LoanOut(BaseModel):
    loan_id: int
    void: bool
    write_off_due: datetime | None
    written_off_at: datetime | None


class VoidLoanOut(LoanOut):
    lender_key_id: int
    product: Product
    channel: LoanChannel
    amount_kzt: int
    issued_at: datetime
    overdue: bool


class LenderUseOut(BaseModel):
    lender_key_id: int
    lender: str
    checks: int
    distinct_iins: int
    loans: int
    flagged: bool


class CheckRate:
    """Checks per lender key per minute, counted in this worker (a sliding minute)."""

    def __init__(self, per_minute: int) -> None:
        self.per_minute = per_minute
        self._seen: dict[int, deque[float]] = {}
        self._lock = threading.Lock()

    def spend(self, key_id: int, now: float | None = None) -> None:
        now = time.monotonic() if now is None else now
        with self._lock:
            recent = self._seen.setdefault(key_id, deque())
            while recent and recent[0] <= now - 60.0:
                recent.popleft()
            if len(recent) >= self.per_minute:
                raise TooManyRequests(
                    f"more than {self.per_minute} checks a minute with this key; slow down"
                )
            recent.append(now)


def citizen_iin(
    request: Request,
    _: Annotated[Principal, Depends(deps.require("citizen"))],
    x_citizen_token: Annotated[str | None, Header()] = None,
) -> str:
    """The IIN the signed-in citizen proved (eGov sign-in, simulated by a signed token)."""
    settings = deps.settings(request)
    return citizen_token.verify(x_citizen_token, secret=settings.secret, now=deps.now())


Citizen = Annotated[str, Depends(citizen_iin)]
Lender = Annotated[Principal, Depends(deps.require("bank"))]


def ban_out(ban: CreditBan | None) -> dict[str, Any]:
    if ban is None:
        return {"active": False, "scope": None, "channel": None, "set_at": None}
    return {
        "active": True,
        "scope": credit_ban.scope_of(ban),
        "channel": ban.channel,
        "set_at": ban.set_at.astimezone(KAZAKHSTAN_TZ),
    }


def loan_out(loan: CreditLoan) -> dict[str, Any]:
    return {
        "loan_id": loan.id,
        "void": loan.void,
        "write_off_due": loan.write_off_due,
        "written_off_at": loan.written_off_at,
    }


@router.post("/ban", response_model=BanOut)
def set_ban(body: BanIn, request: Request, iin: Citizen) -> dict[str, Any]:
    """Refuse loans in your name (role citizen, signed in): bank loans, microcredits or both,
    remote (online) only or all. Setting it again changes it; there is no limit."""
    with transaction(deps.session_factory(request)) as session:
        ban = credit_ban.set_ban(
            session=session,
            iin=iin,
            scope=body.scope,
            channel=body.channel,
            secret=deps.settings(request).secret,
            now=deps.now(),
            actor="citizen",
        )
        return ban_out(ban)


@router.get("/ban", response_model=BanOut)
def view_ban(request: Request, iin: Citizen) -> dict[str, Any]:
    with read_only(deps.session_factory(request)) as session:
        ban = credit_ban.view_ban(session=session, iin=iin, secret=deps.settings(request).secret)
        return ban_out(ban)


@router.delete("/ban", response_model=BanOut)
def lift_ban(request: Request, iin: Citizen) -> dict[str, Any]:
    """Lift your ban; 409 when none is in force."""
    with transaction(deps.session_factory(request)) as session:
        credit_ban.lift_ban(
            session=session,
            iin=iin,
            secret=deps.settings(request).secret,
            now=deps.now(),
            actor="citizen",
        )
        return ban_out(None)


@router.post(
    "/check",
    response_model=CheckOut,
    openapi_extra={
        "requestBody": {
            "required": True,
            "content": {"application/json": {"schema": {"$ref": "#/components/schemas/CheckIn"}}},
        },
        "security": [{"HTTPBearer": []}, {"APIKeyHeader": []}],
    },
)
async def check(request: Request) -> Response:
    """Before lending (role bank): is this loan banned? Only yes or no, and a check id to keep
    as proof (answered once the check is stored). Checks are rate-limited per key, logged,
    and counted against the loans the lender reports (a lender checking many IINs it never
    lends to is reported). Body: `CheckIn`.

    Answered below FastAPI's routing by `saqbol.api.fast_path` (same checks and errors)."""
    payload = await check_body(request.app, request.headers, await request.body())
    return Response(payload, media_type="application/json")


async def check_body(app: FastAPI, headers: Mapping[str, str], body: bytes) -> bytes:
    """The whole of ``POST /v1/credit-ban/check`` on raw bytes."""
    state = app.state
    lender = deps.authorize(state, headers, ("bank",))
    try:
        asked = CheckIn.model_validate_json(body)
    except ValidationError as exc:
        raise RequestValidationError(
            [{**e, "loc": ("body", *e["loc"])} for e in exc.errors()]
        ) from None
    state.credit_check_rate.spend(lender.key_id)
    # A plain connection (no ORM session) for the one indexed lookup of the hot path.
    with state.engine.connect().execution_options(**READ_ONLY_OPTIONS) as conn:
        made = credit_ban.decide(
            session=conn,
            lender_key_id=lender.key_id,
            iin=asked.iin,
            product=asked.product,
            channel=asked.channel,
            secret=state.settings.secret,
            now=deps.now(),
        )
    await state.check_log.record(made)
    return json.dumps({"banned": made.banned, "check_id": made.id}).encode()


@router.post("/loans", response_model=LoanOut, status_code=201)
def report_loan(body: LoanIn, request: Request, lender: Lender) -> dict[str, Any]:
    """Report an issued loan. One issued while a ban covered it is `void`: write it off
    within three days (`write_off_due`) and confirm it."""
    with transaction(deps.session_factory(request)) as session:
        loan = credit_ban.report_loan(
            session=session,
            lender_key_id=lender.key_id,
            iin=body.iin,
            product=body.product,
            channel=body.channel,
            amount_kzt=body.amount_kzt,
            issued_at=body.issued_at,
            check_id=body.check_id,
            secret=deps.settings(request).secret,
            now=deps.now(),
            actor=f"key:{lender.key_id}",
        )
        return loan_out(loan)


@router.post("/loans/{loan_id}/written-off", response_model=LoanOut)
def confirm_write_off(loan_id: int, request: Request, lender: Lender) -> dict[str, Any]:
    with transaction(deps.session_factory(request)) as session:
        loan = credit_ban.confirm_write_off(
            session=session,
            lender_key_id=lender.key_id,
            loan_id=loan_id,
            now=deps.now(),
            actor=f"key:{lender.key_id}",
        )
        return loan_out(loan)


@router.get("/void-loans", response_model=list[VoidLoanOut])
def void_loans(
    request: Request,
    _: Annotated[Principal, Depends(deps.require(*deps.CREDIT_BAN_OVERSIGHT))],
    status: Literal["open", "overdue", "all"] = "open",
) -> list[dict[str, Any]]:
    """The analysts' queue of void loans and their write-off deadlines."""
    now = deps.now()
    with read_only(deps.session_factory(request)) as session:
        return [
            {
                **loan_out(loan),
                "lender_key_id": loan.lender_key_id,
                "product": loan.product,
                "channel": loan.channel,
                "amount_kzt": loan.amount_kzt,
                "issued_at": loan.issued_at,
                "overdue": loan.written_off_at is None
                and loan.write_off_due is not None
                and loan.write_off_due < now,
            }
            for loan in credit_ban.void_loans(session=session, now=now, status=status)
        ]


@router.get("/enumeration", response_model=list[LenderUseOut])
def enumeration(
    request: Request,
    _: Annotated[Principal, Depends(deps.require(*deps.CREDIT_BAN_OVERSIGHT))],
    min_checks: Annotated[int, Field(ge=1)] = 100,
    max_loan_share: Annotated[float, Field(ge=0, le=1)] = 0.05,
) -> list[dict[str, Any]]:
    """Lenders' checks against the loans they report; `flagged` when a lender checks many
    IINs it never lends to."""
    with read_only(deps.session_factory(request)) as session:
        rows = credit_ban.enumeration_report(
            session=session, min_checks=min_checks, max_loan_share=max_loan_share
        )
    return [asdict(row) for row in rows]
