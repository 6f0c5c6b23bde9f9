"""Every download says what it holds: the file name carries the selection and the date in the UI language, the
CSV is in that language's Excel dialect and the Excel download opens with a cover sheet of the selection."""
from __future__ import annotations

import csv
import io

import pandas as pd
import pytest
from openpyxl import load_workbook

from tests.pages.conftest import TODAY, run_page


def resolved(call: dict) -> bytes:
    return call["data"]() if callable(call["data"]) else call["data"]


NAME_CASES = [
    pytest.param("kustannukset", "fi", "costs-download-csv", f"kustannukset_naantali_{TODAY}.csv", id="costs-fi"),
    pytest.param("kustannukset", "en", "costs-download-csv", f"costs_naantali_{TODAY}.csv", id="costs-en"),
    pytest.param("hankkeet", "fi", "projects-download-xlsx", f"hankkeet_naantali_{TODAY}.xlsx", id="projects-fi"),
    pytest.param("hankkeet", "en", "projects-download-xlsx", f"projects_naantali_{TODAY}.xlsx", id="projects-en"),
    pytest.param("hankkeet", "fi", "portfolio-csv-file", f"salkku_naantali_{TODAY}.csv", id="portfolio-csv-fi"),
    pytest.param("hankkeet", "en", "portfolio-xlsx-file", f"portfolio_naantali_{TODAY}.xlsx", id="portfolio-xlsx-en"),
]


@pytest.mark.parametrize(("url_path", "language", "key", "expected"), NAME_CASES)
def test_a_download_is_named_by_the_selection_and_the_date(sample_store, offered, url_path, language, key, expected):
    at = run_page(url_path, query={"org": "Naantali"}, lang=language)
    assert not at.exception
    assert offered[key]["file_name"] == expected


@pytest.mark.parametrize(("language", "separator"), [("fi", ";"), ("en", ",")])
def test_a_pages_csv_is_in_the_dialect_of_its_language(sample_store, offered, language, separator):
    at = run_page("kustannukset", query={"org": "Naantali"}, lang=language)
    assert not at.exception
    data = resolved(offered["costs-download-csv"])
    assert data.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline=""), delimiter=separator))
    assert len(rows) > 1 and len({len(row) for row in rows}) == 1
    decimal = "," if language == "fi" else "."
    back = pd.read_csv(io.BytesIO(data), sep=separator, decimal=decimal, encoding="utf-8-sig")
    numeric = back.select_dtypes("number").columns
    assert len(numeric) >= 2  # the amounts came back as numbers, not text
    assert not any(".0" + separator in line for line in data.decode("utf-8-sig").splitlines())


@pytest.mark.parametrize(("language", "title", "organisations", "date_label"),
                         [("fi", "Valinta", "Organisaatiot", "Päivä"), ("en", "Selection", "Organisations", "Date")])
def test_a_pages_workbook_opens_with_a_cover_of_the_selection_and_the_date(sample_store, offered, language, title,
                                                                           organisations, date_label):
    at = run_page("kustannukset", query={"org": "Naantali"}, lang=language)
    assert not at.exception
    book = load_workbook(io.BytesIO(resolved(offered["costs-download-xlsx"])))
    assert book.sheetnames[0] == title and len(book.sheetnames) == 2
    cover = {row[0].value: row[1].value for row in book[title].iter_rows()}
    assert cover[organisations] == "Naantali"
    assert cover[date_label] == TODAY


@pytest.mark.parametrize(("language", "title", "plans", "probability", "class_label"),
                         [("fi", "Valinta", "Suunnitelmat", "Todennäköisyys", "Todennäköinen"),
                          ("en", "Selection", "Plans", "Probability", "Likely")])
def test_the_cover_names_plans_and_classes_as_people_do_not_by_their_codes(sample_store, offered, language, title,
                                                                           plans, probability, class_label):
    at = run_page("aikataulu", query={"prob": "likely", "plan": "naantali-toimenpidesuunnitelma-2024"}, lang=language)
    assert not at.exception
    book = load_workbook(io.BytesIO(resolved(offered["schedule-download-xlsx"])))
    cover = {row[0].value: row[1].value for row in book[title].iter_rows()}
    assert cover[plans] == "Naantali, toimenpidesuunnitelma 2024"
    assert cover[probability] == class_label
    assert "likely" not in " ".join(str(value) for value in cover.values())
