"""The "Vie salkku" workbook, its CSV twin and the empty template, on the sample store."""
from __future__ import annotations

import datetime as dt
import io

import pandas as pd
import pytest
import streamlit
from openpyxl import load_workbook
from sqlmodel import Session

from components import data, export
from data_model.workbook import to_xlsx_bytes
from data_model import export as data_export
from data_model import queries
from data_model.db import get_engine
from data_model.queries import PortfolioFilter
from data_model.store import import_plans
from loaders import load_sheet
from loaders.sheets.fields import SHEET_FIELDS
from loaders.sheets.mapping import template_table, apply_profile, is_template, template_profile
from loaders.sheets.reader import read_sheet

SUBJECT_SHEETS = ["Suunnitelmat", "Hankkeet", "Kustannukset", "Resurssit", "Aikataulu", "Huomiot", "Teemat", "Korjaukset"]
MONEY_HEADERS = {"Kertakustannus min", "Kertakustannus max", "Vuosikustannus min", "Vuosikustannus max",
                 "Vähintään", "Enintään"}
MONTH_HEADERS = {"Alku", "Loppu"}
FORMULA_START = ("=", "+", "-", "@")


def clear_caches() -> None:
    streamlit.cache_data.clear()
    streamlit.cache_resource.clear()
    get_engine.cache_clear()


@pytest.fixture
def sample_store(tmp_path, monkeypatch):
    """A fresh SQLite file; components.data loads the sample data into it on first use."""
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'salkku.db'}")
    monkeypatch.setenv("SALKKU_TODAY", "2026-11-22")
    clear_caches()
    yield data.engine()
    clear_caches()


@pytest.fixture
def store_with_gbp(sample_store):
    """The sample store plus a template-imported plan in pounds, with a formula-looking title."""
    headers = dict(zip(SHEET_FIELDS, data_export.template_headers("fi")))
    rows = [
        {"organisation": "Greater London", "plan": "Capital Programme", "period": "2025", "code": "GL-1",
         "title": "=HYPERLINK(\"http://x\")", "start": "2025-04", "end": "2030-03", "probability": "Varma",
         "cost_one_off_min": 1_500_000, "cost_one_off_max": 2_000_000, "currency": "GBP"},
        {"organisation": "Greater London", "plan": "Capital Programme", "period": "2025", "code": "GL-2",
         "title": "Tunnel survey", "cost_annual_max": 40_000, "currency": "GBP", "description": "-5 % budget"},
    ]
    frame = pd.DataFrame([{headers[name]: row.get(name) for name in SHEET_FIELDS} for row in rows],
                         columns=list(headers.values()))
    import_plans(sample_store, load_sheet("london.xlsx", to_xlsx_bytes({"Hankkeet": frame})))
    return sample_store


def workbook(content: bytes):
    return load_workbook(io.BytesIO(content))


def headers(sheet) -> list:  # noqa: ANN001
    return [cell.value for cell in sheet[1]]


def column(sheet, name: str) -> list:  # noqa: ANN001
    index = headers(sheet).index(name)
    return [row[index] for row in sheet.iter_rows(min_row=2)]


def cover(book) -> dict[str, str]:  # noqa: ANN001
    return {label: value for label, value in book.worksheets[0].iter_rows(values_only=True)}


def store_projects(engine, selection: PortfolioFilter = PortfolioFilter()) -> pd.DataFrame:  # noqa: ANN001
    with Session(engine) as session:
        return queries.projects(session, selection=selection)


# --- the workbook --------------------------------------------------------------------------------------------


def test_workbook_opens_with_the_cover_and_has_a_sheet_per_subject(sample_store):
    book = workbook(export.portfolio_workbook(PortfolioFilter(), "fi"))
    assert book.sheetnames == ["Tiedot", *SUBJECT_SHEETS]
    assert book.worksheets[0].title == "Tiedot"

    info = cover(book)
    assert info["Salkku"] == "Hankesalkun vienti"
    assert info["Organisaatiot"] == "kaikki"
    assert dt.datetime.strptime(info["Luotu"], "%Y-%m-%d %H:%M UTC")
    projects = store_projects(sample_store)
    assert int(info["Hankkeet"]) == len(projects) == book["Hankkeet"].max_row - 1
    for name in SUBJECT_SHEETS:
        assert int(info[name]) == book[name].max_row - 1, name
    assert book["Tiedot"]["A1"].font.bold


def test_every_subject_sheet_is_styled_filterable_and_frozen(sample_store):
    book = workbook(export.portfolio_workbook(PortfolioFilter(), "fi"))
    for name in SUBJECT_SHEETS:
        sheet = book[name]
        assert sheet.max_row > 1 or name in ("Teemat", "Korjaukset"), f"{name} is empty on the sample store"
        for cell in sheet[1]:
            assert cell.font.bold, (name, cell.coordinate)
            assert cell.fill.fill_type == "solid", (name, cell.coordinate)
        assert sheet.freeze_panes == "A2", name
        assert sheet.auto_filter.ref == f"A1:{sheet.cell(1, sheet.max_column).column_letter}{sheet.max_row}", name
        for index in range(1, sheet.max_column + 1):
            width = sheet.column_dimensions[sheet.cell(1, index).column_letter].width
            assert width and 8 <= width <= 60, (name, index, width)


def test_money_columns_have_a_currency_format_and_months_are_dates(sample_store):
    book = workbook(export.portfolio_workbook(PortfolioFilter(), "fi"))
    money_seen = month_seen = 0
    for name in SUBJECT_SHEETS:
        sheet = book[name]
        for header in headers(sheet):
            cells = [cell for cell in column(sheet, header) if cell.value is not None]
            if header in MONEY_HEADERS:
                for cell in cells:
                    assert isinstance(cell.value, (int, float)), (name, header, cell.value)
                    assert "€" in cell.number_format, (name, header, cell.number_format)
                    money_seen += 1
            if header in MONTH_HEADERS:
                for cell in cells:
                    assert isinstance(cell.value, dt.datetime), (name, header, cell.value)
                    assert cell.number_format == "yyyy-mm", (name, header, cell.number_format)
                    month_seen += 1
    assert money_seen > 20 and month_seen > 100, (money_seen, month_seen)
    # The projects sheet keeps its template headers, so its months are real months too.
    assert isinstance(book["Hankkeet"]["H2"].value, dt.datetime) and headers(book["Hankkeet"])[7] == "Alku"


def test_money_cells_take_their_own_rows_currency(store_with_gbp):
    book = workbook(export.portfolio_workbook(PortfolioFilter(), "fi"))
    projects = book["Hankkeet"]
    for currency, cells in zip(column(projects, "Valuutta"), zip(*(column(projects, h) for h in
                                                                   ("Kertakustannus min", "Kertakustannus max",
                                                                    "Vuosikustannus min", "Vuosikustannus max")))):
        for cell in cells:
            if cell.value is None:
                continue
            symbol = "£" if currency.value == "GBP" else "€"
            assert symbol in cell.number_format, (currency.value, cell.coordinate, cell.number_format)
    costs = book["Kustannukset"]
    pounds = [cell for currency, cell in zip(column(costs, "Valuutta"), column(costs, "Enintään"))
              if currency.value == "GBP"]
    assert len(pounds) == 2 and all("£" in cell.number_format for cell in pounds)


def test_no_cell_is_a_live_formula(store_with_gbp):
    book = workbook(export.portfolio_workbook(PortfolioFilter(), "fi"))
    texts = []
    for sheet in book.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                assert cell.data_type != "f", (sheet.title, cell.coordinate, cell.value)
                if isinstance(cell.value, str):
                    assert not cell.value.startswith(FORMULA_START), (sheet.title, cell.coordinate, cell.value)
                    texts.append(cell.value)
    assert "'=HYPERLINK(\"http://x\")" in texts and "'-5 % budget" in texts


def test_selection_limits_every_sheet(sample_store):
    selection = PortfolioFilter(organisations=("Kauniainen",))
    book = workbook(export.portfolio_workbook(selection, "fi"))
    selected = store_projects(sample_store, selection)
    assert 0 < len(selected) < len(store_projects(sample_store))

    info = cover(book)
    assert info["Organisaatiot"] == "Kauniainen"
    assert int(info["Hankkeet"]) == len(selected) == book["Hankkeet"].max_row - 1
    assert {cell.value for cell in column(book["Hankkeet"], "Organisaatio")} == {"Kauniainen"}
    assert {cell.value for cell in column(book["Suunnitelmat"], "Organisaatio")} == {"Kauniainen"}
    for name in ("Kustannukset", "Resurssit", "Huomiot"):
        plans = {cell.value for cell in column(book[name], "Suunnitelman tunnus")}
        assert plans <= {"kauniainen-toimenpidesuunnitelma-2021-2023"}, (name, plans)
        assert int(info[name]) == book[name].max_row - 1, name
    codes = {cell.value for cell in column(book["Aikataulu"], "Koodi")}
    assert codes == set(selected["code"])


def test_english_workbook_has_english_cover_and_template_headers(sample_store):
    book = workbook(export.portfolio_workbook(PortfolioFilter(), "en"))
    assert book.sheetnames == ["About", "Plans", "Projects", "Costs", "Resources", "Schedule", "Notes", "Themes",
                               "Corrections"]
    assert cover(book)["Organisations"] == "all"
    template = data_export.template_headers("en")
    assert headers(book["Projects"])[: len(template)] == template
    assert "Plan key" in headers(book["Projects"]) and "Minimum" in headers(book["Costs"])


def test_workbook_projects_sheet_imports_back_past_the_cover(sample_store):
    """The Import page reads an exported workbook's projects sheet, not its cover, and needs no mapping."""
    content = export.portfolio_workbook(PortfolioFilter(organisations=("Kauniainen",)), "fi")
    first = read_sheet("salkku.xlsx", content)
    assert first.sheet == "Tiedot" and not is_template(first.headers)
    table = template_table("salkku.xlsx", content, first)
    assert table.sheet == "Hankkeet" and is_template(table.headers)
    plans = apply_profile(table, template_profile(table.headers), data=content)
    selected = store_projects(sample_store, PortfolioFilter(organisations=("Kauniainen",)))
    read = [(plan.organisation, project.code, project.title, project.schedule.start, project.schedule.end)
            for plan in plans for project in plan.projects]
    expected = [(row.organisation, row.code, row.title,
                 row.start.strftime("%Y-%m") if pd.notna(row.start) else None,
                 row.end.strftime("%Y-%m") if pd.notna(row.end) else None) for row in selected.itertuples()]
    assert sorted(read, key=str) == sorted(expected, key=str)


def test_template_sheet_leaves_other_sheets_alone():
    frame = pd.DataFrame({"project_name": ["A"], "department": ["X"]})
    content = to_xlsx_bytes({"Data": frame})
    table = read_sheet("x.xlsx", content)
    assert template_table("x.xlsx", content, table) is table


# --- CSV twin --------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("selection", [PortfolioFilter(), PortfolioFilter(organisations=("Kauniainen",))],
                         ids=["all", "kauniainen"])
def test_csv_frame_has_the_same_projects_as_the_workbook(sample_store, selection):
    frame = export.portfolio_csv_frame(selection, "fi")
    assert list(frame.columns) == data_export.template_headers("fi")
    sheet = workbook(export.portfolio_workbook(selection, "fi"))["Hankkeet"]
    from_sheet = [tuple(cell.value for cell in row[:5]) for row in sheet.iter_rows(min_row=2)]
    from_csv = [tuple(row) for row in frame.iloc[:, :5].itertuples(index=False, name=None)]
    assert from_csv == from_sheet


# --- the empty template ------------------------------------------------------------------------------------


@pytest.mark.parametrize(("language", "projects_sheet", "instructions_sheet"),
                         [("fi", "Hankkeet", "Ohje"), ("en", "Projects", "Instructions")])
def test_template_workbook_has_the_headers_and_instructions(language, projects_sheet, instructions_sheet):
    book = workbook(export.template_workbook(language))
    assert book.sheetnames == [projects_sheet, instructions_sheet]
    sheet = book[projects_sheet]
    assert headers(sheet) == data_export.template_headers(language)
    assert sheet.max_row == 1  # no rows yet
    assert sheet.freeze_panes == "A2" and all(cell.font.bold for cell in sheet[1])
    assert is_template(headers(sheet))
    notes = [row[0] for row in book[instructions_sheet].iter_rows(min_row=2, values_only=True)]
    assert len(notes) >= 4
    assert any("EUR" in note and "GBP" in note for note in notes)
    assert any(("VVVV-KK" if language == "fi" else "YYYY-MM") in note for note in notes)


def test_filled_template_shows_gbp_and_eur_in_their_own_formats(store_with_gbp):
    """A template filled with EUR and GBP projects, as the export writes it: each row in its own currency."""
    book = workbook(export.portfolio_workbook(PortfolioFilter(organisations=("Greater London", "Esimerkkilä")), "fi"))
    sheet = book["Hankkeet"]
    formats = {}
    for name in ("Kertakustannus min", "Kertakustannus max", "Vuosikustannus min", "Vuosikustannus max"):
        for currency, cell in zip(column(sheet, "Valuutta"), column(sheet, name)):
            if cell.value is not None and currency.value:
                formats.setdefault(currency.value, set()).add(cell.number_format)
    assert set(formats) == {"EUR", "GBP"}
    assert all("€" in number_format for number_format in formats["EUR"])
    assert all("£" in number_format for number_format in formats["GBP"])


def test_load_sheet_reads_an_exported_workbook_past_its_cover_without_a_mapping(sample_store):
    from loaders import load_sheet

    selection = PortfolioFilter(organisations=("Naantali",))
    plans = load_sheet("salkku.xlsx", export.portfolio_workbook(selection, "fi"))
    assert sum(len(plan.projects) for plan in plans) == len(store_projects(sample_store, selection))
    assert {plan.organisation for plan in plans} == {"Naantali"}


@pytest.mark.parametrize("language", ["fi", "en"])
def test_the_csv_twin_in_each_languages_dialect_imports_back_to_the_same_projects(sample_store, tmp_path, language):
    """The Projects page's portfolio CSV (";" and decimal commas in Finnish) reads back through the loader."""
    from data_model.db import make_engine
    from data_model.workbook import to_csv_bytes

    selection = PortfolioFilter(organisations=("Kauniainen",))
    frame = export.portfolio_csv_frame(selection, language)
    plans = load_sheet("salkku.csv", to_csv_bytes(frame, language))
    other = make_engine(f"sqlite:///{tmp_path / 'again.db'}")
    import_plans(other, plans)
    with Session(other) as session:
        again = queries.projects(session, selection=PortfolioFilter())
    with Session(sample_store) as session:
        before = queries.projects(session, selection=selection)
    columns = ["code", "title", "one_off_min", "one_off_max", "annual_min", "annual_max", "start", "end"]
    key = ["code", "title"]
    pd.testing.assert_frame_equal(again[columns].sort_values(key).reset_index(drop=True),
                                  before[columns].sort_values(key).reset_index(drop=True), check_dtype=False)
    other.dispose()
