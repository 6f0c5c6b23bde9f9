"""CSV and Excel files of tables, safe to open in a spreadsheet: the writers behind every download and export.

Pure functions (no Streamlit): the pages' download buttons, the "Export portfolio" workbook and the command
line all write through them. Money cells take the number format of their own row's currency.
"""
from __future__ import annotations

import datetime as dt
import io
import math
import re
from collections.abc import Callable, Mapping, Sequence
from decimal import Decimal
from typing import Any

import numpy as np
import pandas as pd
import xlsxwriter
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from xlsxwriter.workbook import Workbook
from xlsxwriter.worksheet import Worksheet

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

# Bold white on dark blue over a medium black line (XlsxWriter format properties; "bottom": 2 is "medium").
HEADER_STYLE = {"bold": True, "font_color": "#FFFFFF", "bg_color": "#1F4E78", "pattern": 1, "bottom": 2,
                "bottom_color": "#000000"}
LABEL_STYLE = {"bold": True}
# The formats openpyxl gave a date cell of no format of its own; kept, so that such cells still read as dates.
DEFAULT_DATE_FORMATS = ((dt.datetime, "yyyy-mm-dd h:mm:ss"), (dt.date, "yyyy-mm-dd"), (dt.time, "h:mm:ss"))
# An .xlsx column width counts digits of the default font (7 pixels in Calibri 11): set_column_pixels(7 * n)
# stores the width n, as openpyxl did (XlsxWriter's set_column(n) would add Excel's 5 pixels of padding).
DIGIT_PIXELS = 7
LINE_BREAKS = re.compile("[\n\r\x0b\x0c\x1c-\x1e\x85\u2028\u2029]")  # where str.splitlines breaks


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

    Written with XlsxWriter (openpyxl reads): its cells are written typed, strings only ever as strings.
    """
    if isinstance(sheets, pd.DataFrame):
        sheets = {"Data": sheets}
    formats = dict(column_formats or {})
    for kind in formats.values():
        _number_format(kind)  # fail on a misspelt kind before any work is done
    if not sheets and cover is None:
        raise ValueError("to_xlsx_bytes needs at least one sheet or a cover")

    buffer = io.BytesIO()
    # in_memory: no temporary files, and strings go to the shared-string table, each distinct one written once (for
    # the 10,000-project export a little faster and smaller than constant_memory, which also stores a literal
    # "_x0041_" escaped as "_x005F_x0041_", which openpyxl would read back as is). Cells are written by type,
    # never read from strings.
    workbook = xlsxwriter.Workbook(buffer, {"in_memory": True, "remove_timezone": True})
    styles = _Styles(workbook)
    used_names: set[str] = set()
    if cover is not None:
        _write_cover(workbook.add_worksheet(_sheet_name(cover_title, used_names)), cover, styles)
    for name, frame in sheets.items():
        _write_frame(workbook.add_worksheet(_sheet_name(name, used_names)), frame, formats, styles, currency_columns)
    workbook.close()
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
    # Control characters are dropped and Excel truncates past its cell limit. Line ends become "\n" (a carriage
    # return would be stored as "_x000D_", which openpyxl and the importer read as text).
    return _line_ends(neutralise_formula(ILLEGAL_CHARACTERS_RE.sub("", value)))[:EXCEL_CELL_LIMIT]


def _line_ends(text: str) -> str:
    """Line ends as Excel writes them in a cell, and as loaders.sheets.reader reads them: "\\n".

    >>> _line_ends("a\\r\\nb\\rc")
    'a\\nb\\nc'
    """
    return text.replace("\r\n", "\n").replace("\r", "\n") if "\r" in text else text


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


class _Styles:
    """The cell formats of one workbook, each added once (XlsxWriter formats belong to their workbook)."""

    def __init__(self, workbook: Workbook) -> None:
        self.workbook = workbook
        self.header = workbook.add_format(HEADER_STYLE)
        self.made: dict[tuple[str | None, bool], Any] = {(None, False): None}

    def number(self, number_format: str | None, label: bool = False) -> Any:
        """The format of a cell with `number_format` (None: the default), bold for a cover label."""
        key = (number_format, label)
        if key not in self.made:
            self.made[key] = self.workbook.add_format(
                {**({"num_format": number_format} if number_format else {}), **(LABEL_STYLE if label else {})})
        return self.made[key]


def _set_width(sheet: Worksheet, column: int, width: int) -> None:
    """`column` from 0; `width` in characters, between the minimum and the cap."""
    sheet.set_column_pixels(column, column, DIGIT_PIXELS * min(max(width + 2, MIN_WIDTH), MAX_WIDTH))


def _text_cells(texts: list[str]) -> list[str]:
    """What _xlsx_cell makes of each string, a column at a time: control characters dropped, formulas
    neutralised, line ends made "\\n", cut at Excel's cell limit."""
    if ILLEGAL_CHARACTERS_RE.search("\n".join(texts)):  # one scan of the column; "\n" is allowed
        texts = [ILLEGAL_CHARACTERS_RE.sub("", text) for text in texts]
    texts = ["'" + text if text.startswith(FORMULA_TRIGGERS) else text for text in texts]
    if "\r" in "".join(texts):
        texts = [_line_ends(text) for text in texts]
    if max(map(len, texts), default=0) > EXCEL_CELL_LIMIT:
        texts = [text[:EXCEL_CELL_LIMIT] for text in texts]
    return texts


def _dates_from_text(texts: list[str], kind: str) -> list[Any]:
    """ISO days (kind "date") or months ("month") as dates, as _parse_iso reads them; other text stays text.
    The usual spelling (2024-03, 2024-03-15) is parsed a column at a time, any other text by _parse_iso."""
    month = kind == "month"
    series = pd.Series(texts, dtype=object)
    usual = series.str.fullmatch("[0-9]{4}-[0-9]{2}" if month else "[0-9]{4}-[0-9]{2}-[0-9]{2}")
    parsed = pd.to_datetime(series.where(usual.astype(bool), None), format="%Y-%m" if month else "%Y-%m-%d",
                            errors="coerce")
    return [stamp.date() if stamp is not pd.NaT else (_parse_iso(text, kind) or text)
            for stamp, text in zip(parsed, texts)]


def _column_cells(column: pd.Series, kind: str) -> tuple[list[int], list[Any], str | None]:
    """One column's cells as _xlsx_cell makes them: the positions (from 0) of the rows that hold a value, the
    values, and "text" or "number" when all of them are of that sort (None: a mix, or a column typed cell by cell).

    Text and number columns, nearly every cell of a workbook, are worked a column at a time; any other column
    goes through _xlsx_cell cell by cell. Empty strings are left out: an empty cell, as before.
    """
    dtype = column.dtype
    numeric = (pd.api.types.is_integer_dtype(dtype) or pd.api.types.is_float_dtype(dtype)) \
        and not pd.api.types.is_bool_dtype(dtype)
    inferred = None if numeric or isinstance(dtype, pd.StringDtype) or dtype != object \
        else pd.api.types.infer_dtype(column, skipna=True)
    present = column.notna().to_numpy()
    rows = np.flatnonzero(present).tolist()
    if numeric or inferred in ("integer", "floating"):
        values = [value.item() if isinstance(value, np.generic) else value for value in column[present].tolist()]
        if not any(isinstance(value, float) and math.isinf(value) for value in values):
            return rows, values, "number"
    elif isinstance(dtype, pd.StringDtype) or inferred in ("string", "empty"):
        texts = [str(text) for text in column[present].tolist()]
        values = _dates_from_text(texts, kind) if kind in ("date", "month") and texts else texts
        strings = [value for value in values if isinstance(value, str)]
        if len(strings) == len(values):
            values = _text_cells(values)
            kept = [(row, value) for row, value in zip(rows, values) if value]
            return [row for row, _ in kept], [value for _, value in kept], "text"
        # Some text read as dates: the rest is still neutralised text.
        cleaned = iter(_text_cells(strings))
        values = [next(cleaned) if isinstance(value, str) else value for value in values]
        kept = [(row, value) for row, value in zip(rows, values) if value != ""]
        return [row for row, _ in kept], [value for _, value in kept], None
    cells = [(row, _xlsx_cell(raw, kind)) for row, raw in enumerate(column.tolist())]
    kept = [(row, value) for row, value in cells if value is not None and value != ""]
    return [row for row, _ in kept], [value for _, value in kept], None


def _numbers_width(values: list[Any], number_format: str | None) -> int:
    """The widest of _display_width over numbers of one type and one format, without a call per cell."""
    if not values:
        return 0
    if number_format and number_format.startswith("#,##0"):
        return max(len(f"{value:,.0f}") for value in values) + len(number_format) - len("#,##0") - 2
    if isinstance(values[0], float):
        return max(len(f"{value:.2f}") for value in values)
    return max(len(str(value)) for value in values)


def _texts_width(texts: list[str]) -> int:
    """The widest of _display_width over strings: the longest line."""
    if LINE_BREAKS.search("\x00".join(texts)):
        return max((_display_width(text, None) for text in texts), default=0)
    return max(map(len, texts), default=0)


def _date_format(value: dt.date | dt.time) -> str:
    return next(number_format for kind, number_format in DEFAULT_DATE_FORMATS if isinstance(value, kind))


def _write_cell(sheet: Worksheet, row: int, column: int, value: Any, number_format: str | None,
                styles: _Styles, label: bool = False) -> None:
    """One cell by its type (never sheet.write(), which would read a string as a formula or a link)."""
    if isinstance(value, Decimal) and not value.is_finite():
        value = str(value)  # Excel has no infinity
    if isinstance(value, str):
        sheet.write_string(row, column, value, styles.number(None, label))
    elif isinstance(value, bool):
        sheet.write_boolean(row, column, value, styles.number(None, label))
    elif isinstance(value, (dt.date, dt.time)):
        sheet.write_datetime(row, column, value, styles.number(number_format or _date_format(value), label))
    else:
        sheet.write_number(row, column, value, styles.number(number_format, label))


def _column_writer(sheet: Worksheet, sort: str | None, number_format: str | None, per_row: list[str] | None,
                   styles: _Styles) -> Callable[[int, int, Any], Any]:
    """How a cell of a column is written: by the column's sort where all its cells are of one, else by each
    cell's type. Money cells take their row's format (given with the value)."""
    if sort == "text":
        return sheet.write_string
    if sort == "number" and per_row is None:
        style, write_number = styles.number(number_format), sheet.write_number
        return lambda row, column, value: write_number(row, column, value, style)
    if sort == "number":
        return lambda row, column, value: sheet.write_number(row, column, value[0], styles.number(value[1]))
    if per_row is None:
        return lambda row, column, value: _write_cell(
            sheet, row, column, value, None if isinstance(value, (str, bool)) else number_format, styles)
    return lambda row, column, value: _write_cell(
        sheet, row, column, value[0], None if isinstance(value[0], (str, bool)) else value[1], styles)


def _write_frame(sheet: Worksheet, frame: pd.DataFrame, formats: Mapping[Any, str], styles: _Styles,
                 currency_columns: Sequence[Any] = ()) -> None:
    """The frame with a styled header row. Its cells are typed and sized a column at a time, then written row by
    row (the order XlsxWriter's constant_memory mode would also take)."""
    from data_model.money import excel_format

    rows, columns = frame.shape
    currency_column = next((name for name in frame.columns if name in currency_columns), None)
    row_formats = None
    if currency_column is not None:
        by_currency: dict[Any, str] = {}  # a few currencies, each looked up once
        row_formats = []
        for value in frame[currency_column].tolist():
            code = value if isinstance(value, str) and value else "EUR"
            if code not in by_currency:
                by_currency[code] = excel_format(code)
            row_formats.append(by_currency[code])

    cells, writers = [], []
    for index, name in enumerate(frame.columns):
        column = frame.iloc[:, index]
        header = _header(name)
        kind = formats.get(name) or formats.get(header) or _inferred_kind(column)
        number_format = _number_format(kind)
        per_row = row_formats if row_formats is not None and kind == "money" else None

        header_value = _xlsx_cell(str(header), "text")
        if header_value:
            sheet.write_string(0, index, header_value, styles.header)
        else:
            sheet.write_blank(0, index, None, styles.header)
        # Bold header text is a little wider than body text.
        width = _display_width(header_value, None) + 1

        positions, values, sort = _column_cells(column, kind)
        if sort == "text":
            width = max(width, _texts_width(values))
        elif sort == "number" and per_row is None:
            width = max(width, _numbers_width(values, number_format))
        elif sort == "number":
            by_format: dict[str, list[Any]] = {}
            for row, value in zip(positions, values):
                by_format.setdefault(per_row[row], []).append(value)
            width = max([width, *(_numbers_width(group, cell_format) for cell_format, group in by_format.items())])
        else:
            for row, value in zip(positions, values):
                width = max(width, _display_width(value, per_row[row] if per_row is not None else number_format))
        if per_row is not None:
            values = [(value, per_row[row]) for row, value in zip(positions, values)]
        by_row: list[Any] = [None] * rows
        for row, value in zip(positions, values):
            by_row[row] = value
        cells.append(by_row)
        writers.append(_column_writer(sheet, sort, number_format, per_row, styles))
        _set_width(sheet, index, width)

    for row, values in enumerate(zip(*cells), start=1):
        for index, value in enumerate(values):
            if value is not None:
                writers[index](row, index, value)

    if columns:
        sheet.freeze_panes(1, 0)
        sheet.autofilter(0, 0, rows, columns - 1)


def _write_cover(sheet: Worksheet, cover: Sequence[tuple[str, Any]], styles: _Styles) -> None:
    widths = [0, 0]
    for row, (label, value) in enumerate(cover):
        label_value = _xlsx_cell(label, "text")
        if label_value is not None and label_value != "":
            _write_cell(sheet, row, 0, label_value, None, styles, label=True)
        cell_value = _xlsx_cell(value, "text")
        if cell_value is not None and cell_value != "":
            date_format = NUMBER_FORMATS["date"] if isinstance(cell_value, dt.date) else None
            _write_cell(sheet, row, 1, cell_value, date_format, styles)
        widths[0] = max(widths[0], _display_width(label_value, None) + 1)
        widths[1] = max(widths[1], _display_width(cell_value, None))
    for index, width in enumerate(widths):
        _set_width(sheet, index, width)
