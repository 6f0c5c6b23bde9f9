"""One number reader (loaders.values.numbers.to_decimal) for plan text and sheet cells, over the forms that occur.

Plan documents are Finnish text (costs.py reads them); sheets also come from English-language systems (cells.py
reads them with finnish=False). Only a lone separator followed by exactly three digits reads differently.
"""
from __future__ import annotations

from decimal import Decimal

import pytest

from loaders.values.cells import read_money
from loaders.values.costs import parse_costs
from loaders.values.numbers import to_decimal

D = Decimal

# (text, read in Finnish text, read in a sheet)
NUMBERS = [
    pytest.param("1 500,50", D("1500.50"), D("1500.50"), id="finnish thousands with a space, decimal comma"),
    pytest.param("1.500,50", D("1500.50"), D("1500.50"), id="finnish thousands with a dot, decimal comma"),
    pytest.param("1,5", D("1.5"), D("1.5"), id="finnish decimal comma"),
    pytest.param("1.5", D("1.5"), D("1.5"), id="decimal point (once read as 15 in plan text)"),
    pytest.param("0,95", D("0.95"), D("0.95"), id="a fraction with a decimal comma"),
    pytest.param("12 000", D(12000), D(12000), id="004 figure grouped by a space"),
    pytest.param("1 500 000", D(1500000), D(1500000), id="millions grouped by spaces"),
    pytest.param("15 000 000", D(15000000), D(15000000), id="001-4.1.2 millions with spaces"),
    pytest.param("1\u00a0500", D(1500), D(1500), id="no-break space thousands"),
    pytest.param("1\u202f500\u202f000", D(1500000), D(1500000), id="narrow no-break space thousands"),
    pytest.param("1\u2009500,5", D("1500.5"), D("1500.5"), id="thin space thousands"),
    pytest.param("254000", D(254000), D(254000), id="plain digits"),
    pytest.param("0", D(0), D(0), id="a written zero is a zero"),
    pytest.param("1.234.567", D(1234567), D(1234567), id="dotted thousands repeated"),
    pytest.param("12,743.00", D("12743.00"), D("12743.00"), id="gmpp-2021 comma thousands, decimal point"),
    pytest.param("0.500", D("0.500"), D("0.500"), id="a dot after a lone zero is a decimal point"),
    pytest.param("0,950", D("0.950"), D("0.950"), id="a comma after a lone zero is a decimal comma"),
    pytest.param("(1.2)", D("-1.2"), D("-1.2"), id="accounting negative"),
    pytest.param("\u22125", D(-5), D(-5), id="unicode minus"),
    pytest.param("- 1 500", D(-1500), D(-1500), id="minus and a space"),
    pytest.param("150,-", D(150), D(150), id="finnish price with no cents"),
    # The one ambiguous form: a lone separator followed by exactly three digits.
    pytest.param("1.500", D(1500), D("1.500"), id="lone dot and three digits"),
    pytest.param("15.000", D(15000), D("15.000"), id="001-6.2 dot thousands (noin 15.000 €)"),
    pytest.param("30.000", D(30000), D("30.000"), id="001 dot thousands (n. 30.000 € / vuosi)"),
    pytest.param("15.297", D(15297), D("15.297"), id="itdashboard and gmpp-2021 $/£ million with three decimals"),
    pytest.param("1,500", D("1.500"), D(1500), id="lone comma and three digits"),
    pytest.param("12,743", D("12.743"), D(12743), id="gmpp comma thousands without decimals"),
]

NOT_NUMBERS = [
    pytest.param("", id="empty"),
    pytest.param("-", id="a dash alone"),
    pytest.param("\u2013", id="an en dash alone"),
    pytest.param("1–2", id="a range"),
    pytest.param("2024-01-01", id="an ISO date"),
    pytest.param("1.2.2026", id="a finnish date"),
    pytest.param("12 34", id="digits split but not in thousands"),
    pytest.param("1,500.000.5", id="marks in no order"),
    pytest.param("ei tiedossa", id="words"),
    pytest.param("50%", id="a percentage"),
    pytest.param("1.", id="a mark with no digits after it"),
]


@pytest.mark.parametrize(("text", "finnish", "sheet"), NUMBERS)
def test_a_number_reads_the_same_in_plan_text_and_in_a_sheet_but_for_the_one_ambiguous_form(text, finnish, sheet):
    assert to_decimal(text) == finnish and to_decimal(text).as_tuple() == finnish.as_tuple()
    assert to_decimal(text, finnish=False) == sheet


@pytest.mark.parametrize("text", NOT_NUMBERS)
def test_what_is_not_one_number_reads_as_none(text):
    assert to_decimal(text) is None and to_decimal(text, finnish=False) is None


def test_plan_text_costs_and_sheet_cells_read_through_the_one_reader():
    assert parse_costs("Kustannukset noin 1.500 €").items[0].min_amount == D(1500)
    assert read_money("1.500")[0] == D("1.5")  # a sheet: the exports' decimal point
    assert parse_costs("1,5 milj. €").items[0].min_amount == read_money("1,5 milj. €", multiplier=D(10**6))[0]
    assert read_money("1.5")[0] == D("1.5")


def test_a_figure_far_past_the_decimal_precision_is_read_whole():
    text = " ".join(["100"] + ["000"] * 12)
    assert to_decimal(text) == D(10) ** 38
