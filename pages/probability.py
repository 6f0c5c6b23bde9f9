"""Probability of completion: classes per area, what sits in risky projects, class × cost, drivers, expected value."""
from __future__ import annotations

import pandas as pd
import streamlit as st

from components import charts, data, downloads, filters, frame, url_state
from components.frame import t
from components.i18n import (
    label,
    labels,
    money,
    money_table,
    month_labels,
    number,
    percent,
    unknown,
)
from components.text import escape_markdown
from data_model import analytics

selection = frame.selection()
language = frame.language()
st.title(t("page.probability"))

projects = data.projects(selection)
if projects.empty:
    frame.explain_empty()

costed, currency = filters.currency_choice(projects, selection)


def calibration_rows(table: pd.DataFrame) -> pd.DataFrame:
    """The calibration table as the page shows it: the class by name, shares and ranges as percentages."""
    return pd.DataFrame({
        t("probability.class"): [label("probability", value, language) for value in table["class"]],
        t("col.calibration_n"): [number(value, language) for value in table["n"]],
        t("col.calibration_kept"): [number(value, language) for value in table["kept"]],
        t("col.calibration_rate"): [percent(value, language) for value in table["rate"]],
        t("col.calibration_interval"): [f"{percent(low, language)}–{percent(high, language)}"
                                        for low, high in zip(table["low"], table["high"])],
        t("col.calibration_slip"): ["" if pd.isna(value) else number(value, language, 1 if value % 1 else 0)
                                    for value in table["median_slip_months"]],
    })


# The calibrated view leads: what "likely" has meant in the organisation's own plan history.
organisations = sorted(projects["organisation"].dropna().unique().tolist())
if organisations:
    st.subheader(t("calibration.heading"))
    url_state.restore("cal-org", organisations, organisations[0])
    if len(organisations) > 1:
        st.selectbox(t("calibration.organisation"), organisations, key="cal-org")
    url_state.mirror("cal-org", organisations[0])
    organisation = st.session_state.get("cal-org") or organisations[0]
    past = data.history(organisation)
    if past.own.empty and past.reference.empty:
        st.info(t("calibration.none"))
    else:
        others = escape_markdown(", ".join(past.reference_organisations))
        reference = past.reference if past.thin and not past.reference.empty else None
        if past.own.empty:
            st.info(t("calibration.none"))
        elif reference is not None:
            st.caption(t("calibration.thin", count=past.own_pairs, others=others))
        elif past.thin:
            st.caption(t("calibration.thin_alone", count=past.own_pairs))
        chart = data.view("probability.calibration", (organisation, language),
                          lambda: charts.calibration_chart(past.own, language, reference))
        st.plotly_chart(chart, width="stretch", key="calibration-chart")
        if not past.own.empty:
            st.markdown(f"**{t('calibration.own', organisation=escape_markdown(organisation))}**")
            st.dataframe(calibration_rows(past.own), hide_index=True, width="stretch", key="calibration-own")
        if reference is not None:
            st.markdown(f"**{t('calibration.reference', others=others)}**")
            st.dataframe(calibration_rows(reference), hide_index=True, width="stretch", key="calibration-reference")
        st.caption(t("calibration.help"))

st.header(t("probability.stated"))


def probability_charts() -> dict:
    drivers = projects["probability_driver"].fillna("none").value_counts().rename_axis("driver").reset_index(name="projects")
    return {
        "by_area": charts.probability_by_area(projects, language),
        "matrix": charts.matrix_heatmap(analytics.probability_cost_matrix(costed), language, currency),
        "drivers": charts.drivers_bar(drivers, language) if (drivers["driver"] != "none").any() else None,
        "drivers_none": int(drivers.loc[drivers["driver"] == "none", "projects"].sum()),
    }


shown_charts = data.view("probability.charts", (selection, currency, language), probability_charts)
st.subheader(t("probability.by_area"))
st.plotly_chart(shown_charts["by_area"], width="stretch", key="probability-by-area")

risky = projects[projects["probability_class"].isin(["uncertain", "unlikely"])]
risky_costed = costed[costed["probability_class"].isin(["uncertain", "unlikely"])]
st.subheader(t("probability.at_risk"))
row = st.columns(3)
row[0].metric(t("probability.at_risk_projects"), number(len(risky), language), border=True)
row[1].metric(
    t("probability.at_risk_cost"),
    money(risky_costed["one_off_max"].sum(min_count=1), language, currency),
    border=True,
    help=t("common.count_unknown", count=int((~risky_costed["cost_known"].astype(bool)).sum())),
)
row[2].metric(t("probability.at_risk_it"), number(int(risky["needs_it"].sum()), language), border=True)

left, right = st.columns(2)
with left:
    st.subheader(t("probability.matrix"))
    st.plotly_chart(shown_charts["matrix"], width="stretch", key="matrix")
with right:
    st.subheader(t("probability.drivers"))
    if shown_charts["drivers"] is not None:
        st.altair_chart(shown_charts["drivers"], width="stretch")
    if shown_charts["drivers_none"]:
        st.caption(t("probability.drivers_none", count=shown_charts["drivers_none"]))

st.subheader(t("probability.mapping"))
st.caption(t("probability.mapping_help"))
columns = st.columns(4)
mapping = {
    klass: columns[index].number_input(
        label("probability", klass, language), min_value=0.0, max_value=1.0, step=0.05,
        value=analytics.DEFAULT_CLASS_PROBABILITY[klass], key=f"p-{klass}", bind="query-params",
    )
    for index, klass in enumerate(["certain", "likely", "uncertain", "unlikely"])
}
expected, left_out = analytics.expected_one_off(costed, mapping)
st.metric(t("probability.expected"), money(expected, language, currency), border=True)
if left_out:
    st.caption(t("probability.expected_unknown", count=left_out))

def project_tables() -> tuple[pd.DataFrame, object]:
    """Each project with its stated class, the mapping's figure and the simulated P50/P80 ends; as downloaded and
    as shown (kept per selection, language and mapping)."""
    forecast = projects[["entry_id"]].merge(data.end_forecast(selection), on="entry_id", how="left")
    table = pd.DataFrame(
        {
            t("col.organisation"): projects["organisation"],
            t("col.service_area"): projects["service_area"],
            t("col.code"): projects["code"],
            t("col.title"): projects["title"],
            t("col.probability"): labels("probability", projects["probability_class"], language),
            t("col.driver"): labels("driver", projects["probability_driver"], language),
            t("probability.value"): projects["probability_class"].map(mapping),
            t("col.one_off_max"): projects["one_off_max"],
            t("col.currency"): projects["currency"],
            t("col.p50_end"): month_labels(forecast["p50_end"], language),
            t("col.p80_end"): month_labels(forecast["p80_end"], language),
            t("col.forecast_basis"): labels("forecast.basis", forecast["basis"].fillna("none"), language),
            t("col.source_text"): projects["probability_text"],
        }
    )
    display, _ = money_table(table, {t("col.one_off_max"): projects["currency"]}, language)
    return table, display


table, display = data.view("probability.projects", (selection, language, tuple(sorted(mapping.items()))), project_tables)
st.caption(t("forecast.help"))
st.dataframe(display, hide_index=True, width="stretch", key="probability-table",
             placeholder=unknown(language))
downloads.download_buttons(
    table, file_stem=t("download.probability"), key="probability-download",
    labels=(t("common.download_csv"), t("common.download_xlsx")), column_formats={t("col.one_off_max"): "money"},
    currency_columns=(t("col.currency"),),
)
