"""Overview: key figures of the selection, probability shares, busiest IT months, small charts by area."""
from __future__ import annotations

import pandas as pd
import streamlit as st

from components import charts, data, filters, frame, meeting_pack
from components.frame import t
from components.i18n import date_label, money_range, month_label, number, quarter_label
from components.text import escape_markdown
from data_model import analytics

selection = frame.selection()
language = frame.language()
st.title(t("page.overview"))

plans = data.plans()
if plans.empty:
    st.info(t("common.empty_store"))
    st.stop()
projects = data.projects(selection)
shown_plans = plans[plans["key"].isin(projects["plan_key"].unique())]
as_of = "; ".join(
    t(
        "common.plan_as_of",
        name=filters.plan_label(row, language),
        date=date_label(row.document_date, language) if pd.notna(row.document_date)
        else t("common.imported_on", date=date_label(row.imported_at, language)),
    )
    for row in shown_plans.itertuples()
)
st.markdown("**" + escape_markdown(t("overview.selection", selection=filters.selection_label(selection, language))) + "**")
if as_of:
    st.caption(t("common.data_as_of", plans=escape_markdown(as_of)))
if projects.empty:
    frame.explain_empty()

today = frame.today()
if not projects.empty:
    meeting_pack.download_buttons(selection, language, today)
    st.page_link("pages/presentation.py", label=t("overview.present"), icon=":material/slideshow:",
                 help=t("overview.present_help"))
costed, currency = filters.currency_choice(projects, selection)


def overview_figures() -> dict:
    """Everything the Overview works out from the selection (kept per selection, currency, language and day)."""
    costs_by_area = analytics.cost_by_area(costed)
    known = costs_by_area[costs_by_area["one_off_max"].notna()]
    return {
        "figures": analytics.key_figures(projects, today),
        "costs": analytics.key_figures(costed, today),
        "probability": charts.probability_bar(analytics.probability_counts(projects), language),
        "busiest": analytics.busiest_coming_months(projects, window_start=selection.window_start,
                                                    window_end=selection.window_end, today=today),
        "by_area": charts.area_bar(analytics.cost_by_area(projects), "projects", language, "col.projects"),
        "cost_by_area": None if known.empty else charts.area_bar(known, "one_off_max", language, "overview.one_off",
                                                                  money_axis=True, currency=currency),
        "unknown_areas": costs_by_area.loc[costs_by_area["one_off_max"].isna(), "service_area"].tolist(),
    }


shown = data.view("overview.figures", (selection, currency, language, today), overview_figures)
figures, costs = shown["figures"], shown["costs"]
st.caption(t("overview.today", date=date_label(today, language), quarter=quarter_label(figures.next_quarter_start, language)))
row = st.columns(5)
row[0].metric(t("overview.projects"), number(figures.projects, language), border=True)
row[1].metric(t("overview.active"), number(figures.active, language), border=True)
quarter = quarter_label(figures.next_quarter_start, language)
row[2].metric(t("overview.starting", quarter=quarter), number(figures.starting_next_quarter, language), border=True)
row[3].metric(t("overview.ending", quarter=quarter), number(figures.ending_next_quarter, language), border=True)
row[4].metric(t("common.cost_not_stated"), number(figures.cost_unknown, language), border=True, help=t("overview.cost_unknown_help"))
row = st.columns(2)
row[0].metric(t("overview.one_off"), money_range(costs.one_off_min, costs.one_off_max, language, currency), border=True)
row[1].metric(t("overview.annual"), money_range(costs.annual_min, costs.annual_max, language, currency), border=True)

left, right = st.columns([3, 2])
with left:
    st.subheader(t("overview.probability_share"))
    st.altair_chart(shown["probability"], width="stretch")
with right:
    busiest = shown["busiest"]
    st.subheader(t("overview.busiest_window" if busiest.window else "overview.busiest_coming"))
    if busiest.months.empty and busiest.past_peak is None:
        st.write(t("overview.busiest_none"))
    elif busiest.months.empty:
        month, count = busiest.past_peak
        st.write(t("overview.busiest_past_only", month=month_label(month, language),
                   projects=t("count.projects", count=count)))
    for item in busiest.months.itertuples():
        st.write(t("overview.busiest_row", month=month_label(item.month, language), count=int(item.projects)))

left, right = st.columns(2)
with left:
    st.subheader(t("overview.by_area"))
    st.altair_chart(shown["by_area"], width="stretch")
with right:
    st.subheader(t("overview.cost_by_area"))
    # Areas whose costs are unknown are named, not drawn as zero.
    if shown["cost_by_area"] is not None:
        st.altair_chart(shown["cost_by_area"], width="stretch")
    unknown_areas = [area or t("area.none") for area in shown["unknown_areas"]]
    if unknown_areas:
        st.caption(t("overview.areas_without_cost", areas=escape_markdown(", ".join(unknown_areas))))
