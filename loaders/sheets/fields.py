"""The fields a portfolio sheet can feed, with the header names (Finnish and English) that suggest them.

The template's own headers come first in each list; a filled template maps itself without a profile.
"""
from __future__ import annotations

import re

# field: (template header in Finnish, template header in English, other names seen in real exports)
SHEET_FIELDS: dict[str, tuple[str, str, tuple[str, ...]]] = {
    "organisation": ("Organisaatio", "Organisation", ("kunta", "kaupunki", "organization", "agency name", "agency")),
    "plan": ("Suunnitelma", "Plan", ("plan title", "portfolio", "suunnitelman nimi")),
    "period": ("Kausi", "Period", ("year", "vuosi", "plan period", "suunnitelmakausi")),
    "code": ("Koodi", "Code", ("project number", "project_number", "project id", "tunnus", "hankenumero", "id")),
    "title": ("Hanke", "Title", ("project name", "project_name", "hankkeen nimi", "nimi", "name", "projekti")),
    "service_area": ("Palveluala", "Service area", ("department", "toimiala", "palvelualue", "tulosalue", "division")),
    "description": ("Kuvaus", "Description", ("description / aims", "description_aims", "project description", "tavoite")),
    "start": ("Alku", "Start", ("start date", "start_date", "aloitus", "alkaa", "alkupäivä", "project - start date")),
    "end": ("Loppu", "End", ("end date", "end_date", "completion date", "päättyy", "loppupäivä", "project - end date")),
    "schedule_text": ("Aikataulu (teksti)", "Schedule (text)", ("aikataulu", "schedule", "schedule comment")),
    "probability": (
        "Todennäköisyysluokka",
        "Probability class",
        ("colour_rating", "rag rating", "delivery confidence assessment", "dca", "rating", "status", "tila"),
    ),
    "probability_text": ("Todennäköisyys (teksti)", "Probability (text)", ("rating comment", "todennäköisyys")),
    "probability_driver": ("Riippuvuus", "Driver", ("riippuu", "dependency")),
    "responsible": ("Aikatauluvastuu", "Responsible", ("vastuutaho", "owner", "responsible party", "sro")),
    "cost_one_off_min": ("Kertakustannus min", "One-off cost min", ("investointi min",)),
    "cost_one_off_max": (
        "Kertakustannus max",
        "One-off cost max",
        ("kertakustannus", "investointi", "kustannukset", "kustannusarvio", "one-off cost", "lifecycle cost",
         "whole life cost", "wlc", "wlc baseline incl ncg", "total cost"),
    ),
    "cost_annual_min": ("Vuosikustannus min", "Annual cost min", ()),
    "cost_annual_max": (
        "Vuosikustannus max",
        "Annual cost max",
        ("vuosikustannus", "jatkuvat kustannukset", "annual cost", "yearly budget", "yearly_budget", "budget"),
    ),
    "currency": ("Valuutta", "Currency", ("valuutta", "currency code")),
    "resources_service_area": ("Resurssit: palveluala", "Resources: service area", ()),
    "resources_it": ("Resurssit: tietohallinto", "Resources: IT", ("it resources", "tietohallinnon resurssit")),
    "resources_purchased_services": ("Resurssit: ostopalvelut", "Resources: purchased services", ("ostopalvelut",)),
    "resources_external": ("Resurssit: ulkoinen", "Resources: external", ()),
    "resources_other": ("Resurssit: muu", "Resources: other", ()),
}

TEMPLATE_FIELDS = tuple(SHEET_FIELDS)


def header_names(field: str) -> tuple[str, ...]:
    finnish, english, others = SHEET_FIELDS[field]
    return (finnish, english, *others)


def all_header_names() -> list[str]:
    """Every name any field answers to, for telling headers from data when reading a sheet."""
    return [name for field in SHEET_FIELDS for name in header_names(field)]


def fold_header(text: str) -> str:
    """A header as it is compared with the names above: lower case, no bracketed explanation or currency sign,
    underscores and runs of spaces as one space.

    >>> fold_header("Project_Name (latest)"), fold_header("Budget £m")
    ('project name', 'budget m')
    """
    return re.sub(r"[\s_]+", " ", re.sub(r"\(.*?\)|[£$€%]", " ", text.lower())).strip()
