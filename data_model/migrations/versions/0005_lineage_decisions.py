"""A person's decisions on project lineage across plan versions (confirm, reject, split, link; done, cancelled,
merged), kept by plan key and code.

Revision ID: 0005_lineage_decisions
Revises: 0004_mapping_profiles
Create Date: 2026-12-04
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005_lineage_decisions"
down_revision = "0004_mapping_profiles"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "lineage_decision",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("kind", sa.String(20), nullable=False),
        sa.Column("older_plan_key", sa.String(200), nullable=False),
        sa.Column("older_code", sa.String(80), nullable=False),
        sa.Column("newer_plan_key", sa.String(200), nullable=True),
        sa.Column("newer_code", sa.String(80), nullable=True),
        sa.Column("note", sa.Text(), nullable=True),
        sa.Column("actor", sa.String(200), nullable=False),
        sa.Column("decided_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_index("ix_lineage_decision_older_plan_key", "lineage_decision", ["older_plan_key"])


def downgrade() -> None:
    op.drop_index("ix_lineage_decision_older_plan_key", table_name="lineage_decision")
    op.drop_table("lineage_decision")
