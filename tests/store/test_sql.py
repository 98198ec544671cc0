"""The store's driver layer on real SQLite and real PostgreSQL: it stores values exactly as
SQLAlchemy's types did (so databases written by earlier releases, and the migrations, agree
with it), reads them back typed, and fails in one clear line."""

from __future__ import annotations

import uuid
from dataclasses import replace
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import pytest
import sqlalchemy as sa

from backbridge.program.history import CameraFault, CameraResult
from backbridge.settings import Settings
from backbridge.store import Database, Journal, open_database
from backbridge.store.database import DatabaseUnavailable, Pool, _has_news, locate
from backbridge.store.migrating import sqlalchemy_engine
from backbridge.store.sql import In, _pyformat
from backbridge.store.tables import SESSIONS, SETS, USERS
from tests.conftest import NOW
from tests.store.test_journal import a_set, start

ODD_ZONE = timezone(timedelta(hours=5, minutes=30))


def test_what_the_store_writes_reads_back_through_sqlalchemy(
    database: Database, journal: Journal
) -> None:
    session = start(journal, NOW.astimezone(ODD_ZONE))
    logged = a_set(
        session.id,
        performed_at=(NOW + timedelta(minutes=3, microseconds=7)).astimezone(ODD_ZONE),
        camera=CameraResult(reps_counted=9, faults=(CameraFault(cue="c", rep=2, text="t"),)),
    )
    journal.record_sets([logged])
    engine = sqlalchemy_engine(database.url)
    try:
        with engine.connect() as connection:
            stored = connection.execute(sa.select(SETS).where(SETS.c.id == logged.id)).one()
            row = connection.execute(sa.select(SESSIONS).where(SESSIONS.c.id == session.id)).one()
    finally:
        engine.dispose()
    assert stored.performed_at == NOW + timedelta(minutes=3, microseconds=7)
    assert stored.performed_at.tzinfo is not None
    assert stored.session_id == session.id and stored.side == "left" and stored.rpe == 7.5
    assert row.started_at == NOW and row.status == "in-progress"
    assert row.plan == session.plan.model_dump(mode="json")  # type: ignore[union-attr]


def test_what_sqlalchemy_wrote_reads_back_through_the_store(database: Database) -> None:
    user_id, session_id = uuid.uuid4(), uuid.uuid4()
    started = NOW.replace(microsecond=0)  # SQLite text without a fraction to spare
    engine = sqlalchemy_engine(database.url)
    try:
        with engine.begin() as connection:
            connection.execute(sa.insert(USERS).values(id=user_id, name="ana", created_at=NOW))
            connection.execute(sa.insert(SESSIONS).values(
                id=session_id, user_id=user_id, program="glute-lower-back", status="completed",
                started_at=started, ended_at=started + timedelta(hours=1), plan=None,
            ))  # fmt: skip
    finally:
        engine.dispose()
    with database.read() as connection:
        user = connection.execute("SELECT * FROM users WHERE id = :id", {"id": user_id}).one()
        (found,) = connection.execute(
            "SELECT * FROM training_sessions WHERE user_id = :user AND started_at >= :since",
            {"user": user_id, "since": started - timedelta(microseconds=1)},
        ).all()
    assert user.id == user_id and user.created_at == NOW and user.created_at.tzinfo == UTC
    assert found.id == session_id and found.started_at == started and found.plan is None


def test_a_naive_moment_is_refused_and_nothing_is_stored(database: Database) -> None:
    with pytest.raises(ValueError, match="naive datetime"), database.write() as connection:
        connection.insert("users", {"id": uuid.uuid4(), "name": "b", "created_at": datetime.now()})
    with database.read() as connection:
        assert connection.execute("SELECT count(*) FROM users").scalar() == 0


def test_lists_expand_and_an_empty_one_matches_nothing(database: Database) -> None:
    ids = [uuid.uuid4() for _ in range(3)]
    with database.write() as connection:
        connection.insert(
            "users", [{"id": i, "name": f"u{n}", "created_at": NOW} for n, i in enumerate(ids)]
        )
    with database.read() as connection:
        query = "SELECT name FROM users WHERE id IN :ids ORDER BY name"
        assert [r.name for r in connection.execute(query, {"ids": In(ids[1:])})] == ["u1", "u2"]
        assert connection.execute(query, {"ids": In([])}).all() == []


def test_percent_signs_stay_literal_on_postgresql() -> None:
    assert _pyformat("SELECT '5%' WHERE a = :a AND b::text = :b") == (
        "SELECT '5%%' WHERE a = %(a)s AND b::text = %(b)s"
    )


@pytest.mark.postgres
def test_a_connection_the_server_closed_is_replaced(postgres_url: str, tmp_path: Path) -> None:
    database = open_database(Settings(home=tmp_path, database_url=postgres_url))
    try:
        with database.read() as connection:
            pid = connection.execute("SELECT pg_backend_pid()").scalar()
        terminate(postgres_url, pid)
        with database.read() as connection:
            assert connection.execute("SELECT pg_backend_pid()").scalar() != pid
    finally:
        database.dispose()


@pytest.mark.postgres
def test_an_idle_connection_hears_that_the_server_closed_it(postgres_url: str) -> None:
    raw = locate(postgres_url).connect()
    try:
        pid = raw.execute("SELECT pg_backend_pid()").fetchone()[0]
        raw.rollback()
        assert not _has_news(raw), "a connection in use between transactions has nothing to read"
        terminate(postgres_url, pid)
        assert _has_news(raw)
    finally:
        raw.close()


def terminate(postgres_url: str, pid: int) -> None:
    """End a server connection from the server's side, and wait until its process is gone."""
    engine = sqlalchemy_engine(postgres_url)
    try:
        with engine.begin() as admin:
            ended = admin.execute(
                sa.text("SELECT pg_terminate_backend(:pid, 60000)"), {"pid": pid}
            ).scalar()
    finally:
        engine.dispose()
    assert ended, f"the server did not end connection {pid}"


@pytest.mark.parametrize(
    ("url", "message"),
    [
        ("sqlite://", "names no file"),
        ("sqlite:///:memory:", "names no file"),
        ("mysql://root@localhost/db", "not mysql"),
        ("postgresql+psycopg2://u@h/db", r"not postgresql\+psycopg2"),
        ("backbridge.db", "is not a database URL"),
    ],
)
def test_an_unusable_url_is_refused_in_one_line(url: str, message: str) -> None:
    with pytest.raises(DatabaseUnavailable, match=message) as raised:
        locate(url)
    assert "\n" not in str(raised.value)


def test_a_password_never_shows_in_messages() -> None:
    location = locate("postgresql+psycopg://ana:s3cret@db.example:5433/clinic?sslmode=require")
    assert location.shown == "postgresql+psycopg://ana:***@db.example:5433/clinic?sslmode=require"
    assert location.target == "postgresql://ana:s3cret@db.example:5433/clinic?sslmode=require"


@pytest.mark.postgres
def test_a_server_that_cannot_be_reached_is_one_line(postgres_url: str, tmp_path: Path) -> None:
    database = open_database(Settings(home=tmp_path, database_url=postgres_url))
    try:
        database.dispose()  # no connection kept: the next read must connect
        unreachable = replace(database.location, target=database.location.target.replace(
            "127.0.0.1:5432", "127.0.0.1:9"))  # fmt: skip
        gone = replace(database, location=unreachable, pool=Pool(unreachable.connect, ping=True))
        with (
            pytest.raises(DatabaseUnavailable, match="cannot read the database"),
            gone.read() as connection,
        ):
            connection.execute("SELECT 1")
    finally:
        database.dispose()


@pytest.mark.postgres
def test_a_postgresql_url_without_the_driver_works(postgres_url: str, tmp_path: Path) -> None:
    """``postgresql://`` (no ``+psycopg``) is read through psycopg, the migrations too."""
    plain = "postgresql://" + postgres_url.partition("://")[2]
    database = open_database(Settings(home=tmp_path, database_url=plain))
    try:
        with database.read() as connection:
            assert connection.execute("SELECT version_num FROM alembic_version").scalar()
    finally:
        database.dispose()
