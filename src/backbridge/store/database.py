"""Open a database from a URL, tune SQLite for durability, and bring the schema up to date."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import AbstractContextManager, contextmanager, nullcontext
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Engine, create_engine, event, inspect, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, DatabaseError, OperationalError

from backbridge.errors import BackbridgeError
from backbridge.settings import Settings
from backbridge.store.migrations import HEAD

MIGRATIONS = Path(__file__).parent / "migrations"


class DatabaseUnavailable(BackbridgeError):
    """The database URL is malformed or the server cannot be reached."""


WRITE = "backbridge_write"
"""Execution option marking a connection whose transactions write."""
ADVISORY_LOCK = 0x6261636B62726467
"""The PostgreSQL advisory-lock key every writing transaction takes ("backbrdg" in ASCII)."""
ADVISORY_XACT_LOCK = text("SELECT pg_advisory_xact_lock(:key)")


@dataclass(frozen=True)
class Database:
    engine: Engine
    writer: Engine
    """:attr:`engine` with the execution option that makes its transactions write."""

    write_lock: AbstractContextManager[object] = field(default_factory=nullcontext)
    """SQLite allows one writer at a time and makes the others sleep and retry, which shows as
    tens of milliseconds of tail latency under concurrent logging; in one process, writers
    queue on this lock instead. PostgreSQL needs none."""

    @contextmanager
    def read(self) -> Iterator[Connection]:
        """A transaction that only reads (one snapshot for every query); rolled back at the
        end."""
        with self.engine.connect() as connection:
            yield connection

    @contextmanager
    def write(self) -> Iterator[Connection]:
        """A transaction that changes rows: committed on success, rolled back on any error.

        Every writer takes the write lock first, so a read-then-write (find the day's session,
        number the set, store it) is never interleaved with another writer: on SQLite the
        transaction begins IMMEDIATE (other processes wait in the busy handler, other threads on
        :attr:`write_lock`); on PostgreSQL it takes a transaction-scoped advisory lock.

        When the database cannot take the write (a read-only file or folder, a full disk, a
        server gone), nothing is stored and :class:`DatabaseUnavailable` says so in one line."""
        try:
            with self.write_lock, self.writer.begin() as connection:
                if self.engine.dialect.name == "postgresql":
                    connection.execute(ADVISORY_XACT_LOCK, {"key": ADVISORY_LOCK})
                yield connection
        except OperationalError as error:
            raise self._unwritable(error) from None

    def _unwritable(self, error: OperationalError) -> DatabaseUnavailable:
        where = self.engine.url.render_as_string(hide_password=True)
        return DatabaseUnavailable(
            f"cannot write to the database at {where} ({one_line(error.orig)}); nothing was "
            "stored: check that it can be written and that the disk has room"
        )

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
    if parsed.get_backend_name() not in ("sqlite", "postgresql"):
        raise DatabaseUnavailable(
            f"backbridge keeps its data in SQLite or PostgreSQL, not {parsed.get_backend_name()}; "
            "set BACKBRIDGE_DATABASE_URL to a sqlite:/// or postgresql+psycopg:// URL"
        )
    if parsed.get_backend_name() == "sqlite" and parsed.database not in (None, "", ":memory:"):
        folder = Path(parsed.database).parent
        try:
            folder.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            raise DatabaseUnavailable(
                f"cannot use {folder} as the data folder ({error.strerror}); set "
                "BACKBRIDGE_HOME to a folder you can write to"
            ) from None
    try:
        engine = _create_engine(url)
        migrate(engine)
    except OperationalError as error:
        raise DatabaseUnavailable(
            f"cannot open the database at {parsed.render_as_string(hide_password=True)}: "
            f"{one_line(error.orig)}; check BACKBRIDGE_DATABASE_URL and that the server is running"
        ) from None
    except DatabaseError as error:
        raise DatabaseUnavailable(
            f"the database at {parsed.render_as_string(hide_password=True)} is damaged or is not "
            f"a backbridge database ({error.orig}); restore it from a backup, or move the file "
            "away to start afresh"
        ) from None
    except ModuleNotFoundError as error:
        raise DatabaseUnavailable(
            f"the driver for {parsed.drivername} is not installed ({error.name}); "
            "for PostgreSQL install backbridge[postgres]"
        ) from None
    lock: AbstractContextManager[object] = (
        threading.Lock() if engine.dialect.name == "sqlite" else nullcontext()
    )
    return Database(
        engine=engine, writer=engine.execution_options(**{WRITE: True}), write_lock=lock
    )


def one_line(error: object) -> str:
    """A driver's message, which may span lines, as one line."""
    return " ".join(str(error).split())


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
        # The driver's own BEGIN is deferred; the "begin" hook below emits it instead.
        dbapi_connection.isolation_level = None

    @event.listens_for(engine, "begin")
    def _begin(connection: Any) -> None:
        writes = connection.get_execution_options().get(WRITE, False)
        connection.exec_driver_sql("BEGIN IMMEDIATE" if writes else "BEGIN")

    return engine


def current_revision(engine: Engine) -> str | None:
    """The schema revision the database is at, or None for an empty database."""
    with engine.connect() as connection:
        if not inspect(connection).has_table("alembic_version"):
            return None
        return connection.execute(text("SELECT version_num FROM alembic_version")).scalar()


def migrate(engine: Engine) -> None:
    """Upgrade the schema to the newest migration; a no-op when it is already there.

    Alembic is imported only when there is work to do, which keeps every command's start fast.
    """
    revision = current_revision(engine)
    if revision == HEAD:
        return
    if revision is not None and revision not in known_revisions():
        raise DatabaseUnavailable(
            f"this database was written by a newer backbridge (schema {revision}; this one knows "
            f"up to {HEAD}); upgrade backbridge to open it"
        )
    from alembic import command
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "head")


def known_revisions() -> set[str]:
    """The schema revisions this release can upgrade from: one file per revision."""
    return {path.name.split("_", 1)[0] for path in (MIGRATIONS / "versions").glob("[0-9]*.py")}
