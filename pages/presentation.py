"""Presentation mode: the selection one topic per screen for a meeting room's shared screen; large type, no
sidebar, next and previous by button or arrow key, the topic kept in the URL."""
from __future__ import annotations

import pandas as pd
import streamlit as st

from components import charts, data, filters, frame, style, url_state
from components.frame import t
from components.i18n import (
    label,
    money,
    money_range,
    month_label,
    number,
    quarter_label,
)
from components.text import escape_markdown
from data_model import analytics

TOPICS = ("summary", "schedule", "costs", "probability", "resources", "changes", "review")
TOPIC_TITLES = {"summary": "pack.figures", "schedule": "page.schedule", "costs": "pack.costs",
                "probability": "overview.probability_share", "resources": "pack.load", "changes": "pack.changes",
                "review": "pack.review"}
CHART_HEIGHT = 470  # a 1280 × 720 screen holds the title, the controls and a chart of this height
GANTT_ROWS = 10
TABLE_ROWS = 6
LARGE_FONT = 17

selection = frame.selection()
language = frame.language()
style.presentation()


def _step(offset: int) -> None:
    position = TOPICS.index(st.session_state["topic"])
    st.session_state["topic"] = TOPICS[min(max(position + offset, 0), len(TOPICS) - 1)]


url_state.restore("topic", list(TOPICS), TOPICS[0])
topic = st.session_state["topic"]
position = TOPICS.index(topic)
controls = st.columns([1.3, 1.3, 4, 1.4], vertical_alignment="center")
controls[0].button(t("present.previous"), key="present-previous", on_click=_step, args=(-1,), shortcut="Left",
                   disabled=position == 0, width="stretch", icon=":material/arrow_back:")
controls[1].button(t("present.next"), key="present-next", on_click=_step, args=(1,), shortcut="Right",
                   disabled=position == len(TOPICS) - 1, width="stretch", icon=":material/arrow_forward:",
                   icon_position="right")
controls[2].caption(t("present.position", number=position + 1, total=len(TOPICS),
                      selection=escape_markdown(filters.selection_label(selection, language))))
controls[3].page_link("pages/overview.py", label=t("present.exit"), icon=":material/close:")
# Presentation remotes send Page Down and Page Up: two more buttons, kept off the screen by the stylesheet.
st.button(t("present.next"), key="present-next-page", on_click=_step, args=(1,), shortcut="PageDown")
st.button(t("present.previous"), key="present-previous-page", on_click=_step, args=(-1,), shortcut="PageUp")
url_state.mirror("topic", TOPICS[0])

st.title(t(TOPIC_TITLES[topic]))
projects = data.projects(selection)
if projects.empty:
    frame.explain_empty()
today = frame.today()
costed, currency = filters.currency_choice(projects, selection)


def _large(figure):
    """Axis, legend and bar texts to be read from across a room (set on the axes: Streamlit's chart theme
    replaces the layout's font)."""
    figure.update_layout(font=dict(size=LARGE_FONT), legend=dict(font=dict(size=LARGE_FONT)))
    figure.update_xaxes(tickfont=dict(size=LARGE_FONT))
    figure.update_yaxes(tickfont=dict(size=LARGE_FONT))
    return figure


if topic == "summary":
    figures, costs = data.view("present.figures", (selection, currency, today), lambda: (
        analytics.key_figures(projects, today), analytics.key_figures(costed, today)))
    quarter = quarter_label(figures.next_quarter_start, language)
    row = st.columns(4)
    row[0].metric(t("overview.projects"), number(figures.projects, language), border=True)
    row[1].metric(t("overview.active"), number(figures.active, language), border=True)
    row[2].metric(t("overview.starting", quarter=quarter), number(figures.starting_next_quarter, language), border=True)
    row[3].metric(t("overview.ending", quarter=quarter), number(figures.ending_next_quarter, language), border=True)
    row = st.columns([2, 2, 1])
    row[0].metric(t("overview.one_off"), money_range(costs.one_off_min, costs.one_off_max, language, currency), border=True)
    row[1].metric(t("overview.annual"), money_range(costs.annual_min, costs.annual_max, language, currency), border=True)
    row[2].metric(t("common.cost_not_stated"), number(figures.cost_unknown, language), border=True)
    names = data.plans().set_index("key")["name"]
    shown = [names.get(key, key) for key in projects["plan_key"].unique()]
    st.markdown(escape_markdown(f"{t('pack.plans')}: " + "; ".join(shown)))
elif topic == "schedule":
    scheduled = projects[projects["start"].notna()]
    notes = []
    if scheduled.empty:
        st.info(t("schedule.none_scheduled"))
    else:
        def gantt() -> object:
            span = analytics.timeline_range(scheduled, window_start=selection.window_start,
                                            window_end=selection.window_end, today=today)
            return _large(charts.gantt(scheduled, "service_area", pd.Timestamp(today), language, x_range=span,
                                       max_rows=GANTT_ROWS, height=CHART_HEIGHT - 50))

        st.plotly_chart(data.view("present.gantt", (selection, language, today), gantt), width="stretch",
                        key="present-gantt")
        if len(scheduled) > GANTT_ROWS:
            notes.append(t("pack.schedule_more", count=len(scheduled) - GANTT_ROWS))
    unscheduled = int(projects["start"].isna().sum())
    if unscheduled:
        notes.append(t("pack.schedule_unknown", count=unscheduled))
    if notes:  # one line: a 720-pixel screen has no room for two
        st.caption(" ".join(notes))
elif topic == "costs":
    def cost_charts() -> dict:
        by_area = analytics.cost_by_area(costed)
        if by_area[["one_off_max", "annual_max"]].isna().all().all():
            return {}
        return {kind: _large(charts.cost_ranges(by_area, kind, language, currency).update_layout(height=CHART_HEIGHT - 100))
                for kind in ("one_off", "annual")}

    cost_figures = data.view("present.costs", (selection, currency, language), cost_charts)
    if not cost_figures:
        st.info(t("costs.no_costs"))
    else:
        left, right = st.columns(2)
        for column, kind, heading in ((left, "one_off", "costs.one_off_by_area"), (right, "annual", "costs.annual_by_area")):
            column.subheader(t(heading))
            column.plotly_chart(cost_figures[kind], width="stretch", key=f"present-{kind}")
    st.caption(t("common.cost_not_stated") + ": " + number(int((~costed["cost_known"].astype(bool)).sum()), language))
elif topic == "probability":
    left, right = st.columns([2, 3])
    with left:
        chart = data.view("present.probability", (selection, language), lambda: charts.probability_bar(
            analytics.probability_counts(projects), language).properties(height=CHART_HEIGHT - 80).configure_axis(
            labelFontSize=LARGE_FONT, titleFontSize=LARGE_FONT))
        st.altair_chart(chart, width="stretch")
    with right:
        st.subheader(t("pack.at_risk"))
        risky = projects[projects["probability_class"].isin(["uncertain", "unlikely"])]
        if risky.empty:
            st.write(t("pack.none_at_risk"))
        else:
            risky = risky.sort_values("one_off_max", ascending=False, na_position="last")
            st.table(pd.DataFrame({
                t("col.code"): risky["code"].head(TABLE_ROWS), t("col.title"): risky["title"].head(TABLE_ROWS),
                t("col.probability"): [label("probability", value, language) for value in risky["probability_class"].head(TABLE_ROWS)],
                t("col.one_off_max"): [money(value, language, code) for value, code
                                       in zip(risky["one_off_max"].head(TABLE_ROWS), risky["currency"].head(TABLE_ROWS))],
            }).set_index(t("col.code")))
            if len(risky) > TABLE_ROWS:
                st.caption(t("pack.more_rows", count=len(risky) - TABLE_ROWS))
elif topic == "resources":
    # The same kept frame as the Resources page's IT load (same name and key).
    load = data.view("resources.load", (selection, "it", today), lambda: analytics.monthly_load(projects, analytics.month_range(
        projects, window_start=selection.window_start, window_end=selection.window_end, today=today), "it"))
    if load.empty or load["projects"].sum() == 0:
        st.info(t("pack.no_load"))
    else:
        demand_chart = data.view("present.demand", (selection, language, today), lambda: _large(charts.demand_capacity(
            load.groupby("month", as_index=False)["projects"].sum(), None, language, height=CHART_HEIGHT - 40)))
        st.plotly_chart(demand_chart, width="stretch", key="present-demand")
        peak = load.sort_values(["projects", "month"], ascending=[False, True]).iloc[0]
        st.caption(t("resources.peak", count=int(peak["projects"]), area=escape_markdown(peak["service_area"]) or t("area.none"),
                     month=month_label(peak["month"], language)))
elif topic in ("changes", "review"):
    from reports import meeting_pack

    def section_lines() -> object:
        with data.session() as session:
            return (meeting_pack.changes_section(session, projects, data.plans(), language) if topic == "changes"
                    else meeting_pack.review_section(session, selection, language))

    section = data.view("present.section", (selection, topic, language), section_lines)
    for line in section.lines:
        st.markdown(f"- {escape_markdown(line)}")
