"""Schedule: a portfolio Gantt grouped and coloured by probability, with the unscheduled projects beside it."""
from __future__ import annotations

import pandas as pd
import streamlit as st

from components import charts, data, downloads, frame, url_state
from components.frame import t
from components.i18n import labels, month_labels, unknown
from data_model import analytics

selection = frame.selection()
language = frame.language()
st.title(t("page.schedule"))

projects = data.projects(selection)
if projects.empty:
    frame.explain_empty()

groupings = ["service_area", "plan_title", "responsible_class", "probability_class"]
group_names = {"service_area": "schedule.group.service_area", "plan_title": "schedule.group.plan",
               "responsible_class": "schedule.group.responsible", "probability_class": "schedule.group.probability"}
url_state.restore("gantt-group", groupings, "service_area")
group_by = st.segmented_control(
    t("schedule.group_by"), groupings, required=True, key="gantt-group", format_func=lambda value: t(group_names[value]),
)
url_state.mirror("gantt-group", "service_area")


def schedule_parts() -> dict:
    """The Gantt of the scheduled projects and the table of the others (kept per selection, grouping, language, day)."""
    scheduled = projects[projects["start"].notna()]
    unscheduled = projects[projects["start"].isna()]
    parts = {"scheduled": len(scheduled), "gantt": None, "unscheduled": None}
    if len(scheduled):
        # The window, else the portfolio's span clipped around today (one plan runs to 2040: its bar ends in an arrow).
        span = analytics.timeline_range(scheduled, window_start=selection.window_start,
                                        window_end=selection.window_end, today=frame.today())
        parts["gantt"] = charts.gantt(scheduled, group_by, pd.Timestamp(frame.today()), language, x_range=span)
    if len(unscheduled):
        parts["unscheduled"] = pd.DataFrame({
            t("col.organisation"): unscheduled["organisation"], t("col.code"): unscheduled["code"],
            t("col.title"): unscheduled["title"],
            t("col.schedule_text"): unscheduled["schedule_text"].fillna(unknown(language))})
    return parts


parts = data.view("schedule.parts", (selection, group_by, language, frame.today()), schedule_parts)
if parts["gantt"] is None:
    st.info(t("schedule.none_scheduled"))
else:
    st.plotly_chart(parts["gantt"], width="stretch", key="gantt")
    st.caption(t("schedule.open_note"))
    if parts["scheduled"] > charts.GANTT_MAX_ROWS:
        st.warning(t("schedule.too_many", shown=charts.GANTT_MAX_ROWS, total=parts["scheduled"]))

# Below the chart, at full width: beside it, the titles and the schedule texts were cut.
st.subheader(t("schedule.unscheduled"))
if parts["unscheduled"] is None:
    st.write(t("schedule.unscheduled_none"))
else:
    st.dataframe(parts["unscheduled"], hide_index=True, width="stretch", key="unscheduled")

st.subheader(t("schedule.table"))


def schedule_tables() -> tuple[pd.DataFrame, pd.DataFrame]:
    """The table as shown (months by the language) and as downloaded (months as YYYY-MM)."""
    shown = pd.DataFrame({
        t("col.organisation"): projects["organisation"],
        t("col.service_area"): projects["service_area"],
        t("col.code"): projects["code"],
        t("col.title"): projects["title"],
        t("col.schedule_text"): projects["schedule_text"],
        t("col.start"): month_labels(projects["start"], language),
        t("col.end"): month_labels(projects["end"], language),
        t("col.probability"): labels("probability", projects["probability_class"], language),
        t("col.responsible"): projects["responsible_text"],
    })
    return shown, shown.assign(**{t("col.start"): projects["start"].dt.strftime("%Y-%m"),
                                  t("col.end"): projects["end"].dt.strftime("%Y-%m")})


table, export = data.view("schedule.tables", (selection, language), schedule_tables)
st.dataframe(table, hide_index=True, width="stretch", key="schedule-table", placeholder=unknown(language))
downloads.download_buttons(
    export, file_stem=t("download.schedule"), key="schedule-download",
    labels=(t("common.download_csv"), t("common.download_xlsx")),
    column_formats={t("col.start"): "month", t("col.end"): "month"},
)
