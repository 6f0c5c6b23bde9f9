"""Data quality: how much of each plan is checked, corrections a newer reading contradicts, the review queue
(projects with notes or unknown values first; confirm as read, or open to correct), and every parse note."""
from __future__ import annotations

import pandas as pd
import streamlit as st

from components import access, data, downloads, frame, url_state
from components.corrections import actor, describe, error_text, field_label
from components.frame import t
from components.i18n import field_name, note_message, per_value, percent
from components.text import escape_markdown
from data_model import corrections
from data_model.queries import review_summary

selection = frame.selection()
language = frame.language()
st.title(t("page.quality"))
if "review_result" in st.session_state:
    st.success(st.session_state.pop("review_result"))

queue = data.review_queue(selection)
if queue.empty:
    frame.explain_empty()
can_edit = access.can_edit()

st.subheader(t("review.summary"))
summary = review_summary(queue)
st.dataframe(pd.DataFrame({
    t("col.plan"): summary["plan_name"], t("col.projects"): summary["projects"],
    t("review.values"): summary["values"], t("review.reviewed"): summary["reviewed"],
    t("review.corrected"): summary["corrected"], t("review.open"): summary["open"],
    t("review.share"): [percent(value, language) for value in summary["share"]],
}), hide_index=True, width="stretch", key="review-summary")
st.caption(t("review.summary_help", fields=", ".join(field_label(name) for name in corrections.REVIEW_FIELDS)))

conflicts = data.conflicts(selection)
if not conflicts.empty:
    st.subheader(t("review.conflicts"))
    st.warning(t("review.conflicts_help", count=len(conflicts)))
    st.dataframe(pd.DataFrame({
        t("correction.number"): conflicts["id"], t("col.plan"): conflicts["plan_name"], t("col.code"): conflicts["code"],
        t("projects.field"): [field_label(name) for name in conflicts["field"]],
        t("review.old_read"): [describe(name, value, language) for name, value in zip(conflicts["field"], conflicts["value_read"])],
        t("correction.value"): [describe(name, value, language) for name, value in zip(conflicts["field"], conflicts["value"])],
        t("review.new_read"): [describe(name, value, language) if not isinstance(value, dict) else t("review.project_gone")
                               for name, value in zip(conflicts["field"], conflicts["new_read"])],
        t("correction.reason"): conflicts["reason"],
    }), hide_index=True, width="stretch", key="conflicts", placeholder="")
    if can_edit:
        labels = {int(row.id): f"#{row.id} {row.code} {field_label(row.field)}" for row in conflicts.itertuples()}
        row = st.container(horizontal=True, vertical_alignment="bottom")
        chosen = row.selectbox(t("review.conflict_choose"), list(labels), format_func=labels.get, key="conflict-choice")
        keep, drop = row.button(t("review.keep"), key="conflict-keep"), row.button(t("review.drop"), key="conflict-drop")
        if keep or drop:
            if not access.allowed("editor"):
                access.refuse()
            try:
                (corrections.apply_conflict if keep else corrections.undo)(data.engine(), int(chosen), actor=actor())
            except corrections.CorrectionError as error:
                st.error(error_text(error, language))
            else:
                data.invalidate()
                st.session_state["review_result"] = t("review.kept" if keep else "review.dropped", number=chosen)
                st.rerun()

st.subheader(t("review.queue"))
st.caption(t("review.queue_help"))
queue_table = data.view("quality.queue", (selection, language), lambda: pd.DataFrame({
    t("col.plan"): queue["plan_name"], t("col.code"): queue["code"], t("col.title"): queue["title"],
    t("col.notes"): queue["note_count"],
    t("review.unknown"): per_value(queue["unknown"], text=lambda value: ", ".join(field_label(name) for name in value.split(",") if name)),
    t("review.reviewed"): [f"{done}/{total}" for done, total in zip(queue["reviewed"], queue["values"])],
    t("review.corrected"): queue["corrected"],
}))
event = st.dataframe(queue_table, hide_index=True, width="stretch", key="review-queue", on_select="rerun",
                     selection_mode="single-row", placeholder="")
rows = event.selection.rows if event and event.selection else []
if rows:
    chosen = queue.iloc[rows[0]]
    st.markdown(f"**{escape_markdown(f'{chosen.code} {chosen.title}')}** · {escape_markdown(chosen.plan_name)}")
    actions = st.container(horizontal=True)
    actions.page_link("pages/projects.py", label=t("review.correct"), icon=":material/edit:",
                      query_params={"project": f"{chosen.plan_key}/{chosen.code}", "plan": chosen.plan_key})
    if can_edit and actions.button(t("review.confirm"), key="review-confirm", type="primary"):
        if not access.allowed("editor"):
            access.refuse()
        confirmed = corrections.confirm(data.engine(), chosen.plan_key, chosen.code, actor=actor())
        data.invalidate()
        st.session_state["review_result"] = t("review.confirmed", count=confirmed, code=escape_markdown(chosen.code))
        st.rerun()

st.subheader(t("quality.notes"))
notes = data.parse_notes(selection)
if notes.empty:
    st.info(t("quality.none"))
    st.stop()
st.write(t("quality.summary", count=len(notes), plans=t("count.in_plans", count=notes["plan_key"].nunique())))
fields = sorted(notes["field"].unique())
url_state.restore("note-field", fields, [], multi=True)
chosen_fields = st.multiselect(
    t("quality.field_filter"), fields, key="note-field", placeholder=t("filter.all"),
    format_func=lambda field: field_name(field, language), select_all=False,
)
url_state.mirror("note-field", [], multi=True)
if chosen_fields:
    notes = notes[notes["field"].isin(chosen_fields)]

st.markdown(f"**{t('quality.by_field')}**")


def note_tables() -> tuple[pd.DataFrame, pd.DataFrame]:
    """Notes counted per field and plan, and every note with its message in words."""
    field_names = per_value(notes["field"], text=lambda field: field_name(field, language))
    grouped = (
        notes.assign(plan=notes["plan_name"], field=field_names)
        .pivot_table(index="field", columns="plan", values="note_id", aggfunc="count", fill_value=0)
    )
    grouped.index.name = t("col.field")
    return grouped, pd.DataFrame(
        {
            t("col.plan"): notes["plan_name"],
            t("col.source"): notes["plan_source"],
            t("col.code"): notes["code"],
            t("col.title"): notes["title"],
            t("col.field"): field_names,
            t("col.note_code"): notes["note_code"],
            t("col.message"): per_value(notes["note_code"], notes["message"],
                                        text=lambda code, message: note_message(code, message, language)),
            t("col.excerpt"): notes["excerpt"],
        }
    )


grouped, table = data.view("quality.notes", (selection, tuple(chosen_fields), language), note_tables)
st.dataframe(grouped, width="stretch", key="notes-grouped")

st.markdown(f"**{t('quality.all')}**")
# The note code stays in the downloads; on screen the message says it in words.
st.dataframe(table, hide_index=True, width="stretch", key="notes-table", column_config={t("col.note_code"): None})
downloads.download_buttons(table, file_stem=t("download.notes"), key="notes-download",
                           labels=(t("common.download_csv"), t("common.download_xlsx")))
