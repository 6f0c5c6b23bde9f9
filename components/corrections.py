"""Corrections on the Projects page: the values in effect beside what was read, the form that corrects them
(validated; nothing is saved on a bad value), the history with an undo."""
from __future__ import annotations

import re

import pandas as pd
import streamlit as st

from components import access, data
from components.frame import t
from components.i18n import TEXTS, label, money_range, month_label, number
from data_model import corrections
from loaders.records import COST_KINDS, PROBABILITY_CLASSES, PROBABILITY_DRIVERS, RESOURCE_PARTIES, RESOURCE_UNITS, \
    RESPONSIBLE_CLASSES

CURRENCIES = ("EUR", "GBP", "USD")
NEW_ROWS = 1  # empty rows offered for a new cost item or resource need


def actor() -> str:
    """Who corrects: the signed-in user where there is one, else the local user (see components.access)."""
    return access.actor()


def error_text(error: corrections.CorrectionError, language: str) -> str:
    key = f"correction.error.{error.code}"
    if key in TEXTS:
        try:
            return t(key, **error.values)
        except (KeyError, IndexError):
            pass
    return str(error)


def field_label(field: str) -> str:
    return t(f"correction.field.{field}")


def describe(field: str, value, language: str) -> str:  # noqa: ANN001
    """A field's value written for people; unknown stays visibly unknown."""
    unknown = t("common.not_stated")
    if field in ("start", "end"):
        return month_label(pd.Timestamp(value + "-01"), language) if value else unknown
    if field == "probability":
        return label("probability", value or "unknown", language)
    if field == "probability_driver":
        return label("driver", value, language)
    if field == "responsible_class":
        return label("responsible", value, language)
    if field == "not_a_project":
        return t("correction.hidden_yes") if value else t("correction.hidden_no")
    if field == "costs":
        if not value:
            return unknown
        return "; ".join(f"{label('kind', item['kind'], language)} "
                         f"{money_range(_float(item['min']), _float(item['max']), language, item['currency'])}"
                         for item in value)
    if field == "resources":
        if not value:
            return t("correction.none")
        parts = []
        for need in value:
            amount = ""
            if need["min"] is not None or need["max"] is not None:
                low, high = _float(need["min"]), _float(need["max"])
                amount = " " + (number(low if low is not None else high, language, 1) if low in (None, high)
                                else f"{number(low, language, 1)}–{number(high, language, 1)}")
                amount += f" {label('unit', need['unit'], language)}" if need["unit"] else ""
            parts.append(label("party", need["party"], language) + amount)
        return "; ".join(parts)
    return unknown if value in (None, "") else str(value)


def _float(value) -> float | None:  # noqa: ANN001
    return None if value is None else float(value)


def fields_table(detail: dict, language: str) -> pd.DataFrame:
    """Each correctable value: in effect, as read where a correction changed it, and the text it came from."""
    entry, values = detail["entry"], detail["values"]
    applied = {row["field"]: row for row in detail["corrections"] if row["state"] == "applied"}
    conflicts = {row["field"]: row for row in detail["corrections"] if row["state"] == "conflict"}
    texts = {"start": entry["schedule_text"], "end": entry["schedule_text"], "probability": entry["probability_text"],
             "probability_driver": entry["probability_text"], "responsible": entry["responsible_text"],
             "costs": entry["cost_text"], "resources": entry["resources_text"]}
    rows = []
    for field in corrections.FIELDS:
        correction = applied.get(field)
        state = t("correction.marker") if correction else (t("correction.conflict_marker") if field in conflicts else "")
        read = describe(field, correction["value_read"], language) if correction else ""
        rows.append((field_label(field), describe(field, values[field], language), state, read, texts.get(field)))
    return pd.DataFrame(rows, columns=[t("projects.field"), t("projects.in_effect"), t("correction.state"),
                                       t("correction.read"), t("projects.text")])


def history(detail: dict, language: str, plan_key: str, code: str, can_edit: bool) -> None:
    """Every correction of the project, newest first, and an undo for the ones in effect."""
    rows = sorted(detail["corrections"], key=lambda row: -row["id"])
    if not rows:
        st.caption(t("correction.none_yet"))
        return
    table = pd.DataFrame({
        t("correction.number"): [row["id"] for row in rows],
        t("projects.field"): [field_label(row["field"]) for row in rows],
        t("correction.read"): [describe(row["field"], row["value_read"], language) for row in rows],
        t("correction.value"): [describe(row["field"], row["value"], language) for row in rows],
        t("correction.document_now"): [describe(row["field"], row["new_read"], language)
                                       if row["new_read"] is not None else "" for row in rows],
        t("correction.reason"): [row["reason"] for row in rows],
        t("correction.by"): [row["actor"] for row in rows],
        t("correction.when"): [pd.Timestamp(row["created_at"]).strftime("%d.%m.%Y %H:%M") for row in rows],
        t("correction.state"): [t(f"correction.status.{row['state']}") for row in rows],
    })
    st.dataframe(table, hide_index=True, width="stretch", key="correction-history", placeholder="")
    active = [row for row in rows if row["state"] in corrections.ACTIVE]
    if not active or not can_edit:
        return
    names = {row["id"]: f"#{row['id']} {field_label(row['field'])}: {describe(row['field'], row['value'], language)}"
             for row in active}
    row = st.container(horizontal=True, vertical_alignment="bottom")
    chosen = row.selectbox(t("correction.undo_choose"), list(names), format_func=names.get, key="undo-choice")
    if row.button(t("correction.undo"), key="undo-correction"):
        if not access.allowed("editor"):
            access.refuse()
        try:
            corrections.undo(data.engine(), int(chosen), actor=actor())
        except corrections.CorrectionError as error:
            st.error(error_text(error, language))
            return
        data.invalidate()
        st.session_state["correction_result"] = t("correction.undone", number=chosen)
        st.rerun()


def _month_input(label_text: str, value: str | None, key: str) -> str:
    return st.text_input(label_text, value=value or "", key=key, placeholder=t("correction.month_placeholder"))


def _item_rows(items: list[dict], kind: str, key: str, language: str) -> list[dict]:
    """Inputs for each cost item (or resource need), plus one empty row for a new one; ticked rows are removed."""
    found = []
    for number_, item in enumerate([*items, *([None] * NEW_ROWS)]):
        columns = st.columns([2, 2, 2, 2, 1] if kind == "costs" else [2, 2, 2, 2, 2, 1], vertical_alignment="bottom")
        new = item is None
        prefix = f"{key}-{kind}-{number_}"
        if kind == "costs":
            choice = columns[0].selectbox(t("col.kind"), [None, *COST_KINDS] if new else list(COST_KINDS),
                                          index=0 if new else COST_KINDS.index(item["kind"]), key=f"{prefix}-kind",
                                          format_func=lambda code: t("correction.new_item") if code is None
                                          else label("kind", code, language))
            low = columns[1].number_input(t("col.min"), value=_float(None if new else item["min"]), step=1000.0,
                                          format="%.2f", key=f"{prefix}-min")
            high = columns[2].number_input(t("col.max"), value=_float(None if new else item["max"]), step=1000.0,
                                           format="%.2f", key=f"{prefix}-max")
            currencies = list(dict.fromkeys([*CURRENCIES, *([] if new else [item["currency"]])]))
            currency = columns[3].selectbox(t("col.currency"), currencies,
                                            index=0 if new else currencies.index(item["currency"]), key=f"{prefix}-cur")
            remove = columns[4].checkbox(t("correction.remove"), key=f"{prefix}-remove", disabled=new)
            if choice is not None and not remove:
                found.append({"kind": choice, "min": low, "max": high, "currency": currency})
        else:
            choice = columns[0].selectbox(t("col.party"), [None, *RESOURCE_PARTIES] if new else list(RESOURCE_PARTIES),
                                          index=0 if new else RESOURCE_PARTIES.index(item["party"]), key=f"{prefix}-party",
                                          format_func=lambda code: t("correction.new_item") if code is None
                                          else label("party", code, language))
            low = columns[1].number_input(t("col.amount_min"), value=_float(None if new else item["min"]), step=1.0,
                                          format="%.2f", key=f"{prefix}-min")
            high = columns[2].number_input(t("col.amount_max"), value=_float(None if new else item["max"]), step=1.0,
                                           format="%.2f", key=f"{prefix}-max")
            units = [None, *RESOURCE_UNITS]
            unit = columns[3].selectbox(t("col.unit"), units, index=units.index(None if new else item["unit"]),
                                        key=f"{prefix}-unit", format_func=lambda code: t("common.not_stated") if code is None
                                        else label("unit", code, language))
            per = columns[4].text_input(t("col.per"), value="" if new else (item["per"] or ""), key=f"{prefix}-per")
            remove = columns[5].checkbox(t("correction.remove"), key=f"{prefix}-remove", disabled=new)
            if choice is not None and not remove:
                found.append({"party": choice, "min": low, "max": high, "unit": unit, "per": per or None})
    return found


def correction_form(detail: dict, plan_key: str, code: str, language: str) -> None:
    """Edit the values of one project; on save, each changed value becomes a correction (all or nothing)."""
    values = detail["values"]
    key = form_key(plan_key, code)
    with st.form(key, border=True):
        st.caption(t("correction.form_help"))
        title = st.text_input(field_label("title"), value=values["title"], key=f"{key}-title")
        left, right = st.columns(2)
        area = left.text_input(field_label("service_area"), value=values["service_area"] or "", key=f"{key}-area",
                               placeholder=t("common.not_stated"))
        start = left.text_input(field_label("start"), value=values["start"] or "", key=f"{key}-start",
                                placeholder=t("correction.month_placeholder"))
        end = right.text_input(field_label("end"), value=values["end"] or "", key=f"{key}-end",
                               placeholder=t("correction.month_placeholder"))
        hidden = right.checkbox(field_label("not_a_project"), value=values["not_a_project"], key=f"{key}-hidden",
                                help=t("correction.hidden_help"))
        probability = left.selectbox(field_label("probability"), list(PROBABILITY_CLASSES),
                                     index=PROBABILITY_CLASSES.index(values["probability"]), key=f"{key}-probability",
                                     format_func=lambda value: label("probability", value, language))
        drivers = [None, *PROBABILITY_DRIVERS]
        driver = right.selectbox(field_label("probability_driver"), drivers,
                                 index=drivers.index(values["probability_driver"]) if values["probability_driver"] in drivers else 0,
                                 key=f"{key}-driver", format_func=lambda value: label("driver", value, language))
        responsible = left.text_input(field_label("responsible"), value=values["responsible"] or "",
                                      key=f"{key}-responsible", placeholder=t("common.not_stated"))
        classes = [None, *RESPONSIBLE_CLASSES]
        responsible_class = right.selectbox(
            field_label("responsible_class"), classes,
            index=classes.index(values["responsible_class"]) if values["responsible_class"] in classes else 0,
            key=f"{key}-responsible-class", format_func=lambda value: label("responsible", value, language))
        st.markdown(f"**{field_label('costs')}**")
        costs = _item_rows(values["costs"], "costs", key, language)
        st.markdown(f"**{field_label('resources')}**")
        needs = _item_rows(values["resources"], "resources", key, language)
        reason = st.text_input(t("correction.reason"), key=f"{key}-reason", placeholder=t("correction.reason_placeholder"))
        saved = st.form_submit_button(t("correction.save"), type="primary", key=f"{key}-save")
    if not saved:
        return
    if not access.allowed("editor"):
        access.refuse()
    if not reason.strip():
        st.error(t("correction.error.reason_required"))
        return
    changes = [corrections.Change(field, value) for field, value in (
        ("title", title), ("service_area", area), ("start", start), ("end", end), ("probability", probability),
        ("probability_driver", driver), ("responsible", responsible), ("responsible_class", responsible_class),
        ("costs", costs), ("resources", needs), ("not_a_project", hidden),
    )]
    try:
        made = corrections.correct(data.engine(), plan_key, code, changes, reason.strip(), actor=actor())
    except corrections.CorrectionError as error:
        st.error(t("correction.not_saved") + " " + error_text(error, language))
        return
    data.invalidate()
    st.session_state["correction_result"] = t("correction.saved", count=len(made)) if made else t("correction.nothing")
    st.rerun()


def form_key(plan_key: str, code: str) -> str:
    """The form's widget-key prefix; only letters, digits, - and _ (it also names CSS classes)."""
    return "fix-" + re.sub(r"[^A-Za-z0-9_-]", "_", f"{plan_key}-{code}")


def show_result() -> None:
    if "correction_result" in st.session_state:
        st.success(st.session_state.pop("correction_result"))

