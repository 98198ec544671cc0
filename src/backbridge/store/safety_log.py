"""Stored red-flag screenings and clinician clearances of one user."""

from __future__ import annotations

import uuid
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import Row, bindparam, insert, or_, select, update

from backbridge.errors import NotFound
from backbridge.program.history import CheckIn
from backbridge.program.safety import Clearance, ScreeningRecord
from backbridge.store.database import Database
from backbridge.store.journal import User, checkin_record
from backbridge.store.tables import CHECKINS, CLEARANCES, SCREENINGS, UTCDateTime


class SafetyLog:
    def __init__(self, db: Database, user: User) -> None:
        self.db = db
        self.user = user

    def record_screening(self, screening: ScreeningRecord) -> None:
        with self.db.write() as connection:
            connection.execute(
                insert(SCREENINGS), {**screening.model_dump(), "user_id": self.user.id}
            )

    def acknowledge(self, screening_id: uuid.UUID, at: datetime) -> None:
        with self.db.write() as connection:
            changed = connection.execute(
                update(SCREENINGS)
                .where(SCREENINGS.c.id == screening_id, SCREENINGS.c.user_id == self.user.id)
                .values(acknowledged_at=at)
            ).rowcount
            if not changed:
                raise NotFound(f"no screening with id {screening_id}")

    def record_clearance(self, clearance: Clearance) -> None:
        with self.db.write() as connection:
            connection.execute(
                insert(CLEARANCES), {**clearance.model_dump(), "user_id": self.user.id}
            )

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
            found = [
                checkin_record(row)
                for row in connection.execute(CHECKINS_SINCE, {**user, "since": since})
            ]
        return screenings, clearances, found


# The safety gate reads these before every logged set: built once, with their cache keys.
USER_SCREENINGS = (
    select(SCREENINGS)
    .where(SCREENINGS.c.user_id == bindparam("user"))
    .order_by(SCREENINGS.c.recorded_at)
)
USER_CLEARANCES = (
    select(CLEARANCES)
    .where(CLEARANCES.c.user_id == bindparam("user"))
    .order_by(CLEARANCES.c.recorded_at)
)
CHECKINS_SINCE = (
    select(CHECKINS)
    .where(
        CHECKINS.c.user_id == bindparam("user"),
        or_(bindparam("since", type_=UTCDateTime).is_(None),
            CHECKINS.c.recorded_at >= bindparam("since", type_=UTCDateTime)),
    )
    .order_by(CHECKINS.c.recorded_at)
)  # fmt: skip
"""The check-ins recorded since ``since`` (all of them when it is ``None``)."""


def screening_record(row: Row[Any]) -> ScreeningRecord:
    return ScreeningRecord.model_validate(
        {name: getattr(row, name) for name in ScreeningRecord.model_fields}
    )


def clearance(row: Row[Any]) -> Clearance:
    return Clearance.model_validate({name: getattr(row, name) for name in Clearance.model_fields})
