"""The portfolio as sheets: the Salkku template (one row per project, every stored field) and the subject sheets
of the "Export portfolio" workbook. DataFrames only; components/export.py writes the workbook.

A filled template imports without a mapping step, and an exported template imports back to the same content.
"""
from __future__ import annotations

from datetime import datetime, timezone

import pandas as pd
from sqlmodel import Session

from data_model import queries
from data_model.queries import PortfolioFilter
from loaders.cells import resource_text
from loaders.fields import SHEET_FIELDS

# Probability classes as the template writes them (read back by loaders.cells.read_probability).
PROBABILITY_WORDS_FI = {
    "certain": "Varma", "likely": "Todennäköinen", "uncertain": "Epävarma", "unlikely": "Epätodennäköinen",
    "unknown": "Ei tiedossa",
}
PARTIES = ("service_area", "it", "purchased_services", "external", "other")


def template_headers(language: str = "fi") -> list[str]:
    position = 1 if language == "en" else 0
    return [names[position] for names in SHEET_FIELDS.values()]


def empty_template(language: str = "fi") -> pd.DataFrame:
    return pd.DataFrame(columns=template_headers(language))


def template_frame(projects: pd.DataFrame, needs: pd.DataFrame, language: str = "fi") -> pd.DataFrame:
    """One template row per project entry: the columns a filled template has."""
    headers = dict(zip(SHEET_FIELDS, template_headers(language)))
    rows = []
    needs_by_entry = {entry: group for entry, group in needs.groupby("entry_id")} if len(needs) else {}
    for project in projects.itertuples(index=False):
        row = {
            "organisation": project.organisation,
            "plan": project.plan_title,
            "period": project.plan_period,
            "code": project.code,
            "title": project.title,
            "service_area": project.service_area,
            "description": project.description or None,
            "start": project.start.strftime("%Y-%m") if pd.notna(project.start) else None,
            "end": project.end.strftime("%Y-%m") if pd.notna(project.end) else None,
            "schedule_text": project.schedule_text,
            # An unknown class with nothing stated stays an empty cell: "Ei tiedossa" would come back as its text.
            "probability": None if project.probability_class == "unknown" and _missing(project.probability_text)
            else PROBABILITY_WORDS_FI.get(project.probability_class, project.probability_class),
            "probability_text": project.probability_text,
            "probability_driver": project.probability_driver,
            "responsible": project.responsible_text,
            "cost_one_off_min": project.one_off_min,
            "cost_one_off_max": project.one_off_max,
            "cost_annual_min": project.annual_min,
            "cost_annual_max": project.annual_max,
            "currency": project.currency if isinstance(project.currency, str) else None,
        }
        entry_needs = needs_by_entry.get(project.entry_id)
        for party in PARTIES:
            cells = []
            if entry_needs is not None:
                for need in entry_needs[entry_needs["party"] == party].itertuples(index=False):
                    # The needs frame holds NaN, not None, for a missing unit or "per".
                    cells.append(resource_text(_decimal(need.amount_min), _decimal(need.amount_max),
                                               None if _missing(need.unit) else need.unit,
                                               None if _missing(need.per) else need.per))
            row[f"resources_{party}"] = cells[0] if cells else None
        rows.append({headers[name]: value for name, value in row.items()})
    frame = pd.DataFrame.from_records(rows, columns=list(headers.values()))
    return frame.astype(object).where(frame.notna(), None)


def _missing(value: object) -> bool:
    return value is None or (not isinstance(value, str) and bool(pd.isna(value)))


def _decimal(value: float):  # noqa: ANN202
    from decimal import Decimal

    return None if pd.isna(value) else Decimal(str(value))


def portfolio_sheets(session: Session, selection: PortfolioFilter, language: str = "fi") -> dict[str, pd.DataFrame]:
    """The export workbook's sheets: projects (in template form, re-importable), costs, resources, schedule, notes."""
    projects = queries.projects(session, selection=selection)
    needs = queries.resource_needs(session, selection=selection)
    costs = queries.cost_items(session, selection=selection)
    notes = queries.parse_notes(session, selection=selection)
    schedule = projects[["organisation", "plan_title", "service_area", "code", "title", "schedule_text", "start", "end",
                         "schedule_flags", "probability_class", "responsible_text"]]
    return {
        "Hankkeet": template_frame(projects, needs, language),
        "Kustannukset": costs.drop(columns=["cost_item_id", "entry_id"]),
        "Resurssit": needs.drop(columns=["need_id", "entry_id"]),
        "Aikataulu": schedule,
        "Huomiot": notes.drop(columns=["note_id", "plan_id", "entry_id"]),
    }


def cover_rows(selection: PortfolioFilter, counts: dict[str, int], language: str = "fi") -> list[tuple[str, str]]:
    """What was selected and when, for the workbook's first sheet."""
    finnish = language != "en"

    def joined(values) -> str:  # noqa: ANN001
        return ", ".join(str(value) for value in values) if values else ("kaikki" if finnish else "all")

    rows = [
        ("Salkku", "Hankesalkun vienti" if finnish else "Portfolio export"),
        ("Luotu" if finnish else "Created", datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC")),
        ("Organisaatiot" if finnish else "Organisations", joined(selection.organisations)),
        ("Suunnitelmat (id)" if finnish else "Plans (id)", joined(selection.plan_ids)),
        ("Palvelualat" if finnish else "Service areas", joined(selection.service_areas)),
        ("Todennäköisyys" if finnish else "Probability", joined(selection.probability_classes)),
        ("Aikatauluvastuu" if finnish else "Responsible", joined(selection.responsible_classes)),
        ("Ajanjakso" if finnish else "Window",
         f"{selection.window_start or '…'} – {selection.window_end or '…'}"),
        ("Haku" if finnish else "Search", selection.search or "—"),
    ]
    rows += [(name, str(count)) for name, count in counts.items()]
    return rows
