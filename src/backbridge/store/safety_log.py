"""Stored red-flag screenings and clinician clearances of one user."""

from __future__ import annotations

import uuid
from datetime import datetime, timedelta
from typing import Any

from backbridge.errors import NotFound
from backbridge.program.history import CheckIn
from backbridge.program.safety import Clearance, ScreeningRecord
from backbridge.store.database import Database
from backbridge.store.journal import User, checkins_read


class SafetyLog:
    def __init__(self, db: Database, user: User) -> None:
        self.db = db
        self.user = user

    def record_screening(self, screening: ScreeningRecord) -> None:
        with self.db.write() as connection:
            connection.insert("screenings", {**screening.model_dump(), "user_id": self.user.id})

    def acknowledge(self, screening_id: uuid.UUID, at: datetime) -> None:
        with self.db.write() as connection:
            changed = connection.update(
                "screenings",
                {"acknowledged_at": at},
                "id = :id AND user_id = :user",
                {"id": screening_id, "user": self.user.id},
            )
            if not changed:
                raise NotFound(f"no screening with id {screening_id}")

    def record_clearance(self, clearance: Clearance) -> None:
        with self.db.write() as connection:
            connection.insert("clearances", {**clearance.model_dump(), "user_id": self.user.id})

    def evidence(
        self, lookback: timedelta
    ) -> tuple[list[ScreeningRecord], list[Clearance], list[CheckIn]]:
        """What the safety status is derived from, read in one transaction: every screening
        and clearance, and the check-ins since ``lookback`` before the last screening (all of
        them before any screening)."""
        with self.db.read() as connection:
            user = {"user": self.user.id}
            screenings = [
                screening_record(row) for row in connection.execute(USER_SCREENINGS, user)
            ]
            clearances = [clearance(row) for row in connection.execute(USER_CLEARANCES, user)]
            since = screenings[-1].recorded_at - lookback if screenings else None
            found = checkins_read(connection, self.user.id, since)
        return screenings, clearances, found


# The safety gate reads these before every logged set.
USER_SCREENINGS = "SELECT * FROM screenings WHERE user_id = :user ORDER BY recorded_at"
USER_CLEARANCES = "SELECT * FROM clearances WHERE user_id = :user ORDER BY recorded_at"


def screening_record(row: Any) -> ScreeningRecord:
    return ScreeningRecord.model_validate(
        {name: getattr(row, name) for name in ScreeningRecord.model_fields}
    )


def clearance(row: Any) -> Clearance:
    return Clearance.model_validate({name: getattr(row, name) for name in Clearance.model_fields})
