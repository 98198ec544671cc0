"""Bring a database's schema up to date with Alembic, through SQLAlchemy.

Imported only when a database is new or behind (and by tests and tools that look at the schema):
the store itself reads and writes through the drivers (:mod:`backbridge.store.sql`), so a
command on an up-to-date database never pays for importing SQLAlchemy or Alembic.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import Engine, create_engine, event, inspect, text

from backbridge.store.database import MIGRATIONS, locate
from backbridge.store.sql import sqlite_connection


def sqlalchemy_engine(url: str) -> Engine:
    """An engine on ``url`` whose connections are tuned as the store's own: for SQLite the same
    pragmas, and transactions begun explicitly (``BEGIN``)."""
    location = locate(url)
    if location.dialect != "sqlite":  # through psycopg, however the URL names the driver
        return create_engine("postgresql+psycopg://" + url.partition("://")[2], pool_pre_ping=True)
    path, uri = location.target, location.uri
    engine = create_engine(url, creator=lambda: sqlite_connection(path, converters=False, uri=uri))

    @event.listens_for(engine, "begin")
    def _begin(connection: Any) -> None:
        connection.exec_driver_sql("BEGIN")

    return engine


def current_revision(engine: Engine) -> str | None:
    """The schema revision the database is at, or None for an empty database."""
    with engine.connect() as connection:
        if not inspect(connection).has_table("alembic_version"):
            return None
        return connection.execute(text("SELECT version_num FROM alembic_version")).scalar()


def upgrade(engine: Engine, revision: str = "head") -> None:
    """Run the migrations up to ``revision`` in one transaction."""
    from alembic import command
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, revision)


def sqlite_schema() -> str:
    """The SQLite schema the migrations make, as the statements that make it again: what a new
    SQLite database is created from (``store/schema.sqlite.sql``), so that the first command in
    a new home does not import SQLAlchemy and Alembic to run every migration in turn. A test
    keeps the file equal to this; ``make schema`` writes it."""
    import sqlite3
    import tempfile
    from pathlib import Path

    from backbridge.store.migrations import HEAD

    with tempfile.TemporaryDirectory() as folder:
        url = f"sqlite:///{Path(folder) / 'schema.db'}"
        engine = sqlalchemy_engine(url)
        try:
            upgrade(engine)
        finally:
            engine.dispose()
        with sqlite3.connect(Path(folder) / "schema.db") as made:
            statements = [
                sql for (sql,) in made.execute(
                    "SELECT sql FROM sqlite_master WHERE sql IS NOT NULL ORDER BY rowid"
                )
            ]  # fmt: skip
        made.close()
    statements.append(f"INSERT INTO alembic_version (version_num) VALUES ('{HEAD}')")
    header = (
        "-- The SQLite schema the migrations make (schema " + HEAD + "), written by `make schema`"
        "\n-- (backbridge.store.migrating.sqlite_schema); do not edit: add a migration instead.\n"
    )
    return header + "".join(f"{statement};\n" for statement in statements)


__all__ = ["MIGRATIONS", "current_revision", "sqlalchemy_engine", "sqlite_schema", "upgrade"]


if __name__ == "__main__":
    print(sqlite_schema(), end="")
