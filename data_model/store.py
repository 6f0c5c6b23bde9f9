"""Changing the store: importing plans (atomic, idempotent by plan key), deleting them, and the change log.

Every change runs under the store-wide write lock (data_model.db.write_session), adds a StoreChange row
(the store revision) and reports what was committed, counted from the store after the commit.
"""
from __future__ import annotations

import getpass
import json
from collections.abc import Collection, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import ROUND_HALF_EVEN, Decimal

from pydantic import ValidationError
from sqlalchemy import delete, func, or_, select, update
from sqlalchemy.engine import Engine
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session

from data_model import corrections
from data_model.db import session_scope, try_write_lock, write_session
from data_model.tables import (
    CostItem,
    ImportRun,
    Organisation,
    ParseNoteRow,
    Plan,
    ProjectEntry,
    ResourceNeed,
    ServiceArea,
    SourceDocument,
    StoreChange,
    StrategicTheme,
    utc_now,
)
from loaders.errors import LoaderError, MissingOrganisationError, UnstorableValueError
from loaders.records import PlanRecord, SourceFile


class PlanConflictError(LoaderError):
    """Two files of one import hold the same plan, or a plan would be replaced without confirmation."""


class UnknownPlanError(LookupError):
    """A plan key that is not in the store."""


def local_actor() -> str:
    """Who changes the store when nobody is signed in: the operating-system user."""
    try:
        return getpass.getuser() or "local"
    except (KeyError, OSError):
        return "local"


@dataclass
class PlanSummary:
    """One plan as the store holds it after a change."""

    key: str
    source_name: str
    organisation: str
    title: str
    kind: str
    projects: int
    themes: int
    notes: int
    replaced: list[str] = field(default_factory=list)  # keys of the plans this one replaced
    imported_at: datetime | None = None
    demo: bool = False
    updated: bool = False  # a Salkku export of a stored plan: its edits became corrections, nothing was replaced
    corrected: int = 0  # corrections made by this import (edited cells of a Salkku export)
    skipped: list[str] = field(default_factory=list)  # codes of exported rows that name no stored project


@dataclass
class ImportSummary:
    plans: list[PlanSummary] = field(default_factory=list)

    @property
    def projects(self) -> int:
        return sum(plan.projects for plan in self.plans)

    @property
    def notes(self) -> int:
        return sum(plan.notes for plan in self.plans)


@dataclass(frozen=True)
class Replacement:
    """A stored plan that importing `record_key` would replace."""

    record_key: str
    source_name: str  # the file being imported
    stored_source: str  # the file the stored plan came from
    key: str
    title: str
    organisation: str
    imported_at: datetime
    projects: int


def _cents(value: Decimal | None) -> Decimal | None:
    """Money is stored to the cent (a figure in millions may carry more decimals than that)."""
    return None if value is None else value.quantize(Decimal("0.01"), rounding=ROUND_HALF_EVEN)


def _month(value: str | None) -> date | None:
    if not value:
        return None
    year, month = value.split("-")
    return date(int(year), int(month), 1)


def _validated(model, values: dict, record: PlanRecord, code: str | None = None):  # noqa: ANN001, ANN202
    """Build a row; a value the store cannot hold becomes one message naming the file and the project."""
    try:
        return model.model_validate(values)
    except ValidationError as error:
        problem = error.errors()[0]
        where = f"project {code}" if code else None
        name = ".".join(str(part) for part in problem.get("loc", ())) or "value"
        raise LoaderError(record.source_name, f"'{name}' cannot be stored: {problem.get('msg', 'invalid')}", where) from None


def _where(record: PlanRecord, project=None) -> str | None:  # noqa: ANN001  (loaders.records.ProjectRecord)
    """'row 12, project 2.1' (a sheet) or 'line 40, project 2.1' (a document), as far as it is known."""
    if project is None:
        return None
    from loaders import is_sheet

    parts = [f"{'row' if is_sheet(record.source_name) else 'line'} {project.line}" if project.line else None]
    code = project.code or ""
    if len(code) <= ProjectEntry.code.type.length:  # an over-long code is quoted in the message instead
        parts.append(f"project {code}")
    return ", ".join(part for part in parts if part) or None


def _quoted(value: str) -> str:
    return repr(value if len(value) <= 60 else value[:57] + "...")


class _Checker:
    """Compares a plan's values with the columns they go to, as data_model/tables.py defines them."""

    def __init__(self, record: PlanRecord):
        self.record = record

    def fail(self, message: str, project=None) -> None:  # noqa: ANN001
        raise UnstorableValueError(self.record.source_name, message, _where(self.record, project))

    def text(self, value: str | None, what: str, project=None, column=None) -> None:  # noqa: ANN001
        """`column` (e.g. ProjectEntry.code) bounds the length; without one (a Text column) only NUL is refused."""
        if value is None:
            return
        if "\x00" in value:
            self.fail(f"the {what} {_quoted(value)} holds a NUL character (0x00), which the store cannot hold; "
                      "remove it from the file", project)
        length = getattr(column.type, "length", None) if column is not None else None
        if length is not None and len(value) > length:
            self.fail(f"the {what} {_quoted(value)} is {len(value)} characters long; the store holds at most {length}. "
                      "Shorten it and import again", project)

    def amount(self, value: Decimal | None, what: str, project=None, column=None) -> None:  # noqa: ANN001
        if value is None:
            return
        digits = column.type.precision - column.type.scale  # Numeric(16, 2): under 10^14 once rounded to the cent
        # Compared exactly, before any rounding: quantizing a figure of 29 digits or more overflows Decimal.
        bound = Decimal(10) ** digits - Decimal(5) * Decimal(10) ** -(column.type.scale + 1)
        if not value.is_finite() or abs(value) >= bound:
            # Grouped digits while they are exact (Decimal keeps 28), a power of ten beyond that.
            shown = f"{value:,.0f}".replace(",", " ") if value.is_finite() and value.adjusted() < 24 else f"{value:.3E}"
            limit = f"{Decimal(10) ** digits:,.0f}".replace(",", " ")
            self.fail(f"the {what} {shown} is out of range: the store holds amounts under {limit}. Check the figure "
                      "in the file", project)


def check_storable(record: PlanRecord) -> None:
    """Refuse, before anything is written, a plan holding a value its column cannot take (an over-long code or
    name, an amount with too many digits, a NUL character): one UnstorableValueError naming the file and the
    project, instead of a validation or database error halfway through the import. Values write_plan shortens
    itself (a plan's title, period, part and file name) and Text columns (a project's title) need no length check."""
    check = _Checker(record)
    check.text(record.organisation, "organisation name", column=Organisation.name)
    check.text(record.key, "plan key", column=Plan.key)
    check.text(record.kind, "plan kind", column=Plan.kind)
    for value, what in ((record.title, "plan title"), (record.period, "plan period"), (record.part, "plan part")):
        check.text(value, what)
    for code, title in record.themes:
        check.text(code, "theme code", column=StrategicTheme.code)
        check.text(title, "theme title")
    for note in record.notes:
        _check_note(check, note)
    for project in record.projects:
        check.text(project.code, "project code", project, ProjectEntry.code)
        check.text(project.service_area, "service area", project, ServiceArea.name)
        for name in ("title", "section_path", "description", "impact_text", "infomgmt_a", "infomgmt_b", "infomgmt_c",
                     "infomgmt_d", "infomgmt_text", "strategic_goal"):
            check.text(getattr(project, name), name.replace("_", " "), project)
        check.text(project.schedule.text, "schedule", project)
        check.text(",".join(project.schedule.flags), "schedule flags", project, ProjectEntry.schedule_flags)
        check.text(project.probability.text, "probability", project)
        check.text(project.probability.probability_class, "probability class", project, ProjectEntry.probability_class)
        check.text(project.probability.driver, "probability driver", project, ProjectEntry.probability_driver)
        check.text(project.responsible.text, "responsible party", project, ProjectEntry.responsible_text)
        check.text(project.responsible.responsible_class, "responsible class", project, ProjectEntry.responsible_class)
        if project.costs:
            check.text(project.costs.text, "cost text", project)
            check.text(",".join(project.costs.flags), "cost flags", project, ProjectEntry.cost_flags)
            for item in project.costs.items:
                check.text(item.kind, "cost kind", project, CostItem.kind)
                check.text(item.currency, "currency", project, CostItem.currency)
                check.text(item.vat_note, "VAT note", project, CostItem.vat_note)
                check.text(item.basis, "cost basis", project, CostItem.basis)
                check.text(item.source_text, "cost text", project)
                check.amount(item.min_amount, "cost", project, CostItem.min_amount)
                check.amount(item.max_amount, "cost", project, CostItem.max_amount)
        if project.resources:
            check.text(project.resources.text, "resources text", project)
            for need in project.resources.needs:
                check.text(need.party, "resource party", project, ResourceNeed.party)
                check.text(need.unit, "resource unit", project, ResourceNeed.unit)
                check.text(need.per, "resource basis ('per')", project, ResourceNeed.per)
                check.text(need.source_text, "resources text", project)
                check.amount(need.amount_min, "resource amount", project, ResourceNeed.amount_min)
                check.amount(need.amount_max, "resource amount", project, ResourceNeed.amount_max)
        for note in project.notes:
            _check_note(check, note, project)


def _check_note(check: _Checker, note, project=None) -> None:  # noqa: ANN001
    check.text(note.field, "parse note field", project, ParseNoteRow.field)
    check.text(note.code, "parse note code", project, ParseNoteRow.code)
    check.text(note.message, "parse note", project)
    check.text(note.excerpt, "parse note excerpt", project)


def _get_or_create_organisation(session: Session, name: str) -> Organisation:
    organisation = session.scalars(select(Organisation).where(Organisation.name == name)).first()
    if organisation is None:
        organisation = Organisation.model_validate({"name": name})
        session.add(organisation)
        session.flush()
    return organisation


def _replaced_plans(session: Session, record: PlanRecord, keep: Collection[str] = ()) -> list[Plan]:
    """The stored plans `record` replaces: the same key, or the same organisation and the same content.
    Plans with a key in `keep` (written earlier in the same import) are never replaced."""
    conditions = [Plan.key == record.key]
    if record.organisation:
        organisation_id = select(Organisation.id).where(Organisation.name == record.organisation).scalar_subquery()
        conditions.append((Plan.source_checksum == record.checksum) & (Plan.organisation_id == organisation_id))
    statement = select(Plan).where(or_(*conditions))
    if keep:
        statement = statement.where(Plan.key.not_in(list(keep)))
    return list(session.scalars(statement.order_by(Plan.id)))


def plan_replacements(session: Session, records: Sequence[PlanRecord]) -> list[Replacement]:
    """What importing `records` would replace, for asking before saving."""
    found = []
    for record in records:
        for plan in _replaced_plans(session, record):
            projects = session.scalar(select(func.count()).select_from(ProjectEntry).where(ProjectEntry.plan_id == plan.id))
            organisation = session.get(Organisation, plan.organisation_id)
            found.append(Replacement(record.key or "", record.source_name, plan.source_name, plan.key, plan.title,
                                     organisation.name, plan.imported_at, projects))
    return found


def _store_document(session: Session, source: SourceFile, cache: dict[int, int]) -> int:
    from loaders import LOADER_VERSION
    from loaders.documents.plan import checksum

    if id(source) not in cache:
        document = SourceDocument.model_validate({
            "name": source.name[:300], "checksum": checksum(source.data), "size": len(source.data),
            "content": source.data, "read_options": json.dumps(source.options, ensure_ascii=False),
            "loader_version": LOADER_VERSION,
        })
        session.add(document)
        session.flush()
        cache[id(source)] = document.id
    return cache[id(source)]


def write_plan(session: Session, record: PlanRecord, *, document_id: int | None = None,
               loader_version: str | None = None, keep: Collection[str] = ()) -> list[str]:
    """Insert one plan with everything it holds, replacing the stored plan with the same key (or content).
    Returns the keys of the plans it replaced."""
    if not record.organisation:
        raise MissingOrganisationError(record.source_name, "the organisation could not be detected; give it with --organisation")
    if not record.key:
        from loaders.identity import plan_key

        record.key = plan_key(record.organisation, record.kind, record.period, record.title, record.part)
    organisation = _get_or_create_organisation(session, record.organisation)
    previous = _replaced_plans(session, record, keep)
    if previous and not record.complete:
        raise PlanConflictError(
            record.source_name, f"holds only some projects of the plan {record.key} (an export of a selection); "
            "importing it would remove the others from the stored plan. Export the whole plan, or delete the "
            "stored plan first")
    for plan in previous:
        # Children go with the plan through ON DELETE CASCADE.
        session.execute(delete(Plan).where(Plan.id == plan.id))
    session.flush()

    plan = _validated(Plan, {
        "key": record.key,
        "organisation_id": organisation.id,
        "title": record.title[:300],
        "kind": record.kind,
        "period": record.period[:200] if record.period else None,
        "period_start_year": record.period_start_year,
        "period_end_year": record.period_end_year,
        "document_date": date.fromisoformat(record.document_date) if record.document_date else None,
        "source_name": record.source_name[:300],
        "source_checksum": record.checksum,
        "demo": record.demo,
        "part": record.part[:200] if record.part else None,
        "loader_version": loader_version,
        "document_id": document_id,
    }, record)
    session.add(plan)
    session.flush()

    session.add_all(
        _validated(StrategicTheme, {"organisation_id": organisation.id, "plan_id": plan.id, "code": code, "title": title},
                   record, code)
        for code, title in record.themes
    )

    areas = {
        area.name: area
        for area in session.scalars(select(ServiceArea).where(ServiceArea.organisation_id == organisation.id))
    }
    for name in {project.service_area for project in record.projects if project.service_area} - areas.keys():
        areas[name] = _validated(ServiceArea, {"organisation_id": organisation.id, "name": name}, record)
        session.add(areas[name])
    session.flush()

    entries = []
    for position, project in enumerate(record.projects):
        entries.append(_validated(ProjectEntry, {
            "plan_id": plan.id,
            "service_area_id": areas[project.service_area].id if project.service_area else None,
            "position": position,
            "code": project.code,
            "title": project.title,
            "section_path": project.section_path,
            "source_line": project.line or None,
            "description": project.description,
            "impact_text": project.impact_text,
            "infomgmt_a": project.infomgmt_a,
            "infomgmt_b": project.infomgmt_b,
            "infomgmt_c": project.infomgmt_c,
            "infomgmt_d": project.infomgmt_d,
            "infomgmt_text": project.infomgmt_text,
            "strategic_goal": project.strategic_goal,
            "schedule_text": project.schedule.text or None,
            "start_month": _month(project.schedule.start),
            "end_month": _month(project.schedule.end),
            "schedule_flags": ",".join(project.schedule.flags),
            "probability_text": project.probability.text,
            "probability_class": project.probability.probability_class,
            "probability_driver": project.probability.driver,
            "responsible_text": project.responsible.text,
            "responsible_class": project.responsible.responsible_class,
            "cost_text": project.costs.text if project.costs else None,
            "cost_flags": ",".join(project.costs.flags) if project.costs else "",
            "resources_text": project.resources.text if project.resources else None,
            "hidden": project.hidden,
        }, record, project.code))
    session.add_all(entries)
    session.flush()

    children: list = [_note_row(plan.id, None, note, record) for note in record.notes]
    for entry, project in zip(entries, record.projects):
        if project.costs:
            for item in project.costs.items:
                children.append(_validated(CostItem, {
                    "entry_id": entry.id,
                    "kind": item.kind,
                    "min_amount": _cents(item.min_amount),
                    "max_amount": _cents(item.max_amount),
                    "currency": item.currency,
                    "vat_note": item.vat_note,
                    "basis": item.basis,
                    "source_text": item.source_text,
                }, record, project.code))
        if project.resources:
            for need in project.resources.needs:
                children.append(_validated(ResourceNeed, {
                    "entry_id": entry.id,
                    "party": need.party,
                    "amount_min": _cents(need.amount_min),
                    "amount_max": _cents(need.amount_max),
                    "unit": need.unit,
                    "per": need.per,
                    "source_text": need.source_text,
                }, record, project.code))
        children.extend(_note_row(plan.id, entry.id, note, record, project.code) for note in project.notes)
    session.add_all(children)
    session.flush()
    return [old.key for old in previous]


def _note_row(plan_id: int, entry_id: int | None, note, record: PlanRecord, code: str | None = None) -> ParseNoteRow:  # noqa: ANN001
    return _validated(ParseNoteRow, {
        "plan_id": plan_id,
        "entry_id": entry_id,
        "field": note.field,
        "code": note.code,
        "message": note.message,
        "excerpt": note.excerpt or "",
    }, record, code)


def restore_corrections(session: Session, rows: Sequence[dict]) -> None:
    """Corrections exported with a plan, stored again as they were (the plan's values already hold them)."""
    from data_model.tables import Correction

    for row in rows:
        session.add(Correction.model_validate({
            "plan_key": row["plan"], "project_code": row["code"], "field": row["field"],
            "value_read": corrections.dumps(row["value_read"]), "value": corrections.dumps(row["value"]),
            "new_read": None if row.get("new_read") is None else corrections.dumps(row["new_read"]),
            "reason": row.get("reason") or "", "source": row.get("source") or "manual", "state": row["state"],
            "actor": row.get("actor") or "?", "created_at": row.get("created_at") or utc_now(),
            "closed_by": row.get("closed_by"), "closed_at": row.get("closed_at"),
        }))
    session.flush()


def record_change(session: Session, action: str, keys: Sequence[str], detail: str = "", actor: str | None = None) -> int:
    """Log a change in the same transaction; its id is the store's new revision."""
    change = StoreChange.model_validate({"actor": (actor or local_actor())[:200], "action": action,
                                         "plans": "\n".join(keys), "detail": detail})
    session.add(change)
    session.flush()
    return change.id


REVISION = select(func.coalesce(func.max(StoreChange.id), 0))  # the newest change's number


def store_revision(session: Session) -> int:
    """The newest change's number: it moves on with every import, deletion and re-reading."""
    return session.scalar(REVISION)


def remove_orphans(session: Session) -> None:
    """Organisations, service areas and kept documents that no plan uses any more."""
    used_documents = select(Plan.document_id).where(Plan.document_id.is_not(None))
    session.execute(delete(SourceDocument).where(SourceDocument.id.not_in(used_documents)))
    used_areas = select(ProjectEntry.service_area_id).where(ProjectEntry.service_area_id.is_not(None))
    session.execute(delete(ServiceArea).where(ServiceArea.id.not_in(used_areas)))
    session.execute(delete(Organisation).where(Organisation.id.not_in(select(Plan.organisation_id))))


def plan_summaries(session: Session, keys: Sequence[str] | None = None) -> list[PlanSummary]:
    """The stored plans (all, or those with `keys`, in that order) with what they hold, counted in the store."""
    projects = select(ProjectEntry.plan_id, func.count().label("n")).group_by(ProjectEntry.plan_id).subquery()
    notes = select(ParseNoteRow.plan_id, func.count().label("n")).group_by(ParseNoteRow.plan_id).subquery()
    themes = select(StrategicTheme.plan_id, func.count().label("n")).group_by(StrategicTheme.plan_id).subquery()
    statement = (
        select(Plan, Organisation.name, func.coalesce(projects.c.n, 0), func.coalesce(themes.c.n, 0),
               func.coalesce(notes.c.n, 0))
        .join(Organisation, Plan.organisation_id == Organisation.id)
        .outerjoin(projects, projects.c.plan_id == Plan.id)
        .outerjoin(themes, themes.c.plan_id == Plan.id)
        .outerjoin(notes, notes.c.plan_id == Plan.id)
        .order_by(Organisation.name, Plan.key)
    )
    if keys is not None:
        statement = statement.where(Plan.key.in_(list(keys)))
    found = {
        plan.key: PlanSummary(plan.key, plan.source_name, organisation, plan.title, plan.kind, project_count,
                              theme_count, note_count, imported_at=plan.imported_at, demo=plan.demo)
        for plan, organisation, project_count, theme_count, note_count in session.execute(statement)
    }
    return [found[key] for key in keys if key in found] if keys is not None else list(found.values())


def check_batch(records: Sequence[PlanRecord]) -> None:
    """Two files of one import that hold the same plan would overwrite each other: refuse the import."""
    first: dict[str, PlanRecord] = {}
    for record in records:
        earlier = first.setdefault(record.key or "", record)
        if earlier is not record:
            same_file = earlier.source_name == record.source_name
            raise PlanConflictError(
                record.source_name,
                f"is given twice ({record.key}); import it once" if same_file
                else f"holds the same plan as {earlier.source_name} ({record.key}); import one of them",
            )


@dataclass
class PlanOutcome:
    """What writing one plan did."""

    replaced: list[str] = field(default_factory=list)
    updated: bool = False
    corrected: int = 0
    skipped: list[str] = field(default_factory=list)


def write_records(session: Session, records: Sequence[PlanRecord], *, confirmed: Collection[str] | None = None,
                  actor: str | None = None) -> dict[str, PlanOutcome]:
    """Write plans inside the caller's write session; returns what happened to each plan, by key."""
    from loaders import LOADER_VERSION
    from loaders.identity import plan_key

    actor = actor or local_actor()
    for record in records:  # records read outside the load_* entry points (tests, tools) get their key here
        if not record.key:
            record.key = plan_key(record.organisation, record.kind, record.period, record.title, record.part)
    check_batch(records)
    for record in records:  # before anything is written: one named error, not a database error halfway
        check_storable(record)
    outcomes: dict[str, PlanOutcome] = {}
    documents: dict[int, int] = {}
    for record in records:
        if record.from_salkku_workbook and session.scalar(select(Plan.id).where(Plan.key == record.key)):
            corrected, skipped = corrections.update_from_workbook(session, record, actor)
            outcomes[record.key] = PlanOutcome(updated=True, corrected=corrected, skipped=skipped)
            continue
        document_id = _store_document(session, record.source_file, documents) if record.source_file else None
        replaced = write_plan(session, record, document_id=document_id,
                              loader_version=LOADER_VERSION if record.source_file else None,
                              keep=list(outcomes))
        outcomes[record.key] = PlanOutcome(replaced=replaced)
        plan = session.scalars(select(Plan).where(Plan.key == record.key)).one()
        if record.corrections:  # a Salkku export into a store without the plan: its corrections come along
            restore_corrections(session, record.corrections)
        else:
            corrections.reapply(session, plan, renamed_from=replaced, replaced=record.key in replaced, actor=actor)
        unconfirmed = [key for key in replaced if confirmed is not None and key not in confirmed]
        if unconfirmed:
            raise PlanConflictError(
                record.source_name, f"would replace the stored plan {', '.join(unconfirmed)}, which was not "
                "confirmed (it may have been imported meanwhile); read the files again and confirm")
    remove_orphans(session)
    return outcomes


def import_plans(
    engine: Engine,
    records: Sequence[PlanRecord],
    files: Sequence[str] | None = None,
    *,
    confirmed: Collection[str] | None = None,
    actor: str | None = None,
) -> ImportSummary:
    """Write all plans in one transaction: all land, or none does. The attempt is logged either way.

    `confirmed`: when given, the keys of stored plans the user agreed to replace; replacing any other plan
    (say, one imported by someone else meanwhile) stops the import. The summary counts what was committed.
    """
    names = list(files or dict.fromkeys(record.source_name for record in records))
    run_id = start_import_run(engine, names)
    try:
        with write_session(engine) as session:
            outcomes = write_records(session, records, confirmed=confirmed, actor=actor)
            record_change(session, "import", [record.key for record in records],
                          f"{len(records)} plans from {', '.join(names)}", actor)
    except IntegrityError as error:
        conflict = PlanConflictError(", ".join(names), "another import saved the same plan at the same moment; "
                                     "nothing was stored, import again")
        finish_import_run(engine, run_id, error=conflict)
        raise conflict from error
    except Exception as error:
        finish_import_run(engine, run_id, error=error)
        raise
    with Session(engine) as session:
        summary = ImportSummary(plan_summaries(session, [record.key for record in records]))
    for plan in summary.plans:
        outcome = outcomes.get(plan.key, PlanOutcome())
        plan.replaced, plan.updated, plan.corrected, plan.skipped = (
            list(outcome.replaced), outcome.updated, outcome.corrected, outcome.skipped)
    finish_import_run(engine, run_id, summary=summary)
    return summary


def delete_plans(engine: Engine, keys: Sequence[str], *, actor: str | None = None) -> list[PlanSummary]:
    """Remove the plans with `keys` and everything they hold; nothing else changes. Unknown keys: nothing is
    deleted and UnknownPlanError names them."""
    with write_session(engine) as session:
        found = plan_summaries(session, list(keys))
        missing = [key for key in keys if key not in {plan.key for plan in found}]
        if missing:
            raise UnknownPlanError(f"no plan with the key {', '.join(missing)} in the store")
        session.execute(delete(Plan).where(Plan.key.in_(list(keys))))
        remove_orphans(session)
        record_change(session, "delete", list(keys), f"{len(found)} plans, {sum(p.projects for p in found)} projects",
                      actor)
    return found


def demo_plan_keys(session: Session) -> list[str]:
    return list(session.scalars(select(Plan.key).where(Plan.demo.is_(True)).order_by(Plan.key)))


def delete_demo(engine: Engine, *, actor: str | None = None) -> list[PlanSummary]:
    """Remove the sample data (plans marked demo); the store's own plans stay."""
    with Session(engine) as session:
        keys = demo_plan_keys(session)
    return delete_plans(engine, keys, actor=actor) if keys else []


def start_import_run(engine: Engine, files: Sequence[str]) -> int:
    with session_scope(engine, write=True) as session:
        run = ImportRun.model_validate({"files": "\n".join(files)})
        session.add(run)
        session.flush()
        return run.id


def finish_import_run(
    engine: Engine, run_id: int, *, summary: ImportSummary | None = None, error: BaseException | None = None
) -> None:
    with session_scope(engine, write=True) as session:
        run = session.get(ImportRun, run_id)
        run.finished_at = utc_now()
        if error is not None:
            run.outcome = "failed"
            run.error = str(error)[:4000]
        else:
            run.outcome = "ok"
            run.plans = len(summary.plans)
            run.projects = summary.projects
            run.notes = summary.notes
        session.add(run)


def record_failed_import(engine: Engine, files: Sequence[str], error: BaseException) -> None:
    """Log an attempt that failed before anything was written (e.g. a file could not be read)."""
    finish_import_run(engine, start_import_run(engine, files), error=error)


INTERRUPTED = "interrupted: the import stopped before it finished (the process ended); nothing of it was stored"


def recover_interrupted_imports(engine: Engine) -> int:
    """Mark imports left 'running' by a process that died as failed. Only while no writer holds the store lock:
    then no import is under way anywhere, so a 'running' row belongs to one that will never finish."""
    probed_at = utc_now()
    with Session(engine) as session:
        running = session.scalar(select(func.count()).select_from(ImportRun).where(ImportRun.outcome == "running"))
    if not running or not try_write_lock(engine):
        return 0
    with session_scope(engine, write=True) as session:
        result = session.execute(
            update(ImportRun).where(ImportRun.outcome == "running", ImportRun.started_at < probed_at)
            .values(outcome="failed", error=INTERRUPTED, finished_at=utc_now())
        )
        return result.rowcount


def store_counts(session: Session) -> dict[str, int]:
    """How many organisations, plans, projects and parse notes the store holds."""
    return {
        "organisations": session.scalar(select(func.count()).select_from(Organisation)),
        "plans": session.scalar(select(func.count()).select_from(Plan)),
        "projects": session.scalar(select(func.count()).select_from(ProjectEntry)),
        "notes": session.scalar(select(func.count()).select_from(ParseNoteRow)),
    }
