"""Data quality: every parse note, grouped by field and plan, with the source text the loader could not read."""
from __future__ import annotations

import pandas as pd
import streamlit as st

from components import data, downloads, frame, url_state
from components.frame import t
from components.i18n import field_name, note_message, number

selection = frame.selection()
language = frame.language()
st.title(t("page.quality"))

notes = data.parse_notes(selection)
if notes.empty:
    st.info(t("quality.none") if not data.plans().empty else t("common.empty_store"))
    st.stop()

st.write(t("quality.summary", notes=number(len(notes), language), plans=number(notes["plan_key"].nunique(), language)))
fields = sorted(notes["field"].unique())
url_state.restore("note-field", fields, [], multi=True)
chosen = st.multiselect(
    t("quality.field_filter"), fields, key="note-field", placeholder=t("filter.all"),
    format_func=lambda field: field_name(field, language), select_all=False,
)
url_state.mirror("note-field", [], multi=True)
if chosen:
    notes = notes[notes["field"].isin(chosen)]

st.subheader(t("quality.by_field"))
grouped = (
    notes.assign(
        plan=notes["plan_name"],
        field=[field_name(field, language) for field in notes["field"]],
    )
    .pivot_table(index="field", columns="plan", values="note_id", aggfunc="count", fill_value=0)
)
grouped.index.name = t("col.field")
st.dataframe(grouped, width="stretch", key="notes-grouped")

st.subheader(t("quality.all"))
table = pd.DataFrame(
    {
        t("col.plan"): notes["plan_name"],
        t("col.source"): notes["plan_source"],
        t("col.code"): notes["code"],
        t("col.title"): notes["title"],
        t("col.field"): [field_name(field, language) for field in notes["field"]],
        t("col.note_code"): notes["note_code"],
        t("col.message"): [note_message(code, message, language) for code, message in zip(notes["note_code"], notes["message"])],
        t("col.excerpt"): notes["excerpt"],
    }
)
st.dataframe(table, hide_index=True, width="stretch", key="notes-table")
downloads.download_buttons(table, file_stem="jasennyshuomiot", key="notes-download",
                           labels=(t("common.download_csv"), t("common.download_xlsx")))
