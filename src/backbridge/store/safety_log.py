"""Stored red-flag screenings and clinician clearances of one user."""

from __future__ import annotations

import uuid
from datetime import datetime

from sqlalchemy import select

from backbridge.errors import NotFound
from backbridge.program.safety import Clearance, ScreeningRecord
from backbridge.store.database import Database
from backbridge.store.journal import User
from backbridge.store.tables import ClearanceRow, ScreeningRow


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

    def screenings(self) -> list[ScreeningRecord]:
        query = select(ScreeningRow).where(ScreeningRow.user_id == self.user.id)
        with self.db.read() as tx:
            return [
                screening_record(row)
                for row in tx.scalars(query.order_by(ScreeningRow.recorded_at))
            ]

    def clearances(self) -> list[Clearance]:
        query = select(ClearanceRow).where(ClearanceRow.user_id == self.user.id)
        with self.db.read() as tx:
            return [clearance(row) for row in tx.scalars(query.order_by(ClearanceRow.recorded_at))]


def screening_record(row: ScreeningRow) -> ScreeningRecord:
    return ScreeningRecord.model_validate(
        {name: getattr(row, name) for name in ScreeningRecord.model_fields}
    )


def clearance(row: ClearanceRow) -> Clearance:
    return Clearance.model_validate({name: getattr(row, name) for name in Clearance.model_fields})
