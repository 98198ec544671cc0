"""Stored red-flag screenings and clinician clearances of one user."""

from __future__ import annotations

import uuid
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import Row, bindparam, or_, select

from backbridge.errors import NotFound
from backbridge.program.history import CheckIn
from backbridge.program.safety import Clearance, ScreeningRecord
from backbridge.store.database import Database
from backbridge.store.journal import User, checkin_record
from backbridge.store.tables import CheckInRow, ClearanceRow, ScreeningRow, UTCDateTime


class SafetyLog:
    def __init__(self, db: Database, user: User) -> None:
        self.db = db
        self.user = user

    def record_screening(self, screening: ScreeningRecord) -> None:
        with self.db.write() as tx:
            tx.add(ScreeningRow(user_id=self.user.id, **screening.model_dump()))

    def acknowledge(self, screening_id: uuid.UUID, at: datetime) -> None:
        with self.db.write() as tx:
            row = tx.get(ScreeningRow, screening_id)
            if row is None or row.user_id != self.user.id:
                raise NotFound(f"no screening with id {screening_id}")
            row.acknowledged_at = at

    def record_clearance(self, clearance: Clearance) -> None:
        with self.db.write() as tx:
            tx.add(ClearanceRow(user_id=self.user.id, **clearance.model_dump()))

    def evidence(
        self, lookback: timedelta
    ) -> tuple[list[ScreeningRecord], list[Clearance], list[CheckIn]]:
        """What the safety status is derived from, read in one transaction: every screening
        and clearance, and the check-ins since ``lookback`` before the last screening (all of
        them before any screening)."""
        with self.db.read() as tx:
            connection = tx.connection()
            user = {"user": self.user.id}
            screenings = [screening_record(row) for row in connection.execute(SCREENINGS, user)]
            clearances = [clearance(row) for row in connection.execute(CLEARANCES, user)]
            since = screenings[-1].recorded_at - lookback if screenings else None
            found = [
                checkin_record(row)
                for row in connection.execute(CHECKINS_SINCE, {**user, "since": since})
            ]
        return screenings, clearances, found


# The safety gate reads these before every logged set: built once, run in SQLAlchemy Core.
_SCREENINGS, _CLEARANCES, _CHECKINS = (
    ScreeningRow.__table__, ClearanceRow.__table__, CheckInRow.__table__
)  # fmt: skip
SCREENINGS = (
    select(_SCREENINGS)
    .where(_SCREENINGS.c.user_id == bindparam("user"))
    .order_by(_SCREENINGS.c.recorded_at)
)
CLEARANCES = (
    select(_CLEARANCES)
    .where(_CLEARANCES.c.user_id == bindparam("user"))
    .order_by(_CLEARANCES.c.recorded_at)
)
CHECKINS_SINCE = (
    select(_CHECKINS)
    .where(
        _CHECKINS.c.user_id == bindparam("user"),
        or_(bindparam("since", type_=UTCDateTime).is_(None),
            _CHECKINS.c.recorded_at >= bindparam("since", type_=UTCDateTime)),
    )
    .order_by(_CHECKINS.c.recorded_at)
)  # fmt: skip
"""The check-ins recorded since ``since`` (all of them when it is ``None``)."""


def screening_record(row: ScreeningRow | Row[Any]) -> ScreeningRecord:
    return ScreeningRecord.model_validate(
        {name: getattr(row, name) for name in ScreeningRecord.model_fields}
    )


def clearance(row: ClearanceRow | Row[Any]) -> Clearance:
    return Clearance.model_validate({name: getattr(row, name) for name in Clearance.model_fields})
