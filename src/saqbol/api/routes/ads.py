"""Marketplace screening: ``POST /v1/ads/screen`` (one ad or a batch) and
``POST /v1/chat/screen`` (a buyer-seller message).

When ``SAQBOL_ADS_REFERENCE_PATH`` names the platform's export of recent ads, prices are
compared with its medians (at least 20 of a category make a reference) and copies are searched
among its ads and the request's, so one ad sent alone is still judged against the market;
without it, the request's ads are their own market. The export is prepared again when the file
changes; the registry's phones and IPs are read once per ``SAQBOL_REGISTRY_TTL_S``.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Annotated, Any

import polars as pl
from fastapi import APIRouter, Body, Depends, Header, Request
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from saqbol.api import deps
from saqbol.detectors.ads.columns import AD_SCHEMA
from saqbol.detectors.ads.screen import AdContext, ad_reference, screen_ads
from saqbol.rules import load_ad_rules
from saqbol.schemas import AdBatchIn, AdIn, ChatIn
from saqbol.services import ad_screening
from saqbol.services.cached import Expiring, FileCached
from saqbol.services.keys import Principal
from saqbol.services.text_check import pick_language
from saqbol.store.session import read_only
from saqbol.store.tables import Entity

router = APIRouter(tags=["marketplace"])
SCREEN_ADS = ("marketplace", "analyst", "admin")
LISTED = ("reported", "confirmed", "blocked")


class _Context:
    """The detectors loaded once; the registry's phones and IPs read at most once per
    ``SAQBOL_REGISTRY_TTL_S``; the reference ads read again when their file changes."""

    def __init__(self, request: Request) -> None:
        factory = deps.session_factory(request)
        self.base = ad_screening.default_context()
        self.registry = Expiring(lambda: _registry_values(factory))
        path = deps.settings(request).ads_reference_path
        self.reference = FileCached(
            path,
            "ads reference",
            lambda file: ad_reference(ad_screening.read_ads(file), load_ad_rules()),
            optional=True,
        )

    def get(self, request: Request) -> AdContext:
        phones, ips = self.registry.get(deps.settings(request).registry_ttl_s)
        return replace(self.base, registry_phones=phones, registry_ips=ips)


def _registry_values(factory: sessionmaker[Session]) -> tuple[frozenset[str], frozenset[str]]:
    stmt = select(Entity.kind, Entity.value).where(
        Entity.kind.in_(("phone", "ip")), Entity.status.in_(LISTED)
    )
    with read_only(factory) as session:
        rows = session.execute(stmt).all()
    phones = frozenset(v for k, v in rows if k == "phone")
    return phones, frozenset(v for k, v in rows if k == "ip")


def _loaded(request: Request) -> _Context:
    state = request.app.state
    if getattr(state, "ad_context", None) is None:
        state.ad_context = _Context(request)
    return state.ad_context  # type: ignore[no-any-return]


def _context(request: Request) -> AdContext:
    return _loaded(request).get(request)


@router.post("/v1/ads/screen")
def screen(
    request: Request,
    body: Annotated[AdIn | AdBatchIn, Body()],
    _: Annotated[Principal, Depends(deps.require(*SCREEN_ADS))],
    accept_language: Annotated[str | None, Header()] = None,
) -> dict[str, Any]:
    """Screen one ad or `{"ads": [...]}` (up to 10,000): score, decision (`publish`,
    `warn_buyers`, `hold_for_review`, `reject`) and the reasons in the `Accept-Language`
    language. Roles: marketplace, analyst, admin."""
    ads = body.ads if isinstance(body, AdBatchIn) else [body]
    frame = pl.DataFrame([a.model_dump() for a in ads], schema=AD_SCHEMA)
    rules = load_ad_rules()
    loaded = _loaded(request)
    result = screen_ads(frame, loaded.get(request), rules, reference=loaded.reference.get())
    lang = pick_language(accept_language)
    answers = [
        {
            "ad_id": row["ad_id"],
            "score": round(float(row["score"]), 4),
            "decision": row["decision"],
            "reasons": ad_screening.render_reasons(row, rules, lang),
        }
        for row in result.iter_rows(named=True)
    ]
    return {"results": answers} if isinstance(body, AdBatchIn) else answers[0]


@router.post("/v1/chat/screen")
def screen_chat(
    request: Request,
    body: ChatIn,
    _: Annotated[Principal, Depends(deps.require(*SCREEN_ADS))],
    accept_language: Annotated[str | None, Header()] = None,
) -> dict[str, Any]:
    """A message between buyer and seller: its links judged, and a warning for the
    recipient (in the `Accept-Language` language) when one is a phishing or payment link."""
    context = _context(request)
    assert context.url_verdict is not None
    return ad_screening.screen_chat(
        body.text,
        lambda urls: list(context.url_verdict(urls)),  # type: ignore[misc]
        load_ad_rules().chat_warning,
        pick_language(accept_language),
    )
