"""Import: upload plan documents, preview what was read and every note, then confirm; all land or none."""
from __future__ import annotations

import pandas as pd
import streamlit as st

from components import data, downloads, export, frame, sheet_mapping
from components.frame import t
from components.i18n import field_name, label, note_message
from data_model import store
from loaders import is_sheet, load_document_bytes, mapping, sheets
from loaders.errors import LoaderError

frame.require_frame()
language = frame.language()
st.title(t("page.import"))
st.caption(t("import.hint"))

with st.expander(t("sheet.template")):
    st.download_button(t("sheet.template_download"), lambda: export.template_workbook(language),
                       file_name="salkku_pohja.xlsx" if language == "fi" else "salkku_template.xlsx",
                       mime=downloads.XLSX_MIME, key="template-download", on_click="ignore")

uploads = st.file_uploader(
    t("import.upload"), type=["txt", "md", "docx", "pdf", "xlsx", "xlsm", "csv", "tsv"], accept_multiple_files=True,
    key="uploads",
)
left, right = st.columns(2)
organisation = left.text_input(t("import.organisation"), key="import-organisation").strip() or None
period = right.text_input(t("import.period"), key="import-period").strip() or None

if "import_result" in st.session_state:
    kind, message = st.session_state.pop("import_result")
    (st.success if kind == "ok" else st.error)(message)

if not uploads:
    st.stop()

parsed, failed = [], []
for number, upload in enumerate(uploads):
    try:
        if is_sheet(upload.name):
            table = sheets.read_sheet(upload.name, upload.getvalue())
            table = mapping.template_table(upload.name, upload.getvalue(), table)  # past a cover sheet
            st.caption(t("sheet.read", name=upload.name, records=len(table.rows), where=table.header_row,
                         layout=t("sheet.transposed") if table.transposed else "",
                         encoding=f", {table.encoding}" if table.encoding else ""))
            with st.expander(t("sheet.profile") + f": {upload.name}", expanded=True):
                ratings = sheet_mapping.distinct_ratings(table)
                profile = sheet_mapping.mapping_editor(table.headers, ratings, key=f"map-{number}")
            if profile.read:
                table = sheets.read_sheet(upload.name, upload.getvalue(), **profile.read)
            parsed.extend(mapping.apply_profile(table, profile, data=upload.getvalue(), organisation=organisation, period=period))
        else:
            parsed.append(load_document_bytes(upload.name, upload.getvalue(), organisation=organisation, period=period))
    except LoaderError as error:
        failed.append((upload.name, error))
    except ValueError as error:  # a mapping that names no title column
        failed.append((upload.name, LoaderError(upload.name, str(error))))

for name, error in failed:
    where = f" ({error.location})" if error.location else ""
    st.error(t("import.file_error", name=name, error=t(f"error.{type(error).__name__}") + where) + f" — {error.message}")

for plan in parsed:
    notes = sum(len(project.notes) for project in plan.projects) + len(plan.notes)
    with st.expander(t("import.preview", name=plan.source_name), expanded=len(parsed) == 1):
        st.write(t("import.file_ok", name=plan.source_name, organisation=plan.organisation or "?", period=plan.period or "?",
                   projects=len(plan.projects), notes=notes))
        if plan.kind == "strategy":
            st.write(t("import.themes", count=len(plan.themes)))
        preview = pd.DataFrame(
            [
                {
                    t("col.code"): project.code,
                    t("col.title"): project.title,
                    t("col.service_area"): project.service_area,
                    t("col.start"): project.schedule.start or "—",
                    t("col.end"): project.schedule.end or "—",
                    t("col.probability"): label("probability", project.probability.probability_class, language),
                    t("col.responsible"): project.responsible.text,
                    t("col.cost_text"): project.costs.text if project.costs else None,
                    t("col.notes"): len(project.notes),
                }
                for project in plan.projects
            ]
        )
        st.dataframe(preview, hide_index=True, width="stretch", key=f"preview-{plan.source_name}")
        note_rows = [
            {t("col.code"): project.code, t("col.field"): field_name(note.field, language),
             t("col.message"): note_message(note.code, note.message, language), t("col.excerpt"): note.excerpt}
            for project in plan.projects for note in project.notes
        ] + [{t("col.code"): "—", t("col.field"): field_name(note.field, language),
              t("col.message"): note_message(note.code, note.message, language), t("col.excerpt"): note.excerpt}
             for note in plan.notes]
        if note_rows:
            st.dataframe(pd.DataFrame(note_rows), hide_index=True, width="stretch", key=f"notes-{plan.source_name}")

if failed:
    st.warning(t("import.blocked"))
    st.stop()

if st.button(t("import.confirm"), type="primary", key="import-confirm"):
    try:
        summary = store.import_plans(data.engine(), parsed, [plan.source_name for plan in parsed])
    except Exception as error:  # the transaction rolled back; the store is as it was
        st.session_state["import_result"] = ("error", t("import.failed", error=str(error)))
    else:
        data.invalidate()
        st.session_state["import_result"] = (
            "ok", t("import.done", plans=len(summary.plans), projects=summary.projects, notes=summary.notes)
        )
    st.rerun()
