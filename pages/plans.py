"""Plans: what is in the store, and two plans of one organisation side by side (new, continued, gone)."""
from __future__ import annotations

import pandas as pd
import streamlit as st

from components import data, downloads, frame
from components.frame import t
from components.i18n import label, money, number
from data_model import analytics
from data_model.queries import PortfolioFilter

selection = frame.selection()
language = frame.language()
st.title(t("page.plans"))

plans = data.plans()
if plans.empty:
    st.info(t("common.empty_store"))
    st.stop()
if selection.organisations:
    plans = plans[plans["organisation"].isin(selection.organisations)]

st.subheader(t("plans.list"))
table = pd.DataFrame(
    {
        t("col.organisation"): plans["organisation"],
        t("col.plan"): plans["title"],
        t("col.kind_plan"): [label("kind", value, language) for value in plans["kind"]],
        t("col.period"): plans["period"],
        t("col.document_date"): plans["document_date"],
        t("col.source"): plans["source_name"],
        t("col.imported_at"): plans["imported_at"],
        t("col.projects"): plans["projects"],
        t("col.notes"): plans["notes"],
    }
)
date_format = "D.M.YYYY" if language == "fi" else "D MMM YYYY"
st.dataframe(
    table, hide_index=True, width="stretch", key="plans-table",
    column_config={
        t("col.document_date"): st.column_config.DateColumn(format=date_format),
        t("col.imported_at"): st.column_config.DatetimeColumn(format=date_format + " HH:mm"),
    },
)
downloads.download_buttons(table, file_stem="suunnitelmat", key="plans-download",
                           labels=(t("common.download_csv"), t("common.download_xlsx")))

themes = data.themes()
if not themes.empty:
    with st.expander(t("plans.themes")):
        st.dataframe(themes.rename(columns={"organisation": t("col.organisation"), "code": t("col.code"), "title": t("col.title")}),
                     hide_index=True, width="stretch", key="themes")

st.subheader(t("plans.compare"))
action = plans[plans["kind"] == "action_plan"]
organisations = sorted(action["organisation"].unique())
comparable = [name for name in organisations if (action["organisation"] == name).sum() >= 2]
organisation = st.selectbox(
    t("plans.compare_org"), organisations, index=organisations.index(comparable[0]) if comparable else 0,
    key="compare-org", bind="query-params",
)
own = action[action["organisation"] == organisation].sort_values(["period_end_year", "plan_id"])
if len(own) < 2:
    st.info(t("plans.need_two"))
    st.stop()
titles = {int(row.plan_id): f"{row.title} ({row.period or '?'}) — {row.source_name}" for row in own.itertuples()}
ids = list(titles)
left, right = st.columns(2)
older_id = left.selectbox(t("plans.older"), ids, index=len(ids) - 2, format_func=titles.get, key="compare-old")
newer_id = right.selectbox(t("plans.newer"), ids, index=len(ids) - 1, format_func=titles.get, key="compare-new")
older = data.projects(PortfolioFilter(plan_ids=(older_id,)))
newer = data.projects(PortfolioFilter(plan_ids=(newer_id,)))
threshold = 75
comparison = analytics.compare_plans(older, newer, threshold=threshold)
counts = comparison["status"].value_counts()
st.write(t("plans.summary", new=counts.get("new", 0), continued=counts.get("continued", 0), gone=counts.get("gone", 0)))
st.caption(t("plans.match_help", threshold=threshold))
shown = pd.DataFrame(
    {
        t("col.status"): [t(f"plans.status.{value}") for value in comparison["status"]],
        t("col.code") + " (1)": comparison["old_code"],
        t("col.title") + " (1)": comparison["old_title"],
        t("col.code") + " (2)": comparison["code"],
        t("col.title") + " (2)": comparison["title"],
        t("col.similarity"): comparison["similarity"],
        t("col.shift_months", name=t("col.start")): comparison["start_shift_months"],
        t("col.shift_months", name=t("col.end")): comparison["end_shift_months"],
        t("col.one_off_max") + " (1)": comparison["old_one_off_max"],
        t("col.one_off_max") + " (2)": comparison["one_off_max"],
        t("col.probability") + " (1)": [label("probability", v, language) if v else None for v in comparison["old_probability"]],
        t("col.probability") + " (2)": [label("probability", v, language) if v else None for v in comparison["probability"]],
    }
)
st.dataframe(shown, hide_index=True, width="stretch", key="comparison")
downloads.download_buttons(shown, file_stem="vertailu", key="comparison-download",
                           labels=(t("common.download_csv"), t("common.download_xlsx")))
changed = comparison[(comparison["status"] == "continued") & (
    comparison["start_shift_months"].fillna(0).ne(0) | comparison["end_shift_months"].fillna(0).ne(0)
    | comparison["old_probability"].ne(comparison["probability"])
)]
st.caption(t("plans.changes") + ": " + number(len(changed), language) + " · Σ " + money(comparison["one_off_max"].sum(min_count=1), language))
