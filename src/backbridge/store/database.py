"""Open a database from a URL, tune SQLite for durability, and bring the schema up to date."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, OperationalError
from sqlalchemy.orm import Session, sessionmaker

from backbridge.errors import BackbridgeError
from backbridge.settings import Settings

MIGRATIONS = Path(__file__).parent / "migrations"


class DatabaseUnavailable(BackbridgeError):
    """The database URL is malformed or the server cannot be reached."""


@dataclass(frozen=True)
class Database:
    engine: Engine
    sessions: sessionmaker[Session]

    @contextmanager
    def transaction(self) -> Iterator[Session]:
        """One unit of work: committed on success, rolled back on any error."""
        with self.sessions.begin() as session:
            yield session

    def dispose(self) -> None:
        self.engine.dispose()


def open_database(settings: Settings) -> Database:
    """Connect to the configured database and migrate it to the newest schema."""
    url = settings.resolved_database_url
    try:
        parsed = make_url(url)
    except ArgumentError:
        raise DatabaseUnavailable(
            f"BACKBRIDGE_DATABASE_URL '{url}' is not a database URL; "
            "expected e.g. sqlite:///path/to/backbridge.db or postgresql+psycopg://user@host/db"
        ) from None
    if parsed.get_backend_name() == "sqlite" and parsed.database not in (None, "", ":memory:"):
        Path(parsed.database).parent.mkdir(parents=True, exist_ok=True)
    try:
        engine = _create_engine(url)
        migrate(engine)
    except OperationalError as error:
        raise DatabaseUnavailable(
            f"cannot open the database at {parsed.render_as_string(hide_password=True)}: "
            f"{error.orig}; check BACKBRIDGE_DATABASE_URL and that the server is running"
        ) from None
    except ModuleNotFoundError as error:
        raise DatabaseUnavailable(
            f"the driver for {parsed.drivername} is not installed ({error.name}); "
            "for PostgreSQL install backbridge[postgres]"
        ) from None
    return Database(engine=engine, sessions=sessionmaker(engine, expire_on_commit=False))


def _create_engine(url: str) -> Engine:
    if make_url(url).get_backend_name() != "sqlite":
        return create_engine(url, pool_pre_ping=True)
    engine = create_engine(url, connect_args={"timeout": 30})

    @event.listens_for(engine, "connect")
    def _tune_sqlite(dbapi_connection: Any, _record: Any) -> None:
        cursor = dbapi_connection.cursor()
        # WAL lets readers and the writer work side by side; FULL syncs every commit so a
        # logged set survives even a power cut, not only a killed process.
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA synchronous=FULL")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.close()

    return engine


def _alembic_config() -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    return config


def migrate(engine: Engine) -> None:
    """Upgrade the schema to the newest migration; a no-op when it is already there."""
    config = _alembic_config()
    head = ScriptDirectory.from_config(config).get_current_head()
    with engine.begin() as connection:
        current = MigrationContext.configure(connection).get_current_revision()
        if current == head:
            return
        config.attributes["connection"] = connection
        command.upgrade(config, "head")
