"""Money with its currency on the pages: a plan in pounds is never labelled or formatted as euros in the register,
the project detail, the plans comparison or the downloads."""
from __future__ import annotations

import json

import pytest

import components.downloads
from data_model.db import make_engine
from data_model.sample import ensure_sample_data
from data_model.store import import_plans
from loaders import load_sheet
from tests.pages.conftest import run_page
from components.i18n import translate
from tests.pages.test_pages import shown_cells

SHEET = ("Organisaatio;Suunnitelma;Kausi;Koodi;Hanke;Kertakustannus min;Kertakustannus max;Vuosikustannus max;Valuutta\n"
         "Greater London;Capital Programme;{year};GL-1;Bridge renewal;1500000;2000000;40000;GBP\n"
         "Greater London;Capital Programme;{year};GL-2;Tunnel survey;;250000;;GBP\n")


@pytest.fixture
def pounds_store(sample_store):
    engine = make_engine(sample_store)
    ensure_sample_data(engine)
    for year in (2025, 2026):
        import_plans(engine, load_sheet(f"london_{year}.csv", SHEET.format(year=year).encode("utf-8")))
    engine.dispose()
    return sample_store


@pytest.fixture
def recorded(monkeypatch) -> dict:
    found: dict = {}
    original = components.downloads.download_buttons

    def recorder(frame, **options):  # noqa: ANN001
        found[options["key"]] = (frame.copy(), options)
        return original(frame, **options)

    monkeypatch.setattr(components.downloads, "download_buttons", recorder)
    return found


def column_formats(element) -> dict[str, str]:  # noqa: ANN001
    """The number formats a dataframe element was sent with, by column."""
    return {name: config.get("type_config", {}).get("format") for name, config in json.loads(element.proto.columns).items()
            if "type_config" in config}


def test_the_register_formats_pounds_as_pounds(pounds_store, recorded):
    at = run_page("hankkeet", query={"org": "Greater London", "plan": "greater-london-toimenpidesuunnitelma-2026"})
    assert not at.exception
    register = next(element for element in at.dataframe if element.key == "register")
    cells = shown_cells(register)
    assert set(cells["Kerta max"]) == {"2\u00a0000\u00a0000\u00a0£", "250\u00a0000\u00a0£"}
    assert register.value["Kerta max"].tolist() == [2_000_000, 250_000]  # numbers underneath: they sort as numbers
    assert set(register.value["Valuutta"]) == {"GBP"}
    frame, options = recorded["projects-download"]
    assert options["currency_columns"] == ("Valuutta",) and frame["Kerta max"].tolist() == [2_000_000, 250_000]


def test_a_register_of_pounds_and_euros_writes_each_amount_with_its_own_symbol(pounds_store):
    at = run_page("hankkeet", query={"plan": ["greater-london-toimenpidesuunnitelma-2026",
                                              "esimerkkila-toimenpidesuunnitelma-2027"]})
    register = next(element for element in at.dataframe if element.key == "register").value
    amounts = dict(zip(register["Koodi"] + register["Valuutta"], register["Kerta max"]))
    assert amounts["GL-1GBP"] == "2\u00a0000\u00a0000\u00a0£"
    assert amounts["2.1EUR"].endswith("€")


def test_the_project_detail_writes_pounds(pounds_store):
    at = run_page("hankkeet", query={"project": "greater-london-toimenpidesuunnitelma-2026/GL-1"})
    assert not at.exception
    fields = next(element.value for element in at.dataframe if element.value.columns.tolist()[0] == "Kenttä")
    costs_value = fields.set_index("Kenttä").loc["Kustannukset", "Arvo"]
    assert "Kertakustannus 1\u00a0500\u00a0000\u00a0£–2\u00a0000\u00a0000\u00a0£" in costs_value
    assert "Vuosikustannus 40\u00a0000\u00a0£" in costs_value and "€" not in costs_value
    costs = next(element.value for element in at.dataframe if element.value.columns.tolist()[0] == "Laji")
    assert all(value.endswith("£") for value in costs["Max"])


def test_the_plans_comparison_writes_pounds(pounds_store, recorded):
    at = run_page("suunnitelmat", query={"cmp": "Greater London"})
    assert not at.exception
    frame, options = recorded["comparison-download"]
    assert set(frame["Valuutta"]) == {"GBP"} and options["currency_columns"] == ("Valuutta",)
    comparison = next(element for element in at.dataframe if element.value.columns.tolist()[0] == "Tila")
    assert {text[-1] for column in shown_cells(comparison).columns if "Kerta" in str(column)
            for text in shown_cells(comparison)[column] if text} == {"£"}


@pytest.mark.parametrize(("language", "amount", "effort"), [("fi", "12\u00a0000\u00a0€", "0,5"), ("en", "€12,000", "0.5")])
def test_tables_show_money_and_quantities_in_the_languages_format_and_keep_numbers(sample_store, language, amount,
                                                                                   effort):
    at = run_page("kustannukset", lang=language)
    kind = translate("col.kind", language)
    items = next(element for element in at.dataframe if kind in element.value.columns)
    minimum = items.value.columns[5]
    assert amount in set(shown_cells(items)[minimum])
    assert "12000 €" not in set(shown_cells(items)[minimum])
    assert 12000 in set(items.value[minimum])  # sorted as numbers
    at = run_page("resurssit", lang=language)
    party = translate("col.party", language)
    needs = next(element for element in at.dataframe if party in element.value.columns)
    assert effort in set(shown_cells(needs).iloc[:, 5])
