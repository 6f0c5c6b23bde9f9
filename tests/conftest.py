"""Shared fixtures: where the reference documents are, and stores on SQLite and on the real PostgreSQL."""
from __future__ import annotations

import os
import uuid
from pathlib import Path

import pytest
from sqlalchemy import text
from sqlalchemy.engine import make_url

from data_model.db import make_admin_engine, make_engine

PROJECT_ROOT = Path(__file__).resolve().parents[1]
SHARED = PROJECT_ROOT.parent / "shared"
SEEDS = SHARED / "seeds"
POSTGRES_ADMIN_URL = os.environ.get(
    "SALKKU_TEST_POSTGRES_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test"
)

requires_seeds = pytest.mark.skipif(
    not SEEDS.is_dir(), reason=f"the reference documents are not at {SEEDS} (../shared/seeds beside the project)"
)


def seed(prefix: str) -> Path:
    """The reference document whose name starts with `prefix` (e.g. '001')."""
    return next(SEEDS.glob(f"{prefix}_*.txt"))


@pytest.fixture
def sqlite_engine():
    engine = make_engine("sqlite://")
    yield engine
    engine.dispose()


@pytest.fixture(scope="session")
def postgres_database_url():
    """A fresh database of the tests' own on the PostgreSQL server, dropped afterwards."""
    try:
        admin = make_admin_engine(POSTGRES_ADMIN_URL)
        with admin.connect() as connection:
            connection.execute(text("select 1"))
    except Exception as error:  # no server, no driver, no permission
        reason = f"PostgreSQL is not reachable at {POSTGRES_ADMIN_URL}: {type(error).__name__}"
        if os.environ.get("SALKKU_REQUIRE_POSTGRES"):
            pytest.fail(reason + " (SALKKU_REQUIRE_POSTGRES is set: CI must run these tests)")
        pytest.skip(reason)
    name = f"salkku_test_{uuid.uuid4().hex[:12]}"
    with admin.connect() as connection:
        connection.execute(text(f'create database "{name}"'))
    try:
        yield make_url(POSTGRES_ADMIN_URL).set(database=name).render_as_string(hide_password=False)
    finally:
        with admin.connect() as connection:
            connection.execute(text(f'drop database if exists "{name}" with (force)'))
        admin.dispose()


def empty_postgres_schema(url: str) -> None:
    """Everything in the test database goes: tables, the schema version, sequences."""
    engine = make_engine(url, prepare=False)
    with engine.begin() as connection:
        connection.execute(text("drop schema public cascade"))
        connection.execute(text("create schema public"))
    engine.dispose()


@pytest.fixture
def postgres_engine(postgres_database_url):
    engine = make_engine(postgres_database_url)
    yield engine
    engine.dispose()
    empty_postgres_schema(postgres_database_url)


@pytest.fixture(params=["sqlite", "postgres"])
def engine(request):
    """The same test on the embedded store and on the shared PostgreSQL store."""
    yield request.getfixturevalue(f"{request.param}_engine")


@pytest.fixture(params=["sqlite", "postgres"])
def shared_store_url(request, tmp_path) -> str:
    """An empty store that separate engines, threads or processes can share: a SQLite file, or the tests'
    PostgreSQL database emptied before and after."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'shared.db'}"
        return
    url = request.getfixturevalue("postgres_database_url")
    empty_postgres_schema(url)
    yield url
    empty_postgres_schema(url)


def postgres_with_sample(url: str) -> str:
    """The tests' PostgreSQL database emptied and given the sample plans on purpose (a shared store starts empty)."""
    from data_model.sample import load_sample_data

    empty_postgres_schema(url)
    engine = make_engine(url)
    load_sample_data(engine)
    engine.dispose()
    return url
