"""Corrections to logged sets: read one, replace it with a corrected copy, or delete it.

Kept apart from :mod:`backbridge.store.journal` (which only appends) so the append path stays
as simple as the durability promise needs. Each call is one transaction; a set of another
user is reported as missing.
"""

from __future__ import annotations

import uuid
from typing import Any

from backbridge.errors import NotFound
from backbridge.program.history import LoggedSet
from backbridge.store.database import Database
from backbridge.store.journal import User, sets_read
from backbridge.store.sql import Connection


class SetCorrections:
    def __init__(self, db: Database, user: User) -> None:
        self.db = db
        self.user = user

    def get(self, set_id: uuid.UUID) -> LoggedSet:
        with self.db.read() as connection:
            return self._read(connection, set_id)

    def replace(self, corrected: LoggedSet) -> LoggedSet:
        """Store ``corrected`` over the set with the same id; its session cannot change."""
        with self.db.write() as connection:
            self._row(connection, corrected.id)
            values = corrected.model_dump(exclude={"camera", "id", "session_id"})
            connection.update(
                "set_logs",
                {**values, "step_key": corrected.step_key},
                "id = :id",
                {"id": corrected.id},
            )
            return sets_read(connection, "set_logs.id = :id", {"id": corrected.id})[0]

    def delete(self, set_id: uuid.UUID) -> None:
        """Remove the set; its camera result and faults go with it (the foreign keys
        cascade)."""
        with self.db.write() as connection:
            self._row(connection, set_id)
            connection.execute("DELETE FROM set_logs WHERE id = :id", {"id": set_id})

    def _read(self, connection: Connection, set_id: uuid.UUID) -> LoggedSet:
        self._row(connection, set_id)
        return sets_read(connection, "set_logs.id = :id", {"id": set_id})[0]

    def _row(self, connection: Connection, set_id: uuid.UUID) -> Any:
        row = connection.execute(
            "SELECT set_logs.id FROM set_logs"
            " JOIN training_sessions ON training_sessions.id = set_logs.session_id"
            " WHERE set_logs.id = :id AND training_sessions.user_id = :user",
            {"id": set_id, "user": self.user.id},
        ).first()
        if row is None:
            raise NotFound(f"no logged set with id {set_id}")
        return row
