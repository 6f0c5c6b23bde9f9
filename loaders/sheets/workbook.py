"""The workbook Salkku exports ("Vie salkku", `python -m loaders export`), described once for writing and reading.

It holds the plans, the projects in template form (plus every stored field the template leaves out), every
cost item, resource need, parse note and strategic theme, each row tied to its plan by the plan key and to
its project by the project's number in the plan. Read back, it gives the same plans with the same content.
"""
from __future__ import annotations

import hashlib
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from loaders.errors import LoaderError
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
from loaders.sheets.fields import SHEET_FIELDS
from loaders.values.numbers import to_decimal
from loaders.vocabulary import code_of

WORKBOOK_FORMAT = "salkku-workbook-2"
# The single cost figures of the projects sheet (and the command line), each one bound of one kind of cost.
COST_FIELDS = {"cost_one_off_min": ("one_off", "min"), "cost_one_off_max": ("one_off", "max"),
               "cost_annual_min": ("annual", "min"), "cost_annual_max": ("annual", "max")}


class CostListError(ValueError):
    """A single figure cannot say which of several items of its kind it means."""

    def __init__(self, message: str, count: int):
        self.count = count
        super().__init__(message)


def cost_change(current: list[dict], field: str, value: Any, currency: str = "EUR") -> list[dict]:
    """The cost list after setting one of the command line's single figures (`cost_one_off_max` ...).

    >>> cost_change([], "cost_one_off_max", "12000")
    [{'kind': 'one_off', 'min': None, 'max': '12000', 'currency': 'EUR'}]
    >>> cost_change([{"kind": "annual", "min": "5", "max": "9", "currency": "GBP"}], "cost_annual_min", "unknown")
    [{'kind': 'annual', 'min': None, 'max': '9', 'currency': 'GBP'}]
    """
    kind, bound = COST_FIELDS[field]
    amount = None if value is None or str(value).strip().lower() in ("", "unknown") else value
    of_kind = [index for index, item in enumerate(current) if item["kind"] == kind]
    items = [dict(item) for item in current]
    if len(of_kind) > 1:
        raise CostListError(f"the project has {len(of_kind)} {kind} cost items; correct them as a list "
                            "(--field costs) or on the Projects page", len(of_kind))
    if of_kind:
        items[of_kind[0]][bound] = amount
        if items[of_kind[0]]["min"] is None and items[of_kind[0]]["max"] is None:
            del items[of_kind[0]]  # nothing left of it: the cost of that kind is unknown again
    elif amount is not None:
        items.append({"kind": kind, "min": amount if bound == "min" else None,
                      "max": amount if bound == "max" else None, "currency": currency})
    return items


# sheet: (Finnish name, English name)
SHEET_NAMES = {
    "cover": ("Tiedot", "About"),
    "plans": ("Suunnitelmat", "Plans"),
    "projects": ("Hankkeet", "Projects"),
    "costs": ("Kustannukset", "Costs"),
    "resources": ("Resurssit", "Resources"),
    "schedule": ("Aikataulu", "Schedule"),
    "notes": ("Huomiot", "Notes"),
    "themes": ("Teemat", "Themes"),
    "corrections": ("Korjaukset", "Corrections"),
}

# Columns that tie a row to its plan and project.
PLAN_KEY = ("plan_key", "Suunnitelman tunnus", "Plan key")
NUMBER = ("number", "Nro", "No.")
CODE = ("code", "Koodi", "Code")
TITLE = ("title", "Hanke", "Project")

# sheet: [(field, Finnish header, English header)]
COLUMNS: dict[str, list[tuple[str, str, str]]] = {
    "plans": [
        ("key", PLAN_KEY[1], PLAN_KEY[2]), ("name", "Suunnitelma", "Plan"), ("organisation", "Organisaatio", "Organisation"),
        ("title", "Otsikko", "Title"), ("kind", "Laji", "Kind"), ("period", "Kausi", "Period"),
        ("period_start_year", "Alkuvuosi", "First year"), ("period_end_year", "Loppuvuosi", "Last year"),
        ("document_date", "Asiakirjan päiväys", "Document date"), ("source_name", "Lähde", "Source"),
        ("source_checksum", "Lähteen tarkiste", "Source checksum"), ("part", "Osa", "Part"),
        ("demo", "Esittelyaineisto", "Demo"), ("imported_at", "Tuotu", "Imported"),
        ("projects", "Hankkeita", "Projects"), ("notes", "Huomioita", "Notes"),
    ],
    # After the template's own columns (loaders.sheets.fields.SHEET_FIELDS) on the projects sheet.
    "projects_extra": [
        PLAN_KEY, NUMBER, ("responsible_class", "Aikatauluvastuun luokka", "Responsible class"),
        ("section_path", "Otsikkopolku", "Section path"), ("source_line", "Rivi lähteessä", "Line in source"),
        ("strategic_goal", "Strateginen tavoite", "Strategic goal"), ("impact_text", "Muutosvaikutukset", "Impact"),
        ("infomgmt_a", "Tiedonhallinta a", "Information management a"),
        ("infomgmt_b", "Tiedonhallinta b", "Information management b"),
        ("infomgmt_c", "Tiedonhallinta c", "Information management c"),
        ("infomgmt_d", "Tiedonhallinta d", "Information management d"),
        ("infomgmt_text", "Tiedonhallinta", "Information management"),
        ("schedule_flags", "Aikataulun merkinnät", "Schedule flags"), ("cost_text", "Kustannukset (teksti)", "Costs (text)"),
        ("cost_flags", "Kustannusten merkinnät", "Cost flags"), ("resources_text", "Resurssit (teksti)", "Resources (text)"),
        ("hidden", "Ei hanke", "Not a project"), ("corrected", "Korjattu", "Corrected"),
    ],
    "costs": [
        PLAN_KEY, NUMBER, CODE, TITLE, ("kind", "Laji", "Kind"), ("min_amount", "Vähintään", "Minimum"),
        ("max_amount", "Enintään", "Maximum"), ("currency", "Valuutta", "Currency"), ("vat_note", "ALV", "VAT"),
        ("basis", "Peruste", "Basis"), ("source_text", "Lähdeteksti", "Source text"),
    ],
    "resources": [
        PLAN_KEY, NUMBER, CODE, TITLE, ("party", "Osapuoli", "Party"), ("amount_min", "Määrä vähintään", "Amount at least"),
        ("amount_max", "Määrä enintään", "Amount at most"), ("unit", "Yksikkö", "Unit"), ("per", "Per", "Per"),
        ("source_text", "Lähdeteksti", "Source text"),
    ],
    "notes": [
        PLAN_KEY, NUMBER, CODE, TITLE, ("field", "Kenttä", "Field"), ("note_code", "Huomion tunnus", "Note code"),
        ("message", "Selitys", "Explanation"), ("excerpt", "Lähdeteksti", "Source text"),
    ],
    "themes": [PLAN_KEY, CODE, ("title", "Painopiste", "Theme")],
    "corrections": [
        ("id", "Nro", "No."), PLAN_KEY, CODE, ("field", "Kenttä", "Field"), ("value_read", "Luettu", "Read"),
        ("value", "Korjattu", "Corrected"), ("new_read", "Asiakirja nyt", "Document now"),
        ("reason", "Syy", "Reason"), ("source", "Lähde", "Source"), ("state", "Tila", "State"),
        ("actor", "Korjaaja", "By"), ("created_at", "Aika", "When"), ("closed_by", "Perui", "Undone by"),
        ("closed_at", "Peruttu", "Undone"),
    ],
}
# Corrected values that are lists (written as JSON in the corrections sheet); the others are plain text.
LIST_FIELDS = ("costs", "resources")


def correction_cell(field: str, value: object) -> object:
    """A corrected or read value as one cell: lists as JSON, yes/no as a word, unknown as an empty cell."""
    import json

    if value is None:
        return None
    if field in LIST_FIELDS:
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, bool):
        return "yes" if value else "no"
    return str(value)


def correction_value(field: str, cell: object) -> object:
    """The inverse of correction_cell."""
    import json

    text = _text(cell)
    if text is None:
        return [] if field in LIST_FIELDS else (False if field == "not_a_project" else None)
    if field in LIST_FIELDS:
        return json.loads(text)
    if field == "not_a_project":
        return text == "yes"
    return text


def header(column: tuple[str, str, str], language: str) -> str:
    return column[2] if language == "en" else column[1]


def headers(sheet: str, language: str) -> dict[str, str]:
    """field -> header for one sheet in one language."""
    return {column[0]: header(column, language) for column in COLUMNS[sheet]}


def sheet_name(sheet: str, language: str) -> str:
    return SHEET_NAMES[sheet][1 if language == "en" else 0]


def is_salkku_workbook(sheet_names: list[str]) -> bool:
    """A workbook Salkku wrote: it has a plans sheet and a projects sheet (in either language)."""
    names = set(sheet_names)
    return any(plans in names and projects in names
               for plans, projects in zip(SHEET_NAMES["plans"], SHEET_NAMES["projects"]))


# ---------------------------------------------------------------- reading it back


def _grid(source: str, data: bytes, names: list[str], sheet: str) -> list[dict[str, object]] | None:
    """The rows of one sheet as {field: cell}, whichever language its headers are in; None without the sheet."""
    from loaders.sheets.reader import read_sheet

    name = next((candidate for candidate in SHEET_NAMES[sheet] if candidate in names), None)
    if name is None:
        return None
    table = read_sheet(source, data, sheet=name, header_row=1, transposed=False)
    columns = COLUMNS["projects_extra"] + _template_columns() if sheet == "projects" else COLUMNS[sheet]
    fields = {}
    for column in columns:
        for title in column[1:]:
            if title in table.headers:
                fields[column[0]] = table.headers.index(title)
                break
    rows = []
    for record, row_number in zip(table.rows, table.row_numbers):
        row = {field: record[index] for field, index in fields.items()}
        row["_row"] = row_number
        row["_sheet"] = name
        rows.append(row)
    return rows


def _template_columns() -> list[tuple[str, str, str]]:
    return [(field, finnish, english) for field, (finnish, english, _) in SHEET_FIELDS.items()]


def _text(value: object) -> str | None:
    """A cell as the text that was written: our export quotes formula-like text, which is dropped here."""
    if value is None:
        return None
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, datetime):
        value = value.date().isoformat() if value.time() == datetime.min.time() else value.isoformat()
    elif isinstance(value, date):
        value = value.isoformat()
    text = str(value)
    if len(text) > 1 and text[0] == "'" and text[1] in "=+-@\t\r":
        text = text[1:]
    return text if text != "" else None


def _decimal(value: object, source: str, row: dict, field: str) -> Decimal | None:
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, (int, float, Decimal)) and not isinstance(value, bool):
        number = Decimal(str(value))
    else:  # a number typed as text when the workbook was edited: read as any sheet's cell is
        number = to_decimal(str(value), finnish=False)
    if number is None or not number.is_finite():
        raise LoaderError(source, f"'{str(value)[:40]}' is not a number", f"sheet {row['_sheet']}, row {row['_row']}")
    return number


def _int(value: object) -> int | None:
    number = None if value is None else _decimal(value, "", {"_sheet": "", "_row": 0}, "")
    return int(number) if number is not None else None


def _month(value: object) -> str | None:
    if isinstance(value, (datetime, date)):
        return f"{value.year:04d}-{value.month:02d}"
    text = _text(value)
    return text[:7] if text else None


def _flags(value: object) -> tuple[str, ...]:
    text = _text(value)
    return tuple(flag.strip() for flag in text.split(",") if flag.strip()) if text else ()


def _entry_key(row: dict, source: str) -> tuple[str, int]:
    key, number = _text(row.get("plan_key")), _int(row.get("number"))
    if not key or number is None:
        raise LoaderError(source, "the row names no plan key and number", f"sheet {row['_sheet']}, row {row['_row']}")
    return key, number


def _sum(items: list[CostItem], kind: str, bound: str) -> Decimal | None:
    values = [getattr(item, f"{bound}_amount") for item in items if item.kind == kind]
    return None if not values or any(value is None for value in values) else sum(values, Decimal(0))


def _edited_sums(items: list[CostItem], row: dict, source: str) -> list[CostItem]:
    """The cost items of a project, after the single figures of its projects-sheet row: a figure edited there in
    Excel (it no longer matches the items' sum) changes the one item of its kind, or adds one."""
    plain = [{"kind": item.kind, "min": item.min_amount, "max": item.max_amount, "currency": item.currency}
             for item in items]
    if len({item.currency for item in items}) > 1:
        return items  # the sheet writes no sums for amounts in several currencies
    edited = False
    for field, (kind, bound) in COST_FIELDS.items():
        if field not in row:
            continue
        cell = _decimal(row.get(field), source, row, field)
        stated = _sum(items, kind, bound)
        if (cell is None) == (stated is None) and (cell is None or cell.quantize(Decimal("0.01")) == stated.quantize(Decimal("0.01"))):
            continue
        try:
            plain = cost_change(plain, field, cell, plain[0]["currency"] if plain else (_text(row.get("currency")) or "EUR"))
        except CostListError as error:
            raise LoaderError(source, str(error), f"sheet {row['_sheet']}, row {row['_row']}") from None
        edited = True
    if not edited:
        return items
    return [CostItem(kind=item["kind"], min_amount=None if item["min"] is None else Decimal(str(item["min"])),
                     max_amount=None if item["max"] is None else Decimal(str(item["max"])),
                     source_text="Excel", basis="sheet", currency=item["currency"]) for item in plain]


def read_salkku_workbook(source: str, data: bytes, sheet_names: list[str]) -> list[PlanRecord]:
    """The plans of a workbook Salkku exported, with every stored value as it was exported."""
    plan_rows = _grid(source, data, sheet_names, "plans") or []
    project_rows = _grid(source, data, sheet_names, "projects") or []
    cost_rows = _grid(source, data, sheet_names, "costs")
    need_rows = _grid(source, data, sheet_names, "resources")
    note_rows = _grid(source, data, sheet_names, "notes") or []
    theme_rows = _grid(source, data, sheet_names, "themes") or []
    correction_rows = _grid(source, data, sheet_names, "corrections") or []
    digest = hashlib.sha256(data).hexdigest()

    plans: dict[str, PlanRecord] = {}
    for row in plan_rows:
        key = _text(row.get("key"))
        if not key:
            raise LoaderError(source, "a plan without a key", f"sheet {row['_sheet']}, row {row['_row']}")
        if key in plans:
            raise LoaderError(source, f"the plan {key} is listed twice", f"sheet {row['_sheet']}, row {row['_row']}")
        plans[key] = PlanRecord(
            source_name=_text(row.get("source_name")) or source,
            checksum=_text(row.get("source_checksum")) or hashlib.sha256(f"{digest}|{key}".encode()).hexdigest(),
            title=_text(row.get("title")) or key,
            organisation=_text(row.get("organisation")),
            period=_text(row.get("period")),
            period_start_year=_int(row.get("period_start_year")),
            period_end_year=_int(row.get("period_end_year")),
            document_date=(_text(row.get("document_date")) or "")[:10] or None,
            kind=code_of("plan_kind", row.get("kind")) or "action_plan",
            part=_text(row.get("part")),
            key=key,
            demo=code_of("yes_no", row.get("demo")) == "yes",
            from_salkku_workbook=True,
        )

    def plan_of(row: dict) -> PlanRecord:
        key = _text(row.get("plan_key"))
        if key not in plans:
            raise LoaderError(source, f"the row names the plan {key}, which the plans sheet does not list",
                              f"sheet {row['_sheet']}, row {row['_row']}")
        return plans[key]

    costs: dict[tuple[str, int], list[CostItem]] = {}
    for row in cost_rows or []:
        costs.setdefault(_entry_key(row, source), []).append(CostItem(
            kind=code_of("cost_kind", row.get("kind")) or "one_off",
            min_amount=_decimal(row.get("min_amount"), source, row, "min_amount"),
            max_amount=_decimal(row.get("max_amount"), source, row, "max_amount"),
            source_text=_text(row.get("source_text")) or "",
            vat_note=_text(row.get("vat_note")),
            basis=_text(row.get("basis")),
            currency=(_text(row.get("currency")) or "EUR").upper()[:3],
        ))
    needs: dict[tuple[str, int], list[ResourceNeed]] = {}
    for row in need_rows or []:
        needs.setdefault(_entry_key(row, source), []).append(ResourceNeed(
            party=code_of("party", row.get("party")) or "other",
            source_text=_text(row.get("source_text")) or "",
            amount_min=_decimal(row.get("amount_min"), source, row, "amount_min"),
            amount_max=_decimal(row.get("amount_max"), source, row, "amount_max"),
            unit=code_of("unit", row.get("unit")),
            per=_text(row.get("per")),
        ))
    notes: dict[tuple[str, int], list[ParseNote]] = {}
    for row in note_rows:
        plan = plan_of(row)
        note = ParseNote(_text(row.get("field")) or "", _text(row.get("note_code")) or "",
                         _text(row.get("message")) or "", _text(row.get("excerpt")) or "")
        number = _int(row.get("number"))
        if number is None:
            plan.notes.append(note)
        else:
            notes.setdefault((plan.key, number), []).append(note)
    for row in theme_rows:
        plan_of(row).themes.append((_text(row.get("code")) or "", _text(row.get("title")) or ""))
    for row in correction_rows:
        field = _text(row.get("field")) or ""
        plan_of(row).corrections.append({
            "plan": _text(row.get("plan_key")), "code": _text(row.get("code")) or "", "field": field,
            "value_read": correction_value(field, row.get("value_read")), "value": correction_value(field, row.get("value")),
            "new_read": None if _text(row.get("new_read")) is None else correction_value(field, row.get("new_read")),
            "reason": _text(row.get("reason")) or "", "source": _text(row.get("source")) or "manual",
            "state": _text(row.get("state")) or "applied", "actor": _text(row.get("actor")) or "?",
            "created_at": _text(row.get("created_at")), "closed_by": _text(row.get("closed_by")),
            "closed_at": _text(row.get("closed_at")),
        })

    numbered: dict[str, list[tuple[int, ProjectRecord]]] = {}
    for row in project_rows:
        plan = plan_of(row)
        key, number = _entry_key(row, source)
        code = _text(row.get("code")) or str(number)
        items = _edited_sums(costs.get((key, number), []), row, source) if cost_rows is not None else []
        cost_text, cost_flags = _text(row.get("cost_text")), _flags(row.get("cost_flags"))
        needs_of = needs.get((key, number), [])
        resources_text = _text(row.get("resources_text"))
        probability = code_of("probability", row.get("probability")) or "unknown"
        project = ProjectRecord(
            code=code,
            title=_text(row.get("title")) or "",
            service_area=_text(row.get("service_area")),
            section_path=_text(row.get("section_path")) or "",
            line=_int(row.get("source_line")) or 0,
            description=_text(row.get("description")) or "",
            impact_text=_text(row.get("impact_text")),
            infomgmt_a=_text(row.get("infomgmt_a")),
            infomgmt_b=_text(row.get("infomgmt_b")),
            infomgmt_c=_text(row.get("infomgmt_c")),
            infomgmt_d=_text(row.get("infomgmt_d")),
            infomgmt_text=_text(row.get("infomgmt_text")),
            strategic_goal=_text(row.get("strategic_goal")),
            schedule=ScheduleReading(text=_text(row.get("schedule_text")) or "", start=_month(row.get("start")),
                                     end=_month(row.get("end")), flags=_flags(row.get("schedule_flags"))),
            probability=ProbabilityReading(text=_text(row.get("probability_text")), probability_class=probability,
                                           driver=code_of("driver", row.get("probability_driver"))
                                           or _text(row.get("probability_driver"))),
            responsible=ResponsibleReading(text=_text(row.get("responsible")),
                                           responsible_class=code_of("responsible", row.get("responsible_class"))),
            costs=CostReading(text=cost_text or "", items=tuple(items), flags=cost_flags)
            if items or cost_text is not None or cost_flags else None,
            resources=ResourceReading(text=resources_text or "", needs=tuple(needs_of))
            if needs_of or resources_text is not None else None,
            notes=notes.get((key, number), []),
            hidden=code_of("yes_no", row.get("hidden")) == "yes",
        )
        numbered.setdefault(key, []).append((number, project))
    for key, projects in numbered.items():
        plans[key].projects = [project for _, project in sorted(projects, key=lambda item: item[0])]
    for row in plan_rows:
        plan = plans[_text(row.get("key"))]
        exported = _int(row.get("projects"))
        plan.complete = exported is None or len(plan.projects) >= exported
    return list(plans.values())
