"""Migration 0005 and the rows it adds, on real SQLite and real PostgreSQL: a clearance stored
by the previous release keeps reading (without a name), who cleared and the pain-review
confirmations are stored, found by the day's severe-set query, and carried by a backup."""

from __future__ import annotations

import uuid
from datetime import timedelta
from pathlib import Path

import sqlalchemy as sa

from backbridge.catalog import load_catalog
from backbridge.catalog.models import BlockKind
from backbridge.program.escalation import Acknowledgement
from backbridge.program.history import LoggedSet
from backbridge.program.plan import starting_plan
from backbridge.program.safety import Clearance
from backbridge.settings import Settings
from backbridge.store import Journal, open_database
from backbridge.store.backup import export_backup, import_backup, parse_backup
from backbridge.store.database import Database
from backbridge.store.journal import LOCAL_USER, ensure_user
from backbridge.store.migrating import current_revision, sqlalchemy_engine, upgrade
from backbridge.store.migrations import HEAD
from backbridge.store.reviews import ReviewLog
from backbridge.store.safety_log import SafetyLog
from backbridge.store.tables import UTCDateTime
from tests.conftest import NOW

users = sa.table(
    "users",
    sa.column("id", sa.Uuid()),
    sa.column("name", sa.String()),
    sa.column("created_at", UTCDateTime()),
)
old_clearances = sa.table(
    "clearances",
    sa.column("id", sa.Uuid()),
    sa.column("user_id", sa.Uuid()),
    sa.column("recorded_at", UTCDateTime()),
    sa.column("note", sa.Text()),
)


def test_a_clearance_of_the_previous_release_reads_without_a_name(
    database_url: str, isolated_home: Path
) -> None:
    isolated_home.mkdir(parents=True, exist_ok=True)
    engine = sqlalchemy_engine(database_url)
    try:
        upgrade(engine, "0004")
        user_id, clearance_id = uuid.uuid4(), uuid.uuid4()
        with engine.begin() as connection:
            connection.execute(users.insert().values(id=user_id, name=LOCAL_USER, created_at=NOW))
            connection.execute(old_clearances.insert().values(
                id=clearance_id, user_id=user_id, recorded_at=NOW, note="GP, Monday"))  # fmt: skip
        upgrade(engine)
        assert current_revision(engine) == HEAD
    finally:
        engine.dispose()
    database = open_database(Settings(home=isolated_home, database_url=database_url))
    try:
        log = SafetyLog(database, ensure_user(database, LOCAL_USER, NOW))
        _, (stored,), _ = log.evidence(timedelta(days=2))
    finally:
        database.dispose()
    assert stored == Clearance(id=clearance_id, recorded_at=NOW, note="GP, Monday")


def a_set(session_id: uuid.UUID, exercise: str, number: int, pain: int) -> LoggedSet:
    return LoggedSet(id=uuid.uuid4(), session_id=session_id, exercise=exercise,
                     block=BlockKind.MAIN, set_number=number, reps=10, pain=pain,
                     performed_at=NOW + timedelta(minutes=number))  # fmt: skip


def test_reviews_are_stored_found_and_carried_by_a_backup(
    database: Database, journal: Journal, tmp_path: Path
) -> None:
    user = journal.user
    reviews, safety = ReviewLog(database, user), SafetyLog(database, user)
    confirmation = Acknowledgement(id=uuid.uuid4(), recorded_at=NOW, note="booked the GP")
    reviews.record_acknowledgement(confirmation)
    cleared = Clearance(id=uuid.uuid4(), recorded_at=NOW, cleared_by="Dr Patel, GP", note="ok")
    safety.record_clearance(cleared)
    assert reviews.acknowledgements() == [confirmation]
    assert safety.evidence(timedelta(days=2))[1] == [cleared]

    catalog = load_catalog()
    plan = starting_plan(catalog.program("glute-lower-back"), catalog)
    day = (NOW - timedelta(hours=1), NOW + timedelta(hours=23))
    session = journal.start_session("glute-lower-back", plan, NOW, day)
    journal.record_sets([a_set(session.id, "bridge", 1, 3), a_set(session.id, "squat", 1, 8)])
    assert reviews.severe_set(*day, at_least=7) == ("squat", 1, 8)
    assert reviews.severe_set(*day, at_least=9) is None
    assert reviews.severe_set(day[1], day[1] + timedelta(days=1), at_least=7) is None

    document = export_backup(database, NOW)
    assert [c["cleared_by"] for c in document["clearances"]] == ["Dr Patel, GP"]
    assert [a["note"] for a in document["pain_acknowledgements"]] == ["booked the GP"]
    home = tmp_path / "restored"
    home.mkdir()
    restored = open_database(Settings(home=home))
    try:
        report = import_backup(restored, parse_backup(document, "backup.json"))
        assert report.added["pain review confirmations"] == 1
        assert report.added["clearances"] == 1
        again = export_backup(restored, NOW)
    finally:
        restored.dispose()
    assert again["clearances"] == document["clearances"]
    assert again["pain_acknowledgements"] == document["pain_acknowledgements"]
