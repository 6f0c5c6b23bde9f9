"""The "Export portfolio" workbook, its CSV twin and the empty template, as bytes for the download buttons."""
from __future__ import annotations

import pandas as pd

from components import data
from data_model import export
from data_model.queries import PortfolioFilter
from data_model.workbook import to_xlsx_bytes


def portfolio_workbook(selection: PortfolioFilter, language: str) -> bytes:
    """The same workbook as `python -m loaders export`: it imports back to the same plans."""
    with data.session() as session:
        return export.portfolio_workbook(session, selection, language)


def portfolio_csv_frame(selection: PortfolioFilter, language: str) -> pd.DataFrame:
    """The projects of the selection in template form (the CSV twin of the workbook's projects sheet)."""
    with data.session() as session:
        return export.portfolio_csv_frame(session, selection, language)


def template_workbook(language: str) -> bytes:
    """An empty template: one row per project, a column for every field the store holds."""
    frame = export.empty_template(language)
    instructions = pd.DataFrame(
        {
            "Ohje" if language == "fi" else "Instructions": [
                "Yksi rivi per hanke. Koodi ja Hanke ovat pakollisia; muut sarakkeet voi jättää tyhjiksi (= ei tiedossa)."
                if language == "fi" else
                "One row per project. Code and Title are required; other columns may be left empty (= unknown).",
                "Alku ja Loppu muodossa VVVV-KK (esim. 2026-03)." if language == "fi"
                else "Start and End as YYYY-MM (e.g. 2026-03).",
                "Todennäköisyysluokka: Varma, Todennäköinen, Epävarma, Epätodennäköinen tai Ei tiedossa." if language == "fi"
                else "Probability class: certain, likely, uncertain, unlikely or unknown (Finnish words also work).",
                "Kustannukset numeroina valuutan yksikköinä; Valuutta EUR, GBP tai USD (tyhjä = EUR)." if language == "fi"
                else "Costs as numbers in currency units; Currency EUR, GBP or USD (empty = EUR).",
                "Resurssit: x (tarvitaan) tai määrä, esim. 1–2 htp / prosessi, 0,5 htv, 2 henkilöä." if language == "fi"
                else "Resources: x (needed) or an amount, e.g. 1–2 htp / prosessi, 0,5 htv, 2 henkilöä.",
            ]
        }
    )
    name = "Hankkeet" if language == "fi" else "Projects"
    return to_xlsx_bytes({name: frame, "Ohje" if language == "fi" else "Instructions": instructions},
                         column_formats=export.money_formats(language), currency_columns=export.CURRENCY_HEADERS)
