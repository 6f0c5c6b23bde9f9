"""The shared sidebar: language switch and portfolio filters, each bound to a URL query parameter so a
copied link opens the same view."""
from __future__ import annotations

from datetime import date

import pandas as pd
import streamlit as st

from components import data, url_state
from components.frame import t
from components.i18n import label
from components.text import escape_markdown
from data_model.queries import NO_AREA, PortfolioFilter
from loaders.records import PROBABILITY_CLASSES, RESPONSIBLE_CLASSES

# Query parameter names (also the widget keys).
KEYS = ("org", "plan", "area", "prob", "resp", "from", "to", "q")
MISSING_PLANS_KEY = "plan_missing"  # plan keys a link named that the store does not hold


def language_switch() -> str:
    url_state.restore("lang", ["fi", "en"], "fi")
    st.sidebar.segmented_control(
        "Kieli / Language",
        options=["fi", "en"],
        format_func=lambda code: {"fi": "Suomi", "en": "English"}[code],
        required=True,
        key="lang",
    )
    url_state.mirror("lang", "fi")
    return st.session_state.get("lang") or "fi"


def currency_choice(projects: pd.DataFrame, selection: PortfolioFilter) -> tuple[pd.DataFrame, str]:
    """The currency the page's cost figures are in; a choice appears when the selection holds several.
    `projects` are the selection's (data.projects(selection)): what is worked out from them is kept per selection.
    Returns the projects to use for cost figures and the currency."""
    from data_model import analytics

    found = data.view("filters.currencies", (selection,), lambda: analytics.currencies(projects) or ["EUR"])
    url_state.restore("cur", found, found[0])
    if len(found) > 1:
        st.segmented_control(t("filter.currency"), found, required=True, key="cur", format_func=escape_markdown)
    url_state.mirror("cur", found[0])
    currency = st.session_state.get("cur") or found[0]
    costed, excluded = data.view("filters.for_currency", (selection, currency),
                                 lambda: analytics.for_currency(projects, currency))
    if excluded:
        st.caption(t("filter.currency_excluded", count=excluded, currency=escape_markdown(currency)))
    return costed, currency


def _months(plans: pd.DataFrame) -> list[str]:
    years = pd.concat([plans["period_start_year"], plans["period_end_year"]]).dropna()
    first = int(years.min()) - 2 if len(years) else date.today().year - 3
    last = int(years.max()) + 3 if len(years) else date.today().year + 3
    return [f"{year:04d}-{month:02d}" for year in range(first, last + 1) for month in range(1, 13)]


def _reset(defaults: dict) -> None:
    for key, value in defaults.items():
        st.session_state[key] = value
    st.session_state[MISSING_PLANS_KEY] = []


def _chosen_plans() -> None:
    """The user picked plans: keys a link named that the store lacks no longer take part."""
    st.session_state[MISSING_PLANS_KEY] = []


def _restore_plans(keys: list[str], default: list[str]) -> None:
    """Plans from the URL (by key) on a session's first run, else the default. A key the store does not hold is
    kept apart and selects nothing: the view shows less, never everything, and the frame warns about it."""
    state = st.session_state
    if "plan" in state:
        gone = [key for key in state["plan"] if key not in keys]
        if gone:  # a selected plan was deleted meanwhile
            state[MISSING_PLANS_KEY] = list(dict.fromkeys([*state.get(MISSING_PLANS_KEY, []), *gone]))
            state["plan"] = [key for key in state["plan"] if key in keys]
        return
    if "plan" in st.query_params:
        raw = [value for value in st.query_params.get_all("plan") if value]
        state["plan"] = [key for key in dict.fromkeys(raw) if key in keys]
        state[MISSING_PLANS_KEY] = [key for key in dict.fromkeys(raw) if key not in keys]
    else:
        state["plan"] = list(default)
        state[MISSING_PLANS_KEY] = []


def missing_plans() -> list[str]:
    return list(st.session_state.get(MISSING_PLANS_KEY, []))


def _mirror_plans() -> None:
    """The plans always stand in the URL as keys (an empty value = all plans), so a copied link shows the same
    plans tomorrow, even after a newer plan has become the default."""
    chosen = [*st.session_state.get("plan", []), *missing_plans()]
    st.query_params["plan"] = chosen if chosen else ""


def plan_label(row, language: str) -> str:
    """A plan as people name it, with a badge when it is sample data."""
    return f"{row.name} · {t('plans.demo_badge')}" if row.demo else row.name


def selection_label(selection: PortfolioFilter, language: str) -> str:
    """What the selection is, as a heading says it: its organisations and service areas, else the whole portfolio
    ('Naantali · Tietohallinto, Sivistystoimi'), with the narrowing filters named after them."""
    areas = [t("area.none") if area == NO_AREA else area for area in selection.service_areas]
    parts = [", ".join(selection.organisations), ", ".join(areas)]
    named = " · ".join(part for part in parts if part) or t("pack.whole")
    narrowing = [
        ", ".join(label("probability", value, language) for value in selection.probability_classes),
        ", ".join(label("responsible", value, language) for value in selection.responsible_classes),
        f"“{selection.search}”" if selection.search else "",
    ]
    return " · ".join([named, *(part for part in narrowing if part)])


def sidebar_filters() -> PortfolioFilter:
    """Render the filters and return the selection they describe."""
    choices, default_plans = data.plan_choices()
    options = data.filter_options()
    language = st.session_state.get("lang", "fi")
    badge = t("plans.demo_badge")
    plan_titles = {key: f"{name} · {badge}" if demo else name for key, name, demo in choices}
    defaults = {
        "org": [],
        "plan": list(default_plans),
        "area": [],
        "prob": [],
        "resp": [],
        "from": None,
        "to": None,
        "q": "",
    }
    months = data.view("filters.months", (), lambda: _months(data.plans()))
    month_option = (lambda text: text if text in months else None)
    url_state.restore("org", options["organisations"], defaults["org"], multi=True)
    _restore_plans(list(plan_titles), defaults["plan"])
    url_state.restore("area", options["service_areas"], defaults["area"], multi=True)
    url_state.restore("prob", list(PROBABILITY_CLASSES), defaults["prob"], multi=True)
    url_state.restore("resp", [*RESPONSIBLE_CLASSES, "none"], defaults["resp"], multi=True)
    url_state.restore("from", [None, *months], None, parse=month_option)
    url_state.restore("to", [None, *months], None, parse=month_option)
    if "q" not in st.session_state:
        st.session_state["q"] = st.query_params.get("q", "")
    sidebar = st.sidebar
    sidebar.header(t("filter.header"))
    organisations = sidebar.multiselect(
        t("filter.organisation"), options["organisations"], key="org", placeholder=t("filter.all"), select_all=False,
    )
    plan_keys = sidebar.multiselect(
        t("filter.plan"), list(plan_titles), key="plan", format_func=lambda key: plan_titles.get(key, key),
        help=t("filter.plan_help"), placeholder=t("filter.all"), select_all=False, on_change=_chosen_plans,
    )
    areas = sidebar.multiselect(
        t("filter.service_area"), options["service_areas"], key="area",
        format_func=lambda area: area if area != NO_AREA else t("area.none"), placeholder=t("filter.all"), select_all=False,
    )
    classes = sidebar.multiselect(
        t("filter.probability"), list(PROBABILITY_CLASSES), key="prob",
        format_func=lambda value: label("probability", value, language), placeholder=t("filter.all"), select_all=False,
    )
    responsible = sidebar.multiselect(
        t("filter.responsible"), [*RESPONSIBLE_CLASSES, "none"], key="resp",
        format_func=lambda value: label("responsible", value, language), placeholder=t("filter.all"), select_all=False,
    )
    window_start = sidebar.selectbox(
        t("filter.window_start"), [None, *months], key="from", help=t("filter.window_help"),
        format_func=lambda month: t("filter.any_month") if month is None else month, placeholder=t("filter.any_month"),
    )
    window_end = sidebar.selectbox(
        t("filter.window_end"), [None, *months], key="to",
        format_func=lambda month: t("filter.any_month") if month is None else month, placeholder=t("filter.any_month"),
    )
    search = sidebar.text_input(t("filter.search"), key="q", placeholder=t("filter.search_placeholder"))
    sidebar.button(t("filter.reset"), key="reset-filters", on_click=_reset, args=(defaults,), width="stretch")
    for key in ("org", "area", "prob", "resp"):
        url_state.mirror(key, defaults[key], multi=True)
    _mirror_plans()
    for key in ("from", "to", "q"):
        url_state.mirror(key, defaults[key])
    return PortfolioFilter(
        organisations=tuple(organisations),
        plan_keys=tuple([*plan_keys, *missing_plans()]),
        service_areas=tuple(areas),
        probability_classes=tuple(classes),
        responsible_classes=tuple(responsible),
        window_start=date.fromisoformat(window_start + "-01") if window_start else None,
        window_end=date.fromisoformat(window_end + "-01") if window_end else None,
        search=search or "",
    )
