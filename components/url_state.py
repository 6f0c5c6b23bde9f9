"""Widget state mirrored in the URL as codes (not display labels), so links work in either language.

Streamlit's bind="query-params" stores a widget's formatted label; our options are codes shown through
format_func, so we read the URL once per session and write it back after every run.
"""
from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

import streamlit as st


def restore(key: str, options: Sequence[Any], default: Any, *, multi: bool = False,
            parse: Callable[[str], Any] = str) -> None:
    """Give st.session_state[key] its value before the widget is drawn: from the URL on a session's
    first run (unknown codes are dropped), else the default. Later runs keep what the user chose."""
    if key in st.session_state:
        if multi:  # options can shrink (a filter narrows another): keep only valid choices
            st.session_state[key] = [value for value in st.session_state[key] if value in options]
        elif st.session_state[key] not in options:
            st.session_state[key] = default
        return
    if key in st.query_params:
        raw = st.query_params.get_all(key)
        values = []
        for text in raw:
            try:
                value = parse(text)
            except (TypeError, ValueError):
                continue
            if value in options and value not in values:
                values.append(value)
        if multi:
            st.session_state[key] = values
            return
        if values:
            st.session_state[key] = values[0]
            return
        if raw == [""] or raw == []:
            st.session_state[key] = default
            return
    st.session_state[key] = default


def mirror(key: str, default: Any, *, multi: bool = False) -> None:
    """Write the widget's value to the URL; a default value leaves the URL clean."""
    value = st.session_state.get(key, default)
    if value == default:
        if key in st.query_params:
            del st.query_params[key]
        return
    if multi:
        # An explicitly empty list that differs from the default is written as an empty parameter.
        st.query_params[key] = [str(item) for item in value] if value else ""
    elif value is None:
        st.query_params[key] = ""
    else:
        st.query_params[key] = str(value)
