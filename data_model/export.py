"""The portfolio as sheets: the Salkku template (one row per project) and the "Export portfolio" workbook, whose
sheets are described in loaders.sheets.workbook so that the workbook imports back to the same plans.

`portfolio_workbook` is shared by the Projects page and `python -m loaders export`.
"""
from __future__ import annotations

import dataclasses
from datetime import date, datetime, timezone

import pandas as pd
from sqlmodel import Session

from data_model import queries
from data_model.queries import PortfolioFilter
from data_model.workbook import to_xlsx_bytes
from loaders.sheets import workbook as layout
from loaders.sheets.fields import SHEET_FIELDS
from loaders.values.cells import resource_text
from loaders.vocabulary import LABELS, word

PARTIES = ("service_area", "it", "purchased_services", "external", "other")
TEMPLATE_MONEY = ("cost_one_off_min", "cost_one_off_max", "cost_annual_min", "cost_annual_max")
CURRENCY_HEADERS = ("Valuutta", "Currency")


def template_headers(language: str = "fi") -> list[str]:
    position = 1 if language == "en" else 0
    return [names[position] for names in SHEET_FIELDS.values()]


def empty_template(language: str = "fi") -> pd.DataFrame:
    return pd.DataFrame(columns=template_headers(language))


def _missing(value: object) -> bool:
    return value is None or (not isinstance(value, str) and bool(pd.isna(value)))


def _decimal(value: float):  # noqa: ANN202
    from decimal import Decimal

    return None if _missing(value) else Decimal(str(value))


def _month_text(values: pd.Series) -> pd.Series:
    return values.dt.strftime("%Y-%m").astype(object).where(values.notna(), None)


def template_frame(projects: pd.DataFrame, needs: pd.DataFrame, language: str = "fi") -> pd.DataFrame:
    """One template row per project entry: the columns a filled template has."""
    headers = dict(zip(SHEET_FIELDS, template_headers(language)))
    # The first stated need of each party, as the cell text read_resource reads back.
    first = needs.drop_duplicates(["entry_id", "party"])
    texts: dict[tuple, str] = {}  # the few distinct amounts, each written once

    def text(low, high, unit, per) -> str:  # noqa: ANN001
        key = (None if _missing(low) else low, None if _missing(high) else high,
               None if _missing(unit) else unit, None if _missing(per) else per)
        if key not in texts:
            texts[key] = resource_text(_decimal(low), _decimal(high), key[2], key[3])
        return texts[key]

    need_cells = {(entry, party): text(low, high, unit, per) for entry, party, low, high, unit, per in zip(
        first["entry_id"], first["party"], first["amount_min"], first["amount_max"], first["unit"], first["per"])}
    # An unknown class with nothing stated stays an empty cell: "Ei tiedossa" would come back as its text.
    unstated = (projects["probability_class"] == "unknown") & projects["probability_text"].isna()
    columns = {
        "organisation": projects["organisation"],
        "plan": projects["plan_title"],
        "period": projects["plan_period"],
        "code": projects["code"],
        "title": projects["title"],
        "service_area": projects["service_area"],
        "description": projects["description"].where(projects["description"].fillna("") != "", None),
        "start": _month_text(projects["start"]),
        "end": _month_text(projects["end"]),
        "schedule_text": projects["schedule_text"],
        "probability": projects["probability_class"].map(lambda code: word("probability", code, language))
        .where(~unstated, None),
        "probability_text": projects["probability_text"],
        "probability_driver": projects["probability_driver"].map(
            lambda code: None if _missing(code) else word("driver", code, language)),
        "responsible": projects["responsible_text"],
        "cost_one_off_min": projects["one_off_min"],
        "cost_one_off_max": projects["one_off_max"],
        "cost_annual_min": projects["annual_min"],
        "cost_annual_max": projects["annual_max"],
        "currency": projects["currency"].where(projects["currency"].isin(["mixed"]).eq(False), None),
    }
    for party in PARTIES:
        columns[f"resources_{party}"] = [need_cells.get((entry, party)) for entry in projects["entry_id"]]
    frame = pd.DataFrame({headers[name]: pd.Series(values, index=projects.index) if not isinstance(values, pd.Series)
                          else values for name, values in columns.items()})
    frame = frame.reset_index(drop=True)
    return frame.astype(object).where(frame.notna(), None)


def _numbers(projects: pd.DataFrame) -> pd.Series:
    """Each entry's number in its plan (its position, from 1), by entry id."""
    return pd.Series((projects["position"] + 1).to_numpy(), index=projects["entry_id"].to_numpy())


def _renamed(frame: pd.DataFrame, sheet: str, language: str) -> pd.DataFrame:
    names = layout.headers(sheet, language)
    return frame[list(names)].rename(columns=names)


def portfolio_sheets(session: Session, selection: PortfolioFilter, language: str = "fi") -> dict[str, pd.DataFrame]:
    """The workbook's sheets, by their names in `language`: plans, projects (template form and every stored
    field), costs, resources, schedule, notes and strategic themes."""
    # Entries marked "not a project" go along (marked), so the workbook restores them.
    selection = dataclasses.replace(selection, include_hidden=True)
    projects = queries.projects(session, selection=selection)
    needs = queries.resource_needs(session, selection=selection)
    costs = queries.cost_items(session, selection=selection)
    notes = queries.parse_notes(session, selection=selection)
    texts = queries.entry_texts(session, selection=selection)
    plan_frame = queries.plans_in(session, selection=selection)
    themes = queries.strategic_themes(session)
    themes = themes[themes["plan_key"].isin(plan_frame["key"])]
    numbers = _numbers(projects)
    yes_no = {True: word("yes_no", "yes", language), False: word("yes_no", "no", language)}

    plans_sheet = plan_frame.assign(
        kind=plan_frame["kind"].map(lambda code: word("plan_kind", code, language)),
        demo=plan_frame["demo"].map(yes_no),
        document_date=plan_frame["document_date"].dt.date.astype(object).where(plan_frame["document_date"].notna(), None),
    )

    extra = projects.merge(texts, on="entry_id", how="left").assign(
        number=lambda frame: frame["position"] + 1,
        responsible_class=lambda frame: frame["responsible_class"].map(
            lambda code: None if _missing(code) else word("responsible", code, language)),
        hidden=lambda frame: frame["hidden"].map({True: yes_no[True], False: None}),
        corrected=lambda frame: frame["corrected"].map(lambda fields: fields.replace(",", ", ") or None),
    )
    template = template_frame(projects, needs, language)
    extra_names = layout.headers("projects_extra", language)
    projects_sheet = pd.concat(
        [template, extra[list(extra_names)].rename(columns=extra_names).reset_index(drop=True)], axis=1)

    costs_sheet = costs.assign(
        number=costs["entry_id"].map(numbers),
        kind=costs["kind"].map(lambda code: word("cost_kind", code, language)),
    )
    needs_sheet = needs.assign(
        number=needs["entry_id"].map(numbers),
        party=needs["party"].map(lambda code: word("party", code, language)),
        unit=needs["unit"].map(lambda code: None if _missing(code) else word("unit", code, language)),
    )
    notes_sheet = notes.assign(number=notes["entry_id"].map(numbers))
    schedule_names = {
        "plan_name": layout.header(("", "Suunnitelma", "Plan"), language),
        "service_area": layout.header(("", "Palveluala", "Service area"), language),
        "code": layout.header(layout.CODE, language), "title": layout.header(layout.TITLE, language),
        "schedule_text": layout.header(("", "Aikataulu (teksti)", "Schedule (text)"), language),
        "start": layout.header(("", "Alku", "Start"), language), "end": layout.header(("", "Loppu", "End"), language),
        "probability": layout.header(("", "Todennäköisyys", "Probability"), language),
        "responsible_text": layout.header(("", "Aikatauluvastuu", "Responsible"), language),
    }
    schedule = projects.assign(
        probability=projects["probability_class"].map(lambda code: word("probability", code, language)),
        start=_month_text(projects["start"]), end=_month_text(projects["end"]),
    )[list(schedule_names)].rename(columns=schedule_names)
    from data_model.corrections import corrections as correction_rows

    found = [{**row, "plan_key": row["plan"]} for key in plan_frame["key"] for row in correction_rows(session, key)]
    corrections = pd.DataFrame(found, columns=list(layout.headers("corrections", language)))
    for column in ("value_read", "value", "new_read"):
        corrections[column] = [layout.correction_cell(field, value) for field, value in
                               zip(corrections["field"], corrections[column])]
    return {
        layout.sheet_name("plans", language): _renamed(plans_sheet, "plans", language),
        layout.sheet_name("projects", language): projects_sheet,
        layout.sheet_name("costs", language): _renamed(costs_sheet, "costs", language),
        layout.sheet_name("resources", language): _renamed(needs_sheet, "resources", language),
        layout.sheet_name("schedule", language): schedule,
        layout.sheet_name("notes", language): _renamed(notes_sheet, "notes", language),
        layout.sheet_name("themes", language): _renamed(themes, "themes", language),
        layout.sheet_name("corrections", language): _renamed(corrections, "corrections", language),
    }


def selection_rows(selection: PortfolioFilter, language: str = "fi",
                   plan_names: dict[str, str] | None = None) -> list[tuple[str, str]]:
    """The selection as (label, value) rows in `language`: organisations, plans (by name when `plan_names` maps
    their keys), service areas and the filters, each class by its label, never its stored code."""
    finnish = language != "en"
    index = 0 if finnish else 1

    def joined(values, names=None) -> str:  # noqa: ANN001
        shown = [(names or {}).get(value, value) if value != queries.NO_AREA
                 else ("(ei palvelualaa)" if finnish else "(no service area)") for value in values]
        return ", ".join(str(value) for value in shown) if shown else ("kaikki" if finnish else "all")

    probability = {code: names[index] for code, names in LABELS["probability"].items()}
    responsible = {code: names[index] for code, names in LABELS["responsible"].items()}
    responsible["none"] = "ei mainittu" if finnish else "not stated"

    def month(value: date | None) -> str:
        return value.strftime("%Y-%m") if value else "…"

    return [
        ("Organisaatiot" if finnish else "Organisations", joined(selection.organisations)),
        ("Suunnitelmat" if finnish else "Plans", joined(selection.plan_keys, plan_names)),
        ("Palvelualat" if finnish else "Service areas", joined(selection.service_areas)),
        ("Todennäköisyys" if finnish else "Probability", joined(selection.probability_classes, probability)),
        ("Aikatauluvastuu" if finnish else "Responsible", joined(selection.responsible_classes, responsible)),
        ("Ajanjakso" if finnish else "Window", f"{month(selection.window_start)} – {month(selection.window_end)}"),
        ("Haku" if finnish else "Search", selection.search or "—"),
    ]


def cover_rows(selection: PortfolioFilter, counts: dict[str, int], language: str = "fi",
               plan_names: dict[str, str] | None = None) -> list[tuple[str, str]]:
    """What was selected and when, for the workbook's first sheet."""
    finnish = language != "en"
    rows = [
        ("Salkku", "Hankesalkun vienti" if finnish else "Portfolio export"),
        ("Muoto" if finnish else "Format", layout.WORKBOOK_FORMAT),
        ("Luotu" if finnish else "Created", datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC")),
        *selection_rows(selection, language, plan_names),
    ]
    rows += [(name, str(count)) for name, count in counts.items()]
    return rows


def download_cover(selection: PortfolioFilter, day: date, language: str = "fi",
                   plan_names: dict[str, str] | None = None) -> list[tuple[str, str]]:
    """The cover of a page's Excel download: the date and the selection it holds."""
    finnish = language != "en"
    return [("Päivä" if finnish else "Date", day.isoformat()), *selection_rows(selection, language, plan_names)]


def download_cover_title(language: str = "fi") -> str:
    return "Valinta" if language != "en" else "Selection"


FILE_NAME_LIMIT = 100  # characters before the date and the extension


def download_name(stem: str, selection: PortfolioFilter | None, day: date, extension: str) -> str:
    """A file name that says what a download holds: the stem, the chosen organisations and service areas, the date.
    Only letters, digits, "-" and "_" (slugified), so every operating system and mail filter takes it.

    >>> download_name("salkku", PortfolioFilter(organisations=("Naantali",), service_areas=("Tietohallinto",)),
    ...               date(2026, 12, 3), "csv")
    'salkku_naantali_tietohallinto_2026-12-03.csv'
    >>> download_name("Kustannukset / Costs", None, date(2026, 1, 2), "xlsx")
    'kustannukset-costs_2026-01-02.xlsx'
    """
    from slugify import slugify

    values = [stem]
    if selection is not None:
        values += [*selection.organisations, *(area for area in selection.service_areas if area != queries.NO_AREA)]
    parts: list[str] = []
    for value in values:
        part = slugify(str(value), max_length=40, word_boundary=True)
        if part and len("_".join([*parts, part])) <= FILE_NAME_LIMIT:
            parts.append(part)
    return f"{'_'.join(parts or ['salkku'])}_{day.isoformat()}.{extension}"


def money_formats(language: str) -> dict[str, str]:
    """The columns of the workbook that hold amounts of money (formatted by each row's currency)."""
    headers = dict(zip(SHEET_FIELDS, template_headers(language)))
    names = [headers[name] for name in TEMPLATE_MONEY]
    names += [layout.headers("costs", language)[name] for name in ("min_amount", "max_amount")]
    return {name: "money" for name in names}


def month_formats(language: str) -> dict[str, str]:
    headers = dict(zip(SHEET_FIELDS, template_headers(language)))
    return {headers["start"]: "month", headers["end"]: "month"}


def portfolio_workbook(session: Session, selection: PortfolioFilter, language: str = "fi") -> bytes:
    """A sheet per subject plus a cover sheet saying what was selected and when."""
    sheets = portfolio_sheets(session, selection, language)
    counts = {name: len(frame) for name, frame in sheets.items()}
    return to_xlsx_bytes(
        sheets, column_formats=money_formats(language) | month_formats(language),
        cover=cover_rows(selection, counts, language, plan_names(session)),
        cover_title=layout.sheet_name("cover", language), currency_columns=CURRENCY_HEADERS,
    )


def plan_names(session: Session) -> dict[str, str]:
    """Plan key -> the plan as people name it, for covers that say which plans a file holds."""
    plans = queries.plans(session)
    return dict(zip(plans["key"], plans["name"])) if len(plans) else {}


def portfolio_csv_frame(session: Session, selection: PortfolioFilter, language: str = "fi") -> pd.DataFrame:
    """The projects of the selection in template form (the CSV twin of the workbook's projects sheet)."""
    projects = queries.projects(session, selection=selection)
    needs = queries.resource_needs(session, selection=selection)
    return template_frame(projects, needs, language)
