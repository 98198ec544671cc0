"""The training journal: sessions, logged sets and check-ins of one user, in the database.

Every write is its own transaction, committed before the call returns, so whatever the
coach has acknowledged survives a killed process.
"""

from __future__ import annotations

import uuid
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from datetime import datetime
from typing import Any

from backbridge.catalog.models import BlockKind
from backbridge.errors import NotFound
from backbridge.program.history import (
    CameraFault,
    CameraResult,
    CheckIn,
    CheckInKind,
    LoggedSet,
    SessionStatus,
    Side,
    TrainingSession,
)
from backbridge.program.plan import SessionPlan
from backbridge.store.database import Database
from backbridge.store.sql import Connection, In

Day = tuple[datetime, datetime]
"""A local calendar day as ``[start, end)``."""
PageKey = tuple[datetime, uuid.UUID]
"""Where a page of history ends: the start time and id of its oldest session."""

USER_NAMED = "SELECT * FROM users WHERE name = :name"
DAY_SESSION = """
    SELECT * FROM training_sessions
    WHERE user_id = :user AND started_at >= :start AND started_at < :end
    ORDER BY started_at DESC LIMIT 1"""
"""The latest session started in a day (``user``, ``start``, ``end``)."""
SESSION_TALLY = """
    SELECT count(*) AS sets,
           max(CASE WHEN exercise = :exercise AND block = :block
                         AND side IS NOT DISTINCT FROM :side THEN set_number END) AS last_number,
           count(CASE WHEN exercise = :exercise AND block = :block
                           AND pain > :pain_above THEN 1 END) AS painful
    FROM set_logs WHERE session_id = :session"""
"""In one pass over a session's sets: how many there are, the highest set number of one
exercise, block and side, and how many sets of that exercise and block hurt above a limit."""
SESSION_OF_USER = "SELECT * FROM training_sessions WHERE id = :id AND user_id = :user"


@dataclass(frozen=True)
class DayContext:
    """What quick logging needs to know about the day's session before adding a set to it."""

    session: TrainingSession
    """The day's session, without its sets."""
    last_number: int
    """The highest set number of the exercise, block and side being logged; 0 if none."""
    painful: tuple[LoggedSet, ...]
    """The exercise's sets that day with pain above the threshold asked for."""


LOCAL_USER = "local"


@dataclass(frozen=True)
class User:
    id: uuid.UUID
    name: str
    created_at: datetime
    notice_seen_at: datetime | None


def ensure_user(db: Database, name: str, now: datetime) -> User:
    """The user with this name, created on first use. Every command asks, so once the user
    exists it is one read."""
    with db.read() as connection:
        row: Any = connection.execute(USER_NAMED, {"name": name}).first()
    if row is None:
        with db.write() as connection:
            row = connection.execute(USER_NAMED, {"name": name}).first()  # made meanwhile?
            if row is None:
                connection.insert("users", {"id": uuid.uuid4(), "name": name, "created_at": now})
                row = connection.execute(USER_NAMED, {"name": name}).one()
    return _user(row)


def _user(row: Any) -> User:
    return User(
        id=row.id, name=row.name, created_at=row.created_at, notice_seen_at=row.notice_seen_at
    )


class Journal:
    """Read and write one user's training history."""

    def __init__(self, db: Database, user: User) -> None:
        self.db = db
        self.user = user

    # -- the first-run notice ---------------------------------------------------------------

    def mark_notice_seen(self, now: datetime) -> None:
        with self.db.write() as connection:
            connection.update("users", {"notice_seen_at": now}, "id = :id", {"id": self.user.id})
        self.user = replace(self.user, notice_seen_at=now)

    # -- sessions ---------------------------------------------------------------------------

    def start_session(
        self, program: str, plan: SessionPlan, now: datetime, day: Day
    ) -> TrainingSession:
        """Open a new guided session. An unfinished earlier one is closed as incomplete at its
        last activity (its sets stay); ``before`` check-ins of ``day`` that wait unlinked join
        the new session."""
        with self.db.write() as connection:
            unfinished = connection.execute(
                "SELECT id, started_at FROM training_sessions"
                " WHERE user_id = :user AND status = :status",
                {"user": self.user.id, "status": SessionStatus.IN_PROGRESS},
            ).all()
            for session_id, started_at in unfinished:
                # the times themselves, not SQL's max(): an aggregate has no declared type, so
                # SQLite would hand it back as text (and there are few unfinished sessions)
                times = connection.execute(
                    "SELECT performed_at FROM set_logs WHERE session_id = :id", {"id": session_id}
                ).all()
                connection.update(
                    "training_sessions",
                    {"status": SessionStatus.INCOMPLETE,
                     "ended_at": max([started_at, *(at for (at,) in times)])},
                    "id = :id",
                    {"id": session_id},
                )  # fmt: skip
            row = self._open_session(connection, program, now, day, plan)
            return with_logs(connection, [row])[0]

    def log_in_day_session(
        self,
        day: Day,
        program: str,
        at: datetime,
        kind: tuple[str, BlockKind, Side | None],
        pain_above: int,
        make: Callable[[DayContext], LoggedSet],
    ) -> tuple[LoggedSet, TrainingSession, int]:
        """Quick logging in one transaction under the write lock: find the session of ``day``
        (or open one at ``at``, adopting the day's waiting ``before`` check-ins), hand what is
        known about the exercise ``kind`` (exercise, block, side) to ``make``, and store the
        set it returns. Nothing is written when ``make`` raises. Returns the set, the session
        (without its sets) and how many sets the session holds now."""
        exercise, block, side = kind
        with self.db.write() as connection:
            found = connection.execute(
                DAY_SESSION, {"user": self.user.id, "start": day[0], "end": day[1]}
            ).first()
            row = found or self._open_session(connection, program, at, day, plan=None)
            same_kind = {"exercise": exercise, "block": block, "pain_above": pain_above}
            count, last, pains = connection.execute(
                SESSION_TALLY, {"session": row.id, "side": side, **same_kind}
            ).one()
            painful: tuple[LoggedSet, ...] = ()
            if pains:  # rare: only then are the painful sets read in full
                painful = tuple(
                    sets_read(
                        connection,
                        "set_logs.session_id = :session AND set_logs.exercise = :exercise"
                        " AND set_logs.block = :block AND set_logs.pain > :pain_above",
                        {"session": row.id, **same_kind},
                    )
                )
            context = DayContext(_session(row), last or 0, painful)
            logged = make(context)
            insert_set(connection, logged)
            return logged, context.session, count + 1

    def unfinished_session(self) -> TrainingSession | None:
        """The most recent session still in progress, if any."""
        return self._latest("status = :status", {"status": SessionStatus.IN_PROGRESS})

    def finish_session(self, session_id: uuid.UUID, now: datetime) -> TrainingSession:
        with self.db.write() as connection:
            self._session_row(connection, session_id)
            connection.update(
                "training_sessions",
                {"status": SessionStatus.COMPLETED, "ended_at": now},
                "id = :id",
                {"id": session_id},
            )
            return with_logs(connection, [self._session_row(connection, session_id)])[0]

    def session(self, session_id: uuid.UUID) -> TrainingSession:
        with self.db.read() as connection:
            return with_logs(connection, [self._session_row(connection, session_id)])[0]

    def session_started_between(self, start: datetime, end: datetime) -> TrainingSession | None:
        """The latest session started in ``[start, end)``: "today's session" for quick logging."""
        return self._latest(
            "started_at >= :start AND started_at < :end", {"start": start, "end": end}
        )

    def day_session(self, start: datetime, end: datetime) -> TrainingSession | None:
        """The latest session started in ``[start, end)``, without its sets and check-ins: the
        cheap lookup quick logging needs on every set."""
        with self.db.read() as connection:
            row = connection.execute(
                DAY_SESSION, {"user": self.user.id, "start": start, "end": end}
            ).first()
            return None if row is None else _session(row)

    def latest_session_before(self, moment: datetime) -> TrainingSession | None:
        return self._latest("started_at < :moment", {"moment": moment})

    def sessions(self, since: datetime | None = None) -> list[TrainingSession]:
        """Sessions in the order they were started, each with its sets and check-ins."""
        query = "SELECT * FROM training_sessions WHERE user_id = :user"
        if since is not None:
            query += " AND started_at >= :since"
        with self.db.read() as connection:
            rows = connection.execute(
                query + " ORDER BY started_at", {"user": self.user.id, "since": since}
            ).all()
            return with_logs(connection, rows)

    def session_page(
        self, since: datetime | None, before: PageKey | None, limit: int
    ) -> tuple[list[TrainingSession], bool]:
        """Up to ``limit`` of the newest sessions started at or after ``since`` and before the
        key ``before`` (start time, id), each with its sets and check-ins, returned in the order
        they were started; and whether older ones remain. Read through the index on (user,
        start), so a page costs the same however long the history is."""
        query = "SELECT * FROM training_sessions WHERE user_id = :user"
        params: dict[str, Any] = {"user": self.user.id, "limit": limit + 1}
        if since is not None:
            query += " AND started_at >= :since"
            params["since"] = since
        if before is not None:
            query += " AND (started_at < :started OR (started_at = :started AND id < :session_id))"
            params["started"], params["session_id"] = before
        query += " ORDER BY started_at DESC, id DESC LIMIT :limit"
        with self.db.read() as connection:
            rows = connection.execute(query, params).all()
            page = with_logs(connection, rows[:limit])
        return page[::-1], len(rows) > limit

    # -- sets and check-ins -----------------------------------------------------------------

    def record_sets(self, sets: Sequence[LoggedSet]) -> None:
        """Store the sets in one transaction (both sides of one alternating set, say)."""
        with self.db.write() as connection:
            for session_id in {logged.session_id for logged in sets}:
                self._session_row(connection, session_id)
            for logged in sets:
                insert_set(connection, logged)

    def record_checkin(self, checkin: CheckIn) -> None:
        with self.db.write() as connection:
            if checkin.session_id is not None:
                self._session_row(connection, checkin.session_id)
            connection.insert("checkins", checkin_values(checkin, self.user.id))

    def checkins(
        self, since: datetime | None = None, before: datetime | None = None
    ) -> list[CheckIn]:
        """Every check-in in ``[since, before)``, including those not linked to a session,
        oldest first."""
        with self.db.read() as connection:
            return checkins_read(connection, self.user.id, since, before)

    def _open_session(
        self,
        connection: Connection,
        program: str,
        at: datetime,
        day: Day,
        plan: SessionPlan | None,
    ) -> Any:
        """A new session of ``day`` starting at ``at``: guided (in progress, with its plan) or
        quick-logged (complete as it opens); the day's waiting ``before`` check-ins join it."""
        session_id = uuid.uuid4()
        connection.insert(
            "training_sessions",
            {
                "id": session_id,
                "user_id": self.user.id,
                "program": program,
                "status": SessionStatus.COMPLETED if plan is None else SessionStatus.IN_PROGRESS,
                "started_at": at,
                "ended_at": at if plan is None else None,
                "plan": None if plan is None else plan.model_dump(mode="json"),
            },
        )
        connection.update(
            "checkins",
            {"session_id": session_id},
            "user_id = :user AND session_id IS NULL AND kind = :kind"
            " AND recorded_at >= :start AND recorded_at < :end",
            {"user": self.user.id, "kind": CheckInKind.BEFORE, "start": day[0], "end": day[1]},
        )
        return self._session_row(connection, session_id)

    # -- queries ----------------------------------------------------------------------------

    def _latest(self, where: str, params: dict[str, Any]) -> TrainingSession | None:
        """The latest-started of this user's sessions that match, with its sets and check-ins."""
        query = (
            f"SELECT * FROM training_sessions WHERE user_id = :user AND {where}"
            " ORDER BY started_at DESC LIMIT 1"
        )
        with self.db.read() as connection:
            rows = connection.execute(query, {"user": self.user.id, **params}).all()
            found = with_logs(connection, rows)
        return found[0] if found else None

    def _session_row(self, connection: Connection, session_id: uuid.UUID) -> Any:
        row = connection.execute(SESSION_OF_USER, {"id": session_id, "user": self.user.id}).first()
        if row is None:
            raise NotFound(f"no training session with id {session_id}")
        return row


def _set_order(row: Any) -> tuple[datetime, int, str]:
    return (row.performed_at, row.set_number, row.side or "")


SET_COLUMNS = tuple(name for name in LoggedSet.model_fields if name != "camera")


def sets_read(connection: Connection, where: str, params: dict[str, Any]) -> list[LoggedSet]:
    """The stored sets that match ``where`` (on ``set_logs``), each with its camera result, in
    the order performed."""
    rows = connection.execute(f"SELECT * FROM set_logs WHERE {where}", params).all()
    cameras = (
        _cameras(connection, "set_logs.id IN :sets", {"sets": In([row.id for row in rows])})
        if rows
        else {}
    )
    return [_set_record(row, cameras.get(row.id)) for row in sorted(rows, key=_set_order)]


def _cameras(
    connection: Connection, where: str, params: dict[str, Any]
) -> dict[uuid.UUID, CameraResult]:
    """The camera results, with their faults in order, of the sets that match ``where`` (on
    ``set_logs``, its columns named with the table)."""
    results = connection.execute(
        "SELECT camera_results.* FROM camera_results"
        f" JOIN set_logs ON set_logs.id = camera_results.set_id WHERE {where}",
        params,
    ).all()
    if not results:
        return {}
    faults: dict[uuid.UUID, list[CameraFault]] = defaultdict(list)
    for fault in connection.execute(
        "SELECT camera_faults.* FROM camera_faults"
        f" JOIN set_logs ON set_logs.id = camera_faults.set_id WHERE {where}"
        " ORDER BY camera_faults.position",
        params,
    ):
        faults[fault.set_id].append(CameraFault(cue=fault.cue, rep=fault.rep, text=fault.text))
    return {
        row.set_id: CameraResult(reps_counted=row.reps_counted, faults=tuple(faults[row.set_id]))
        for row in results
    }


def _set_record(row: Any, camera: CameraResult | None) -> LoggedSet:
    values: dict[str, Any] = {column: getattr(row, column) for column in SET_COLUMNS}
    if camera is not None:
        values["camera"] = camera
    return LoggedSet.model_validate(values)


def with_logs(connection: Connection, rows: Sequence[Any]) -> list[TrainingSession]:
    """Sessions (rows of ``training_sessions``) with their sets, camera results and check-ins:
    four queries however many sessions."""
    ids = [row.id for row in rows]
    if not ids:
        return []
    sessions = {"sessions": In(ids)}
    sets = connection.execute("SELECT * FROM set_logs WHERE session_id IN :sessions", sessions)
    cameras = _cameras(connection, "set_logs.session_id IN :sessions", sessions)
    sets_of: dict[uuid.UUID, list[LoggedSet]] = defaultdict(list)
    for row in sorted(sets, key=_set_order):
        sets_of[row.session_id].append(_set_record(row, cameras.get(row.id)))
    checkins_of: dict[uuid.UUID, list[CheckIn]] = defaultdict(list)
    for row in connection.execute(
        "SELECT * FROM checkins WHERE session_id IN :sessions ORDER BY recorded_at", sessions
    ):
        checkins_of[row.session_id].append(checkin_record(row))
    return [
        _session(row).model_copy(
            update={"sets": tuple(sets_of[row.id]), "checkins": tuple(checkins_of[row.id])}
        )
        for row in rows
    ]


def insert_set(connection: Connection, logged: LoggedSet) -> None:
    """Store one set, with its camera result and faults when it has them."""
    connection.insert(
        "set_logs", {**logged.model_dump(exclude={"camera"}), "step_key": logged.step_key}
    )
    if logged.camera is None:
        return
    connection.insert(
        "camera_results", {"set_id": logged.id, "reps_counted": logged.camera.reps_counted}
    )
    if logged.camera.faults:
        connection.insert(
            "camera_faults",
            [
                {"id": uuid.uuid4(), "set_id": logged.id, "position": n, "cue": fault.cue,
                 "rep": fault.rep, "text": fault.text}
                for n, fault in enumerate(logged.camera.faults)
            ],
        )  # fmt: skip


def checkins_read(
    connection: Connection,
    user_id: uuid.UUID,
    since: datetime | None = None,
    before: datetime | None = None,
) -> list[CheckIn]:
    """A user's check-ins in ``[since, before)``, oldest first, in the caller's transaction."""
    query = "SELECT * FROM checkins WHERE user_id = :user"
    if since is not None:
        query += " AND recorded_at >= :since"
    if before is not None:
        query += " AND recorded_at < :before"
    params = {"user": user_id, "since": since, "before": before}
    rows = connection.execute(query + " ORDER BY recorded_at", params)
    return [checkin_record(row) for row in rows]


def checkin_values(checkin: CheckIn, user_id: uuid.UUID) -> dict[str, Any]:
    return {**checkin.model_dump(), "user_id": user_id}


def checkin_record(row: Any) -> CheckIn:
    return CheckIn.model_validate({column: getattr(row, column) for column in CheckIn.model_fields})


def _session(row: Any) -> TrainingSession:
    """A session row as a record, without its sets and check-ins."""
    return TrainingSession(
        id=row.id,
        user_id=row.user_id,
        program=row.program,
        status=SessionStatus(row.status),
        started_at=row.started_at,
        ended_at=row.ended_at,
        plan=None if row.plan is None else SessionPlan.model_validate(row.plan),
    )


__all__ = ["LOCAL_USER", "CheckInKind", "Journal", "User", "ensure_user"]
