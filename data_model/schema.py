"""The store's schema version: Alembic migrations over SQLModel's metadata.

Every start brings a store up to date (`prepare_schema`): a new store is created at the newest revision, a
store of the first release (tables but no version marker) is stamped with the baseline and upgraded, and a
store that a newer Salkku has upgraded is refused rather than misread.
"""
from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import inspect, text
from sqlalchemy.engine import Connection, Engine
from sqlmodel import SQLModel

MIGRATIONS = Path(__file__).resolve().parent / "migrations"
BASELINE = "0001_baseline"
# Any number will do, as long as every Salkku process uses the same one (PostgreSQL advisory lock).
MIGRATION_LOCK = 7_263_455_001


class StoreTooNewError(RuntimeError):
    """The store was upgraded by a newer Salkku than this one."""


def alembic_config(connection: Connection | None = None) -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    if connection is not None:
        config.attributes["connection"] = connection
    return config


def head_revision() -> str:
    return ScriptDirectory.from_config(alembic_config()).get_current_head()


def known_revisions() -> set[str]:
    return {script.revision for script in ScriptDirectory.from_config(alembic_config()).walk_revisions()}


def current_revision(connection: Connection) -> str | None:
    return MigrationContext.configure(connection).get_current_revision()


def prepare_schema(engine: Engine) -> tuple[str | None, str]:
    """Bring the store to the newest revision; returns (revision before, revision after)."""
    head = head_revision()
    with engine.connect() as connection:  # the usual case, a store already up to date, takes no lock
        before = current_revision(connection)
    if before == head:
        return before, head
    _refuse_unknown(before, head)
    with _migration_connection(engine) as connection:
        # Two servers starting at once: the second waits here, then finds the store already up to date.
        if connection.dialect.name == "postgresql":
            connection.execute(text("select pg_advisory_xact_lock(:key)"), {"key": MIGRATION_LOCK})
        before = current_revision(connection)
        tables = set(inspect(connection).get_table_names())
        if before is None and "plan" not in tables:
            # A new store: the tables as the models say, marked as the newest revision. A test proves that the
            # migrations build the same schema.
            SQLModel.metadata.create_all(connection)
            command.stamp(alembic_config(connection), "head")
            return None, head
        if before is None:
            command.stamp(alembic_config(connection), BASELINE)
            before = BASELINE
        _refuse_unknown(before, head)
        if before != head:
            command.upgrade(alembic_config(connection), "head")
        return before, head


def _refuse_unknown(revision: str | None, head: str) -> None:
    if revision is not None and revision not in known_revisions():
        raise StoreTooNewError(
            f"the store is at schema revision {revision}, which this version of Salkku does not know (it knows up "
            f"to {head}); a newer Salkku has upgraded it. Install that version instead of this one."
        )


class _migration_connection:
    """A connection in one transaction for the whole upgrade. SQLite copies tables to alter them, so its
    foreign keys are off meanwhile (a dropped copy must not cascade) and checked before the commit."""

    def __init__(self, engine: Engine):
        self.engine = engine

    def __enter__(self) -> Connection:
        # On SQLite a writer's BEGIN IMMEDIATE: a second process starting at once waits instead of colliding.
        self.connection = self.engine.execution_options(salkku_write=True).connect()
        self.sqlite = self.connection.dialect.name == "sqlite"
        if self.sqlite:  # outside any transaction, or SQLite ignores it
            self.connection.connection.dbapi_connection.execute("PRAGMA foreign_keys=OFF")
        self.transaction = self.connection.begin()
        return self.connection

    def __exit__(self, kind, error, trace) -> None:  # noqa: ANN001
        try:
            if error is None and self.sqlite:
                problems = self.connection.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
                if problems:
                    raise RuntimeError(f"the upgrade would break {len(problems)} references; nothing was changed")
            if error is None:
                self.transaction.commit()
            else:
                self.transaction.rollback()
        except BaseException:
            self.transaction.rollback()
            raise
        finally:
            if self.sqlite:
                self.connection.connection.dbapi_connection.execute("PRAGMA foreign_keys=ON")
            self.connection.close()
