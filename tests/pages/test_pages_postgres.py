"""The pages against PostgreSQL: a shared store starts empty (the sample data is only for the embedded
default), and every data page renders from a PostgreSQL store that holds plans."""
from __future__ import annotations

import pytest
from sqlmodel import Session

from components.i18n import translate
from data_model.db import make_engine
from data_model.store import store_counts
from tests.conftest import empty_postgres_schema, postgres_with_sample
from tests.pages.conftest import PAGES, TODAY, run_page

POSTGRES_PAGES = ["yleiskuva", "aikataulu", "kustannukset", "todennakoisyys", "resurssit", "hankkeet", "suunnitelmat", "tietojen-laatu"]


@pytest.fixture
def empty_postgres_store(postgres_database_url, monkeypatch) -> str:
    empty_postgres_schema(postgres_database_url)
    monkeypatch.setenv("DATABASE_URL", postgres_database_url)
    monkeypatch.setenv("SALKKU_TODAY", TODAY)
    yield postgres_database_url
    empty_postgres_schema(postgres_database_url)


@pytest.fixture(scope="module")
def postgres_store_url(postgres_database_url):
    """The tests' PostgreSQL database with the sample plans imported on purpose (other tests share it)."""
    yield postgres_with_sample(postgres_database_url)
    empty_postgres_schema(postgres_database_url)


@pytest.fixture
def postgres_store(postgres_store_url, monkeypatch) -> str:
    monkeypatch.setenv("DATABASE_URL", postgres_store_url)
    monkeypatch.setenv("SALKKU_TODAY", TODAY)
    return postgres_store_url


def test_a_new_postgres_store_gets_no_sample_data(empty_postgres_store):
    at = run_page("yleiskuva")
    assert not at.exception, [exception.value for exception in at.exception]
    assert [info.value for info in at.info] == [translate("common.empty_store", "fi")]
    engine = make_engine(empty_postgres_store)
    with Session(engine) as session:
        assert store_counts(session)["plans"] == 0
    engine.dispose()


def test_overview_on_postgres_counts_the_sample_portfolios_50_projects(postgres_store):
    at = run_page("yleiskuva")
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
