"""Import: upload plan documents and sheets, preview what was read, every note and what would be replaced, then
confirm; all files land or none, and the summary counts what the store holds afterwards."""
from __future__ import annotations

import os

import pandas as pd
import streamlit as st

from components import access, data, downloads, export, frame, sheet_mapping
from components import uploads as held_uploads
from components.frame import t
from components.i18n import TEXTS, date_label, field_name, label, note_message
from components.text import escape_markdown
from data_model import store
from data_model.db import StoreBusyError
from loaders import is_sheet, load_document_bytes
from loaders.errors import LoaderError
from loaders.sheets.importing import import_sheet

MAX_FILES = int(os.environ.get("SALKKU_MAX_UPLOAD_FILES", 10))
MAX_TOTAL_MB = int(os.environ.get("SALKKU_MAX_UPLOAD_MB", 60))

frame.require_frame()
language = frame.language()
st.title(t("page.import"))
access.editors_only()  # a viewer gets no uploader at all
st.caption(t("import.hint"))

with st.expander(t("sheet.template")):
    st.download_button(t("sheet.template_download"), lambda: export.template_workbook(language),
                       file_name="salkku_pohja.xlsx" if language == "fi" else "salkku_template.xlsx",
                       mime=downloads.XLSX_MIME, key="template-download", on_click="ignore")

# After a save (or "clear") the files are released and the uploader gets a new key, so it starts empty.
held_uploads.sweep()
generation = st.session_state.setdefault("uploads-generation", 0)


def _error_text(error: LoaderError) -> str:
    where = f" ({escape_markdown(error.location)})" if error.location else ""
    key = f"error.{type(error).__name__}"
    lead = t(key) if key in TEXTS else t("error.LoaderError")
    return t("import.file_error", name=escape_markdown(error.source), error=lead + where) + " — " + escape_markdown(error.message)


def _review_and_import() -> None:
    """Everything that holds the uploaded files, in one function: its variables go when the run ends. Left at the
    page's top level they would stay referenced by the page's module until the next run, and by Streamlit's
    `__main__` module until any other run, with the whole upload in memory."""
    uploads = st.file_uploader(
        t("import.upload"), type=["txt", "md", "docx", "pdf", "xlsx", "xlsm", "csv", "tsv"],
        accept_multiple_files=True, key=f"uploads-{generation}", help=t("import.limits", files=MAX_FILES, total=MAX_TOTAL_MB),
    )
    left, right = st.columns(2)
    organisation = left.text_input(t("import.organisation"), key="import-organisation").strip() or None
    period = right.text_input(t("import.period"), key="import-period").strip() or None

    if "import_result" in st.session_state:
        kind, message = st.session_state.pop("import_result")
        (st.success if kind == "ok" else st.error)(message)

    if not uploads:
        st.stop()

    def _clear() -> None:
        held_uploads.release(st.session_state.get(f"uploads-{generation}") or [])
        st.session_state["uploads-generation"] = generation + 1

    st.button(t("import.clear"), key="import-clear", on_click=_clear)
    total = sum(upload.size for upload in uploads)
    if len(uploads) > MAX_FILES or total > MAX_TOTAL_MB * 1024 * 1024:
        st.error(t("import.too_many", count=len(uploads), size=f"{total / 1024 / 1024:.1f}", files=MAX_FILES,
                   total=MAX_TOTAL_MB))
        st.stop()

    parsed, failed = [], []
    for number, upload in enumerate(uploads):
        try:
            if is_sheet(upload.name):
                sheet = import_sheet(upload.name, upload.getvalue(), organisation=organisation, period=period,
                                     choose_profile=sheet_mapping.profile_chooser(upload.name, key=f"map-{number}"))
                if sheet.salkku:  # Salkku's own export: read back whole, no mapping
                    st.caption(t("sheet.salkku_workbook", name=escape_markdown(upload.name)))
                parsed.extend(sheet.plans)
            else:
                parsed.append(load_document_bytes(upload.name, upload.getvalue(), organisation=organisation, period=period))
        except LoaderError as error:
            failed.append(error)

    for error in failed:
        st.error(_error_text(error))
    unnamed = [plan for plan in parsed if not plan.organisation]
    for plan in unnamed:  # caught here, before the save button, in the user's words
        st.error(t("import.no_organisation", name=escape_markdown(plan.source_name)))

    for plan in parsed:
        notes = sum(len(project.notes) for project in plan.projects) + len(plan.notes)
        with st.expander(t("import.preview", name=escape_markdown(f"{plan.source_name} · {plan.key}")), expanded=len(parsed) == 1):
            st.write(t("import.file_ok", name=escape_markdown(plan.source_name),
                       organisation=escape_markdown(plan.organisation or "?"), period=escape_markdown(plan.period or "?"),
                       projects=t("count.projects", count=len(plan.projects)), notes=t("count.notes", count=notes)))
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
            st.dataframe(preview, hide_index=True, width="stretch", key=f"preview-{plan.key}")
            note_rows = [
                {t("col.code"): project.code, t("col.field"): field_name(note.field, language),
                 t("col.message"): note_message(note.code, note.message, language), t("col.excerpt"): note.excerpt}
                for project in plan.projects for note in project.notes
            ] + [{t("col.code"): "—", t("col.field"): field_name(note.field, language),
                  t("col.message"): note_message(note.code, note.message, language), t("col.excerpt"): note.excerpt}
                 for note in plan.notes]
            if note_rows:
                st.dataframe(pd.DataFrame(note_rows), hide_index=True, width="stretch", key=f"notes-{plan.key}")

    if failed or unnamed:
        st.warning(t("import.blocked"))
        st.stop()

    try:
        store.check_batch(parsed)
    except LoaderError as error:
        st.error(_error_text(error))
        st.stop()
    with data.session() as session:
        replacements = store.plan_replacements(session, parsed)
    confirmed = True
    if replacements:
        lines = "\n".join(
            "- " + t("import.replaces_one", plan=escape_markdown(item.key), organisation=escape_markdown(item.organisation),
                     imported=date_label(item.imported_at, language), projects=t("count.projects", count=item.projects),
                     stored=escape_markdown(item.stored_source), source=escape_markdown(item.source_name))
            for item in replacements
        )
        st.warning(t("import.replaces_head", count=len(replacements)) + "\n\n" + lines)
        confirmed = st.checkbox(t("import.replaces_confirm"), key="import-replace-ok")

    if st.button(t("import.confirm"), type="primary", key="import-confirm", disabled=not confirmed):
        if not access.allowed("editor"):
            access.refuse()
        try:
            summary = store.import_plans(data.engine(), parsed, [upload.name for upload in uploads],
                                         confirmed={item.key for item in replacements}, actor=access.actor())
        except LoaderError as error:  # the transaction rolled back; the store is as it was
            st.session_state["import_result"] = ("error", t("import.failed", error=_error_text(error)))
        except StoreBusyError:
            st.session_state["import_result"] = ("error", t("import.busy"))
        else:
            data.invalidate()
            _clear()  # the files are stored now: let go of the uploaded bytes
            lines = "\n".join(
                "- " + t("import.done_plan", plan=escape_markdown(plan.key), projects=t("count.projects", count=plan.projects),
                               notes=t("count.notes", count=plan.notes))
                + (" " + t("import.done_replaced") if plan.replaced else "")
                for plan in summary.plans
            )
            st.session_state["import_result"] = (
                "ok", t("import.done", plans=len(summary.plans), projects=summary.projects, notes=summary.notes) + "\n\n" + lines
            )
        st.rerun()


_review_and_import()
