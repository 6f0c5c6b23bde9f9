"""Writing parsed plans into the store: idempotent (a plan imported again replaces itself) and atomic."""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import ROUND_HALF_EVEN, Decimal

from sqlalchemy import delete, func, or_
from sqlalchemy.engine import Engine
from sqlmodel import Session, select

from data_model.db import session_scope
from data_model.tables import (
    CostItem,
    ImportRun,
    Organisation,
    ParseNoteRow,
    Plan,
    ProjectEntry,
    ResourceNeed,
    ServiceArea,
    StrategicTheme,
    utc_now,
)
from loaders.errors import LoaderError
from loaders.records import PlanRecord


@dataclass
class PlanSummary:
    source_name: str
    organisation: str
    kind: str
    projects: int
    themes: int
    notes: int
    replaced: bool


@dataclass
class ImportSummary:
    plans: list[PlanSummary] = field(default_factory=list)

    @property
    def projects(self) -> int:
        return sum(plan.projects for plan in self.plans)

    @property
    def notes(self) -> int:
        return sum(plan.notes for plan in self.plans)


def _cents(value: Decimal | None) -> Decimal | None:
    """Money is stored to the cent (a figure in millions may carry more decimals than that)."""
    return None if value is None else value.quantize(Decimal("0.01"), rounding=ROUND_HALF_EVEN)


def _month(value: str | None) -> date | None:
    if not value:
        return None
    year, month = value.split("-")
    return date(int(year), int(month), 1)


def _get_or_create_organisation(session: Session, name: str) -> Organisation:
    organisation = session.exec(select(Organisation).where(Organisation.name == name)).first()
    if organisation is None:
        organisation = Organisation.model_validate({"name": name})
        session.add(organisation)
        session.flush()
    return organisation


def write_plan(session: Session, record: PlanRecord) -> PlanSummary:
    """Insert one plan with everything it holds, replacing an earlier import of the same document."""
    if not record.organisation:
        raise LoaderError(record.source_name, "the organisation could not be detected; give it with --organisation")
    organisation = _get_or_create_organisation(session, record.organisation)
    previous = session.exec(
        select(Plan).where(
            Plan.organisation_id == organisation.id,
            or_(Plan.source_name == record.source_name, Plan.source_checksum == record.checksum),
        )
    ).all()
    for plan in previous:
        # Children go with the plan through ON DELETE CASCADE.
        session.exec(delete(Plan).where(Plan.id == plan.id))
    session.flush()

    plan = Plan.model_validate(
        {
            "organisation_id": organisation.id,
            "title": record.title[:300],
            "kind": record.kind,
            "period": record.period,
            "period_start_year": record.period_start_year,
            "period_end_year": record.period_end_year,
            "document_date": date.fromisoformat(record.document_date) if record.document_date else None,
            "source_name": record.source_name,
            "source_checksum": record.checksum,
        }
    )
    session.add(plan)
    session.flush()

    if record.kind == "strategy":
        session.exec(delete(StrategicTheme).where(StrategicTheme.organisation_id == organisation.id))
        session.add_all(
            StrategicTheme.model_validate(
                {"organisation_id": organisation.id, "plan_id": plan.id, "code": code, "title": title}
            )
            for code, title in record.themes
        )

    areas = {
        area.name: area
        for area in session.exec(select(ServiceArea).where(ServiceArea.organisation_id == organisation.id)).all()
    }
    for name in {project.service_area for project in record.projects if project.service_area} - areas.keys():
        areas[name] = ServiceArea.model_validate({"organisation_id": organisation.id, "name": name})
        session.add(areas[name])
    session.flush()

    entries = []
    for position, project in enumerate(record.projects):
        entries.append(
            ProjectEntry.model_validate(
                {
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
                }
            )
        )
    session.add_all(entries)
    session.flush()

    children: list = []
    note_count = 0
    for note in record.notes:
        children.append(_note_row(plan.id, None, note))
        note_count += 1
    for entry, project in zip(entries, record.projects):
        if project.costs:
            for item in project.costs.items:
                children.append(
                    CostItem.model_validate(
                        {
                            "entry_id": entry.id,
                            "kind": item.kind,
                            "min_amount": _cents(item.min_eur),
                            "max_amount": _cents(item.max_eur),
                            "currency": item.currency,
                            "vat_note": item.vat_note,
                            "basis": item.basis,
                            "source_text": item.source_text,
                        }
                    )
                )
        if project.resources:
            for need in project.resources.needs:
                children.append(
                    ResourceNeed.model_validate(
                        {
                            "entry_id": entry.id,
                            "party": need.party,
                            "amount_min": _cents(need.amount_min),
                            "amount_max": _cents(need.amount_max),
                            "unit": need.unit,
                            "per": need.per,
                            "source_text": need.source_text,
                        }
                    )
                )
        for note in project.notes:
            children.append(_note_row(plan.id, entry.id, note))
            note_count += 1
    session.add_all(children)
    session.flush()
    return PlanSummary(
        source_name=record.source_name,
        organisation=organisation.name,
        kind=record.kind,
        projects=len(record.projects),
        themes=len(record.themes),
        notes=note_count,
        replaced=bool(previous),
    )


def _note_row(plan_id: int, entry_id: int | None, note) -> ParseNoteRow:  # noqa: ANN001
    return ParseNoteRow.model_validate(
        {
            "plan_id": plan_id,
            "entry_id": entry_id,
            "field": note.field,
            "code": note.code,
            "message": note.message,
            "excerpt": note.excerpt or "",
        }
    )


def import_plans(engine: Engine, records: Sequence[PlanRecord], files: Sequence[str] | None = None) -> ImportSummary:
    """Write all plans in one transaction: all land, or none does. The attempt is logged either way."""
    run_id = start_import_run(engine, files or [record.source_name for record in records])
    try:
        summary = ImportSummary()
        with session_scope(engine) as session:
            for record in records:
                summary.plans.append(write_plan(session, record))
    except Exception as error:
        finish_import_run(engine, run_id, error=error)
        raise
    finish_import_run(engine, run_id, summary=summary)
    return summary


def start_import_run(engine: Engine, files: Sequence[str]) -> int:
    with session_scope(engine) as session:
        run = ImportRun.model_validate({"files": "\n".join(files)})
        session.add(run)
        session.flush()
        return run.id


def finish_import_run(
    engine: Engine, run_id: int, *, summary: ImportSummary | None = None, error: BaseException | None = None
) -> None:
    with session_scope(engine) as session:
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


def store_counts(session: Session) -> dict[str, int]:
    """How many organisations, plans, projects and parse notes the store holds."""
    return {
        "organisations": session.exec(select(func.count()).select_from(Organisation)).one(),
        "plans": session.exec(select(func.count()).select_from(Plan)).one(),
        "projects": session.exec(select(func.count()).select_from(ProjectEntry)).one(),
        "notes": session.exec(select(func.count()).select_from(ParseNoteRow)).one(),
    }
