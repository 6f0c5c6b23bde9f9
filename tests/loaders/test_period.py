"""One reader of plan periods (loaders.values.period) for documents, sheets and plan keys: "2024–26" ends in 2026
whether a document prints it or a sheet's period column holds it."""
from __future__ import annotations

import pytest

from loaders import load_document_bytes, load_sheet
from loaders.identity import period_slug
from loaders.values.period import period_years, year_range

# (period as written, first year, last year, the key's period part)
PERIODS = [
    pytest.param("2024–26", 2024, 2026, "2024-2026", id="en dash and a two-digit end"),
    pytest.param("2024-26", 2024, 2026, "2024-2026", id="hyphen and a two-digit end"),
    pytest.param("2024 \u2212 26", 2024, 2026, "2024-2026", id="minus sign with spaces"),
    pytest.param("2024-2026", 2024, 2026, "2024-2026", id="both years whole"),
    pytest.param("2021–2023", 2021, 2023, "2021-2023", id="003 Kauniainen ICT programme 2021–2023"),
    pytest.param("2025", 2025, 2025, "2025", id="one year"),
    pytest.param("toimintasuunnitelma 2024–2026", 2024, 2026, "2024-2026", id="words before the range"),
    pytest.param("syksy 2022, vuosi 2023", 2022, 2023, "2023", id="001 autumn and a year: the plan's year is 2023"),
    pytest.param("loppuvuosi 2021 ja vuosi 2022", 2021, 2022, "2022", id="000 end of 2021 and 2022"),
    pytest.param("1998–99", 1998, 1999, "1998-1999", id="a two-digit end is in the century of the start"),
]


@pytest.mark.parametrize(("period", "first", "last", "slug"), PERIODS)
def test_a_period_reads_as_its_first_and_last_year_and_names_the_key(period, first, last, slug):
    assert period_years(period) == (first, last)
    assert period_slug(period) == slug


def test_no_period_and_a_period_without_years_read_as_no_years():
    assert period_years(None) == period_years("") == period_years("kevät") == (None, None)
    assert year_range("Q3/2022–12/2023") is None  # dates, not a range of years


DOCUMENT = """Esimerkkilän kunta
Tietohallinnon toimenpidesuunnitelma

Suunnitelma on laadittu kaudelle {period}.

2 Kehityshankkeet, tietohallinto omistajana

2.1 Verkon uusiminen
Aikataulu: 2025
"""
SHEET = "Koodi;Hanke;Kausi;Organisaatio\n2.1;Verkon uusiminen;{period};Esimerkkilä\n"


@pytest.mark.parametrize(("period", "first", "last", "slug"), PERIODS)
def test_a_period_given_with_a_document_or_a_sheet_reads_the_same(period, first, last, slug):
    document = load_document_bytes("suunnitelma.txt", DOCUMENT.format(period="2030–31").encode(), period=period)
    (sheet,) = load_sheet("salkku.csv", SHEET.format(period=period).encode())
    for plan in (document, sheet):
        assert (plan.period, plan.period_start_year, plan.period_end_year) == (period, first, last)
    assert document.key.endswith(slug) and sheet.key.endswith(slug)


def test_a_two_digit_end_ends_the_period_in_a_document_and_in_a_sheet():
    document = load_document_bytes("suunnitelma.txt", DOCUMENT.format(period="2024–26").encode())
    (sheet,) = load_sheet("salkku.csv", SHEET.format(period="2024–26").encode())
    assert document.period == sheet.period == "2024–26"
    assert (document.period_start_year, document.period_end_year) == (sheet.period_start_year,
                                                                       sheet.period_end_year) == (2024, 2026)
    assert document.key == "esimerkkila-toimenpidesuunnitelma-2024-2026"
    assert sheet.key == "esimerkkila-toimenpidesuunnitelma-2024-2026"
