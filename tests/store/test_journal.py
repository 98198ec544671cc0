"""The journal on real SQLite and real PostgreSQL: every write durable, reads complete."""

from __future__ import annotations

import uuid
from datetime import datetime, timedelta

import pytest
from sqlalchemy import inspect

from backbridge.catalog import load_catalog
from backbridge.catalog.models import BlockKind
from backbridge.clock import day_bounds, local_day
from backbridge.errors import NotFound
from backbridge.program.history import (
    CheckIn,
    CheckInKind,
    EntrySource,
    LoggedSet,
    SessionStatus,
    SetStatus,
    Side,
    TrainingSession,
)
from backbridge.program.plan import starting_plan
from backbridge.store import Database, Journal
from backbridge.store.migrating import current_revision, sqlalchemy_engine, upgrade
from backbridge.store.migrations import HEAD
from backbridge.store.sql import IntegrityError
from backbridge.store.tables import metadata
from tests.conftest import NOW


def start(journal: Journal, at: datetime) -> TrainingSession:
    """A guided session started at ``at`` with the program's first plan."""
    catalog = load_catalog()
    plan = starting_plan(catalog.program("glute-lower-back"), catalog)
    return journal.start_session("glute-lower-back", plan, at, day_bounds(local_day(at)))


def a_set(session_id: uuid.UUID, **changes: object) -> LoggedSet:
    values: dict[str, object] = {
        "id": uuid.uuid4(),
        "session_id": session_id,
        "exercise": "banded-clamshell",
        "block": BlockKind.MAIN,
        "set_number": 1,
        "side": Side.LEFT,
        "reps": 10,
        "band": "yellow",
        "rpe": 7.5,
        "pain": 2,
        "note": "felt the side of the hip",
        "source": EntrySource.GUIDED,
        "performed_at": NOW + timedelta(minutes=5),
    }
    values.update(changes)
    return LoggedSet.model_validate(values)


def test_a_logged_set_reads_back_exactly(journal: Journal) -> None:
    session = start(journal, NOW)
    logged = a_set(session.id)
    journal.record_sets([logged])

    stored = journal.session(session.id)

    assert stored.sets == (logged,)
    assert stored.sets[0].performed_at == logged.performed_at
    assert stored.plan == session.plan and stored.plan is not None
    assert stored.plan.program == "glute-lower-back"


def test_sets_of_one_call_commit_together(journal: Journal) -> None:
    session = start(journal, NOW)
    left = a_set(session.id)
    right = a_set(session.id, side=Side.RIGHT)
    broken = a_set(uuid.uuid4())  # no such session: the whole call must fail

    with pytest.raises(NotFound):
        journal.record_sets([left, right, broken])
    assert journal.session(session.id).sets == ()

    journal.record_sets([left, right])
    assert [s.side for s in journal.session(session.id).sets] == [Side.LEFT, Side.RIGHT]


def test_the_database_refuses_out_of_range_pain(journal: Journal, database: Database) -> None:
    session = start(journal, NOW)
    row = a_set(session.id).model_dump(exclude={"camera"}) | {"pain": 11, "step_key": "k"}
    with pytest.raises(IntegrityError), database.write() as connection:
        connection.insert("set_logs", row)


def test_starting_a_session_closes_an_unfinished_one_keeping_its_sets(journal: Journal) -> None:
    first = start(journal, NOW)
    journal.record_sets([a_set(first.id)])

    second = start(journal, NOW + timedelta(hours=2))

    closed = journal.session(first.id)
    assert closed.status is SessionStatus.INCOMPLETE
    assert closed.ended_at == NOW + timedelta(minutes=5)
    assert len(closed.sets) == 1
    assert journal.unfinished_session() == journal.session(second.id)


def test_finish_and_query_sessions(journal: Journal) -> None:
    old = start(journal, NOW - timedelta(days=3))
    journal.finish_session(old.id, NOW - timedelta(days=3) + timedelta(minutes=40))
    new = start(journal, NOW)

    assert [s.id for s in journal.sessions()] == [old.id, new.id]
    assert [s.id for s in journal.sessions(since=NOW - timedelta(days=1))] == [new.id]
    assert journal.latest_session_before(NOW - timedelta(hours=1)) == journal.session(old.id)
    day = journal.session_started_between(NOW - timedelta(hours=1), NOW + timedelta(hours=1))
    assert day is not None and day.id == new.id
    assert journal.session(old.id).status is SessionStatus.COMPLETED


def test_checkins_link_to_sessions_or_stand_alone(journal: Journal) -> None:
    session = start(journal, NOW)
    before = CheckIn(
        id=uuid.uuid4(), session_id=session.id, kind=CheckInKind.BEFORE, pain=3, recorded_at=NOW
    )
    loose = CheckIn(
        id=uuid.uuid4(), kind=CheckInKind.NEXT_MORNING, pain=1, recorded_at=NOW + timedelta(days=1)
    )
    journal.record_checkin(before)
    journal.record_checkin(loose)

    assert journal.session(session.id).checkin(CheckInKind.BEFORE) == before
    assert journal.checkins() == [before, loose]


def test_skipped_sets_keep_their_reason(journal: Journal) -> None:
    session = start(journal, NOW)
    skipped = a_set(session.id, reps=None, pain=None, status=SetStatus.SKIPPED, note="stopped")
    journal.record_sets([skipped])
    assert journal.session(session.id).sets == (skipped,)


def test_unknown_session_is_not_found(journal: Journal) -> None:
    with pytest.raises(NotFound, match="no training session"):
        journal.session(uuid.uuid4())


def test_migrations_match_the_tables_and_rerun_as_a_no_op(database: Database) -> None:
    from alembic.autogenerate import compare_metadata
    from alembic.runtime.migration import MigrationContext

    engine = sqlalchemy_engine(database.url)
    try:
        upgrade(engine)  # second run: nothing to do
        assert current_revision(engine) == HEAD
        with engine.connect() as connection:
            differences = compare_metadata(MigrationContext.configure(connection), metadata)
        tables = set(inspect(engine).get_table_names())
    finally:
        engine.dispose()
    assert differences == []
    assert tables >= {
        "users",
        "training_sessions",
        "set_logs",
        "checkins",
        "alembic_version",
    }


def test_head_names_the_newest_migration() -> None:
    from alembic.config import Config
    from alembic.script import ScriptDirectory

    from backbridge.store.migrating import MIGRATIONS

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    assert ScriptDirectory.from_config(config).get_current_head() == HEAD
