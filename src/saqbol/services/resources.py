"""The monitoring registry of fraudulent web resources: from "found" to "blocked".

One row per registered domain. Complaints about any link on that domain merge into it:
distinct reporters are counted, and each reporter's past accuracy (how many of the resources
they reported were blocked rather than cleared as false positives) weighs in the priority, so
that many credible complaints rise to the top of the analysts' queue. Every transition is
audited in the hash chain.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from saqbol.detectors.urls import KnownResource, UrlContext, UrlDetector, UrlVerdict
from saqbol.errors import InvalidInput, NotFound
from saqbol.services import audit
from saqbol.store.tables import Resource, ResourceComplaint

STATUSES = ("detected", "under_review", "block_requested", "blocked", "unblocked", "false_positive")
SOURCES = ("monitoring", "citizen", "volunteer", "partner")
ADDRESSEES = ("regulator", "hosting", "registrar", "platform")
# Which status may follow which; anything else is refused with the allowed ones named.
TRANSITIONS: dict[str, tuple[str, ...]] = {
    "detected": ("under_review", "false_positive"),
    "under_review": ("block_requested", "false_positive"),
    "block_requested": ("blocked", "under_review", "false_positive"),
    "blocked": ("unblocked",),
    "unblocked": ("under_review", "blocked"),
    "false_positive": ("under_review",),
}
CONFIRMED = frozenset({"block_requested", "blocked"})
LISTED = ("block_requested", "blocked")  # what the operators' block list carries


@dataclass(frozen=True, slots=True)
class ComplaintResult:
    resource: Resource
    verdict: UrlVerdict
    new_resource: bool


def reporter_accuracy(session: Session, reporter: str) -> float:
    """Laplace-smoothed share of a reporter's decided resources that were confirmed:
    (confirmed + 1) / (decided + 2); 0.5 for a newcomer."""
    decided = session.execute(
        select(Resource.status)
        .join(ResourceComplaint, ResourceComplaint.resource_id == Resource.id)
        .where(
            ResourceComplaint.reporter == reporter,
            Resource.status.in_([*CONFIRMED, "false_positive"]),
        )
        .distinct()
        .add_columns(Resource.id)
    ).all()
    confirmed = sum(status in CONFIRMED for status, _ in decided)
    return (confirmed + 1) / (len(decided) + 2)


def file_complaint(
    *,
    session: Session,
    detector: UrlDetector,
    url: str,
    reporter: str,
    source: str,
    now: datetime,
    note: str = "",
) -> ComplaintResult:
    """Judge the link, then merge the complaint into its domain's resource (created on the
    first complaint). Raises ``InvalidInput`` for a link that cannot be read."""
    if source not in SOURCES:
        raise InvalidInput(f"unknown source {source!r}; expected one of {', '.join(SOURCES)}",
                           field="source")  # fmt: skip
    verdict = detector.check(url)
    if verdict.label == "error" or not verdict.domain:
        raise InvalidInput("is not a link to a web site", field="url")
    audit.lock_chain(session)
    row = session.scalars(select(Resource).where(Resource.domain == verdict.domain)).first()
    created = row is None
    if row is None:
        row = Resource(
            domain=verdict.domain,
            url=verdict.url,
            source=source,
            status="detected",
            verdict=verdict.label,
            score=verdict.score,
            brand=verdict.brand,
            first_seen=now,
            last_seen=now,
            updated_at=now,
            complaint_count=0,
            reporter_count=0,
            priority=0.0,
            document="",
            addressee="",
        )
        session.add(row)
        session.flush()
        audit.append(
            session=session,
            actor=reporter,
            action="resource.detected",
            subject=f"resource:{row.id}",
            at=now,
            after={"domain": row.domain, "verdict": row.verdict, "source": source},
        )
    else:
        row.last_seen = max(row.last_seen, now)
        row.verdict, row.score = verdict.label, verdict.score
        row.brand = row.brand or verdict.brand
    session.add(
        ResourceComplaint(
            resource_id=row.id, reporter=reporter, source=source, url=verdict.url,
            note=note[:2000], filed_at=now,
        )
    )  # fmt: skip
    session.flush()
    _refresh_counts(session, row)
    audit.append(
        session=session,
        actor=reporter,
        action="resource.complaint",
        subject=f"resource:{row.id}",
        at=now,
        after={"complaints": row.complaint_count, "reporters": row.reporter_count},
    )
    return ComplaintResult(row, verdict, created)


def _refresh_counts(session: Session, row: Resource) -> None:
    reporters = list(
        session.scalars(
            select(ResourceComplaint.reporter)
            .where(ResourceComplaint.resource_id == row.id)
            .distinct()
        )
    )
    row.complaint_count = (
        session.scalar(select(func.count()).where(ResourceComplaint.resource_id == row.id)) or 0
    )
    row.reporter_count = len(reporters)
    row.priority = round(row.score + sum(reporter_accuracy(session, r) for r in reporters), 4)


def set_status(
    *,
    session: Session,
    resource_id: int,
    status: str,
    actor: str,
    now: datetime,
    document: str = "",
    addressee: str = "",
    note: str = "",
) -> Resource:
    """Move a resource along its life cycle; a block request must name its document (order or
    notice letter) and its addressee."""
    if status not in STATUSES:
        raise InvalidInput(f"unknown status {status!r}; expected one of {', '.join(STATUSES)}",
                           field="status")  # fmt: skip
    audit.lock_chain(session)
    row = get_resource(session=session, resource_id=resource_id)
    allowed = TRANSITIONS[row.status]
    if status not in allowed:
        raise InvalidInput(
            f"cannot go from {row.status} to {status}; allowed: {', '.join(allowed)}",
            field="status",
        )
    if status == "block_requested":
        if not document.strip():
            raise InvalidInput("a block request needs its document (order or notice letter)",
                               field="document")  # fmt: skip
        if addressee not in ADDRESSEES:
            raise InvalidInput(f"must be one of {', '.join(ADDRESSEES)}", field="addressee")
        row.document, row.addressee = document.strip()[:2000], addressee
    before = row.status
    row.status = status
    row.updated_at = now
    audit.append(
        session=session,
        actor=actor,
        action="resource.status_changed",
        subject=f"resource:{row.id}",
        at=now,
        before={"status": before},
        after={"status": status, "document": row.document, "addressee": row.addressee,
               "note": note[:500]},
    )  # fmt: skip
    # A decision changes the accuracy of everyone who reported this resource.
    if status in CONFIRMED or status == "false_positive":
        for other in _resources_of_reporters(session, row.id):
            _refresh_counts(session, other)
    return row


def _resources_of_reporters(session: Session, resource_id: int) -> list[Resource]:
    reporters = select(ResourceComplaint.reporter).where(
        ResourceComplaint.resource_id == resource_id
    )
    ids = select(ResourceComplaint.resource_id).where(ResourceComplaint.reporter.in_(reporters))
    return list(session.scalars(select(Resource).where(Resource.id.in_(ids))))


def get_resource(*, session: Session, resource_id: int) -> Resource:
    row = session.get(Resource, resource_id)
    if row is None:
        raise NotFound(f"no resource with id {resource_id}", field="resource_id")
    return row


def list_resources(
    *,
    session: Session,
    status: str | None = None,
    limit: int = 100,
    offset: int = 0,
) -> tuple[list[Resource], int]:
    """One page of the queue, highest priority first, and the total that matched."""
    if status is not None and status not in STATUSES:
        raise InvalidInput(f"unknown status {status!r}; expected one of {', '.join(STATUSES)}",
                           field="status")  # fmt: skip
    stmt = select(Resource)
    if status:
        stmt = stmt.where(Resource.status == status)
    total = session.scalar(select(func.count()).select_from(stmt.subquery())) or 0
    page = stmt.order_by(Resource.priority.desc(), Resource.id).limit(limit).offset(offset)
    return list(session.scalars(page)), total


def url_context(session: Session, domains: Iterable[str]) -> UrlContext:
    """What the registry knows of these registered domains, for the URL detector."""
    wanted = {d for d in domains if d}
    if not wanted:
        return UrlContext()
    rows = session.execute(
        select(Resource.domain, Resource.status, Resource.complaint_count).where(
            Resource.domain.in_(wanted)
        )
    )
    return UrlContext({domain: KnownResource(status, n) for domain, status, n in rows})


BLOCKLIST_FIELDS = ("domain", "status", "brand", "first_seen", "updated_at", "addressee", "url")


def blocklist(session: Session) -> list[dict[str, Any]]:
    rows = session.scalars(
        select(Resource).where(Resource.status.in_(LISTED)).order_by(Resource.domain)
    )
    return [
        {
            "domain": r.domain,
            "status": r.status,
            "brand": r.brand or "",
            "first_seen": r.first_seen.isoformat(),
            "updated_at": r.updated_at.isoformat(),
            "addressee": r.addressee,
            "url": r.url,
        }
        for r in rows
    ]


def export(rows: Sequence[dict[str, Any]], fmt: str) -> str:
    if fmt == "json":
        return json.dumps(rows, ensure_ascii=False, indent=1)
    if fmt == "csv":
        out = io.StringIO()
        writer = csv.DictWriter(out, fieldnames=BLOCKLIST_FIELDS, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
        return out.getvalue()
    raise InvalidInput(f"unknown format {fmt!r}; expected csv or json", field="format")


def resource_dict(row: Resource) -> dict[str, Any]:
    return {
        "id": row.id,
        "domain": row.domain,
        "url": row.url,
        "source": row.source,
        "status": row.status,
        "verdict": row.verdict,
        "score": row.score,
        "brand": row.brand,
        "first_seen": row.first_seen.isoformat(),
        "last_seen": row.last_seen.isoformat(),
        "updated_at": row.updated_at.isoformat(),
        "complaints": row.complaint_count,
        "reporters": row.reporter_count,
        "priority": row.priority,
        "document": row.document,
        "addressee": row.addressee,
        "allowed_next": list(TRANSITIONS[row.status]),
    }
