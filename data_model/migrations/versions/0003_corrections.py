"""Corrections and reviews: values a person corrected or confirmed, by plan key and project code; entries that
are not projects can be hidden.

Revision ID: 0003_corrections
Revises: 0002_plan_keys
Create Date: 2026-12-02
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003_corrections"
down_revision = "0002_plan_keys"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "correction",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("plan_key", sa.String(200), nullable=False),
        sa.Column("project_code", sa.String(40), nullable=False),
        sa.Column("field", sa.String(40), nullable=False),
        sa.Column("value_read", sa.Text(), nullable=False),
        sa.Column("value", sa.Text(), nullable=False),
        sa.Column("new_read", sa.Text(), nullable=True),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("source", sa.String(20), nullable=False),
        sa.Column("carried_from", sa.Integer(), nullable=True),
        sa.Column("state", sa.String(20), nullable=False),
        sa.Column("actor", sa.String(200), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("closed_by", sa.String(200), nullable=True),
        sa.Column("closed_at", sa.DateTime(timezone=True), nullable=True),
    )
    op.create_index("ix_correction_plan_key", "correction", ["plan_key"])
    op.create_index("ix_correction_state", "correction", ["state"])
    op.create_table(
        "review",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("plan_key", sa.String(200), nullable=False),
        sa.Column("project_code", sa.String(40), nullable=False),
        sa.Column("field", sa.String(40), nullable=False),
        sa.Column("value_read", sa.Text(), nullable=False),
        sa.Column("actor", sa.String(200), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.UniqueConstraint("plan_key", "project_code", "field", name="uq_review_value"),
    )
    op.create_index("ix_review_plan_key", "review", ["plan_key"])
    with op.batch_alter_table("project_entry") as entry:
        entry.add_column(sa.Column("hidden", sa.Boolean(), nullable=False, server_default=sa.false()))


def downgrade() -> None:
    with op.batch_alter_table("project_entry") as entry:
        entry.drop_column("hidden")
    op.drop_index("ix_review_plan_key", "review")
    op.drop_table("review")
    op.drop_index("ix_correction_state", "correction")
    op.drop_index("ix_correction_plan_key", "correction")
    op.drop_table("correction")
