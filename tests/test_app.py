"""The app frame on a fresh store: the sample data is loaded and counted."""
from __future__ import annotations

from pathlib import Path

from sqlmodel import Session
from streamlit.testing.v1 import AppTest

from data_model.store import store_counts

APP = Path(__file__).resolve().parents[1] / "app.py"


def test_app_loads_the_sample_on_first_start_and_counts_the_default_selection(tmp_path, monkeypatch):
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'app.db'}")
    from data_model.db import get_engine

    get_engine.cache_clear()
    at = AppTest.from_file(str(APP), default_timeout=60)
    at.run()
    assert not at.exception
    values = {metric.label: metric.value for metric in at.metric}
    assert values["Hankkeita"] == "50"  # the latest plan of each of the three organisations
    with Session(get_engine()) as session:
        assert store_counts(session)["plans"] == 6 and store_counts(session)["projects"] == 116


def test_the_start_up_warm_up_reads_what_the_first_overview_reads(tmp_path, monkeypatch):
    """serve.py's warm-up (data.warm_up) fills the caches with the default selection's projects: the first
    visitor's Overview then runs no projects query of its own, and counts the same."""
    import streamlit as st

    from components import data
    from data_model import queries
    from data_model.db import get_engine

    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'warm.db'}")
    get_engine.cache_clear()
    st.cache_data.clear()
    st.cache_resource.clear()
    data.warm_up()
    queried = []
    original = queries.projects
    monkeypatch.setattr(queries, "projects", lambda *args, **kwargs: queried.append(kwargs) or original(*args, **kwargs))
    at = AppTest.from_file(str(APP), default_timeout=60)
    at.run()
    assert not at.exception
    assert {metric.label: metric.value for metric in at.metric}["Hankkeita"] == "50"
    assert queried == []
