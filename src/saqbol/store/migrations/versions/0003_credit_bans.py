"""voluntary loan refusal: bans, lender checks, reported loans

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-23 21:45:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import saqbol.store.types

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    utc = saqbol.store.types.UTCDateTime(timezone=True)
    op.create_table(
        "credit_bans",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("iin_hash", sa.String(length=64), nullable=False),
        sa.Column("bank_loans", sa.Boolean(), nullable=False),
        sa.Column("microcredits", sa.Boolean(), nullable=False),
        sa.Column("channel", sa.String(length=8), nullable=False),
        sa.Column("set_at", utc, nullable=False),
        sa.Column("lifted_at", utc, nullable=True),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_credit_bans_iin_lifted", "credit_bans", ["iin_hash", "lifted_at"])
    op.create_table(
        "credit_checks",
        sa.Column("id", sa.String(length=40), nullable=False),
        sa.Column("lender_key_id", sa.Integer(), nullable=False),
        sa.Column("iin_hash", sa.String(length=64), nullable=False),
        sa.Column("product", sa.String(length=16), nullable=False),
        sa.Column("channel", sa.String(length=8), nullable=False),
        sa.Column("banned", sa.Boolean(), nullable=False),
        sa.Column("checked_at", utc, nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_credit_checks_lender_key_id", "credit_checks", ["lender_key_id"])
    op.create_table(
        "credit_loans",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("lender_key_id", sa.Integer(), nullable=False),
        sa.Column("check_id", sa.String(length=40), nullable=True),
        sa.Column("iin_hash", sa.String(length=64), nullable=False),
        sa.Column("product", sa.String(length=16), nullable=False),
        sa.Column("channel", sa.String(length=8), nullable=False),
        sa.Column("amount_kzt", sa.BigInteger(), nullable=False),
        sa.Column("issued_at", utc, nullable=False),
        sa.Column("reported_at", utc, nullable=False),
        sa.Column("void", sa.Boolean(), nullable=False),
        sa.Column("write_off_due", utc, nullable=True),
        sa.Column("written_off_at", utc, nullable=True),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_credit_loans_lender_key_id", "credit_loans", ["lender_key_id"])
    op.create_index("ix_credit_loans_void_due", "credit_loans", ["void", "write_off_due"])


def downgrade() -> None:
    op.drop_table("credit_loans")
    op.drop_table("credit_checks")
    op.drop_table("credit_bans")
