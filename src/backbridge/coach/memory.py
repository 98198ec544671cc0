"""An in-memory :class:`~backbridge.coach.ports.SessionStore`, for tests and dry runs."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime

from backbridge.catalog.models import BlockKind
from backbridge.program.history import CheckIn, LoggedSet, SessionStatus, Side, TrainingSession


@dataclass
class MemoryJournal:
    user_id: uuid.UUID = field(default_factory=uuid.uuid4)
    sessions: list[TrainingSession] = field(default_factory=list)
    sets: list[LoggedSet] = field(default_factory=list)
    checkins: list[CheckIn] = field(default_factory=list)

    def record_sets(self, sets: Sequence[LoggedSet]) -> None:
        self.sets.extend(sets)

    def record_checkin(self, checkin: CheckIn) -> None:
        self.checkins.append(checkin)

    def _with_logs(self, session: TrainingSession) -> TrainingSession:
        return session.model_copy(
            update={
                "sets": tuple(s for s in self.sets if s.session_id == session.id),
                "checkins": tuple(c for c in self.checkins if c.session_id == session.id),
            }
        )

    def session_started_between(self, start: datetime, end: datetime) -> TrainingSession | None:
        found = [s for s in self.sessions if start <= s.started_at < end]
        return self._with_logs(max(found, key=lambda s: s.started_at)) if found else None

    def day_session(self, start: datetime, end: datetime) -> TrainingSession | None:
        return self.session_started_between(start, end)

    def last_set_number(
        self, session_id: uuid.UUID, exercise: str, block: BlockKind, side: Side | None
    ) -> int:
        numbers = [
            s.set_number
            for s in self.sets
            if (s.session_id, s.exercise, s.block, s.side) == (session_id, exercise, block, side)
        ]
        return max(numbers, default=0)

    def latest_session_before(self, moment: datetime) -> TrainingSession | None:
        found = [s for s in self.sessions if s.started_at < moment]
        return self._with_logs(max(found, key=lambda s: s.started_at)) if found else None

    def open_logged_session(self, program: str, started_at: datetime) -> TrainingSession:
        session = TrainingSession(
            id=uuid.uuid4(),
            user_id=self.user_id,
            program=program,
            status=SessionStatus.COMPLETED,
            started_at=started_at,
            ended_at=started_at,
        )
        self.sessions.append(session)
        return session
