"""The training journal: sessions, logged sets and check-ins of one user, in the database.

Every write is its own transaction, committed before the call returns, so whatever the
coach has acknowledged survives a killed process.
"""

from __future__ import annotations

import uuid
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, Row, and_, bindparam, case, func, insert, or_, select, update
from sqlalchemy.orm import Session, selectinload

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
from backbridge.store.database import Database, orm_in
from backbridge.store.tables import (
    CameraFaultRow,
    CameraResultRow,
    CheckInRow,
    SessionRow,
    SetRow,
    UserRow,
)

Day = tuple[datetime, datetime]
"""A local calendar day as ``[start, end)``."""
PageKey = tuple[datetime, uuid.UUID]
"""Where a page of history ends: the start time and id of its oldest session."""

# Quick logging runs these on every set. They are built once, in SQLAlchemy Core: building an
# expression and running it through the ORM cost more CPU than the database does.
_SESSIONS = SessionRow.__table__
_USERS = UserRow.__table__
USER_NAMED = select(_USERS).where(_USERS.c.name == bindparam("name"))
_SETS = SetRow.__table__
DAY_SESSION = (
    select(_SESSIONS)
    .where(
        _SESSIONS.c.user_id == bindparam("user"),
        _SESSIONS.c.started_at >= bindparam("start"),
        _SESSIONS.c.started_at < bindparam("end"),
    )
    .order_by(_SESSIONS.c.started_at.desc())
    .limit(1)
)
"""The latest session started in a day (``user``, ``start``, ``end``)."""
_SAME_KIND = and_(_SETS.c.exercise == bindparam("exercise"), _SETS.c.block == bindparam("block"))
SESSION_TALLY = select(
    func.count(),
    func.max(
        case(
            (and_(_SAME_KIND, _SETS.c.side.is_not_distinct_from(bindparam("side"))),
             _SETS.c.set_number),
        )
    ),
    func.count(case((and_(_SAME_KIND, _SETS.c.pain > bindparam("pain_above")), 1))),
).where(_SETS.c.session_id == bindparam("session"))  # fmt: skip
"""In one pass over a session's sets: how many there are, the highest set number of one
exercise, block and side, and how many sets of that exercise and block hurt above a limit."""
INSERT_SET = insert(SetRow)
_CAMERA, _FAULTS, _CHECKINS = (
    CameraResultRow.__table__, CameraFaultRow.__table__, CheckInRow.__table__
)  # fmt: skip


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
    """The user with this name, created on first use. Every command asks: in Core, and only a
    read once the user exists (the ORM's first query configures every mapper: ~30 ms)."""
    with db.read() as tx:
        row: Any = tx.connection().execute(USER_NAMED, {"name": name}).first()
    if row is None:
        with db.write_connection() as connection:
            row = connection.execute(USER_NAMED, {"name": name}).first()  # made meanwhile?
            if row is None:
                connection.execute(insert(UserRow), {"id": uuid.uuid4(), "name": name,
                                                     "created_at": now})  # fmt: skip
                row = connection.execute(USER_NAMED, {"name": name}).one()
    return _user(row)


def _user(row: UserRow | Row[Any]) -> User:
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
        with self.db.write() as tx:
            row = tx.get_one(UserRow, self.user.id)
            row.notice_seen_at = now
        self.user = _user(row)

    # -- sessions ---------------------------------------------------------------------------

    def start_session(
        self, program: str, plan: SessionPlan, now: datetime, day: Day
    ) -> TrainingSession:
        """Open a new guided session. An unfinished earlier one is closed as incomplete (its
        sets stay); ``before`` check-ins of ``day`` that wait unlinked join the new session."""
        with self.db.write() as tx:
            for row in tx.scalars(self._unfinished()):
                row.status = SessionStatus.INCOMPLETE.value
                row.ended_at = _last_activity(row)
            row = self._open_session(tx, program, now, day, plan)
            tx.refresh(row)
            return _session(row)

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
        with self.db.write_connection() as connection, orm_in(connection) as orm:
            found = connection.execute(
                DAY_SESSION, {"user": self.user.id, "start": day[0], "end": day[1]}
            ).first()
            row: Any = found or self._open_session(orm(), program, at, day, plan=None)
            count, last, pains = connection.execute(
                SESSION_TALLY,
                {"session": row.id, "exercise": exercise, "block": block.value,
                 "side": None if side is None else side.value, "pain_above": pain_above},
            ).one()  # fmt: skip
            painful: tuple[LoggedSet, ...] = ()
            if pains:  # rare: only then are the painful sets read in full
                painful = tuple(
                    set_record(s)
                    for s in orm().scalars(
                        _with_camera(select(SetRow))
                        .where(
                            SetRow.session_id == row.id,
                            SetRow.exercise == exercise,
                            SetRow.block == block.value,
                            SetRow.pain > pain_above,
                        )
                        .order_by(SetRow.performed_at)
                    )
                )
            context = DayContext(_session(row, with_logs=False), last or 0, painful)
            logged = make(context)
            if logged.camera is None:
                values = logged.model_dump(exclude={"camera"})
                connection.execute(INSERT_SET, {**values, "step_key": logged.step_key})
            else:
                orm().add(set_row(logged))
                orm().flush()
            return logged, context.session, count + 1

    def unfinished_session(self) -> TrainingSession | None:
        """The most recent session still in progress, if any."""
        with self.db.read() as tx:
            row = tx.scalars(self._unfinished().order_by(SessionRow.started_at.desc())).first()
            return None if row is None else _session(row)

    def finish_session(self, session_id: uuid.UUID, now: datetime) -> TrainingSession:
        with self.db.write() as tx:
            row = self._session_row(tx, session_id)
            row.status = SessionStatus.COMPLETED.value
            row.ended_at = now
            tx.flush()
            return _session(row)

    def session(self, session_id: uuid.UUID) -> TrainingSession:
        with self.db.read() as tx:
            return _session(self._session_row(tx, session_id))

    def session_started_between(self, start: datetime, end: datetime) -> TrainingSession | None:
        """The latest session started in ``[start, end)``: "today's session" for quick logging."""
        query = (
            self._loaded()
            .where(SessionRow.started_at >= start, SessionRow.started_at < end)
            .order_by(SessionRow.started_at.desc())
        )
        with self.db.read() as tx:
            row = tx.scalars(query).first()
            return None if row is None else _session(row)

    def day_session(self, start: datetime, end: datetime) -> TrainingSession | None:
        """The latest session started in ``[start, end)``, without its sets and check-ins: the
        cheap lookup quick logging needs on every set."""
        with self.db.read() as tx:
            row = (
                tx.connection()
                .execute(DAY_SESSION, {"user": self.user.id, "start": start, "end": end})
                .first()
            )
            return None if row is None else _session(row, with_logs=False)

    def latest_session_before(self, moment: datetime) -> TrainingSession | None:
        query = (
            self._loaded()
            .where(SessionRow.started_at < moment)
            .order_by(SessionRow.started_at.desc())
        )
        with self.db.read() as tx:
            row = tx.scalars(query).first()
            return None if row is None else _session(row)

    def sessions(self, since: datetime | None = None) -> list[TrainingSession]:
        """Sessions in the order they were started, each with its sets and check-ins."""
        query = (
            select(_SESSIONS)
            .where(_SESSIONS.c.user_id == self.user.id)
            .order_by(_SESSIONS.c.started_at)
        )
        if since is not None:
            query = query.where(_SESSIONS.c.started_at >= since)
        with self.db.read() as tx:
            connection = tx.connection()
            return _with_logs(connection, connection.execute(query).all())

    def session_page(
        self, since: datetime | None, before: PageKey | None, limit: int
    ) -> tuple[list[TrainingSession], bool]:
        """Up to ``limit`` of the newest sessions started at or after ``since`` and before the
        key ``before`` (start time, id), each with its sets and check-ins, returned in the order
        they were started; and whether older ones remain. Read through the index on (user,
        start), so a page costs the same however long the history is."""
        columns = _SESSIONS.c
        query = (
            select(_SESSIONS)
            .where(columns.user_id == self.user.id)
            .order_by(columns.started_at.desc(), columns.id.desc())
            .limit(limit + 1)
        )
        if since is not None:
            query = query.where(columns.started_at >= since)
        if before is not None:
            started, session_id = before
            query = query.where(
                or_(
                    columns.started_at < started,
                    and_(columns.started_at == started, columns.id < session_id),
                )
            )
        with self.db.read() as tx:
            connection = tx.connection()
            rows = connection.execute(query).all()
            page = _with_logs(connection, rows[:limit])
        return page[::-1], len(rows) > limit

    # -- sets and check-ins -----------------------------------------------------------------

    def record_sets(self, sets: Sequence[LoggedSet]) -> None:
        """Store the sets in one transaction (both sides of one alternating set, say)."""
        with self.db.write() as tx:
            for session_id in {logged.session_id for logged in sets}:
                self._require_session(tx, session_id)
            tx.add_all(set_row(logged) for logged in sets)

    def record_checkin(self, checkin: CheckIn) -> None:
        with self.db.write() as tx:
            if checkin.session_id is not None:
                self._require_session(tx, checkin.session_id)
            tx.add(CheckInRow(user_id=self.user.id, **checkin.model_dump()))

    def checkins(
        self, since: datetime | None = None, before: datetime | None = None
    ) -> list[CheckIn]:
        """Every check-in in ``[since, before)``, including those not linked to a session,
        oldest first."""
        query = select(CheckInRow).where(CheckInRow.user_id == self.user.id)
        if since is not None:
            query = query.where(CheckInRow.recorded_at >= since)
        if before is not None:
            query = query.where(CheckInRow.recorded_at < before)
        with self.db.read() as tx:
            return [
                checkin_record(row) for row in tx.scalars(query.order_by(CheckInRow.recorded_at))
            ]

    def _open_session(
        self, tx: Session, program: str, at: datetime, day: Day, plan: SessionPlan | None
    ) -> SessionRow:
        """A new session of ``day`` starting at ``at``: guided (in progress, with its plan) or
        quick-logged (complete as it opens); the day's waiting ``before`` check-ins join it."""
        row = SessionRow(
            id=uuid.uuid4(),
            user_id=self.user.id,
            program=program,
            status=(SessionStatus.COMPLETED if plan is None else SessionStatus.IN_PROGRESS).value,
            started_at=at,
            ended_at=at if plan is None else None,
            plan=None if plan is None else plan.model_dump(mode="json"),
        )
        tx.add(row)
        tx.flush()
        self._adopt_checkins(tx, row.id, day)
        return row

    def _adopt_checkins(self, tx: Session, session_id: uuid.UUID, day: Day) -> None:
        """Link the ``before`` check-ins of ``day`` that wait unlinked to ``session_id``."""
        tx.execute(
            update(CheckInRow)
            .where(
                CheckInRow.user_id == self.user.id,
                CheckInRow.session_id.is_(None),
                CheckInRow.kind == CheckInKind.BEFORE.value,
                CheckInRow.recorded_at >= day[0],
                CheckInRow.recorded_at < day[1],
            )
            .values(session_id=session_id)
        )

    # -- queries ----------------------------------------------------------------------------

    def _unfinished(self) -> Any:
        return self._loaded().where(SessionRow.status == SessionStatus.IN_PROGRESS.value)

    def _loaded(self) -> Any:
        return (
            select(SessionRow)
            .where(SessionRow.user_id == self.user.id)
            .options(
                selectinload(SessionRow.sets)
                .selectinload(SetRow.camera)
                .selectinload(CameraResultRow.faults),
                selectinload(SessionRow.checkins),
            )
        )

    def _require_session(self, tx: Session, session_id: uuid.UUID) -> None:
        owner = tx.scalar(select(SessionRow.user_id).where(SessionRow.id == session_id))
        if owner != self.user.id:
            raise NotFound(f"no training session with id {session_id}")

    def _session_row(self, tx: Session, session_id: uuid.UUID) -> SessionRow:
        row = tx.scalars(self._loaded().where(SessionRow.id == session_id)).first()
        if row is None:
            raise NotFound(f"no training session with id {session_id}")
        return row  # type: ignore[no-any-return]


def _last_activity(row: SessionRow) -> datetime:
    return max([row.started_at, *(s.performed_at for s in row.sets)])


def _set_order(row: SetRow | Row[Any]) -> tuple[datetime, int, str]:
    return (row.performed_at, row.set_number, row.side or "")


SET_COLUMNS = tuple(name for name in LoggedSet.model_fields if name != "camera")


def _with_camera(query: Any) -> Any:
    return query.options(selectinload(SetRow.camera).selectinload(CameraResultRow.faults))


def set_record(row: SetRow) -> LoggedSet:
    """A stored set as a record; its camera result comes along when it was loaded with it."""
    camera = row.camera
    if camera is None:
        return _set_record(row, None)
    faults = tuple(CameraFault(cue=f.cue, rep=f.rep, text=f.text) for f in camera.faults)
    return _set_record(row, CameraResult(reps_counted=camera.reps_counted, faults=faults))


def _set_record(row: SetRow | Row[Any], camera: CameraResult | None) -> LoggedSet:
    values: dict[str, Any] = {column: getattr(row, column) for column in SET_COLUMNS}
    if camera is not None:
        values["camera"] = camera
    return LoggedSet.model_validate(values)


def _with_logs(connection: Connection, rows: Sequence[Row[Any]]) -> list[TrainingSession]:
    """Sessions (rows of ``training_sessions``) with their sets, camera results and check-ins,
    read in SQLAlchemy Core: four queries however many sessions, and no ORM objects."""
    ids = [row.id for row in rows]
    if not ids:
        return []
    sets = connection.execute(select(_SETS).where(_SETS.c.session_id.in_(ids))).all()
    cameras: dict[uuid.UUID, CameraResult] = {}
    in_page = _SETS.c.session_id.in_(ids)
    results = connection.execute(
        select(_CAMERA).join(_SETS, _SETS.c.id == _CAMERA.c.set_id).where(in_page)
    ).all()
    if results:
        faults: dict[uuid.UUID, list[CameraFault]] = defaultdict(list)
        for fault in connection.execute(
            select(_FAULTS)
            .join(_SETS, _SETS.c.id == _FAULTS.c.set_id)
            .where(in_page)
            .order_by(_FAULTS.c.position)
        ):
            faults[fault.set_id].append(CameraFault(cue=fault.cue, rep=fault.rep, text=fault.text))
        for row in results:
            cameras[row.set_id] = CameraResult(
                reps_counted=row.reps_counted, faults=tuple(faults[row.set_id])
            )
    sets_of: dict[uuid.UUID, list[LoggedSet]] = defaultdict(list)
    for row in sorted(sets, key=_set_order):
        sets_of[row.session_id].append(_set_record(row, cameras.get(row.id)))
    checkins_of: dict[uuid.UUID, list[CheckIn]] = defaultdict(list)
    for row in connection.execute(
        select(_CHECKINS).where(_CHECKINS.c.session_id.in_(ids)).order_by(_CHECKINS.c.recorded_at)
    ):
        checkins_of[row.session_id].append(checkin_record(row))
    return [
        _session(row, with_logs=False).model_copy(
            update={"sets": tuple(sets_of[row.id]), "checkins": tuple(checkins_of[row.id])}
        )
        for row in rows
    ]


def set_row(logged: LoggedSet) -> SetRow:
    row = SetRow(**logged.model_dump(exclude={"camera"}), step_key=logged.step_key)
    if logged.camera is not None:
        row.camera = CameraResultRow(
            reps_counted=logged.camera.reps_counted,
            faults=[
                CameraFaultRow(
                    id=uuid.uuid4(), position=n, cue=fault.cue, rep=fault.rep, text=fault.text
                )
                for n, fault in enumerate(logged.camera.faults)
            ],
        )
    return row


def checkin_record(row: CheckInRow | Row[Any]) -> CheckIn:
    return CheckIn.model_validate({column: getattr(row, column) for column in CheckIn.model_fields})


def _session(row: SessionRow | Row[Any], *, with_logs: bool = True) -> TrainingSession:
    return TrainingSession(
        id=row.id,
        user_id=row.user_id,
        program=row.program,
        status=SessionStatus(row.status),
        started_at=row.started_at,
        ended_at=row.ended_at,
        plan=None if row.plan is None else SessionPlan.model_validate(row.plan),
        sets=tuple(set_record(s) for s in sorted(row.sets, key=_set_order)) if with_logs else (),
        checkins=tuple(checkin_record(c) for c in row.checkins) if with_logs else (),
    )


__all__ = ["LOCAL_USER", "CheckInKind", "Journal", "User", "ensure_user"]
