"""Corrections to logged sets: read one, replace it with a corrected copy, or delete it.

Kept apart from :mod:`backbridge.store.journal` (which only appends) so the append path stays
as simple as the durability promise needs. Each call is one transaction; a set of another
user is reported as missing.
"""

from __future__ import annotations

import uuid

from sqlalchemy import select
from sqlalchemy.orm import Session

from backbridge.errors import NotFound
from backbridge.program.history import LoggedSet
from backbridge.store.database import Database
from backbridge.store.journal import User, set_record
from backbridge.store.tables import SessionRow, SetRow


class SetCorrections:
    def __init__(self, db: Database, user: User) -> None:
        self.db = db
        self.user = user

    def get(self, set_id: uuid.UUID) -> LoggedSet:
        with self.db.read() as tx:
            return set_record(self._row(tx, set_id))

    def replace(self, corrected: LoggedSet) -> LoggedSet:
        """Store ``corrected`` over the set with the same id; its session cannot change."""
        with self.db.write() as tx:
            row = self._row(tx, corrected.id)
            for column, value in corrected.model_dump(exclude={"camera"}).items():
                if column not in ("id", "session_id"):
                    setattr(row, column, value)
            row.step_key = corrected.step_key
            tx.flush()
            return set_record(row)

    def delete(self, set_id: uuid.UUID) -> None:
        with self.db.write() as tx:
            tx.delete(self._row(tx, set_id))

    def _row(self, tx: Session, set_id: uuid.UUID) -> SetRow:
        row = tx.scalar(
            select(SetRow)
            .join(SessionRow, SessionRow.id == SetRow.session_id)
            .where(SetRow.id == set_id, SessionRow.user_id == self.user.id)
        )
        if row is None:
            raise NotFound(f"no logged set with id {set_id}")
        return row
