"""The Resources page's IT load forecast: a simulation chart (planned, P50, P80 per month) for one organisation and
service area, in the reader's language, with a caption that calls it a simulation and counts what it leaves out;
nothing drawn when there is nothing to forecast."""
from __future__ import annotations

import json

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from components.i18n import translate
from tests.pages.conftest import run_page
from tests.pages.test_pages import CHART_TYPES, texts

FORECAST_CHART = "forecast"
TRACE_KEYS = ("resources.forecast_planned", "resources.forecast_p50", "resources.forecast_p80")


def forecast_charts(at: AppTest) -> list[dict]:
    """The forecast chart's figure (as the page sent it), recognised by its trace names in either language."""
    names = {translate(key, language) for key in TRACE_KEYS for language in ("fi", "en")}
    found = []
    for chart in at.get("plotly_chart"):
        spec = json.loads(chart.proto.spec)
        if {trace.get("name") for trace in spec.get("data", [])} & names:
            found.append(spec)
    return found


def strings(value: object) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [text for item in value.values() for text in strings(item)]
    if isinstance(value, list):
        return [text for item in value for text in strings(item)]
    return []


def assert_clean(at: AppTest) -> None:
    assert not at.exception, [exception.value for exception in at.exception]


@pytest.mark.parametrize("language", ["fi", "en"])
def test_the_forecast_is_drawn_in_the_language(sample_store, language):
    at = run_page("resurssit", lang=None if language == "fi" else language)
    assert_clean(at)
    assert translate("resources.forecast", language) in [subheader.value for subheader in at.subheader]

    charts = forecast_charts(at)
    assert len(charts) == 1
    spec = charts[0]
    traces = {trace["name"]: trace for trace in spec["data"]}
    planned, p50, p80 = (translate(key, language) for key in TRACE_KEYS)
    assert list(traces) == [planned, p50, p80]
    assert traces[p80]["line"].get("dash") == "dash"
    assert "dash" not in traces[planned]["line"] and "dash" not in traces[p50]["line"]

    months = traces[planned]["x"]
    assert months and all(trace["x"] == months for trace in traces.values())
    for low, high in zip(traces[p50]["y"], traces[p80]["y"]):
        assert high >= low >= 0
    assert all(value >= 0 for value in traces[planned]["y"])
    assert spec["layout"]["separators"] == {"fi": ",\u00a0", "en": ".,"}[language]
    # The month axis reads as the other charts' (ticks from charts.month_ticks).
    assert spec["layout"]["xaxis"]["ticktext"]

    shown = strings(spec) + texts(at)
    for raw in ("None", "nan", "NaT"):
        assert not any(raw in text.split() or text == raw for text in shown), raw
    assert translate("resources.forecast_caption", language) in [caption.value for caption in at.caption]


def test_the_chosen_combination_is_kept_in_the_url_and_restored(sample_store):
    at = run_page("resurssit")
    assert_clean(at)
    box = at.selectbox(key="fc-area")
    assert len(box.options) > 1
    # Several organisations in the sample: each option names its organisation and its area.
    assert all(" · " in option for option in box.options)
    other = box.options[-1]
    box.set_value(other).run()
    assert_clean(at)
    code = at.query_params["fc-area"]
    code = code[0] if isinstance(code, list) else code

    again = run_page("resurssit", query={"fc-area": code})
    assert_clean(again)
    assert again.selectbox(key="fc-area").value == other


def test_an_empty_store_shows_no_forecast(empty_store):
    at = run_page("resurssit")
    assert_clean(at)
    assert not forecast_charts(at)
    assert not any(at.get(kind) for kind in CHART_TYPES)


def test_nothing_to_forecast_is_said_and_left_out_projects_are_counted(sample_store, monkeypatch):
    def no_forecast(selection, months):  # noqa: ANN001, ARG001
        frame = pd.DataFrame(columns=["organisation", "service_area", "month", "planned", "p50", "p80"])
        frame.attrs["left_out"] = 3
        return frame

    monkeypatch.setattr("components.data.load_forecast", no_forecast)
    at = run_page("resurssit", lang="en")
    assert_clean(at)
    assert translate("resources.forecast_none", "en") in [info.value for info in at.info]
    assert not forecast_charts(at)
    assert translate("resources.forecast_left_out", "en", count=3) in [caption.value for caption in at.caption]


def test_left_out_projects_are_counted_under_the_chart(sample_store, monkeypatch):
    from components import data

    original = data.load_forecast

    def with_left_out(selection, months):  # noqa: ANN001
        frame = original(selection, months)
        frame.attrs["left_out"] = 1
        return frame

    monkeypatch.setattr("components.data.load_forecast", with_left_out)
    at = run_page("resurssit")
    assert_clean(at)
    assert forecast_charts(at)
    expected = translate("resources.forecast_caption", "fi") + " " + translate("resources.forecast_left_out", "fi", count=1)
    assert expected in [caption.value for caption in at.caption]
    assert "1 tietohallintoa tarvitseva hanke" in expected  # the singular form


def test_one_organisation_shows_only_the_areas(sample_store):
    at = run_page("resurssit")
    organisation = at.selectbox(key="fc-area").options[0].split(" · ")[0]

    narrowed = run_page("resurssit", query={"org": organisation})
    assert_clean(narrowed)
    assert list(narrowed.multiselect(key="org").value) == [organisation]
    options = narrowed.selectbox(key="fc-area").options
    assert options and not any(" · " in option for option in options)
    assert forecast_charts(narrowed)
