"""monitoring registry of fraudulent resources

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-23 19:05:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import saqbol.store.types

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    utc = saqbol.store.types.UTCDateTime(timezone=True)
    op.create_table(
        "resources",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("domain", sa.String(length=253), nullable=False),
        sa.Column("url", sa.Text(), nullable=False),
        sa.Column("source", sa.String(length=16), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("verdict", sa.String(length=16), nullable=False),
        sa.Column("score", sa.Float(), nullable=False),
        sa.Column("brand", sa.String(length=100), nullable=True),
        sa.Column("first_seen", utc, nullable=False),
        sa.Column("last_seen", utc, nullable=False),
        sa.Column("updated_at", utc, nullable=False),
        sa.Column("complaint_count", sa.Integer(), nullable=False),
        sa.Column("reporter_count", sa.Integer(), nullable=False),
        sa.Column("priority", sa.Float(), nullable=False),
        sa.Column("document", sa.Text(), nullable=False),
        sa.Column("addressee", sa.String(length=16), nullable=False),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("domain"),
    )
    op.create_index("ix_resources_status_priority", "resources", ["status", "priority"])
    op.create_table(
        "resource_complaints",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("resource_id", sa.Integer(), nullable=False),
        sa.Column("reporter", sa.String(length=200), nullable=False),
        sa.Column("source", sa.String(length=16), nullable=False),
        sa.Column("url", sa.Text(), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("filed_at", utc, nullable=False),
        sa.ForeignKeyConstraint(["resource_id"], ["resources.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_resource_complaints_resource_id", "resource_complaints", ["resource_id"])
    op.create_index("ix_resource_complaints_reporter", "resource_complaints", ["reporter"])


def downgrade() -> None:
    op.drop_table("resource_complaints")
    op.drop_table("resources")
