"""CSV and Excel downloads: Finnish text survives, formulas stay inert, and the workbook is typed and styled."""
from __future__ import annotations

import csv
import datetime as dt
import io
import re
from decimal import Decimal

import pandas as pd
import pytest
from openpyxl import load_workbook
from pandas.testing import assert_frame_equal
from streamlit.testing.v1 import AppTest

from components.downloads import neutralise_formula, to_csv_bytes, to_xlsx_bytes
from data_model.export import download_name
from data_model.queries import PortfolioFilter

FINNISH = "Hämeenlinna – Åland: 5 € öljyä"


def csv_rows(data: bytes, delimiter: str = ",") -> list[list[str]]:
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline=""), delimiter=delimiter))


def workbook(data: bytes):
    return load_workbook(io.BytesIO(data))


@pytest.fixture
def projects() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "Hanke": ["Asiakastietojärjestelmä", "Verkkouudistus", "Pilvipalvelut"],
            "Kustannus": [125_000.0, float("nan"), 48_500.5],
            "Alkaa": pd.to_datetime(["2024-01-15", "2024-03-01", None]),
            "Henkilöt": [3, 5, 2],
            "Todennäköisyys": [0.25, 0.5, 0.75],
        }
    )


# --- CSV -------------------------------------------------------------------------------------------------------


def test_csv_starts_with_the_utf8_byte_order_mark():
    assert to_csv_bytes(pd.DataFrame({"a": [1]}), "en").startswith(b"\xef\xbb\xbf")


def test_csv_round_trips_finnish_text_and_keeps_exactly_the_frames_rows():
    frame = pd.DataFrame({"Kunta": [FINNISH, "Äänekoski", "Porvoo"], "Määrä": [1, 2, 3]})
    back = pd.read_csv(io.BytesIO(to_csv_bytes(frame, "en")), encoding="utf-8-sig")
    assert_frame_equal(back, frame)


def test_csv_has_no_index_column_and_writes_missing_values_as_empty_cells(projects):
    rows = csv_rows(to_csv_bytes(projects, "en"))
    assert rows[0] == ["Hanke", "Kustannus", "Alkaa", "Henkilöt", "Todennäköisyys"]
    assert len(rows) == 1 + len(projects)
    assert rows[2][1] == ""  # NaN cost
    assert rows[3][2] == ""  # NaT start


def test_csv_writes_dates_as_iso_days(projects):
    rows = csv_rows(to_csv_bytes(projects, "en"))
    assert [row[2] for row in rows[1:]] == ["2024-01-15", "2024-03-01", ""]


def test_csv_writes_date_objects_and_none_in_object_columns_as_iso_and_empty():
    frame = pd.DataFrame({"Päivä": [dt.date(2024, 5, 17), None]}, dtype=object)
    assert csv_rows(to_csv_bytes(frame, "en"))[1:] == [["2024-05-17"], [""]]


# --- The CSV dialect of each language: what a double-click in that language's Excel reads -----------------------

DIALECT_CASES = [
    # (language, frame, expected lines after the BOM)
    pytest.param("fi", {"Summa": [60000.0]}, ["Summa", "60000"], id="fi-integral-float-has-no-fraction"),
    pytest.param("en", {"Summa": [60000.0]}, ["Summa", "60000"], id="en-integral-float-has-no-fraction"),
    pytest.param("fi", {"a": [1], "b": [2.5]}, ["a;b", "1;2,5"], id="fi-semicolon-and-decimal-comma"),
    pytest.param("en", {"a": [1], "b": [2.5]}, ["a,b", "1,2.5"], id="en-comma-and-decimal-point"),
    pytest.param("fi", {"Summa": [1_250_000.75]}, ["Summa", "1250000,75"], id="fi-no-thousands-separator"),
    pytest.param("en", {"Summa": [1_250_000.75]}, ["Summa", "1250000.75"], id="en-no-thousands-separator"),
    pytest.param("fi", {"Summa": [1.0, None, 3.0]}, ["Summa", "1", '""', "3"], id="fi-int-column-with-a-gap"),
    pytest.param("fi", {"a": [None], "b": [float("nan")]}, ["a;b", ";"], id="fi-none-and-nan-are-blank"),
    pytest.param("en", {"a": [pd.NA], "b": [pd.NaT]}, ["a,b", ","], id="en-na-and-nat-are-blank"),
    pytest.param("fi", {"Osuus": [-0.5], "Ero": [-5]}, ["Osuus;Ero", "-0,5;-5"], id="fi-negative-numbers"),
    pytest.param("fi", {"x": [1e-7]}, ["x", "0,0000001"], id="fi-small-number-without-exponent"),
    pytest.param("fi", {"Hinta": [Decimal("1E+3")], "Osuus": [Decimal("0.50")]}, ["Hinta;Osuus", "1000;0,50"],
                 id="fi-decimals"),
    pytest.param("fi", {"Teksti": ["a;b"]}, ["Teksti", '"a;b"'], id="fi-separator-in-text-is-quoted"),
    pytest.param("fi", {"Teksti": ["1,5 htv"]}, ["Teksti", "1,5 htv"], id="fi-comma-in-text-needs-no-quotes"),
    pytest.param("en", {"Text": ["a,b"]}, ["Text", '"a,b"'], id="en-separator-in-text-is-quoted"),
    pytest.param("fi", {"Teksti": ['sanoi "moi"']}, ["Teksti", '"sanoi ""moi"""'], id="fi-quotes-are-doubled"),
    pytest.param("fi", {"Hanke": ["=1+1"]}, ["Hanke", "'=1+1"], id="fi-formula-neutralised"),
    pytest.param("en", {"=Otsake": ["-2+3"]}, ["'=Otsake", "'-2+3"], id="en-formula-header-and-cell-neutralised"),
    pytest.param("fi", {"Päivä": pd.to_datetime(["2024-01-15"])}, ["Päivä", "2024-01-15"], id="fi-iso-day"),
    pytest.param("fi", {"Kuukausi": pd.period_range("2024-03", periods=1, freq="M")}, ["Kuukausi", "2024-03"],
                 id="fi-month-as-year-month"),
    pytest.param("fi", {"Henkilöt": pd.array([3, None], dtype="Int64")}, ["Henkilöt", "3", '""'],
                 id="fi-nullable-int"),
]


@pytest.mark.parametrize(("language", "columns", "lines"), DIALECT_CASES)
def test_csv_is_written_in_the_dialect_of_the_language(language, columns, lines):
    data = to_csv_bytes(pd.DataFrame(columns), language)
    assert data.startswith(b"\xef\xbb\xbf")
    assert data.decode("utf-8-sig").split("\r\n") == [*lines, ""]


def test_finnish_csv_reads_back_with_numeric_dtypes_in_a_finnish_reader(projects):
    data = to_csv_bytes(projects.assign(Kuvaus=["a;b", "1,5 htv", None]), "fi")
    back = pd.read_csv(io.BytesIO(data), sep=";", decimal=",", encoding="utf-8-sig")
    assert list(back.columns) == [*projects.columns, "Kuvaus"]
    assert pd.api.types.is_float_dtype(back["Kustannus"]) and pd.api.types.is_float_dtype(back["Todennäköisyys"])
    assert pd.api.types.is_integer_dtype(back["Henkilöt"])
    assert back["Kustannus"].tolist()[::2] == [125_000.0, 48_500.5] and pd.isna(back["Kustannus"][1])
    assert back["Todennäköisyys"].tolist() == [0.25, 0.5, 0.75]
    assert back["Kuvaus"].tolist()[:2] == ["a;b", "1,5 htv"]


def test_english_csv_reads_back_with_numeric_dtypes(projects):
    back = pd.read_csv(io.BytesIO(to_csv_bytes(projects, "en")), encoding="utf-8-sig")
    assert pd.api.types.is_integer_dtype(back["Henkilöt"]) and pd.api.types.is_float_dtype(back["Kustannus"])


# --- File names -----------------------------------------------------------------------------------------------

DAY = dt.date(2026, 12, 3)

FILE_NAME_CASES = [
    pytest.param("salkku", PortfolioFilter(organisations=("Naantali",), service_areas=("Tietohallinto",)),
                 "salkku_naantali_tietohallinto_2026-12-03.csv", id="organisation-and-service-area"),
    pytest.param("costs", PortfolioFilter(), "costs_2026-12-03.csv", id="everything"),
    pytest.param("hankkeet", None, "hankkeet_2026-12-03.csv", id="no-selection"),
    pytest.param("kustannukset", PortfolioFilter(organisations=("Hämeenlinna", "Porvoo / Borgå")),
                 "kustannukset_hameenlinna_porvoo-borga_2026-12-03.csv", id="finnish-letters-and-slashes"),
    pytest.param("x", PortfolioFilter(service_areas=("", "Sote: <kaikki>?")), "x_sote-kaikki_2026-12-03.csv",
                 id="no-area-and-unsafe-characters"),
    pytest.param("../../etc/passwd", None, "etc-passwd_2026-12-03.csv", id="no-path"),
]


@pytest.mark.parametrize(("stem", "selection", "expected"), FILE_NAME_CASES)
def test_file_names_say_the_selection_and_the_date_in_safe_characters(stem, selection, expected):
    assert download_name(stem, selection, DAY, "csv") == expected


def test_a_file_name_of_a_long_selection_stays_short():
    selection = PortfolioFilter(organisations=tuple(f"Kunta numero {number}" for number in range(30)))
    name = download_name("salkku", selection, DAY, "xlsx")
    assert len(name) <= 100 + len("_2026-12-03.xlsx") and name.endswith("_2026-12-03.xlsx")
    assert re.fullmatch(r"[a-z0-9_-]+\.xlsx", name)


# --- Formula injection ----------------------------------------------------------------------------------------

INJECTION_CASES = [
    pytest.param('=HYPERLINK("http://x")', '\'=HYPERLINK("http://x")', id="equals-hyperlink"),
    pytest.param("+1+1", "'+1+1", id="plus"),
    pytest.param("-2+3", "'-2+3", id="minus"),
    pytest.param("@SUM(A1)", "'@SUM(A1)", id="at-sign"),
    pytest.param("\t=1", "'\t=1", id="leading-tab"),
    pytest.param("\r=1", "'\r=1", id="leading-carriage-return"),
    pytest.param("Tavallinen teksti = ok", "Tavallinen teksti = ok", id="plain-text"),
    pytest.param("", "", id="empty-string"),
]


@pytest.mark.parametrize(("value", "expected"), INJECTION_CASES)
def test_neutralise_formula_prefixes_a_quote_only_to_formula_triggers(value, expected):
    assert neutralise_formula(value) == expected


@pytest.mark.parametrize(("value", "expected"), INJECTION_CASES)
def test_csv_cells_and_headers_are_neutralised(value, expected):
    frame = pd.DataFrame({value or "x": [value]})
    rows = csv_rows(to_csv_bytes(frame, "en"))
    assert rows == [[expected or "x"], [expected]]


@pytest.mark.parametrize(("value", "expected"), INJECTION_CASES)
def test_xlsx_cells_and_headers_are_neutralised(value, expected):
    frame = pd.DataFrame({value or "x": [value]})
    sheet = workbook(to_xlsx_bytes(frame)).active
    # A carriage return is written as the line end "\n" (as the importer reads it; XlsxWriter would store "\r"
    # as "_x000D_", which openpyxl does not decode): still neutralised, never a formula.
    expected = expected.replace("\r", "\n")
    assert sheet["A1"].value == (expected or "x")
    assert sheet["A2"].data_type != "f"
    # openpyxl reads an empty string back as an empty cell.
    assert sheet["A2"].value == (expected or None)


def test_negative_numbers_stay_numbers_in_csv_and_xlsx():
    frame = pd.DataFrame({"Erotus": [-5], "Osuus": [-0.5]})
    assert csv_rows(to_csv_bytes(frame, "en"))[1] == ["-5", "-0.5"]
    sheet = workbook(to_xlsx_bytes(frame)).active
    assert (sheet["A2"].value, sheet["B2"].value) == (-5, -0.5)
    assert sheet["A2"].data_type == "n"


# --- XLSX -----------------------------------------------------------------------------------------------------


def test_xlsx_header_row_is_bold_filled_bordered_and_frozen(projects):
    sheet = workbook(to_xlsx_bytes(projects)).active
    for cell in sheet[1]:
        assert cell.font.bold
        assert cell.fill.fill_type == "solid"
        assert cell.border.bottom.style is not None
    assert sheet.freeze_panes == "A2"


def test_xlsx_autofilter_covers_the_header_and_every_data_row(projects):
    sheet = workbook(to_xlsx_bytes(projects)).active
    assert sheet.auto_filter.ref == "A1:E4"


def test_xlsx_money_column_has_a_euro_format_and_a_missing_amount_is_an_empty_cell(projects):
    sheet = workbook(to_xlsx_bytes(projects, column_formats={"Kustannus": "money"})).active
    assert sheet["B2"].value == 125_000
    assert "€" in sheet["B2"].number_format
    assert sheet["B3"].value is None


def test_xlsx_money_in_another_currency_uses_its_symbol():
    frame = pd.DataFrame({"Hinta": [10.0], "Price": [20.0]})
    sheet = workbook(to_xlsx_bytes(frame, column_formats={"Hinta": "money:GBP", "Price": "money:USD"})).active
    assert "£" in sheet["A2"].number_format
    assert "$" in sheet["B2"].number_format


def test_xlsx_dates_are_real_date_cells_shown_as_iso_days_and_nat_is_empty(projects):
    sheet = workbook(to_xlsx_bytes(projects)).active
    assert isinstance(sheet["C2"].value, dt.date)
    assert sheet["C2"].value.date() == dt.date(2024, 1, 15)
    assert sheet["C2"].number_format == "yyyy-mm-dd"
    assert sheet["C4"].value is None


def test_xlsx_month_column_holds_the_first_of_the_month_shown_as_year_and_month():
    frame = pd.DataFrame({"Kuukausi": ["2024-03", "2024-11"], "Jakso": pd.period_range("2024-01", periods=2, freq="M")})
    sheet = workbook(to_xlsx_bytes(frame, column_formats={"Kuukausi": "month"})).active
    assert sheet["A2"].value.date() == dt.date(2024, 3, 1)
    assert sheet["A2"].number_format == "yyyy-mm"
    assert sheet["B3"].value.date() == dt.date(2024, 2, 1)
    assert sheet["B3"].number_format == "yyyy-mm"


def test_xlsx_integers_and_decimals_get_their_formats_from_the_dtype(projects):
    sheet = workbook(to_xlsx_bytes(projects)).active
    assert (sheet["D2"].value, sheet["D2"].number_format) == (3, "0")
    assert (sheet["E2"].value, sheet["E2"].number_format) == (0.25, "0.0#")


def test_xlsx_text_format_keeps_a_numeric_looking_string_as_text():
    frame = pd.DataFrame({"Koodi": ["00123"]})
    sheet = workbook(to_xlsx_bytes(frame, column_formats={"Koodi": "text"})).active
    assert sheet["A2"].value == "00123"


def test_xlsx_rejects_an_unknown_column_format():
    with pytest.raises(ValueError, match="unknown column format 'euros'"):
        to_xlsx_bytes(pd.DataFrame({"a": [1]}), column_formats={"a": "euros"})


def test_xlsx_column_widths_fit_the_longest_value_between_a_minimum_and_a_cap():
    frame = pd.DataFrame({"A": ["x"], "Kuvaus": ["y" * 200], "Nimi": ["Asiakastietojärjestelmä"]})
    sheet = workbook(to_xlsx_bytes(frame)).active
    widths = {letter: sheet.column_dimensions[letter].width for letter in "ABC"}
    assert widths["A"] == 8
    assert widths["B"] == 60
    assert len("Asiakastietojärjestelmä") < widths["C"] < 60


def test_xlsx_sheet_names_lose_forbidden_characters_and_are_cut_to_31_characters():
    frames = {"Kulut [2024]: a/b\\c*d?": pd.DataFrame({"a": [1]}), "x" * 40: pd.DataFrame({"a": [2]})}
    names = workbook(to_xlsx_bytes(frames)).sheetnames
    assert names == ["Kulut 2024 abcd", "x" * 31]


def test_xlsx_sheet_names_that_collide_after_cleaning_are_made_unique():
    frames = {"Kulut?": pd.DataFrame({"a": [1]}), "Kulut*": pd.DataFrame({"a": [2]})}
    assert workbook(to_xlsx_bytes(frames)).sheetnames == ["Kulut", "Kulut (2)"]


def test_xlsx_writes_several_sheets_in_the_given_order(projects):
    frames = {"Hankkeet": projects, "Yhteenveto": pd.DataFrame({"Summa": [1]}), "Aakkoset": projects.head(1)}
    book = workbook(to_xlsx_bytes(frames))
    assert book.sheetnames == ["Hankkeet", "Yhteenveto", "Aakkoset"]
    assert book["Aakkoset"].auto_filter.ref == "A1:E2"


def test_xlsx_cover_sheet_comes_first_with_bold_labels(projects):
    cover = [("Raportti", "Hankesalkku"), ("Luotu", "2024-05-17"), ("Suodatin", "=1+1")]
    book = workbook(to_xlsx_bytes({"Hankkeet": projects}, cover=cover, cover_title="Tiedot"))
    assert book.sheetnames == ["Tiedot", "Hankkeet"]
    sheet = book["Tiedot"]
    assert [(row[0].value, row[1].value) for row in sheet.iter_rows()] == [
        ("Raportti", "Hankesalkku"),
        ("Luotu", "2024-05-17"),
        ("Suodatin", "'=1+1"),
    ]
    assert all(row[0].font.bold for row in sheet.iter_rows())
    assert not sheet["B1"].font.bold


def test_xlsx_of_an_empty_frame_still_has_its_header_row():
    sheet = workbook(to_xlsx_bytes(pd.DataFrame({"Hanke": pd.Series([], dtype=object)}))).active
    assert sheet["A1"].value == "Hanke"
    assert sheet.auto_filter.ref == "A1"  # a one-cell range, named as Excel names it (was "A1:A1")


# --- Streamlit buttons ----------------------------------------------------------------------------------------


def test_download_buttons_render_a_csv_and_an_excel_button_with_keyed_names():
    def app():
        import pandas as pd

        from components.downloads import download_buttons

        download_buttons(pd.DataFrame({"Hanke": ["Verkko"], "Kustannus": [1.0]}), file_stem="hankkeet", key="projects")

    at = AppTest.from_function(app, default_timeout=30)
    at.run()
    assert not at.exception
    buttons = at.download_button
    assert [button.key for button in buttons] == ["projects-csv", "projects-xlsx"]
    assert [button.label for button in buttons] == ["CSV", "Excel"]


def _resolve(data):
    return data() if callable(data) else data


class RecordingContainer:
    def __init__(self, calls: list[dict]):
        self.calls = calls

    def download_button(self, label, data, **options):
        self.calls.append({"label": label, "data": data, **options})


def test_download_buttons_offer_the_frame_as_a_named_csv_and_xlsx_file(monkeypatch):
    import streamlit

    monkeypatch.setenv("SALKKU_TODAY", "2026-12-03")

    from components.downloads import download_buttons

    calls: list[dict] = []
    monkeypatch.setattr(streamlit, "container", lambda **options: RecordingContainer(calls))
    frame = pd.DataFrame({"Hanke": ["=Verkko"], "Kustannus": [1500.0]})
    download_buttons(
        frame,
        file_stem="hankkeet-2024",
        key="p",
        labels=("Lataa CSV", "Lataa Excel"),
        column_formats={"Kustannus": "money"},
        sheet_name="Hankkeet",
    )
    frame.loc[0, "Hanke"] = "changed after rendering"

    # The files may be built lazily, on click: they must still hold the frame as it was rendered.
    csv_call, xlsx_call = ({**call, "data": _resolve(call["data"])} for call in calls)
    assert (csv_call["label"], csv_call["file_name"], csv_call["mime"], csv_call["key"]) == (
        "Lataa CSV", "hankkeet-2024_2026-12-03.csv", "text/csv", "p-csv"
    )
    assert csv_rows(csv_call["data"], ";") == [["Hanke", "Kustannus"], ["'=Verkko", "1500"]]
    assert (xlsx_call["label"], xlsx_call["file_name"], xlsx_call["key"]) == (
        "Lataa Excel", "hankkeet-2024_2026-12-03.xlsx", "p-xlsx"
    )
    assert xlsx_call["mime"] == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    book = workbook(xlsx_call["data"])
    assert book.sheetnames == ["Hankkeet"]
    assert "€" in book["Hankkeet"]["B2"].number_format
    assert book["Hankkeet"]["A2"].value == "'=Verkko"


def _widths(sheet) -> dict[int, float]:
    """Each column's stored width by its number; XlsxWriter writes neighbours of one width as one range."""
    return {index: dimension.width for dimension in sheet.column_dimensions.values()
            for index in range(dimension.min, dimension.max + 1)}


def test_xlsx_formats_widths_and_types_survive_the_writer():
    """What the workbook holds, cell by cell, as openpyxl reads it back: typed values, each money cell in its row's
    currency, months and days as dates, unknown values empty, and widths from the longest shown value."""
    frame = pd.DataFrame({
        "Hanke": ["Verkko", "=SUM(A1)", None, "", "rivi\r\ntoinen"],
        "Summa": [1500.0, 20.0, float("nan"), 1_234_567.0, 2.5],
        "Valuutta": ["EUR", "GBP", "EUR", None, "EUR"],
        "Alku": ["2024-03", "2024-3", "kevät", None, "2025-12"],
        "Määrä": [1, 2, 3, 4, 12345],
        "Osuus": pd.Series([Decimal("0.5"), 1, None, 2.25, True], dtype=object),
        "Päivä": pd.to_datetime(["2024-01-15", None, "2024-02-29", "2024-03-01", "2024-04-30"]),
    })
    sheet = workbook(to_xlsx_bytes(frame, column_formats={"Summa": "money", "Alku": "month"},
                                   currency_columns=("Valuutta",))).active
    rows = list(sheet.iter_rows(min_row=2))
    assert [row[0].value for row in rows] == ["Verkko", "'=SUM(A1)", None, None, "rivi\ntoinen"]
    assert [(row[1].value, row[1].number_format) for row in rows] == [
        (1500, '#,##0 "€"'), (20, '"£"#,##0'), (None, "General"), (1_234_567, '#,##0 "€"'), (2.5, '#,##0 "€"')]
    months = [row[3].value for row in rows]
    assert [value.date() if isinstance(value, dt.datetime) else value for value in months] == [
        dt.date(2024, 3, 1), dt.date(2024, 3, 1), "kevät", None, dt.date(2025, 12, 1)]
    assert {row[3].number_format for row in rows if isinstance(row[3].value, dt.datetime)} == {"yyyy-mm"}
    assert [(row[4].value, row[4].number_format, row[4].data_type) for row in rows][-1] == (12345, "0", "n")
    assert [row[5].value for row in rows] == [0.5, 1, None, 2.25, True]
    assert rows[4][5].data_type == "b"
    assert rows[0][6].value == dt.datetime(2024, 1, 15) and rows[0][6].number_format == "yyyy-mm-dd"
    assert rows[1][6].value is None
    # Widths: the longest shown value (or the bold header, one wider) plus 2, between 8 and 60.
    # Hanke "'=SUM(A1)" 9; Valuutta the header 8 + 1; Summa "1,234,567" + ' "€"' 11; Alku "yyyy-mm" 7; Määrä "12345" 5 < header 6.
    assert _widths(sheet) == {1: 11, 2: 13, 3: 11, 4: 9, 5: 8, 6: 8, 7: 12}
    assert sheet.freeze_panes == "A2" and sheet.auto_filter.ref == "A1:G6"
