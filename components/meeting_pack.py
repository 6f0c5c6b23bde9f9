"""The Overview's meeting-pack downloads: the pack of the current selection, made only when a button is pressed."""
from __future__ import annotations

from datetime import date

import streamlit as st

from components import data
from components.frame import t
from data_model.export import download_name
from data_model.queries import PortfolioFilter

MIME = {"pdf": "application/pdf",
        "pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation"}


def _pack_bytes(selection: PortfolioFilter, language: str, today: date, form: str) -> bytes:
    from reports.meeting_pack import build_pack, to_pdf, to_pptx

    with data.session() as session:
        pack = build_pack(session, selection, language, today=today)
    return to_pdf(pack) if form == "pdf" else to_pptx(pack)


def download_buttons(selection: PortfolioFilter, language: str, today: date) -> None:
    """Two buttons, PDF and PowerPoint, named by the selection and the date; the pack is built when one is
    pressed, from the selection shown."""
    stem = t("overview.pack_file")
    left, right = st.columns(2)
    for column, form, key in ((left, "pdf", "overview.pack_pdf"), (right, "pptx", "overview.pack_pptx")):
        column.download_button(
            t(key), data=lambda form=form: _pack_bytes(selection, language, today, form),
            file_name=download_name(stem, selection, today, form), mime=MIME[form],
            key=f"meeting-pack-{form}", on_click="ignore", help=t("overview.pack_help"),
        )
