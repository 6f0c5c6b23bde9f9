"""The Streamlit buttons that offer a table as CSV and as an Excel workbook (written by data_model.workbook)."""
from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import pandas as pd

from data_model.workbook import CSV_MIME, XLSX_MIME, neutralise_formula, to_csv_bytes, to_xlsx_bytes  # noqa: F401


def download_buttons(
    frame: pd.DataFrame,
    *,
    file_stem: str,
    key: str,
    labels: tuple[str, str] = ("CSV", "Excel"),
    column_formats: Mapping[Any, str] | None = None,
    sheet_name: str = "Data",
    currency_columns: Sequence[Any] = (),
) -> None:
    """Two download buttons side by side: the frame as CSV and as an Excel workbook."""
    import streamlit as st

    # The files are built only when a button is clicked (deferred data), not on every rerun;
    # the copy keeps later in-place edits of the caller's frame out of the download.
    snapshot = frame.copy()

    def csv_data() -> bytes:
        return to_csv_bytes(snapshot)

    def xlsx_data() -> bytes:
        return to_xlsx_bytes({sheet_name: snapshot}, column_formats=column_formats, currency_columns=currency_columns)

    row = st.container(horizontal=True)
    # on_click="ignore": downloading a file need not rerun the whole page.
    row.download_button(
        labels[0], csv_data, file_name=f"{file_stem}.csv", mime=CSV_MIME, key=f"{key}-csv", on_click="ignore"
    )
    row.download_button(
        labels[1], xlsx_data, file_name=f"{file_stem}.xlsx", mime=XLSX_MIME, key=f"{key}-xlsx", on_click="ignore"
    )
