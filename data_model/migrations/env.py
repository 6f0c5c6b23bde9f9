"""Alembic environment for the Salkku store: migrations run over SQLModel's metadata, in batch mode for SQLite.

data_model.schema passes the connection (config.attributes["connection"]); with a URL instead (the alembic
command line), an engine is made here.
"""
from __future__ import annotations

from alembic import context
from sqlalchemy import create_engine
from sqlmodel import SQLModel

from data_model import tables  # noqa: F401  (registers the tables on SQLModel.metadata)

config = context.config


def _run(connection) -> None:  # noqa: ANN001
    context.configure(
        connection=connection,
        target_metadata=SQLModel.metadata,
        render_as_batch=connection.dialect.name == "sqlite",  # SQLite alters tables by copying them
        compare_type=True,
    )
    with context.begin_transaction():
        context.run_migrations()


connection = config.attributes.get("connection")
if connection is not None:
    _run(connection)
else:
    engine = create_engine(config.get_main_option("sqlalchemy.url"))
    with engine.begin() as new_connection:
        _run(new_connection)
    engine.dispose()
