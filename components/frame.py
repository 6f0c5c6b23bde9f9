"""What every page gets from the frame (app.py): the language, today, the selection, and a guard
that stops a page opened without the frame."""
from __future__ import annotations

import os
from datetime import date

import streamlit as st

from components.i18n import LANGUAGES, translate
from data_model.queries import PortfolioFilter

FRAME_KEY = "_salkku_frame_running"
SELECTION_KEY = "_salkku_selection"


def language() -> str:
    value = st.session_state.get("lang", "fi")
    return value if value in LANGUAGES else "fi"


def t(key: str, **values: object) -> str:
    return translate(key, language(), **values)


def today() -> date:
    """SALKKU_TODAY (ISO date) pins 'today' for tests and demos; otherwise the real date."""
    pinned = os.environ.get("SALKKU_TODAY", "").strip()
    return date.fromisoformat(pinned) if pinned else date.today()


def begin_frame() -> None:
    st.session_state[FRAME_KEY] = True


def end_frame() -> None:
    # Cleared after every run, so a page the runtime runs on its own never sees a stale marker.
    st.session_state.pop(FRAME_KEY, None)


def require_frame() -> None:
    """Stop a page that runs without app.py (no filters, no language, no engine)."""
    if not st.session_state.get(FRAME_KEY):
        st.error(t("app.frame_missing"))
        st.stop()


def explain_empty() -> None:
    """Stop a page whose selection is empty, saying whether the store or the filters are the reason."""
    from components import data

    st.info(t("common.empty_store") if data.plans().empty else t("common.empty_selection"))
    st.stop()


def selection() -> PortfolioFilter:
    require_frame()
    return st.session_state[SELECTION_KEY]


def selection_notices() -> None:
    """Say what the selection cannot show (a linked plan that is not in the store) and whether it holds sample data."""
    from components import data, filters
    from components.text import escape_markdown

    missing = filters.missing_plans()
    if missing:
        st.warning(t("filter.plan_missing", keys=escape_markdown(", ".join(missing))), icon=":material/link_off:")
    plans = data.plans()
    chosen = st.session_state[SELECTION_KEY].plan_keys
    shown = plans if not chosen else plans[plans["key"].isin(chosen)]
    if bool(shown["demo"].any()):
        st.sidebar.info(t("filter.demo_in_selection"), icon=":material/science:")
