"""Parsed plans as JSON: the flat per-project objects of `parse --json`, and whole plans for sample data."""
from __future__ import annotations

import dataclasses
from dataclasses import asdict
from decimal import Decimal
from typing import Any

from loaders.records import (
    CostItem,
    CostReading,
    ParseNote,
    PlanRecord,
    ProbabilityReading,
    ProjectRecord,
    ResourceNeed,
    ResourceReading,
    ResponsibleReading,
    ScheduleReading,
)


def _number(value: Decimal | None) -> int | float | None:
    if value is None:
        return None
    return int(value) if value == value.to_integral_value() else float(value)


def _sum(items: list[CostItem], kind: str, attribute: str) -> Decimal | None:
    values = [getattr(item, attribute) for item in items if item.kind == kind]
    if not values or any(value is None for value in values):
        return None  # one unknown part makes the total unknown
    return sum(values, Decimal(0))


def project_json(project: ProjectRecord, plan: PlanRecord) -> dict[str, Any]:
    """The flat object printed by `python -m loaders parse FILE --json`."""
    items = list(project.costs.items) if project.costs else []
    return {
        "code": project.code,
        "title": project.title,
        "service_area": project.service_area,
        "start": project.schedule.start,
        "end": project.schedule.end,
        "cost_one_off_min": _number(_sum(items, "one_off", "min_amount")),
        "cost_one_off_max": _number(_sum(items, "one_off", "max_amount")),
        "cost_annual_min": _number(_sum(items, "annual", "min_amount")),
        "cost_annual_max": _number(_sum(items, "annual", "max_amount")),
        "probability": project.probability.probability_class,
        "responsible": project.responsible.text,
        "responsible_class": project.responsible.responsible_class,
        "probability_driver": project.probability.driver,
        "probability_text": project.probability.text,
        "schedule_text": project.schedule.text or None,
        "schedule_flags": list(project.schedule.flags),
        "cost_text": project.costs.text if project.costs else None,
        "cost_flags": list(project.costs.flags) if project.costs else [],
        "cost_items": [
            {
                "kind": item.kind,
                "min": _number(item.min_amount),
                "max": _number(item.max_amount),
                "currency": item.currency,
                "vat_note": item.vat_note,
                "basis": item.basis,
                "source_text": item.source_text,
            }
            for item in items
        ],
        "resources_text": project.resources.text if project.resources else None,
        "resources": [
            {
                "party": need.party,
                "amount_min": _number(need.amount_min),
                "amount_max": _number(need.amount_max),
                "unit": need.unit,
                "per": need.per,
                "source_text": need.source_text,
            }
            for need in (project.resources.needs if project.resources else ())
        ],
        "strategic_goal": project.strategic_goal,
        "impact": project.impact_text,
        "infomgmt": {
            "a": project.infomgmt_a,
            "b": project.infomgmt_b,
            "c": project.infomgmt_c,
            "d": project.infomgmt_d,
            "text": project.infomgmt_text,
        },
        "description": project.description,
        "section_path": project.section_path,
        "line": project.line,
        "organisation": plan.organisation,
        "plan_period": plan.period,
        "source": plan.source_name,
        "notes": [asdict(note) for note in project.notes],
    }


# ---------------------------------------------------------------- whole plans (sample data)


def _plain(value: Any) -> Any:
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, dict):
        return {key: _plain(item) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(item) for item in value]
    return value


def plan_to_dict(plan: PlanRecord) -> dict[str, Any]:
    """The plan as plain JSON values; the source file's bytes stay out."""
    data = _plain(asdict(dataclasses.replace(plan, source_file=None)))
    data.pop("source_file", None)
    return data


def _decimal(value: str | None) -> Decimal | None:
    return None if value is None else Decimal(value)


def _notes(rows: list[dict]) -> tuple[ParseNote, ...]:
    return tuple(ParseNote(**row) for row in rows)


def plan_from_dict(data: dict[str, Any]) -> PlanRecord:
    """The inverse of plan_to_dict."""
    projects = []
    for row in data.get("projects", []):
        schedule = row["schedule"]
        costs = row.get("costs")
        resources = row.get("resources")
        projects.append(
            ProjectRecord(
                **{
                    key: row[key]
                    for key in (
                        "code", "title", "service_area", "section_path", "line", "description", "impact_text",
                        "infomgmt_a", "infomgmt_b", "infomgmt_c", "infomgmt_d", "infomgmt_text", "strategic_goal",
                    )
                },
                schedule=ScheduleReading(
                    text=schedule["text"],
                    start=schedule["start"],
                    end=schedule["end"],
                    flags=tuple(schedule["flags"]),
                    notes=_notes(schedule["notes"]),
                ),
                probability=ProbabilityReading(**row["probability"]),
                responsible=ResponsibleReading(**row["responsible"]),
                costs=None
                if costs is None
                else CostReading(
                    text=costs["text"],
                    items=tuple(
                        CostItem(**{**item, "min_amount": _decimal(item["min_amount"]), "max_amount": _decimal(item["max_amount"])})
                        for item in costs["items"]
                    ),
                    flags=tuple(costs["flags"]),
                    notes=_notes(costs["notes"]),
                ),
                resources=None
                if resources is None
                else ResourceReading(
                    text=resources["text"],
                    needs=tuple(
                        ResourceNeed(
                            **{
                                **need,
                                "amount_min": _decimal(need["amount_min"]),
                                "amount_max": _decimal(need["amount_max"]),
                            }
                        )
                        for need in resources["needs"]
                    ),
                    notes=_notes(resources["notes"]),
                ),
                notes=list(_notes(row["notes"])),
            )
        )
    fields = {key: value for key, value in data.items() if key not in ("projects", "themes", "notes", "source_file")}
    return PlanRecord(
        **fields,
        projects=projects,
        themes=[tuple(theme) for theme in data.get("themes", [])],
        notes=list(_notes(data.get("notes", []))),
    )
