"""Real-time payment scoring for banks connected to the Antifraud Center."""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, FastAPI, Header, Request, Response
from fastapi.exceptions import RequestValidationError
from pydantic import BaseModel, ValidationError

from saqbol.api import deps
from saqbol.detectors.payments.detector import PaymentDetector
from saqbol.detectors.verdict import Verdict
from saqbol.models import load_payment_model
from saqbol.rules import load_payment_rules, reason_text
from saqbol.schemas import LoanIn, PaymentBatchIn, PaymentIn
from saqbol.services.keys import Principal
from saqbol.services.payment_scoring import PaymentScorer, RegistrySnapshot, Scored
from saqbol.services.payment_state import PaymentState, StateUnavailable
from saqbol.services.text_check import pick_language

router = APIRouter(tags=["payments"])
# The handlers are ``async`` on purpose: scoring is a fraction of a millisecond of CPU and a
# short SQLite transaction, cheaper to run on the event loop than to hand to a thread.
Caller = Annotated[Principal, Depends(deps.require(*deps.SCORE_PAYMENTS))]


class PaymentReasonOut(BaseModel):
    code: str
    text: str
    weight: float


class PaymentScoreOut(BaseModel):
    event_id: str
    score: float
    decision: Literal["allow", "review", "hold"]
    typology: str
    reasons: list[PaymentReasonOut]
    duplicate: bool
    state: Literal["ok", "unavailable"]


class PaymentBatchOut(BaseModel):
    results: list[PaymentScoreOut]


class LoanOut(BaseModel):
    event_id: str
    loans_24h: int
    lenders_24h: int
    duplicate: bool


def scorer(request: Request) -> PaymentScorer:
    return scorer_for(request.app)


def scorer_for(app: FastAPI) -> PaymentScorer:
    """One scorer per worker, made at start-up or on first use (the model loads once)."""
    state = app.state
    if getattr(state, "payment_scorer", None) is None:
        settings = state.settings
        state.payment_scorer = PaymentScorer(
            PaymentDetector(load_payment_rules(), load_payment_model()),
            lambda: PaymentState(settings.payment_state_path),
            RegistrySnapshot(state.session_factory, settings.secret, settings.registry_ttl_s),
        )
    return state.payment_scorer


def render(scored: Scored, lang: str) -> dict[str, Any]:
    verdict: Verdict = scored.verdict
    return {
        "event_id": verdict.subject,
        "score": round(verdict.score, 6),
        "decision": verdict.label,
        "typology": verdict.typology,
        "reasons": [
            {"code": r.code, "text": reason_text(r.code, r.params, lang), "weight": r.weight}
            for r in verdict.reasons
        ],
        "duplicate": scored.duplicate,
        "state": "ok" if scored.state_ok else "unavailable",
    }


@router.post(
    "/v1/payments/score",
    response_model=PaymentScoreOut,
    openapi_extra={
        "requestBody": {
            "required": True,
            "content": {"application/json": {"schema": {"$ref": "#/components/schemas/PaymentIn"}}},
        },
        "security": [{"HTTPBearer": []}, {"APIKeyHeader": []}],
    },
    responses={422: {"description": "A field is invalid; the problem names it."}},
)
async def score_payment(request: Request) -> Response:
    """Score one transfer before it leaves: `allow`, `review` or `hold`, with the reasons
    (in the `Accept-Language` language: kk, ru or en). Roles: bank, analyst, admin.

    The payment is remembered in the payer's and the payee's history. Sending the same
    `event_id` again returns the first answer (`duplicate: true`) and counts nothing twice.
    If the account-state store is down the transfer is still scored on its own signals and
    the registry (`state: unavailable`, reason `pay.state.unavailable`).

    This is the hottest endpoint: `saqbol.api.fast_path` answers it below FastAPI's routing
    (same checks, errors and answer; this route is what the documentation shows)."""
    payload = score_body(request.app, request.headers, await request.body())
    return Response(payload, media_type="application/json")


def score_body(app: FastAPI, headers: Mapping[str, str], body: bytes) -> bytes:
    """The whole of ``POST /v1/payments/score`` on raw bytes: check the key, parse the body
    straight into ``PaymentIn``, score, and render the JSON answer. The route above and the
    plain-ASGI fast path (``saqbol.api.fast_path``) both call this."""
    deps.authorize(app.state, headers, deps.SCORE_PAYMENTS)
    try:
        payment = PaymentIn.model_validate_json(body)
    except ValidationError as exc:
        raise RequestValidationError(
            [{**e, "loc": ("body", *e["loc"])} for e in exc.errors()]
        ) from None
    lang = pick_language(headers.get("accept-language"))
    result = render(scorer_for(app).score(payment.model_dump()), lang)
    return json.dumps(result, ensure_ascii=False).encode()


@router.post("/v1/payments/score:batch", response_model=PaymentBatchOut)
async def score_payment_batch(
    body: PaymentBatchIn,
    request: Request,
    _: Caller,
    accept_language: Annotated[str | None, Header()] = None,
) -> dict[str, Any]:
    """Up to 1,000 transfers, scored in the order given (each one sees the ones before)."""
    lang = pick_language(accept_language)
    scoring = scorer(request)
    return {"results": [render(scoring.score(p.model_dump()), lang) for p in body.payments]}


@router.post("/v1/loans", response_model=LoanOut)
async def loan_disbursed(body: LoanIn, request: Request, _: Caller) -> dict[str, Any]:
    """A lender reports a loan paid out, so that the transfers after it are judged with it
    (a loan sent on within hours, loans from several lenders in one day)."""
    store = scorer(request).state_store()
    if store is None:
        raise StateUnavailable("the payment state store is not available")
    event = body.model_dump()
    summary, duplicate = store.record_loan(event, int(body.time.timestamp() * 1000))
    return {"event_id": body.event_id, **summary, "duplicate": duplicate}
