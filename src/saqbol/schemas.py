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

from saqbol.detectors.calls.columns import ROUTES as CALL_ROUTES
from saqbol.detectors.payments.columns import CHANNELS as PAYMENT_CHANNELS
from saqbol.detectors.payments.columns import CURRENCIES, PAYEE_TYPES
from saqbol.detectors.payments.payees import normalise_payee, payee_problem
from saqbol.entities import ENTITY_KINDS, Identifier, normalise
from saqbol.errors import InvalidIdentifier
from saqbol.services.reports import ReportDraft
from saqbol.vocab import CHANNELS, ENTITY_STATUSES, REGIONS, ROLES, TYPOLOGIES

KAZAKHSTAN_TZ = ZoneInfo("Asia/Almaty")  # UTC+5 since 2024 (tzdata 2024a+)
FUTURE_TOLERANCE = timedelta(minutes=5)  # clocks of partners drift

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


# --- payments (the Antifraud Center) ----------------------------------------------------------

PayeeType = Literal[PAYEE_TYPES]  # type: ignore[valid-type]
PaymentChannel = Literal[PAYMENT_CHANNELS]  # type: ignore[valid-type]
Currency = Literal[CURRENCIES]  # type: ignore[valid-type]
MAX_TIYN = 10**15  # ten trillion tenge: more than any single transfer


def normalised(kind: str, value: str) -> str:
    """The identifier's normal form, or a ValueError pydantic reports on the field."""
    try:
        return _parse(kind, value).value
    except InvalidIdentifier as exc:
        raise ValueError(f"not a valid {kind}: {exc.message}") from None


def utc_not_future(value: datetime) -> datetime:
    if value.tzinfo is None:
        value = value.replace(tzinfo=KAZAKHSTAN_TZ)
    value = value.astimezone(UTC)
    if value > datetime.now(UTC) + FUTURE_TOLERANCE:
        raise ValueError("is more than 5 minutes in the future")
    return value


class PaymentIn(Strict):
    """A transfer to score. Amounts are integer tiyn (1 tenge = 100 tiyn)."""

    event_id: Annotated[str, Field(min_length=1, max_length=100, pattern=r"^[\w.:-]+$")]
    time: datetime = Field(description="When it was made; without a timezone: Kazakhstan time.")
    payer_account: str = Field(
        description="The payer's KZ IBAN.", examples=["KZ86125KZT5004100100"]
    )
    payer_bank: Annotated[str, Field(min_length=1, max_length=40)]
    payee_type: PayeeType
    payee: Annotated[str, Field(min_length=1, max_length=200)] = Field(
        description="Card number, KZ IBAN, phone, e-wallet id, crypto exchange or address, "
        "merchant id; checked against payee_type."
    )
    payee_account: str | None = Field(
        None, description="The KZ IBAN behind a domestic payee, when the payee's bank resolved it."
    )
    payee_bank: Annotated[str | None, Field(max_length=40)] = None
    payee_country: Annotated[str, Field(pattern=r"^[A-Z]{2}$")] = "KZ"
    amount: Annotated[int, Field(gt=0, le=MAX_TIYN, description="Tiyn, > 0.")]
    currency: Currency = "KZT"
    channel: PaymentChannel
    device_id: Annotated[str, Field(max_length=200)] = ""
    ip: Annotated[str, Field(max_length=64)] = ""
    remote_access: bool = Field(False, description="A remote-access app is active.")
    on_call: bool = Field(False, description="A phone call is in progress.")
    new_device: bool = Field(False, description="First time this device is seen for the payer.")
    sim_changed: bool = Field(False, description="The payer's SIM was changed recently.")

    _time_ok = field_validator("time")(classmethod(lambda cls, v: utc_not_future(v)))

    @field_validator("payer_account", "payee_account")
    @classmethod
    def _iban(cls, value: str | None) -> str | None:
        return None if value is None else normalised("iban", value)

    @field_validator("payee")
    @classmethod
    def _payee(cls, value: str, info: ValidationInfo) -> str:
        kind = info.data.get("payee_type")
        if kind is None:
            return value
        problem = payee_problem(kind, value)
        if problem:
            raise ValueError(problem)
        return normalise_payee(kind, value)

    @field_validator("ip")
    @classmethod
    def _ip(cls, value: str) -> str:
        return normalised("ip", value) if value else value


class LoanIn(Strict):
    """A loan paid out: a lender reports it so the next transfers can be judged against it."""

    event_id: Annotated[str, Field(min_length=1, max_length=100, pattern=r"^[\w.:-]+$")]
    time: datetime
    borrower_account: str = Field(description="The KZ IBAN the loan was paid into.")
    borrower_iin: Annotated[str, Field(min_length=12, max_length=12)]
    lender: Annotated[str, Field(min_length=1, max_length=60)]
    amount: Annotated[int, Field(gt=0, le=MAX_TIYN, description="Tiyn, > 0.")]
    currency: Currency = "KZT"
    online: bool = True

    _time_ok = field_validator("time")(classmethod(lambda cls, v: utc_not_future(v)))

    @field_validator("borrower_account")
    @classmethod
    def _iban(cls, value: str) -> str:
        return normalised("iban", value)

    @field_validator("borrower_iin")
    @classmethod
    def _iin(cls, value: str) -> str:
        return normalised("iin", value)


class PaymentBatchIn(Strict):
    payments: Annotated[list[PaymentIn], Field(min_length=1, max_length=1000)]


CallRoute = Literal[CALL_ROUTES]  # type: ignore[valid-type]
RoamingState = Literal["roaming", "not_roaming", "unknown"]


class CallIn(Strict):
    """One call as the switch sees it, before it is put through."""

    call_id: Annotated[str, Field(min_length=1, max_length=100)]
    start: datetime = Field(description="When the call arrived; without a timezone: UTC+5.")
    a_number: Annotated[str, Field(max_length=40)] = Field(
        description="The calling number as presented (E.164, national, short or anything)."
    )
    b_number: Annotated[str, Field(min_length=1, max_length=40)]
    route: CallRoute = Field(description="Where the call entered the network.")
    gateway_id: Annotated[str | None, Field(max_length=100)] = None
    duration_s: Annotated[int, Field(ge=0)] = 0
    answered: bool = False
    roaming_state: RoamingState | None = Field(
        None,
        description="What the roaming exchange said about the calling number, if the switch "
        "asked; otherwise the server's roaming records are used.",
    )

    _start_ok = field_validator("start")(classmethod(lambda cls, v: utc_not_future(v)))


class CallBatchIn(Strict):
    calls: Annotated[list[CallIn], Field(min_length=1, max_length=10_000)]


class AdIn(Strict):
    """One classified ad as the platform holds it; bad values are screened, not refused."""

    ad_id: Annotated[str, Field(min_length=1, max_length=100)]
    platform: Annotated[str, Field(max_length=40)] = ""
    category: Annotated[str, Field(min_length=1, max_length=40)]
    title: Annotated[str, Field(max_length=500)] = ""
    text: Annotated[str, Field(max_length=20_000)] = ""
    price: float | None = Field(None, description="In `currency`; null when negotiable.")
    currency: Annotated[str, Field(max_length=10)] = "KZT"
    region: Annotated[str, Field(max_length=40)] = Field(description="A region slug.")
    city: Annotated[str, Field(max_length=100)] = ""
    seller_id: Annotated[str | None, Field(max_length=100)] = None
    seller_phone: Annotated[str | None, Field(max_length=40)] = None
    signin_phone: Annotated[str | None, Field(max_length=40)] = None
    signin_ip: Annotated[str | None, Field(max_length=64)] = None
    post_ip: Annotated[str | None, Field(max_length=64)] = None
    device_id: Annotated[str | None, Field(max_length=200)] = None
    posted_at: datetime
    photo_hashes: Annotated[list[Annotated[int, Field(ge=0, lt=2**64)]], Field(max_length=50)] = []
    links: Annotated[list[Annotated[str, Field(max_length=2000)]], Field(max_length=50)] = []
    contacts: Annotated[list[Annotated[str, Field(max_length=200)]], Field(max_length=50)] = []


class AdBatchIn(Strict):
    ads: Annotated[list[AdIn], Field(min_length=1, max_length=10_000)]


class ChatIn(Strict):
    text: Annotated[str, Field(min_length=1, max_length=10_000)]
