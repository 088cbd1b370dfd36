"""Operator-side call screening: ``POST /v1/calls/screen`` for one call or a batch.

The context a verdict needs: the protected numbers (rules), the registry's phone numbers (a
snapshot refreshed every ``SAQBOL_REGISTRY_TTL_S``: the entity graph links a number reported in
a scam SMS to the calls presenting it), and, from ``SAQBOL_CALL_CONTEXT_DIR`` when set, the
roaming records and SIP trunks' numbers. A switch that asked the roaming exchange itself
passes its answer as ``roaming_state``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import polars as pl
from fastapi import APIRouter, Body, Depends, Header, Request
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from saqbol.api import deps
from saqbol.detectors.calls.screen import ScreenContext
from saqbol.rules import load_call_rules, load_protected_numbers
from saqbol.schemas import CallBatchIn, CallIn
from saqbol.services import call_screening
from saqbol.services.cached import Expiring, FileCached
from saqbol.services.keys import Principal
from saqbol.services.text_check import pick_language
from saqbol.store.session import read_only
from saqbol.store.tables import Entity

router = APIRouter(tags=["telecom"])
SCREEN_CALLS = ("telecom", "analyst", "admin")
BLOCKED_STATUSES = ("confirmed", "blocked")


class _Context:
    """Roaming records and trunks read again only when their files change; the registry's
    numbers at most once per ``SAQBOL_REGISTRY_TTL_S``."""

    def __init__(self, request: Request) -> None:
        factory = deps.session_factory(request)
        folder = deps.settings(request).call_context_dir
        base = Path(folder) if folder else None

        def part(name: str) -> FileCached[pl.DataFrame]:
            return FileCached(base / name if base else None, name, pl.read_parquet, optional=True)

        self.roaming = part("roaming.parquet")
        self.trunks = part("sip_trunks.parquet")
        self.registry = Expiring(lambda: _registry_numbers(factory))

    def get(self, request: Request) -> ScreenContext:
        reported, blocked = self.registry.get(deps.settings(request).registry_ttl_s)
        return ScreenContext(
            protected=load_protected_numbers(),
            roaming=self.roaming.get(),
            trunk_numbers=self.trunks.get(),
            reported=reported,
            blocked=blocked,
        )


def _registry_numbers(factory: sessionmaker[Session]) -> tuple[frozenset[str], frozenset[str]]:
    stmt = select(Entity.value, Entity.status).where(
        Entity.kind == "phone", Entity.status.in_(("reported", *BLOCKED_STATUSES))
    )
    with read_only(factory) as session:
        rows = session.execute(stmt).all()
    blocked = frozenset(v for v, s in rows if s in BLOCKED_STATUSES)
    return frozenset(v for v, s in rows if s == "reported"), blocked


def _context(request: Request) -> ScreenContext:
    state = request.app.state
    if getattr(state, "call_context", None) is None:
        state.call_context = _Context(request)
    return state.call_context.get(request)  # type: ignore[no-any-return]


@router.post("/v1/calls/screen")
def screen(
    request: Request,
    body: Annotated[CallIn | CallBatchIn, Body()],
    _: Annotated[Principal, Depends(deps.require(*SCREEN_CALLS))],
    accept_language: Annotated[str | None, Header()] = None,
) -> dict[str, Any]:
    """Screen one call (`block`, `flag` or `allow`, with the reasons in the `Accept-Language`
    language) or a batch (`{"calls": [...]}`, up to 10,000, answered in order as `results`).
    Roles: telecom, analyst, admin.

    Blocked: a receive-only number (bank hotline, 102, 1414) presented as the caller; a Kazakh
    mobile number from abroad whose owner is not roaming; a Kazakh landline or short number
    from abroad; an unallocated range or a non-number from abroad or a SIP trunk; a SIP trunk
    presenting a number not assigned to it; a number blocked on the registry. Flagged: the
    roaming exchange could not answer; the number has complaints."""
    calls = body.calls if isinstance(body, CallBatchIn) else [body]
    frame = pl.DataFrame(
        [c.model_dump() for c in calls],
        schema={
            "call_id": pl.String,
            "start": pl.Datetime("us", "UTC"),
            "a_number": pl.String,
            "b_number": pl.String,
            "route": pl.String,
            "gateway_id": pl.String,
            "duration_s": pl.Int64,
            "answered": pl.Boolean,
            "roaming_state": pl.String,
        },
    )
    ctx = _context(request)
    result = call_screening.screen_frame(frame, ctx, load_call_rules())
    lang = pick_language(accept_language)
    order = {c.call_id: i for i, c in enumerate(calls)}
    rows = sorted(result.iter_rows(named=True), key=lambda r: order.get(r["call_id"], 0))
    answers = [
        {
            "call_id": r["call_id"],
            "verdict": r["verdict"],
            "number": r["number"],
            "number_kind": r["number_kind"],
            "roaming_state": r["roaming_state"],
            "reasons": call_screening.render_reasons(
                r["reasons"], lang, {"owner": ctx.protected.get(r["number"] or "", "")}
            ),
        }
        for r in rows
    ]
    return {"results": answers} if isinstance(body, CallBatchIn) else answers[0]
