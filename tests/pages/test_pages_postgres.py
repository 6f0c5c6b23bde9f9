"""The page queries against PostgreSQL: the app loads the sample into an empty PostgreSQL store and every
data page renders from it."""
from __future__ import annotations

import pytest
from sqlmodel import SQLModel

from components.i18n import translate
from data_model.db import make_engine
from tests.pages.conftest import PAGES, TODAY, run_page

POSTGRES_PAGES = ["yleiskuva", "aikataulu", "kustannukset", "todennakoisyys", "resurssit", "hankkeet", "suunnitelmat", "tietojen-laatu"]


@pytest.fixture(scope="module")
def postgres_store_url(postgres_database_url):
    """The tests' PostgreSQL database, emptied before and after this module (other tests share it)."""
    engine = make_engine(postgres_database_url)
    SQLModel.metadata.drop_all(engine)
    yield postgres_database_url
    SQLModel.metadata.drop_all(engine)
    engine.dispose()


@pytest.fixture
def postgres_store(postgres_store_url, monkeypatch) -> str:
    monkeypatch.setenv("DATABASE_URL", postgres_store_url)
    monkeypatch.setenv("SALKKU_TODAY", TODAY)
    return postgres_store_url


def test_overview_on_postgres_counts_the_sample_portfolios_50_projects(postgres_store):
    at = run_page("yleiskuva")  # first start: the sample is loaded into the empty store
    assert not at.exception, [exception.value for exception in at.exception]
    metrics = {metric.label: metric.value for metric in at.metric}
    assert metrics[translate("overview.projects", "fi")] == "50"


@pytest.mark.parametrize("url_path", POSTGRES_PAGES)
def test_page_renders_from_postgres(postgres_store, url_path):
    at = run_page(url_path)
    assert not at.exception, [exception.value for exception in at.exception]
    assert at.title[0].value == translate(PAGES[url_path][1], "fi")
    assert not at.error
    assert at.dataframe or at.metric
