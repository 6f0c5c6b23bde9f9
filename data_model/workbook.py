"""CSV and Excel files of tables, safe to open in a spreadsheet: the writers behind every download and export.

Pure functions (no Streamlit): the pages' download buttons, the "Export portfolio" workbook and the command
line all write through them. Money cells take the number format of their own row's currency.
"""
from __future__ import annotations

import datetime as dt
import io
import math
import re
from collections.abc import Mapping, Sequence
from decimal import Decimal
from typing import Any

import numpy as np
import pandas as pd
from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
CSV_MIME = "text/csv"

# Characters that make Excel, LibreOffice or Sheets read a cell as a formula (OWASP "CSV injection").
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")

COLUMN_KINDS = ("money", "date", "month", "int", "decimal", "text")
NUMBER_FORMATS = {"date": "yyyy-mm-dd", "month": "yyyy-mm", "int": "0", "decimal": "0.0#"}

SHEET_NAME_LIMIT = 31
FORBIDDEN_SHEET_CHARACTERS = re.compile(r"[\[\]:*?/\\]")
EXCEL_CELL_LIMIT = 32_767
MIN_WIDTH, MAX_WIDTH = 8, 60

HEADER_FONT = Font(bold=True, color="FFFFFF")
HEADER_FILL = PatternFill(fill_type="solid", start_color="1F4E78", end_color="1F4E78")
HEADER_BORDER = Border(bottom=Side(style="medium", color="000000"))
LABEL_FONT = Font(bold=True)


def neutralise_formula(value: Any) -> Any:
    """Prefix a quote to a string a spreadsheet would run as a formula; anything else is returned as is.

    >>> neutralise_formula('=HYPERLINK("http://x")')
    '\\'=HYPERLINK("http://x")'
    >>> neutralise_formula("Espoo – 5 €"), neutralise_formula(-5), neutralise_formula("")
    ('Espoo – 5 €', -5, '')
    """
    if isinstance(value, str) and value.startswith(FORMULA_TRIGGERS):
        return "'" + value
    return value


# The CSV dialect of each UI language: what a double-click in that language's Excel reads as columns and numbers.
CSV_DIALECTS = {"fi": (";", ","), "en": (",", ".")}  # language: (separator, decimal mark)


def to_csv_bytes(frame: pd.DataFrame, language: str) -> bytes:
    """The frame as CSV for the spreadsheet of the UI language, UTF-8 with a BOM (so Excel reads ä, ö and €),
    without the index: Finnish uses `;` and a decimal comma, English `,` and a decimal point.

    Numbers stay numbers Excel parses: integers without ".0" (also in float columns pandas made of
    integers with gaps), no thousands separators; missing values are empty cells; dates are ISO days,
    months YYYY-MM; text a spreadsheet would run as a formula is neutralised.

    >>> to_csv_bytes(pd.DataFrame({"Kunta": ["Hämeenlinna"], "Summa": [60000.0], "Osuus": [-0.5]}), "fi")
    b'\\xef\\xbb\\xbfKunta;Summa;Osuus\\r\\nH\\xc3\\xa4meenlinna;60000;-0,5\\r\\n'
    >>> to_csv_bytes(pd.DataFrame({"Summa": [1.5, None]}), "en")
    b'\\xef\\xbb\\xbfSumma\\r\\n1.5\\r\\n""\\r\\n'
    """
    separator, decimal_mark = CSV_DIALECTS.get(language, CSV_DIALECTS["fi"])
    cells = pd.DataFrame(
        [[_csv_cell(value, decimal_mark) for value in row] for row in frame.itertuples(index=False, name=None)],
        columns=[neutralise_formula(_header(name)) for name in frame.columns],
        dtype=object,
    )
    # CRLF as RFC 4180 asks; the BOM comes from the utf-8-sig codec. Every cell is already text (or None).
    return cells.to_csv(index=False, sep=separator, lineterminator="\r\n").encode("utf-8-sig")


def to_xlsx_bytes(
    sheets: Mapping[str, pd.DataFrame] | pd.DataFrame,
    *,
    column_formats: Mapping[Any, str] | None = None,
    cover: Sequence[tuple[str, Any]] | None = None,
    cover_title: str = "Info",
    currency_columns: Sequence[Any] = (),
) -> bytes:
    """An .xlsx workbook: one styled, filterable sheet per frame, after an optional cover sheet of (label, value) rows.

    `column_formats` maps a column name to "money" (euros), "money:GBP"/"money:USD"/"money:<code>",
    "date", "month", "int", "decimal" or "text"; other columns are typed from their dtype.
    The same mapping applies to every sheet, and names a sheet lacks are ignored. A sheet with one of
    `currency_columns` formats each "money" cell in its own row's currency.
    """
    if isinstance(sheets, pd.DataFrame):
        sheets = {"Data": sheets}
    formats = dict(column_formats or {})
    for kind in formats.values():
        _number_format(kind)  # fail on a misspelt kind before any work is done
    if not sheets and cover is None:
        raise ValueError("to_xlsx_bytes needs at least one sheet or a cover")

    workbook = Workbook()
    workbook.remove(workbook.active)
    used_names: set[str] = set()
    if cover is not None:
        _write_cover(workbook.create_sheet(_sheet_name(cover_title, used_names)), cover)
    for name, frame in sheets.items():
        _write_frame(workbook.create_sheet(_sheet_name(name, used_names)), frame, formats, currency_columns)

    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _header(name: Any) -> Any:
    """A column name as one header cell; MultiIndex tuples are joined."""
    if isinstance(name, tuple):
        return " / ".join(str(part) for part in name if str(part))
    return name


def _is_missing(value: Any) -> bool:
    if value is None or value is pd.NaT or value is pd.NA:
        return True
    if isinstance(value, float):
        return math.isnan(value)
    try:
        return bool(pd.isna(value))
    except (TypeError, ValueError):  # lists, arrays and other non-scalars
        return False


def _csv_number(value: float | Decimal, decimal_mark: str) -> str:
    """A number as Excel parses it: no exponent, no thousands separator, integers without a fraction.

    >>> _csv_number(60000.0, ","), _csv_number(48500.5, ","), _csv_number(Decimal("1E+3"), "."), _csv_number(-7, ",")
    ('60000', '48500,5', '1000', '-7')
    """
    if isinstance(value, Decimal):
        text = format(value.normalize(), "f") if value == value.to_integral_value() else format(value, "f")
    elif isinstance(value, float):
        text = str(int(value)) if value.is_integer() else np.format_float_positional(value, trim="-")
    else:
        text = str(int(value))
    return text.replace(".", decimal_mark)


def _csv_cell(value: Any, decimal_mark: str = ".") -> str | None:
    if _is_missing(value):
        return None
    if isinstance(value, np.datetime64):
        value = pd.Timestamp(value)
    elif isinstance(value, np.generic):
        value = value.item()  # numpy scalars to plain Python
    if isinstance(value, (pd.Timestamp, dt.datetime)):
        if (value.hour, value.minute, value.second, value.microsecond) == (0, 0, 0, 0):
            return value.strftime("%Y-%m-%d")
        return value.strftime("%Y-%m-%d %H:%M:%S")
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, pd.Period):
        return value.strftime("%Y-%m") if value.freqstr.startswith("M") else str(value)
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, (int, float, Decimal)) and not (isinstance(value, float) and math.isinf(value)):
        return _csv_number(value, decimal_mark)
    return neutralise_formula(str(value))


def _number_format(kind: str) -> str | None:
    """The Excel number format of a column kind; None for text."""
    from data_model.money import excel_format

    base, _, currency = kind.partition(":")
    if base == "money":
        return excel_format(currency or "EUR")
    if currency or base not in COLUMN_KINDS:
        raise ValueError(f"unknown column format {kind!r}: use one of {', '.join(COLUMN_KINDS)} or 'money:<currency>'")
    return NUMBER_FORMATS.get(base)


def _inferred_kind(column: pd.Series) -> str:
    dtype = column.dtype
    if pd.api.types.is_datetime64_any_dtype(dtype):
        return "date"
    if isinstance(dtype, pd.PeriodDtype):
        return "month"
    if pd.api.types.is_bool_dtype(dtype):
        return "text"
    if pd.api.types.is_integer_dtype(dtype):
        return "int"
    if pd.api.types.is_float_dtype(dtype):
        return "decimal"
    # Object columns often hold datetime.date, Period or Decimal values: type them by what they hold.
    present = column.dropna()
    if len(present):
        if all(isinstance(value, (dt.date, pd.Timestamp)) for value in present):
            return "date"
        if all(isinstance(value, pd.Period) for value in present):
            return "month"
        if all(isinstance(value, Decimal) for value in present):
            return "decimal"
    return "text"


def _xlsx_cell(value: Any, kind: str) -> Any:
    """A value openpyxl can write: real numbers and dates stay typed, strings are neutralised."""
    if _is_missing(value):
        return None
    if isinstance(value, np.datetime64):
        value = pd.Timestamp(value)
    elif isinstance(value, np.generic):
        value = value.item()  # numpy scalars to plain Python
    if isinstance(value, pd.Period):
        value = value.to_timestamp()
    if isinstance(value, pd.Timestamp):
        value = value.to_pydatetime()
    if isinstance(value, dt.datetime) and value.tzinfo is not None:
        value = value.replace(tzinfo=None)  # Excel has no time zones: keep the wall-clock time
    if isinstance(value, str) and kind in ("date", "month"):
        parsed = _parse_iso(value, kind)
        if parsed is not None:
            return parsed
    if isinstance(value, float) and math.isinf(value):
        value = str(value)  # openpyxl would write an infinity Excel cannot open
    elif isinstance(value, (bool, int, float, Decimal, dt.date, dt.time)):
        return value
    if not isinstance(value, str):
        value = str(value)
    # openpyxl refuses control characters and Excel truncates past its cell limit.
    return neutralise_formula(ILLEGAL_CHARACTERS_RE.sub("", value))[:EXCEL_CELL_LIMIT]


def _parse_iso(text: str, kind: str) -> dt.date | None:
    try:
        if kind == "month":
            year, month = text.strip().split("-")
            return dt.date(int(year), int(month), 1)
        return dt.date.fromisoformat(text.strip())
    except ValueError:
        return None


def _display_width(value: Any, number_format: str | None) -> int:
    """Roughly how many characters Excel shows for a cell."""
    if value is None:
        return 0
    if isinstance(value, dt.date):
        return len(number_format or "yyyy-mm-dd")
    if isinstance(value, (int, float, Decimal)) and not isinstance(value, bool):
        if number_format and number_format.startswith("#,##0"):
            return len(f"{value:,.0f}") + len(number_format) - len("#,##0") - 2
        return len(f"{value:.2f}") if isinstance(value, (float, Decimal)) else len(str(value))
    return max((len(line) for line in str(value).splitlines()), default=0)


def _sheet_name(name: Any, used: set[str]) -> str:
    """A name Excel accepts: no []:*?/\\, no leading or trailing quote, at most 31 characters, unique."""
    base = FORBIDDEN_SHEET_CHARACTERS.sub("", str(name)).strip().strip("'")[:SHEET_NAME_LIMIT] or "Sheet"
    candidate, number = base, 1
    while candidate.casefold() in used:  # Excel compares sheet names case-insensitively
        number += 1
        suffix = f" ({number})"
        candidate = base[: SHEET_NAME_LIMIT - len(suffix)] + suffix
    used.add(candidate.casefold())
    return candidate


def _set_width(sheet: Worksheet, column_index: int, width: int) -> None:
    sheet.column_dimensions[get_column_letter(column_index)].width = min(max(width + 2, MIN_WIDTH), MAX_WIDTH)


def _write_frame(sheet: Worksheet, frame: pd.DataFrame, formats: Mapping[Any, str],
                 currency_columns: Sequence[Any] = ()) -> None:
    from data_model.money import excel_format

    rows, columns = frame.shape
    currency_column = next((name for name in frame.columns if name in currency_columns), None)
    row_formats = None
    if currency_column is not None:
        row_formats = [excel_format(value if isinstance(value, str) and value else "EUR")
                       for value in frame[currency_column].tolist()]
    for index, name in enumerate(frame.columns, start=1):
        column = frame.iloc[:, index - 1]
        header = _header(name)
        kind = formats.get(name) or formats.get(header) or _inferred_kind(column)
        number_format = _number_format(kind)
        per_row = row_formats if row_formats is not None and kind == "money" else None

        header_cell = sheet.cell(row=1, column=index, value=_xlsx_cell(str(header), "text"))
        header_cell.font, header_cell.fill, header_cell.border = HEADER_FONT, HEADER_FILL, HEADER_BORDER
        # Bold header text is a little wider than body text.
        width = _display_width(header_cell.value, None) + 1

        for row, raw in enumerate(column.tolist(), start=2):
            value = _xlsx_cell(raw, kind)
            if value is None:
                continue  # an empty cell, never 0
            cell = sheet.cell(row=row, column=index, value=value)
            cell_format = per_row[row - 2] if per_row is not None else number_format
            if cell_format and not isinstance(value, (str, bool)):
                cell.number_format = cell_format
            width = max(width, _display_width(value, cell_format))
        _set_width(sheet, index, width)

    if columns:
        sheet.freeze_panes = "A2"
        sheet.auto_filter.ref = f"A1:{get_column_letter(columns)}{rows + 1}"


def _write_cover(sheet: Worksheet, cover: Sequence[tuple[str, Any]]) -> None:
    widths = [0, 0]
    for row, (label, value) in enumerate(cover, start=1):
        label_cell = sheet.cell(row=row, column=1, value=_xlsx_cell(label, "text"))
        label_cell.font = LABEL_FONT
        value_cell = sheet.cell(row=row, column=2, value=_xlsx_cell(value, "text"))
        if isinstance(value_cell.value, dt.date):
            value_cell.number_format = NUMBER_FORMATS["date"]
        widths[0] = max(widths[0], _display_width(label_cell.value, None) + 1)
        widths[1] = max(widths[1], _display_width(value_cell.value, None))
    for index, width in enumerate(widths, start=1):
        _set_width(sheet, index, width)
