"""The Import page's mapping editor for portfolio sheets (components.sheet_mapping.mapping_editor).

AppTest cannot upload a file, so the editor runs on its own in a small script with the headers and rating
values of the UK GMPP 2021 export; the script writes the profile the editor returns as JSON."""
from __future__ import annotations

import json

import pytest
from streamlit.testing.v1 import AppTest

from components import sheet_mapping
from loaders.mapping import MappingProfile

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
    """Profiles the user saves go to a temporary folder, not the repository's var/profiles."""
    folder = tmp_path / "profiles"
    monkeypatch.setattr(sheet_mapping, "SAVED_PROFILES", folder)
    return folder


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
    shipped = MappingProfile.load(sheet_mapping.saved_profiles()[GMPP_PROFILE])

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


def test_saving_a_profile_writes_json_and_offers_it_next_time(saved_profiles):
    at = run_editor()
    at.selectbox(key="t-profile").set_value(GMPP_PROFILE).run()
    at.text_input(key="t-name").input("Oma GMPP 2021").run()
    at.button(key="t-save").click().run()
    assert not at.exception, [element.value for element in at.exception]

    path = saved_profiles / "oma_gmpp_2021.json"
    assert path.is_file(), list(saved_profiles.glob("*"))
    assert [element.value for element in at.success] == [f"Profiili tallennettu: {path}"]
    saved = MappingProfile.load(path)
    assert saved.name == "Oma GMPP 2021"
    assert saved.currency == "GBP" and saved.columns["title"] == ["project_name"]
    assert saved.multipliers["cost_one_off_max"] == 1_000_000

    at.run()  # the next run lists it
    options = at.selectbox(key="t-profile").options
    assert "Oma GMPP 2021" in options and GMPP_PROFILE in options
    at.selectbox(key="t-profile").set_value("Oma GMPP 2021").run()
    assert written_profile(at)["name"] == "Oma GMPP 2021"
    assert written_profile(at)["currency"] == "GBP"


def test_saving_does_not_touch_the_repository(saved_profiles):
    before = set(sheet_mapping.PROJECT_ROOT.joinpath("var", "profiles").glob("*.json"))
    at = run_editor()
    at.text_input(key="t-name").input("Väliaikainen").run()
    at.button(key="t-save").click().run()
    assert [path.name for path in saved_profiles.glob("*.json")] == ["v_liaikainen.json"]
    assert set(sheet_mapping.PROJECT_ROOT.joinpath("var", "profiles").glob("*.json")) == before
