"""Stores that upgrade: the migrations build what the models say, a store of the first release upgrades with
nothing lost (SQLite and the real PostgreSQL), and a store newer than the code is refused."""
from __future__ import annotations

import shutil
import sqlite3
from decimal import Decimal
from pathlib import Path

import psycopg
import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import inspect, text
from sqlalchemy.engine import make_url
from sqlmodel import Session, SQLModel, select

from data_model import schema
from data_model.db import make_engine
from data_model.store import import_plans
from data_model.tables import CostItem, ImportRun, Plan, ProjectEntry, StoreChange, StoreSetting
from loaders import load_document
from loaders.__main__ import main
from tests.conftest import empty_postgres_schema

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "release_2026_11"
EXAMPLE = Path(__file__).resolve().parents[2] / "sample_data" / "esimerkkila_toimenpidesuunnitelma_2027.md"
OLD_TABLES = ("organisation", "plan", "strategic_theme", "service_area", "project_entry", "cost_item",
              "resource_need", "parse_note", "import_run")


def fixture_counts() -> dict[str, int]:
    """Rows per table in the first release's store, read with sqlite3 alone (no Salkku code)."""
    with sqlite3.connect(FIXTURE / "store.sqlite") as connection:
        return {table: connection.execute(f'select count(*) from "{table}"').fetchone()[0] for table in OLD_TABLES}


def counts(engine) -> dict[str, int]:  # noqa: ANN001
    with engine.connect() as connection:
        return {table: connection.execute(text(f'select count(*) from "{table}"')).scalar() for table in OLD_TABLES}


@pytest.fixture
def old_sqlite_url(tmp_path) -> str:
    copy = tmp_path / "release-1.sqlite"
    shutil.copy(FIXTURE / "store.sqlite", copy)
    return f"sqlite:///{copy}"


@pytest.fixture
def old_postgres_url(postgres_database_url) -> str:
    """The first release's schema and data, loaded into the tests' own PostgreSQL database."""
    empty_postgres_schema(postgres_database_url)
    plain = make_url(postgres_database_url).set(drivername="postgresql").render_as_string(hide_password=False)
    with psycopg.connect(plain, autocommit=True) as connection:
        connection.execute((FIXTURE / "schema_postgresql.sql").read_text(encoding="utf-8"))
        connection.execute((FIXTURE / "data_postgresql.sql").read_text(encoding="utf-8"))
    yield postgres_database_url
    empty_postgres_schema(postgres_database_url)


@pytest.fixture(params=["sqlite", "postgres"])
def old_store_url(request) -> str:
    return request.getfixturevalue(f"old_{request.param}_url")


def test_the_first_release_store_upgrades_with_nothing_lost(old_store_url):
    before = fixture_counts()
    engine = make_engine(old_store_url)  # every start brings the store up to date
    assert counts(engine) == before
    with engine.connect() as connection:
        assert schema.current_revision(connection) == schema.head_revision()
    with Session(engine) as session:
        plans = {plan.key: plan for plan in session.exec(select(Plan)).all()}
        assert set(plans) == {
            "naantali-toimenpidesuunnitelma-2022", "naantali-toimenpidesuunnitelma-2023", "naantali-strategia-2017-2021",
            "kauniainen-toimenpidesuunnitelma-2021-2023", "naantali-toimenpidesuunnitelma-2024",
            "esimerkkila-toimenpidesuunnitelma-2027", "exampleshire-council-toimenpidesuunnitelma-2025",
        }
        # The first release's sample data is marked as demo; the city's own sheet is not.
        assert {key for key, plan in plans.items() if plan.demo} == set(plans) - {"exampleshire-council-toimenpidesuunnitelma-2025"}
        assert session.exec(select(StoreSetting.value).where(StoreSetting.name == "sample_data_loaded")).first()
        pounds = session.exec(select(CostItem).where(CostItem.currency == "GBP").order_by(CostItem.id)).all()
        assert [(item.kind, item.min_amount, item.max_amount) for item in pounds] == [
            ("one_off", Decimal("1200000.00"), Decimal("1500000.00")),
            ("one_off", None, Decimal("250000.00")),
            ("annual", Decimal("40000.00"), Decimal("40000.00")),
        ]
        runs = session.exec(select(ImportRun).order_by(ImportRun.id)).all()
        assert [run.outcome for run in runs] == ["ok", "ok", "failed"]
        assert session.exec(select(StoreChange.action)).all() == ["upgrade"]
    # The upgraded store takes new imports (its id sequences were carried over).
    summary = import_plans(engine, [load_document(EXAMPLE, organisation="Uusikylä")])
    assert summary.plans[0].key == "uusikyla-toimenpidesuunnitelma-2027" and summary.projects == 5
    with Session(engine) as session:
        assert len(session.exec(select(ProjectEntry)).all()) == before["project_entry"] + 5
    engine.dispose()


def test_upgrading_again_changes_nothing(old_sqlite_url):
    engine = make_engine(old_sqlite_url)
    first = counts(engine)
    engine.dispose()
    engine = make_engine(old_sqlite_url)
    assert counts(engine) == first
    with Session(engine) as session:
        assert session.exec(select(StoreChange.action)).all() == ["upgrade"]
    engine.dispose()


def _migrated(url: str):  # noqa: ANN202
    engine = make_engine(url, prepare=False)
    with engine.begin() as connection:
        command.upgrade(schema.alembic_config(connection), "head")
    return engine


@pytest.fixture
def blank_url(shared_store_url) -> str:
    return shared_store_url


def test_the_migrations_build_exactly_what_the_models_say(blank_url):
    """A new store is made by create_all and stamped; this proves the migrations would build the same schema."""
    engine = _migrated(blank_url)
    with engine.connect() as connection:
        differences = compare_metadata(MigrationContext.configure(connection, opts={"compare_type": True}),
                                       SQLModel.metadata)
    engine.dispose()
    assert differences == []


def _shape(connection) -> dict:  # noqa: ANN001
    """Tables with their columns (name, type, nullable), indexes, foreign keys and unique constraints."""
    inspector = inspect(connection)
    shape = {}
    for table in sorted(set(inspector.get_table_names()) - {"alembic_version"}):
        shape[table] = {
            "columns": [(column["name"], str(column["type"]).split("(")[0], str(column["type"]), column["nullable"])
                        for column in inspector.get_columns(table)],
            "indexes": sorted((index["name"], tuple(index["column_names"]), bool(index["unique"]))
                              for index in inspector.get_indexes(table)),
            "foreign_keys": sorted((tuple(key["constrained_columns"]), key["referred_table"],
                                    key.get("options", {}).get("ondelete")) for key in inspector.get_foreign_keys(table)),
            "unique": sorted(tuple(unique["column_names"]) for unique in inspector.get_unique_constraints(table)),
        }
    return shape


def test_the_baseline_revision_is_the_first_release_schema(tmp_path):
    fresh = make_engine(f"sqlite:///{tmp_path / 'baseline.sqlite'}", prepare=False)
    with fresh.begin() as connection:
        command.upgrade(schema.alembic_config(connection), schema.BASELINE)
    old = make_engine(f"sqlite:///{FIXTURE / 'store.sqlite'}", prepare=False)
    with fresh.connect() as new_connection, old.connect() as old_connection:
        assert _shape(new_connection) == _shape(old_connection)
    fresh.dispose()
    old.dispose()


def test_a_store_newer_than_the_code_is_refused(tmp_path, capsys):
    url = f"sqlite:///{tmp_path / 'newer.sqlite'}"
    make_engine(url).dispose()
    with sqlite3.connect(tmp_path / "newer.sqlite") as connection:
        connection.execute("update alembic_version set version_num = '9999_from_the_future'")
    with pytest.raises(schema.StoreTooNewError, match="9999_from_the_future"):
        make_engine(url)
    assert main(["plans", "--database-url", url]) == 1
    error = capsys.readouterr().err
    assert error.startswith("error: the store is at schema revision 9999_from_the_future") and "Traceback" not in error


def test_the_upgrade_command_says_what_it_did(old_sqlite_url, capsys):
    assert main(["upgrade", "--database-url", old_sqlite_url]) == 0
    assert capsys.readouterr().out.strip() == f"upgraded the store from {schema.BASELINE} to {schema.head_revision()}"
    assert main(["upgrade", "--database-url", old_sqlite_url]) == 0
    assert capsys.readouterr().out.strip() == f"the store is up to date (schema revision {schema.head_revision()})"


def test_a_new_store_is_made_at_the_newest_revision(tmp_path):
    engine = make_engine(f"sqlite:///{tmp_path / 'new.sqlite'}")
    with engine.connect() as connection:
        assert schema.current_revision(connection) == schema.head_revision()
        assert set(inspect(connection).get_table_names()) >= {"plan", "source_document", "store_change", "store_setting"}
    engine.dispose()


def test_an_upgraded_first_release_store_takes_lineage_decisions_and_matches_its_plans(old_store_url):
    """Revision 0005 adds the lineage decisions: on the upgraded store the Naantali plans match across versions,
    a decision is kept with its person and time, and it is applied."""
    from data_model import lineage

    engine = make_engine(old_store_url)
    with Session(engine) as session:
        before = lineage.build(session, organisation="Naantali")
    pair = ("naantali-toimenpidesuunnitelma-2022", "2.4"), ("naantali-toimenpidesuunnitelma-2023", "2.4")
    found = set(zip(before.matches["older_plan_key"], before.matches["older_code"], before.matches["newer_code"]))
    assert (pair[0][0], "2.4", "2.4") in found
    lineage.decide(engine, "reject", *pair, actor="upgrade test")
    with Session(engine) as session:
        after = lineage.build(session, organisation="Naantali")
        made = lineage.decisions(session)
    assert (pair[0][0], "2.4", "2.4") not in set(zip(after.matches["older_plan_key"], after.matches["older_code"],
                                                     after.matches["newer_code"]))
    assert made[["kind", "actor"]].values.tolist() == [["reject", "upgrade test"]] and made["decided_at"].notna().all()
    engine.dispose()
