"""Projects: a searchable, sortable register; selecting a row opens every field of the project and its source."""
from __future__ import annotations

import pandas as pd
import streamlit as st

from components import data, downloads, export, frame
from components.frame import t
from components.i18n import field_name, label, money, money_range, month_label, note_message, number
from components.text import escape_markdown

selection = frame.selection()
language = frame.language()
st.title(t("page.projects"))

projects = data.projects(selection)
if projects.empty:
    frame.explain_empty()

table = pd.DataFrame(
    {
        t("col.organisation"): projects["organisation"],
        t("col.plan"): projects["plan_title"] + " (" + projects["plan_period"].fillna("?") + ")",
        t("col.service_area"): projects["service_area"],
        t("col.code"): projects["code"],
        t("col.title"): projects["title"],
        t("col.start"): projects["start"].dt.strftime("%Y-%m"),
        t("col.end"): projects["end"].dt.strftime("%Y-%m"),
        t("col.probability"): [label("probability", value, language) for value in projects["probability_class"]],
        t("col.responsible"): projects["responsible_text"],
        t("col.one_off_min"): projects["one_off_min"],
        t("col.one_off_max"): projects["one_off_max"],
        t("col.annual_min"): projects["annual_min"],
        t("col.annual_max"): projects["annual_max"],
        t("col.notes"): projects["note_count"],
    }
)
st.subheader(t("projects.register"))
st.caption(t("projects.select_hint"))
money_column = st.column_config.NumberColumn(format="%.0f €")
event = st.dataframe(
    table, hide_index=True, width="stretch", key="register", on_select="rerun", selection_mode="single-row",
    column_config={t(key): money_column for key in ("col.one_off_min", "col.one_off_max", "col.annual_min", "col.annual_max")},
)
downloads.download_buttons(
    table, file_stem="hankkeet", key="projects-download", labels=(t("common.download_csv"), t("common.download_xlsx")),
    column_formats={t(key): "money" for key in ("col.one_off_min", "col.one_off_max", "col.annual_min", "col.annual_max")}
    | {t("col.start"): "month", t("col.end"): "month"},
)

with st.expander(t("sheet.export")):
    row = st.container(horizontal=True)
    row.download_button(
        t("sheet.export_xlsx"), lambda: export.portfolio_workbook(selection, language), file_name="salkku.xlsx",
        mime=downloads.XLSX_MIME, key="portfolio-xlsx-file", on_click="ignore",
    )
    row.download_button(
        t("sheet.export_csv"), lambda: downloads.to_csv_bytes(export.portfolio_csv_frame(selection, language)),
        file_name="salkku.csv", mime=downloads.CSV_MIME, key="portfolio-csv-file", on_click="ignore",
    )

rows = event.selection.rows if event and event.selection else []
if not rows:
    st.stop()
detail = data.project_detail(int(projects.iloc[rows[0]]["entry_id"]))
entry, plan = detail["entry"], detail["plan"]
st.divider()
st.subheader(escape_markdown(f"{entry['code']} {entry['title']}"))
st.caption(escape_markdown(
    f"{detail['organisation']} · {plan['title']} ({plan['period'] or '?'}) · "
    + t("projects.source", source=plan["source_name"], line=entry["source_line"] or "?", path=entry["section_path"] or "—")
))

row = projects.iloc[rows[0]]
fields = pd.DataFrame(
    [
        (t("col.service_area"), detail["service_area"] or t("area.none"), detail["service_area"]),
        (t("col.start") + " – " + t("col.end"),
         f"{month_label(row['start'], language)} – {month_label(row['end'], language)}", entry["schedule_text"]),
        (t("col.probability"),
         f"{label('probability', entry['probability_class'], language)} / {label('driver', entry['probability_driver'], language)}",
         entry["probability_text"]),
        (t("col.responsible"), label("responsible", entry["responsible_class"], language), entry["responsible_text"]),
        (t("overview.one_off"), money_range(row["one_off_min"], row["one_off_max"], language), entry["cost_text"]),
        (t("overview.annual"), money_range(row["annual_min"], row["annual_max"], language), entry["cost_text"]),
        (t("resources.party"), ", ".join(sorted({label("party", need["party"], language) for need in detail["resource_needs"]})) or "—",
         entry["resources_text"]),
    ],
    columns=[t("projects.field"), t("projects.parsed"), t("projects.text")],
)
st.dataframe(fields, hide_index=True, width="stretch", key="detail-fields")
flags = ", ".join(flag for flag in (entry["schedule_flags"], entry["cost_flags"]) if flag)
if flags:
    st.caption(t("projects.flags", flags=escape_markdown(flags)))

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
