"""The Streamlit buttons that offer a table as CSV and as an Excel workbook (written by data_model.workbook).

Every file says what it holds: its name carries the selection and the date, and the workbook opens with a
cover sheet of the selection. The CSV is in the dialect of the UI language's Excel (data_model.workbook)."""
from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import pandas as pd

from data_model.export import download_cover, download_cover_title, download_name
from data_model.queries import PortfolioFilter
from data_model.workbook import (  # noqa: F401
    CSV_MIME,
    XLSX_MIME,
    neutralise_formula,
    to_csv_bytes,
    to_xlsx_bytes,
)


def _current(selection: PortfolioFilter | None, language: str | None) -> tuple[PortfolioFilter | None, str]:
    """The given selection and language, else the frame's (None outside the frame, e.g. in a bare test app)."""
    import streamlit as st

    from components import frame

    if selection is None:
        found = st.session_state.get(frame.SELECTION_KEY)
        selection = found if isinstance(found, PortfolioFilter) else None
    return selection, language or frame.language()


def file_name(stem: str, extension: str, *, selection: PortfolioFilter | None = None,
              language: str | None = None) -> str:
    """The download's file name: stem, selection (the frame's unless given) and today, e.g.
    `salkku_naantali_tietohallinto_2026-12-03.csv`."""
    from components import frame

    selection, _ = _current(selection, language)
    return download_name(stem, selection, frame.today(), extension)


def download_buttons(
    frame: pd.DataFrame,
    *,
    file_stem: str,
    key: str,
    labels: tuple[str, str] = ("CSV", "Excel"),
    column_formats: Mapping[Any, str] | None = None,
    sheet_name: str = "Data",
    currency_columns: Sequence[Any] = (),
    selection: PortfolioFilter | None = None,
    language: str | None = None,
) -> None:
    """Two download buttons side by side: the frame as CSV and as an Excel workbook, named by the selection and
    the date (the frame's selection and language unless given)."""
    import streamlit as st

    from components import data, frame as page_frame

    selection, language = _current(selection, language)
    day = page_frame.today()
    # The files are built only when a button is clicked (deferred data), not on every rerun;
    # under pandas' copy-on-write a shallow copy keeps later edits of the caller's frame out of the download.
    snapshot = frame.copy(deep=False)
    plans = data.plans()
    names = dict(zip(plans["key"], plans["name"])) if len(plans) else {}

    def csv_data() -> bytes:
        return to_csv_bytes(snapshot, language)

    def xlsx_data() -> bytes:
        cover = None if selection is None else download_cover(selection, day, language, names)
        return to_xlsx_bytes({sheet_name: snapshot}, column_formats=column_formats, currency_columns=currency_columns,
                             cover=cover, cover_title=download_cover_title(language))

    row = st.container(horizontal=True)
    # on_click="ignore": downloading a file need not rerun the whole page.
    row.download_button(
        labels[0], csv_data, file_name=download_name(file_stem, selection, day, "csv"), mime=CSV_MIME,
        key=f"{key}-csv", on_click="ignore",
    )
    row.download_button(
        labels[1], xlsx_data, file_name=download_name(file_stem, selection, day, "xlsx"), mime=XLSX_MIME,
        key=f"{key}-xlsx", on_click="ignore",
    )
