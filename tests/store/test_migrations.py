"""Migration 0004 on real SQLite and real PostgreSQL: a database the previous release (schema
0003) wrote, with camera-coach notes in both spellings and a set number stored twice by the old
racing quick log, is upgraded to the newest schema and read back through the journal."""

from __future__ import annotations

import re
import sqlite3
import uuid
from collections.abc import Iterator
from contextlib import closing
from dataclasses import dataclass, field
from datetime import timedelta
from pathlib import Path

import pytest
import sqlalchemy as sa
from sqlalchemy import Engine

from backbridge.catalog import Catalog
from backbridge.program.history import CameraFault, CameraResult, EntrySource
from backbridge.settings import Settings
from backbridge.store import Journal, open_database
from backbridge.store.database import SQLITE_SCHEMA
from backbridge.store.journal import LOCAL_USER, ensure_user
from backbridge.store.migrating import current_revision, sqlalchemy_engine, sqlite_schema, upgrade
from backbridge.store.migrations import HEAD
from backbridge.store.tables import UTCDateTime
from tests.conftest import NOW

PREVIOUS = "0003"

# The tables as the 0003-era release wrote them (no step_key, no camera tables).
users = sa.table(
    "users",
    sa.column("id", sa.Uuid()),
    sa.column("name", sa.String()),
    sa.column("created_at", UTCDateTime()),
    sa.column("notice_seen_at", UTCDateTime()),
)
sessions = sa.table(
    "training_sessions",
    sa.column("id", sa.Uuid()),
    sa.column("user_id", sa.Uuid()),
    sa.column("program", sa.String()),
    sa.column("status", sa.String()),
    sa.column("started_at", UTCDateTime()),
    sa.column("ended_at", UTCDateTime()),
)
set_logs = sa.table(
    "set_logs",
    sa.column("id", sa.Uuid()),
    sa.column("session_id", sa.Uuid()),
    sa.column("exercise", sa.String()),
    sa.column("block", sa.String()),
    sa.column("set_number", sa.Integer()),
    sa.column("side", sa.String()),
    sa.column("reps", sa.Integer()),
    sa.column("note", sa.Text()),
    sa.column("status", sa.String()),
    sa.column("source", sa.String()),
    sa.column("performed_at", UTCDateTime()),
)

# What migration 0004 leaves behind, read without the ORM.
migrated_sets = sa.table(
    "set_logs",
    sa.column("id", sa.Uuid()),
    sa.column("exercise", sa.String()),
    sa.column("set_number", sa.Integer()),
    sa.column("side", sa.String()),
    sa.column("note", sa.Text()),
    sa.column("step_key", sa.String()),
)
camera_results = sa.table(
    "camera_results", sa.column("set_id", sa.Uuid()), sa.column("reps_counted", sa.Integer())
)
camera_faults = sa.table(
    "camera_faults",
    sa.column("set_id", sa.Uuid()),
    sa.column("position", sa.Integer()),
    sa.column("cue", sa.String()),
    sa.column("rep", sa.Integer()),
    sa.column("text", sa.Text()),
)


@pytest.fixture
def engine(database_url: str, isolated_home: Path) -> Iterator[Engine]:
    """An engine connected (and, on SQLite, tuned) exactly as the application connects."""
    isolated_home.mkdir(parents=True, exist_ok=True)
    created = sqlalchemy_engine(database_url)
    yield created
    created.dispose()


def cue_text(catalog: Catalog, exercise: str, cue: str) -> str:
    (found,) = [c.text for c in catalog.exercise(exercise).cues if c.id == cue]
    return found


@dataclass(frozen=True)
class OldSet:
    """A set row as the previous release stored it."""

    exercise: str
    set_number: int
    side: str | None
    note: str | None
    source: str
    minutes: int
    """When it was done, in minutes after the session started."""
    reps: int = 10
    id: uuid.UUID = field(default_factory=uuid.uuid4)


def test_camera_notes_become_rows_and_duplicates_are_renumbered(
    engine: Engine, database_url: str, isolated_home: Path, catalog: Catalog
) -> None:
    upgrade(engine, PREVIOUS)
    assert current_revision(engine) == PREVIOUS

    in_line = cue_text(catalog, "bridge", "hips-in-line")
    no_arching = cue_text(catalog, "bridge", "no-arching")  # has a "; " inside
    knees_apart = cue_text(catalog, "bridge", "knees-apart")
    slow_tempo = cue_text(catalog, "bridge", "slow-tempo")  # has a "; " inside
    back_straight = cue_text(catalog, "squat", "back-straight")
    manual_note = "camera: phone propped on the chair, not used; felt the left hip"
    terminal = OldSet(
        "bridge", 1, None, f"camera coach: {no_arching} (x2); {in_line}", "camera", 1, reps=12
    )
    page = OldSet("bridge", 2, None, f"camera: {knees_apart}; {slow_tempo}", "camera", 3)
    page_single = OldSet("squat", 1, None, f"camera: {back_straight}", "camera", 5, reps=8)
    no_faults = OldSet("squat", 2, None, "camera coach: no form faults seen", "camera", 7)
    page_no_faults = OldSet("squat", 3, None, "camera", "camera", 9, reps=0)
    manual = OldSet("bridge", 3, None, manual_note, "manual", 11)
    # The old three-transaction quick log let two clients both store set 1; the next set,
    # numbered after them, is set 2 (a duplicate of the renumbered one).
    first = OldSet("banded-clamshell", 1, "left", None, "manual", 13)
    raced = OldSet("banded-clamshell", 1, "left", "second client", "manual", 14)
    after = OldSet("banded-clamshell", 2, "left", None, "manual", 15)
    other_side = OldSet("banded-clamshell", 1, "right", None, "manual", 16)
    old = [terminal, page, page_single, no_faults, page_no_faults, manual, first, raced, after,
           other_side]  # fmt: skip

    user_id, session_id = uuid.uuid4(), uuid.uuid4()
    with engine.begin() as connection:
        connection.execute(
            users.insert().values(id=user_id, name=LOCAL_USER, created_at=NOW, notice_seen_at=NOW)
        )
        connection.execute(
            sessions.insert().values(
                id=session_id, user_id=user_id, program="glute-lower-back",
                status="completed", started_at=NOW, ended_at=NOW + timedelta(minutes=20),
            )
        )  # fmt: skip
        for row in old:
            connection.execute(
                set_logs.insert().values(
                    id=row.id, session_id=session_id, exercise=row.exercise, block="main",
                    set_number=row.set_number, side=row.side, reps=row.reps, note=row.note,
                    status="done", source=row.source,
                    performed_at=NOW + timedelta(minutes=row.minutes),
                )
            )  # fmt: skip

    upgrade(engine)
    assert current_revision(engine) == HEAD

    # -- the rows ---------------------------------------------------------------------------
    with engine.connect() as connection:
        stored = {r.id: r for r in connection.execute(sa.select(migrated_sets))}
        results: dict[uuid.UUID, int] = {
            r.set_id: r.reps_counted for r in connection.execute(sa.select(camera_results))
        }
        fault_rows = connection.execute(
            sa.select(camera_faults).order_by(camera_faults.c.position)
        ).all()
    faults: dict[uuid.UUID, list[tuple[str, int | None, str]]] = {}
    for r in fault_rows:
        faults.setdefault(r.set_id, []).append((r.cue, r.rep, r.text))

    assert set(stored) == {row.id for row in old}, "nothing is deleted or added"
    camera_sets = [terminal, page, page_single, no_faults, page_no_faults]
    assert results == {row.id: row.reps for row in camera_sets}
    assert faults == {
        terminal.id: [
            ("no-arching", None, no_arching),
            ("no-arching", None, no_arching),
            ("hips-in-line", None, in_line),
        ],
        page.id: [("knees-apart", None, knees_apart), ("slow-tempo", None, slow_tempo)],
        page_single.id: [("back-straight", None, back_straight)],
    }
    for row in camera_sets:
        assert stored[row.id].note is None, f"camera note of {row.exercise} not cleared"
    assert stored[manual.id].note == manual_note
    assert stored[raced.id].note == "second client"

    numbers = {row.id: stored[row.id].set_number for row in old}
    assert [numbers[first.id], numbers[raced.id], numbers[after.id]] == [1, 2, 3]
    assert numbers[other_side.id] == 1
    for row in old:
        if row not in (raced, after):
            assert numbers[row.id] == row.set_number
    steps = [(r.exercise, r.side, r.set_number) for r in stored.values()]
    assert len(steps) == len(set(steps))
    assert stored[raced.id].step_key == "main:banded-clamshell:2:left"
    assert stored[terminal.id].step_key == "main:bridge:1:both"

    # -- through the journal ----------------------------------------------------------------
    database = open_database(Settings(home=isolated_home, database_url=database_url))
    try:
        journal = Journal(database, ensure_user(database, LOCAL_USER, NOW))
        assert journal.user.id == user_id
        (session,) = journal.sessions()
    finally:
        database.dispose()
    assert session.id == session_id
    logged = {s.id: s for s in session.sets}
    assert set(logged) == {row.id for row in old}
    assert logged[terminal.id].camera == CameraResult(
        reps_counted=12,
        faults=(
            CameraFault(cue="no-arching", text=no_arching),
            CameraFault(cue="no-arching", text=no_arching),
            CameraFault(cue="hips-in-line", text=in_line),
        ),
    )
    assert logged[terminal.id].source is EntrySource.CAMERA
    page_camera = logged[page.id].camera
    assert page_camera is not None
    assert [f.cue for f in page_camera.faults] == ["knees-apart", "slow-tempo"]
    assert logged[no_faults.id].camera == CameraResult(reps_counted=10)
    assert logged[page_no_faults.id].camera == CameraResult(reps_counted=0)
    assert logged[manual.id].camera is None
    assert logged[manual.id].note == manual_note
    clamshell_left = [
        (s.set_number, s.note)
        for s in session.sets
        if s.exercise == "banded-clamshell" and s.side == "left"
    ]
    assert clamshell_left == [(1, None), (2, "second client"), (3, None)]


def test_the_unique_step_holds_after_the_upgrade(engine: Engine) -> None:
    """The constraint the renumbering made room for is really there."""
    upgrade(engine, PREVIOUS)
    upgrade(engine)
    inspector = sa.inspect(engine)
    uniques = {u["name"]: u["column_names"] for u in inspector.get_unique_constraints("set_logs")}
    assert uniques.get("uq_set_logs_step") == ["session_id", "step_key"]


CONSTRAINT_LINE = ("CONSTRAINT ", "PRIMARY KEY", "UNIQUE", "FOREIGN KEY", "CHECK")


def same_schema(sql: str) -> str:
    """A ``CREATE`` statement with its constraints in a fixed order: Alembic's batch migrations
    write a rebuilt table's constraints in the order of a set, which changes from run to run.
    Columns keep their order (``SELECT *`` depends on it)."""
    head, paren, body = sql.partition("(")
    if not paren or not head.startswith("CREATE TABLE"):
        return sql
    parts = [part.strip() for part in re.split(r",\s*\n", body.rstrip().removesuffix(")"))]
    columns = [part for part in parts if not part.startswith(CONSTRAINT_LINE)]
    constraints = sorted(part for part in parts if part.startswith(CONSTRAINT_LINE))
    return head + "(" + ", ".join(columns + constraints) + ")"


def statements(script: str) -> list[str]:
    lines = [line for line in script.splitlines() if not line.startswith("--")]
    return sorted(same_schema(s.strip()) for s in "\n".join(lines).split(";\n") if s.strip())


def test_the_sqlite_schema_file_is_what_the_migrations_make() -> None:
    assert statements(SQLITE_SCHEMA.read_text(encoding="utf-8")) == statements(sqlite_schema()), (
        "store/schema.sqlite.sql is out of date with the migrations: run `make schema`"
    )


def test_a_new_sqlite_home_has_the_schema_the_migrations_make(isolated_home: Path) -> None:
    """A new SQLite database is made from the schema file, without Alembic: the same tables,
    indexes and constraints, statement for statement, as running every migration."""
    isolated_home.mkdir(parents=True, exist_ok=True)
    made = isolated_home / "made.db"
    open_database(Settings(home=isolated_home, database_url=f"sqlite:///{made}")).dispose()
    migrated = isolated_home / "migrated.db"
    engine = sqlalchemy_engine(f"sqlite:///{migrated}")
    try:
        upgrade(engine)
    finally:
        engine.dispose()

    def schema(path: Path) -> list[tuple[str, str, str]]:
        with closing(sqlite3.connect(path)) as connection:
            rows = connection.execute("SELECT type, name, sql FROM sqlite_master").fetchall()
        return sorted((kind, name, same_schema(sql or "")) for kind, name, sql in rows)

    assert schema(made) == schema(migrated)
    with closing(sqlite3.connect(made)) as connection:
        assert connection.execute("SELECT version_num FROM alembic_version").fetchall() == [(HEAD,)]
