"""Spreadsheet bytes in, one table of records out: .xlsx and .xlsm (openpyxl), .csv and .tsv (csv module).

Real exports are untidy, so the reader works things out instead of asking: the text encoding and the
delimiter of a CSV file, the row that holds the field names (there may be a title above it), and whether
the sheet is transposed (one column per project, field names down the first column). Every record keeps
where it stands in the file, so a message can send the user to the cell.

Nothing is mapped to fields here; that is the mapping engine's work (mapping.py).
"""
from __future__ import annotations

import csv
import gc
import io
import os
import re
import threading
import warnings
import zipfile
from bisect import bisect_right
from collections import Counter
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Iterator, NamedTuple

from openpyxl.utils import get_column_letter
from rapidfuzz import fuzz, process

from loaders.encoding import decode_bytes
from loaders.errors import (
    CorruptDocumentError,
    EmptyDocumentError,
    FileTooLargeError,
    LoaderError,
    NotTextError,
    ProtectedFileError,
    UnsupportedFormatError,
    ZipBombError,
)
from loaders.sheets.fields import all_header_names
from loaders.text import DASHES

SHEET_SUFFIXES = (".xlsx", ".xlsm", ".csv", ".tsv")
EXCEL_SUFFIXES = (".xlsx", ".xlsm")
DEFAULT_MAX_SHEET_MB = 50

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ZIP_TOTAL_FLOOR = 200 * 1024 * 1024  # uncompressed bytes any real workbook stays under
ZIP_TOTAL_FACTOR = 100  # ... or this many times the file's own size, whichever is larger
ZIP_MEMBER_RATIO = 200  # deflate of real XML rarely passes 20:1; zeros reach ~1000:1
ZIP_MEMBER_FLOOR = 50 * 1024 * 1024

DELIMITERS = (",", ";", "\t", "|")
SCAN_LINES = 30  # header candidates: the first rows (or columns)
SCAN_CELLS = 100  # cells of a candidate column looked at when judging orientation
SNIFF_RECORDS = 50
SNIFF_CHARS = 256 * 1024
HEADER_MARGIN = 0.1  # a later row must look this much more like field names to win over an earlier one
TRANSPOSED_MARGIN = 0.12  # the first column must look this much more like field names than the header row
MIN_KNOWN_NAMES = 3  # ... and name at least this many fields the mapping knows
KNOWN_NAME_LIKENESS = 0.7  # a cell this header-like is a known field name (fuzzy score 80 or more)
# A table is rows x columns, also where the cells present are few and far apart (a diagonal of 16,384 cells
# would make 268 million): past this many cells, and this many times the cells present, the sheet is refused.
TABLE_CELLS_FLOOR = 10_000_000
TABLE_SPREAD = 50
SHARED_LENGTH = 40  # CSV cells up to this long are kept once however often they repeat


@dataclass
class Table:
    """One sheet's records, aligned with its headers, and where each record stands in the file."""

    source: str
    sheet: str
    headers: list[str]
    rows: list[list[object]]
    row_numbers: list[int]
    transposed: bool
    header_row: int
    encoding: str | None = None
    delimiter: str | None = None
    # Where each header stands: its 1-based column (or row, when transposed); empty means 1, 2, 3 ...
    header_positions: list[int] = field(default_factory=list)

    def place(self, record_index: int, column: str) -> str:
        """Where a cell is, worded the way a user finds it in Excel.

        >>> t = Table("salkku.xlsx", "Hankkeet", ["Hanke", "start_date"], [["A", None]], [12], False, 1)
        >>> t.place(0, "start_date")
        'sheet Hankkeet, row 12, column B (start_date)'
        >>> t = Table("uk_2014.csv", "", ["Project name", "Department"], [["X", "BIS"]], [3], True, 1)
        >>> t.place(0, "Department")
        'column C, row 2 (Department)'
        """
        prefix = f"sheet {self.sheet}, " if self.sheet else ""
        number = self.row_numbers[record_index]
        if column in self.headers:
            index = self.headers.index(column)
            position = self.header_positions[index] if self.header_positions else index + 1
        else:
            position = None
        if self.transposed:
            field_part = f"row {position} ({column})" if position else f"row {column}"
            return f"{prefix}column {get_column_letter(number)}, {field_part}"
        column_part = f"column {get_column_letter(position)} ({column})" if position else f"column {column}"
        return f"{prefix}row {number}, {column_part}"


# --- entry points -------------------------------------------------------------------------------------


def read_sheet(
    source: str,
    data: bytes,
    *,
    sheet: str | None = None,
    encoding: str | None = None,
    delimiter: str | None = None,
    header_row: int | None = None,
    transposed: bool | None = None,
) -> Table:
    """Read one sheet of a spreadsheet file into a Table; `source` is the file name and decides the reader."""
    suffix = _check_file(source, data)
    if suffix in EXCEL_SUFFIXES:
        sheet_name, grid = _read_workbook_grid(source, data, sheet)
        used_encoding = used_delimiter = None
    else:
        if sheet:
            raise LoaderError(source, f"a {suffix} file has no sheets (asked for sheet '{sheet}')")
        text, used_encoding = decode_sheet_text(source, data, encoding)
        used_delimiter = delimiter or ("\t" if suffix == ".tsv" else detect_delimiter(text))
        with bulk_work():
            records = parse_delimited(source, text, used_delimiter)
            del text  # the records hold what is needed
            sheet_name, grid = "", _Grid.from_records(records)
            del records
    if not grid.rows:
        where = f"sheet {sheet_name}" if sheet_name else None
        raise EmptyDocumentError(source, "the sheet holds no cells", where)
    with bulk_work():
        table = _build_table(source, sheet_name, grid, header_row, transposed)
    table.encoding, table.delimiter = used_encoding, used_delimiter
    return table


def sheet_names(source: str, data: bytes) -> list[str]:
    """The workbook's worksheet names in order; a CSV or TSV file has one unnamed sheet, ''."""
    suffix = _check_file(source, data)
    if suffix not in EXCEL_SUFFIXES:
        return [""]
    workbook = _open_workbook(source, data)
    try:
        return [ws.title for ws in workbook.worksheets]
    finally:
        workbook.close()


# --- refusals before anything is parsed -------------------------------------------------------------


def max_sheet_bytes() -> int:
    """The size limit for one spreadsheet file; SALKKU_MAX_SHEET_MB overrides the default."""
    return int(float(os.environ.get("SALKKU_MAX_SHEET_MB", DEFAULT_MAX_SHEET_MB)) * 1024 * 1024)


def _check_file(source: str, data: bytes) -> str:
    """Suffix, size, emptiness and the OLE signature; returns the lower-case suffix."""
    suffix = Path(source).suffix.lower()
    if suffix not in SHEET_SUFFIXES:
        hint = " (save an old .xls workbook as .xlsx)" if suffix == ".xls" else ""
        supported = ", ".join(SHEET_SUFFIXES)
        raise UnsupportedFormatError(
            source, f"unsupported file type '{suffix or '(none)'}'; spreadsheets are {supported}{hint}"
        )
    limit = max_sheet_bytes()
    if len(data) > limit:
        raise FileTooLargeError(
            source,
            f"the file is {len(data) / 1024 / 1024:.1f} MB; the limit for one spreadsheet is "
            f"{limit / 1024 / 1024:g} MB (set SALKKU_MAX_SHEET_MB to change it)",
        )
    if not data.strip():
        raise EmptyDocumentError(source, "the file is empty")
    # Excel saves an encrypted workbook, like an old .xls, as an OLE compound file, not as a zip.
    if data.startswith(OLE_MAGIC):
        raise ProtectedFileError(
            source,
            "the workbook is password-protected (encrypted) or in the old .xls format, which cannot be read; "
            "open it in Excel, remove the password and save it as an Excel Workbook (.xlsx)",
        )
    return suffix


def _check_zip(source: str, data: bytes) -> None:
    """Refuse a file that is not a zip, a zip bomb, or a zip without a workbook, before openpyxl opens it."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, OSError, ValueError):
        raise CorruptDocumentError(
            source, "not an Excel workbook (.xlsx files are zip archives; this one is not)"
        ) from None
    with archive:
        members = archive.infolist()
        # The declared sizes are what zipfile will inflate at most, so summing them bounds the work.
        total = sum(info.file_size for info in members)
        allowed = max(ZIP_TOTAL_FLOOR, ZIP_TOTAL_FACTOR * len(data))
        if total > allowed:
            raise ZipBombError(
                source,
                f"the workbook would expand from {len(data) / 1024 / 1024:.1f} MB to {total / 1024 / 1024:.0f} MB; "
                "refused as a possible zip bomb",
            )
        for info in members:
            ratio = info.file_size / max(info.compress_size, 1)
            if info.file_size > ZIP_MEMBER_FLOOR and ratio > ZIP_MEMBER_RATIO:
                raise ZipBombError(
                    source,
                    f"the part {info.filename} would expand {ratio:.0f}-fold to {info.file_size / 1024 / 1024:.0f} MB; "
                    "refused as a possible zip bomb",
                )
        if "xl/workbook.xml" not in archive.namelist():
            raise CorruptDocumentError(source, "not an Excel workbook (the zip archive has no xl/workbook.xml)")


# --- Excel ----------------------------------------------------------------------------------------------


def _open_workbook(source: str, data: bytes):
    from openpyxl import load_workbook

    _check_zip(source, data)
    try:
        # Warnings are about features the reader never uses (data validation, conditional formats ...).
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            return load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as error:  # openpyxl raises many types for broken packages
        raise CorruptDocumentError(source, f"not a readable Excel workbook ({type(error).__name__}: {error})") from None


def _read_workbook_grid(source: str, data: bytes, sheet: str | None) -> tuple[str, _Grid]:
    """The named sheet's cells, or those of the first sheet that holds any."""
    workbook = _open_workbook(source, data)
    try:
        worksheets = workbook.worksheets  # chart sheets hold no cells and are left out
        names = [ws.title for ws in worksheets]
        if sheet:
            chosen = _find_sheet(source, names, sheet)
            return chosen, _worksheet_grid(source, worksheets[names.index(chosen)])
        for worksheet in worksheets:
            grid = _worksheet_grid(source, worksheet)
            if grid.rows:
                return worksheet.title, grid
        raise EmptyDocumentError(source, "none of the workbook's sheets holds any cells")
    finally:
        workbook.close()


def _find_sheet(source: str, names: list[str], wanted: str) -> str:
    if wanted in names:
        return wanted
    # 'hankkeet ' for 'Hankkeet' is still plainly meant; only an unambiguous match is taken.
    loose = [name for name in names if name.strip().casefold() == wanted.strip().casefold()]
    if len(loose) == 1:
        return loose[0]
    listed = ", ".join(f"'{name}'" for name in names) or "none"
    raise LoaderError(source, f"the workbook has no sheet named '{wanted}'; its sheets are {listed}")


def _worksheet_grid(source: str, worksheet) -> _Grid:
    """The cells the worksheet's XML holds, and nothing in between.

    openpyxl's iter_rows pads: every missing row comes out as an empty row and every row as wide as its last
    cell, so one cell at XFD1048576 meant a million rows, the last 16,384 cells wide (and a stale <dimension>
    padded every row to it). Its worksheet parser, which iter_rows reads from, yields only the rows and cells
    that are there, with their row and column numbers; the grid is built from those.
    """
    try:
        with bulk_work():
            return _Grid.from_cells(source, worksheet.title, _worksheet_cells(worksheet))
    except LoaderError:
        raise
    except Exception as error:
        raise CorruptDocumentError(
            source, f"the sheet cannot be read ({type(error).__name__}: {error})", f"sheet {worksheet.title}"
        ) from None


def _worksheet_cells(worksheet) -> Iterator[tuple[int, list[tuple[int, object]]]]:
    """(0-based row, [(0-based column, value), ...]) for each row of a read-only worksheet that holds a value."""
    from openpyxl.worksheet._reader import WorkSheetParser

    workbook = worksheet.parent
    # The same parser and arguments as openpyxl's ReadOnlyWorksheet._cells_by_row (openpyxl 3.1).
    with worksheet._get_source() as source:
        parser = WorkSheetParser(
            source,
            worksheet._shared_strings,
            data_only=workbook.data_only,
            epoch=workbook.epoch,
            date_formats=workbook._date_formats,
            timedelta_formats=workbook._timedelta_formats,
        )
        last = 0
        for number, cells in parser.parse():
            if number <= last:  # a row out of order or repeated: iter_rows skips it too
                continue
            last = number
            values = {}
            for cell in cells:  # a repeated cell overwrites, as in iter_rows
                values[cell["column"] - 1] = _clean_cell(cell["value"])
            present = sorted((column, value) for column, value in values.items() if value is not None)
            if present:
                yield number - 1, present


def _clean_cell(value: object) -> object:
    """Strings stripped with line ends made '\\n', empty strings None; numbers, dates and the rest unchanged.

    >>> _clean_cell("  Verkko\\r\\nuusiminen "), _clean_cell("   "), _clean_cell(3.5)
    ('Verkko\\nuusiminen', None, 3.5)
    """
    if isinstance(value, str):
        value = value.replace("\r\n", "\n").replace("\r", "\n").strip()
        return value or None
    return value


# --- CSV and TSV ----------------------------------------------------------------------------------------

def decode_sheet_text(source: str, data: bytes, encoding: str | None = None) -> tuple[str, str]:
    """Decode a CSV file by the policy plan documents share (loaders/encoding.py), returning (text, encoding used);
    an explicit encoding wins. Unlike documents, the five bytes cp1252 leaves undefined are kept (as control
    characters, what a browser does): Windows exports carry one now and then.

    >>> decode_sheet_text("a.csv", "Hanke;Määrä €".encode("cp1252"))
    ('Hanke;Määrä €', 'cp1252')
    >>> decode_sheet_text("a.csv", "Hanke".encode("utf-16-le"))
    ('Hanke', 'utf-16-le')
    """
    decoded = decode_bytes(source, data, encoding, undefined="keep")
    if _looks_binary_text(decoded.text):  # a NUL, too: the csv module would stop at it
        raise NotTextError(source, "the file holds binary data, not text")
    return decoded.text, decoded.encoding


def _looks_binary_text(text: str) -> bool:
    sample = text[:65536]
    controls = sum(1 for c in sample if ord(c) < 32 and c not in "\t\n\r\f")
    return "\x00" in sample or controls / max(len(sample), 1) > 0.02


def detect_delimiter(text: str) -> str:
    """The delimiter among , ; tab | that splits the first records into the most consistent number of fields.

    csv.Sniffer is misled by long quoted prose full of commas, so each candidate is tried with the csv module.

    >>> detect_delimiter('year;project;comment\\n2021;A;"x, y, z"\\n2021;B;"a, b"\\n')
    ';'
    >>> detect_delimiter("a\\tb\\tc\\n1\\t2\\t3\\n")
    '\\t'
    """
    sample = text[:SNIFF_CHARS]
    truncated = len(text) > SNIFF_CHARS
    best, best_key = ",", (0.0, 0)
    for candidate in DELIMITERS:
        counts = _field_counts(sample, candidate, truncated)
        if not counts:
            continue
        mode, seen = Counter(counts).most_common(1)[0]
        if mode < 2:
            continue
        key = (round(seen / len(counts), 2), mode)
        if key > best_key:
            best, best_key = candidate, key
    return best


def _field_counts(sample: str, delimiter: str, truncated: bool) -> list[int]:
    counts: list[int] = []
    try:
        for record in csv.reader(io.StringIO(sample, newline=""), delimiter=delimiter):
            if any(cell.strip() for cell in record):
                counts.append(len(record))
            if len(counts) > SNIFF_RECORDS:
                break
    except csv.Error:
        return []
    # A cut-off sample may end inside a record.
    return counts[:-1] if truncated and len(counts) > 1 else counts


def parse_delimited(source: str, text: str, delimiter: str) -> list[list[object]]:
    """All records of a CSV text; quoted cells keep their delimiters and line breaks (CR, LF or CRLF).

    >>> parse_delimited("a.csv", 'a,b\\r"x\\ry",2\\r\\nz,3\\n', ",")
    [['a', 'b'], ['x\\ny', '2'], ['z', '3']]
    """
    try:
        return _parse(text, delimiter, strict=True)
    except _UnclosedQuote as error:
        raise CorruptDocumentError(
            source, "a quoted cell is never closed: its opening quote (\") has no closing one", error.place
        ) from None
    except csv.Error:
        pass
    # Strict parsing also refuses stray quotes such as 'x"y' or '"x"y', which Excel writes and reads; accept them.
    try:
        return _parse(text, delimiter, strict=False)
    except _UnclosedQuote as error:  # pragma: no cover - strict parsing reports this first
        raise CorruptDocumentError(source, "a quoted cell is never closed", error.place) from None
    except csv.Error as error:
        reason = str(error.args[0])
        if "field larger than field limit" in reason:
            reason = f"a cell is longer than {csv.field_size_limit():,} characters"
        raise CorruptDocumentError(source, f"the file cannot be split into cells ({reason})", error.args[-1]) from None


class _UnclosedQuote(Exception):
    def __init__(self, place: str):
        super().__init__(place)
        self.place = place


def _parse(text: str, delimiter: str, strict: bool) -> list[list[object]]:
    # newline="" hands CR, LF and CRLF to the csv module untouched: it ends records on any of them outside
    # quotes and keeps them inside quoted cells, so mixed line ends give the right records.
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=strict)
    records: list[list[object]] = []
    line = 0
    # Long sheets repeat their short values (a service area, a month, a status) thousands of times; one string
    # for each keeps the records' memory near the file's unique text.
    share = {}.setdefault
    try:
        for record in reader:
            # _clean_cell for text, inlined: most cells have no carriage return to turn into a line end.
            records.append([
                (share(text, text) if len(text) <= SHARED_LENGTH else text)
                if (text := cell.strip() if "\r" not in cell else _clean_cell(cell)) else None
                for cell in record
            ])
            line = reader.line_num
    except csv.Error as error:
        place = f"row {len(records) + 1}, starting on line {line + 1}"
        if "unexpected end of data" in str(error):
            raise _UnclosedQuote(place) from None
        raise csv.Error(str(error), place) from None
    return records


# --- finding the header and the orientation -------------------------------------------------------------

_NUMBER_CHARS = re.compile(rf"[\s£$€%()+\-{DASHES}]|\b(?:eur|m|k|milj|me|m€|£m|\$m)\b", re.IGNORECASE)
_NUMBER = re.compile(r"^\d[\d.,']*$")
_DATE = re.compile(r"^(?:\d{1,4}[./-]\d{1,2}[./-]\d{1,4}|\d{1,2}/\d{4}|q[1-4][ /-]?\d{2,4})(?!\d)", re.IGNORECASE)


def _is_value_text(text: str) -> bool:
    """A string that is a number, money, percentage or date, and so a value rather than a field name.

    >>> [_is_value_text(t) for t in ["£12.20", "-19%", "3,085", "31/05/2010", "2011-01-10T00:00:00Z", "Budget"]]
    [True, True, True, True, True, False]
    """
    if _DATE.match(text):
        return True
    return bool(_NUMBER.match(_NUMBER_CHARS.sub("", text)))


def _normalise_name(text: str) -> str:
    return " ".join(text.replace("_", " ").casefold().split())


@lru_cache(maxsize=1)
def _known_names() -> tuple[str, ...]:
    return tuple(sorted({_normalise_name(name) for name in all_header_names()}))


@lru_cache(maxsize=8192)
def _similarity(text: str) -> float:
    """0..1: how closely a cell matches a header name the mapping knows.

    Long headers carry an explanation in brackets ('Project - Start Date (Latest approved start date)'),
    so the part before the bracket is compared too.
    """
    name = _normalise_name(text)
    head = name.split("(")[0].strip()
    scores = [
        process.extractOne(candidate, _known_names(), scorer=scorer)[1]
        for candidate in {name, head} - {""}
        for scorer in (fuzz.ratio, fuzz.token_sort_ratio)
    ]
    # Below ~60 a match is chance ('Amber' against 'name'); above it, count it in proportion.
    return max(0.0, (max(scores, default=0) - 60) / 40)


_YEAR = re.compile(rf"^(?:19|20)\d\d(?:\s*[-/{DASHES}]\s*(?:19|20)?\d\d)?$")


def _header_likeness(cell: object) -> float:
    """0 for values (numbers, dates, empty); 0.3 for a year, which heads a column of yearly costs;
    for text 0.4, rising to 1 as it matches a known header name.

    >>> [round(_header_likeness(c), 1) for c in ["Alku", "Verkon uusiminen", 2026, "2025/26", 3.5, "1.1.2026", None]]
    [1.0, 0.4, 0.3, 0.3, 0.0, 0.0, 0.0]
    """
    if isinstance(cell, (int, str)) and not isinstance(cell, bool) and _YEAR.match(str(cell).strip()):
        return 0.3
    if not isinstance(cell, str) or _is_value_text(cell):
        return 0.0
    score = 0.4 + 0.6 * _similarity(cell[:120])
    return score * 0.3 if len(cell) > 250 else score  # prose, not a name


def _line_score(cells: list[object], width: int) -> float:
    """How much a row (or column) looks like field names: filled with text, unique, known names."""
    filled = [cell for cell in cells[:width] if cell is not None]
    if not filled or width == 0:
        return 0.0
    unique = len({str(cell).casefold() for cell in filled}) / len(filled)
    return sum(_header_likeness(cell) for cell in filled) / width * unique


def _best_header(lines: list[list[object]], width: int) -> tuple[int, float]:
    """Index and score of the most header-like of the first lines; an earlier line wins a near tie
    (in a sheet of plain text the first row is the header, whatever chance matches the later rows have)."""
    best_index, best_score = 0, -1.0
    for index, line in enumerate(lines[:SCAN_LINES]):
        score = _line_score(line, width)
        if score > best_score + HEADER_MARGIN:
            best_index, best_score = index, score
    return best_index, best_score


class _Candidates(NamedTuple):
    row_index: int
    row_score: float
    column_index: int
    column_score: float
    transposed: bool


def _header_candidates(grid: _Grid) -> _Candidates:
    """The best header row and the best header column, and whether the sheet reads transposed.

    Transposed needs positive evidence: the column must score clearly higher and hold more field names
    the mapping knows (at least MIN_KNOWN_NAMES) than the row. Without that a sheet reads the usual way;
    a header row of years ('Hanke; 2024; 2025') must not turn the sheet on its side.

    Rows and columns are counted as they stand in the sheet, blank ones included; only the first
    SCAN_LINES rows and the first SCAN_LINES x SCAN_CELLS cells are looked at.
    """
    # Fill is judged against the columns (rows) that hold anything, so blank separators do not count.
    used_columns = len(grid.columns)
    row_index, row_score = _best_header(grid.top_rows(SCAN_LINES, used_columns), used_columns)
    depth = min(grid.height, SCAN_CELLS)
    used_rows = bisect_right(grid.numbers, depth - 1)
    columns = grid.top_left_columns(min(grid.width, SCAN_LINES), depth)
    column_index, column_score = _best_header(columns, used_rows)
    column_known = _known_count(columns[column_index])
    transposed = (
        column_score > row_score + TRANSPOSED_MARGIN
        and column_known >= MIN_KNOWN_NAMES
        and column_known > _known_count(grid.row(row_index))
    )
    return _Candidates(row_index, row_score, column_index, column_score, transposed)


def _known_count(cells: list[object]) -> int:
    return sum(1 for cell in cells if _header_likeness(cell) >= KNOWN_NAME_LIKENESS)


def _build_table(source: str, sheet: str, grid: _Grid, header_row: int | None, transposed: bool | None) -> Table:
    width = grid.width
    if transposed is None or header_row is None:
        found = _header_candidates(grid)
        if transposed is None:
            transposed = found.transposed
        detected = found.column_index if transposed else found.row_index
    if header_row is not None:
        limit = width if transposed else grid.height
        if not 1 <= header_row <= limit:
            what = "column" if transposed else "row"
            where = f"sheet {sheet}" if sheet else None
            raise LoaderError(source, f"the header {what} {header_row} is outside the sheet (1–{limit})", where)
        detected = header_row - 1
    if transposed:
        return _transposed_table(source, sheet, grid, detected)
    return _plain_table(source, sheet, grid, detected)


def _check_spread(source: str, sheet: str, cells: int, size: int) -> None:
    """Refuse a table far larger than the cells present (a few cells spread over a whole sheet)."""
    if size > max(TABLE_CELLS_FLOOR, TABLE_SPREAD * cells):
        where = f"sheet {sheet}" if sheet else None
        raise FileTooLargeError(
            source,
            f"the sheet's {cells:,} cells lie so far apart that as a table they would be {size:,} cells; "
            "delete the stray cells far from the table, or copy the table to a new sheet",
            where,
        )


def _plain_table(source: str, sheet: str, grid: _Grid, header: int) -> Table:
    positions = len(grid.columns)
    names = grid.row_at(header)
    names = names + [None] * (positions - len(names))
    below = bisect_right(grid.numbers, header)
    numbers, rows = grid.numbers[below:], grid.rows[below:]  # blank rows are not in the grid
    # A column with neither a name nor any value is layout (a margin column), not a field.
    holding = _positions_holding(rows, positions)
    keep = [k for k in range(positions) if names[k] is not None or holding[k]]
    _check_spread(source, sheet, grid.cells, len(rows) * len(keep))
    if len(keep) == positions:
        # Every column stays: the grid's own rows become the records, padded in place.
        for row in rows:
            if len(row) < positions:
                row.extend([None] * (positions - len(row)))
        records = rows
    else:
        records = [[row[k] if k < len(row) else None for k in keep] for row in rows]
    columns = [grid.columns[k] + 1 for k in keep]
    return Table(
        source=source,
        sheet=sheet,
        headers=_unique_headers([names[k] for k in keep], columns, "column"),
        rows=records,
        row_numbers=[number + 1 for number in numbers],
        transposed=False,
        header_row=header + 1,
        header_positions=columns,
    )


def _transposed_table(source: str, sheet: str, grid: _Grid, header: int) -> Table:
    label = grid.position(header)  # None: the label column is blank
    first = bisect_right(grid.columns, header)  # positions from here are record columns
    # Rows end at their last value, so a row has values in record columns when it reaches past `first`.
    has_values = [len(row) > first for row in grid.rows]
    # Lines below the last one with values are notes under the table (a footnote in the label column).
    last = max((i for i, flag in enumerate(has_values) if flag), default=-1)
    keep = [
        i for i in range(last + 1)
        if has_values[i] or (label is not None and label < len(grid.rows[i]) and grid.rows[i][label] is not None)
    ]
    kept = [grid.rows[i] for i in keep]
    holding = _positions_holding([row[first:] for row in kept], len(grid.columns) - first)
    records = [first + k for k, flag in enumerate(holding) if flag]
    _check_spread(source, sheet, grid.cells, len(records) * len(keep))
    labels = [row[label] if label is not None and label < len(row) else None for row in kept]
    lines = [grid.numbers[i] + 1 for i in keep]
    return Table(
        source=source,
        sheet=sheet,
        headers=_unique_headers(labels, lines, "row"),
        rows=[[row[k] if k < len(row) else None for row in kept] for k in records],
        row_numbers=[grid.columns[k] + 1 for k in records],
        transposed=True,
        header_row=header + 1,
        header_positions=lines,
    )


def _unique_headers(cells: list[object], positions: list[int], axis: str) -> list[str]:
    """Header text with whitespace folded; a blank one named by its place; repeats numbered '(2)', '(3)'.

    >>> _unique_headers(["Hanke", None, "colour_rating", "colour_rating", " Alku\\n pvm "], [1, 2, 3, 4, 5], "column")
    ['Hanke', 'column 2', 'colour_rating', 'colour_rating (2)', 'Alku pvm']
    """
    names = [" ".join(_header_text(cell).split()) or f"{axis} {position}" for cell, position in zip(cells, positions)]
    taken = set(names)
    seen: Counter[str] = Counter()
    following: dict[str, int] = {}  # numbers below this were taken when the name last came up (and still are)
    result = []
    for name in names:
        seen[name] += 1
        if seen[name] == 1:
            result.append(name)
            continue
        number = max(seen[name], following.get(name, 0))
        while f"{name} ({number})" in taken:
            number += 1
        following[name] = number + 1
        unique = f"{name} ({number})"
        taken.add(unique)
        result.append(unique)
    return result


def _header_text(cell: object) -> str:
    if cell is None:
        return ""
    if hasattr(cell, "isoformat"):
        text = cell.isoformat()
        return text[:-9] if text.endswith("T00:00:00") else text
    if isinstance(cell, float) and cell.is_integer():
        return str(int(cell))
    return str(cell)


# --- the cells present -----------------------------------------------------------------------------------


@dataclass
class _Grid:
    """The cells a sheet holds, where they stand (0-based rows and columns of the sheet).

    Blank rows are left out, and so are columns blank from top to bottom: a row is a list of values by
    position, `columns[position]` the sheet column of each position, and a row ends at its last value.
    So the work done on a sheet is bounded by the cells it holds, not by how far apart they lie: one cell
    at XFD1048576 is one row of one value, not a million rows of which the last is 16,384 cells wide.
    """

    numbers: list[int]  # the sheet row of each row held, ascending
    rows: list[list[object]]
    columns: list[int]  # ascending
    cells: int  # values present

    @property
    def height(self) -> int:
        """Rows up to the last that holds a value, as a dense grid would have them."""
        return self.numbers[-1] + 1 if self.numbers else 0

    @property
    def width(self) -> int:
        """Columns up to the last that holds a value."""
        return self.columns[-1] + 1 if self.columns else 0

    @classmethod
    def from_records(cls, records: list[list[object]]) -> _Grid:
        """From the records of a CSV file, all of whose columns stand where they are; the lists are reused."""
        numbers, rows, cells, width = [], [], 0, 0
        for number, row in enumerate(records):
            while row and row[-1] is None:
                row.pop()
            if row:
                numbers.append(number)
                rows.append(row)
                cells += len(row) - row.count(None)
                width = max(width, len(row))
        grid = cls(numbers, rows, list(range(width)), cells)
        holding = _positions_holding(rows, width)
        if not all(holding):  # a column blank from top to bottom (say, between two fields) is left out
            grid.compact([k for k in range(width) if holding[k]])
        return grid

    @classmethod
    def from_cells(cls, source: str, sheet: str, rows: Iterator[tuple[int, list[tuple[int, object]]]]) -> _Grid:
        """From (row, [(column, value), ...]): rows ascending, each row's columns ascending, values not None.

        Refuses (FileTooLargeError) cells so far apart that even the rows, each up to its last value, would
        be far more than the cells present: a diagonal of 16,384 cells would be 134 million.
        """
        sparse = list(rows)
        columns = sorted({column for _, values in sparse for column, _ in values})
        position = {column: index for index, column in enumerate(columns)}
        cells = sum(len(values) for _, values in sparse)
        _check_spread(source, sheet, cells, sum(position[values[-1][0]] + 1 for _, values in sparse))
        grid = cls([number for number, _ in sparse], [], columns, 0)
        for _, values in sparse:
            row: list[object] = [None] * (position[values[-1][0]] + 1)
            for column, value in values:
                row[position[column]] = value
            grid.rows.append(row)
            grid.cells += len(values)
        return grid

    def compact(self, keep: list[int]) -> None:
        """Keep only these positions (ascending), e.g. the ones that hold a value."""
        self.columns = [self.columns[k] for k in keep]
        rows = []
        for row in self.rows:
            kept = [row[k] for k in keep if k < len(row)]
            while kept and kept[-1] is None:
                kept.pop()
            rows.append(kept)
        self.rows = rows

    def position(self, column: int) -> int | None:
        """Where a sheet column stands in the rows, None when it is blank."""
        index = bisect_right(self.columns, column) - 1
        return index if index >= 0 and self.columns[index] == column else None

    def row_at(self, number: int) -> list[object]:
        """The values of a sheet row by position ([] for a blank row); the grid's own list, not a copy."""
        index = bisect_right(self.numbers, number) - 1
        return self.rows[index] if index >= 0 and self.numbers[index] == number else []

    def row(self, number: int, limit: int | None = None) -> list[object]:
        """A sheet row as a dense grid has it: by sheet column, up to its last value (or `limit` columns)."""
        values = self.row_at(number)
        if not values:
            return []
        end = self.columns[len(values) - 1] + 1
        if limit is not None:
            end = min(end, limit)
        if self.columns[len(values) - 1] == len(values) - 1:  # no blank column before its end
            return values[:end]
        dense: list[object] = [None] * end
        for index, value in enumerate(values):
            if self.columns[index] >= end:
                break
            dense[self.columns[index]] = value
        return dense

    def top_rows(self, count: int, limit: int) -> list[list[object]]:
        """The first `count` sheet rows, blank ones included, each cut to `limit` columns."""
        return [self.row(number, limit) for number in range(min(count, self.height))]

    def top_left_columns(self, count: int, depth: int) -> list[list[object]]:
        """The first `count` sheet columns, each cut to its first `depth` cells."""
        result = [[None] * depth for _ in range(count)]
        for row_index in range(bisect_right(self.numbers, depth - 1)):
            number, values = self.numbers[row_index], self.rows[row_index]
            for index, value in enumerate(values):
                column = self.columns[index]
                if column >= count:
                    break
                result[column][number] = value
        return result


def _positions_holding(rows: list[list[object]], count: int) -> list[bool]:
    """For each of `count` positions, whether any row has a value there (rows end at their last value)."""
    holding = [False] * count
    full = 0  # positions below this are known to hold a value
    for row in rows:
        if len(row) <= full:
            continue
        if None not in row:
            full = len(row)
            continue
        for index in range(full, len(row)):
            if row[index] is not None:
                holding[index] = True
    for index in range(min(full, count)):
        holding[index] = True
    return holding


_gc_lock = threading.Lock()
_gc_pauses = 0
_gc_resume = False


@contextmanager
def bulk_work() -> Iterator[None]:
    """Pause the cyclic garbage collector while a sheet is turned into many small lists.

    The lists hold no reference cycles, so nothing is left for the collector to find, but it would walk
    every list built so far again and again as their number grows: reading a 200,000-row CSV took several
    times as long with it running. Reference counting frees memory as usual. Pauses nest and may overlap
    between threads; the collector runs again when the last one ends (if it ran before the first).
    """
    global _gc_pauses, _gc_resume
    with _gc_lock:
        if _gc_pauses == 0:
            _gc_resume = gc.isenabled()
            gc.disable()
        _gc_pauses += 1
    try:
        yield
    finally:
        with _gc_lock:
            _gc_pauses -= 1
            if _gc_pauses == 0 and _gc_resume:
                gc.enable()
