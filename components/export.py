"""The "Export portfolio" workbook and the empty template, as XLSX bytes."""
from __future__ import annotations

import pandas as pd
from sqlmodel import Session

from components import data
from components.downloads import to_xlsx_bytes
from data_model import export
from data_model.queries import PortfolioFilter

MONEY_COLUMNS = ("Kertakustannus min", "Kertakustannus max", "Vuosikustannus min", "Vuosikustannus max",
                 "One-off cost min", "One-off cost max", "Annual cost min", "Annual cost max")
# The template's Alku/Loppu hold 'YYYY-MM' text: written as real months (dates), they still import back.
MONTH_COLUMNS = ("Alku", "Loppu", "Start", "End", "start", "end")


def portfolio_workbook(selection: PortfolioFilter, language: str) -> bytes:
    """A sheet per subject plus a cover sheet saying what was selected and when."""
    with Session(data.engine()) as session:
        sheets = export.portfolio_sheets(session, selection, language)
    counts = {name: len(frame) for name, frame in sheets.items()}
    formats = {column: "money" for column in MONEY_COLUMNS}
    formats |= {"min_amount": "money", "max_amount": "money"} | {column: "month" for column in MONTH_COLUMNS}
    workbook = to_xlsx_bytes(
        sheets, column_formats=formats, cover=export.cover_rows(selection, counts, language),
        cover_title="Tiedot" if language == "fi" else "About",
    )
    return _per_row_currency(workbook)


CURRENCY_FORMATS = {"EUR": '#,##0 "€"', "GBP": '"£"#,##0', "USD": '"$"#,##0'}
CURRENCY_HEADERS = ("Valuutta", "Currency", "currency")


def _per_row_currency(workbook: bytes) -> bytes:
    """Money cells take the number format of their own row's currency (a column may mix EUR, GBP and USD)."""
    import io

    from openpyxl import load_workbook

    book = load_workbook(io.BytesIO(workbook))
    for sheet in book.worksheets:
        headers = [cell.value for cell in sheet[1]]
        currency_column = next((index for index, name in enumerate(headers) if name in CURRENCY_HEADERS), None)
        if currency_column is None:
            continue
        money_columns = [index for index, name in enumerate(headers) if name in MONEY_COLUMNS or name in ("min_amount", "max_amount")]
        for row in sheet.iter_rows(min_row=2):
            currency = row[currency_column].value or "EUR"
            number_format = CURRENCY_FORMATS.get(str(currency), f'#,##0 "{currency}"')
            for index in money_columns:
                if row[index].value is not None:
                    row[index].number_format = number_format
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def portfolio_csv_frame(selection: PortfolioFilter, language: str) -> pd.DataFrame:
    """The projects of the selection in template form (the CSV twin of the workbook's first sheet)."""
    with Session(data.engine()) as session:
        return export.portfolio_sheets(session, selection, language)["Hankkeet"]


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
                         column_formats={column: "money" for column in MONEY_COLUMNS})
