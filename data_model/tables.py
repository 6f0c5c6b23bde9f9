"""The SQLModel tables of the portfolio store.

Every value read from a document is stored next to the text it came from, so a user can check it.
Money is Numeric (Decimal), never float; unknown is NULL, never zero.
"""
from __future__ import annotations

from datetime import date, datetime, timezone
from decimal import Decimal

from sqlalchemy import Boolean, Column, DateTime, ForeignKey, Integer, LargeBinary, Text, UniqueConstraint, false
from sqlmodel import Field, SQLModel


def utc_now() -> datetime:
    return datetime.now(timezone.utc)


def _parent(table: str, nullable: bool = False) -> Column:
    # ON DELETE CASCADE so replacing a plan removes all it owns in one statement, on SQLite and PostgreSQL.
    return Column(Integer, ForeignKey(f"{table}.id", ondelete="CASCADE"), nullable=nullable, index=True)


class Organisation(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(unique=True, index=True, max_length=200)


class StrategicTheme(SQLModel, table=True):
    """A focus area of an organisation's IT strategy."""

    __tablename__ = "strategic_theme"
    id: int | None = Field(default=None, primary_key=True)
    organisation_id: int = Field(sa_column=_parent("organisation"))
    plan_id: int | None = Field(default=None, sa_column=_parent("plan", nullable=True))
    code: str = Field(max_length=40)
    title: str = Field(sa_column=Column(Text, nullable=False))


class SourceDocument(SQLModel, table=True):
    """The bytes of an imported file, kept so a later loader can read it again (`python -m loaders reparse`)."""

    __tablename__ = "source_document"
    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(max_length=300)
    checksum: str = Field(max_length=64, index=True)
    size: int
    content: bytes = Field(sa_column=Column(LargeBinary, nullable=False))
    read_options: str = Field(default="{}", sa_column=Column(Text, nullable=False, default="{}"))  # JSON
    loader_version: str = Field(max_length=40)
    imported_at: datetime = Field(default_factory=utc_now, sa_type=DateTime(timezone=True))


class Plan(SQLModel, table=True):
    """One plan read from a document or a sheet: an action plan or a strategy, known by its stable key."""

    id: int | None = Field(default=None, primary_key=True)
    key: str = Field(max_length=200, unique=True, index=True)  # see loaders.identity; links use it, never the id
    organisation_id: int = Field(sa_column=_parent("organisation"))
    title: str = Field(max_length=300)
    kind: str = Field(default="action_plan", max_length=20)
    period: str | None = Field(default=None, max_length=200)
    period_start_year: int | None = None
    period_end_year: int | None = None
    document_date: date | None = None
    source_name: str = Field(max_length=300)
    source_checksum: str = Field(max_length=64, index=True)
    imported_at: datetime = Field(default_factory=utc_now, sa_type=DateTime(timezone=True))
    demo: bool = Field(default=False, sa_column=Column(Boolean, nullable=False, default=False, server_default=false()))
    part: str | None = Field(default=None, max_length=200)  # the sub-portfolio of a split sheet, e.g. an agency
    loader_version: str | None = Field(default=None, max_length=40)  # None: imported before versions were kept
    document_id: int | None = Field(
        default=None,
        sa_column=Column(Integer, ForeignKey("source_document.id", ondelete="SET NULL"), nullable=True, index=True),
    )


class ServiceArea(SQLModel, table=True):
    __tablename__ = "service_area"
    __table_args__ = (UniqueConstraint("organisation_id", "name"),)
    id: int | None = Field(default=None, primary_key=True)
    organisation_id: int = Field(sa_column=_parent("organisation"))
    name: str = Field(max_length=200)


class ProjectEntry(SQLModel, table=True):
    """A project as one plan states it; the same project in another plan is another entry."""

    __tablename__ = "project_entry"
    id: int | None = Field(default=None, primary_key=True)
    plan_id: int = Field(sa_column=_parent("plan"))
    service_area_id: int | None = Field(default=None, foreign_key="service_area.id", index=True)
    position: int  # order in the document
    code: str = Field(max_length=40)
    title: str = Field(sa_column=Column(Text, nullable=False))
    section_path: str = Field(default="", sa_column=Column(Text, nullable=False, default=""))
    source_line: int | None = None
    description: str = Field(default="", sa_column=Column(Text, nullable=False, default=""))
    impact_text: str | None = Field(default=None, sa_column=Column(Text))
    infomgmt_a: str | None = Field(default=None, sa_column=Column(Text))
    infomgmt_b: str | None = Field(default=None, sa_column=Column(Text))
    infomgmt_c: str | None = Field(default=None, sa_column=Column(Text))
    infomgmt_d: str | None = Field(default=None, sa_column=Column(Text))
    infomgmt_text: str | None = Field(default=None, sa_column=Column(Text))
    strategic_goal: str | None = Field(default=None, sa_column=Column(Text))
    schedule_text: str | None = Field(default=None, sa_column=Column(Text))
    start_month: date | None = Field(default=None, index=True)  # first day of the month
    end_month: date | None = Field(default=None, index=True)  # first day of the last month
    schedule_flags: str = Field(default="", max_length=300)  # comma-separated
    probability_text: str | None = Field(default=None, sa_column=Column(Text))
    probability_class: str = Field(default="unknown", max_length=20, index=True)
    probability_driver: str | None = Field(default=None, max_length=40)
    responsible_text: str | None = Field(default=None, max_length=300)
    responsible_class: str | None = Field(default=None, max_length=20)
    cost_text: str | None = Field(default=None, sa_column=Column(Text))
    cost_flags: str = Field(default="", max_length=300)
    resources_text: str | None = Field(default=None, sa_column=Column(Text))
    # "Not a project": an entry a person hid (reversibly, through a correction); left out of every figure.
    hidden: bool = Field(default=False, sa_column=Column(Boolean, nullable=False, default=False, server_default=false()))


class CostItem(SQLModel, table=True):
    __tablename__ = "cost_item"
    id: int | None = Field(default=None, primary_key=True)
    entry_id: int = Field(sa_column=_parent("project_entry"))
    kind: str = Field(max_length=20)  # one_off | annual
    min_amount: Decimal | None = Field(default=None, max_digits=16, decimal_places=2)
    max_amount: Decimal | None = Field(default=None, max_digits=16, decimal_places=2)
    currency: str = Field(default="EUR", max_length=3)
    vat_note: str | None = Field(default=None, max_length=100)
    basis: str | None = Field(default=None, max_length=40)
    source_text: str = Field(sa_column=Column(Text, nullable=False))


class ResourceNeed(SQLModel, table=True):
    __tablename__ = "resource_need"
    id: int | None = Field(default=None, primary_key=True)
    entry_id: int = Field(sa_column=_parent("project_entry"))
    party: str = Field(max_length=30)  # service_area | it | purchased_services | external | other
    amount_min: Decimal | None = Field(default=None, max_digits=10, decimal_places=2)
    amount_max: Decimal | None = Field(default=None, max_digits=10, decimal_places=2)
    unit: str | None = Field(default=None, max_length=20)  # person_days | person_years | persons
    per: str | None = Field(default=None, max_length=60)
    source_text: str = Field(sa_column=Column(Text, nullable=False))


class ParseNoteRow(SQLModel, table=True):
    """What the loader could not read, or read with a caveat."""

    __tablename__ = "parse_note"
    id: int | None = Field(default=None, primary_key=True)
    plan_id: int = Field(sa_column=_parent("plan"))
    entry_id: int | None = Field(default=None, sa_column=_parent("project_entry", nullable=True))
    field: str = Field(max_length=40)
    code: str = Field(max_length=80)
    message: str = Field(sa_column=Column(Text, nullable=False))
    excerpt: str = Field(default="", sa_column=Column(Text, nullable=False, default=""))


class ImportRun(SQLModel, table=True):
    """One import attempt, kept also when it failed (then it changed nothing else)."""

    __tablename__ = "import_run"
    id: int | None = Field(default=None, primary_key=True)
    started_at: datetime = Field(default_factory=utc_now, sa_type=DateTime(timezone=True))
    finished_at: datetime | None = Field(default=None, sa_type=DateTime(timezone=True))
    files: str = Field(sa_column=Column(Text, nullable=False))  # newline-separated file names
    outcome: str = Field(default="running", max_length=20)  # running | ok | failed (also: interrupted)
    error: str | None = Field(default=None, sa_column=Column(Text))
    plans: int = 0
    projects: int = 0
    notes: int = 0


class StoreChange(SQLModel, table=True):
    """Every committed change of the store (import, deletion, re-reading): who, when, what.

    The newest id is the store's revision: cached page data is keyed by it, so every server process
    sharing one store shows a change on its next rerun.
    """

    __tablename__ = "store_change"
    id: int | None = Field(default=None, primary_key=True)
    changed_at: datetime = Field(default_factory=utc_now, sa_type=DateTime(timezone=True))
    actor: str = Field(max_length=200)
    action: str = Field(max_length=40)  # import | delete | reparse | sample
    plans: str = Field(default="", sa_column=Column(Text, nullable=False, default=""))  # newline-separated keys
    detail: str = Field(default="", sa_column=Column(Text, nullable=False, default=""))


class Correction(SQLModel, table=True):
    """A value a person corrected, kept beside what the loader read. It names the project by plan key and project
    code (not by row id), so it outlives a re-import of the plan and can follow the project to the next version.

    value_read and value are JSON. state: applied (the store shows `value`), conflict (the document now says
    `new_read`, which is not what the correction was made against: not applied, waiting for review), undone, or
    superseded (a later correction of the same field took its place).
    """

    id: int | None = Field(default=None, primary_key=True)
    plan_key: str = Field(max_length=200, index=True)
    project_code: str = Field(max_length=40)
    field: str = Field(max_length=40)
    value_read: str = Field(sa_column=Column(Text, nullable=False))
    value: str = Field(sa_column=Column(Text, nullable=False))
    new_read: str | None = Field(default=None, sa_column=Column(Text))
    reason: str = Field(default="", sa_column=Column(Text, nullable=False, default=""))
    source: str = Field(default="manual", max_length=20)  # manual | excel | carried | cli
    carried_from: int | None = Field(default=None)  # the correction of an earlier plan version it came from
    state: str = Field(default="applied", max_length=20, index=True)
    actor: str = Field(max_length=200)
    created_at: datetime = Field(default_factory=utc_now, sa_type=DateTime(timezone=True))
    closed_by: str | None = Field(default=None, max_length=200)  # who undid it
    closed_at: datetime | None = Field(default=None, sa_type=DateTime(timezone=True))


class Review(SQLModel, table=True):
    """A value a person checked and confirmed as read. Valid while the plan still reads the same."""

    __table_args__ = (UniqueConstraint("plan_key", "project_code", "field", name="uq_review_value"),)
    id: int | None = Field(default=None, primary_key=True)
    plan_key: str = Field(max_length=200, index=True)
    project_code: str = Field(max_length=40)
    field: str = Field(max_length=40)
    value_read: str = Field(sa_column=Column(Text, nullable=False))
    actor: str = Field(max_length=200)
    created_at: datetime = Field(default_factory=utc_now, sa_type=DateTime(timezone=True))


class MappingProfileRow(SQLModel, table=True):
    """A sheet mapping profile saved by a user, for one organisation ("" = any): shared by every server."""

    __tablename__ = "mapping_profile"
    __table_args__ = (UniqueConstraint("organisation", "name", name="uq_mapping_profile_name"),)
    id: int | None = Field(default=None, primary_key=True)
    organisation: str = Field(default="", max_length=200)
    name: str = Field(max_length=80)
    content: str = Field(sa_column=Column(Text, nullable=False))  # the profile as JSON
    created_by: str = Field(max_length=200)
    created_at: datetime = Field(default_factory=utc_now, sa_type=DateTime(timezone=True))
    updated_by: str = Field(max_length=200)
    updated_at: datetime = Field(default_factory=utc_now, sa_type=DateTime(timezone=True))


class LineageDecision(SQLModel, table=True):
    """A person's decision on project lineage (data_model.lineage): on a pair of entries of two plan versions
    (confirm, reject, split, link) or on a project (done, cancelled, merged into the `newer` entry). Entries are
    named by plan key and code, so a decision survives a re-import; every decision is kept, the newest counts."""

    __tablename__ = "lineage_decision"
    id: int | None = Field(default=None, primary_key=True)
    kind: str = Field(max_length=20)
    older_plan_key: str = Field(max_length=200, index=True)
    older_code: str = Field(max_length=80)
    newer_plan_key: str | None = Field(default=None, max_length=200)
    newer_code: str | None = Field(default=None, max_length=80)
    note: str | None = Field(default=None, sa_column=Column(Text))
    actor: str = Field(max_length=200)
    decided_at: datetime = Field(default_factory=utc_now, sa_type=DateTime(timezone=True))


class StoreSetting(SQLModel, table=True):
    """Small facts about the store itself, e.g. that the sample data was loaded once."""

    __tablename__ = "store_setting"
    name: str = Field(primary_key=True, max_length=60)
    value: str = Field(sa_column=Column(Text, nullable=False))


# Tables that hold portfolio content, in dependency order (used by tests and the sample loader).
CONTENT_TABLES = (Organisation, SourceDocument, Plan, StrategicTheme, ServiceArea, ProjectEntry, CostItem, ResourceNeed, ParseNoteRow)
