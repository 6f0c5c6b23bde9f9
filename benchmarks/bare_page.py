"""A bare Streamlit page: draws what a recorded dashboard page drew (the same number of dataframes and tables
with the same rows and columns, the same number of Altair and plotly charts with as many data rows / traces
and points, metrics, text elements and widgets, lists with as many options), from frames precomputed and pickled by benchmarks/page_speed.py.

It is the floor a page's warm run is compared with: everything here is drawing, nothing is query work. Like a
dashboard page it runs inside a navigation of as many pages (SALKKU_BARE_PAGES, default 10), and a table the page
gave Streamlit as a formatted pandas Styler (numbers shown in the language's format) is drawn as a Styler with a
number format here too: Streamlit renders every cell of a Styler, so that cost is drawing, not page work.
The layout file is named by the SALKKU_BARE_LAYOUT environment variable (a pickle of a list of items).
"""
from __future__ import annotations

import os
import pickle

import altair as alt
import numpy as np
import pandas as pd
import plotly.graph_objects as go
import streamlit as st


def _layout(path: str) -> list[tuple]:
    """The recorded elements with their precomputed frames, unpickled on every run as st.cache_data does."""
    with open(path, "rb") as file:
        return pickle.load(file)


def _frame(rows: int) -> pd.DataFrame:
    return pd.DataFrame({"x": np.arange(rows) % 97, "y": np.arange(rows, dtype=float), "c": np.arange(rows) % 5})


def _altair(rows: int, mark: str) -> alt.Chart:
    chart = alt.Chart(_frame(max(rows, 1)))
    chart = getattr(chart, f"mark_{mark}", chart.mark_bar)()
    return chart.encode(x="x:O", y="y:Q", color="c:N")


def _plotly(traces: list[tuple[str, int]]) -> go.Figure:
    figure = go.Figure()
    for kind, points in traces:
        x, y = list(range(points)), [float(value) for value in range(points)]
        if kind == "heatmap":
            figure.add_trace(go.Heatmap(z=[y], x=x))
        elif kind == "scatter":
            figure.add_trace(go.Scatter(x=x, y=y))
        else:
            figure.add_trace(go.Bar(x=x, y=y))
    return figure


def _styled(frame: pd.DataFrame):  # noqa: ANN202
    numeric = [column for column in frame.columns if pd.api.types.is_numeric_dtype(frame[column])]
    return frame.style.format(precision=0, thousands="\u00a0", decimal=",", subset=numeric or None, na_rep="")


def draw() -> None:
    for number, item in enumerate(_layout(os.environ["SALKKU_BARE_LAYOUT"])):
        kind = item[0]
        if kind == "dataframe":
            st.dataframe(item[1], key=f"df-{number}")
        elif kind == "styled_dataframe":
            st.dataframe(_styled(item[1]), key=f"df-{number}")
        elif kind == "table":
            st.table(item[1])
        elif kind == "altair":
            st.altair_chart(_altair(item[1], item[2]), key=f"alt-{number}")
        elif kind == "plotly":
            st.plotly_chart(_plotly(item[1]), key=f"plotly-{number}")
        elif kind == "metric":
            st.metric(item[1], item[2])
        elif kind == "markdown":
            st.markdown(item[1])
        elif kind == "multiselect":
            st.multiselect(f"multiselect {number}", [f"option {index}" for index in range(item[1])], key=f"ms-{number}")
        elif kind == "selectbox":
            st.selectbox(f"selectbox {number}", [f"option {index}" for index in range(item[1])], key=f"sb-{number}")
        elif kind == "text_input":
            st.text_input(f"text {number}", key=f"ti-{number}")
        elif kind == "number_input":
            st.number_input(f"number {number}", key=f"ni-{number}")
        elif kind == "button":
            st.button(f"button {number}", key=f"b-{number}")
        elif kind == "download_button":
            st.download_button(f"download {number}", lambda: b"", file_name="x.csv", key=f"db-{number}", on_click="ignore")
        elif kind == "toggle":
            st.toggle(f"toggle {number}", key=f"tg-{number}")
        elif kind == "checkbox":
            st.checkbox(f"checkbox {number}", key=f"cb-{number}")
        elif kind == "button_group":
            st.segmented_control(f"choice {number}", ["a", "b"], key=f"bg-{number}")
        elif kind == "expander":
            st.expander(f"expander {number}")
        elif kind == "file_uploader":
            st.file_uploader(f"upload {number}", key=f"fu-{number}")


def main() -> None:
    pages = [st.Page(draw, title="page 0", url_path="page-0", default=True)]
    pages += [st.Page(lambda: None, title=f"page {number}", url_path=f"page-{number}")
              for number in range(1, int(os.environ.get("SALKKU_BARE_PAGES", "10")))]
    st.navigation(pages).run()


main()
