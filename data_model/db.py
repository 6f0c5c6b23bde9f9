"""Engines and sessions: the only module that opens database connections.

The store is chosen by DATABASE_URL; without it, a SQLite file at var/salkku.db in the project folder.
Every engine brings its store up to date before use (data_model.schema). Writers take one store-wide
lock, so two imports at once run one after the other instead of colliding.
"""
from __future__ import annotations

import os
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from functools import lru_cache
from pathlib import Path

from sqlalchemy import event, text
from sqlalchemy.engine import Engine
from sqlalchemy.exc import DBAPIError, OperationalError
from sqlalchemy.pool import StaticPool
from sqlmodel import Session, create_engine

from data_model import tables  # noqa: F401  (registers the tables on SQLModel.metadata)

PROJECT_ROOT = Path(__file__).resolve().parents[1]
DEFAULT_SQLITE_PATH = PROJECT_ROOT / "var" / "salkku.db"
WRITE_LOCK = 7_263_455_002  # PostgreSQL advisory lock taken by every writing transaction
DEFAULT_WRITE_WAIT_SECONDS = 60


class StoreBusyError(RuntimeError):
    """Another change of the store did not finish within the wait."""


def database_url() -> str:
    """DATABASE_URL when set, else the embedded SQLite file."""
    url = os.environ.get("DATABASE_URL", "").strip()
    if url:
        # Plain postgresql:// URLs would pick psycopg2; we ship psycopg 3.
        if url.startswith("postgresql://") or url.startswith("postgres://"):
            url = "postgresql+psycopg://" + url.split("://", 1)[1]
        return url
    return f"sqlite:///{DEFAULT_SQLITE_PATH}"


def is_sqlite(url_or_engine: str | Engine) -> bool:
    url = url_or_engine if isinstance(url_or_engine, str) else url_or_engine.url.render_as_string()
    return url.startswith("sqlite")


def write_wait_seconds() -> float:
    return float(os.environ.get("SALKKU_WRITE_WAIT_SECONDS", DEFAULT_WRITE_WAIT_SECONDS))


def _configure_sqlite(engine: Engine, file_backed: bool) -> None:
    """Foreign keys on, and transactions that SQLAlchemy begins itself: a writer begins with BEGIN IMMEDIATE,
    so it waits for another writer up front instead of failing half-way (pysqlite's own BEGIN is deferred)."""

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection, _record):  # noqa: ANN001
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA foreign_keys=ON")
        if file_backed:
            try:
                cursor.execute("PRAGMA journal_mode=WAL")  # readers go on while an import writes
            except sqlite3.OperationalError:
                pass  # another process is switching the new file to WAL this very moment; it stays WAL
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection):  # noqa: ANN001
        immediate = connection.get_execution_options().get("salkku_write")
        connection.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")


def make_engine(url: str | None = None, *, prepare: bool = True) -> Engine:
    """A new engine for `url` (default: database_url()); with `prepare`, the store is brought up to date
    (schema migrations, interrupted imports marked as failed) before it is returned."""
    url = url or database_url()
    if is_sqlite(url):
        wait = write_wait_seconds()
        if url in ("sqlite://", "sqlite:///:memory:"):
            engine = create_engine(url, connect_args={"check_same_thread": False}, poolclass=StaticPool)
            _configure_sqlite(engine, file_backed=False)
        else:
            path = url.split("sqlite:///", 1)[1]
            Path(path).parent.mkdir(parents=True, exist_ok=True)
            engine = create_engine(url, connect_args={"check_same_thread": False, "timeout": wait})
            _configure_sqlite(engine, file_backed=True)
    else:
        engine = create_engine(url, pool_pre_ping=True)
    if prepare:
        prepare_store(engine)
    return engine


def prepare_store(engine: Engine) -> None:
    from data_model.schema import prepare_schema
    from data_model.store import recover_interrupted_imports

    prepare_schema(engine)
    recover_interrupted_imports(engine)


def make_admin_engine(url: str) -> Engine:
    """An autocommit engine without schema, for creating and dropping databases (tests, setup)."""
    return create_engine(url, isolation_level="AUTOCOMMIT", connect_args={"connect_timeout": 3})


@lru_cache(maxsize=8)
def get_engine(url: str | None = None) -> Engine:
    """One shared engine per URL for the app and the command line."""
    return make_engine(url or database_url())


def _busy(error: BaseException) -> bool:
    original = getattr(error, "orig", error)
    message = str(original).lower()
    return ("database is locked" in message or "lock timeout" in message
            or getattr(original, "sqlstate", None) == "55P03")  # PostgreSQL lock_not_available


def _busy_error() -> StoreBusyError:
    return StoreBusyError(f"another change of the store is still being saved (waited {write_wait_seconds():g} s); "
                          "try again shortly")


@contextmanager
def session_scope(engine: Engine | None = None, *, write: bool = False) -> Iterator[Session]:
    """A session that commits on success and rolls back on any error. With `write`, a SQLite transaction begins
    as a writer (BEGIN IMMEDIATE), so it waits for another writer up front instead of failing on its first
    write; a wait that runs out raises StoreBusyError."""
    engine = engine or get_engine()
    with Session(engine.execution_options(salkku_write=True) if write else engine) as session:
        try:
            yield session
            session.commit()
        except (OperationalError, DBAPIError) as error:
            session.rollback()
            if _busy(error):
                raise _busy_error() from None
            raise
        except BaseException:
            session.rollback()
            raise


@contextmanager
def write_session(engine: Engine) -> Iterator[Session]:
    """A session for changing the store, holding the store-wide write lock until it commits or rolls back.

    A second writer waits (up to SALKKU_WRITE_WAIT_SECONDS), then raises StoreBusyError.
    """
    with session_scope(engine, write=True) as session:
        if engine.dialect.name == "postgresql":
            session.execute(text(f"set local lock_timeout = '{max(1, int(write_wait_seconds() * 1000))}ms'"))
            session.execute(text("select pg_advisory_xact_lock(:key)"), {"key": WRITE_LOCK})
        else:
            session.connection()  # SQLite: BEGIN IMMEDIATE, waiting for another writer
        yield session


def try_write_lock(engine: Engine) -> bool:
    """Whether no writer holds the store-wide lock right now (used to tell interrupted imports from running ones)."""
    if engine.dialect.name == "postgresql":
        with engine.connect() as connection:
            return bool(connection.execute(text("select pg_try_advisory_lock(:key)"), {"key": WRITE_LOCK}).scalar()
                        and connection.execute(text("select pg_advisory_unlock(:key)"), {"key": WRITE_LOCK}).scalar())
    if engine.dialect.name == "sqlite":
        with engine.connect() as connection:
            raw = connection.connection.dbapi_connection
            try:
                raw.execute("PRAGMA busy_timeout=0")
                raw.execute("BEGIN IMMEDIATE")
                raw.execute("ROLLBACK")
                return True
            except Exception:  # noqa: BLE001  (sqlite3.OperationalError: database is locked)
                return False
            finally:
                raw.execute(f"PRAGMA busy_timeout={int(write_wait_seconds() * 1000)}")
    return True
