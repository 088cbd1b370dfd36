"""Voluntary refusal of loans: citizens ban loans in their name, lenders check before lending.

Since 2024 a citizen of Kazakhstan may refuse bank loans and microcredits in advance; a loan
issued despite the ban is void and the lender writes it off within three days. IINs are stored
only as keyed hashes (HMAC under the deployment secret): a leaked database gives no IIN. A
lender learns ``banned`` for the product and channel it asks about, and nothing else. Every
set, lift, check and loan report is audited; all writers take the audit chain's lock first,
which also makes a set and a lift racing on one IIN end in one consistent state.
"""

from __future__ import annotations

import secrets
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from datetime import datetime, timedelta
from typing import Any, Final

from sqlalchemy import and_, bindparam, func, insert, or_, select
from sqlalchemy.engine import Connection, Row
from sqlalchemy.orm import Session

from saqbol.entities import keyed_hash
from saqbol.entities.iin import validate_iin
from saqbol.errors import Conflict, InvalidInput, NotFound

__all__ = ["Conflict"]  # callers catch it from here
from saqbol.services import audit
from saqbol.store.tables import ApiKey, CreditBan, CreditCheck, CreditLoan

PRODUCTS: Final = ("bank_loan", "microcredit")
SCOPES: Final = {"bank_loans": (True, False), "microcredits": (False, True), "both": (True, True)}
BAN_CHANNELS: Final = ("online", "all")  # a ban on remote loans only, or on every loan
LOAN_CHANNELS: Final = ("online", "offline")
WRITE_OFF_DAYS: Final = 3


# Built once: every lender check runs it, and building a statement costs more than running it.
_BAN_IN_FORCE = select(CreditBan.bank_loans, CreditBan.microcredits, CreditBan.channel).where(
    CreditBan.iin_hash == bindparam("iin_hash"), CreditBan.lifted_at.is_(None)
)


def iin_hash(iin: str, secret: str) -> str:
    return keyed_hash("iin", validate_iin(iin), secret)


def scope_of(ban: CreditBan) -> str:
    return next(
        name for name, flags in SCOPES.items() if flags == (ban.bank_loans, ban.microcredits)
    )


def covers(ban: CreditBan | Row[Any], product: str, channel: str) -> bool:
    """Does this ban forbid a loan of ``product`` through ``channel``?"""
    wanted = ban.bank_loans if product == "bank_loan" else ban.microcredits
    return wanted and (ban.channel == "all" or channel == "online")


def _choice(value: str, allowed: Sequence[str], field: str) -> str:
    if value not in allowed:
        raise InvalidInput(
            f"unknown {field} {value!r}; expected one of {', '.join(allowed)}", field=field
        )
    return value


def _active(session: Session, hashed: str) -> CreditBan | None:
    stmt = select(CreditBan).where(CreditBan.iin_hash == hashed, CreditBan.lifted_at.is_(None))
    return session.scalars(stmt).first()


def _subject(hashed: str) -> str:
    return f"iin:{hashed[:16]}"  # enough to follow one citizen in the audit, not the IIN


# --- citizen ---------------------------------------------------------------------------------


def set_ban(
    *, session: Session, iin: str, scope: str, channel: str, secret: str, now: datetime, actor: str
) -> CreditBan:
    """Put a ban in force, or change the one in force (its period closes, a new one opens)."""
    bank_loans, microcredits = SCOPES[_choice(scope, tuple(SCOPES), "scope")]
    _choice(channel, BAN_CHANNELS, "channel")
    audit.lock_chain(session)
    hashed = iin_hash(iin, secret)
    current = _active(session, hashed)
    if current is not None and (current.bank_loans, current.microcredits, current.channel) == (
        bank_loans,
        microcredits,
        channel,
    ):
        return current
    before = None
    if current is not None:
        current.lifted_at = now
        before = {"scope": scope_of(current), "channel": current.channel}
    ban = CreditBan(
        iin_hash=hashed,
        bank_loans=bank_loans,
        microcredits=microcredits,
        channel=channel,
        set_at=now,
    )
    session.add(ban)
    session.flush()
    audit.append(
        session=session,
        actor=actor,
        action="credit_ban.set",
        subject=_subject(hashed),
        at=now,
        before=before,
        after={"scope": scope, "channel": channel},
    )
    return ban


def view_ban(*, session: Session, iin: str, secret: str) -> CreditBan | None:
    return _active(session, iin_hash(iin, secret))


def lift_ban(*, session: Session, iin: str, secret: str, now: datetime, actor: str) -> CreditBan:
    audit.lock_chain(session)
    hashed = iin_hash(iin, secret)
    current = _active(session, hashed)
    if current is None:
        raise Conflict("there is no ban in force to lift", field="ban")
    current.lifted_at = now
    audit.append(
        session=session,
        actor=actor,
        action="credit_ban.lifted",
        subject=_subject(hashed),
        at=now,
        before={"scope": scope_of(current), "channel": current.channel},
    )
    return current


# --- lender ----------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Check:
    """A lender's check, decided and about to be stored."""

    id: str
    lender_key_id: int
    iin_hash: str
    product: str
    channel: str
    banned: bool
    checked_at: datetime


def decide(
    *,
    session: Session | Connection,
    lender_key_id: int,
    iin: str,
    product: str,
    channel: str,
    secret: str,
    now: datetime,
) -> Check:
    """Is a loan of ``product`` through ``channel`` banned for this IIN? Reads only; the
    answer is a yes or no and a new check id, stored by ``record_checks``."""
    _choice(product, PRODUCTS, "product")
    _choice(channel, LOAN_CHANNELS, "channel")
    hashed = iin_hash(iin, secret)
    ban = session.execute(_BAN_IN_FORCE, {"iin_hash": hashed}).first()
    return Check(
        id="chk_" + secrets.token_urlsafe(18),
        lender_key_id=lender_key_id,
        iin_hash=hashed,
        product=product,
        channel=channel,
        banned=ban is not None and covers(ban, product, channel),  # type: ignore[arg-type]
        checked_at=now,
    )


def record_checks(
    *, session: Session | Connection, checks: Sequence[Check], actor: str | None = None
) -> None:
    """Store checks (the lenders' proofs) and audit each, in the caller's transaction: the
    API groups the checks of a few milliseconds into one such transaction, on a plain
    Connection. The audit goes first: it takes the chain's lock."""
    audit.append_many(
        session=session,
        entries=[
            audit.Entry(
                actor=actor or f"key:{made.lender_key_id}",
                action="credit_ban.checked",
                subject=f"check:{made.id}",
                at=made.checked_at,
                after={"product": made.product, "channel": made.channel, "banned": made.banned},
            )
            for made in checks
        ],
    )
    session.execute(insert(CreditCheck.__table__), [asdict(made) for made in checks])


def check(
    *,
    session: Session,
    lender_key_id: int,
    iin: str,
    product: str,
    channel: str,
    secret: str,
    now: datetime,
    actor: str | None = None,
) -> Check:
    """``decide`` and ``record_checks`` for one check, in the caller's transaction."""
    made = decide(
        session=session,
        lender_key_id=lender_key_id,
        iin=iin,
        product=product,
        channel=channel,
        secret=secret,
        now=now,
    )
    record_checks(session=session, checks=[made], actor=actor)
    return made


def report_loan(
    *,
    session: Session,
    lender_key_id: int,
    iin: str,
    product: str,
    channel: str,
    amount_kzt: int,
    issued_at: datetime,
    check_id: str | None,
    secret: str,
    now: datetime,
    actor: str,
) -> CreditLoan:
    """Record an issued loan; it is void when a ban covered it at ``issued_at``, and then the
    write-off is due three days after issue and the loan waits in the analysts' queue."""
    _choice(product, PRODUCTS, "product")
    _choice(channel, LOAN_CHANNELS, "channel")
    if amount_kzt <= 0:
        raise InvalidInput("must be more than 0", field="amount_kzt")
    hashed = iin_hash(iin, secret)
    audit.lock_chain(session)
    if check_id is not None:
        proof = session.get(CreditCheck, check_id)
        if proof is None or proof.lender_key_id != lender_key_id:
            raise NotFound("no check with this id was made by this lender", field="check_id")
        if proof.iin_hash != hashed:
            raise InvalidInput("the check was made for another IIN", field="check_id")
    in_force = select(CreditBan).where(
        CreditBan.iin_hash == hashed,
        CreditBan.set_at <= issued_at,
        or_(CreditBan.lifted_at.is_(None), CreditBan.lifted_at > issued_at),
    )
    void = any(covers(ban, product, channel) for ban in session.scalars(in_force))
    loan = CreditLoan(
        lender_key_id=lender_key_id,
        check_id=check_id,
        iin_hash=hashed,
        product=product,
        channel=channel,
        amount_kzt=amount_kzt,
        issued_at=issued_at,
        reported_at=now,
        void=void,
        write_off_due=issued_at + timedelta(days=WRITE_OFF_DAYS) if void else None,
    )
    session.add(loan)
    session.flush()
    audit.append(
        session=session,
        actor=actor,
        action="credit_loan.reported",
        subject=f"credit_loan:{loan.id}",
        at=now,
        after={"product": product, "channel": channel, "amount_kzt": amount_kzt, "void": void},
    )
    return loan


def confirm_write_off(
    *, session: Session, lender_key_id: int, loan_id: int, now: datetime, actor: str
) -> CreditLoan:
    audit.lock_chain(session)
    loan = session.get(CreditLoan, loan_id)
    if loan is None or loan.lender_key_id != lender_key_id:
        raise NotFound(f"no loan {loan_id} reported by this lender", field="loan_id")
    if not loan.void:
        raise Conflict("the loan is not void; there is nothing to write off", field="loan_id")
    if loan.written_off_at is None:
        loan.written_off_at = now
        audit.append(
            session=session,
            actor=actor,
            action="credit_loan.written_off",
            subject=f"credit_loan:{loan.id}",
            at=now,
            after={"written_off": True, "late": now > loan.write_off_due},
        )
    return loan


# --- analysts --------------------------------------------------------------------------------


def void_loans(*, session: Session, now: datetime, status: str = "open") -> list[CreditLoan]:
    """The analysts' queue: void loans ``open`` (not yet written off), ``overdue`` (open past
    the three days) or ``all``."""
    _choice(status, ("open", "overdue", "all"), "status")
    stmt = select(CreditLoan).where(CreditLoan.void.is_(True))
    if status in ("open", "overdue"):
        stmt = stmt.where(CreditLoan.written_off_at.is_(None))
    if status == "overdue":
        stmt = stmt.where(CreditLoan.write_off_due < now)
    return list(session.scalars(stmt.order_by(CreditLoan.write_off_due, CreditLoan.id)))


@dataclass(frozen=True, slots=True)
class LenderUse:
    lender_key_id: int
    lender: str
    checks: int
    distinct_iins: int
    loans: int
    flagged: bool  # many checks, hardly any loans: looks like enumeration of IINs


def enumeration_report(
    *, session: Session, min_checks: int = 100, max_loan_share: float = 0.05
) -> list[LenderUse]:
    """Per lender key: checks, distinct IINs checked and loans reported. A lender that checks
    many IINs it never lends to is flagged: it may be mining the registry."""
    checks = (
        select(
            CreditCheck.lender_key_id,
            func.count().label("checks"),
            func.count(func.distinct(CreditCheck.iin_hash)).label("iins"),
        )
        .group_by(CreditCheck.lender_key_id)
        .subquery()
    )
    loans = (
        select(CreditLoan.lender_key_id, func.count().label("loans"))
        .group_by(CreditLoan.lender_key_id)
        .subquery()
    )
    stmt = (
        select(checks.c.lender_key_id, ApiKey.name, checks.c.checks, checks.c.iins, loans.c.loans)
        .join(ApiKey, ApiKey.id == checks.c.lender_key_id, isouter=True)
        .join(loans, and_(loans.c.lender_key_id == checks.c.lender_key_id), isouter=True)
        .order_by(checks.c.checks.desc())
    )
    out = []
    for key_id, name, n_checks, iins, n_loans in session.execute(stmt):
        n_loans = n_loans or 0
        flagged = n_checks >= min_checks and n_loans <= max_loan_share * iins
        out.append(LenderUse(key_id, name or f"key {key_id}", n_checks, iins, n_loans, flagged))
    return out
