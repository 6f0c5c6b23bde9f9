"""Cached wrappers around data_model queries: the only way pages read data.

Every cache is bounded (ttl, max_entries) and keyed by the store URL, its revision and the selection; frames are
shared within the process and handed out as copy-on-write copies (see _own). The
revision is read once per run: an import, deletion or correction made by any process moves it on, so every
server sharing the store shows the change on its next rerun, never figures up to ten minutes old.
"""
from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

import pandas as pd
import streamlit as st
from sqlalchemy.engine import Engine
from sqlmodel import Session

from data_model import queries, store
from data_model.db import database_url, get_engine
from data_model.queries import PortfolioFilter
from data_model.sample import ensure_sample_data

TTL = "10m"
ENTRIES = 64
REVISION_KEY = "_salkku_revision"
T = TypeVar("T")


@st.cache_resource(show_spinner=False)
def _engine_for(url: str) -> Engine:
    engine = get_engine(url)
    ensure_sample_data(engine)  # first start on an empty embedded store
    return engine


def engine() -> Engine:
    return _engine_for(database_url())


def _revision(engine_: Engine) -> int:
    with engine_.connect() as connection:  # a bare connection: an ORM session costs more than the query here
        return connection.scalar(store.REVISION)


def refresh_revision() -> int:
    """Read the store's revision (once per run, from the frame): later cache look-ups in this run use it."""
    revision = _revision(engine())
    st.session_state[REVISION_KEY] = revision
    return revision


def store_key() -> str:
    revision = st.session_state.get(REVISION_KEY)
    if revision is None:
        revision = refresh_revision()
    return f"{database_url()}#{revision}"


def _url(store_id: str) -> str:
    return store_id.rsplit("#", 1)[0]


# The frames are kept once per process (st.cache_resource), not pickled and unpickled on every read as st.cache_data
# does: at 50,000 entries that unpickling was a good part of a page's warm run. Each read gets its own shallow copy;
# under pandas' copy-on-write (always on from pandas 3) nothing a page does to its copy reaches the cached frame.
def _own(frame: pd.DataFrame) -> pd.DataFrame:
    return frame.copy(deep=False)


@st.cache_resource(ttl=TTL, max_entries=ENTRIES, show_spinner=False)
def _projects(selection: PortfolioFilter, store_id: str) -> pd.DataFrame:
    with Session(_engine_for(_url(store_id))) as session:
        return queries.projects(session, selection=selection)


@st.cache_resource(ttl=TTL, max_entries=ENTRIES, show_spinner=False)
def _cost_items(selection: PortfolioFilter, store_id: str) -> pd.DataFrame:
    with Session(_engine_for(_url(store_id))) as session:
        return queries.cost_items(session, selection=selection)


@st.cache_resource(ttl=TTL, max_entries=ENTRIES, show_spinner=False)
def _resource_needs(selection: PortfolioFilter, store_id: str) -> pd.DataFrame:
    with Session(_engine_for(_url(store_id))) as session:
        return queries.resource_needs(session, selection=selection)


@st.cache_resource(ttl=TTL, max_entries=ENTRIES, show_spinner=False)
def _parse_notes(selection: PortfolioFilter, store_id: str) -> pd.DataFrame:
    with Session(_engine_for(_url(store_id))) as session:
        return queries.parse_notes(session, selection=selection)


@st.cache_resource(ttl=TTL, max_entries=8, show_spinner=False)
def _plans(store_id: str) -> pd.DataFrame:
    with Session(_engine_for(_url(store_id))) as session:
        return queries.plans(session)


@st.cache_data(ttl=TTL, max_entries=8, show_spinner=False)
def _plan_choices(store_id: str) -> tuple[tuple[tuple[str, str, bool], ...], tuple[str, ...]]:
    """The action plans the sidebar offers, (key, name, demo), and the default choice: worked out once per store
    revision, not on every run (each run draws the sidebar)."""
    frame = _plans(store_id)
    action = frame[frame["kind"] == "action_plan"]
    choices = tuple((str(key), str(name), bool(demo)) for key, name, demo
                    in zip(action["key"], action["name"], action["demo"]))
    return choices, tuple(queries.default_plan_keys(frame))


@st.cache_data(ttl=TTL, max_entries=8, show_spinner=False)
def _filter_options(store_id: str) -> dict:
    with Session(_engine_for(_url(store_id))) as session:
        return queries.filter_options(session)


@st.cache_resource(ttl=TTL, max_entries=8, show_spinner=False)
def _themes(store_id: str) -> pd.DataFrame:
    with Session(_engine_for(_url(store_id))) as session:
        return queries.strategic_themes(session)


@st.cache_data(ttl=TTL, max_entries=ENTRIES, show_spinner=False)
def _project_detail(entry_id: int, store_id: str) -> dict | None:
    with Session(_engine_for(_url(store_id))) as session:
        return queries.project_detail(session, entry_id=entry_id)


@st.cache_data(ttl=TTL, max_entries=ENTRIES, show_spinner=False)
def _entry_id(plan_key: str, code: str, store_id: str) -> int | None:
    with Session(_engine_for(_url(store_id))) as session:
        return queries.entry_id_for(session, plan_key=plan_key, code=code)


@st.cache_resource(ttl=TTL, max_entries=ENTRIES, show_spinner=False)
def _review_queue(selection: PortfolioFilter, store_id: str) -> pd.DataFrame:
    with Session(_engine_for(_url(store_id))) as session:
        return queries.review_queue(session, selection=selection)


@st.cache_resource(ttl=TTL, max_entries=ENTRIES, show_spinner=False)
def _conflicts(selection: PortfolioFilter, store_id: str) -> pd.DataFrame:
    with Session(_engine_for(_url(store_id))) as session:
        return queries.conflicts(session, selection=selection)


@st.cache_resource(ttl=TTL, max_entries=8, show_spinner=False)
def _change_log(store_id: str) -> pd.DataFrame:
    with Session(_engine_for(_url(store_id))) as session:
        return queries.change_log(session)


@st.cache_resource(ttl=TTL, max_entries=ENTRIES, show_spinner=False)
def _plan_matches(older_key: str, newer_key: str, store_id: str) -> pd.DataFrame:
    from data_model import lineage

    plans = _plans(store_id)
    sources = dict(zip(plans["key"], plans["source_name"]))
    with Session(_engine_for(_url(store_id))) as session:  # the decisions; the projects come from their caches
        return lineage.compare_plans(
            session, _projects(PortfolioFilter(plan_keys=(older_key,)), store_id),
            _projects(PortfolioFilter(plan_keys=(newer_key,)), store_id),
            older_source=sources.get(older_key, ""), newer_source=sources.get(newer_key, ""))


@st.cache_resource(ttl=TTL, max_entries=8, show_spinner=False)
def _lineage(store_id: str):  # noqa: ANN202
    from data_model import lineage

    with Session(_engine_for(_url(store_id))) as session:
        return lineage.build(session)


def plan_matches(older_key: str, newer_key: str) -> pd.DataFrame:
    """The same projects in two plans (data_model.lineage), a person's decisions applied."""
    return _own(_plan_matches(older_key, newer_key, store_key()))


def lineage():  # noqa: ANN201
    """Matches and chains across every organisation's plan versions (data_model.lineage.Lineage); not to be changed."""
    return _lineage(store_key())


@st.cache_resource(ttl=TTL, max_entries=16, show_spinner=False)
def _history(organisation: str, store_id: str):  # noqa: ANN202
    from data_model import history

    return history.history(_lineage(store_id), organisation)


@st.cache_resource(ttl=TTL, max_entries=ENTRIES, show_spinner=False)
def _end_forecast(selection: PortfolioFilter, store_id: str) -> pd.DataFrame:
    from data_model import history

    return history.end_forecast(_lineage(store_id), _projects(selection, store_id))


@st.cache_resource(ttl=TTL, max_entries=ENTRIES, show_spinner=False)
def _load_forecast(selection: PortfolioFilter, months: tuple[str, ...], store_id: str) -> pd.DataFrame:
    from data_model import history

    return history.load_forecast(_lineage(store_id), _projects(selection, store_id), pd.DatetimeIndex(months))


def history(organisation: str):  # noqa: ANN201
    """The organisation's calibration (own pairs, and the other organisations' as a reference class):
    data_model.history.History; not to be changed."""
    return _history(organisation, store_key())


def end_forecast(selection: PortfolioFilter) -> pd.DataFrame:
    """P50/P80 end months of the selection's projects, simulated from past slips (entry_id, p50_end, p80_end, basis)."""
    return _own(_end_forecast(selection, store_key()))


def load_forecast(selection: PortfolioFilter, months: pd.DatetimeIndex) -> pd.DataFrame:
    """Planned, P50 and P80 counts of IT-relevant projects per organisation, service area and month."""
    frame = _load_forecast(selection, tuple(month.strftime("%Y-%m-%d") for month in months), store_key())
    shown = _own(frame)
    shown.attrs = dict(frame.attrs)
    return shown


def change_log() -> pd.DataFrame:
    return _own(_change_log(store_key()))


def review_queue(selection: PortfolioFilter) -> pd.DataFrame:
    return _own(_review_queue(selection, store_key()))


def conflicts(selection: PortfolioFilter) -> pd.DataFrame:
    return _own(_conflicts(selection, store_key()))


def projects(selection: PortfolioFilter) -> pd.DataFrame:
    return _own(_projects(selection, store_key()))


def cost_items(selection: PortfolioFilter) -> pd.DataFrame:
    return _own(_cost_items(selection, store_key()))


def resource_needs(selection: PortfolioFilter) -> pd.DataFrame:
    return _own(_resource_needs(selection, store_key()))


def parse_notes(selection: PortfolioFilter) -> pd.DataFrame:
    return _own(_parse_notes(selection, store_key()))


def plans() -> pd.DataFrame:
    return _own(_plans(store_key()))


def plan_choices() -> tuple[tuple[tuple[str, str, bool], ...], tuple[str, ...]]:
    return _plan_choices(store_key())


def filter_options() -> dict:
    return _filter_options(store_key())


def themes() -> pd.DataFrame:
    return _own(_themes(store_key()))


def project_detail(entry_id: int) -> dict | None:
    return _project_detail(entry_id, store_key())


def entry_id(plan_key: str, code: str) -> int | None:
    return _entry_id(plan_key, code, store_key())


@st.cache_resource(ttl=TTL, max_entries=256, show_spinner=False)
def _view(name: str, key: tuple, store_id: str, _build: Callable[[], object]) -> object:
    return _build()


def view(name: str, key: tuple, build: Callable[[], T]) -> T:
    """What `build` returns (a page's figures and derived frames), worked out once per store revision, `name` and
    `key`, and shared by every session: a warm rerun then only draws. `key` must hold everything `build` reads
    besides the store (the selection, the language, today, the page's own choices). Streamlit's chart and table
    elements only read what they are given (plotly_chart copies the figure to a dict; a Styler that only formats, as
    i18n.formatted_table builds, is rendered without being changed), and under pandas'
    copy-on-write a page's changes to a frame never reach the kept one; a figure must not be changed after it is drawn."""
    return _view(name, key, store_key(), build)  # type: ignore[return-value]


def warm_up() -> None:
    """Read what the first visitor's Overview reads for the default selection (the store's revision, the plans,
    the filter options and the selection's projects) into the caches, before the server listens (serve.py).
    The caches are the process's own: the first session then finds them filled."""
    url = database_url()
    store_id = f"{url}#{_revision(_engine_for(url))}"
    _, default_plans = _plan_choices(store_id)
    _filter_options(store_id)
    _projects(PortfolioFilter(plan_keys=tuple(default_plans)), store_id)  # as the sidebar's defaults describe it


def session() -> Session:
    """A session on the store for a page's one-off read (e.g. what an import would replace)."""
    return Session(engine())


def invalidate() -> None:
    """After a change made here: drop this process's cached frames and read the new revision now."""
    st.cache_data.clear()
    for cached in _FRAMES:
        cached.clear()
    refresh_revision()


_FRAMES = (_view, _plan_matches, _lineage, _history, _end_forecast, _load_forecast, _projects, _cost_items, _resource_needs, _parse_notes, _plans, _themes, _review_queue, _conflicts, _change_log)
