"""AppTest fixtures for the pages: a fresh store per test (sample or empty), cache clearing, and run_page.

Every page is reached the way a user reaches it: app.py runs first (language, filters, navigation),
then AppTest switches to the page's file.
"""
from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from streamlit.delta_generator import DeltaGenerator
import streamlit
from streamlit.testing.v1 import AppTest

from data_model.db import get_engine

PROJECT_ROOT = Path(__file__).resolve().parents[2]
APP = PROJECT_ROOT / "app.py"
TODAY = "2026-11-22"

# url_path: (file under pages/, title key in components.i18n.TEXTS), in navigation order.
PAGES: dict[str, tuple[str, str]] = {
    "yleiskuva": ("overview.py", "page.overview"),
    "aikataulu": ("schedule.py", "page.schedule"),
    "kustannukset": ("costs.py", "page.costs"),
    "todennakoisyys": ("probability.py", "page.probability"),
    "resurssit": ("resources.py", "page.resources"),
    "esitys": ("presentation.py", "pack.figures"),  # presentation mode opens on its first topic
    "hankkeet": ("projects.py", "page.projects"),
    "suunnitelmat": ("plans.py", "page.plans"),
    "tietojen-laatu": ("quality.py", "page.quality"),
    "tuonti": ("import_page.py", "page.import"),
}
DEFAULT_PAGE = "yleiskuva"


def clear_caches() -> None:
    streamlit.cache_data.clear()
    streamlit.cache_resource.clear()
    get_engine.cache_clear()


@pytest.fixture(autouse=True)
def _fresh_caches():
    """st.cache_data / cache_resource and the engine cache outlive an AppTest: start and end each test clean."""
    clear_caches()
    yield
    clear_caches()


@pytest.fixture
def sample_store(tmp_path, monkeypatch) -> str:
    """A fresh SQLite store; the app loads the sample data into it on its first run."""
    url = f"sqlite:///{tmp_path / 'salkku.db'}"
    monkeypatch.setenv("DATABASE_URL", url)
    monkeypatch.setenv("SALKKU_TODAY", TODAY)
    return url


@pytest.fixture
def empty_store(sample_store, monkeypatch) -> str:
    """A fresh SQLite store that stays empty: the first-start sample loading is switched off."""

    def no_sample(engine):  # noqa: ANN001, ARG001
        return None

    monkeypatch.setattr("data_model.sample.ensure_sample_data", no_sample)
    # components.data imported the name, so it holds its own reference.
    monkeypatch.setattr("components.data.ensure_sample_data", no_sample)
    return sample_store


def page_file(url_path_or_file: str) -> str:
    """'hankkeet', 'projects.py' or 'pages/projects.py' -> 'projects.py'."""
    if url_path_or_file in PAGES:
        return PAGES[url_path_or_file][0]
    return Path(url_path_or_file).name


def run_page(url_path_or_file: str = DEFAULT_PAGE, query: dict[str, Any] | None = None, lang: str | None = None, *,
             secrets: dict[str, Any] | None = None, user: dict[str, Any] | None = None) -> AppTest:
    """Run app.py with `query` as the URL's query parameters, then open the page. `secrets` and `user` stand for
    `.streamlit/secrets.toml` and the signed-in person (st.user).

    `lang` switches the language through the sidebar control (the user's way), not through the URL:
    the bound control writes its display label ('English'), not the code, into the URL.
    """
    at = AppTest.from_file(str(APP), default_timeout=60)
    for name, value in (secrets or {}).items():
        at.secrets[name] = value
    if user is not None:
        at.user = user
    for name, value in (query or {}).items():
        at.query_params[name] = value
    at.run()
    if lang is not None:
        at.segmented_control(key="lang").set_value(lang).run()
    file = page_file(url_path_or_file)
    if file != PAGES[DEFAULT_PAGE][0]:
        at.switch_page(f"pages/{file}").run()
    return at


@pytest.fixture
def offered(monkeypatch) -> dict[str, dict]:
    """What each download button offered (label, data, file name, …), by key, as the page called it."""
    found: dict[str, dict] = {}
    original = DeltaGenerator.download_button

    def recorder(self, label, data, *args, **options):
        found[options.get("key")] = {"label": label, "data": data, **options}
        return original(self, label, data, *args, **options)

    monkeypatch.setattr(DeltaGenerator, "download_button", recorder)
    return found
