from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Header
from pydantic import BaseModel, Field

from saqbol.api import deps
from saqbol.detectors.text import default_detector
from saqbol.detectors.text.detector import MAX_CHARS
from saqbol.schemas import Channel, Strict
from saqbol.services import text_check
from saqbol.services.keys import Principal

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
    _: Annotated[Principal, Depends(deps.require(*deps.LOOKUP))],
    accept_language: Annotated[str | None, Header()] = None,
) -> dict[str, Any]:
    """Is this message a scam, which kind, and why? Reasons come in the language of
    ``Accept-Language`` (kk, ru or en; ru when none of them is asked for)."""
    verdict = default_detector().detect(body.text, sender=body.sender, channel=body.channel)
    return text_check.render(verdict, text_check.pick_language(accept_language))
