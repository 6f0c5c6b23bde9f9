"""The app frame on a fresh store: the sample data is loaded and counted."""
from __future__ import annotations

from pathlib import Path

from streamlit.testing.v1 import AppTest

APP = Path(__file__).resolve().parents[1] / "app.py"


def test_app_shows_plan_and_project_counts_on_first_start(tmp_path, monkeypatch):
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'app.db'}")
    from data_model.db import get_engine

    get_engine.cache_clear()
    at = AppTest.from_file(str(APP), default_timeout=60)
    at.run()
    assert not at.exception
    values = {metric.label: metric.value for metric in at.metric}
    assert (values["Suunnitelmat"], values["Hankkeet"]) == ("6", "116")
    assert int(values["Jäsennyshuomiot"]) > 0
