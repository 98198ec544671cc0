"""The training journal: sessions, logged sets and check-ins of one user, in the database.

Every write is its own transaction, committed before the call returns, so whatever the
coach has acknowledged survives a killed process.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session, selectinload

from backbridge.catalog.models import BlockKind
from backbridge.errors import NotFound
from backbridge.program.history import (
    CheckIn,
    CheckInKind,
    LoggedSet,
    SessionStatus,
    Side,
    TrainingSession,
)
from backbridge.store.database import Database
from backbridge.store.tables import CheckInRow, SessionRow, SetRow, UserRow

LOCAL_USER = "local"


@dataclass(frozen=True)
class User:
    id: uuid.UUID
    name: str
    created_at: datetime
    notice_seen_at: datetime | None


def ensure_user(db: Database, name: str, now: datetime) -> User:
    """The user with this name, created on first use."""
    with db.transaction() as tx:
        row = tx.scalar(select(UserRow).where(UserRow.name == name))
        if row is None:
            row = UserRow(id=uuid.uuid4(), name=name, created_at=now)
            tx.add(row)
        return _user(row)


def _user(row: UserRow) -> User:
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
        with self.db.transaction(write=True) as tx:
            row = tx.get_one(UserRow, self.user.id)
            row.notice_seen_at = now
        self.user = _user(row)

    # -- sessions ---------------------------------------------------------------------------

    def start_session(self, program: str, plan: dict[str, Any], now: datetime) -> TrainingSession:
        """Open a new session. An unfinished earlier one is closed as incomplete; its sets stay."""
        with self.db.transaction(write=True) as tx:
            for row in tx.scalars(self._unfinished()):
                row.status = SessionStatus.INCOMPLETE.value
                row.ended_at = _last_activity(row)
            row = SessionRow(
                id=uuid.uuid4(),
                user_id=self.user.id,
                program=program,
                status=SessionStatus.IN_PROGRESS.value,
                started_at=now,
                plan=plan,
            )
            tx.add(row)
            tx.flush()
            return _session(row)

    def open_logged_session(self, program: str, started_at: datetime) -> TrainingSession:
        """A session for sets logged outside the guided flow; it never blocks a guided one."""
        with self.db.transaction(write=True) as tx:
            row = SessionRow(
                id=uuid.uuid4(),
                user_id=self.user.id,
                program=program,
                status=SessionStatus.COMPLETED.value,
                started_at=started_at,
                ended_at=started_at,
            )
            tx.add(row)
            tx.flush()
            return _session(row)

    def unfinished_session(self) -> TrainingSession | None:
        """The most recent session still in progress, if any."""
        with self.db.transaction() as tx:
            row = tx.scalars(self._unfinished().order_by(SessionRow.started_at.desc())).first()
            return None if row is None else _session(row)

    def finish_session(self, session_id: uuid.UUID, now: datetime) -> TrainingSession:
        with self.db.transaction(write=True) as tx:
            row = self._session_row(tx, session_id)
            row.status = SessionStatus.COMPLETED.value
            row.ended_at = now
            tx.flush()
            return _session(row)

    def session(self, session_id: uuid.UUID) -> TrainingSession:
        with self.db.transaction() as tx:
            return _session(self._session_row(tx, session_id))

    def session_started_between(self, start: datetime, end: datetime) -> TrainingSession | None:
        """The latest session started in ``[start, end)``: "today's session" for quick logging."""
        query = (
            self._loaded()
            .where(SessionRow.started_at >= start, SessionRow.started_at < end)
            .order_by(SessionRow.started_at.desc())
        )
        with self.db.transaction() as tx:
            row = tx.scalars(query).first()
            return None if row is None else _session(row)

    def day_session(self, start: datetime, end: datetime) -> TrainingSession | None:
        """The latest session started in ``[start, end)``, without its sets and check-ins: the
        cheap lookup quick logging needs on every set."""
        query = (
            select(SessionRow)
            .where(
                SessionRow.user_id == self.user.id,
                SessionRow.started_at >= start,
                SessionRow.started_at < end,
            )
            .order_by(SessionRow.started_at.desc())
        )
        with self.db.transaction() as tx:
            row = tx.scalars(query).first()
            return None if row is None else _session(row, with_logs=False)

    def last_set_number(
        self, session_id: uuid.UUID, exercise: str, block: BlockKind, side: Side | None
    ) -> int:
        query = select(func.max(SetRow.set_number)).where(
            SetRow.session_id == session_id,
            SetRow.exercise == exercise,
            SetRow.block == block.value,
            SetRow.side.is_(None) if side is None else SetRow.side == side.value,
        )
        with self.db.transaction() as tx:
            return tx.scalar(query) or 0

    def latest_session_before(self, moment: datetime) -> TrainingSession | None:
        query = (
            self._loaded()
            .where(SessionRow.started_at < moment)
            .order_by(SessionRow.started_at.desc())
        )
        with self.db.transaction() as tx:
            row = tx.scalars(query).first()
            return None if row is None else _session(row)

    def sessions(self, since: datetime | None = None) -> list[TrainingSession]:
        """Sessions in the order they were started, each with its sets and check-ins."""
        query = self._loaded().order_by(SessionRow.started_at)
        if since is not None:
            query = query.where(SessionRow.started_at >= since)
        with self.db.transaction() as tx:
            return [_session(row) for row in tx.scalars(query)]

    # -- sets and check-ins -----------------------------------------------------------------

    def record_sets(self, sets: Sequence[LoggedSet]) -> None:
        """Store the sets in one transaction (both sides of one alternating set, say)."""
        with self.db.transaction(write=True) as tx:
            for session_id in {logged.session_id for logged in sets}:
                self._require_session(tx, session_id)
            tx.add_all(SetRow(**logged.model_dump()) for logged in sets)

    def record_checkin(self, checkin: CheckIn) -> None:
        with self.db.transaction(write=True) as tx:
            if checkin.session_id is not None:
                self._require_session(tx, checkin.session_id)
            tx.add(CheckInRow(user_id=self.user.id, **checkin.model_dump()))

    def checkins(self, since: datetime | None = None) -> list[CheckIn]:
        """Every check-in, including those not linked to a session, oldest first."""
        query = select(CheckInRow).where(CheckInRow.user_id == self.user.id)
        if since is not None:
            query = query.where(CheckInRow.recorded_at >= since)
        with self.db.transaction() as tx:
            return [_checkin(row) for row in tx.scalars(query.order_by(CheckInRow.recorded_at))]

    # -- queries ----------------------------------------------------------------------------

    def _unfinished(self) -> Any:
        return (
            select(SessionRow)
            .where(
                SessionRow.user_id == self.user.id,
                SessionRow.status == SessionStatus.IN_PROGRESS.value,
            )
            .options(selectinload(SessionRow.sets), selectinload(SessionRow.checkins))
        )

    def _loaded(self) -> Any:
        return (
            select(SessionRow)
            .where(SessionRow.user_id == self.user.id)
            .options(selectinload(SessionRow.sets), selectinload(SessionRow.checkins))
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


def _set_order(row: SetRow) -> tuple[datetime, int, str]:
    return (row.performed_at, row.set_number, row.side or "")


def _set(row: SetRow) -> LoggedSet:
    return LoggedSet.model_validate(
        {column: getattr(row, column) for column in LoggedSet.model_fields}
    )


def _checkin(row: CheckInRow) -> CheckIn:
    return CheckIn.model_validate({column: getattr(row, column) for column in CheckIn.model_fields})


def _session(row: SessionRow, *, with_logs: bool = True) -> TrainingSession:
    return TrainingSession(
        id=row.id,
        user_id=row.user_id,
        program=row.program,
        status=SessionStatus(row.status),
        started_at=row.started_at,
        ended_at=row.ended_at,
        plan=row.plan,
        sets=tuple(_set(s) for s in sorted(row.sets, key=_set_order)) if with_logs else (),
        checkins=tuple(_checkin(c) for c in row.checkins) if with_logs else (),
    )


__all__ = ["LOCAL_USER", "CheckInKind", "Journal", "User", "ensure_user"]
