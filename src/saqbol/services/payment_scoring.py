"""Real-time scoring of one payment: registry snapshot + account state + the pure detector.

The registry is read as a snapshot (keyed hash -> status) that each worker refreshes when it
is older than ``registry_ttl_s``: a complaint filed now reaches payment scoring within that
time, without a database query per payment. The account state lives in ``PaymentState``;
when it cannot be reached the payment is still scored, on its own signals only, and the reply
says so (fail-safe: never a 500 because the state store is down).
"""

from __future__ import annotations

import threading
import time as clock
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from saqbol.detectors.payments.detector import (
    REGISTRY_LINKED,
    REGISTRY_LISTED,
    REGISTRY_NONE,
    PaymentDetector,
)
from saqbol.detectors.payments.features import History, online_features
from saqbol.detectors.payments.payees import registry_identifier
from saqbol.detectors.verdict import Reason, Verdict
from saqbol.entities import Identifier, keyed_hash
from saqbol.services.payment_state import PaymentState, StateUnavailable
from saqbol.store.tables import AuditHead, AuditRecord, Entity, ReportEntity

LISTED_STATUSES = ("reported", "confirmed", "blocked")


@dataclass(frozen=True, slots=True)
class Listing:
    status: str
    reports: int
    masked: str


class RegistrySnapshot:
    """Keyed hash -> Listing for every entity not cleared, kept current after ``ttl_s``.

    The first load reads every listed entity; later ones read only what the audit log says
    changed since (entities created or re-statused, reports filed), so a registry of millions
    costs a few rows per refresh, not a reload.
    """

    _CHANGES = ("entity.created", "entity.status_changed", "report.filed")

    def __init__(self, sessions: sessionmaker[Session], secret: str, ttl_s: float) -> None:
        self._sessions = sessions
        self._secret = secret
        self._ttl_s = ttl_s
        self._loaded_at = float("-inf")
        self._audit_id: int | None = None
        self._listed: dict[str, Listing] = {}
        self._lock = threading.Lock()

    def listed(self) -> Mapping[str, Listing]:
        if clock.monotonic() - self._loaded_at >= self._ttl_s:
            with self._lock:
                if clock.monotonic() - self._loaded_at >= self._ttl_s:
                    self._refresh()
                    self._loaded_at = clock.monotonic()
        return self._listed

    def _refresh(self) -> None:
        columns = (Entity.value_hash, Entity.status, Entity.report_count, Entity.masked)
        with self._sessions() as session:
            head = session.scalar(select(AuditHead.last_id).where(AuditHead.id == 1)) or 0
            if self._audit_id is None:
                rows = session.execute(select(*columns).where(Entity.status.in_(LISTED_STATUSES)))
                self._listed = {h: Listing(status, n, masked) for h, status, n, masked in rows}
            elif head != self._audit_id:
                changed = session.execute(
                    select(AuditRecord.action, AuditRecord.subject).where(
                        AuditRecord.id > self._audit_id, AuditRecord.action.in_(self._CHANGES)
                    )
                ).all()
                entity_ids = {int(s.split(":")[1]) for a, s in changed if a != "report.filed"}
                report_ids = [int(s.split(":")[1]) for a, s in changed if a == "report.filed"]
                if report_ids:
                    linked = select(ReportEntity.entity_id).where(
                        ReportEntity.report_id.in_(report_ids)
                    )
                    entity_ids.update(session.scalars(linked))
                if entity_ids:
                    rows = session.execute(select(*columns).where(Entity.id.in_(entity_ids)))
                    for value_hash, status, n, masked in rows:
                        if status in LISTED_STATUSES:
                            self._listed[value_hash] = Listing(status, n, masked)
                        else:
                            self._listed.pop(value_hash, None)
            self._audit_id = head

    def hash_of(self, ident: Identifier) -> str:
        return keyed_hash(ident.kind, ident.value, self._secret)


@dataclass(frozen=True, slots=True)
class Scored:
    verdict: Verdict
    duplicate: bool
    state_ok: bool


def event_time_ms(event: Mapping[str, Any]) -> int:
    return int(event["time"].timestamp() * 1000)


class PaymentScorer:
    """The shell around the detector for the API: one instance per worker."""

    RECONNECT_S = 5.0

    def __init__(
        self,
        detector: PaymentDetector,
        state: PaymentState | Callable[[], PaymentState] | None,
        registry: RegistrySnapshot | None,
    ) -> None:
        """``state`` is a store, or a function that opens one: then a store that cannot be
        opened is tried again every RECONNECT_S seconds, and scoring goes on without it."""
        self.detector = detector
        self._connect = state if callable(state) else None
        self.state = state if isinstance(state, PaymentState) else None
        self._tried_at = float("-inf")
        self.registry = registry

    def state_store(self) -> PaymentState | None:
        due = clock.monotonic() - self._tried_at >= self.RECONNECT_S
        if self.state is None and self._connect is not None and due:
            self._tried_at = clock.monotonic()
            try:
                self.state = self._connect()
            except StateUnavailable:
                self.state = None
        return self.state

    def registry_level(self, event: Mapping[str, Any]) -> tuple[int, dict[str, str | int]]:
        """How the registry knows this payment's payee: listed itself, or linked through the
        account behind it (another listed card or phone paid into the same account)."""
        if self.registry is None:
            return REGISTRY_NONE, {}
        listed = self.registry.listed()
        if not listed:
            return REGISTRY_NONE, {}
        names = [registry_identifier(event["payee_type"], event["payee"])]
        if event.get("payee_account"):
            names.append(registry_identifier("iban", event["payee_account"]))
        for ident in names:
            if ident is None:
                continue
            hit = listed.get(self.registry.hash_of(ident))
            if hit is not None:
                return REGISTRY_LISTED, {
                    "payee": ident.masked,
                    "status": hit.status,
                    "reports": hit.reports,
                }
        return REGISTRY_NONE, {}

    def linked_level(
        self, event: Mapping[str, Any], aliases: list[tuple[str, str]]
    ) -> tuple[int, dict[str, str | int]]:
        if self.registry is None:
            return REGISTRY_NONE, {}
        listed = self.registry.listed()
        for payee_type, value in aliases:
            ident = registry_identifier(payee_type, value)
            if ident is not None and self.registry.hash_of(ident) in listed:
                own = registry_identifier(event["payee_type"], event["payee"])
                return REGISTRY_LINKED, {
                    "payee": own.masked if own else event["payee_type"],
                    "linked": ident.masked,
                }
        return REGISTRY_NONE, {}

    def score(self, event: Mapping[str, Any]) -> Scored:
        t_ms = event_time_ms(event)
        event_id = str(event["event_id"])
        level, params = self.registry_level(event)
        store = self.state_store()
        if store is not None:

            def collect(history: History, aliases: list[tuple[str, str]]) -> dict[str, Any]:
                found = (level, params)
                if level == REGISTRY_NONE and aliases:
                    found = self.linked_level(event, aliases)
                features = online_features(event, t_ms, history)
                return {"features": features, "level": found[0], "params": found[1]}

            try:
                context, duplicate = store.record_payment(event, t_ms, collect)
            except StateUnavailable:
                pass
            else:
                verdict = self.detector.verdict(
                    event_id, context["features"], context["level"], context["params"]
                )
                if duplicate:
                    verdict = _with_duplicate_reason(verdict)
                return Scored(verdict, duplicate, True)
        features = online_features(event, t_ms, None)
        verdict = self.detector.verdict(
            event_id, features, level, params, extra_codes=("pay.state.unavailable",)
        )
        return Scored(verdict, False, False)


def _with_duplicate_reason(verdict: Verdict) -> Verdict:
    return Verdict(
        subject=verdict.subject,
        score=verdict.score,
        label=verdict.label,
        typology=verdict.typology,
        reasons=(Reason("pay.duplicate", 0.0, {}), *verdict.reasons),
    )
