"""The Import page's mapping editor for portfolio sheets: pick a saved profile or start from the suggestion,
edit which column feeds which field, how ratings map to classes, units, currency and date order; save it."""
from __future__ import annotations

import re
from collections.abc import Callable

import pandas as pd
import streamlit as st

from components import access, data
from components.frame import t
from components.i18n import TEXTS, label
from components.text import escape_markdown
from data_model import profiles as stored_profiles
from loaders.records import PROBABILITY_CLASSES
from loaders.sheets.fields import SHEET_FIELDS
from loaders.sheets.mapping import MappingProfile, is_template, suggest_profile, template_profile
from loaders.sheets.reader import Table

UNITS = {1: "1", 1_000: "1 000", 1_000_000: "1 000 000"}
COST_FIELDS = ("cost_one_off_min", "cost_one_off_max", "cost_annual_min", "cost_annual_max")
CURRENCIES = ("EUR", "GBP", "USD")


def saved_profiles() -> dict[str, stored_profiles.StoredProfile]:
    """Profiles shipped with Salkku and profiles users saved in the store, by their label."""
    with data.session() as session:
        return {item.label: item for item in stored_profiles.profiles(session)}


def _slug(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", "_", name.lower()).strip("_") or "profiili"


def _base_profile(choice: str, automatic: str, headers: list[str]) -> MappingProfile:
    if choice == automatic:
        return template_profile(headers) if is_template(headers) else suggest_profile(headers)
    return saved_profiles()[choice].profile


def _unit(profile: MappingProfile) -> int:
    unit = int(max(profile.multipliers.values(), default=1))
    return unit if unit in UNITS else 1


def _take_profile(key: str, automatic: str, headers: list[str]) -> None:
    """A newly chosen profile brings its own currency, unit, date order and name. The keyed widgets would keep
    the old values (the browser sends them back on every rerun), so they are set here, through session state."""
    base = _base_profile(st.session_state[f"{key}-profile"], automatic, headers)
    for part in ("columns", "ratings"):
        st.session_state.pop(f"{key}-{part}", None)
    st.session_state[f"{key}-currency"] = base.currency if base.currency in CURRENCIES else CURRENCIES[0]
    st.session_state[f"{key}-unit"] = _unit(base)
    st.session_state[f"{key}-day-first"] = base.day_first
    st.session_state[f"{key}-name"] = base.name
    st.session_state[f"{key}-org"] = base.organisation or ""


def _rating_class(values: dict[str, str], rating: str) -> str:
    """The class a profile gives a rating; like the import, letter case does not matter ('Amber/red', 'Amber/Red')."""
    if rating in values:
        return values[rating]
    folded = {name.strip().casefold(): klass for name, klass in values.items()}
    return folded.get(rating.strip().casefold(), "unknown")


def mapping_editor(headers: list[str], rating_values: list[str], key: str) -> MappingProfile:
    """Render the editor for one sheet and return the profile it describes."""
    profiles = saved_profiles()
    automatic = t("sheet.profile_auto")
    choice = st.selectbox(t("sheet.profile"), [automatic, *profiles], key=f"{key}-profile",
                          on_change=_take_profile, args=(key, automatic, headers))
    base = _base_profile(choice, automatic, headers)

    none = "—"
    rows = pd.DataFrame(
        {
            "field": list(SHEET_FIELDS),
            t("sheet.field"): [t(f"sheet.field.{name}") for name in SHEET_FIELDS],
            t("sheet.column"): [
                next((header for header in base.columns.get(name, []) if header in headers), none) for name in SHEET_FIELDS
            ],
        }
    )
    edited = st.data_editor(
        rows, key=f"{key}-columns", hide_index=True, width="stretch", disabled=["field", t("sheet.field")],
        column_order=[t("sheet.field"), t("sheet.column")],
        column_config={t("sheet.column"): st.column_config.SelectboxColumn(options=[none, *headers], required=True)},
    )
    columns = {}
    for name, chosen in zip(edited["field"], edited[t("sheet.column")]):
        if chosen and chosen != none:
            # A shipped profile may list several headers; the chosen one goes first, the rest stay as fallbacks.
            columns[name] = [chosen] + [header for header in base.columns.get(name, []) if header != chosen]

    left, middle, right = st.columns(3)
    currency = left.selectbox(t("sheet.currency"), CURRENCIES, index=CURRENCIES.index(base.currency)
                              if base.currency in CURRENCIES else 0, key=f"{key}-currency")
    unit = middle.selectbox(t("sheet.unit"), list(UNITS), format_func=UNITS.get, key=f"{key}-unit",
                            index=list(UNITS).index(_unit(base)))
    day_first = right.toggle(t("sheet.day_first"), value=base.day_first, key=f"{key}-day-first")

    values = dict(base.values.get("probability", {}))
    if rating_values and "probability" in columns:
        st.caption(t("sheet.ratings_help"))
        ratings = pd.DataFrame({t("sheet.rating"): rating_values,
                                t("sheet.class"): [_rating_class(values, value) for value in rating_values]})
        edited_ratings = st.data_editor(
            ratings, key=f"{key}-ratings", hide_index=True, width="stretch", disabled=[t("sheet.rating")],
            column_config={t("sheet.class"): st.column_config.SelectboxColumn(
                options=list(PROBABILITY_CLASSES), required=True,
                format_func=lambda value: label("probability", value, st.session_state.get("lang", "fi")))},
        )
        values.update(dict(zip(edited_ratings[t("sheet.rating")], edited_ratings[t("sheet.class")])))
        values = {rating: klass for rating, klass in values.items() if klass != "unknown"}

    profile = MappingProfile(
        name=base.name,
        columns=columns,
        organisation=base.organisation,
        plan_title=base.plan_title,
        period=base.period,
        period_from_file_name=base.period_from_file_name,
        split_plans_by=base.split_plans_by,
        values={**base.values, "probability": values} if values else base.values,
        ranges=base.ranges,
        multipliers={name: unit for name in COST_FIELDS if name in columns},
        currency=currency,
        date_formats=base.date_formats,
        day_first=day_first,
        read=base.read,
        description=base.description,
    )
    with st.expander(t("sheet.save")):
        st.download_button(t("sheet.download_profile"), profile.to_json(), file_name=f"{_slug(profile.name)}.json",
                           mime="application/json", key=f"{key}-download", on_click="ignore")
        if access.can_edit():
            _save_controls(profile, key, choice)
    return profile


def _error(error: stored_profiles.ProfileError) -> str:
    code = f"sheet.profile_error.{error.code}"
    return t(code, **error.values) if code in TEXTS else str(error)


def _save_controls(profile: MappingProfile, key: str, choice: str) -> None:
    """Save the mapping as a profile in the store (for one organisation or any); remove one's own saved profile
    (an admin: anyone's). Shipped profiles cannot be overwritten."""
    name = st.text_input(t("sheet.profile_name"), value=profile.name, key=f"{key}-name")
    organisation = st.text_input(t("sheet.profile_organisation"), value=profile.organisation or "", key=f"{key}-org",
                                 placeholder=t("sheet.profile_any"))
    row = st.container(horizontal=True)
    if row.button(t("sheet.save_button"), key=f"{key}-save"):
        if not access.allowed("editor"):
            access.refuse()
        try:
            saved = stored_profiles.save_profile(data.engine(), profile, name=name, organisation=organisation,
                                                 actor=access.actor(), admin=access.is_admin())
        except stored_profiles.ProfileError as error:
            st.error(_error(error))
        else:
            data.invalidate()
            st.success(t("sheet.saved", name=escape_markdown(saved.label)))
    chosen = saved_profiles().get(choice)
    if chosen is not None and not chosen.shipped and (chosen.created_by == access.actor() or access.is_admin()):
        if row.button(t("sheet.delete_profile", name=escape_markdown(chosen.label)), key=f"{key}-delete"):
            if not access.allowed("editor"):
                access.refuse()
            try:
                stored_profiles.delete_profile(data.engine(), name=chosen.name, organisation=chosen.organisation,
                                               actor=access.actor(), admin=access.is_admin())
            except stored_profiles.ProfileError as error:
                st.error(_error(error))
            else:
                st.success(t("sheet.deleted_profile", name=escape_markdown(chosen.label)))


def profile_chooser(name: str, key: str) -> Callable[[Table], MappingProfile]:
    """For loaders.sheets.importing.import_sheet: show what was read of the sheet, then the editor for its mapping,
    and give the profile it describes."""
    def choose(table: Table) -> MappingProfile:
        st.caption(t("sheet.read", name=escape_markdown(name), records=t("count.records", count=len(table.rows)), where=table.header_row,
                     layout=t("sheet.transposed") if table.transposed else "",
                     encoding=f", {table.encoding}" if table.encoding else ""))
        with st.expander(t("sheet.profile") + f": {escape_markdown(name)}", expanded=True):
            return mapping_editor(table.headers, distinct_ratings(table), key=key)

    return choose


def distinct_ratings(table: Table, limit: int = 30) -> list[str]:
    """The distinct short texts of the columns that look like ratings, for the value mapping."""
    suggested = suggest_profile(table.headers).columns.get("probability", [])
    values: list[str] = []
    for header in suggested:
        position = table.headers.index(header)
        for record in table.rows:
            cell = record[position]
            if isinstance(cell, str) and 0 < len(cell) <= 40 and cell not in values:
                values.append(cell)
    return values[:limit]
