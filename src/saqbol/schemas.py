"""Pydantic models for everything that crosses the edge (HTTP bodies, CLI JSON files).

Validation happens here, once: a bad identifier fails with the field it came from
(``entities.1.value``), and the whole request is rejected before anything is written.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from functools import lru_cache
from typing import Annotated, Literal
from zoneinfo import ZoneInfo

from pydantic import BaseModel, ConfigDict, Field, ValidationInfo, field_validator

from saqbol.entities import ENTITY_KINDS, Identifier, normalise
from saqbol.errors import InvalidIdentifier
from saqbol.services.reports import ReportDraft
from saqbol.vocab import CHANNELS, ENTITY_STATUSES, REGIONS, ROLES, TYPOLOGIES

KAZAKHSTAN_TZ = ZoneInfo("Asia/Almaty")  # UTC+5 since 2024 (tzdata 2024a+)

# Validation parses each identifier and to_draft() needs it again; parsing is pure, so cache.
_parse = lru_cache(maxsize=4096)(normalise)

EntityKind = Literal[ENTITY_KINDS]  # type: ignore[valid-type]
Channel = Literal[CHANNELS]  # type: ignore[valid-type]
Typology = Literal[TYPOLOGIES]  # type: ignore[valid-type]
RegionCode = Literal[tuple(REGIONS)]  # type: ignore[valid-type]
Status = Literal[ENTITY_STATUSES]  # type: ignore[valid-type]
Role = Literal[ROLES]  # type: ignore[valid-type]


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)


def _check_identifier(value: str | None, info: ValidationInfo) -> str | None:
    kind = info.data.get("type")
    if value is None or kind is None:  # a missing/invalid type is reported on its own field
        return value
    try:
        _parse(kind, value)
    except InvalidIdentifier as exc:
        raise ValueError(f"not a valid {kind}: {exc.message}") from None
    return value


class EntityRef(Strict):
    """An identifier as the caller wrote it; normalised during validation."""

    type: EntityKind
    value: Annotated[str, Field(min_length=1, max_length=2048)]

    @field_validator("value")
    @classmethod
    def _parses(cls, value: str, info: ValidationInfo) -> str:
        return _check_identifier(value, info)

    def identifier(self) -> Identifier:
        return _parse(self.type, self.value)


class ReportIn(Strict):
    """A victim's complaint."""

    channel: Channel
    typology: Typology
    text: Annotated[str, Field(max_length=20_000)] = ""
    amount_lost_kzt: Annotated[int, Field(ge=0, le=10**13, description="Whole tenge.")] = 0
    occurred_at: datetime = Field(
        description="When it happened; without a timezone it is read as Kazakhstan time."
    )
    region: RegionCode
    entities: Annotated[list[EntityRef], Field(max_length=100)] = []

    @field_validator("occurred_at")
    @classmethod
    def _in_the_past(cls, value: datetime) -> datetime:
        if value.tzinfo is None:
            value = value.replace(tzinfo=KAZAKHSTAN_TZ)
        value = value.astimezone(UTC)
        if value > datetime.now(UTC) + timedelta(minutes=5):
            raise ValueError("is in the future")
        return value

    def to_draft(self) -> ReportDraft:
        return ReportDraft(
            channel=self.channel,
            typology=self.typology,
            text=self.text,
            amount_lost_kzt=self.amount_lost_kzt,
            occurred_at=self.occurred_at,
            region=self.region,
            entities=tuple(ref.identifier() for ref in self.entities),
        )


class LookupIn(Strict):
    """Look an entity up by raw value (with its type) or by keyed hash."""

    type: EntityKind | None = None
    value: Annotated[str | None, Field(max_length=2048)] = None
    hash: Annotated[str | None, Field(pattern=r"^[0-9a-f]{64}$")] = None

    @field_validator("value")
    @classmethod
    def _parses(cls, value: str | None, info: ValidationInfo) -> str | None:
        return _check_identifier(value, info)


class StatusIn(Strict):
    status: Status
    note: Annotated[str, Field(max_length=2000)] = ""


class KeyIn(Strict):
    role: Role
    name: Annotated[str, Field(min_length=1, max_length=200)]
