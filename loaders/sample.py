"""Sample data: the reference plans as structured records, without the documents' descriptive text.

Only fields and figures are kept; any free text of 60 characters or more is dropped, so the
sample holds facts read from the plans, not their sentences.
"""
from __future__ import annotations

import dataclasses
import json
from pathlib import Path

from loaders.records import ParseNote, PlanRecord
from loaders.serialize import plan_from_dict, plan_to_dict

SHORT_TEXT = 60


def _short(text: str | None) -> str | None:
    if text is None:
        return None
    return text if len(text) < SHORT_TEXT else None


def _note(note: ParseNote) -> ParseNote:
    return dataclasses.replace(note, excerpt=_short(note.excerpt) or "")


def sample_records(plans: list[PlanRecord]) -> list[PlanRecord]:
    """Copies of `plans` with descriptions and long free-text values removed."""
    result = []
    for plan in plans:
        projects = []
        for project in plan.projects:
            schedule = dataclasses.replace(
                project.schedule,
                text=_short(project.schedule.text) or "",
                notes=tuple(_note(n) for n in project.schedule.notes),
            )
            costs = project.costs and dataclasses.replace(
                project.costs,
                text=_short(project.costs.text) or "",
                items=tuple(dataclasses.replace(i, source_text=_short(i.source_text) or "") for i in project.costs.items),
                notes=tuple(_note(n) for n in project.costs.notes),
            )
            resources = project.resources and dataclasses.replace(
                project.resources,
                text=_short(project.resources.text) or "",
                needs=tuple(
                    dataclasses.replace(n, source_text=_short(n.source_text) or "") for n in project.resources.needs
                ),
                notes=tuple(_note(n) for n in project.resources.notes),
            )
            projects.append(
                dataclasses.replace(
                    project,
                    description="",
                    impact_text=None,
                    infomgmt_a=None,
                    infomgmt_b=None,
                    infomgmt_c=None,
                    infomgmt_d=None,
                    infomgmt_text=None,
                    strategic_goal=None,
                    schedule=schedule,
                    probability=dataclasses.replace(project.probability, text=_short(project.probability.text)),
                    responsible=dataclasses.replace(project.responsible, text=_short(project.responsible.text)),
                    costs=costs,
                    resources=resources,
                    notes=[_note(n) for n in project.notes],
                )
            )
        result.append(dataclasses.replace(plan, projects=projects, notes=[_note(n) for n in plan.notes]))
    return result


def write_sample(plans: list[PlanRecord], path: Path) -> None:
    payload = {"format": "salkku-sample-1", "plans": [plan_to_dict(plan) for plan in plans]}
    path.write_text(json.dumps(payload, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")


def read_sample(path: Path) -> list[PlanRecord]:
    payload = json.loads(path.read_text(encoding="utf-8"))
    return [plan_from_dict(plan) for plan in payload["plans"]]
