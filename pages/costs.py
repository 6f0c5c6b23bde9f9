"""Costs: one-off and annual ranges per service area, totals with unknowns, a quarterly outlook, every cost item."""
from __future__ import annotations

import pandas as pd
import streamlit as st

from components import charts, data, downloads, filters, frame
from components.frame import t
from components.i18n import (
    labels,
    money_range,
    money_table,
    number,
    unknown,
)
from data_model import analytics

selection = frame.selection()
language = frame.language()
st.title(t("page.costs"))

projects = data.projects(selection)
if projects.empty:
    frame.explain_empty()

costed, currency = filters.currency_choice(projects, selection)
figures = data.view("costs.figures", (selection, currency, frame.today()), lambda: analytics.key_figures(costed, frame.today()))
row = st.columns([5, 5, 3])
row[0].metric(t("costs.total_one_off"), money_range(figures.one_off_min, figures.one_off_max, language, currency), border=True)
row[1].metric(t("costs.total_annual"), money_range(figures.annual_min, figures.annual_max, language, currency), border=True)
row[2].metric(t("common.cost_not_stated"), number(figures.cost_unknown, language), border=True, help=t("overview.cost_unknown_help"))



def cost_charts() -> dict:
    by_area = analytics.cost_by_area(costed)
    if by_area[["one_off_max", "annual_max"]].isna().all().all():
        return {}
    start = pd.Timestamp(selection.window_start or frame.today()).to_period("Q")
    outlook = analytics.quarterly_outlook(costed, start, quarters=8)
    return {
        "one_off": charts.cost_ranges(by_area, "one_off", language, currency),
        "annual": charts.cost_ranges(by_area, "annual", language, currency),
        "outlook": charts.cost_outlook(outlook, language, currency),
        "left_out": int((costed["start"].isna() & costed["cost_known"].astype(bool)).sum()),
    }


shown_charts = data.view("costs.charts", (selection, currency, language, frame.today()), cost_charts)
if not shown_charts:
    st.info(t("costs.no_costs"))
else:
    left, right = st.columns(2)
    with left:
        st.subheader(t("costs.one_off_by_area"))
        st.plotly_chart(shown_charts["one_off"], width="stretch", key="one-off-ranges")
    with right:
        st.subheader(t("costs.annual_by_area"))
        st.plotly_chart(shown_charts["annual"], width="stretch", key="annual-ranges")

    st.subheader(t("costs.outlook"))
    st.plotly_chart(shown_charts["outlook"], width="stretch", key="outlook")
    st.caption(t("costs.outlook_help"))
    if shown_charts["left_out"]:
        st.caption(t("costs.outlook_left_out", count=shown_charts["left_out"]))

st.subheader(t("costs.items"))
items = data.cost_items(selection)


def item_tables() -> tuple[pd.DataFrame, object]:
    """The cost items as downloaded and as shown (each amount in its currency, in the language's format)."""
    table = pd.DataFrame(
        {
            t("col.organisation"): items["organisation"],
            t("col.service_area"): items["service_area"],
            t("col.code"): items["code"],
            t("col.title"): items["title"],
            t("col.kind"): labels("kind", items["kind"], language),
            t("col.min"): items["min_amount"],
            t("col.max"): items["max_amount"],
            t("col.currency"): items["currency"],
            t("col.vat"): items["vat_note"],
            t("col.source_text"): items["source_text"],
        }
    )
    display, _ = money_table(table, {t("col.min"): items["currency"], t("col.max"): items["currency"]}, language)
    return table, display


table, display = data.view("costs.items", (selection, language), item_tables)
st.caption(t("costs.currency_note"))
st.dataframe(display, hide_index=True, width="stretch", key="cost-items", placeholder=unknown(language))
downloads.download_buttons(
    table, file_stem=t("download.costs"), key="costs-download",
    labels=(t("common.download_csv"), t("common.download_xlsx")),
    column_formats={t("col.min"): "money", t("col.max"): "money"}, currency_columns=(t("col.currency"),),
)
