"""The Import page's mapping editor for portfolio sheets (components.sheet_mapping.mapping_editor).

AppTest cannot upload a file, so the editor runs on its own in a small script with the headers and rating
values of the UK GMPP 2021 export; the script writes the profile the editor returns as JSON."""
from __future__ import annotations

import json

import pytest
from streamlit.testing.v1 import AppTest

from components import sheet_mapping
from components.text import shown_text

GMPP_PROFILE = "UK GMPP 2020–2023"
AUTOMATIC = "Automaattinen ehdotus"


def editor_script() -> None:
    import streamlit as st

    from components.sheet_mapping import mapping_editor

    headers = [
        "year", "project_number", "project_name", "department", "report_category", "description_aims",
        "colour_rating", "rating_comment", "start_date", "end_date", "schedule_comment", "total_baseline",
        "yearly_forecast", "variance_comment", "wlc_baseline_incl_NCG", "budget_comment",
    ]
    ratings = ["Amber/red", "Amber", "Green", "Amber/Green", "Red", "Exempt under Section 43"]
    profile = mapping_editor(headers, ratings, key="t")
    st.write(profile.to_json())


@pytest.fixture
def saved_profiles(tmp_path, monkeypatch):
    """A store of the test's own (SQLite file): profiles the user saves go into it."""
    import streamlit

    from data_model.db import get_engine

    url = f"sqlite:///{tmp_path / 'profiles.db'}"
    monkeypatch.setenv("DATABASE_URL", url)
    monkeypatch.setenv("SALKKU_SAMPLE_DATA", "0")
    streamlit.cache_resource.clear()
    get_engine.cache_clear()
    yield url
    streamlit.cache_resource.clear()
    get_engine.cache_clear()


def stored(url: str) -> list:
    from sqlmodel import Session

    from data_model.db import get_engine
    from data_model.profiles import profiles

    with Session(get_engine(url)) as session:
        return [item for item in profiles(session) if not item.shipped]


def run_editor() -> AppTest:
    at = AppTest.from_function(editor_script, default_timeout=30)
    at.run()
    assert not at.exception, [element.value for element in at.exception]
    return at


def written_profile(at: AppTest) -> dict:
    texts = [element.value for element in at.markdown if element.value.lstrip().startswith("{")]
    assert texts, "the script wrote no profile"
    return json.loads(texts[-1])


def test_suggestion_maps_the_gmpp_headers(saved_profiles):
    at = run_editor()
    assert at.selectbox(key="t-profile").value == AUTOMATIC
    profile = written_profile(at)
    assert profile["format"] == "salkku-mapping-1"
    columns = profile["columns"]
    assert columns["title"] == ["project_name"]
    assert columns["code"] == ["project_number"]
    assert columns["start"] == ["start_date"] and columns["end"] == ["end_date"]
    assert columns["probability"] == ["colour_rating"]
    # The suggestion knows nothing of the file's currency or units: euros, as written.
    assert profile["currency"] == "EUR"
    assert set(profile["multipliers"].values()) <= {1}
    assert at.selectbox(key="t-currency").value == "EUR"
    assert at.selectbox(key="t-unit").value == 1


def test_shipped_profiles_are_offered(saved_profiles):
    at = run_editor()
    options = at.selectbox(key="t-profile").options
    assert options[0] == AUTOMATIC
    assert GMPP_PROFILE in options


def test_choosing_the_gmpp_profile_gives_its_columns_pounds_and_millions(saved_profiles):
    at = run_editor()
    at.selectbox(key="t-profile").set_value(GMPP_PROFILE).run()
    assert not at.exception, [element.value for element in at.exception]
    profile = written_profile(at)
    shipped = sheet_mapping.saved_profiles()[GMPP_PROFILE].profile

    assert profile["name"] == GMPP_PROFILE
    assert profile["organisation"] == "UK Government"
    assert profile["plan_title"] == "Government Major Projects Portfolio"
    for name, headers in shipped.columns.items():
        # The first header the sheet has is chosen; the profile's other headers stay as fallbacks.
        assert profile["columns"][name][0] in headers, name
        assert set(profile["columns"][name]) == set(headers), name
    assert profile["columns"]["title"] == ["project_name"]
    assert profile["columns"]["cost_annual_max"] == ["total_baseline", "yearly_budget"]
    assert profile["values"]["probability"]["Amber/Red"] == "unlikely"
    # The sheet writes 'Amber/red': the editor shows (and keeps) the profile's class, as the import reads it.
    assert profile["values"]["probability"]["Amber/red"] == "unlikely"
    assert "Exempt under Section 43" not in profile["values"]["probability"]

    assert at.selectbox(key="t-currency").value == "GBP"
    assert profile["currency"] == "GBP"
    assert at.selectbox(key="t-unit").value == 1_000_000
    assert profile["multipliers"] == {"cost_one_off_max": 1_000_000, "cost_annual_max": 1_000_000}


def test_back_to_the_suggestion_after_a_profile(saved_profiles):
    at = run_editor()
    at.selectbox(key="t-profile").set_value(GMPP_PROFILE).run()
    at.selectbox(key="t-profile").set_value(AUTOMATIC).run()
    profile = written_profile(at)
    assert profile["name"] == "ehdotus"
    assert profile["organisation"] is None
    assert at.selectbox(key="t-currency").value == "EUR"
    assert at.selectbox(key="t-unit").value == 1


def test_saving_a_profile_keeps_it_in_the_store_and_offers_it_next_time(saved_profiles):
    at = run_editor()
    at.selectbox(key="t-profile").set_value(GMPP_PROFILE).run()
    at.text_input(key="t-name").input("Oma GMPP 2021").run()
    at.button(key="t-save").click().run()
    assert not at.exception, [element.value for element in at.exception]
    assert [shown_text(element.value) for element in at.success] == [
        "Profiili tallennettu salkkuun: Oma GMPP 2021 (UK Government)"]
    [saved] = stored(saved_profiles)
    assert (saved.name, saved.organisation) == ("Oma GMPP 2021", "UK Government")
    assert saved.profile.currency == "GBP" and saved.profile.columns["title"] == ["project_name"]
    assert saved.profile.multipliers["cost_one_off_max"] == 1_000_000

    at.run()  # the next run lists it
    options = at.selectbox(key="t-profile").options
    assert "Oma GMPP 2021 (UK Government)" in options and GMPP_PROFILE in options
    at.selectbox(key="t-profile").set_value("Oma GMPP 2021 (UK Government)").run()
    assert written_profile(at)["name"] == "Oma GMPP 2021"
    assert written_profile(at)["currency"] == "GBP"


@pytest.mark.parametrize(("name", "message"), [
    ("x" * 300, "Profiilin nimi on enintään 80 merkkiä (nyt 300)."),
    ("a/../../etc/passwd", "Profiilin nimessä voi olla kirjaimia"),
    (GMPP_PROFILE, "on Salkun mukana tuleva profiili"),
], ids=["too-long", "path-characters", "shipped-name"])
def test_a_bad_profile_name_is_refused_with_a_message_and_nothing_saved(saved_profiles, name, message):
    at = run_editor()
    at.selectbox(key="t-profile").set_value(GMPP_PROFILE).run()
    at.text_input(key="t-name").input(name).run()
    at.button(key="t-save").click().run()
    assert not at.exception, [element.value for element in at.exception]
    assert any(message in element.value for element in at.error), [element.value for element in at.error]
    assert stored(saved_profiles) == []


def test_saving_does_not_touch_the_disk(saved_profiles, tmp_path):
    folder = sheet_mapping.stored_profiles.SHIPPED
    before = sorted(path.read_bytes() for path in folder.glob("*.json"))
    at = run_editor()
    at.text_input(key="t-name").input("Väliaikainen").run()
    at.button(key="t-save").click().run()
    assert [item.name for item in stored(saved_profiles)] == ["Väliaikainen"]
    assert sorted(path.read_bytes() for path in folder.glob("*.json")) == before
