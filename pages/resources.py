"""Resource load: service area × month heatmap of concurrent projects per party, quantified effort, IT capacity."""
from __future__ import annotations

import pandas as pd
import streamlit as st

from components import charts, data, downloads, frame, url_state
from components.frame import t
from components.i18n import (
    formatted_table,
    label,
    labels,
    month_label,
    number_formats,
    per_value,
)
from components.text import escape_markdown
from data_model import analytics

selection = frame.selection()
language = frame.language()
st.title(t("page.resources"))

projects = data.projects(selection)
if projects.empty:
    frame.explain_empty()

parties = list(analytics.PARTY_COLUMNS)
url_state.restore("party", parties, "it")
party = st.segmented_control(
    t("resources.party"), parties, required=True, key="party", format_func=lambda value: label("party", value, language),
)
url_state.mirror("party", "it")
months = analytics.month_range(projects, window_start=selection.window_start, window_end=selection.window_end, today=frame.today())


def party_load(name: str) -> pd.DataFrame:
    """Concurrent projects per area and month of one party (kept per selection, party and day)."""
    return data.view("resources.load", (selection, name, frame.today()), lambda: analytics.monthly_load(projects, months, name))


load = party_load(party)
unscheduled = int(projects["start"].isna().sum())

st.subheader(t("resources.heatmap", party=label("party", party, language)))
if load.empty or load["projects"].sum() == 0:
    st.info(t("resources.none_for_party", party=label("party", party, language)))
else:
    peak = load.sort_values(["projects", "month"], ascending=[False, True]).iloc[0]
    heatmap = data.view("resources.heatmap", (selection, party, language, frame.today()),
                        lambda: charts.load_heatmap(load, language))
    st.plotly_chart(heatmap, width="stretch", key="heatmap")
    st.caption(t("resources.peak", count=int(peak["projects"]),
                 area=escape_markdown(peak["service_area"]) or t("area.none"), month=month_label(peak["month"], language)))
if unscheduled:
    st.caption(t("resources.no_schedule", count=unscheduled))

st.subheader(t("resources.demand"))
capacity = st.number_input(
    t("resources.capacity"), min_value=1, max_value=500, value=None, step=1, key="capacity",
    help=t("resources.capacity_help"), bind="query-params", placeholder=t("resources.capacity_placeholder"),
)
demand = data.view("resources.demand", (selection, frame.today()), lambda: (
    party_load("it").groupby("month", as_index=False)["projects"].sum()
    if len(months) else pd.DataFrame(columns=["month", "projects"])
))
if not demand.empty:
    demand_chart = data.view("resources.demand_chart", (selection, capacity, language, frame.today()),
                             lambda: charts.demand_capacity(demand, capacity, language))
    st.plotly_chart(demand_chart, width="stretch", key="demand")
    if capacity:
        st.caption(t("resources.over", count=int((demand["projects"] > capacity).sum())))
    else:
        st.caption(t("resources.capacity_prompt"))

st.subheader(t("resources.forecast"))
forecast = data.load_forecast(selection, months)
forecast_left_out = int(forecast.attrs.get("left_out", 0))
if forecast.empty:
    st.info(t("resources.forecast_none"))
    if forecast_left_out:
        st.caption(t("resources.forecast_left_out", count=forecast_left_out))
else:
    # One choice per organisation and service area, by a code that reads the same in either language (the URL's).
    forecast_areas = forecast["service_area"].astype(object).where(forecast["service_area"].notna(), "")
    combinations = sorted(set(zip(forecast["organisation"], forecast_areas)))
    several = forecast["organisation"].nunique() > 1
    codes = {f"{organisation} · {area}": (organisation, area) for organisation, area in combinations}

    def combination_label(code: str) -> str:
        organisation, area = codes[code]
        area_text = area or t("area.none")
        return f"{organisation} · {area_text}" if several else area_text

    url_state.restore("fc-area", list(codes), next(iter(codes)))
    chosen = st.selectbox(t("resources.forecast_area"), list(codes), key="fc-area", format_func=combination_label)
    url_state.mirror("fc-area", next(iter(codes)))
    organisation, area = codes[chosen]
    chosen_rows = forecast[(forecast["organisation"] == organisation) & (forecast_areas == area)]
    forecast_chart = data.view("resources.forecast_chart", (selection, chosen, language, frame.today()),
                               lambda: charts.load_forecast_lines(chosen_rows, language))
    st.plotly_chart(forecast_chart, width="stretch", key="forecast")
    caption = t("resources.forecast_caption")
    if forecast_left_out:
        caption += " " + t("resources.forecast_left_out", count=forecast_left_out)
    st.caption(caption)

st.subheader(t("resources.quantified"))
needs = data.resource_needs(selection)
quantified = needs[needs["amount_min"].notna() | needs["amount_max"].notna()]
if quantified.empty:
    st.write(t("resources.quantified_none"))
only_quantified = st.toggle(t("resources.quantified"), value=True, key="only-quantified")


def needs_tables() -> tuple[pd.DataFrame, object]:
    """The needs as downloaded and as shown (amounts in the language's number format)."""
    table = pd.DataFrame(
        {
            t("col.organisation"): needs["organisation"],
            t("col.service_area"): needs["service_area"],
            t("col.code"): needs["code"],
            t("col.title"): needs["title"],
            t("col.party"): labels("party", needs["party"], language),
            t("col.amount_min"): needs["amount_min"],
            t("col.amount_max"): needs["amount_max"],
            t("col.unit"): per_value(needs["unit"], text=lambda value: label("unit", value, language) if value else None),
            t("col.per"): needs["per"],
            t("col.source_text"): needs["source_text"],
        }
    )
    shown = table[(needs["amount_min"].notna() | needs["amount_max"].notna()).to_numpy()] if only_quantified else table
    return shown, formatted_table(shown, number_formats([t("col.amount_min"), t("col.amount_max")], language))


shown, display = data.view("resources.needs", (selection, only_quantified, language), needs_tables)
st.dataframe(display, hide_index=True, width="stretch", key="needs-table", placeholder="")  # "per" blank: no unit price
downloads.download_buttons(
    shown, file_stem=t("download.resources"), key="resources-download", labels=(t("common.download_csv"), t("common.download_xlsx")),
)
