"""Stored confirmations of pain reviews, and the day's severe set, for one user."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from backbridge.catalog.models import BlockKind
from backbridge.program.escalation import Acknowledgement
from backbridge.program.history import SetStatus
from backbridge.store.database import Database
from backbridge.store.journal import User


class ReviewLog:
    def __init__(self, db: Database, user: User) -> None:
        self.db = db
        self.user = user

    def record_acknowledgement(self, acknowledgement: Acknowledgement) -> None:
        with self.db.write() as connection:
            connection.insert(
                "pain_acknowledgements", {**acknowledgement.model_dump(), "user_id": self.user.id}
            )

    def acknowledgements(self) -> list[Acknowledgement]:
        query = "SELECT * FROM pain_acknowledgements WHERE user_id = :user ORDER BY recorded_at"
        with self.db.read() as connection:
            rows = connection.execute(query, {"user": self.user.id})
            return [acknowledgement(row) for row in rows]

    def severe_set(
        self, start: datetime, end: datetime, at_least: int
    ) -> tuple[str, int, int] | None:
        """The first done main-block set of a session started in ``[start, end)`` whose pain
        was ``at_least`` or more, as (exercise, set number, pain): one small query, so quick
        logging can ask it on every set."""
        with self.db.read() as connection:
            found = connection.execute(
                SEVERE_SET,
                {
                    "user": self.user.id,
                    "start": start,
                    "end": end,
                    "at_least": at_least,
                    "main": BlockKind.MAIN,
                    "done": SetStatus.DONE,
                },
            ).first()
        return None if found is None else (found[0], found[1], found[2] or 0)


# Asked before every quickly logged set.
SEVERE_SET = """
    SELECT set_logs.exercise, set_logs.set_number, set_logs.pain
    FROM set_logs JOIN training_sessions ON training_sessions.id = set_logs.session_id
    WHERE training_sessions.user_id = :user
      AND training_sessions.started_at >= :start AND training_sessions.started_at < :end
      AND set_logs.block = :main AND set_logs.status = :done AND set_logs.pain >= :at_least
    ORDER BY set_logs.performed_at LIMIT 1"""
"""The day's first severe set (``user``, ``start``, ``end``, ``at_least``)."""


def acknowledgement(row: Any) -> Acknowledgement:
    return Acknowledgement.model_validate(
        {name: getattr(row, name) for name in Acknowledgement.model_fields}
    )
