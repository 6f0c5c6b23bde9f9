"""Reading stored documents again with the current loader (`python -m loaders reparse`), in one transaction,
and saying what changed per plan."""
from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass, field

from sqlalchemy import delete, select
from sqlalchemy.engine import Engine

from data_model.db import write_session
from data_model.queries import plan_contents
from data_model.store import UnknownPlanError, record_change, remove_orphans, write_records
from data_model.tables import Plan, SourceDocument

# Fields compared per project (the parse notes are compared as a count).
_COMPARED = ("title", "service_area", "start_month", "end_month", "probability_class", "probability_driver",
             "responsible_class", "responsible_text", "schedule_text", "cost_text", "costs", "needs")


@dataclass
class PlanChange:
    key: str
    source: str
    added: list[str] = field(default_factory=list)  # project codes
    removed: list[str] = field(default_factory=list)
    changed: list[tuple[str, str, object, object]] = field(default_factory=list)  # code, field, before, after
    notes_before: int = 0
    notes_after: int = 0
    skipped: str | None = None  # why the plan was not read again
    new_key: str | None = None  # when the loader now names the plan differently

    def describe(self) -> str:
        if self.skipped:
            return f"{self.key}: not read again: {self.skipped}"
        head = f"{self.key} ({self.source})" + (f" -> {self.new_key}" if self.new_key and self.new_key != self.key else "")
        if not (self.added or self.removed or self.changed or self.notes_before != self.notes_after):
            return f"{head}: no change"
        lines = [f"{head}: {len(self.added)} projects added, {len(self.removed)} removed, "
                 f"{len(self.changed)} values changed, parse notes {self.notes_before} -> {self.notes_after}"]
        if self.added:
            lines.append("  added: " + ", ".join(self.added))
        if self.removed:
            lines.append("  removed: " + ", ".join(self.removed))
        lines += [f"  {code} {name}: {_short(before)} -> {_short(after)}" for code, name, before, after in self.changed]
        return "\n".join(lines)


def _short(value: object) -> str:
    text = "unknown" if value in (None, "", [], ()) else str(value)
    return text if len(text) <= 80 else text[:77] + "..."


def _notes(plan: dict) -> int:
    return len(plan["notes"]) + sum(len(project["notes"]) for project in plan["projects"])


def compare(key: str, before: dict, after: dict) -> PlanChange:
    change = PlanChange(key=key, source=before["plan"]["source_name"], notes_before=_notes(before),
                        notes_after=_notes(after))
    old = {project["code"]: project for project in before["projects"]}
    new = {project["code"]: project for project in after["projects"]}
    change.added = [code for code in new if code not in old]
    change.removed = [code for code in old if code not in new]
    for code in old.keys() & new.keys():
        for name in _COMPARED:
            if old[code][name] != new[code][name]:
                change.changed.append((code, name, old[code][name], new[code][name]))
    change.changed.sort(key=lambda item: (list(new).index(item[0]), _COMPARED.index(item[1])))
    return change


def _read(document: SourceDocument) -> list:
    from loaders import is_sheet, load_document_bytes, load_sheet
    from loaders.sheets.mapping import MappingProfile

    options = json.loads(document.read_options or "{}")
    if is_sheet(document.name):
        profile = MappingProfile.from_json(options["profile"]) if options.get("profile") else None
        return load_sheet(document.name, document.content, profile=profile, organisation=options.get("organisation"),
                          period=options.get("period"))
    return [load_document_bytes(document.name, document.content, organisation=options.get("organisation"),
                                period=options.get("period"), encoding=options.get("encoding"))]


def reparse(engine: Engine, keys: Sequence[str] | None = None, *, actor: str | None = None) -> list[PlanChange]:
    """Read the documents of the plans with `keys` (default: all) again and store what the loader reads now.
    Plans whose document is not kept (sample data, imports of the first release) are reported, not changed.
    A document that cannot be read any more stops everything (LoaderError), and nothing changes."""
    with write_session(engine) as session:
        plans = list(session.scalars(select(Plan).order_by(Plan.key)
                                     .where(Plan.key.in_(list(keys)) if keys else True)))
        if keys:
            missing = sorted(set(keys) - {plan.key for plan in plans})
            if missing:
                raise UnknownPlanError(f"no plan with the key {', '.join(missing)} in the store")
        report = [PlanChange(plan.key, plan.source_name, skipped="its document is not kept in the store (sample data "
                             "or an import by an earlier version); import the file again")
                  for plan in plans if plan.document_id is None]
        by_document: dict[int, list[Plan]] = {}
        for plan in plans:
            if plan.document_id is not None:
                by_document.setdefault(plan.document_id, []).append(plan)
        if not by_document:
            return report
        before = plan_contents(session, [plan.key for group in by_document.values() for plan in group])
        records = []
        for document_id, group in by_document.items():
            document = session.get(SourceDocument, document_id)
            read = _read(document)
            # A plan of a sheet read again with a profile keeps its place; a plan the loader no longer finds goes.
            records += read
        new_keys = {record.key for record in records}
        replaced = {key: outcome.replaced for key, outcome in write_records(session, records, actor=actor).items()}
        gone = [key for key in before if key not in new_keys and not any(key in old for old in replaced.values())]
        if gone:
            session.execute(delete(Plan).where(Plan.key.in_(gone)))
            remove_orphans(session)
        after = plan_contents(session, sorted(new_keys))
        renamed = {old: new for new, olds in replaced.items() for old in olds}
        for key, contents in before.items():
            target = renamed.get(key, key)
            if target in after:
                change = compare(key, contents, after[target])
                change.new_key = target
            else:
                change = PlanChange(key, contents["plan"]["source_name"], removed=[p["code"] for p in contents["projects"]],
                                    notes_before=_notes(contents))
            report.append(change)
        for key in sorted(new_keys - set(renamed.values())):
            report.append(PlanChange(key, after[key]["plan"]["source_name"],
                                     added=[p["code"] for p in after[key]["projects"]], notes_after=_notes(after[key])))
        record_change(session, "reparse", sorted(new_keys | set(before)),
                      f"{len(records)} plans read again from {len(by_document)} documents", actor)
    return sorted(report, key=lambda change: change.key)
