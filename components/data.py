"""Cached wrappers around data_model queries: the only way pages read data.

Every cache is bounded (ttl, max_entries) and keyed by the store URL and the selection; an import
clears them all.
"""
from __future__ import annotations

import pandas as pd
import streamlit as st
from sqlalchemy.engine import Engine
from sqlmodel import Session

from data_model import queries
from data_model.db import database_url, get_engine
from data_model.queries import PortfolioFilter
from data_model.sample import ensure_sample_data

TTL = "10m"
ENTRIES = 64


@st.cache_resource(show_spinner=False)
def _engine_for(url: str) -> Engine:
    engine = get_engine(url)
    ensure_sample_data(engine)  # first start on an empty store
    return engine


def engine() -> Engine:
    return _engine_for(database_url())


def store_key() -> str:
    return database_url()


@st.cache_data(ttl=TTL, max_entries=ENTRIES, show_spinner=False)
def _projects(selection: PortfolioFilter, store: str) -> pd.DataFrame:
    with Session(_engine_for(store)) as session:
        return queries.projects(session, selection=selection)


@st.cache_data(ttl=TTL, max_entries=ENTRIES, show_spinner=False)
def _cost_items(selection: PortfolioFilter, store: str) -> pd.DataFrame:
    with Session(_engine_for(store)) as session:
        return queries.cost_items(session, selection=selection)


@st.cache_data(ttl=TTL, max_entries=ENTRIES, show_spinner=False)
def _resource_needs(selection: PortfolioFilter, store: str) -> pd.DataFrame:
    with Session(_engine_for(store)) as session:
        return queries.resource_needs(session, selection=selection)


@st.cache_data(ttl=TTL, max_entries=ENTRIES, show_spinner=False)
def _parse_notes(selection: PortfolioFilter, store: str) -> pd.DataFrame:
    with Session(_engine_for(store)) as session:
        return queries.parse_notes(session, selection=selection)


@st.cache_data(ttl=TTL, max_entries=8, show_spinner=False)
def _plans(store: str) -> pd.DataFrame:
    with Session(_engine_for(store)) as session:
        return queries.plans(session)


@st.cache_data(ttl=TTL, max_entries=8, show_spinner=False)
def _filter_options(store: str) -> dict:
    with Session(_engine_for(store)) as session:
        return queries.filter_options(session)


@st.cache_data(ttl=TTL, max_entries=8, show_spinner=False)
def _themes(store: str) -> pd.DataFrame:
    with Session(_engine_for(store)) as session:
        return queries.strategic_themes(session)


@st.cache_data(ttl=TTL, max_entries=ENTRIES, show_spinner=False)
def _project_detail(entry_id: int, store: str) -> dict | None:
    with Session(_engine_for(store)) as session:
        return queries.project_detail(session, entry_id=entry_id)


def projects(selection: PortfolioFilter) -> pd.DataFrame:
    return _projects(selection, store_key())


def cost_items(selection: PortfolioFilter) -> pd.DataFrame:
    return _cost_items(selection, store_key())


def resource_needs(selection: PortfolioFilter) -> pd.DataFrame:
    return _resource_needs(selection, store_key())


def parse_notes(selection: PortfolioFilter) -> pd.DataFrame:
    return _parse_notes(selection, store_key())


def plans() -> pd.DataFrame:
    return _plans(store_key())


def filter_options() -> dict:
    return _filter_options(store_key())


def themes() -> pd.DataFrame:
    return _themes(store_key())


def project_detail(entry_id: int) -> dict | None:
    return _project_detail(entry_id, store_key())


def invalidate() -> None:
    """After an import: every cached query is stale."""
    st.cache_data.clear()
