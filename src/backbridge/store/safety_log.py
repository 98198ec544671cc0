"""Stored red-flag screenings and clinician clearances of one user."""

from __future__ import annotations

import uuid
from datetime import datetime, timedelta

from sqlalchemy import select

from backbridge.errors import NotFound
from backbridge.program.history import CheckIn
from backbridge.program.safety import Clearance, ScreeningRecord
from backbridge.store.database import Database
from backbridge.store.journal import User, checkin_record
from backbridge.store.tables import CheckInRow, ClearanceRow, ScreeningRow


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
            screenings = [
                screening_record(row)
                for row in tx.scalars(
                    select(ScreeningRow)
                    .where(ScreeningRow.user_id == self.user.id)
                    .order_by(ScreeningRow.recorded_at)
                )
            ]
            clearances = [
                clearance(row)
                for row in tx.scalars(
                    select(ClearanceRow)
                    .where(ClearanceRow.user_id == self.user.id)
                    .order_by(ClearanceRow.recorded_at)
                )
            ]
            checkins = select(CheckInRow).where(CheckInRow.user_id == self.user.id)
            if screenings:
                checkins = checkins.where(
                    CheckInRow.recorded_at >= screenings[-1].recorded_at - lookback
                )
            found = [
                checkin_record(row) for row in tx.scalars(checkins.order_by(CheckInRow.recorded_at))
            ]
        return screenings, clearances, found


def screening_record(row: ScreeningRow) -> ScreeningRecord:
    return ScreeningRecord.model_validate(
        {name: getattr(row, name) for name in ScreeningRecord.model_fields}
    )


def clearance(row: ClearanceRow) -> Clearance:
    return Clearance.model_validate({name: getattr(row, name) for name in Clearance.model_fields})
