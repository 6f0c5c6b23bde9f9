"""Reading one cell: months, money, probability classes and resource amounts; unreadable is a problem, never zero."""
from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

import pytest

from loaders.values.cells import read_money, read_month, read_probability, read_resource, resource_text

GMPP_RAG = {"Green": "certain", "Amber/Green": "likely", "Amber": "uncertain", "Amber/Red": "unlikely", "Red": "unlikely"}
ITDASHBOARD_VARIANCE = [[-10, 10, "likely"], [-30, -10, "uncertain"], [10, 30, "uncertain"], [None, -30, "unlikely"],
                        [30, None, "unlikely"]]
MILLION = Decimal(1_000_000)

# --- read_month -----------------------------------------------------------------------------------------

MONTHS = [
    # (cell, role, day_first, month)
    pytest.param("2014-07-08", "start", True, "2014-07", id="gmpp-2021 ISO date"),
    pytest.param("2011-01-10T00:00:00Z", "start", True, "2011-01", id="itdashboard ISO Z"),
    pytest.param("2011-01-31T00:00:00.000Z", "end", False, "2011-01", id="ISO with milliseconds and Z"),
    pytest.param("01.11.18", "start", True, "2018-11", id="gmpp-2020 dd.mm.yy"),
    pytest.param("01.12.98", "start", True, "1998-12", id="gmpp-2020 dd.mm.yy of the 1990s"),
    pytest.param("31.12.50", "end", True, "2050-12", id="gmpp-2020 dd.mm.yy far ahead"),
    pytest.param("01.11.2018", "start", True, "2018-11", id="dd.mm.yyyy"),
    pytest.param("1.3.2026", "start", True, "2026-03", id="finnish 1.3.2026"),
    pytest.param("31/05/2010", "end", True, "2010-05", id="gmpp-2014 dd/mm/yyyy"),
    pytest.param("3/4/2024", "start", True, "2024-04", id="3/4/2024 day first is April"),
    pytest.param("3/4/2024", "start", False, "2024-03", id="us 3/4/2024 month first is March"),
    pytest.param("12/31/2024", "end", False, "2024-12", id="us 12/31/2024 month first"),
    pytest.param("12/31/2024", "end", True, "2024-12", id="us 12/31/2024 even when day first"),
    pytest.param("Q3/2024", "start", True, "2024-07", id="Q3/2024 as a start"),
    pytest.param("Q3/2024", "end", True, "2024-09", id="Q3/2024 as an end"),
    pytest.param("2024 Q3", "start", True, "2024-07", id="2024 Q3 as a start"),
    pytest.param("2024 Q3", "end", True, "2024-09", id="2024 Q3 as an end"),
    pytest.param("q1 2025", "end", True, "2025-03", id="lower-case q1 2025 as an end"),
    pytest.param("2024-07", "start", True, "2024-07", id="YYYY-MM"),
    pytest.param("7/2024", "start", True, "2024-07", id="finnish M/YYYY"),
    pytest.param("07/2024", "end", True, "2024-07", id="MM/YYYY"),
    pytest.param("2027", "start", True, "2027-01", id="bare year as a start"),
    pytest.param("2027", "end", True, "2027-12", id="bare year as an end"),
    pytest.param(datetime(2020, 5, 1, 0, 0), "start", True, "2020-05", id="excel datetime cell"),
    pytest.param(date(2021, 6, 30), "end", True, "2021-06", id="excel date cell"),
]


@pytest.mark.parametrize(("cell", "role", "day_first", "month"), MONTHS)
def test_a_date_cell_reads_as_its_month(cell, role, day_first, month):
    assert read_month(cell, role=role, day_first=day_first) == (month, None)


@pytest.mark.parametrize("cell", [
    pytest.param(None, id="no cell"),
    pytest.param("", id="empty text"),
    pytest.param("   ", id="only spaces"),
    pytest.param("-", id="a dash"),
    pytest.param("–", id="an en dash"),
])
def test_an_empty_date_cell_is_no_month_and_no_problem(cell):
    assert read_month(cell) == (None, None)


@pytest.mark.parametrize(("cell", "named"), [
    pytest.param("Exempt under Section 24", "Exempt under Section 24", id="gmpp-2021 exemption note"),
    pytest.param("#N/A", "#N/A", id="excel #N/A"),
    pytest.param("syksyllä", "syksyllä", id="finnish season word"),
    pytest.param("31.02.2024", "31.02.2024", id="31 February does not exist"),
    pytest.param("29.02.2023", "29.02.2023", id="29 February in a common year"),
    pytest.param("13/13/2024", "13/13/2024", id="month 13 either way"),
    pytest.param("2024-13", "2024-13", id="YYYY-MM with month 13"),
    pytest.param(datetime(1899, 12, 30), "1899-12-30", id="excel zero date"),
    pytest.param("1850-01-01", "1850-01-01", id="ISO date before 1900"),
])
def test_a_cell_that_is_not_a_date_is_no_month_with_a_problem_naming_the_text(cell, named):
    month, problem = read_month(cell)
    assert month is None
    assert problem and named in problem


def test_29_february_of_a_leap_year_is_a_date():
    assert read_month("29.02.2024") == ("2024-02", None)


def test_a_plain_number_in_a_date_column_is_a_problem_not_a_year_or_a_serial_date():
    month, problem = read_month(45292)
    assert month is None and "45292" in problem


def test_a_profile_date_format_is_tried_first():
    assert read_month("2024/31/12", formats=("%Y/%d/%m",)) == ("2024-12", None)


# --- read_money -----------------------------------------------------------------------------------------

MONEY = [
    # (cell, multiplier, amount)
    pytest.param(15.297, MILLION, Decimal("15297000"), id="gmpp-2021 float in £ million"),
    pytest.param(654, MILLION, Decimal("654000000"), id="int in £ million"),
    pytest.param("£654.46", MILLION, Decimal("654460000"), id="gmpp-2021 £654.46 in millions"),
    pytest.param("£12,743.00", MILLION, Decimal("12743000000"), id="gmpp-2021 £12,743.00 in millions"),
    pytest.param("£12,743.00", Decimal(1), Decimal("12743"), id="£12,743.00 as pounds"),
    pytest.param("1 234,56 €", Decimal(1), Decimal("1234.56"), id="finnish 1 234,56 €"),
    pytest.param("1\u00a0234,56 €", Decimal(1), Decimal("1234.56"), id="finnish with a no-break space"),
    pytest.param("10 000 €", Decimal(1), Decimal("10000"), id="finnish 10 000 €"),
    pytest.param("1.234.567", Decimal(1), Decimal("1234567"), id="dotted thousands 1.234.567"),
    pytest.param("EUR 1.234,56", Decimal(1), Decimal("1234.56"), id="german style EUR 1.234,56"),
    pytest.param("7.9", MILLION, Decimal("7900000"), id="itdashboard 7.9 in $ million"),
    pytest.param("(1.2)", Decimal(1), Decimal("-1.2"), id="accounting negative (1.2)"),
    pytest.param("−5", Decimal(1), Decimal("-5"), id="unicode minus"),
    pytest.param("USD 3,5", MILLION, Decimal("3500000"), id="USD 3,5 decimal comma"),
    pytest.param("3,5 milj. €", MILLION, Decimal("3500000"), id="finnish 3,5 milj. €"),
    pytest.param(Decimal("2.50"), Decimal(1), Decimal("2.5"), id="Decimal cell"),
    pytest.param("0", Decimal(1), Decimal("0"), id="a written zero is a zero"),
]

NO_MONEY = [
    pytest.param(None, id="no cell"),
    pytest.param("", id="empty text"),
    pytest.param("-", id="a dash"),
    pytest.param("n/a", id="n/a"),
]

NOT_MONEY = [
    pytest.param("Exempt under Section 43", id="gmpp-2021 exemption note"),
    pytest.param("#N/A", id="excel #N/A"),
    pytest.param("ei tiedossa", id="finnish not known"),
    pytest.param("£", id="only a currency sign"),
    pytest.param("50%", id="a percentage"),
    pytest.param("1–2", id="a range is not one amount"),
    pytest.param("2024-01-01", id="a date"),
    pytest.param(True, id="excel TRUE"),
    pytest.param(float("nan"), id="float NaN"),
    pytest.param(float("inf"), id="float infinity"),
]


@pytest.mark.parametrize(("cell", "multiplier", "amount"), MONEY)
def test_a_money_cell_reads_as_its_amount_times_the_multiplier(cell, multiplier, amount):
    value, problem = read_money(cell, multiplier=multiplier)
    assert problem is None
    assert isinstance(value, Decimal) and value == amount


@pytest.mark.parametrize("cell", NO_MONEY)
def test_an_empty_money_cell_is_no_amount_and_no_problem(cell):
    assert read_money(cell, multiplier=MILLION) == (None, None)


@pytest.mark.parametrize("cell", NOT_MONEY)
def test_a_money_cell_that_is_not_an_amount_is_a_problem_naming_the_text(cell):
    value, problem = read_money(cell)
    assert value is None
    assert str(cell).strip() in problem


ALL_MONEY_CELLS = [pytest.param(case.values[0], id=case.id) for case in (*MONEY, *NO_MONEY, *NOT_MONEY)]


@pytest.mark.parametrize("cell", ALL_MONEY_CELLS)
def test_no_money_cell_becomes_a_made_up_zero_and_every_amount_is_a_finite_decimal(cell):
    value, problem = read_money(cell, multiplier=MILLION)
    if value is None:
        assert problem is None or str(cell).strip() in problem
        return
    assert problem is None
    assert isinstance(value, Decimal) and value.is_finite()
    if value == 0:
        assert str(cell).strip() == "0"  # only a written zero is a zero


# --- read_probability -----------------------------------------------------------------------------------

RATINGS = [
    pytest.param("Green", GMPP_RAG, None, "certain", id="gmpp Green"),
    pytest.param("Amber/Green", GMPP_RAG, None, "likely", id="gmpp Amber/Green"),
    pytest.param("Amber", GMPP_RAG, None, "uncertain", id="gmpp Amber"),
    pytest.param("Amber/red", GMPP_RAG, None, "unlikely", id="gmpp-2021 Amber/red lower case"),
    pytest.param("AMBER / RED", GMPP_RAG, None, "unlikely", id="AMBER / RED upper case with spaces"),
    pytest.param(" amber/ red ", GMPP_RAG, None, "unlikely", id="amber/ red with stray spaces"),
    pytest.param("Red", GMPP_RAG, None, "unlikely", id="gmpp Red"),
    pytest.param("Varma", None, None, "certain", id="finnish Varma"),
    pytest.param("Suhteellisen varmaa", None, None, "likely", id="finnish Suhteellisen varmaa"),
    pytest.param("epävarmaa", None, None, "uncertain", id="finnish epävarmaa"),
    pytest.param("Epätodennäköinen", None, None, "unlikely", id="finnish Epätodennäköinen"),
    pytest.param("ei tiedossa", None, None, "unknown", id="finnish ei tiedossa"),
    pytest.param("likely", None, None, "likely", id="class code likely"),
    pytest.param("Certain", None, None, "certain", id="class code Certain capitalised"),
    pytest.param(0, None, ITDASHBOARD_VARIANCE, "likely", id="itdashboard int 0"),
    pytest.param(-10, None, ITDASHBOARD_VARIANCE, "likely", id="itdashboard range bound -10"),
    pytest.param(10.5, None, ITDASHBOARD_VARIANCE, "uncertain", id="itdashboard float 10.5"),
    pytest.param(-25.3, None, ITDASHBOARD_VARIANCE, "uncertain", id="itdashboard float -25.3"),
    pytest.param("12.5", None, ITDASHBOARD_VARIANCE, "uncertain", id="itdashboard numeric string 12.5"),
    pytest.param("-40", None, ITDASHBOARD_VARIANCE, "unlikely", id="itdashboard numeric string -40"),
    pytest.param(45, None, ITDASHBOARD_VARIANCE, "unlikely", id="itdashboard open-ended range"),
    pytest.param(Decimal("7"), None, ITDASHBOARD_VARIANCE, "likely", id="Decimal score"),
]


@pytest.mark.parametrize(("cell", "values", "ranges", "klass"), RATINGS)
def test_a_rating_reads_as_its_probability_class(cell, values, ranges, klass):
    assert read_probability(cell, values=values, ranges=ranges) == (klass, None)


@pytest.mark.parametrize(("cell", "values", "ranges", "named"), [
    pytest.param("Purple", GMPP_RAG, None, "Purple", id="unknown RAG colour"),
    pytest.param("Exempt under Section 24", GMPP_RAG, None, "Exempt under Section 24", id="gmpp exemption note"),
    pytest.param("#N/A", GMPP_RAG, None, "#N/A", id="excel #N/A"),
    pytest.param(50, None, [[-10, 10, "likely"]], "50", id="int outside every range"),
    pytest.param("50.5", None, [[-10, 10, "likely"]], "50.5", id="numeric string outside every range"),
    pytest.param(3, None, None, "3", id="a score without ranges"),
    pytest.param(True, None, ITDASHBOARD_VARIANCE, "True", id="excel TRUE is no score"),
])
def test_a_rating_that_cannot_be_mapped_is_a_problem_naming_it(cell, values, ranges, named):
    klass, problem = read_probability(cell, values=values, ranges=ranges)
    assert klass is None
    assert named in problem


@pytest.mark.parametrize("cell", [pytest.param(None, id="no cell"), pytest.param("", id="empty"),
                                  pytest.param("-", id="a dash")])
def test_an_empty_rating_is_no_class_and_no_problem(cell):
    assert read_probability(cell, values=GMPP_RAG, ranges=ITDASHBOARD_VARIANCE) == (None, None)


# --- read_resource and resource_text --------------------------------------------------------------------

RESOURCES = [
    pytest.param("1–2 htp / prosessi", (Decimal(1), Decimal(2), "person_days", "prosessi"), id="finnish 1–2 htp / prosessi"),
    pytest.param("1-2 htp/prosessi", (Decimal(1), Decimal(2), "person_days", "prosessi"), id="hyphen and no spaces"),
    pytest.param("0,5 htv", (Decimal("0.5"), Decimal("0.5"), "person_years", None), id="finnish 0,5 htv"),
    pytest.param("1,5–2,5 htv", (Decimal("1.5"), Decimal("2.5"), "person_years", None), id="finnish decimal range htv"),
    pytest.param("2 henkilöä", (Decimal(2), Decimal(2), "persons", None), id="finnish 2 henkilöä"),
    pytest.param("2 hlö", (Decimal(2), Decimal(2), "persons", None), id="finnish 2 hlö"),
    pytest.param("10 person-days", (Decimal(10), Decimal(10), "person_days", None), id="english 10 person-days"),
    pytest.param("20 htp / kk", (Decimal(20), Decimal(20), "person_days", "kk"), id="finnish per month"),
    pytest.param("x", (None, None, None, None), id="x means needed"),
    pytest.param("X", (None, None, None, None), id="capital X"),
    pytest.param(3, (Decimal(3), Decimal(3), None, None), id="a plain int"),
    pytest.param(2.5, (Decimal("2.5"), Decimal("2.5"), None, None), id="a plain float"),
    pytest.param("3", (Decimal(3), Decimal(3), None, None), id="a plain number as text"),
]


@pytest.mark.parametrize(("cell", "amounts"), RESOURCES)
def test_a_resource_cell_reads_as_amounts_unit_and_basis(cell, amounts):
    assert read_resource(cell) == (amounts, None)


@pytest.mark.parametrize(("cell", "amounts"), RESOURCES)
def test_resource_text_reads_back_to_the_same_amounts(cell, amounts):
    text = resource_text(*amounts)
    assert read_resource(text) == (amounts, None)
    assert resource_text(*read_resource(text)[0]) == text


def test_resource_text_writes_finnish_numbers_and_units():
    assert resource_text(Decimal("1.50"), Decimal(10), "person_days", "prosessi") == "1,5–10 htp / prosessi"


def test_an_unreadable_resource_cell_is_a_problem_and_an_empty_one_is_nothing():
    amounts, problem = read_resource("paljon")
    assert amounts is None and "paljon" in problem
    assert read_resource("") == (None, None) and read_resource(None) == (None, None)
