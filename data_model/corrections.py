"""Corrections and reviews: a person fixes a value once and it stays fixed, with what the loader read kept beside it.

A correction names its project by plan key and project code. The store's entry rows hold the values in effect
(so every query, chart and export shows the corrected value); the correction row keeps the value read, the
value set, the reason, who and when. Re-importing a plan re-applies its corrections where the document still
reads the same, and turns the others into conflicts; importing the next version of a plan carries corrections
over on the same condition.
"""
from __future__ import annotations

import json
import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any

from sqlalchemy import delete, func, select
from sqlalchemy.engine import Engine
from sqlmodel import Session

from data_model.db import write_session
from data_model.tables import (
    Correction,
    CostItem,
    Organisation,
    Plan,
    ProjectEntry,
    ResourceNeed,
    Review,
    ServiceArea,
    utc_now,
)
from loaders.records import COST_KINDS, PROBABILITY_CLASSES, PROBABILITY_DRIVERS, RESOURCE_PARTIES, RESOURCE_UNITS, \
    RESPONSIBLE_CLASSES
from loaders.sheets.workbook import COST_FIELDS, CostListError, cost_change

# The values a person can correct, as named in `parse --json` where they appear there.
FIELDS = ("title", "service_area", "start", "end", "probability", "probability_driver", "responsible",
          "responsible_class", "costs", "resources", "not_a_project")
# What a plan's review counts per project: these values, each reviewed once confirmed or corrected.
REVIEW_FIELDS = ("title", "service_area", "start", "end", "probability", "responsible", "costs", "resources")
ACTIVE = ("applied", "conflict")
MONEY_LIMIT = Decimal("99999999999999.99")  # NUMERIC(16, 2)
AMOUNT_LIMIT = Decimal("99999999.99")  # NUMERIC(10, 2)
EXCEL_REASON = "Excel-tuonti / Excel import"


class CorrectionError(ValueError):
    """A correction that cannot be saved; `code` names the problem for a translated message."""

    def __init__(self, code: str, message: str, /, **values: object):
        self.code = code
        self.values = values
        super().__init__(message)


# ---------------------------------------------------------------- values as plain JSON


def _plain(value: Any) -> Any:
    if isinstance(value, Decimal):
        return format(value.quantize(Decimal("0.01")).normalize(), "f")
    if isinstance(value, dict):
        return {key: _plain(item) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(item) for item in value]
    return value


def dumps(value: Any) -> str:
    return json.dumps(_plain(value), ensure_ascii=False, sort_keys=True)


def loads(text: str | None) -> Any:
    return None if text is None else json.loads(text)


def _month(value: date | None) -> str | None:
    return None if value is None else f"{value.year:04d}-{value.month:02d}"


def _cost(item: CostItem) -> dict:
    return {"kind": item.kind, "min": item.min_amount, "max": item.max_amount, "currency": item.currency}


def _need(need: ResourceNeed) -> dict:
    return {"party": need.party, "min": need.amount_min, "max": need.amount_max, "unit": need.unit, "per": need.per}


def entry_values(session: Session, entry: ProjectEntry) -> dict[str, Any]:
    """The entry's values in effect, field by field, as plain JSON values."""
    area = session.get(ServiceArea, entry.service_area_id) if entry.service_area_id else None
    costs = session.scalars(select(CostItem).where(CostItem.entry_id == entry.id).order_by(CostItem.id))
    needs = session.scalars(select(ResourceNeed).where(ResourceNeed.entry_id == entry.id).order_by(ResourceNeed.id))
    return _plain({
        "title": entry.title,
        "service_area": area.name if area else None,
        "start": _month(entry.start_month),
        "end": _month(entry.end_month),
        "probability": entry.probability_class,
        "probability_driver": entry.probability_driver,
        "responsible": entry.responsible_text,
        "responsible_class": entry.responsible_class,
        "costs": [_cost(item) for item in costs],
        "resources": [_need(need) for need in needs],
        "not_a_project": bool(entry.hidden),
    })


def same(field: str, left: Any, right: Any) -> bool:
    """Whether two readings of a field say the same (amounts compared as numbers)."""
    return dumps(normalise(field, left, check=False)) == dumps(normalise(field, right, check=False))


# ---------------------------------------------------------------- validation


def _amount(value: Any, limit: Decimal, where: str) -> Decimal | None:
    if value is None or (isinstance(value, str) and value.strip().lower() in ("", "unknown", "ei tiedossa")):
        return None
    try:
        amount = Decimal(str(value).replace("\u00a0", "").replace(" ", "").replace(",", "."))
    except InvalidOperation:
        raise CorrectionError("not_a_number", f"{where}: '{value}' is not a number", value=value) from None
    if not amount.is_finite() or abs(amount) > limit:
        raise CorrectionError("too_large", f"{where}: {value} is too large to store", value=value)
    return amount.quantize(Decimal("0.01"))


def _month_text(value: Any, field: str) -> str | None:
    if value in (None, "") or (isinstance(value, str) and value.strip().lower() in ("unknown", "ei tiedossa")):
        return None
    if isinstance(value, date):
        return _month(value)
    match = re.fullmatch(r"\s*((?:19|20)\d{2})-(\d{1,2})\s*", str(value))
    if not match or not 1 <= int(match.group(2)) <= 12:
        raise CorrectionError("bad_month", f"{field}: '{value}' is not a month (YYYY-MM)", value=value)
    return f"{int(match.group(1)):04d}-{int(match.group(2)):02d}"


def _code(value: Any, allowed: tuple[str, ...], field: str, *, unknown: str | None = None) -> str | None:
    if value in (None, "", "unknown") and unknown is None:
        return None
    if value in (None, "", "unknown"):
        return unknown
    if value not in allowed:
        raise CorrectionError("unknown_code", f"{field}: '{value}' is not one of {', '.join(allowed)}", value=value)
    return value


def _text(value: Any, field: str, limit: int) -> str | None:
    text = None if value is None else str(value).strip()
    if text and text.lower() == "unknown":
        return None
    if text and len(text) > limit:
        raise CorrectionError("too_long", f"{field}: at most {limit} characters", limit=limit)
    return text or None


def normalise(field: str, value: Any, *, check: bool = True) -> Any:
    """The value in its stored form; with `check`, a value the store cannot take raises CorrectionError."""
    if field not in FIELDS:
        raise CorrectionError("unknown_field", f"'{field}' cannot be corrected; fields: {', '.join(FIELDS)}", field=field)
    try:
        if field == "title":
            title = _text(value, field, 5000)
            if not title:
                raise CorrectionError("title_required", "a project needs a title")
            return title
        if field == "service_area":
            return _text(value, field, 200)
        if field in ("start", "end"):
            return _month_text(value, field)
        if field == "probability":
            return _code(value, PROBABILITY_CLASSES, field, unknown="unknown")
        if field == "probability_driver":
            return _code(value, PROBABILITY_DRIVERS, field)
        if field == "responsible":
            return _text(value, field, 300)
        if field == "responsible_class":
            return _code(value, RESPONSIBLE_CLASSES, field)
        if field == "not_a_project":
            return value in (True, "true", "yes", "kyllä", 1, "1")
        items = json.loads(value) if isinstance(value, str) else (value or [])
        if not isinstance(items, list) or not all(isinstance(item, Mapping) for item in items):
            raise CorrectionError("bad_list", f"{field}: a list of items is expected")
        if field == "costs":
            return [_cost_item(item, number) for number, item in enumerate(items, start=1)]
        return [_need_item(item, number) for number, item in enumerate(items, start=1)]
    except CorrectionError:
        if check:
            raise
        return value


def _cost_item(item: Mapping, number: int) -> dict:
    where = f"cost item {number}"
    kind = item.get("kind")
    if kind not in COST_KINDS:
        raise CorrectionError("unknown_code", f"{where}: kind '{kind}' is not one of {', '.join(COST_KINDS)}", value=kind)
    low, high = _amount(item.get("min"), MONEY_LIMIT, where), _amount(item.get("max"), MONEY_LIMIT, where)
    if low is not None and high is not None and low > high:
        raise CorrectionError("min_above_max", f"{where}: the minimum {low} is above the maximum {high}", item=number)
    currency = str(item.get("currency") or "EUR").strip().upper()
    if not re.fullmatch(r"[A-Z]{3}", currency):
        raise CorrectionError("bad_currency", f"{where}: '{currency}' is not a currency code such as EUR", value=currency)
    return {"kind": kind, "min": low, "max": high, "currency": currency}


def _need_item(item: Mapping, number: int) -> dict:
    where = f"resource need {number}"
    party = item.get("party")
    if party not in RESOURCE_PARTIES:
        raise CorrectionError("unknown_code", f"{where}: party '{party}' is not one of {', '.join(RESOURCE_PARTIES)}",
                              value=party)
    low, high = _amount(item.get("min"), AMOUNT_LIMIT, where), _amount(item.get("max"), AMOUNT_LIMIT, where)
    if low is not None and high is not None and low > high:
        raise CorrectionError("min_above_max", f"{where}: the minimum {low} is above the maximum {high}", item=number)
    unit = item.get("unit") or None
    if unit is not None and unit not in RESOURCE_UNITS:
        raise CorrectionError("unknown_code", f"{where}: unit '{unit}' is not one of {', '.join(RESOURCE_UNITS)}", value=unit)
    return {"party": party, "min": low, "max": high, "unit": unit, "per": _text(item.get("per"), where, 60)}


def check_schedule(values: Mapping[str, Any]) -> None:
    start, end = values.get("start"), values.get("end")
    if start and end and end < start:
        raise CorrectionError("end_before_start", f"the end {end} is before the start {start}", start=start, end=end)


# ---------------------------------------------------------------- applying a value to an entry


def _area_id(session: Session, entry: ProjectEntry, name: str | None) -> int | None:
    if name is None:
        return None
    organisation_id = session.scalar(select(Plan.organisation_id).where(Plan.id == entry.plan_id))
    area = session.scalars(select(ServiceArea).where(ServiceArea.organisation_id == organisation_id,
                                                     ServiceArea.name == name)).first()
    if area is None:
        area = ServiceArea.model_validate({"organisation_id": organisation_id, "name": name})
        session.add(area)
        session.flush()
    return area.id


def _first_of_month(text: str | None) -> date | None:
    return None if text is None else date(int(text[:4]), int(text[5:7]), 1)


def apply_value(session: Session, entry: ProjectEntry, field: str, value: Any, note: str) -> None:
    """Make `value` the entry's value in effect. `note` becomes the source text of corrected cost items and needs."""
    if field == "title":
        entry.title = value
    elif field == "service_area":
        entry.service_area_id = _area_id(session, entry, value)
    elif field == "start":
        entry.start_month = _first_of_month(value)
    elif field == "end":
        entry.end_month = _first_of_month(value)
    elif field == "probability":
        entry.probability_class = value or "unknown"
    elif field == "probability_driver":
        entry.probability_driver = value
    elif field == "responsible":
        entry.responsible_text = value
    elif field == "responsible_class":
        entry.responsible_class = value
    elif field == "not_a_project":
        entry.hidden = bool(value)
    elif field == "costs":
        session.execute(delete(CostItem).where(CostItem.entry_id == entry.id))
        session.add_all(CostItem.model_validate({
            "entry_id": entry.id, "kind": item["kind"], "min_amount": _decimal(item["min"]),
            "max_amount": _decimal(item["max"]), "currency": item["currency"], "basis": "corrected", "source_text": note,
        }) for item in value)
    elif field == "resources":
        session.execute(delete(ResourceNeed).where(ResourceNeed.entry_id == entry.id))
        session.add_all(ResourceNeed.model_validate({
            "entry_id": entry.id, "party": need["party"], "amount_min": _decimal(need["min"]),
            "amount_max": _decimal(need["max"]), "unit": need["unit"], "per": need["per"], "source_text": note,
        }) for need in value)
    session.add(entry)
    session.flush()


def _decimal(value: Any) -> Decimal | None:
    return None if value is None else Decimal(str(value))


# ---------------------------------------------------------------- making and undoing corrections


@dataclass
class Change:
    """One correction asked for: a field and its new value."""

    field: str
    value: Any


def _entry(session: Session, plan_key: str, code: str) -> ProjectEntry:
    entry = session.scalars(
        select(ProjectEntry).join(Plan, ProjectEntry.plan_id == Plan.id)
        .where(Plan.key == plan_key, ProjectEntry.code == code).order_by(ProjectEntry.position).limit(1)
    ).first()
    if entry is None:
        raise CorrectionError("no_project", f"no project {code} in the plan {plan_key}", plan=plan_key, code=code)
    return entry


def _active(session: Session, plan_key: str, code: str, field: str) -> Correction | None:
    return session.scalars(select(Correction).where(
        Correction.plan_key == plan_key, Correction.project_code == code, Correction.field == field,
        Correction.state.in_(ACTIVE)).order_by(Correction.id.desc())).first()


def correct(engine: Engine, plan_key: str, code: str, changes: list[Change], reason: str, *, actor: str,
            source: str = "manual") -> list[Correction]:
    """Save corrections of one project in one transaction; a bad value saves nothing (CorrectionError)."""
    from data_model.store import record_change

    with write_session(engine) as session:
        saved = _correct(session, plan_key, code, changes, reason, actor=actor, source=source)
        if saved:
            record_change(session, "correction", [plan_key], f"{code}: " + ", ".join(c.field for c in saved), actor)
        return [_detached(session, correction) for correction in saved]


def _detached(session: Session, correction: Correction) -> Correction:
    session.flush()
    session.refresh(correction)
    session.expunge(correction)
    return correction


def _correct(session: Session, plan_key: str, code: str, changes: list[Change], reason: str, *, actor: str,
             source: str) -> list[Correction]:
    entry = _entry(session, plan_key, code)
    current = entry_values(session, entry)
    wanted: dict[str, Any] = {}
    for change in changes:
        if change.field in COST_FIELDS:
            base = wanted.get("costs", current["costs"])
            currency = next((item["currency"] for item in base), "EUR")
            try:
                wanted["costs"] = cost_change(base, change.field, change.value, currency)
            except CostListError as error:
                raise CorrectionError("several_items", str(error), count=error.count) from None
        else:
            wanted[change.field] = change.value
    wanted = {field: normalise(field, value) for field, value in wanted.items()}
    check_schedule({**current, **wanted})
    saved = []
    for field, value in wanted.items():
        if same(field, current[field], value):
            continue  # nothing changes: no correction
        active = _active(session, plan_key, code, field)
        value_read = current[field]
        if active is not None:
            if active.state == "applied":
                value_read = loads(active.value_read)  # still what the loader read, not the earlier correction
            active.state, active.closed_by, active.closed_at = "superseded", actor, utc_now()
            session.add(active)
        correction = Correction.model_validate({
            "plan_key": plan_key, "project_code": code, "field": field, "value_read": dumps(value_read),
            "value": dumps(value), "reason": reason or "", "source": source, "actor": actor[:200],
        })
        session.add(correction)
        session.flush()
        apply_value(session, entry, field, value, f"korjaus #{correction.id}: {reason}".strip().rstrip(":"))
        saved.append(correction)
    return saved


def undo(engine: Engine, correction_id: int, *, actor: str) -> Correction:
    """Take a correction back: the value read is in effect again (for an applied one), its history stays."""
    from data_model.store import record_change

    with write_session(engine) as session:
        correction = session.get(Correction, correction_id)
        if correction is None:
            raise CorrectionError("no_correction", f"no correction {correction_id}", id=correction_id)
        if correction.state not in ACTIVE:
            raise CorrectionError("not_active", f"correction {correction_id} is {correction.state}, not in effect",
                                  id=correction_id, state=correction.state)
        if correction.state == "applied":
            entry = _entry(session, correction.plan_key, correction.project_code)
            apply_value(session, entry, correction.field, loads(correction.value_read), "")
        correction.state, correction.closed_by, correction.closed_at = "undone", actor[:200], utc_now()
        session.add(correction)
        record_change(session, "undo", [correction.plan_key], f"correction {correction_id}", actor)
        return _detached(session, correction)


def apply_conflict(engine: Engine, correction_id: int, *, actor: str) -> Correction:
    """Keep a conflicting correction: it is applied over what the document now says (which becomes value_read)."""
    from data_model.store import record_change

    with write_session(engine) as session:
        correction = session.get(Correction, correction_id)
        if correction is None or correction.state != "conflict":
            raise CorrectionError("not_conflict", f"correction {correction_id} is not a conflict", id=correction_id)
        entry = _entry(session, correction.plan_key, correction.project_code)
        correction.value_read = dumps(entry_values(session, entry)[correction.field])
        correction.new_read, correction.state = None, "applied"
        session.add(correction)
        apply_value(session, entry, correction.field, loads(correction.value), f"korjaus #{correction.id}")
        record_change(session, "correction", [correction.plan_key], f"conflict {correction_id} kept", actor)
        return _detached(session, correction)


def confirm(engine: Engine, plan_key: str, code: str, *, actor: str) -> int:
    """Confirm a project's values as read (the ones not corrected); returns how many values were confirmed."""
    from data_model.store import record_change

    with write_session(engine) as session:
        entry = _entry(session, plan_key, code)
        values = entry_values(session, entry)
        corrected = {row.field for row in session.scalars(select(Correction).where(
            Correction.plan_key == plan_key, Correction.project_code == code, Correction.state == "applied"))}
        session.execute(delete(Review).where(Review.plan_key == plan_key, Review.project_code == code))
        fields = [field for field in REVIEW_FIELDS if field not in corrected]
        session.add_all(Review.model_validate({"plan_key": plan_key, "project_code": code, "field": field,
                                               "value_read": dumps(values[field]), "actor": actor[:200]})
                        for field in fields)
        record_change(session, "review", [plan_key], f"{code}: confirmed as read", actor)
        return len(fields)


# ---------------------------------------------------------------- after a plan is written again


def _matching_entry(entries: list[ProjectEntry], code: str, title: str | None) -> ProjectEntry | None:
    """The project of a newer plan version that is the same project: the same code with a similar title, else a
    near-identical title under another code (plans get renumbered). A shared code alone is not enough: a later
    plan may give "2.1" to another project."""
    from rapidfuzz import fuzz

    if not title:
        return None
    folded = title.lower()
    for entry in entries:
        if entry.code == code and fuzz.token_set_ratio(folded, entry.title.lower()) >= 75:
            return entry
    scored = sorted(((fuzz.ratio(folded, entry.title.lower()), entry.position, entry) for entry in entries),
                    key=lambda item: (-item[0], item[1]))
    return scored[0][2] if scored and scored[0][0] >= 90 else None


def reapply(session: Session, plan: Plan, *, renamed_from: list[str], replaced: bool, actor: str) -> dict[str, int]:
    """A plan was just written from its document. Its own corrections come back where the document still reads
    what they were made against (else they become conflicts); reviews stay where the value is unchanged. A plan
    new to the store takes the corrections of its organisation's previous version of the same kind on the same
    condition. Returns counts by outcome."""
    for old in renamed_from:  # the same document under a new key: its corrections follow it
        if old != plan.key:
            for model in (Correction, Review):
                session.execute(model.__table__.update().where(model.plan_key == old).values(plan_key=plan.key))
    entries = list(session.scalars(select(ProjectEntry).where(ProjectEntry.plan_id == plan.id)
                                   .order_by(ProjectEntry.position)))
    by_code: dict[str, ProjectEntry] = {}
    for entry in entries:
        by_code.setdefault(entry.code, entry)
    read = {entry.id: entry_values(session, entry) for entry in by_code.values()}
    counts = {"applied": 0, "conflict": 0, "carried": 0}
    own = list(session.scalars(select(Correction).where(Correction.plan_key == plan.key, Correction.state.in_(ACTIVE))
                               .order_by(Correction.id)))
    for correction in own:
        entry = by_code.get(correction.project_code)
        now = read[entry.id][correction.field] if entry is not None else None
        if entry is not None and same(correction.field, now, loads(correction.value_read)):
            apply_value(session, entry, correction.field, loads(correction.value), f"korjaus #{correction.id}")
            correction.state, correction.new_read = "applied", None
            counts["applied"] += 1
        else:
            correction.state = "conflict"
            correction.new_read = dumps(now) if entry is not None else dumps({"missing": True})
            counts["conflict"] += 1
        session.add(correction)
    for review in session.scalars(select(Review).where(Review.plan_key == plan.key)):
        entry = by_code.get(review.project_code)
        if entry is None or not same(review.field, read[entry.id][review.field], loads(review.value_read)):
            session.delete(review)  # the document says something else now: that value is open again
    if not replaced and not own:
        counts["carried"] = _carry_from_previous(session, plan, entries, read, actor)
    session.flush()
    return counts


def previous_version(session: Session, plan: Plan) -> Plan | None:
    """The organisation's plan of the same kind whose period is the latest before this one's."""
    if plan.period_end_year is None:
        return None
    return session.scalars(
        select(Plan).where(Plan.organisation_id == plan.organisation_id, Plan.kind == plan.kind, Plan.id != plan.id,
                           Plan.period_end_year.is_not(None), Plan.period_end_year < plan.period_end_year)
        .order_by(Plan.period_end_year.desc(), Plan.imported_at.desc())
    ).first()


def _carry_from_previous(session: Session, plan: Plan, entries: list[ProjectEntry], read: dict[int, dict],
                         actor: str) -> int:
    earlier = previous_version(session, plan)
    if earlier is None:
        return 0
    earlier_titles = {entry.code: entry.title for entry in session.scalars(
        select(ProjectEntry).where(ProjectEntry.plan_id == earlier.id))}
    carried = 0
    for correction in session.scalars(select(Correction).where(Correction.plan_key == earlier.key,
                                                               Correction.state == "applied").order_by(Correction.id)):
        title = loads(correction.value_read) if correction.field == "title" else earlier_titles.get(correction.project_code)
        entry = _matching_entry(entries, correction.project_code, title)
        if entry is None:
            continue  # the project is not in the new version
        now = read.get(entry.id) or entry_values(session, entry)
        agrees = same(correction.field, now[correction.field], loads(correction.value_read))
        carried_correction = Correction.model_validate({
            "plan_key": plan.key, "project_code": entry.code, "field": correction.field,
            "value_read": correction.value_read,  # what it was made against (the review queue shows it)
            "value": correction.value, "new_read": None if agrees else dumps(now[correction.field]),
            "reason": correction.reason, "source": "carried", "carried_from": correction.id,
            "state": "applied" if agrees else "conflict", "actor": correction.actor,
        })
        session.add(carried_correction)
        session.flush()
        if agrees:
            apply_value(session, entry, correction.field, loads(correction.value), f"korjaus #{carried_correction.id}")
        carried += 1
    return carried


# ---------------------------------------------------------------- reading corrections


def corrections(session: Session, plan_key: str | None = None, *, states: tuple[str, ...] | None = None) -> list[dict]:
    statement = select(Correction).order_by(Correction.plan_key, Correction.project_code, Correction.id)
    if plan_key:
        statement = statement.where(Correction.plan_key == plan_key)
    if states:
        statement = statement.where(Correction.state.in_(states))
    return [
        {"id": row.id, "plan": row.plan_key, "code": row.project_code, "field": row.field,
         "value_read": loads(row.value_read), "value": loads(row.value), "new_read": loads(row.new_read),
         "reason": row.reason, "source": row.source, "carried_from": row.carried_from, "state": row.state,
         "actor": row.actor, "created_at": row.created_at.isoformat(), "closed_by": row.closed_by,
         "closed_at": row.closed_at.isoformat() if row.closed_at else None}
        for row in session.scalars(statement)
    ]


def corrected_fields(session: Session, plan_keys: list[str] | None = None) -> dict[tuple[str, str], list[str]]:
    """(plan key, code) -> the fields whose correction is in effect."""
    statement = select(Correction.plan_key, Correction.project_code, Correction.field).where(Correction.state == "applied")
    if plan_keys is not None:
        statement = statement.where(Correction.plan_key.in_(plan_keys))
    found: dict[tuple[str, str], list[str]] = {}
    for key, code, field in session.execute(statement.order_by(Correction.id)):
        found.setdefault((key, code), [])
        if field not in found[(key, code)]:
            found[(key, code)].append(field)
    return found


def reviewed_fields(session: Session, plan_keys: list[str] | None = None) -> dict[tuple[str, str], set[str]]:
    statement = select(Review.plan_key, Review.project_code, Review.field)
    if plan_keys is not None:
        statement = statement.where(Review.plan_key.in_(plan_keys))
    found: dict[tuple[str, str], set[str]] = {}
    for key, code, field in session.execute(statement):
        found.setdefault((key, code), set()).add(field)
    return found


def count_corrections(session: Session) -> int:
    return session.scalar(select(func.count()).select_from(Correction).where(Correction.state.in_(ACTIVE)))


def organisation_of(session: Session, plan_key: str) -> str | None:
    return session.scalar(select(Organisation.name).join(Plan, Plan.organisation_id == Organisation.id)
                          .where(Plan.key == plan_key))


# ---------------------------------------------------------------- a Salkku export edited in Excel


def record_values(project) -> dict[str, Any]:  # noqa: ANN001  (loaders.records.ProjectRecord)
    """A project as read from a file, in entry_values' form."""
    items = project.costs.items if project.costs else ()
    needs = project.resources.needs if project.resources else ()
    return _plain({
        "title": project.title,
        "service_area": project.service_area,
        "start": project.schedule.start,
        "end": project.schedule.end,
        "probability": project.probability.probability_class,
        "probability_driver": project.probability.driver,
        "responsible": project.responsible.text,
        "responsible_class": project.responsible.responsible_class,
        "costs": [{"kind": i.kind, "min": i.min_amount, "max": i.max_amount, "currency": i.currency} for i in items],
        "resources": [{"party": n.party, "min": n.amount_min, "max": n.amount_max, "unit": n.unit, "per": n.per}
                      for n in needs],
        "not_a_project": bool(project.hidden),
    })


def update_from_workbook(session: Session, record, actor: str) -> tuple[int, list[str]]:  # noqa: ANN001
    """A Salkku workbook of a plan the store holds: every value edited in it becomes a correction of the stored
    plan (reason "Excel-tuonti / Excel import"); the plan is not replaced. Returns the number of corrections and
    the codes of rows that name no stored project (those cannot be corrections, and are not imported)."""
    stored = {code for code in session.scalars(select(ProjectEntry.code).join(Plan, ProjectEntry.plan_id == Plan.id)
                                               .where(Plan.key == record.key))}
    saved, skipped = 0, []
    for project in record.projects:
        if project.code not in stored:
            skipped.append(project.code)
            continue
        values = record_values(project)
        changes = [Change(field, values[field]) for field in FIELDS]
        try:
            saved += len(_correct(session, record.key, project.code, changes, EXCEL_REASON, actor=actor, source="excel"))
        except CorrectionError as error:
            from loaders.errors import LoaderError

            raise LoaderError(record.source_name, str(error), f"plan {record.key}, project {project.code}") from None
    return saved, skipped
