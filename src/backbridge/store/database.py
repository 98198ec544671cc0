"""Open a database from a URL, tune SQLite for durability, bring the schema up to date, and
hand out transactions on a small pool of driver connections."""

from __future__ import annotations

import select
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager, nullcontext, suppress
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from backbridge.errors import StorageUnavailable
from backbridge.settings import Settings
from backbridge.store.migrations import HEAD
from backbridge.store.sql import (
    Connection,
    Dialect,
    OperationalError,
    one_line,
    postgresql_connection,
    sqlite_connection,
    translated,
)

MIGRATIONS = Path(__file__).parent / "migrations"
SQLITE_SCHEMA = Path(__file__).parent / "schema.sqlite.sql"
ADVISORY_LOCK = 0x6261636B62726467
"""The PostgreSQL advisory-lock key every writing transaction takes ("backbrdg" in ASCII)."""
IDLE_CONNECTIONS = 5
"""How many connections the pool keeps open between transactions (more are opened when busy)."""
PING_AFTER_IDLE_S = 30.0
"""A server connection idle for longer is pinged before reuse: a firewall or the server may have
dropped it without a word. One used more recently is pinged only when the server has written to
it meanwhile, which an idle connection hears only when it is being closed."""


class DatabaseUnavailable(StorageUnavailable):
    """The database URL is malformed, or the database cannot be reached, read or written."""


@dataclass(frozen=True)
class Location:
    """Where a database is, from its URL."""

    url: str
    dialect: Dialect
    target: str
    """The SQLite file's path (or ``file:`` URI), or psycopg's connection URL."""
    shown: str
    """The URL without its password, for messages."""
    uri: bool = False
    """The SQLite target is a ``file:`` URI (``sqlite:///file:path?mode=ro&uri=true``)."""

    def connect(self) -> Any:
        if self.dialect == "sqlite":
            return sqlite_connection(self.target, uri=self.uri)
        return postgresql_connection(self.target)

    @property
    def folder(self) -> Path | None:
        """The folder of a SQLite file, which must exist before the file can be made."""
        if self.dialect != "sqlite":
            return None
        path = self.target.removeprefix("file:").partition("?")[0] if self.uri else self.target
        return Path(path).parent


def locate(url: str) -> Location:
    """Read a database URL (``sqlite:///path`` or ``postgresql+psycopg://user@host/db``)."""
    scheme, separator, rest = url.partition("://")
    backend, _, driver = scheme.partition("+")
    if not separator or not backend:
        raise DatabaseUnavailable(
            f"BACKBRIDGE_DATABASE_URL '{url}' is not a database URL; "
            "expected e.g. sqlite:///path/to/backbridge.db or postgresql+psycopg://user@host/db"
        )
    if backend == "sqlite":
        path, _, query = rest[1:].partition("?") if rest.startswith("/") else ("", "", "")
        options = dict(parse_qsl(query))
        if options.pop("uri", "").lower() == "true" and path.startswith("file:"):
            target = f"{path}?{urlencode(options)}" if options else path
            return Location(url, "sqlite", target, url, uri=True)
        if path in ("", ":memory:"):
            raise DatabaseUnavailable(
                f"BACKBRIDGE_DATABASE_URL '{url}' names no file, and a database in memory "
                "would lose every set when backbridge stops; give a path, e.g. "
                "sqlite:///path/to/backbridge.db"
            )
        return Location(url, "sqlite", path, url)
    if backend in ("postgresql", "postgres") and driver in ("", "psycopg"):
        parts = urlsplit(url)
        host = parts.netloc.rpartition("@")[2]
        user = parts.username or ""
        hidden = f"{user}:***@{host}" if parts.password else (f"{user}@{host}" if user else host)
        target = urlunsplit(("postgresql", *parts[1:]))
        return Location(url, "postgresql", target, urlunsplit((scheme, hidden, *parts[2:])))
    raise DatabaseUnavailable(
        f"backbridge keeps its data in SQLite or PostgreSQL, not {scheme}; "
        "set BACKBRIDGE_DATABASE_URL to a sqlite:/// or postgresql+psycopg:// URL"
    )


class Pool:
    """Driver connections kept open between transactions, any thread taking any of them.

    With ``ping`` (a server's connections), a kept connection is checked before reuse, so a
    server restarted meanwhile does not fail the next request: see :func:`_alive`.
    """

    def __init__(self, connect: Callable[[], Any], ping: bool) -> None:
        self._connect = connect
        self._ping = ping
        self._idle: list[tuple[Any, float]] = []
        """Each kept connection with the moment it was given back."""
        self._lock = threading.Lock()

    def take(self) -> Any:
        while True:
            with self._lock:
                raw, since = self._idle.pop() if self._idle else (None, 0.0)
            if raw is None:
                return self._connect()
            if not self._ping or _alive(raw, idle=time.monotonic() - since):
                return raw
            _close(raw)

    def give_back(self, raw: Any, healthy: bool) -> None:
        with self._lock:
            if healthy and len(self._idle) < IDLE_CONNECTIONS:
                self._idle.append((raw, time.monotonic()))
                return
        _close(raw)

    def dispose(self) -> None:
        with self._lock:
            idle, self._idle = self._idle, []
        for raw, _ in idle:
            _close(raw)


def _alive(raw: Any, idle: float) -> bool:
    """A server connection still answers (the server may have restarted meanwhile).

    Asking costs two round trips (a ``SELECT 1`` and its rollback), some 0.1-0.3 ms of a
    request. Between transactions the server writes to a connection only to say it is closing
    it (a restart, an administrator's ``pg_terminate_backend``), so a recently used connection
    with nothing to read is taken as it is, and asked only after ``PING_AFTER_IDLE_S``.
    """
    if idle < PING_AFTER_IDLE_S and not _has_news(raw):
        return True
    try:
        raw.execute("SELECT 1")
        raw.rollback()
    except Exception:
        return False
    return True


def _has_news(raw: Any) -> bool:
    """The server has written to this idle connection (or its socket is gone)."""
    try:
        readable, _, _ = select.select([raw.fileno()], [], [], 0)
    except Exception:  # closed already (psycopg raises its own error for that): ask it
        return True
    return bool(readable)


def _close(raw: Any) -> None:
    with suppress(Exception):  # a connection already broken has nothing left to close
        raw.close()


@dataclass(frozen=True)
class Database:
    location: Location
    pool: Pool
    write_lock: AbstractContextManager[object] = field(default_factory=nullcontext)
    """SQLite allows one writer at a time and makes the others sleep and retry, which shows as
    tens of milliseconds of tail latency under concurrent logging; in one process, writers
    queue on this lock instead. PostgreSQL needs none."""

    @property
    def dialect(self) -> Dialect:
        return self.location.dialect

    @property
    def url(self) -> str:
        return self.location.url

    @contextmanager
    def read(self) -> Iterator[Connection]:
        """A transaction that only reads (one snapshot for every query); rolled back at the
        end. When the database cannot be read (a table gone, a server gone),
        :class:`DatabaseUnavailable` says so in one line."""
        try:
            with self._transaction(writes=False) as connection:
                yield connection
        except OperationalError as error:
            raise DatabaseUnavailable(
                f"cannot read the database at {self.location.shown} ({error}); check that it "
                "can be read and the server is running, or restore it from a backup"
            ) from None

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
            with self.write_lock, self._transaction(writes=True) as connection:
                yield connection
        except OperationalError as error:
            raise DatabaseUnavailable(
                f"cannot write to the database at {self.location.shown} ({error}); nothing was "
                "stored: check that it can be written and that the disk has room"
            ) from None

    @contextmanager
    def _transaction(self, writes: bool) -> Iterator[Connection]:
        """A connection from the pool in a transaction, ended (committed when ``writes``, else
        rolled back) before it goes back; one whose end failed is closed instead."""
        raw = _driver(self.pool.take)  # a server gone is an OperationalError like any other
        connection = Connection(raw, self.dialect)
        sqlite = self.dialect == "sqlite"
        healthy = False
        try:
            if sqlite:
                _driver(raw.execute, "BEGIN IMMEDIATE" if writes else "BEGIN")
            elif writes:
                connection.execute("SELECT pg_advisory_xact_lock(:key)", {"key": ADVISORY_LOCK})
            yield connection
            if writes and sqlite:
                _driver(raw.execute, "COMMIT")
            elif writes:
                _driver(raw.commit)
            healthy = True
        finally:
            if not healthy or not writes:
                healthy = _rolled_back(raw, sqlite)
            self.pool.give_back(raw, healthy)

    def dispose(self) -> None:
        self.pool.dispose()


def _rolled_back(raw: Any, sqlite: bool) -> bool:
    """End the connection's transaction without keeping anything; False if it cannot."""
    try:
        if not sqlite:
            raw.rollback()
        elif raw.in_transaction:
            raw.execute("ROLLBACK")
    except Exception:
        return False
    return True


def _driver(call: Callable[..., Any], *args: Any) -> Any:
    """Call the driver, its errors as :mod:`backbridge.store.sql`'s."""
    try:
        return call(*args)
    except Exception as error:
        raise translated(error) from error


def open_database(settings: Settings) -> Database:
    """Connect to the configured database and migrate it to the newest schema."""
    location = locate(settings.resolved_database_url)
    folder = location.folder
    if folder is not None:
        try:
            folder.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            raise DatabaseUnavailable(
                f"cannot use {folder} as the data folder ({error.strerror}); set "
                "BACKBRIDGE_HOME to a folder you can write to"
            ) from None
    pool = Pool(location.connect, ping=location.dialect == "postgresql")
    try:
        raw = pool.take()
        try:
            revision = current_revision(raw, location.dialect)
            if revision is None and location.dialect == "sqlite":
                revision = _create_sqlite_schema(raw)
        finally:
            pool.give_back(raw, healthy=True)
        if revision != HEAD:
            _migrate(location, revision)
    except ModuleNotFoundError as error:
        raise DatabaseUnavailable(
            f"the driver for {location.url.partition('://')[0]} is not installed ({error.name}); "
            "for PostgreSQL install backbridge[postgres]"
        ) from None
    except Exception as error:
        pool.dispose()
        problem = translated(error)
        if isinstance(problem, OperationalError):
            raise DatabaseUnavailable(
                f"cannot open the database at {location.shown}: {problem}; check "
                "BACKBRIDGE_DATABASE_URL and that the server is running"
            ) from None
        if _damaged(error):
            raise DatabaseUnavailable(
                f"the database at {location.shown} is damaged or is not a backbridge database "
                f"({one_line(error)}); restore it from a backup, or move the file away to start "
                "afresh"
            ) from None
        raise
    lock: AbstractContextManager[object] = (
        threading.Lock() if location.dialect == "sqlite" else nullcontext()
    )
    return Database(location=location, pool=pool, write_lock=lock)


def _damaged(error: Exception) -> bool:
    """The file or server answered, but not as a backbridge database does."""
    import sqlite3

    return isinstance(error, sqlite3.DatabaseError) or type(error).__module__.startswith(
        ("psycopg", "sqlalchemy")
    )


def current_revision(raw: Any, dialect: Dialect) -> str | None:
    """The schema revision the database is at, or None for an empty database: two small
    queries on the driver, so a command on an up-to-date database imports no migration tool."""
    if dialect == "sqlite":
        found = raw.execute(
            "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'alembic_version'"
        ).fetchone()
    else:
        found = raw.execute("SELECT to_regclass('alembic_version')").fetchone()
        found = found if found and found[0] else None
    revision = raw.execute("SELECT version_num FROM alembic_version").fetchone() if found else None
    if dialect == "postgresql":
        raw.rollback()
    return None if revision is None else str(revision[0])


def _create_sqlite_schema(raw: Any) -> str | None:
    """Make the schema of a new SQLite database from the statements the migrations amount to
    (``schema.sqlite.sql``, kept equal to them by a test): the first command in a new home then
    needs neither SQLAlchemy nor Alembic. Under the write lock, and only if no other process
    made it meanwhile. Returns the revision the database is at now."""
    raw.execute("BEGIN IMMEDIATE")
    try:
        if current_revision(raw, "sqlite") is None:
            for statement in SQLITE_SCHEMA.read_text(encoding="utf-8").split(";\n"):
                if statement.strip():
                    raw.execute(statement)
        raw.execute("COMMIT")
    except BaseException:
        raw.execute("ROLLBACK")
        raise
    return current_revision(raw, "sqlite")


def _migrate(location: Location, revision: str | None) -> None:
    """Upgrade the schema to the newest migration (SQLAlchemy and Alembic are imported here
    only)."""
    if revision is not None and revision not in known_revisions():
        raise DatabaseUnavailable(
            f"this database was written by a newer backbridge (schema {revision}; this one knows "
            f"up to {HEAD}); upgrade backbridge to open it"
        )
    from backbridge.store.migrating import sqlalchemy_engine, upgrade

    engine = sqlalchemy_engine(location.url)
    try:
        upgrade(engine)
    finally:
        engine.dispose()


def known_revisions() -> set[str]:
    """The schema revisions this release can upgrade from: one file per revision."""
    return {path.name.split("_", 1)[0] for path in (MIGRATIONS / "versions").glob("[0-9]*.py")}
