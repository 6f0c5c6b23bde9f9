"""Baseline: the store as the first release made it with create_all (November 2026).

Stores from that release have these tables and no alembic_version; data_model.schema stamps them with
this revision before upgrading them.

Revision ID: 0001_baseline
Revises:
Create Date: 2026-12-02
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001_baseline"
down_revision = None
branch_labels = None
depends_on = None


def _id() -> sa.Column:
    return sa.Column("id", sa.Integer(), primary_key=True)


def _parent(table: str, name: str, nullable: bool = False) -> sa.Column:
    return sa.Column(name, sa.Integer(), sa.ForeignKey(f"{table}.id", ondelete="CASCADE"), nullable=nullable)


def upgrade() -> None:
    op.create_table(
        "organisation", _id(), sa.Column("name", sa.String(200), nullable=False),
    )
    op.create_index("ix_organisation_name", "organisation", ["name"], unique=True)
    op.create_table(
        "import_run", _id(),
        sa.Column("started_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("finished_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("files", sa.Text(), nullable=False),
        sa.Column("outcome", sa.String(20), nullable=False),
        sa.Column("error", sa.Text(), nullable=True),
        sa.Column("plans", sa.Integer(), nullable=False),
        sa.Column("projects", sa.Integer(), nullable=False),
        sa.Column("notes", sa.Integer(), nullable=False),
    )
    op.create_table(
        "plan", _id(), _parent("organisation", "organisation_id"),
        sa.Column("title", sa.String(300), nullable=False),
        sa.Column("kind", sa.String(20), nullable=False),
        sa.Column("period", sa.String(200), nullable=True),
        sa.Column("period_start_year", sa.Integer(), nullable=True),
        sa.Column("period_end_year", sa.Integer(), nullable=True),
        sa.Column("document_date", sa.Date(), nullable=True),
        sa.Column("source_name", sa.String(300), nullable=False),
        sa.Column("source_checksum", sa.String(64), nullable=False),
        sa.Column("imported_at", sa.DateTime(timezone=True), nullable=False),
        sa.UniqueConstraint("organisation_id", "source_name"),
    )
    op.create_index("ix_plan_source_checksum", "plan", ["source_checksum"])
    op.create_index("ix_plan_organisation_id", "plan", ["organisation_id"])
    op.create_table(
        "service_area", _id(), _parent("organisation", "organisation_id"),
        sa.Column("name", sa.String(200), nullable=False),
        sa.UniqueConstraint("organisation_id", "name"),
    )
    op.create_index("ix_service_area_organisation_id", "service_area", ["organisation_id"])
    op.create_table(
        "strategic_theme", _id(), _parent("organisation", "organisation_id"), _parent("plan", "plan_id", nullable=True),
        sa.Column("code", sa.String(40), nullable=False),
        sa.Column("title", sa.Text(), nullable=False),
    )
    op.create_index("ix_strategic_theme_organisation_id", "strategic_theme", ["organisation_id"])
    op.create_index("ix_strategic_theme_plan_id", "strategic_theme", ["plan_id"])
    op.create_table(
        "project_entry", _id(), _parent("plan", "plan_id"),
        sa.Column("service_area_id", sa.Integer(), sa.ForeignKey("service_area.id"), nullable=True),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("code", sa.String(40), nullable=False),
        sa.Column("title", sa.Text(), nullable=False),
        sa.Column("section_path", sa.Text(), nullable=False),
        sa.Column("source_line", sa.Integer(), nullable=True),
        sa.Column("description", sa.Text(), nullable=False),
        *(sa.Column(name, sa.Text(), nullable=True) for name in (
            "impact_text", "infomgmt_a", "infomgmt_b", "infomgmt_c", "infomgmt_d", "infomgmt_text", "strategic_goal",
            "schedule_text",
        )),
        sa.Column("start_month", sa.Date(), nullable=True),
        sa.Column("end_month", sa.Date(), nullable=True),
        sa.Column("schedule_flags", sa.String(300), nullable=False),
        sa.Column("probability_text", sa.Text(), nullable=True),
        sa.Column("probability_class", sa.String(20), nullable=False),
        sa.Column("probability_driver", sa.String(40), nullable=True),
        sa.Column("responsible_text", sa.String(300), nullable=True),
        sa.Column("responsible_class", sa.String(20), nullable=True),
        sa.Column("cost_text", sa.Text(), nullable=True),
        sa.Column("cost_flags", sa.String(300), nullable=False),
        sa.Column("resources_text", sa.Text(), nullable=True),
    )
    for column in ("end_month", "plan_id", "start_month", "probability_class", "service_area_id"):
        op.create_index(f"ix_project_entry_{column}", "project_entry", [column])
    op.create_table(
        "cost_item", _id(), _parent("project_entry", "entry_id"),
        sa.Column("kind", sa.String(20), nullable=False),
        sa.Column("min_amount", sa.Numeric(16, 2), nullable=True),
        sa.Column("max_amount", sa.Numeric(16, 2), nullable=True),
        sa.Column("currency", sa.String(3), nullable=False),
        sa.Column("vat_note", sa.String(100), nullable=True),
        sa.Column("basis", sa.String(40), nullable=True),
        sa.Column("source_text", sa.Text(), nullable=False),
    )
    op.create_index("ix_cost_item_entry_id", "cost_item", ["entry_id"])
    op.create_table(
        "resource_need", _id(), _parent("project_entry", "entry_id"),
        sa.Column("party", sa.String(30), nullable=False),
        sa.Column("amount_min", sa.Numeric(10, 2), nullable=True),
        sa.Column("amount_max", sa.Numeric(10, 2), nullable=True),
        sa.Column("unit", sa.String(20), nullable=True),
        sa.Column("per", sa.String(60), nullable=True),
        sa.Column("source_text", sa.Text(), nullable=False),
    )
    op.create_index("ix_resource_need_entry_id", "resource_need", ["entry_id"])
    op.create_table(
        "parse_note", _id(), _parent("plan", "plan_id"), _parent("project_entry", "entry_id", nullable=True),
        sa.Column("field", sa.String(40), nullable=False),
        sa.Column("code", sa.String(80), nullable=False),
        sa.Column("message", sa.Text(), nullable=False),
        sa.Column("excerpt", sa.Text(), nullable=False),
    )
    op.create_index("ix_parse_note_entry_id", "parse_note", ["entry_id"])
    op.create_index("ix_parse_note_plan_id", "parse_note", ["plan_id"])


def downgrade() -> None:
    for table in ("parse_note", "resource_need", "cost_item", "project_entry", "strategic_theme", "service_area",
                  "plan", "import_run", "organisation"):
        op.drop_table(table)
