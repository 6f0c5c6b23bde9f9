"""Pure chart builders: frames and a language in, plotly or altair charts out. No Streamlit here."""
from __future__ import annotations

import html

import altair as alt
import pandas as pd
import plotly.graph_objects as go

from components.i18n import currency_symbol, label, labels, money, month_label, month_labels, quarter_label, translate, unknown
from loaders.records import PROBABILITY_CLASSES

PROBABILITY_COLOURS = {
    "certain": "#1b7837",
    "likely": "#7fbc41",
    "uncertain": "#f1a340",
    "unlikely": "#c51b7d",
    "unknown": "#9e9e9e",
}
FONT = dict(family="sans-serif", size=13)  # no remote fonts: the app may run offline


SEPARATORS = {"fi": ",\u00a0", "en": ".,"}  # plotly: decimal mark, then thousands separator


def _plain(values: pd.Series) -> pd.Series:
    """Document text for plotly, which renders tags (<b>, <a href>) in tick labels and hover text: escaped (each
    distinct text once)."""
    distinct = {value: html.escape(value, quote=False) for value in values.dropna().unique() if isinstance(value, str)}
    return values.map(lambda value: distinct.get(value, value) if isinstance(value, str) else value)


def _layout(figure: go.Figure, language: str, height: int | None = None) -> go.Figure:
    figure.update_layout(
        font=FONT, margin=dict(l=10, r=10, t=40, b=10), legend_title_text="", height=height,
        separators=SEPARATORS[language], legend_traceorder="normal",
    )
    return figure


# d3 number formats for Vega-Lite: Finnish uses a decimal comma and a (non-breaking) space between thousands.
ALTAIR_LOCALES = {
    "fi": {"decimal": ",", "thousands": "\u00a0", "grouping": [3], "currency": ["", "\u00a0€"]},
    "en": {"decimal": ".", "thousands": ",", "grouping": [3], "currency": ["€", ""]},
}


def _localised(chart: alt.Chart, language: str) -> alt.Chart:
    return chart.configure(locale={"number": ALTAIR_LOCALES[language]})


def probability_bar(counts: pd.DataFrame, language: str) -> alt.Chart:
    """Projects per probability class as a horizontal bar, classes in their fixed order and colours."""
    frame = counts.assign(label=[label("probability", value, language) for value in counts["probability_class"]])
    order = [label("probability", value, language) for value in PROBABILITY_CLASSES]
    chart = (
        alt.Chart(frame)
        .mark_bar()
        .encode(
            x=alt.X("projects:Q", title=translate("col.projects", language)),
            y=alt.Y("label:N", sort=order, title=None, axis=alt.Axis(labelOverlap=False, labelLimit=200)),
            color=alt.Color(
                "label:N",
                scale=alt.Scale(domain=order, range=[PROBABILITY_COLOURS[value] for value in PROBABILITY_CLASSES]),
                legend=None,
            ),
            tooltip=[alt.Tooltip("label:N", title=translate("probability.class", language)), "projects:Q"],
        )
        .properties(height=210)
    )
    return _localised(chart, language)


def area_bar(frame: pd.DataFrame, value: str, language: str, title_key: str, money_axis: bool = False,
             currency: str = "EUR") -> alt.Chart:
    """A small horizontal bar per service area; a money axis names its currency."""
    data = frame.assign(area=frame["service_area"].replace("", translate("area.none", language)))
    title = translate(title_key, language) + (f" ({currency_symbol(currency, language)})" if money_axis else "")
    chart = (
        alt.Chart(data)
        .mark_bar(color="#2b6cb0")
        .encode(
            x=alt.X(f"{value}:Q", title=title, axis=alt.Axis(format=",.0f" if money_axis else "d")),
            y=alt.Y("area:N", sort="-x", title=None, axis=alt.Axis(labelOverlap=False, labelLimit=220)),
            tooltip=[alt.Tooltip("area:N", title=translate("col.service_area", language)), alt.Tooltip(f"{value}:Q", format=",.0f")],
        )
        .properties(height=alt.Step(26))  # a bar's height does not depend on how many areas there are
    )
    return _localised(chart, language)


GANTT_MAX_ROWS = 300  # more bars than this are unreadable on a meeting screen
GANTT_TITLE_CHARACTERS = 60  # the rest is in the hover text


def gantt_groups(projects: pd.DataFrame, group_by: str, language: str) -> pd.Series:
    """The group each project is drawn in. Areas of different organisations are different groups even when
    they share a name (two cities' 'Sivistystoimi'), and a plan is named as people name it."""
    if group_by == "probability_class":
        return pd.Series(labels("probability", projects["probability_class"], language), index=projects.index)
    if group_by == "responsible_class":
        return pd.Series(labels("responsible", projects["responsible_class"], language), index=projects.index)
    if group_by == "plan_title" and "plan_name" in projects:
        return projects["plan_name"].fillna("").replace("", translate("area.none", language))
    groups = projects[group_by].fillna("").replace("", translate("area.none", language))
    organisations = projects["organisation"].fillna("")
    if organisations.nunique() > 1:
        groups = organisations.where(organisations == "", organisations + " · ") + groups
    return groups


def gantt(projects: pd.DataFrame, group_by: str, today: pd.Timestamp, language: str,
          x_range: tuple[pd.Timestamp, pd.Timestamp] | None = None, max_rows: int = GANTT_MAX_ROWS,
          height: int | None = None) -> go.Figure:
    """One bar per project from its start month to the end of its end month, grouped, coloured by class.
    At most `max_rows` bars: the caller says how many were left out. A bar that runs past `x_range` ends in an
    arrow with the year it reaches, so a plan to 2040 neither squashes the rest nor seems to end at the edge."""
    frame = projects[projects["start"].notna()].copy()
    frame["group"] = gantt_groups(frame, group_by, language)
    frame = frame.sort_values(["group", "start", "code"]).head(max_rows)
    frame["finish"] = frame["end"].fillna(frame["start"]) + pd.offsets.MonthEnd(1) + pd.Timedelta(days=1)
    frame = frame.sort_values(["group", "start", "code"], ascending=[False, False, False])
    titles = frame["title"].astype(str)
    limit = GANTT_TITLE_CHARACTERS
    frame["row"] = _plain(frame["code"].fillna("") + " " + titles.where(titles.str.len() <= limit,
                                                                          titles.str.slice(0, limit - 1) + "…"))
    frame["group"] = _plain(frame["group"])
    figure = go.Figure()
    # An invisible first trace fixes the row order (plotly puts the first category at the bottom).
    figure.add_trace(go.Bar(
        base=frame["start"], x=[0] * len(frame), y=[frame["group"].tolist(), frame["row"].tolist()], orientation="h",
        showlegend=False, hoverinfo="skip", marker_color="rgba(0,0,0,0)",
    ))
    for klass in PROBABILITY_CLASSES:
        part = frame[frame["probability_class"] == klass]
        if part.empty:
            continue
        figure.add_trace(
            go.Bar(
                base=part["start"],
                x=(part["finish"] - part["start"]).dt.total_seconds() * 1000,
                y=[part["group"].tolist(), part["row"].tolist()],  # two-level axis: group, then project
                orientation="h",
                name=label("probability", klass, language),
                marker_color=PROBABILITY_COLOURS[klass],
                customdata=list(zip(
                    _plain(part["code"]), _plain(part["title"]), _plain(part["schedule_text"].fillna("")),
                    _plain(part["responsible_text"].fillna("—")),
                    month_labels(part["start"], language).fillna(unknown(language)),
                    month_labels(part["end"], language).fillna(unknown(language)),
                )),
                hovertemplate=(
                    "<b>%{customdata[0]} %{customdata[1]}</b><br>%{customdata[4]} – %{customdata[5]}"
                    f"<br>{translate('col.schedule_text', language)}: %{{customdata[2]}}"
                    f"<br>{translate('col.responsible', language)}: %{{customdata[3]}}<extra></extra>"
                ),
            )
        )
    if x_range is not None:
        _mark_clipped_bars(figure, frame, x_range, language)
        figure.update_xaxes(range=list(x_range))
    rows = len(frame)
    figure.update_yaxes(automargin=True, title=None, categoryorder="trace")
    figure.update_xaxes(type="date", title=None, side="top")
    figure.add_vline(x=today, line_width=2, line_dash="dash", line_color="#333")
    figure.add_annotation(x=today, y=0, yref="paper", text=translate("schedule.today", language), showarrow=False, yanchor="top")
    figure.update_layout(barmode="overlay", legend=dict(orientation="h", y=-0.06), hoverlabel=dict(align="left"))
    return _layout(figure, language, height=height or max(320, 24 * rows + 140))


def _mark_clipped_bars(figure: go.Figure, frame: pd.DataFrame, x_range: tuple[pd.Timestamp, pd.Timestamp],
                       language: str) -> None:
    """Text at the edge of the axis for bars that run past it: '2040 →' on the right, '← 2019' on the left."""
    low, high = pd.Timestamp(x_range[0]), pd.Timestamp(x_range[1])
    for side, clipped, at, text, position in (
        ("right", frame[frame["finish"] > high], high, lambda part: part["end"].fillna(part["start"]).dt.year.astype(str) + " →",
         "middle left"),
        ("left", frame[frame["start"] < low], low, lambda part: "← " + part["start"].dt.year.astype(str), "middle right"),
    ):
        if clipped.empty:
            continue
        figure.add_trace(go.Scatter(
            x=[at] * len(clipped), y=[clipped["group"].tolist(), clipped["row"].tolist()], mode="text",
            text=text(clipped).tolist(), textposition=position, showlegend=False,
            textfont=dict(size=12, color="#000"), hoverinfo="skip", name=side,
        ))


def cost_ranges(by_area: pd.DataFrame, kind: str, language: str, currency: str = "EUR") -> go.Figure:
    """Min–max range per service area: a solid bar to the minimum and a lighter one up to the maximum."""
    frame = by_area[by_area[f"{kind}_max"].notna()].copy()
    frame["area"] = _plain(frame["service_area"].replace("", translate("area.none", language)))
    frame = frame.sort_values(f"{kind}_max")
    low, high = frame[f"{kind}_min"].fillna(0), frame[f"{kind}_max"]
    figure = go.Figure()
    figure.add_trace(go.Bar(
        y=frame["area"], x=low, orientation="h", name=translate("costs.series.min", language), marker_color="#2b6cb0",
        customdata=[money(value, language, currency) for value in frame[f"{kind}_min"]], hovertemplate="%{y}: %{customdata}<extra></extra>",
    ))
    figure.add_trace(go.Bar(
        y=frame["area"], x=high - low, base=low, orientation="h", name=translate("costs.series.max", language),
        marker_color="#90cdf4", customdata=[money(value, language, currency) for value in high],
        hovertemplate="%{y}: %{customdata}<extra></extra>",
    ))
    figure.update_layout(barmode="overlay", legend=dict(orientation="h", y=-0.2))
    figure.update_xaxes(tickformat=",.0f", ticksuffix="\u00a0" + currency_symbol(currency, language))
    return _layout(figure, language, height=max(220, 40 * len(frame) + 100))


def cost_outlook(outlook: pd.DataFrame, language: str, currency: str = "EUR") -> go.Figure:
    labels = [quarter_label(value, language) for value in outlook["quarter"]]
    figure = go.Figure()
    for column, key, colour in (("one_off", "costs.series.one_off", "#2b6cb0"), ("annual", "costs.series.annual", "#dd6b20")):
        figure.add_trace(go.Bar(
            x=labels, y=outlook[column], name=translate(key, language), marker_color=colour,
            customdata=[money(value, language, currency) for value in outlook[column]], hovertemplate="%{x}: %{customdata}<extra></extra>",
        ))
    figure.update_layout(barmode="stack", legend=dict(orientation="h", y=-0.2))
    figure.update_yaxes(tickformat=",.0f", ticksuffix="\u00a0" + currency_symbol(currency, language))
    return _layout(figure, language, height=340)


def probability_by_area(projects: pd.DataFrame, language: str) -> go.Figure:
    frame = projects.assign(area=_plain(projects["service_area"].fillna("").replace("", translate("area.none", language))))
    table = pd.crosstab(frame["area"], frame["probability_class"]).reindex(columns=list(PROBABILITY_CLASSES), fill_value=0)
    figure = go.Figure()
    for klass in PROBABILITY_CLASSES:
        figure.add_trace(go.Bar(
            y=table.index, x=table[klass], orientation="h", name=label("probability", klass, language),
            marker_color=PROBABILITY_COLOURS[klass],
        ))
    figure.update_layout(barmode="stack", legend=dict(orientation="h", y=-0.15))
    return _layout(figure, language, height=max(260, 34 * len(table) + 120))


def matrix_heatmap(matrix: pd.DataFrame, language: str, currency: str = "EUR") -> go.Figure:
    rows = [label("probability", value, language) for value in matrix.index]
    columns = [translate("probability.band.unknown", language) if value == "unknown" else value for value in matrix.columns]
    figure = go.Figure(go.Heatmap(
        z=matrix.to_numpy(), x=columns, y=rows, colorscale="Blues", text=matrix.to_numpy(), texttemplate="%{text}",
        hovertemplate="%{y} · %{x}: %{z}<extra></extra>", showscale=False,
    ))
    figure.update_yaxes(autorange="reversed")
    figure.update_xaxes(title=translate("probability.cost_band", language) + f" ({currency_symbol(currency, language)})")
    return _layout(figure, language, height=300)


def calibration_chart(table: pd.DataFrame, language: str, reference: pd.DataFrame | None = None) -> go.Figure:
    """The share of each stated class's projects that kept their end, with its 90 % range; the reference class
    beside it in grey when given."""
    figure = go.Figure()
    for frame, name, colour in ((table, translate("calibration.own_short", language), "#2b6cb0"),
                                (reference, translate("calibration.reference_short", language), "#a0aec0")):
        if frame is None or frame.empty:
            continue
        classes = [label("probability", value, language) for value in frame["class"]]
        rate = frame["rate"].to_numpy(dtype=float) * 100
        figure.add_trace(go.Bar(
            x=classes, y=rate, name=name, marker_color=colour,
            error_y=dict(type="data", symmetric=False, array=frame["high"].to_numpy(dtype=float) * 100 - rate,
                         arrayminus=rate - frame["low"].to_numpy(dtype=float) * 100),
            customdata=frame[["n", "kept"]].to_numpy(),
            hovertemplate="%{x}: %{y:.0f} % (%{customdata[1]} / %{customdata[0]})<extra>" + name + "</extra>",
        ))
    figure.update_yaxes(range=[0, 100], title=translate("col.calibration_kept", language) + " (%)")
    figure.update_layout(barmode="group", legend=dict(orientation="h", y=-0.2))
    return _layout(figure, language, height=320)


def milestone_trend(entries: pd.DataFrame, language: str) -> go.Figure:
    """Milestone trend: for each project chain, its planned end (y) as each plan version stated it (x: the plan's
    date). A level line kept its end; a rising one slipped. Entries without a readable end are left out."""
    date_format = "%-m/%Y" if language == "fi" else "%b %Y"
    figure = go.Figure()
    known = entries[entries["end"].notna()].sort_values(["chain_id", "plan_date"])
    for _, chain in known.groupby("chain_id", sort=False):
        latest = chain.iloc[-1]
        name = _plain(pd.Series([f"{latest['code']} {latest['title']}"])).iloc[0][:60]
        figure.add_trace(go.Scatter(
            x=chain["plan_date"], y=chain["end"], mode="lines+markers", name=name,
            customdata=[month_label(value, language) for value in chain["end"]],
            hovertemplate="%{x|" + date_format + "}: %{customdata}<extra>" + name.replace("%", "%%") + "</extra>",
        ))
    figure.update_xaxes(title=translate("history.plan_date", language), tickformat=date_format)
    figure.update_yaxes(title=translate("history.planned_end", language), tickformat=date_format)
    figure.update_layout(legend=dict(orientation="h", y=-0.25), showlegend=len(figure.data) <= 12)
    return _layout(figure, language, height=380)


def drivers_bar(drivers: pd.DataFrame, language: str) -> alt.Chart:
    """Projects per named driver. Projects that name none are not a bar: they would dwarf the rest (the page
    states their number)."""
    drivers = drivers[drivers["driver"] != "none"]
    frame = drivers.assign(label=[label("driver", value, language) for value in drivers["driver"]])
    chart = (
        alt.Chart(frame)
        .mark_bar(color="#6b46c1")
        .encode(
            x=alt.X("projects:Q", title=translate("col.projects", language)),
            y=alt.Y("label:N", sort="-x", title=None, axis=alt.Axis(labelOverlap=False, labelLimit=200)),
            tooltip=["label:N", "projects:Q"],
        )
        .properties(height=alt.Step(28))
    )
    return _localised(chart, language)


def load_heatmap(load: pd.DataFrame, language: str) -> go.Figure:
    """Service area × month heatmap of concurrent projects, the peak cell outlined."""
    table = load.pivot_table(index="service_area", columns="month", values="projects", aggfunc="sum", fill_value=0)
    table.index = [html.escape(area or translate("area.none", language), quote=False) for area in table.index]
    months = [month_label(value, language) for value in table.columns]
    figure = go.Figure(go.Heatmap(
        z=table.to_numpy(), x=months, y=list(table.index), colorscale="YlOrRd", zmin=0,
        hovertemplate="%{y} · %{x}: %{z}<extra></extra>",
        colorbar=dict(title=translate("col.projects", language), dtick=max(1, int(table.to_numpy().max()) // 5 or 1)),
    ))
    if table.to_numpy().size and table.to_numpy().max() > 0:
        peak_row, peak_column = divmod(int(table.to_numpy().argmax()), table.shape[1])
        figure.add_shape(
            type="rect", x0=peak_column - 0.5, x1=peak_column + 0.5, y0=peak_row - 0.5, y1=peak_row + 0.5,
            line=dict(color="#000", width=3), xref="x", yref="y",
        )
    _month_ticks(figure, list(table.columns), language)
    return _layout(figure, language, height=max(260, 36 * len(table.index) + 140))


def month_ticks(months: list, language: str) -> tuple[list[str], list[str]]:
    """Tick positions and texts for a month axis of category labels: every month up to 12, every quarter up to
    four years, then every year, written level (quarters as 'Q1/2024', years as '2024')."""
    stamps = [pd.Timestamp(value) for value in months]
    labels = [month_label(value, language) for value in stamps]
    if len(stamps) <= 12:
        return labels, labels
    if len(stamps) <= 48:
        chosen = [(text, quarter_label(value, language)) for text, value in zip(labels, stamps) if value.month in (1, 4, 7, 10)]
    else:
        chosen = [(text, str(value.year)) for text, value in zip(labels, stamps) if value.month == 1]
    return [position for position, _ in chosen], [text for _, text in chosen]


def _month_ticks(figure: go.Figure, months: list, language: str) -> None:
    positions, texts = month_ticks(months, language)
    figure.update_xaxes(type="category", tickmode="array", tickvals=positions, ticktext=texts, tickangle=0)


def demand_capacity(demand: pd.DataFrame, capacity: float | None, language: str, height: int = 320) -> go.Figure:
    months = [month_label(value, language) for value in demand["month"]]
    over = demand["projects"] > capacity if capacity else pd.Series(False, index=demand.index)
    figure = go.Figure(go.Bar(
        x=months, y=demand["projects"], name=translate("resources.demand_series", language),
        marker_color=["#c53030" if flag else "#2b6cb0" for flag in over],
    ))
    if capacity:
        figure.add_trace(go.Scatter(
            x=months, y=[capacity] * len(months), mode="lines", name=translate("resources.capacity_series", language),
            line=dict(color="#000", dash="dash"),
        ))
    _month_ticks(figure, list(demand["month"]), language)
    figure.update_layout(legend=dict(orientation="h", y=-0.2))
    return _layout(figure, language, height=height)


def load_forecast_lines(frame: pd.DataFrame, language: str, height: int = 320) -> go.Figure:
    """Concurrent IT projects per month (one organisation and service area of data.load_forecast: month, planned,
    p50, p80): the planned ends, and the 50th and 80th percentile of the simulation (P80 dashed)."""
    ordered = frame.sort_values("month", kind="stable")
    months = [month_label(value, language) for value in ordered["month"]]
    figure = go.Figure()
    for column, key, line in (
        ("planned", "resources.forecast_planned", dict(color="#2b6cb0")),
        ("p50", "resources.forecast_p50", dict(color="#dd6b20")),
        ("p80", "resources.forecast_p80", dict(color="#c53030", dash="dash")),
    ):
        name = translate(key, language)
        figure.add_trace(go.Scatter(
            x=months, y=ordered[column].astype("int64").tolist(), mode="lines+markers", name=name, line=line,
            hovertemplate=f"{html.escape(name, quote=False)} · %{{x}}: %{{y}}<extra></extra>",
        ))
    top = int(ordered[["planned", "p50", "p80"]].to_numpy().max()) if len(ordered) else 0
    figure.update_yaxes(title_text=translate("resources.forecast_axis", language), rangemode="tozero",
                        dtick=max(1, top // 5 or 1), tickformat=",d")
    _month_ticks(figure, list(ordered["month"]), language)
    figure.update_layout(legend=dict(orientation="h", y=-0.2))
    return _layout(figure, language, height=height)
