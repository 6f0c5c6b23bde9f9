"""Stable plan keys, demo marking, kept source documents, and the change log that gives the store its revision.

- plan.key: readable identity from organisation, kind and period; plans from one file no longer collide on
  their file name (the old unique (organisation_id, source_name) goes).
- plan.demo: the sample data that the first release loaded into empty stores is marked as demo.
- plan.part, plan.loader_version, plan.document_id, and source_document: the bytes a plan was read from.
- store_change (who changed what, when; its newest id is the store revision) and store_setting.

Revision ID: 0002_plan_keys
Revises: 0001_baseline
Create Date: 2026-12-02
"""
from __future__ import annotations

import re
from datetime import datetime, timezone

import sqlalchemy as sa
from alembic import op
from slugify import slugify

revision = "0002_plan_keys"
down_revision = "0001_baseline"
branch_labels = None
depends_on = None

SAMPLE_FILES = "reference_plans.json\nesimerkkila_toimenpidesuunnitelma_2027.md"
_KIND_WORDS = {"action_plan": "toimenpidesuunnitelma", "strategy": "strategia"}


def _key(organisation: str, kind: str, period: str | None, title: str) -> str:
    """The plan key as the loaders made it when this migration was written (frozen here on purpose)."""
    def slug(text, limit):  # noqa: ANN001, ANN202
        return slugify(text or "", max_length=limit, word_boundary=True)

    span = re.search(r"((?:19|20)\d{2})\s*[–—-]\s*((?:19|20)?\d{2})(?!\d)", period or "")
    years = re.findall(r"(?:19|20)\d{2}", period or "")
    if span:
        end = span.group(2) if len(span.group(2)) == 4 else span.group(1)[:2] + span.group(2)
        when = f"{span.group(1)}-{end}"
    else:
        when = years[-1] if years else slug(period, 40)
    parts = [slug(organisation, 60) or "tuntematon", _KIND_WORDS.get(kind, slug(kind, 30)), when or slug(title, 60)]
    return "-".join(part for part in parts if part)[:200]


def _aware(value):  # noqa: ANN001, ANN202
    return value.replace(tzinfo=timezone.utc) if value is not None and value.tzinfo is None else value


def upgrade() -> None:
    bind = op.get_bind()
    op.create_table(
        "source_document",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("name", sa.String(300), nullable=False),
        sa.Column("checksum", sa.String(64), nullable=False),
        sa.Column("size", sa.Integer(), nullable=False),
        sa.Column("content", sa.LargeBinary(), nullable=False),
        sa.Column("read_options", sa.Text(), nullable=False),
        sa.Column("loader_version", sa.String(40), nullable=False),
        sa.Column("imported_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_index("ix_source_document_checksum", "source_document", ["checksum"])
    op.create_table(
        "store_change",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("changed_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("actor", sa.String(200), nullable=False),
        sa.Column("action", sa.String(40), nullable=False),
        sa.Column("plans", sa.Text(), nullable=False),
        sa.Column("detail", sa.Text(), nullable=False),
    )
    op.create_table(
        "store_setting",
        sa.Column("name", sa.String(60), primary_key=True),
        sa.Column("value", sa.Text(), nullable=False),
    )

    # The first release's unique (organisation_id, source_name) had no name of ours: SQLite keeps it unnamed
    # (batch mode names it by convention while copying the table), PostgreSQL named it itself.
    if bind.dialect.name == "sqlite":
        batch = op.batch_alter_table("plan", naming_convention={"uq": "uq_%(table_name)s_%(column_0_name)s"})
        old_unique = "uq_plan_organisation_id"
    else:
        batch = op.batch_alter_table("plan")
        old_unique = "plan_organisation_id_source_name_key"
    with batch as plan:
        plan.add_column(sa.Column("key", sa.String(200), nullable=True))
        plan.add_column(sa.Column("demo", sa.Boolean(), nullable=False, server_default=sa.false()))
        plan.add_column(sa.Column("part", sa.String(200), nullable=True))
        plan.add_column(sa.Column("loader_version", sa.String(40), nullable=True))
        plan.add_column(sa.Column("document_id", sa.Integer(), nullable=True))
        plan.create_foreign_key("fk_plan_document_id", "source_document", ["document_id"], ["id"], ondelete="SET NULL")
        plan.drop_constraint(old_unique, type_="unique")

    plans = sa.table(
        "plan", sa.column("id", sa.Integer), sa.column("organisation_id", sa.Integer), sa.column("kind", sa.String),
        sa.column("period", sa.String), sa.column("title", sa.String), sa.column("key", sa.String),
        sa.column("demo", sa.Boolean), sa.column("imported_at", sa.DateTime(timezone=True)),
    )
    organisations = sa.table("organisation", sa.column("id", sa.Integer), sa.column("name", sa.String))
    runs = sa.table(
        "import_run", sa.column("files", sa.Text), sa.column("outcome", sa.String),
        sa.column("started_at", sa.DateTime(timezone=True)), sa.column("finished_at", sa.DateTime(timezone=True)),
    )
    sample_windows = [
        (_aware(row.started_at), _aware(row.finished_at))
        for row in bind.execute(sa.select(runs.c.started_at, runs.c.finished_at)
                                .where(runs.c.files == SAMPLE_FILES, runs.c.outcome == "ok"))
        if row.finished_at is not None
    ]
    taken: set[str] = set()
    demo_count = 0
    rows = bind.execute(
        sa.select(plans.c.id, organisations.c.name, plans.c.kind, plans.c.period, plans.c.title, plans.c.imported_at)
        .join(organisations, organisations.c.id == plans.c.organisation_id).order_by(plans.c.id)
    ).all()
    for row in rows:
        key, number = _key(row.name, row.kind, row.period, row.title), 2
        candidate = key
        while candidate in taken:
            candidate, number = f"{key[:196]}-{number}", number + 1
        taken.add(candidate)
        imported = _aware(row.imported_at)
        demo = any(start <= imported <= end for start, end in sample_windows)
        demo_count += demo
        bind.execute(plans.update().where(plans.c.id == row.id).values(key=candidate, demo=demo))

    with op.batch_alter_table("plan") as plan:
        plan.alter_column("key", existing_type=sa.String(200), nullable=False)
        plan.create_index("ix_plan_key", ["key"], unique=True)
        plan.create_index("ix_plan_document_id", ["document_id"])

    now = datetime.now(timezone.utc)
    if demo_count:
        op.bulk_insert(sa.table("store_setting", sa.column("name", sa.String), sa.column("value", sa.Text)),
                       [{"name": "sample_data_loaded", "value": now.isoformat()}])
    op.bulk_insert(
        sa.table("store_change", sa.column("changed_at", sa.DateTime(timezone=True)), sa.column("actor", sa.String),
                 sa.column("action", sa.String), sa.column("plans", sa.Text), sa.column("detail", sa.Text)),
        [{"changed_at": now, "actor": "salkku", "action": "upgrade", "plans": "",
          "detail": f"0001_baseline -> 0002_plan_keys: {len(rows)} plans given keys, {demo_count} marked as demo"}],
    )


def downgrade() -> None:
    with op.batch_alter_table("plan") as plan:
        plan.drop_index("ix_plan_document_id")
        plan.drop_index("ix_plan_key")
        plan.drop_constraint("fk_plan_document_id", type_="foreignkey")
        for column in ("document_id", "loader_version", "part", "demo", "key"):
            plan.drop_column(column)
        plan.create_unique_constraint("uq_plan_organisation_id", ["organisation_id", "source_name"])
    op.drop_table("store_setting")
    op.drop_table("store_change")
    op.drop_index("ix_source_document_checksum", "source_document")
    op.drop_table("source_document")
