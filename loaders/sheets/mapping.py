"""Column mappings: which sheet column feeds which field, how values, units, currency and dates are read,
and turning a mapped table into PlanRecords with a parse note for every cell that could not be read.

A mapping is a small JSON profile (see MappingProfile); one is suggested from the headers when none is given.
"""
from __future__ import annotations

import dataclasses
import hashlib
import json
import re
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

from rapidfuzz import fuzz, process

from loaders.records import (
    CostItem,
    CostReading,
    ParseNote,
    PlanRecord,
    ProbabilityReading,
    ProjectRecord,
    ResourceNeed,
    ResourceReading,
    ScheduleReading,
)
from loaders.sheets.fields import SHEET_FIELDS, fold_header, header_names
from loaders.values.cells import read_money, read_month, read_probability, read_resource
from loaders.values.costs import cost_item_notes
from loaders.values.period import period_years
from loaders.values.responsible import classify_responsible

PROFILE_FORMAT = "salkku-mapping-1"
SUGGESTION_THRESHOLD = 80.0
READ_OPTIONS = ("sheet", "encoding", "delimiter", "header_row", "transposed")  # read_sheet's keywords
_PARTIES = ("service_area", "it", "purchased_services", "external", "other")


@dataclass
class MappingProfile:
    """How one kind of sheet maps to Salkku's fields. Stored as a small JSON file."""

    name: str
    columns: dict[str, list[str]] = field(default_factory=dict)  # field -> headers; the first non-empty cell wins
    organisation: str | None = None  # fixed organisation, when no column gives it
    plan_title: str | None = None  # fixed plan title, else the "plan" column, else the file name
    period: str | None = None  # fixed period
    period_from_file_name: str | None = None  # a regular expression whose first group is the period
    split_plans_by: str | None = None  # a header: one plan per distinct value (e.g. an agency)
    values: dict[str, dict[str, str]] = field(default_factory=dict)  # field -> {cell text: code}
    ranges: dict[str, list[list[Any]]] = field(default_factory=dict)  # field -> [[low, high, code], …] for scores
    multipliers: dict[str, float] = field(default_factory=dict)  # field -> factor, e.g. 1000000 for £ million
    currency: str = "EUR"  # used when no currency column says otherwise; amounts are never converted
    date_formats: list[str] = field(default_factory=list)  # strptime formats tried before the usual ones
    day_first: bool = True  # 3/4/2024 is 3 April unless the profile says otherwise (US data)
    read: dict[str, Any] = field(default_factory=dict)  # sheet, delimiter, encoding, header_row, transposed
    description: str = ""

    def to_json(self) -> str:
        return json.dumps({"format": PROFILE_FORMAT, **dataclasses.asdict(self)}, ensure_ascii=False, indent=2) + "\n"

    @classmethod
    def from_json(cls, text: str) -> "MappingProfile":
        data = json.loads(text)
        if not isinstance(data, dict):
            raise ValueError("a mapping profile is a JSON object")
        data.pop("format", None)
        known = {item.name for item in dataclasses.fields(cls)}
        unknown = set(data) - known
        if unknown:
            raise ValueError(f"unknown keys in mapping profile: {', '.join(sorted(unknown))}")
        if not isinstance(data.get("name"), str):
            raise ValueError("a mapping profile needs a name")
        columns = data.get("columns", {})
        if not isinstance(columns, dict) or not all(isinstance(value, (str, list)) for value in columns.values()):
            raise ValueError("'columns' must map each field to a header or a list of headers")
        read = data.get("read", {})
        if not isinstance(read, dict) or set(read) - set(READ_OPTIONS):
            raise ValueError(f"'read' takes only {', '.join(READ_OPTIONS)}")
        data["columns"] = {name: [value] if isinstance(value, str) else list(value) for name, value in columns.items()}
        bad_fields = set(data["columns"]) - set(SHEET_FIELDS)
        if bad_fields:
            raise ValueError(f"unknown fields in mapping profile: {', '.join(sorted(bad_fields))}")
        return cls(**data)

    @classmethod
    def load(cls, path: str | Path) -> "MappingProfile":
        return cls.from_json(Path(path).read_text(encoding="utf-8"))

    def save(self, path: str | Path) -> None:
        Path(path).write_text(self.to_json(), encoding="utf-8")


def suggest_columns(headers: list[str]) -> dict[str, list[str]]:
    """Suggest a column for each field by header similarity (Finnish and English names); each header is used once.

    >>> suggest_columns(["project_name", "start_date", "end_date", "colour_rating", "Hanke"])["title"]
    ['Hanke']
    """
    candidates = []
    folded = [fold_header(header) for header in headers]
    for name in SHEET_FIELDS:
        for synonym in header_names(name):
            matches = process.extract(
                fold_header(synonym), folded, scorer=fuzz.ratio, limit=3, score_cutoff=SUGGESTION_THRESHOLD
            ) if folded else []
            for _, score, index in matches:
                # Exact template headers outrank everything else.
                exact = synonym in (SHEET_FIELDS[name][0], SHEET_FIELDS[name][1]) and fold_header(synonym) == folded[index]
                candidates.append((score + (50 if exact else 0), name, index))
    candidates.sort(key=lambda item: (-item[0], item[1], item[2]))
    chosen: dict[str, list[str]] = {}
    used: set[int] = set()
    for _, name, index in candidates:
        if name in chosen or index in used:
            continue
        chosen[name] = [headers[index]]
        used.add(index)
    return {name: chosen[name] for name in SHEET_FIELDS if name in chosen}


def suggest_profile(headers: list[str], name: str = "ehdotus") -> MappingProfile:
    return MappingProfile(name=name, columns=suggest_columns(headers))


def is_template(headers: list[str]) -> bool:
    """A filled Salkku template: its own headers, in Finnish or English, need no mapping step."""
    names = {SHEET_FIELDS[name][0] for name in SHEET_FIELDS} | {SHEET_FIELDS[name][1] for name in SHEET_FIELDS}
    present = {header for header in headers if header in names}
    return {"Koodi", "Hanke"} <= present or {"Code", "Title"} <= present


def template_profile(headers: list[str]) -> MappingProfile:
    columns = {}
    for name, (finnish, english, _) in SHEET_FIELDS.items():
        for header in (finnish, english):
            if header in headers:
                columns[name] = [header]
                break
    return MappingProfile(name="Salkku-pohja", columns=columns)


TEMPLATE_SHEETS = ("Hankkeet", "Projects")


def template_table(name: str, data: bytes, table):  # noqa: ANN001, ANN201  (loaders.sheets.reader.Table)
    """The workbook's projects sheet in template form when the first sheet is something else: an exported
    portfolio opens with its cover sheet, and its projects sheet imports back without a mapping step."""
    from loaders.errors import LoaderError
    from loaders.sheets.reader import read_sheet, sheet_names

    if is_template(table.headers) or not name.lower().endswith((".xlsx", ".xlsm")):
        return table
    for sheet in sheet_names(name, data):
        if sheet == table.sheet or sheet not in TEMPLATE_SHEETS:
            continue
        try:
            candidate = read_sheet(name, data, sheet=sheet)
        except LoaderError:
            continue
        if is_template(candidate.headers):
            return candidate
    return table


# ---------------------------------------------------------------- applying a profile


def _cell(table, record: list, headers: list[str]) -> tuple[str | None, object]:
    """The first non-empty cell among `headers`, with the header it came from."""
    for header in headers:
        if header in table.index_of:
            value = record[table.index_of[header]]
            if value is not None and not (isinstance(value, str) and not value.strip()):
                return header, value
    return None, None


def _text(value: object) -> str | None:
    if value is None:
        return None
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = str(value).strip()
    # Our exports neutralise formula-like text with a leading quote; reading it back drops that one quote.
    if len(text) > 1 and text[0] == "'" and text[1] in "=+-@":
        text = text[1:]
    return text or None


class _Index:
    """Table plus a header -> position lookup."""

    def __init__(self, table):
        self.table = table
        self.index_of = {header: position for position, header in enumerate(table.headers)}


def apply_profile(table, profile: MappingProfile, *, data: bytes = b"", organisation: str | None = None,
                  period: str | None = None) -> list[PlanRecord]:
    """Every record of `table` as a project of a plan; cells that cannot be read become notes, never zeros.

    Raises ValueError when the profile maps no title column at all (nothing could be named).
    """
    index = _Index(table)
    columns = {name: headers for name, headers in profile.columns.items() if headers}
    # Profiles list alternative headers for different layouts of one source: only a field none of whose
    # headers exists is worth a note.
    missing = [f"{name} ({', '.join(headers)})" for name, headers in columns.items()
               if not any(header in index.index_of for header in headers)]
    if "title" not in columns or all(header not in index.index_of for header in columns["title"]):
        raise ValueError("the mapping names no title column that exists in the sheet")
    plans: dict[tuple, PlanRecord] = {}
    file_period = None
    if profile.period_from_file_name:
        match = re.search(profile.period_from_file_name, table.source)
        file_period = match.group(1) if match else None
    digest = hashlib.sha256(data or table.source.encode("utf-8")).hexdigest()
    # Worked out once, not per row: a sheet may have hundreds of thousands of rows.
    default_title = profile.plan_title or Path(table.source).stem
    date_formats = tuple(profile.date_formats)
    multipliers = {f"cost_{kind}_{bound}": Decimal(str(profile.multipliers.get(f"cost_{kind}_{bound}", 1)))
                   for kind in ("one_off", "annual") for bound in ("min", "max")}

    for position, record in enumerate(table.rows):
        notes: list[ParseNote] = []

        def value(name: str) -> tuple[str | None, object]:
            return _cell(index, record, columns.get(name, []))

        def note(name: str, header: str | None, problem: str, raw: object) -> None:
            place = table.place(position, header) if header else table.place(position, columns.get(name, ["?"])[0])
            notes.append(ParseNote(name if name in ("costs", "schedule", "probability", "resources") else "sheet",
                                   f"sheet.{name}", f"{place}: {problem}", str(raw)[:300]))

        org = organisation or _text(value("organisation")[1]) or profile.organisation
        plan_title = _text(value("plan")[1]) or default_title
        plan_period = period or profile.period or file_period or _text(value("period")[1])
        split = _text(record[index.index_of[profile.split_plans_by]]) if profile.split_plans_by in index.index_of else None
        if split:
            plan_title = f"{plan_title}: {split}"
        key = (org, plan_title, plan_period, split)
        if key not in plans:
            first_year, last_year = period_years(plan_period)  # as a document's period is read
            name = table.source if not split else f"{table.source}#{split}"
            plans[key] = PlanRecord(
                source_name=name[:300],
                checksum=hashlib.sha256(f"{digest}|{split or ''}|{org}|{plan_period}|{plan_title}".encode()).hexdigest(),
                title=plan_title,
                organisation=org,
                period=plan_period,
                period_start_year=first_year,
                period_end_year=last_year,
                part=split,
            )
            if missing:
                plans[key].notes.append(ParseNote("sheet", "sheet.missing_columns",
                                                  "No column of the sheet feeds these mapped fields: " + "; ".join(missing)))
        plan = plans[key]

        title_header, title_value = value("title")
        title = _text(title_value)
        if title is None:
            title = f"({table.place(position, columns['title'][0])})"
            notes.append(ParseNote("sheet", "sheet.no_title", f"{table.place(position, columns['title'][0])}: the title is empty"))
        code = _text(value("code")[1]) or str(table.row_numbers[position])

        start_header, start_raw = value("start")
        end_header, end_raw = value("end")
        start, problem = read_month(start_raw, formats=date_formats, role="start", day_first=profile.day_first)
        if problem:
            note("schedule", start_header, problem, start_raw)
        end, problem = read_month(end_raw, formats=date_formats, role="end", day_first=profile.day_first)
        if problem:
            note("schedule", end_header, problem, end_raw)
        schedule_text = _text(value("schedule_text")[1])
        if schedule_text is None and (start_raw is not None or end_raw is not None):
            schedule_text = f"{_text(start_raw) or '?'} – {_text(end_raw) or '?'}"
        schedule_notes = []
        if start and end and end < start:
            schedule_notes.append(ParseNote("schedule", "schedule.end_before_start", f"{table.place(position, end_header)}: the end is before the start", f"{start_raw} – {end_raw}"))

        rating_header, rating_raw = value("probability")
        klass, problem = read_probability(rating_raw, values=profile.values.get("probability"), ranges=profile.ranges.get("probability"))
        if problem:
            note("probability", rating_header, problem, rating_raw)
        probability_text = _text(value("probability_text")[1]) or _text(rating_raw)
        driver = _text(value("probability_driver")[1])
        driver = profile.values.get("probability_driver", {}).get(driver, driver) if driver else None

        currency = (_text(value("currency")[1]) or profile.currency or "EUR").upper()[:3]
        items, cost_texts = [], []
        for kind in ("one_off", "annual"):
            read = {}
            for bound in ("min", "max"):
                name = f"cost_{kind}_{bound}"
                header, raw = value(name)
                amount, problem = read_money(raw, multiplier=multipliers[name])
                if problem:
                    note("costs", header, problem, raw)
                read[bound] = (header, raw, amount, problem)
            low, high = read["min"][2], read["max"][2]
            only_one_mapped = (f"cost_{kind}_min" in columns) != (f"cost_{kind}_max" in columns)
            if only_one_mapped:  # a single figure is both ends of the range
                low = high = low if low is not None else high
            if low is None and high is None:
                continue
            source = "; ".join(f"{h}: {_text(r)}" for h, r, _, _ in read.values() if h)
            cost_texts.append(source)
            item = CostItem(kind=kind, min_amount=low, max_amount=high, source_text=source, currency=currency,
                            basis="sheet")
            place = table.place(position, read["max"][0] or read["min"][0] or columns.get(f"cost_{kind}_max", ["?"])[0])
            notes.extend(cost_item_notes(item, place))
            items.append(item)
        costs = None
        if items or any(value(f"cost_{k}_{b}")[0] for k in ("one_off", "annual") for b in ("min", "max")):
            costs = CostReading(text="; ".join(cost_texts), items=tuple(items), flags=() if items else ("unknown",))
        elif any(f"cost_{k}_{b}" in columns for k in ("one_off", "annual") for b in ("min", "max")):
            costs = CostReading(text="", items=(), flags=("unknown",))

        needs, resource_texts = [], []
        for party in _PARTIES:
            header, raw = value(f"resources_{party}")
            amounts, problem = read_resource(raw)
            if problem:
                note("resources", header, problem, raw)
            if amounts is None:
                continue
            low, high, unit, per = amounts
            text = f"{header}: {_text(raw)}"
            resource_texts.append(text)
            needs.append(ResourceNeed(party=party, source_text=text, amount_min=low, amount_max=high, unit=unit, per=per))
        resources = ResourceReading(text="; ".join(resource_texts), needs=tuple(needs)) if needs else None

        responsible_text = _text(value("responsible")[1])
        plan.projects.append(
            ProjectRecord(
                code=code,
                title=title,
                service_area=_text(value("service_area")[1]),
                section_path=f"{table.sheet or table.source}",
                line=table.row_numbers[position],
                description=_text(value("description")[1]) or "",
                schedule=ScheduleReading(text=schedule_text or "", start=start, end=end, notes=tuple(schedule_notes)),
                probability=ProbabilityReading(text=probability_text, probability_class=klass or "unknown", driver=driver),
                responsible=classify_responsible(responsible_text),
                costs=costs,
                resources=resources,
                notes=notes + schedule_notes,
            )
        )
    return list(plans.values())
