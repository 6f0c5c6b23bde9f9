"""Work bounded by the input: hostile plan values, a workbook with one far cell, long CSV files.

No test here is timed (speed is measured in benchmarks/hostile_inputs.py). The inputs are as large as the
hostile ones, though, so a pattern that backtracks quadratically again, or a reader that pads a sheet out to
its last cell again, makes these tests take minutes instead of a second.
"""
from __future__ import annotations

import gc
import io
import re
from pathlib import Path

import pytest
from openpyxl import Workbook

from loaders import load_document_bytes, load_sheet, preview_sheet
from loaders.errors import FileTooLargeError
from loaders.sheets.reader import bulk_work, read_sheet
from loaders.text import clause_bounds
from loaders.values.resources import _CLAUSE_SPLIT, parse_resources
from loaders.values.resources import _UNKNOWN as RESOURCES_UNKNOWN
from loaders.values.schedule import _UNKNOWN as SCHEDULE_UNKNOWN
from loaders.values.schedule import parse_schedule
from benchmarks.hostile_inputs import far_cell_workbook

SAMPLE_PLAN = Path(__file__).resolve().parents[2] / "sample_data" / "esimerkkila_toimenpidesuunnitelma_2027.md"
SCHEDULE_LINE = "**Aikataulu:** 1/2027–6/2027"  # project 2.2
DASHES = 60_000  # the hostile document: 63 KB; the old patterns took about half a minute on it
RUN = 60_000


def _dash_plan(after: str = "") -> bytes:
    text = SAMPLE_PLAN.read_text(encoding="utf-8")
    assert SCHEDULE_LINE in text
    return text.replace(SCHEDULE_LINE, "Aikataulu: " + "-" * DASHES + after).encode("utf-8")


def _sample_codes() -> list[str]:
    plan = load_document_bytes(SAMPLE_PLAN.name, SAMPLE_PLAN.read_bytes())
    return [project.code for project in plan.projects]


# --- plan documents -----------------------------------------------------------------------------------------


@pytest.mark.parametrize("after", ["", " ei tiedossa"], ids=["dashes", "dashes-then-text"])
def test_a_schedule_of_60000_dashes_reads_as_unknown_and_the_plan_keeps_its_projects(after):
    data = _dash_plan(after)
    assert len(data) > 60_000
    plan = load_document_bytes("dashes.md", data)
    assert [project.code for project in plan.projects] == _sample_codes()
    assert len(plan.projects) == 5
    project = next(project for project in plan.projects if project.code == "2.2")
    schedule = project.schedule
    assert (schedule.start, schedule.end) == (None, None)
    assert "unknown" in schedule.flags
    assert "schedule.unknown" in [note.code for note in schedule.notes]
    # The other projects read as before.
    first = next(project for project in plan.projects if project.code == "2.1")
    assert (first.schedule.start, first.schedule.end) == ("2026-10", "2027-06")


@pytest.mark.parametrize(
    "text, start, end",
    [
        ("-" * RUN + "x", None, None),  # ^\W*(?:-|\?)\W*$ backtracked over every split of the dashes
        ("- " * (RUN // 2) + "?x", None, None),
        ("Q3" + " " * RUN + "x", None, None),  # \s*/?\s* before the year
        ("Q1-Q2" + " " * RUN + "x", None, None),
        ("H1" + " " * RUN + "x", None, None),
        ("8/2022" + " " * RUN + "x", "2022-08", "2022-08"),  # after a date: ^\s*\)?\s*(?:saakka|...)
        ("8/2022" + " " * RUN + ") saakka", None, "2022-08"),
        ("Q3" + " " * RUN + "/ 2022", "2022-07", "2022-09"),
    ],
    ids=["dashes-letter", "dash-space-question", "quarter-spaces", "quarter-range-spaces", "half-spaces",
         "after-date", "after-date-saakka", "quarter-spaces-year"],
)
def test_schedule_values_with_long_runs_are_read_without_backtracking(text, start, end):
    reading = parse_schedule(text)
    assert (reading.text, reading.start, reading.end) == (text, start, end)
    assert "unknown" not in reading.flags
    if start is None and end is None:
        assert "schedule.unreadable" in [note.code for note in reading.notes]


@pytest.mark.parametrize(
    "text, party",
    [
        ("-" * RUN + " tietohallinto 2 htp", "it"),  # the unknown-value pattern
        ("tietohallinto" + " " * RUN + "x 2 htp", "it"),  # "\s*\+\s*" and "\s+sekä\s+" from every space
        ("palveluala" + "\n " * (RUN // 2) + "x 1 htp", "service_area"),
        ("tietohallinto, " + " \t" * (RUN // 2) + "+ ostopalvelut", "purchased_services"),
    ],
    ids=["dashes-then-text", "spaces", "lines-of-spaces", "comma-then-spaces"],
)
def test_resource_values_with_long_runs_are_read_without_backtracking(text, party):
    reading = parse_resources(text)
    assert party in [need.party for need in reading.needs]


# The patterns as they were before they were made linear: the new ones must give the same results.
OLD_CLAUSE_SPLIT = re.compile(
    r"\n+|[.;:](?=\s|$)|,\s|\s*\+\s*|\s+sekä\s+|(?<=[a-zäö])\s+(?=[A-ZÄÖ][a-zäö]+\s+[a-zäö])"
)
OLD_RESOURCES_UNKNOWN = re.compile(r"^\W*(?:-|\?|ei\s+tietoa|ei\s+(?:vielä\s+)?tiedossa|avoin)\W*$", re.IGNORECASE)
OLD_SCHEDULE_UNKNOWN = re.compile(r"\bei\s+(?:vielä\s+)?(?:tiedossa|tietoa)\b|^\W*(?:-|\?)\W*$", re.I)

TRICKY = [
    "", " ", "-", "?", " - ", "--", "-x", "x-", "- ?", "?!", "(-)", "- \n", "-\n-", "ei tietoa", "-- ei tietoa --",
    "Ei vielä tiedossa.", "avoin", "- avoin", "avoinna", "x ei tietoa", "ei  tiedossa?", "–", "_-_",
    "A + B", "A+B", "A \n+ B", "A\n + B", "A\n\n  + B", "A, + B", "A,  + B", "A,\n+ B", "A,\n\n + B",
    "A sekä B", "A\nsekä B", "A \nsekä B", "A\n sekä B", "A\n \nsekä B", "A, sekä B", "A,  sekä B", "A + sekä B",
    "a sekä sekä b", "a sekäb", "tietohallinto 2 htp sekä palveluala 1 htp", "palveluala Tietohallinto tekee",
    "abc Def ghi", "abc sekä Def ghi", "abc. Def ghi", "x: y; z. w", "a,b", "a, b", "a ,b", "a\t+\tb",
    "Tietohallinto 20 htp + ostopalvelut", "oma työ\n\n\nsekä konsultti", " \n \n + x", "x \n \n sekä y",
]


@pytest.mark.parametrize("text", TRICKY)
def test_the_linear_patterns_read_as_the_old_ones(text):
    def clauses(pattern):
        return [text[a:b].strip() for a, b in clause_bounds(text, pattern) if text[a:b].strip()]

    assert clauses(_CLAUSE_SPLIT) == clauses(OLD_CLAUSE_SPLIT)
    assert bool(RESOURCES_UNKNOWN.match(text.strip())) == bool(OLD_RESOURCES_UNKNOWN.match(text.strip()))
    assert bool(SCHEDULE_UNKNOWN.search(text)) == bool(OLD_SCHEDULE_UNKNOWN.search(text))


# --- workbooks ----------------------------------------------------------------------------------------------


def _xlsx(build) -> bytes:
    workbook = Workbook()
    build(workbook.active)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def test_a_workbook_with_one_cell_at_xfd1048576_gives_the_rows_present():
    data = far_cell_workbook()  # the benchmark's input
    assert len(data) < 10_000
    table = read_sheet("far.xlsx", data)
    assert table.headers[:5] == ["Koodi", "Hanke", "Palveluala", "Alku", "Loppu"]
    assert table.rows[:2] == [
        ["2.1", "Verkon uusiminen", "Tietohallinto", "1/2027", "6/2027", None],
        ["2.2", "Työasemien vaihto", "Tietohallinto", "3/2027", "12/2027", None],
    ]
    # The stray cell is a record of its own, where it stands; nothing between it and the table is.
    assert table.row_numbers == [2, 3, 1048576]
    assert table.rows[2] == [None, None, None, None, None, "x"]
    assert table.header_positions == [1, 2, 3, 4, 5, 16384]
    assert table.place(2, table.headers[5]) == "sheet Hankkeet, row 1048576, column XFD (column 16384)"

    plans = load_sheet("far.xlsx", data)
    projects = {project.code: project for plan in plans for project in plan.projects}
    assert projects["2.1"].title == "Verkon uusiminen"
    assert (projects["2.2"].schedule.start, projects["2.2"].schedule.end) == ("2027-03", "2027-12")
    assert "sheet.no_title" in [note.code for note in projects["1048576"].notes]
    preview, salkku = preview_sheet("far.xlsx", data)
    assert (len(preview.rows), salkku) == (3, False)


def test_a_stale_dimension_and_far_blank_columns_do_not_pad_the_table():
    def build(sheet):
        sheet.append(["Hanke", None, None, "Alku"])
        sheet.append(["Verkko", None, None, "2026"])
        sheet.cell(row=2, column=16000, value=None)
        sheet.cell(row=200_000, column=1, value="Kirjasto")  # a row far below, column A

    table = read_sheet("gaps.xlsx", _xlsx(build))
    assert table.headers == ["Hanke", "Alku"]
    assert table.header_positions == [1, 4]
    assert table.rows == [["Verkko", "2026"], ["Kirjasto", None]]
    assert table.row_numbers == [2, 200_000]


def test_cells_spread_over_the_whole_sheet_are_refused_with_a_named_error():
    def diagonal(sheet):
        for index in range(1, 4001):
            sheet.cell(row=index, column=index, value=f"v{index}")

    with pytest.raises(FileTooLargeError, match="lie so far apart"):
        read_sheet("diagonal.xlsx", _xlsx(diagonal))


# --- CSV ----------------------------------------------------------------------------------------------------


def _template_csv(rows: int) -> bytes:
    lines = ["Koodi;Hanke;Palveluala;Alku;Loppu;Kertakustannus max"]
    areas = ("Tietohallinto", "Hallintopalvelut", "Sivistyspalvelut")
    lines += [f"{index // 100 + 1}.{index % 100 + 1};Hanke {index};{areas[index % 3]};{index % 12 + 1}/2027;"
              f"{index % 12 + 1}/2028;{(index % 400 + 1) * 500}" for index in range(rows)]
    return ("\n".join(lines) + "\n").encode("utf-8")


def test_a_csv_of_20000_rows_loads_every_row():
    data = _template_csv(20_000)
    table = read_sheet("salkku.csv", data)
    assert len(table.rows) == 20_000
    assert (table.row_numbers[0], table.row_numbers[-1]) == (2, 20_001)
    assert table.rows[-1][:3] == ["200.100", "Hanke 19999", "Hallintopalvelut"]

    plans = load_sheet("salkku.csv", data)
    projects = [project for plan in plans for project in plan.projects]
    assert len(projects) == 20_000
    last = projects[-1]
    assert (last.code, last.title, last.service_area) == ("200.100", "Hanke 19999", "Hallintopalvelut")
    assert (last.schedule.start, last.schedule.end) == ("2027-08", "2028-08")
    assert last.costs.items[0].max_amount == 400 * 500


def test_thousands_of_repeated_header_names_are_numbered_in_one_pass():
    names = ["x"] + [f"x ({number})" for number in range(2, 3002)] + ["x"] * 3000
    data = (";".join(names) + "\n" + ";".join("1" for _ in names) + "\n").encode("utf-8")
    table = read_sheet("wide.csv", data)
    assert len(set(table.headers)) == len(names)
    assert table.headers[3001:3004] == ["x (3002)", "x (3003)", "x (3004)"]
    assert table.headers[-1] == "x (6001)"


def test_bulk_work_leaves_the_garbage_collector_as_it_found_it():
    assert gc.isenabled()
    with bulk_work():
        assert not gc.isenabled()
        with bulk_work():
            assert not gc.isenabled()
        assert not gc.isenabled()
    assert gc.isenabled()
    read_sheet("salkku.csv", _template_csv(10))
    assert gc.isenabled()
    gc.disable()
    try:
        with bulk_work():
            pass
        assert not gc.isenabled()  # it was off before, so it stays off
    finally:
        gc.enable()
