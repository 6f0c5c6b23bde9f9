"""Sheet mapping profiles in the store (per organisation, shared by every server), not on one server's disk.

Revision ID: 0004_mapping_profiles
Revises: 0003_corrections
Create Date: 2026-12-02
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004_mapping_profiles"
down_revision = "0003_corrections"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "mapping_profile",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("organisation", sa.String(200), nullable=False),
        sa.Column("name", sa.String(80), nullable=False),
        sa.Column("content", sa.Text(), nullable=False),
        sa.Column("created_by", sa.String(200), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_by", sa.String(200), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.UniqueConstraint("organisation", "name", name="uq_mapping_profile_name"),
    )


def downgrade() -> None:
    op.drop_table("mapping_profile")
