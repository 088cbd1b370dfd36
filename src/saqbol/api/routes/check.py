from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Header, Request
from pydantic import BaseModel, Field

from saqbol.api import deps
from saqbol.detectors.text import Message, default_detector
from saqbol.detectors.text.detector import MAX_CHARS
from saqbol.detectors.urls import default_url_detector
from saqbol.detectors.urls.detector import MAX_URL
from saqbol.schemas import Channel, Strict
from saqbol.services import text_check, url_check
from saqbol.services.keys import Principal
from saqbol.store.session import read_only

router = APIRouter(prefix="/v1/check", tags=["check"])


class TextIn(Strict):
    text: Annotated[str, Field(min_length=1, max_length=MAX_CHARS)]
    sender: Annotated[str | None, Field(max_length=64)] = None
    channel: Channel | None = None


class ReasonOut(BaseModel):
    code: str
    text: str
    weight: float


class FoundOut(BaseModel):
    type: str
    value: str
    masked: str


class TextCheckOut(BaseModel):
    label: str
    score: float
    typology: str
    lang: str
    reasons: list[ReasonOut]
    entities: list[FoundOut]


@router.post("/text", response_model=TextCheckOut)
def check_text(
    body: TextIn,
    request: Request,
    _: Annotated[Principal, Depends(deps.require(*deps.LOOKUP))],
    accept_language: Annotated[str | None, Header()] = None,
) -> dict[str, Any]:
    """Is this message a scam, which kind, and why? Identifiers in the message that the shared
    registry knows add to the score. Reasons come in the language of ``Accept-Language``
    (kk, ru or en; ru when none of them is asked for)."""
    detector = default_detector()
    detector.validate(body.text)
    with read_only(deps.session_factory(request)) as session:
        context = text_check.registry_context(
            session=session, secret=deps.settings(request).secret, texts=[body.text]
        )
        context = text_check.with_url_verdicts(
            context, [body.text], default_url_detector(), session
        )
    message = Message(body.text, sender=body.sender, channel=body.channel)
    verdict = detector.detect_batch([message], context)[0]
    return text_check.render(verdict, text_check.pick_language(accept_language))


class UrlIn(Strict):
    url: Annotated[str, Field(min_length=1, max_length=MAX_URL)]


class UrlCheckOut(BaseModel):
    url: str
    verdict: str
    score: float
    brand: str | None
    domain: str | None
    reasons: list[ReasonOut]


@router.post("/url", response_model=UrlCheckOut)
def check_url(
    body: UrlIn,
    request: Request,
    _: Annotated[Principal, Depends(deps.require(*deps.LOOKUP))],
    accept_language: Annotated[str | None, Header()] = None,
) -> dict[str, Any]:
    """Is this link or domain phishing, which brand does it imitate, and why? A domain already
    in the monitoring registry says so. Unreadable links get a 422 naming the problem."""
    detector = default_url_detector()
    detector.check(body.url)  # raises InvalidInput (422) for what cannot be read
    with read_only(deps.session_factory(request)) as session:
        verdict = url_check.check_with_registry(detector, [body.url], session)[0]
    return url_check.render(verdict, text_check.pick_language(accept_language))
