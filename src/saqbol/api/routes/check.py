from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Header, Request
from pydantic import BaseModel, Field

from saqbol.api import deps
from saqbol.detectors.text import Message, default_detector
from saqbol.detectors.text.detector import MAX_CHARS
from saqbol.schemas import Channel, Strict
from saqbol.services import text_check
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
    message = Message(body.text, sender=body.sender, channel=body.channel)
    verdict = detector.detect_batch([message], context)[0]
    return text_check.render(verdict, text_check.pick_language(accept_language))
