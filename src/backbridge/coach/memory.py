"""An in-memory :class:`~backbridge.coach.ports.Journal`, for tests and dry runs."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass, field

from backbridge.program.history import CheckIn, LoggedSet, TrainingSession


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
