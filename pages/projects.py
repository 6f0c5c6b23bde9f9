"""Projects: a searchable, sortable register; selecting a row opens every field of the project and its source."""
from __future__ import annotations

from collections import namedtuple

import pandas as pd
import streamlit as st

from components import access, corrections, data, downloads, export, filters, frame
from components.frame import t
from components.i18n import (
    field_name,
    label,
    money,
    money_table,
    note_message,
    number,
    per_value,
    unknown,
)
from components.text import escape_markdown

PlanName = namedtuple("PlanName", "name demo")  # what filters.plan_label reads of a plan



selection = frame.selection()
language = frame.language()
st.title(t("page.projects"))

projects = data.projects(selection)
if projects.empty:
    frame.explain_empty()

money_columns = [t(key) for key in ("col.one_off_min", "col.one_off_max", "col.annual_min", "col.annual_max")]


def register_tables() -> tuple[pd.DataFrame, object, list[str]]:
    """The register as downloaded, as shown (money in the language's format) and each row's KEY/CODE."""
    table = pd.DataFrame({
        t("col.organisation"): projects["organisation"],
        t("col.plan"): per_value(projects["plan_name"], projects["plan_demo"],
                                 text=lambda name, demo: filters.plan_label(PlanName(name, demo), language)),
        t("col.service_area"): projects["service_area"],
        t("col.code"): projects["code"],
        t("col.title"): projects["title"],
        t("col.start"): projects["start"].dt.strftime("%Y-%m"),
        t("col.end"): projects["end"].dt.strftime("%Y-%m"),
        t("col.probability"): per_value(projects["probability_class"], text=lambda value: label("probability", value, language)),
        t("col.responsible"): projects["responsible_text"],
        money_columns[0]: projects["one_off_min"],
        money_columns[1]: projects["one_off_max"],
        money_columns[2]: projects["annual_min"],
        money_columns[3]: projects["annual_max"],
        t("col.currency"): projects["currency"],
        t("col.notes"): projects["note_count"],
        t("correction.status.applied").capitalize(): per_value(
            projects["corrected"], text=lambda fields: ", ".join(corrections.field_label(name) for name in fields.split(",") if name)),
    })
    display, _ = money_table(table, {name: projects["currency"] for name in money_columns}, language)
    return table, display, (projects["plan_key"] + "/" + projects["code"]).tolist()


table, display, project_ids = data.view("projects.register", (selection, language), register_tables)
st.subheader(t("projects.register"))
st.caption(t("projects.select_hint"))
# The opened project lives in the URL as KEY/CODE, so a link opens it again (also after a re-import).
if "project_link" not in st.session_state:  # the session's first run: the link, if any
    st.session_state["project_link"] = st.query_params.get("project") or None
linked = st.session_state["project_link"]
event = st.dataframe(
    display, hide_index=True, width="stretch", key="register", on_select="rerun", selection_mode="single-row",
    placeholder=unknown(language),
    selection_default={"selection": {"rows": [project_ids.index(linked)]}} if linked in project_ids else None,
)
rows = event.selection.rows if event and event.selection else []
if rows:
    opened = project_ids[rows[0]]
    st.session_state["project_link"] = None  # a row chosen in the table wins over the link from now on
else:
    opened = linked
if opened:
    st.query_params["project"] = opened
elif "project" in st.query_params:
    del st.query_params["project"]
downloads.download_buttons(
    table, file_stem=t("download.projects"), key="projects-download", labels=(t("common.download_csv"), t("common.download_xlsx")),
    column_formats={name: "money" for name in money_columns} | {t("col.start"): "month", t("col.end"): "month"},
    currency_columns=(t("col.currency"),),
)

with st.expander(t("sheet.export")):
    row = st.container(horizontal=True)
    row.download_button(
        t("sheet.export_xlsx"), lambda: export.portfolio_workbook(selection, language),
        file_name=downloads.file_name(t("download.portfolio"), "xlsx", selection=selection),
        mime=downloads.XLSX_MIME, key="portfolio-xlsx-file", on_click="ignore",
    )
    row.download_button(
        t("sheet.export_csv"),
        lambda: downloads.to_csv_bytes(export.portfolio_csv_frame(selection, language), language),
        file_name=downloads.file_name(t("download.portfolio"), "csv", selection=selection),
        mime=downloads.CSV_MIME, key="portfolio-csv-file", on_click="ignore",
    )

if not opened:
    st.stop()
plan_key, _, code = opened.partition("/")
entry_id = data.entry_id(plan_key, code)
if entry_id is None:
    st.warning(t("projects.missing", project=escape_markdown(opened)))
    st.stop()
detail = data.project_detail(entry_id)
entry, plan = detail["entry"], detail["plan"]
st.divider()
st.subheader(escape_markdown(f"{entry['code']} {entry['title']}"))
st.caption(escape_markdown(
    f"{detail['organisation']} · {plan['title']} ({plan['period'] or '?'}) · "
    + t("projects.source", source=plan["source_name"], line=entry["source_line"] or "?", path=entry["section_path"] or "—")
))

corrections.show_result()
field_rows = corrections.fields_table(detail, language)
st.dataframe(field_rows, hide_index=True, width="stretch", key="detail-fields", placeholder="",
             height=35 * (len(field_rows) + 1) + 3)
if entry["hidden"]:
    st.warning(t("correction.hidden_notice"))
flags = ", ".join(flag for flag in (entry["schedule_flags"], entry["cost_flags"]) if flag)
if flags:
    st.caption(t("projects.flags", flags=escape_markdown(flags)))

st.markdown(f"**{t('correction.history')}**")
corrections.history(detail, language, plan_key, code, access.can_edit())
if access.can_edit():
    with st.expander(t("correction.edit"), expanded=False):
        corrections.correction_form(detail, plan_key, code, language)

left, right = st.columns(2)
with left:
    st.markdown(f"**{t('projects.cost_items')}**")
    items = pd.DataFrame(detail["cost_items"], columns=["kind", "min_amount", "max_amount", "currency", "vat_note", "source_text"])
    st.dataframe(
        pd.DataFrame({
            t("col.kind"): [label("kind", value, language) for value in items["kind"]],
            t("col.min"): [money(value, language, currency) for value, currency in zip(items["min_amount"], items["currency"])],
            t("col.max"): [money(value, language, currency) for value, currency in zip(items["max_amount"], items["currency"])],
            t("col.vat"): items["vat_note"].fillna("—"),
            t("col.source_text"): items["source_text"],
        }),
        hide_index=True, width="stretch", key="detail-costs",
    )
with right:
    st.markdown(f"**{t('projects.resource_needs')}**")
    needs = pd.DataFrame(detail["resource_needs"], columns=["party", "amount_min", "amount_max", "unit", "per", "source_text"])
    st.dataframe(
        pd.DataFrame({
            t("col.party"): [label("party", value, language) for value in needs["party"]],
            t("col.amount_min"): [number(value, language, 1) if value is not None else "—" for value in needs["amount_min"]],
            t("col.amount_max"): [number(value, language, 1) if value is not None else "—" for value in needs["amount_max"]],
            t("col.unit"): [label("unit", value, language) if value else "—" for value in needs["unit"]],
            t("col.per"): needs["per"].fillna("—"),
            t("col.source_text"): needs["source_text"],
        }),
        hide_index=True, width="stretch", key="detail-needs",
    )

st.markdown(f"**{t('projects.notes')}**")
if detail["notes"]:
    notes = pd.DataFrame(detail["notes"], columns=["field", "code", "message", "excerpt"])
    st.dataframe(
        pd.DataFrame({
            t("col.field"): [field_name(field, language) for field in notes["field"]],
            t("col.message"): [note_message(code, message, language) for code, message in zip(notes["code"], notes["message"])],
            t("col.excerpt"): notes["excerpt"],
            t("col.note_code"): notes["code"],
        }),
        hide_index=True, width="stretch", key="detail-notes",
    )
else:
    st.write(t("projects.no_notes"))

for title_key, value in (
    ("projects.description", entry["description"]),
    ("projects.impact", entry["impact_text"]),
    ("projects.strategic_goal", entry["strategic_goal"]),
    ("projects.infomgmt", "\n".join(
        f"{letter}) {entry[f'infomgmt_{letter}']}" for letter in "abcd" if entry.get(f"infomgmt_{letter}")
    ) or entry["infomgmt_text"]),
):
    if value:
        with st.expander(t(title_key), expanded=title_key == "projects.description"):
            st.markdown(escape_markdown(value))
