"""The spreadsheet reader: encodings, delimiters, headers, transposed sheets, Excel cells, refusals, real exports."""
from __future__ import annotations

import datetime as dt
import io
import re
import zipfile
from pathlib import Path

import pytest
from openpyxl import Workbook

from loaders.errors import (
    CorruptDocumentError,
    EmptyDocumentError,
    EncodingError,
    FileTooLargeError,
    LoaderError,
    NotTextError,
    ProtectedFileError,
    UnsupportedFormatError,
    ZipBombError,
)
from loaders.sheets.reader import SHEET_SUFFIXES, Table, read_sheet, sheet_names

EXTERNAL = Path(__file__).resolve().parents[2].parent / "shared" / "external"
requires_external = pytest.mark.skipif(
    not EXTERNAL.is_dir(), reason=f"the real exports are not at {EXTERNAL} (../shared/external beside the project)"
)

PLAIN = "Hanke;Alku;Kustannus\nVerkon uusiminen;1/2026;10 000 €\nKirjasto;2027;5 000 €\n"


def _xlsx(build) -> bytes:
    workbook = Workbook()
    build(workbook)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _zip(members: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in members.items():
            archive.writestr(name, content)
    return buffer.getvalue()


def _zeros_zip(megabytes: int, level: int) -> bytes:
    """A workbook-shaped zip with one member of zeros, written in chunks so the test stays light."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=level) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("xl/workbook.xml", "<workbook/>")
        with archive.open("xl/worksheets/sheet1.xml", "w") as member:
            chunk = bytes(4 * 1024 * 1024)
            for _ in range(megabytes // 4):
                member.write(chunk)
    return buffer.getvalue()


# --- encodings ------------------------------------------------------------------------------------------

ENCODED = [
    pytest.param(PLAIN.encode("utf-8"), "utf-8", id="utf-8 without BOM"),
    pytest.param(PLAIN.encode("utf-8-sig"), "utf-8-sig", id="utf-8 with BOM"),
    pytest.param(PLAIN.encode("cp1252"), "cp1252", id="cp1252 with euro and a-umlaut"),
    pytest.param(PLAIN.encode("utf-16"), "utf-16", id="utf-16 with BOM"),
    pytest.param(PLAIN.encode("utf-16-le"), "utf-16-le", id="utf-16 LE without BOM"),
    pytest.param(PLAIN.encode("utf-16-be"), "utf-16-be", id="utf-16 BE without BOM"),
]


@pytest.mark.parametrize(("data", "encoding"), ENCODED)
def test_a_csv_file_is_decoded_in_its_own_encoding_and_the_encoding_is_recorded(data, encoding):
    table = read_sheet("salkku.csv", data)
    assert table.encoding == encoding
    assert table.headers == ["Hanke", "Alku", "Kustannus"]
    assert table.rows[0] == ["Verkon uusiminen", "1/2026", "10 000 €"]


def test_latin1_text_that_cp1252_cannot_decode_is_read_as_latin1_with_its_pound_sign():
    # 0x81 is undefined in cp1252, so this can only be latin-1 (where it is a control character).
    data = "Project,Cost\nBridge,£12m\n".encode("latin-1") + b"Tunnel \x81,\xa35m\n"
    table = read_sheet("uk.csv", data)
    assert table.encoding == "latin-1"
    assert table.rows[0] == ["Bridge", "£12m"]
    assert table.rows[1][1] == "£5m"


def test_cp1252_text_with_a_pound_sign_is_read_as_cp1252():
    table = read_sheet("uk.csv", "Project;Cost\nBridge;£12m – revised\n".encode("cp1252"))
    assert (table.encoding, table.rows) == ("cp1252", [["Bridge", "£12m – revised"]])


def test_an_explicit_encoding_wins_over_detection():
    table = read_sheet("salkku.csv", PLAIN.encode("utf-8"), encoding="latin-1")
    assert table.encoding == "latin-1"
    assert table.rows[0][0] == "Verkon uusiminen"
    assert table.rows[0][2].endswith("â\x82¬")  # the euro sign read byte by byte, as asked


def test_bytes_that_do_not_fit_an_explicit_encoding_are_refused_at_their_line_and_column():
    data = "Hanke;Alku\nPäiväkoti;2026\n".encode("cp1252")
    with pytest.raises(EncodingError) as caught:
        read_sheet("salkku.csv", data, encoding="utf-8")
    assert caught.value.location == "line 2, column 2"
    assert "salkku.csv" in str(caught.value)


# --- delimiters and CSV structure -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("delimiter", "name"),
    [
        pytest.param(",", "salkku.csv", id="comma"),
        pytest.param(";", "salkku.csv", id="semicolon"),
        pytest.param("\t", "salkku.csv", id="tab in a .csv"),
        pytest.param("|", "salkku.csv", id="pipe"),
        pytest.param("\t", "salkku.tsv", id="tab in a .tsv"),
    ],
)
def test_the_delimiter_is_found_even_when_quoted_prose_is_full_of_commas(delimiter, name):
    rows = [
        ["Hanke", "Kuvaus", "Alku"],
        ["Verkko", '"Uusitaan kytkimet, reitittimet, palomuurit; sitten langaton verkko."', "2026"],
        ["Kirjasto", '"Lainaus, palautus, varaukset ja maksut, kaikki yhdessä."', "2027"],
    ]
    data = "\n".join(delimiter.join(row) for row in rows).encode("utf-8")
    table = read_sheet(name, data)
    assert table.delimiter == delimiter
    assert table.headers == ["Hanke", "Kuvaus", "Alku"]
    assert table.rows[0][1] == "Uusitaan kytkimet, reitittimet, palomuurit; sitten langaton verkko."


def test_an_explicit_delimiter_wins_over_detection():
    table = read_sheet("salkku.csv", b"Hanke,Kuvaus;Alku\nA,b;2026\n", delimiter=";")
    assert table.headers == ["Hanke,Kuvaus", "Alku"]


def test_quoted_cells_keep_their_line_breaks_and_mixed_line_ends_give_the_right_records():
    data = b'Hanke,Kuvaus\r\nVerkko,"rivi 1\rrivi 2\r\nrivi 3\nrivi 4"\rKirjasto,yksi\nMuseo,kaksi\r\n'
    table = read_sheet("salkku.csv", data)
    assert table.rows == [["Verkko", "rivi 1\nrivi 2\nrivi 3\nrivi 4"], ["Kirjasto", "yksi"], ["Museo", "kaksi"]]
    assert table.row_numbers == [2, 3, 4]


def test_cells_are_stripped_empty_cells_are_none_and_empty_records_are_dropped():
    table = read_sheet("salkku.csv", b"Hanke,Alku,Loppu\n  Verkko  ,, 2027 \n,,\n\nKirjasto,2026,\n")
    assert table.rows == [["Verkko", None, "2027"], ["Kirjasto", "2026", None]]
    assert table.row_numbers == [2, 5]


def test_a_quote_that_is_never_closed_is_refused_at_its_record():
    with pytest.raises(CorruptDocumentError) as caught:
        read_sheet("salkku.csv", b'Hanke,Kuvaus\nVerkko,"alkaa\nKirjasto,yksi\n')
    assert "never closed" in str(caught.value)
    assert caught.value.location.startswith("row 2")


# --- headers ---------------------------------------------------------------------------------------------


def test_a_title_row_above_the_header_is_skipped():
    data = "Hankesalkku 2026\n\nHanke;Alku;Loppu;Vastuutaho\nVerkko;1/2026;6/2026;Tietohallinto\n".encode()
    table = read_sheet("salkku.csv", data)
    assert (table.header_row, table.headers) == (3, ["Hanke", "Alku", "Loppu", "Vastuutaho"])
    assert table.row_numbers == [4]


def test_in_a_sheet_of_unknown_text_headers_the_first_row_is_the_header():
    table = read_sheet("data.csv", b"Alpha,Beta,Gamma\nfoo,bar,baz\nqux,quux,corge\n")
    assert (table.header_row, table.headers, len(table.rows)) == (1, ["Alpha", "Beta", "Gamma"], 2)


def test_an_explicit_header_row_wins_over_detection():
    table = read_sheet("salkku.csv", b"Hanke,Alku\nVerkko,2026\nKirjasto,2027\n", header_row=2)
    assert (table.header_row, table.headers, table.rows) == (2, ["Verkko", "2026"], [["Kirjasto", "2027"]])


def test_a_header_row_outside_the_sheet_is_refused():
    with pytest.raises(LoaderError, match="header row 9"):
        read_sheet("salkku.csv", b"Hanke,Alku\nVerkko,2026\n", header_row=9)


@pytest.mark.parametrize(
    ("header_line", "expected"),
    [
        pytest.param(
            "colour_rating,colour_rating,colour_rating",
            ["colour_rating", "colour_rating (2)", "colour_rating (3)"],
            id="three alike",
        ),
        pytest.param("Hanke,Hanke (2),Hanke", ["Hanke", "Hanke (2)", "Hanke (3)"], id="a made-up name already taken"),
        pytest.param('Hanke,,"Alku\n  pvm "', ["Hanke", "column 2", "Alku pvm"], id="blank and multi-line"),
    ],
)
def test_headers_are_folded_blank_ones_named_and_duplicates_made_unique(header_line, expected):
    table = read_sheet("salkku.csv", f"{header_line}\nVerkko,2026,10000\n".encode())
    assert table.headers == expected


def test_a_sheet_with_field_names_down_the_first_column_is_read_transposed():
    data = (
        "Hankesalkku 2026,,,\n"
        "Hanke,Verkko,Kirjasto,\n"
        "Alku,1/2026,2027,\n"
        "Loppu,6/2026,2028,\n"
        "Vastuutaho,Tietohallinto,Sivistystoimi,\n"
        "Kertakustannus,10000,5000,\n"
        ",,,\n"
        "Lähde: talousarvio,,,\n"
    ).encode()
    table = read_sheet("salkku.csv", data)
    assert table.transposed and table.header_row == 1
    assert table.headers == ["Hankesalkku 2026", "Hanke", "Alku", "Loppu", "Vastuutaho", "Kertakustannus"]
    assert table.rows == [
        [None, "Verkko", "1/2026", "6/2026", "Tietohallinto", "10000"],
        [None, "Kirjasto", "2027", "2028", "Sivistystoimi", "5000"],
    ]
    assert table.row_numbers == [2, 3]
    assert table.place(1, "Alku") == "column C, row 3 (Alku)"


@pytest.mark.parametrize(
    ("text", "transposed", "header_row", "headers"),
    [
        pytest.param(
            "Hanke,Kirjastouudistus\nAlku,1/2026\nLoppu,6/2026\nVastuutaho,Sivistystoimi\n",
            True,
            1,
            ["Hanke", "Alku", "Loppu", "Vastuutaho"],
            id="a form of one project with field names down column A is transposed",
        ),
        pytest.param(
            "Hanke;2024;2025;2026\nVerkko;100;200;300\nKirjasto;1;2;3\n",
            False,
            1,
            ["Hanke", "2024", "2025", "2026"],
            id="a header row of years stays a header row",
        ),
        pytest.param(
            "Vuosikustannukset\nHanke;2024;2025;2026\nVerkko;100;200;300\n",
            False,
            2,
            ["Hanke", "2024", "2025", "2026"],
            id="a title above a header row of years is skipped",
        ),
        pytest.param(
            "Alpha,One\nBeta,Two\nGamma,Three\nDelta,Four\n",
            False,
            1,
            ["Alpha", "One"],
            id="without known field names a sheet is never turned on its side",
        ),
    ],
)
def test_the_orientation_follows_the_field_names(text, transposed, header_row, headers):
    table = read_sheet("salkku.csv", text.encode())
    assert (table.transposed, table.header_row, table.headers) == (transposed, header_row, headers)


def test_orientation_can_be_forced_either_way():
    data = b"Hanke,Verkko\nAlku,2026\n"
    assert read_sheet("salkku.csv", data, transposed=False).headers == ["Hanke", "Verkko"]
    forced = read_sheet("salkku.csv", b"Hanke,Alku\nVerkko,2026\n", transposed=True)
    assert (forced.headers, forced.rows) == (["Hanke", "Verkko"], [["Alku", "2026"]])


@pytest.mark.parametrize(
    ("table", "expected"),
    [
        pytest.param(
            Table("s.xlsx", "Hankkeet", ["Hanke", "start_date"], [["A", None]], [12], False, 1, None, None, [2, 3]),
            "sheet Hankkeet, row 12, column C (start_date)",
            id="xlsx names the sheet and the Excel column",
        ),
        pytest.param(
            Table("s.csv", "", ["Hanke", "start_date"], [["A", None]], [12], False, 1),
            "row 12, column B (start_date)",
            id="csv has no sheet",
        ),
        pytest.param(
            Table("s.csv", "", ["Hanke", "start_date"], [["A", None]], [28], True, 1),
            "column AB, row 2 (start_date)",
            id="transposed names the record's column and the field's row",
        ),
    ],
)
def test_a_place_is_worded_the_way_a_user_finds_the_cell_in_excel(table, expected):
    assert table.place(0, "start_date") == expected


# --- Excel -----------------------------------------------------------------------------------------------


def _portfolio(workbook):
    workbook.active.title = "Ohje"  # an empty first sheet, as templates often have
    sheet = workbook.create_sheet("Hankkeet")
    sheet["A1"] = "Hankesalkku 2026"
    sheet.merge_cells("A1:D1")
    sheet.append([None, "Hanke", "Alku", "Kertakustannus max", "Vastuutaho"])
    sheet.append([None, "Verkko", dt.datetime(2026, 1, 15), 10000, "  Tietohallinto "])
    sheet.append([None, "Kirjasto", dt.datetime(2026, 3, 1), 2.5, None])
    sheet.merge_cells("E3:E4")
    workbook.create_sheet("Muut").append(["Hanke", "Alku"])


def test_an_xlsx_sheet_keeps_dates_and_numbers_and_skips_its_title_and_margin():
    table = read_sheet("salkku.xlsx", _xlsx(_portfolio))
    assert (table.sheet, table.header_row, table.transposed) == ("Hankkeet", 2, False)
    assert table.headers == ["Hanke", "Alku", "Kertakustannus max", "Vastuutaho"]
    assert table.rows == [
        ["Verkko", dt.datetime(2026, 1, 15), 10000, "Tietohallinto"],
        ["Kirjasto", dt.datetime(2026, 3, 1), 2.5, None],  # the merged cell's lower half
    ]
    assert table.row_numbers == [3, 4]
    assert table.place(1, "Alku") == "sheet Hankkeet, row 4, column C (Alku)"
    assert table.encoding is None and table.delimiter is None


def test_a_sheet_can_be_chosen_by_name_and_the_names_are_listed():
    data = _xlsx(_portfolio)
    assert sheet_names("salkku.xlsx", data) == ["Ohje", "Hankkeet", "Muut"]
    assert read_sheet("salkku.xlsx", data, sheet="Muut").headers == ["Hanke", "Alku"]
    assert read_sheet("salkku.xlsm", data, sheet="muut").sheet == "Muut"
    assert sheet_names("salkku.csv", PLAIN.encode()) == [""]


def test_an_unknown_sheet_name_is_refused_naming_the_sheets_that_exist():
    with pytest.raises(LoaderError) as caught:
        read_sheet("salkku.xlsx", _xlsx(_portfolio), sheet="Projects")
    assert str(caught.value) == (
        "salkku.xlsx: the workbook has no sheet named 'Projects'; its sheets are 'Ohje', 'Hankkeet', 'Muut'"
    )


def test_a_workbook_whose_sheets_are_all_empty_is_refused():
    with pytest.raises(EmptyDocumentError, match="salkku.xlsx"):
        read_sheet("salkku.xlsx", _xlsx(lambda workbook: None))


# --- refusals --------------------------------------------------------------------------------------------

REFUSALS = [
    pytest.param("salkku.csv", b"", EmptyDocumentError, id="empty file"),
    pytest.param("salkku.csv", b" \r\n\t ", EmptyDocumentError, id="only whitespace"),
    pytest.param("salkku.csv", b"\xef\xbb\xbf\r\n,,\r\n", EmptyDocumentError, id="csv without a single value"),
    pytest.param("salkku.csv", bytes(range(256)) * 40, NotTextError, id="binary data named .csv"),
    pytest.param("salkku.xlsx", PLAIN.encode(), CorruptDocumentError, id="text named .xlsx"),
    pytest.param("salkku.xlsx", _zip({"word/document.xml": b"<w/>"}), CorruptDocumentError, id="zip without workbook"),
    pytest.param(
        "salkku.xlsx", _zip({"xl/workbook.xml": b"not xml"}), CorruptDocumentError, id="workbook part that is broken"
    ),
    pytest.param(
        "salkku.xlsx",
        b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(2000),
        ProtectedFileError,
        id="password-protected workbook",
    ),
    pytest.param("vanha.xls", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", UnsupportedFormatError, id="old xls suffix"),
    pytest.param("salkku.ods", b"PK\x03\x04", UnsupportedFormatError, id="unsupported suffix"),
]


@pytest.mark.parametrize(("name", "data", "error"), REFUSALS)
def test_unreadable_files_are_refused_with_one_clear_message_naming_the_file(name, data, error):
    with pytest.raises(error) as caught:
        read_sheet(name, data)
    assert type(caught.value) is error
    assert str(caught.value).startswith(name)


def test_the_protected_file_message_says_how_to_fix_it():
    with pytest.raises(ProtectedFileError) as caught:
        read_sheet("salkku.xlsx", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(512))
    assert "password" in str(caught.value) and "save it as an Excel Workbook (.xlsx)" in str(caught.value)


def test_text_named_xlsx_is_called_not_an_excel_workbook():
    with pytest.raises(CorruptDocumentError, match="not an Excel workbook"):
        read_sheet("salkku.xlsx", PLAIN.encode())


def test_the_unsupported_format_message_lists_the_supported_types():
    with pytest.raises(UnsupportedFormatError) as caught:
        read_sheet("salkku.ods", b"data")
    assert all(suffix in str(caught.value) for suffix in SHEET_SUFFIXES)


@pytest.mark.parametrize(
    ("megabytes", "level"),
    [
        pytest.param(300, 1, id="300 MB of zeros, over the total limit"),
        pytest.param(60, 9, id="60 MB of zeros at 1000 to 1, over the member ratio"),
    ],
)
def test_a_zip_bomb_is_refused_before_it_is_opened(megabytes, level):
    data = _zeros_zip(megabytes, level)
    assert len(data) < 2 * 1024 * 1024
    with pytest.raises(ZipBombError) as caught:
        read_sheet("pommi.xlsx", data)
    assert str(caught.value).startswith("pommi.xlsx: ") and "zip bomb" in str(caught.value)


def test_a_file_over_the_size_limit_is_refused_before_parsing(monkeypatch):
    monkeypatch.setenv("SALKKU_MAX_SHEET_MB", "0.001")
    with pytest.raises(FileTooLargeError) as caught:
        read_sheet("salkku.csv", PLAIN.encode() * 100)
    assert str(caught.value).startswith("salkku.csv: ") and "SALKKU_MAX_SHEET_MB" in str(caught.value)


def test_a_sheet_name_given_for_a_csv_file_is_refused():
    with pytest.raises(LoaderError, match="has no sheets"):
        read_sheet("salkku.csv", PLAIN.encode(), sheet="Hankkeet")


# --- real exports ----------------------------------------------------------------------------------------

# file, transposed, delimiter, encoding, records, headers, (header, first record's value)
REAL_FILES = [
    ("gmpp/uk_2014.csv", True, ",", "cp1252", 199, 15, ("Project name", "FE Capital Investment Programme")),
    ("gmpp/uk_2017.csv", True, ",", "cp1252", 143, 14, ("Project Name", "Local Land Charges (LLC) Programme")),
    ("gmpp/uk_2020.csv", False, ",", "cp1252", 125, 16, ("project_name", "Future Shared Services Programme")),
    ("gmpp/uk_2021.csv", False, ";", "cp1252", 184, 16, ("project_number", "MOD_0106_1617-Q1")),
    ("gmpp/uk_2022.csv", False, ";", "cp1252", 235, 17, ("project_number", "MOD_0135_2122-Q1")),
    ("gmpp/uk_2023.csv", False, ";", "cp1252", 244, 19, ("project_number", "CO_0024_2021-Q2")),
    ("itdashboard/projects.csv", False, ",", "utf-8", 2467, 22, ("Unique Investment Identifier", "005-000001723")),
]


@requires_external
@pytest.mark.parametrize(
    ("path", "transposed", "delimiter", "encoding", "records", "headers", "sample"),
    REAL_FILES,
    ids=[row[0] for row in REAL_FILES],
)
def test_each_real_export_reads_with_the_right_shape(path, transposed, delimiter, encoding, records, headers, sample):
    table = read_sheet(Path(path).name, (EXTERNAL / path).read_bytes())
    assert (table.transposed, table.delimiter, table.encoding) == (transposed, delimiter, encoding)
    assert (len(table.rows), len(table.headers), table.header_row) == (records, headers, 1)
    assert all(len(row) == headers for row in table.rows)
    header, value = sample
    assert table.rows[0][table.headers.index(header)] == value
    # Line breaks inside cells, whatever the file used, come back as '\n'.
    assert not any(isinstance(cell, str) and "\r" in cell for row in table.rows for cell in row)


def _real(path: str) -> Table:
    return read_sheet(Path(path).name, (EXTERNAL / path).read_bytes())


@requires_external
def test_the_transposed_gmpp_files_number_records_by_their_column():
    table = _real("gmpp/uk_2014.csv")
    assert (table.row_numbers[0], table.row_numbers[-1]) == (2, 200)
    assert "2013/2014 Budget (£million)" in table.headers
    assert table.place(0, "Department") == "column B, row 2 (Department)"
    later = _real("gmpp/uk_2017.csv")
    assert later.rows[0][later.headers.index("2016/17 TOTAL Baseline £m (including Non-Government costs)")] == "£12.20"
    assert later.headers[-1] == "Departmental Narrative on Budgeted Whole Life Costs"  # the footnote is not a field


@requires_external
def test_the_semicolon_gmpp_files_keep_the_pound_sign_and_both_colour_ratings():
    table = _real("gmpp/uk_2021.csv")
    assert table.rows[0][table.headers.index("total_baseline")] == "£654.46"
    for path in ("gmpp/uk_2022.csv", "gmpp/uk_2023.csv"):
        headers = _real(path).headers
        assert headers.index("colour_rating (2)") == headers.index("colour_rating") + 1
    assert "TOTAL Baseline Benefits (£m)" in _real("gmpp/uk_2023.csv").headers


@requires_external
def test_the_2022_file_with_cr_inside_quoted_cells_keeps_them_inside_the_cells():
    table = _real("gmpp/uk_2022.csv")
    assert table.rows[-1][table.headers.index("project_number")] == "MOJ_0040_1718-Q3"
    assert table.row_numbers == list(range(2, 237))
    assert sum(isinstance(cell, str) and "\n" in cell for row in table.rows for cell in row) > 100


@requires_external
def test_the_it_dashboard_file_counts_records_not_physical_lines():
    table = _real("itdashboard/projects.csv")
    assert table.row_numbers[-1] == 2468  # two descriptions span lines; the file has 2,470 of them
    assert table.rows[-1][table.headers.index("Project ID")] is not None
    assert "3,085" in {row[table.headers.index("Project ID")] for row in table.rows}  # kept as written


@pytest.mark.skipif(not EXTERNAL.is_dir(), reason=f"the external exports are not at {EXTERNAL}")
def test_windows_export_with_one_undefined_byte_keeps_its_curly_quotes():
    # uk_2020.csv is cp1252 with one byte cp1252 leaves undefined; reading it all as latin-1 would turn
    # every curly quote into a control character.
    table = read_sheet("uk_2020.csv", (EXTERNAL / "gmpp" / "uk_2020.csv").read_bytes())
    cells = [cell for record in table.rows for cell in record if isinstance(cell, str)]
    assert any("\u2019" in cell for cell in cells)
    assert sum(1 for cell in cells if re.search("[\x80-\x9f]", cell)) == 1  # the undefined byte, passed through
