"""Salkku: the dashboard's entry point. For now a single page with what the store holds."""
from __future__ import annotations

import streamlit as st
from sqlmodel import Session

from data_model.db import get_engine
from data_model.sample import ensure_sample_data
from data_model.store import store_counts

st.set_page_config(page_title="Salkku", layout="wide")


@st.cache_resource
def _prepared_engine():  # noqa: ANN202
    engine = get_engine()
    ensure_sample_data(engine)
    return engine


engine = _prepared_engine()
with Session(engine) as session:
    counts = store_counts(session)

st.title("Salkku")
st.caption("Kuntien tietohallinnon kehityshankkeiden salkku")
left, middle, right = st.columns(3)
left.metric("Suunnitelmat", counts["plans"], border=True)
middle.metric("Hankkeet", counts["projects"], border=True)
right.metric("Jäsennyshuomiot", counts["notes"], border=True)
