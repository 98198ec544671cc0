"""The narrow ports the coach needs from the outside world."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Protocol
from uuid import UUID

from backbridge.catalog.models import BlockKind
from backbridge.program.history import CheckIn, LoggedSet, Side, TrainingSession


class Journal(Protocol):
    """Where logged sets and check-ins go. Each call must be durable when it returns."""

    def record_sets(self, sets: Sequence[LoggedSet]) -> None: ...

    def record_checkin(self, checkin: CheckIn) -> None: ...


class Clock(Protocol):
    def __call__(self) -> datetime: ...


class SessionStore(Journal, Protocol):
    """A journal that can also find and open sessions, for logging outside the guided flow."""

    def session_started_between(self, start: datetime, end: datetime) -> TrainingSession | None: ...

    def day_session(self, start: datetime, end: datetime) -> TrainingSession | None:
        """Like :meth:`session_started_between`, without reading its sets and check-ins."""
        ...

    def last_set_number(
        self, session_id: UUID, exercise: str, block: BlockKind, side: Side | None
    ) -> int:
        """The highest set number logged for this exercise, block and side; 0 if none."""
        ...

    def latest_session_before(self, moment: datetime) -> TrainingSession | None: ...

    def open_logged_session(self, program: str, started_at: datetime) -> TrainingSession: ...
