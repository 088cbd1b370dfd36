"""SQLAlchemy 2 tables. Alembic migrations in ``store/migrations`` create exactly these."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import BigInteger, Boolean, Float, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

from saqbol.store.types import UTCDateTime


class Base(DeclarativeBase):
    pass


class Entity(Base):
    """One node of the entity graph: an identifier any channel has seen, keyed by its hash."""

    __tablename__ = "entities"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    kind: Mapped[str] = mapped_column(String(16))
    value: Mapped[str] = mapped_column(Text)
    masked: Mapped[str] = mapped_column(Text)
    value_hash: Mapped[str] = mapped_column(String(64), unique=True)
    status: Mapped[str] = mapped_column(String(16), default="reported")
    first_seen: Mapped[datetime] = mapped_column(UTCDateTime)
    last_seen: Mapped[datetime] = mapped_column(UTCDateTime)
    report_count: Mapped[int] = mapped_column(Integer, default=0)

    reports: Mapped[list[Report]] = relationship(
        secondary="report_entities", back_populates="entities", order_by="Report.id"
    )

    __table_args__ = (Index("ix_entities_kind_status", "kind", "status"),)


class Report(Base):
    """A victim's complaint: what happened, where, how much was lost, who was involved."""

    __tablename__ = "reports"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    channel: Mapped[str] = mapped_column(String(16))
    typology: Mapped[str] = mapped_column(String(32))
    text: Mapped[str] = mapped_column(Text, default="")
    amount_lost_kzt: Mapped[int] = mapped_column(BigInteger, default=0)
    occurred_at: Mapped[datetime] = mapped_column(UTCDateTime)
    region: Mapped[str] = mapped_column(String(32))
    filed_at: Mapped[datetime] = mapped_column(UTCDateTime)
    filed_by: Mapped[str] = mapped_column(String(64))

    entities: Mapped[list[Entity]] = relationship(
        secondary="report_entities", back_populates="reports", order_by="Entity.id"
    )

    __table_args__ = (
        Index("ix_reports_region", "region"),
        Index("ix_reports_typology", "typology"),
    )


class ReportEntity(Base):
    """Edge of the graph: this report named this entity."""

    __tablename__ = "report_entities"

    report_id: Mapped[int] = mapped_column(
        ForeignKey("reports.id", ondelete="CASCADE"), primary_key=True
    )
    entity_id: Mapped[int] = mapped_column(
        ForeignKey("entities.id", ondelete="CASCADE"), primary_key=True, index=True
    )


class ApiKey(Base):
    """A partner's key. Only its SHA-256 is stored; the key itself is shown once."""

    __tablename__ = "api_keys"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    role: Mapped[str] = mapped_column(String(16))
    prefix: Mapped[str] = mapped_column(String(16))
    key_hash: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    revoked_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)


class AuditRecord(Base):
    """One link of the hash-chained audit log."""

    __tablename__ = "audit_log"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    at: Mapped[datetime] = mapped_column(UTCDateTime)
    actor: Mapped[str] = mapped_column(String(200))
    action: Mapped[str] = mapped_column(String(64))
    subject: Mapped[str] = mapped_column(String(200))
    before: Mapped[str] = mapped_column(Text)
    after: Mapped[str] = mapped_column(Text)
    prev_hash: Mapped[str] = mapped_column(String(64))
    hash: Mapped[str] = mapped_column(String(64))


class AuditHead(Base):
    """The single row that holds the chain's tip, so a truncated tail is detectable and
    concurrent writers serialise on one row lock."""

    __tablename__ = "audit_head"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    last_id: Mapped[int] = mapped_column(Integer, default=0)
    last_hash: Mapped[str] = mapped_column(String(64))


class Resource(Base):
    """A fraudulent (or suspected) web resource, one row per registered domain, followed from
    detection to blocking (``saqbol.services.resources`` holds the allowed transitions)."""

    __tablename__ = "resources"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    domain: Mapped[str] = mapped_column(String(253), unique=True)
    url: Mapped[str] = mapped_column(Text)  # the first link seen
    source: Mapped[str] = mapped_column(String(16))  # of the first detection
    status: Mapped[str] = mapped_column(String(16), default="detected")
    verdict: Mapped[str] = mapped_column(String(16))
    score: Mapped[float] = mapped_column(Float)
    brand: Mapped[str | None] = mapped_column(String(100), nullable=True)
    first_seen: Mapped[datetime] = mapped_column(UTCDateTime)
    last_seen: Mapped[datetime] = mapped_column(UTCDateTime)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime)
    complaint_count: Mapped[int] = mapped_column(Integer, default=0)
    reporter_count: Mapped[int] = mapped_column(Integer, default=0)
    priority: Mapped[float] = mapped_column(Float, default=0.0)
    document: Mapped[str] = mapped_column(Text, default="")  # order or notice letter
    addressee: Mapped[str] = mapped_column(String(16), default="")

    __table_args__ = (Index("ix_resources_status_priority", "status", "priority"),)


class ResourceComplaint(Base):
    """One report of a resource: who, through which channel, when, which link."""

    __tablename__ = "resource_complaints"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    resource_id: Mapped[int] = mapped_column(
        ForeignKey("resources.id", ondelete="CASCADE"), index=True
    )
    reporter: Mapped[str] = mapped_column(String(200), index=True)
    source: Mapped[str] = mapped_column(String(16))
    url: Mapped[str] = mapped_column(Text)
    note: Mapped[str] = mapped_column(Text, default="")
    filed_at: Mapped[datetime] = mapped_column(UTCDateTime)


class CreditBan(Base):
    """One period of a citizen's voluntary refusal of loans. The IIN is kept only as a keyed
    hash. A change of scope closes the period and opens another, so the bans in force at any
    moment can be told afterwards (a loan issued under a ban is void)."""

    __tablename__ = "credit_bans"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    iin_hash: Mapped[str] = mapped_column(String(64))
    bank_loans: Mapped[bool] = mapped_column(Boolean)
    microcredits: Mapped[bool] = mapped_column(Boolean)
    channel: Mapped[str] = mapped_column(String(8))  # "online" (remote only) or "all"
    set_at: Mapped[datetime] = mapped_column(UTCDateTime)
    lifted_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)

    __table_args__ = (Index("ix_credit_bans_iin_lifted", "iin_hash", "lifted_at"),)


class CreditCheck(Base):
    """A lender's check of one IIN; its id is the lender's proof that it checked."""

    __tablename__ = "credit_checks"

    id: Mapped[str] = mapped_column(String(40), primary_key=True)
    lender_key_id: Mapped[int] = mapped_column(Integer, index=True)
    iin_hash: Mapped[str] = mapped_column(String(64))
    product: Mapped[str] = mapped_column(String(16))
    channel: Mapped[str] = mapped_column(String(8))
    banned: Mapped[bool] = mapped_column(Boolean)
    checked_at: Mapped[datetime] = mapped_column(UTCDateTime)


class CreditLoan(Base):
    """A loan a lender reports as issued; ``void`` when a ban covered it, and then the
    write-off is due within three days."""

    __tablename__ = "credit_loans"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    lender_key_id: Mapped[int] = mapped_column(Integer, index=True)
    check_id: Mapped[str | None] = mapped_column(String(40), nullable=True)
    iin_hash: Mapped[str] = mapped_column(String(64))
    product: Mapped[str] = mapped_column(String(16))
    channel: Mapped[str] = mapped_column(String(8))
    amount_kzt: Mapped[int] = mapped_column(BigInteger)
    issued_at: Mapped[datetime] = mapped_column(UTCDateTime)
    reported_at: Mapped[datetime] = mapped_column(UTCDateTime)
    void: Mapped[bool] = mapped_column(Boolean)
    write_off_due: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)
    written_off_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)

    __table_args__ = (Index("ix_credit_loans_void_due", "void", "write_off_due"),)
