"""Read-side queries for the dashboard: keyword-only functions that take a Session and return DataFrames.

Filtering happens in SQL; every function accepts the same PortfolioFilter, so a page's tables and
charts always show the same selection. No Streamlit here.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

import pandas as pd
from sqlalchemy import Select, and_, func, literal, or_, select
from sqlmodel import Session

from loaders.identity import plan_name
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
)

NO_AREA = ""  # service_area filter value for entries whose area is unknown


@dataclass(frozen=True)
class PortfolioFilter:
    """The shared sidebar selection. Empty tuples mean 'all'."""

    organisations: tuple[str, ...] = ()
    plan_keys: tuple[str, ...] = ()  # a key that is not in the store selects nothing (never everything)
    service_areas: tuple[str, ...] = ()
    probability_classes: tuple[str, ...] = ()
    responsible_classes: tuple[str, ...] = ()  # "none" selects entries with no responsible party
    window_start: date | None = None  # first day of a month
    window_end: date | None = None  # first day of the last month
    search: str = ""
    # Entries without a readable schedule stay in every window: unknown is shown, not dropped.
    keep_unscheduled: bool = field(default=True)
    # Entries a person marked "not a project" are left out, unless asked for (review, exports for a round trip).
    include_hidden: bool = False


def _with_plan(statement: Select) -> Select:
    """A statement over project entries joined to their plan, organisation and (if any) service area, which is
    what the selection filters on."""
    return (
        statement.join(Plan, ProjectEntry.plan_id == Plan.id)
        .join(Organisation, Plan.organisation_id == Organisation.id)
        .outerjoin(ServiceArea, ProjectEntry.service_area_id == ServiceArea.id)
    )


def _selected(statement: Select, selection: PortfolioFilter) -> Select:
    return _apply(_with_plan(statement), selection)


def _entry_base() -> Select:
    return _with_plan(select(ProjectEntry, Plan, Organisation, ServiceArea))


def _apply(statement: Select, selection: PortfolioFilter) -> Select:
    conditions = [] if selection.include_hidden else [ProjectEntry.hidden.is_(False)]
    if selection.organisations:
        conditions.append(Organisation.name.in_(selection.organisations))
    if selection.plan_keys:
        conditions.append(Plan.key.in_(selection.plan_keys))
    if selection.service_areas:
        named = [area for area in selection.service_areas if area != NO_AREA]
        area_conditions = [ServiceArea.name.in_(named)] if named else []
        if NO_AREA in selection.service_areas:
            area_conditions.append(ProjectEntry.service_area_id.is_(None))
        conditions.append(or_(*area_conditions))
    if selection.probability_classes:
        conditions.append(ProjectEntry.probability_class.in_(selection.probability_classes))
    if selection.responsible_classes:
        named = [value for value in selection.responsible_classes if value != "none"]
        responsible = [ProjectEntry.responsible_class.in_(named)] if named else []
        if "none" in selection.responsible_classes:
            responsible.append(ProjectEntry.responsible_class.is_(None))
        conditions.append(or_(*responsible))
    if selection.window_start or selection.window_end:
        overlap = []
        if selection.window_end:
            overlap.append(or_(ProjectEntry.start_month.is_(None), ProjectEntry.start_month <= selection.window_end))
        if selection.window_start:
            overlap.append(or_(ProjectEntry.end_month.is_(None), ProjectEntry.end_month >= selection.window_start))
        scheduled = and_(*overlap)
        if selection.keep_unscheduled:
            scheduled = or_(and_(ProjectEntry.start_month.is_(None), ProjectEntry.end_month.is_(None)), scheduled)
        conditions.append(scheduled)
    if selection.search.strip():
        pattern = f"%{selection.search.strip().lower()}%"
        conditions.append(
            or_(
                func.lower(ProjectEntry.title).like(pattern),
                func.lower(ProjectEntry.code).like(pattern),
                func.lower(ProjectEntry.description).like(pattern),
                func.lower(func.coalesce(ServiceArea.name, "")).like(pattern),
            )
        )
    return statement.where(*conditions) if conditions else statement


PROJECT_COLUMNS = [
    "entry_id", "plan_id", "plan_key", "plan_name", "plan_demo", "plan_title", "plan_period", "plan_source", "organisation", "service_area", "code",
    "title", "section_path", "source_line", "description", "schedule_text", "start", "end", "schedule_flags",
    "probability_class", "probability_driver", "probability_text", "responsible_text", "responsible_class",
    "cost_text", "cost_flags", "one_off_min", "one_off_max", "annual_min", "annual_max", "currency", "cost_known",
    "cost_items", "resources_text", "needs_service_area", "needs_it", "needs_purchased_services",
    "needs_external", "needs_other", "it_person_days", "note_count", "position", "hidden", "corrected",
]


def _selected_entry_ids(selection: PortfolioFilter) -> Select:
    """The ids of the selected entries, as a subquery for the detail tables."""
    return _selected(select(ProjectEntry.id), selection)


def _plan_names(frame: pd.DataFrame) -> pd.Series:
    """plan_name for every row, worked out once per plan."""
    plans = frame[["plan_key", "organisation", "plan_title", "plan_period"]].drop_duplicates("plan_key")
    text = (lambda value: value if isinstance(value, str) else None)  # noqa: E731  (NaN in a frame is no text)
    names = {row.plan_key: plan_name(text(row.organisation), str(row.plan_title), text(row.plan_period))
             for row in plans.itertuples()}
    return frame["plan_key"].map(names)


def _frame(session: Session, statement: Select, columns: list[str]) -> pd.DataFrame:
    # Plain column rows, no ORM objects: ten thousand entries load in a fraction of a second.
    # As plain tuples: pandas probes SQLAlchemy Row objects attribute by attribute, a third slower.
    return pd.DataFrame.from_records([tuple(row) for row in session.execute(statement).all()], columns=columns)


def _months(frame: pd.DataFrame, *names: str) -> pd.DataFrame:
    for name in names:
        frame[name] = pd.to_datetime(frame[name])
    return frame


_ENTRY_COLUMNS = {
    "entry_id": ProjectEntry.id, "plan_id": Plan.id, "plan_key": Plan.key, "plan_demo": Plan.demo,
    "plan_title": Plan.title, "plan_period": Plan.period,
    "plan_source": Plan.source_name, "organisation": Organisation.name, "service_area": ServiceArea.name,
    "code": ProjectEntry.code, "title": ProjectEntry.title, "section_path": ProjectEntry.section_path,
    "source_line": ProjectEntry.source_line, "description": ProjectEntry.description,
    "schedule_text": ProjectEntry.schedule_text, "start": ProjectEntry.start_month, "end": ProjectEntry.end_month,
    "schedule_flags": ProjectEntry.schedule_flags, "probability_class": ProjectEntry.probability_class,
    "probability_driver": ProjectEntry.probability_driver, "probability_text": ProjectEntry.probability_text,
    "responsible_text": ProjectEntry.responsible_text, "responsible_class": ProjectEntry.responsible_class,
    "cost_text": ProjectEntry.cost_text, "cost_flags": ProjectEntry.cost_flags,
    "resources_text": ProjectEntry.resources_text, "position": ProjectEntry.position, "hidden": ProjectEntry.hidden,
}
# Rough conversion to one comparable IT-effort figure; the stated units stay in the needs table.
_PERSON_DAYS = {"person_days": 1.0, "person_years": 220.0}


def projects(session: Session, *, selection: PortfolioFilter = PortfolioFilter()) -> pd.DataFrame:
    """One row per project entry in the selection, with cost sums and resource parties.

    Cost sums are NaN (unknown) when a project has no readable cost item of that kind, or when any of
    its items of that kind lacks the figure: one unknown part makes the sum unknown, never zero.
    """
    statement = _selected(select(*_ENTRY_COLUMNS.values()), selection).order_by(
        Organisation.name, Plan.key, ProjectEntry.position)
    frame = _months(_frame(session, statement, list(_ENTRY_COLUMNS)), "start", "end")
    if frame.empty:
        return pd.DataFrame(columns=PROJECT_COLUMNS)
    frame["plan_name"] = _plan_names(frame)
    ids = _selected_entry_ids(selection).subquery()

    costs = _frame(
        session,
        select(
            CostItem.entry_id, CostItem.kind, func.count(), func.count(CostItem.min_amount),
            func.count(CostItem.max_amount), func.sum(CostItem.min_amount), func.sum(CostItem.max_amount),
            func.min(CostItem.currency), func.max(CostItem.currency),
        ).where(CostItem.entry_id.in_(select(ids.c.id))).group_by(CostItem.entry_id, CostItem.kind),
        ["entry_id", "kind", "items", "min_known", "max_known", "min_sum", "max_sum", "currency", "currency_max"],
    )
    # An entry's costs are in one currency; amounts in different currencies are never added up.
    currencies = costs.groupby("entry_id").agg(first=("currency", "min"), last=("currency_max", "max"))
    mixed = currencies["first"] != currencies["last"]
    frame["currency"] = frame["entry_id"].map(currencies["first"].where(~mixed, "mixed"))
    frame["cost_items"] = frame["entry_id"].map(costs.groupby("entry_id")["items"].sum()).fillna(0).astype(int)
    frame["cost_known"] = frame["cost_items"] > 0
    for kind, prefix in (("one_off", "one_off"), ("annual", "annual")):
        part = costs[costs["kind"] == kind].set_index("entry_id")
        for bound in ("min", "max"):
            # Sum only when every item of the kind has the figure.
            complete = part[f"{bound}_known"] == part["items"]
            values = part[f"{bound}_sum"].astype(float).where(complete)
            # Amounts in different currencies are never added up: such a sum is unknown.
            frame[f"{prefix}_{bound}"] = frame["entry_id"].map(values).astype(float).where(frame["currency"] != "mixed")

    needs = _frame(
        session,
        select(ResourceNeed.entry_id, ResourceNeed.party, ResourceNeed.unit, ResourceNeed.per,
               ResourceNeed.amount_min, ResourceNeed.amount_max).where(ResourceNeed.entry_id.in_(select(ids.c.id))),
        ["entry_id", "party", "unit", "per", "amount_min", "amount_max"],
    )
    for party in ("service_area", "it", "purchased_services", "external", "other"):
        frame[f"needs_{party}"] = frame["entry_id"].isin(needs.loc[needs["party"] == party, "entry_id"])
    it = needs[(needs["party"] == "it") & needs["unit"].isin(list(_PERSON_DAYS)) & needs["per"].isna()].copy()
    it["days"] = it["amount_max"].fillna(it["amount_min"]).astype(float) * it["unit"].map(_PERSON_DAYS).astype(float)
    frame["it_person_days"] = frame["entry_id"].map(it.dropna(subset=["days"]).groupby("entry_id")["days"].sum()).astype(float)

    notes = _frame(
        session,
        select(ParseNoteRow.entry_id, func.count()).where(ParseNoteRow.entry_id.in_(select(ids.c.id)))
        .group_by(ParseNoteRow.entry_id),
        ["entry_id", "notes"],
    )
    frame["note_count"] = frame["entry_id"].map(notes.set_index("entry_id")["notes"]).fillna(0).astype(int)
    from data_model.corrections import corrected_fields

    corrected = corrected_fields(session, frame["plan_key"].unique().tolist())
    frame["corrected"] = [",".join(corrected.get((key, code), [])) for key, code in zip(frame["plan_key"], frame["code"])]
    frame["hidden"] = frame["hidden"].astype(bool)
    return frame[PROJECT_COLUMNS]


# Columns every per-entry detail table (cost items, resource needs) carries about its project.
_DETAIL_ENTRY_COLUMNS = {
    "entry_id": ProjectEntry.id, "plan_key": Plan.key, "organisation": Organisation.name, "plan_title": Plan.title,
    "plan_period": Plan.period,
    "service_area": ServiceArea.name, "code": ProjectEntry.code, "title": ProjectEntry.title,
}


def _detail_frame(session: Session, selection: PortfolioFilter, model, columns: dict, amounts: tuple[str, str]):  # noqa: ANN001, ANN202
    """Rows of a table that hangs off project entries (`model.entry_id`), for the selected entries, in
    document order, with the project's schedule months and the amounts as floats."""
    columns = columns | {"start": ProjectEntry.start_month, "end": ProjectEntry.end_month}
    statement = _selected(select(*columns.values()).join(ProjectEntry, model.entry_id == ProjectEntry.id),
                          selection).order_by(Organisation.name, Plan.key, ProjectEntry.position, model.id)
    frame = _months(_frame(session, statement, list(columns)), "start", "end")
    for name in amounts:
        frame[name] = frame[name].astype(float)
    frame.insert(2, "plan_name", _plan_names(frame) if len(frame) else pd.Series(dtype=object))
    return frame


def cost_items(session: Session, *, selection: PortfolioFilter = PortfolioFilter()) -> pd.DataFrame:
    """Every cost item of the selection with the text it was read from."""
    columns = {"cost_item_id": CostItem.id} | _DETAIL_ENTRY_COLUMNS | {
        "kind": CostItem.kind, "min_amount": CostItem.min_amount, "max_amount": CostItem.max_amount,
        "currency": CostItem.currency, "vat_note": CostItem.vat_note, "basis": CostItem.basis,
        "source_text": CostItem.source_text,
    }
    return _detail_frame(session, selection, CostItem, columns, ("min_amount", "max_amount"))


def resource_needs(session: Session, *, selection: PortfolioFilter = PortfolioFilter()) -> pd.DataFrame:
    """Every resource need of the selection: party, stated amount and unit, source text, schedule."""
    columns = {"need_id": ResourceNeed.id} | _DETAIL_ENTRY_COLUMNS | {
        "party": ResourceNeed.party, "amount_min": ResourceNeed.amount_min, "amount_max": ResourceNeed.amount_max,
        "unit": ResourceNeed.unit, "per": ResourceNeed.per, "source_text": ResourceNeed.source_text,
    }
    return _detail_frame(session, selection, ResourceNeed, columns, ("amount_min", "amount_max"))


def parse_notes(session: Session, *, selection: PortfolioFilter = PortfolioFilter()) -> pd.DataFrame:
    """Parse notes of the selected plans: project notes follow the project filters; plan-level notes stay."""
    project_notes = _apply(
        select(ParseNoteRow, Plan, Organisation, ProjectEntry, ServiceArea)
        .join(Plan, ParseNoteRow.plan_id == Plan.id)
        .join(Organisation, Plan.organisation_id == Organisation.id)
        .join(ProjectEntry, ParseNoteRow.entry_id == ProjectEntry.id)
        .outerjoin(ServiceArea, ProjectEntry.service_area_id == ServiceArea.id),
        selection,
    )
    plan_level = select(ParseNoteRow, Plan, Organisation).join(Plan, ParseNoteRow.plan_id == Plan.id).join(
        Organisation, Plan.organisation_id == Organisation.id
    ).where(ParseNoteRow.entry_id.is_(None))
    if selection.organisations:
        plan_level = plan_level.where(Organisation.name.in_(selection.organisations))
    if selection.plan_keys:
        plan_level = plan_level.where(Plan.key.in_(selection.plan_keys))
    columns = [
        "note_id", "organisation", "plan_id", "plan_key", "plan_name", "plan_title", "plan_source", "entry_id", "code", "title",
        "service_area", "field", "note_code", "message", "excerpt",
    ]
    records = []
    for note, plan, organisation, entry, area in session.exec(project_notes).all():
        records.append(_note_record(note, plan, organisation, entry, area))
    for note, plan, organisation in session.exec(plan_level).all():
        records.append(_note_record(note, plan, organisation, None, None))
    frame = pd.DataFrame.from_records(records, columns=columns)
    return frame.sort_values(["organisation", "plan_key", "note_id"], kind="stable").reset_index(drop=True)


def _note_record(note, plan, organisation, entry, area) -> dict:  # noqa: ANN001
    return {
        "note_id": note.id,
        "organisation": organisation.name,
        "plan_id": plan.id,
        "plan_key": plan.key,
        "plan_name": plan_name(organisation.name, plan.title, plan.period),
        "plan_title": plan.title,
        "plan_source": plan.source_name,
        "entry_id": entry.id if entry else None,
        "code": entry.code if entry else None,
        "title": entry.title if entry else None,
        "service_area": area.name if area else None,
        "field": note.field,
        "note_code": note.code,
        "message": note.message,
        "excerpt": note.excerpt,
    }


def plans(session: Session) -> pd.DataFrame:
    """Every plan in the store with its organisation, period, source and size, newest last per organisation."""
    entry_counts = (
        select(ProjectEntry.plan_id, func.count().label("projects")).group_by(ProjectEntry.plan_id).subquery()
    )
    note_counts = select(ParseNoteRow.plan_id, func.count().label("notes")).group_by(ParseNoteRow.plan_id).subquery()
    statement = (
        select(
            Plan,
            Organisation.name,
            func.coalesce(entry_counts.c.projects, literal(0)),
            func.coalesce(note_counts.c.notes, literal(0)),
        )
        .join(Organisation, Plan.organisation_id == Organisation.id)
        .outerjoin(entry_counts, entry_counts.c.plan_id == Plan.id)
        .outerjoin(note_counts, note_counts.c.plan_id == Plan.id)
    )
    records = [
        {
            "plan_id": plan.id,
            "key": plan.key,
            "name": plan_name(organisation, plan.title, plan.period),
            "organisation": organisation,
            "title": plan.title,
            "kind": plan.kind,
            "period": plan.period,
            "period_start_year": plan.period_start_year,
            "period_end_year": plan.period_end_year,
            "document_date": pd.Timestamp(plan.document_date) if plan.document_date else pd.NaT,
            "source_name": plan.source_name,
            "source_checksum": plan.source_checksum,
            "imported_at": _naive(plan.imported_at),
            "demo": bool(plan.demo),
            "part": plan.part,
            "loader_version": plan.loader_version,
            "has_document": plan.document_id is not None,
            "projects": projects_count,
            "notes": notes_count,
        }
        for plan, organisation, projects_count, notes_count in session.execute(statement).all()
    ]
    frame = pd.DataFrame.from_records(records, columns=PLAN_COLUMNS)
    return sort_plans(frame)


PLAN_COLUMNS = [
    "plan_id", "key", "name", "organisation", "title", "kind", "period", "period_start_year", "period_end_year",
    "document_date", "source_name", "source_checksum", "imported_at", "demo", "part", "loader_version",
    "has_document", "projects", "notes",
]


def _naive(value) -> pd.Timestamp:  # noqa: ANN001
    stamp = pd.Timestamp(value)
    return stamp.tz_convert("UTC").tz_localize(None) if stamp.tzinfo else stamp


def sort_plans(frame: pd.DataFrame) -> pd.DataFrame:
    """Oldest to newest within each organisation: by period, then the document's date, then import time, then
    key. Every part of the order is a stored value, so the newest plan is the same on every rerun."""
    ordered = frame.sort_values(
        ["organisation", "period_end_year", "period_start_year", "document_date", "imported_at", "key"],
        na_position="first", kind="mergesort",
    )
    return ordered.reset_index(drop=True)


def default_plan_keys(plan_frame: pd.DataFrame) -> tuple[str, ...]:
    """The latest action plan of each organisation: the 'current portfolio' a meeting looks at."""
    action = sort_plans(plan_frame[plan_frame["kind"] == "action_plan"])
    if action.empty:
        return ()
    return tuple(str(key) for key in action.groupby("organisation", sort=True)["key"].last())


def filter_options(session: Session) -> dict[str, list]:
    """Values the sidebar filters offer."""
    areas = session.exec(
        select(ServiceArea.name).join(ProjectEntry, ProjectEntry.service_area_id == ServiceArea.id).distinct()
    ).scalars().all()
    unnamed = session.scalar(select(func.count()).select_from(ProjectEntry).where(ProjectEntry.service_area_id.is_(None)))
    return {
        "organisations": sorted(session.exec(select(Organisation.name)).scalars().all()),
        "service_areas": sorted(areas) + ([NO_AREA] if unnamed else []),
    }


def strategic_themes(session: Session) -> pd.DataFrame:
    statement = (
        select(StrategicTheme, Organisation.name, Plan.key)
        .join(Organisation, StrategicTheme.organisation_id == Organisation.id)
        .outerjoin(Plan, StrategicTheme.plan_id == Plan.id)
        .order_by(Organisation.name, StrategicTheme.id)
    )
    return pd.DataFrame.from_records(
        [{"organisation": name, "plan_key": key, "code": theme.code, "title": theme.title}
         for theme, name, key in session.execute(statement).all()],
        columns=["organisation", "plan_key", "code", "title"],
    )


def plans_in(session: Session, *, selection: PortfolioFilter = PortfolioFilter()) -> pd.DataFrame:
    """The plans a selection is drawn from: its organisations and plan keys (project filters aside)."""
    frame = plans(session)
    if selection.organisations:
        frame = frame[frame["organisation"].isin(selection.organisations)]
    if selection.plan_keys:
        frame = frame[frame["key"].isin(selection.plan_keys)]
    return frame.reset_index(drop=True)


ENTRY_TEXT_COLUMNS = ("impact_text", "infomgmt_a", "infomgmt_b", "infomgmt_c", "infomgmt_d", "infomgmt_text",
                      "strategic_goal")


def entry_texts(session: Session, *, selection: PortfolioFilter = PortfolioFilter()) -> pd.DataFrame:
    """The long texts of the selected entries that the dashboard frames leave out (for exports)."""
    columns = {"entry_id": ProjectEntry.id} | {name: getattr(ProjectEntry, name) for name in ENTRY_TEXT_COLUMNS}
    return _frame(session, _selected(select(*columns.values()), selection), list(columns))


def entry_id_for(session: Session, *, plan_key: str, code: str) -> int | None:
    """The entry of project `code` in the plan `plan_key` (the first, should a plan repeat a code)."""
    return session.scalar(
        select(ProjectEntry.id).join(Plan, ProjectEntry.plan_id == Plan.id)
        .where(Plan.key == plan_key, ProjectEntry.code == code).order_by(ProjectEntry.position).limit(1)
    )


def project_detail(session: Session, *, entry_id: int) -> dict | None:
    """Every stored field of one entry, with its cost items, resource needs, notes and corrections."""
    from data_model.corrections import corrections, entry_values

    row = session.exec(_entry_base().where(ProjectEntry.id == entry_id)).first()
    if row is None:
        return None
    entry, plan, organisation, area = row
    return {
        "entry": entry.model_dump(),
        "plan": plan.model_dump(),
        "organisation": organisation.name,
        "service_area": area.name if area else None,
        "cost_items": [item.model_dump() for item in session.exec(select(CostItem).where(CostItem.entry_id == entry_id)).scalars()],
        "resource_needs": [
            need.model_dump() for need in session.exec(select(ResourceNeed).where(ResourceNeed.entry_id == entry_id)).scalars()
        ],
        "notes": [
            note.model_dump() for note in session.exec(select(ParseNoteRow).where(ParseNoteRow.entry_id == entry_id)).scalars()
        ],
        # The values in effect (corrections applied) and every correction of the project, newest last.
        "values": entry_values(session, entry),
        "corrections": [row for row in corrections(session, plan.key) if row["code"] == entry.code],
    }


def last_import(session: Session) -> ImportRun | None:
    return session.exec(select(ImportRun).order_by(ImportRun.id.desc())).scalars().first()


_CONTENT_ENTRY_FIELDS = (
    "code", "title", "section_path", "source_line", "description", "impact_text", "infomgmt_a", "infomgmt_b",
    "infomgmt_c", "infomgmt_d", "infomgmt_text", "strategic_goal", "schedule_text", "start_month", "end_month",
    "schedule_flags", "probability_text", "probability_class", "probability_driver", "responsible_text",
    "responsible_class", "cost_text", "cost_flags", "resources_text", "hidden",
)


def plan_contents(session: Session, keys: list[str] | None = None) -> dict[str, dict]:
    """Everything the store holds for each plan, in plain values and document order: for comparing two stores
    (an export imported back) or a plan before and after it is read again."""
    plan_rows = session.execute(
        select(Plan, Organisation.name).join(Organisation, Plan.organisation_id == Organisation.id)
        .where(Plan.key.in_(keys) if keys is not None else True).order_by(Plan.key)
    ).all()
    contents: dict[str, dict] = {}
    plan_keys = {}
    for plan, organisation in plan_rows:
        plan_keys[plan.id] = plan.key
        contents[plan.key] = {
            "plan": {"organisation": organisation, "title": plan.title, "kind": plan.kind, "period": plan.period,
                     "period_start_year": plan.period_start_year, "period_end_year": plan.period_end_year,
                     "document_date": plan.document_date, "source_name": plan.source_name, "part": plan.part,
                     "demo": bool(plan.demo)},
            "themes": [], "notes": [], "projects": [],
        }
    if not contents:
        return contents
    ids = list(plan_keys)
    for theme in session.scalars(select(StrategicTheme).where(StrategicTheme.plan_id.in_(ids)).order_by(StrategicTheme.id)):
        contents[plan_keys[theme.plan_id]]["themes"].append((theme.code, theme.title))
    entries = {}
    for entry, area in session.execute(
        select(ProjectEntry, ServiceArea.name).outerjoin(ServiceArea, ProjectEntry.service_area_id == ServiceArea.id)
        .where(ProjectEntry.plan_id.in_(ids)).order_by(ProjectEntry.plan_id, ProjectEntry.position)
    ):
        row = {name: getattr(entry, name) for name in _CONTENT_ENTRY_FIELDS}
        row |= {"service_area": area, "costs": [], "needs": [], "notes": []}
        entries[entry.id] = row
        contents[plan_keys[entry.plan_id]]["projects"].append(row)
    entry_ids = list(entries)
    for item in session.scalars(select(CostItem).where(CostItem.entry_id.in_(entry_ids)).order_by(CostItem.id)):
        entries[item.entry_id]["costs"].append((item.kind, item.min_amount, item.max_amount, item.currency,
                                                item.vat_note, item.basis, item.source_text))
    for need in session.scalars(select(ResourceNeed).where(ResourceNeed.entry_id.in_(entry_ids)).order_by(ResourceNeed.id)):
        entries[need.entry_id]["needs"].append((need.party, need.amount_min, need.amount_max, need.unit, need.per,
                                                need.source_text))
    for note in session.scalars(select(ParseNoteRow).where(ParseNoteRow.plan_id.in_(ids)).order_by(ParseNoteRow.id)):
        value = (note.field, note.code, note.message, note.excerpt)
        if note.entry_id is None:
            contents[plan_keys[note.plan_id]]["notes"].append(value)
        else:
            entries[note.entry_id]["notes"].append(value)
    return contents


def content_totals(contents: dict[str, dict]) -> dict[str, int]:
    """How much a plan_contents() dump holds: plans, projects, cost items, resource needs, notes and themes."""
    projects = [project for plan in contents.values() for project in plan["projects"]]
    return {
        "plans": len(contents), "projects": len(projects),
        "cost items": sum(len(project["costs"]) for project in projects),
        "resource needs": sum(len(project["needs"]) for project in projects),
        "parse notes": sum(len(plan["notes"]) for plan in contents.values())
        + sum(len(project["notes"]) for project in projects),
        "strategic themes": sum(len(plan["themes"]) for plan in contents.values()),
    }


def _cost_sum(costs: list[tuple], kind: str, bound: int) -> float | int | None:
    values = [item[bound] for item in costs if item[0] == kind]
    if not values or any(value is None for value in values) or len({item[3] for item in costs if item[0] == kind}) > 1:
        return None  # unknown (a part unknown, or amounts in several currencies): never 0
    total = sum(values, Decimal(0))
    return int(total) if total == total.to_integral_value() else float(total)


def stored_projects_json(session: Session, plan_key: str | None = None) -> list[dict]:
    """The stored projects with every correction applied, in the keys of `parse --json`, plus the plan key,
    whether the project is hidden as "not a project", and the list of corrected fields."""
    from data_model.corrections import corrected_fields

    contents = plan_contents(session, [plan_key] if plan_key else None)
    corrected = corrected_fields(session, list(contents))
    number = (lambda value: None if value is None else (int(value) if value == value.to_integral_value() else float(value)))  # noqa: E731
    rows = []
    for key, plan in contents.items():
        for project in plan["projects"]:
            costs = project["costs"]
            rows.append({
                "plan": key, "organisation": plan["plan"]["organisation"], "code": project["code"],
                "title": project["title"], "service_area": project["service_area"],
                "start": project["start_month"].strftime("%Y-%m") if project["start_month"] else None,
                "end": project["end_month"].strftime("%Y-%m") if project["end_month"] else None,
                "cost_one_off_min": _cost_sum(costs, "one_off", 1), "cost_one_off_max": _cost_sum(costs, "one_off", 2),
                "cost_annual_min": _cost_sum(costs, "annual", 1), "cost_annual_max": _cost_sum(costs, "annual", 2),
                "probability": project["probability_class"], "probability_driver": project["probability_driver"],
                "responsible": project["responsible_text"], "responsible_class": project["responsible_class"],
                "cost_items": [{"kind": kind, "min": number(low), "max": number(high), "currency": currency}
                               for kind, low, high, currency, *_ in costs],
                "resources": [{"party": party, "amount_min": number(low), "amount_max": number(high), "unit": unit,
                               "per": per} for party, low, high, unit, per, _ in project["needs"]],
                "hidden": bool(project["hidden"]),
                "corrected": corrected.get((key, project["code"]), []),
            })
    return rows


REVIEW_COLUMNS = ["entry_id", "plan_key", "plan_name", "organisation", "code", "title", "note_count", "unknown",
                  "unknown_count", "values", "reviewed", "corrected", "open", "confirmed"]


def review_queue(session: Session, *, selection: PortfolioFilter = PortfolioFilter()) -> pd.DataFrame:
    """One row per project of the selection with how many of its values are reviewed (confirmed as read or
    corrected) and still open, which are unknown, and its parse notes; the ones to look at first come first."""
    from data_model.corrections import REVIEW_FIELDS, corrected_fields, reviewed_fields

    frame = projects(session, selection=selection)
    if frame.empty:
        return pd.DataFrame(columns=REVIEW_COLUMNS)
    keys = frame["plan_key"].unique().tolist()
    corrected, reviewed = corrected_fields(session, keys), reviewed_fields(session, keys)
    unknown = pd.DataFrame({
        "service_area": frame["service_area"].isna(), "start": frame["start"].isna(), "end": frame["end"].isna(),
        "probability": frame["probability_class"] == "unknown", "responsible": frame["responsible_text"].isna(),
        "costs": frame["cost_items"] == 0,
    })
    # Which values are unknown, as "service_area,costs": worked out once per combination, not per row.
    names = list(unknown.columns)
    missing_texts: dict[tuple[bool, ...], str] = {}
    for flags in set(map(tuple, unknown.to_numpy().tolist())):
        missing_texts[flags] = ",".join(name for name, missing in zip(names, flags) if missing)
    review_fields = set(REVIEW_FIELDS)
    rows = []
    columns = (frame[name].tolist() for name in ("entry_id", "plan_key", "plan_name", "organisation", "code", "title",
                                                  "note_count"))
    for (entry_id, plan_key, plan_name_, organisation, code, title, note_count), flags in zip(
            zip(*columns), map(tuple, unknown.to_numpy().tolist())):
        done_by_correction = set(corrected.get((plan_key, code), [])) & review_fields
        confirmed = reviewed.get((plan_key, code), set()) - done_by_correction
        checked = len(done_by_correction | confirmed)
        rows.append({
            "entry_id": entry_id, "plan_key": plan_key, "plan_name": plan_name_,
            "organisation": organisation, "code": code, "title": title,
            "note_count": note_count, "unknown": missing_texts[flags], "unknown_count": sum(flags),
            "values": len(REVIEW_FIELDS), "reviewed": checked, "corrected": len(done_by_correction),
            "open": len(REVIEW_FIELDS) - checked, "confirmed": len(confirmed),
        })
    queue = pd.DataFrame(rows, columns=REVIEW_COLUMNS)
    # Open projects with notes or unknown values first, then the other open ones, the fully reviewed last.
    queue["_done"] = queue["open"] == 0
    queue["_plain"] = (queue["note_count"] + queue["unknown_count"]) == 0
    queue = queue.sort_values(["_done", "_plain", "note_count", "unknown_count"], ascending=[True, True, False, False],
                              kind="mergesort")
    return queue.drop(columns=["_done", "_plain"]).reset_index(drop=True)


def review_summary(queue: pd.DataFrame) -> pd.DataFrame:
    """Per plan: projects, values, reviewed, corrected, open and the share checked."""
    if queue.empty:
        return pd.DataFrame(columns=["plan_key", "plan_name", "projects", "values", "reviewed", "corrected", "open", "share"])
    summary = queue.groupby(["plan_key", "plan_name"], sort=True).agg(
        projects=("code", "size"), values=("values", "sum"), reviewed=("reviewed", "sum"),
        corrected=("corrected", "sum"), open=("open", "sum")).reset_index()
    summary["share"] = summary["reviewed"] / summary["values"]
    return summary


def conflicts(session: Session, *, selection: PortfolioFilter = PortfolioFilter()) -> pd.DataFrame:
    """Corrections that a newer reading of their plan contradicts, for the plans of the selection."""
    from data_model.corrections import corrections

    plan_frame = plans_in(session, selection=selection)
    rows = [row for key in plan_frame["key"] for row in corrections(session, key, states=("conflict",))]
    names = dict(zip(plan_frame["key"], plan_frame["name"]))
    columns = ["id", "plan", "plan_name", "code", "field", "value_read", "value", "new_read", "reason", "actor"]
    return pd.DataFrame([{**row, "plan_name": names.get(row["plan"])} for row in rows], columns=columns)


def change_log(session: Session, *, limit: int = 200) -> pd.DataFrame:
    """The newest changes of the store: when, who, what, which plans."""
    from data_model.tables import StoreChange

    rows = session.scalars(select(StoreChange).order_by(StoreChange.id.desc()).limit(limit))
    return pd.DataFrame.from_records(
        [{"revision": row.id, "changed_at": _naive(row.changed_at), "actor": row.actor, "action": row.action,
          "plans": row.plans.replace("\n", ", "), "detail": row.detail} for row in rows],
        columns=["revision", "changed_at", "actor", "action", "plans", "detail"],
    )
