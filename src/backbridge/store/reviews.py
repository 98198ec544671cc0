"""Stored confirmations of pain reviews, and the day's severe set, for one user."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import Row, bindparam, insert, select

from backbridge.catalog.models import BlockKind
from backbridge.program.escalation import Acknowledgement
from backbridge.program.history import SetStatus
from backbridge.store.database import Database
from backbridge.store.journal import User
from backbridge.store.tables import PAIN_ACKNOWLEDGEMENTS, SESSIONS, SETS


class ReviewLog:
    def __init__(self, db: Database, user: User) -> None:
        self.db = db
        self.user = user

    def record_acknowledgement(self, acknowledgement: Acknowledgement) -> None:
        with self.db.write() as connection:
            connection.execute(
                insert(PAIN_ACKNOWLEDGEMENTS),
                {**acknowledgement.model_dump(), "user_id": self.user.id},
            )

    def acknowledgements(self) -> list[Acknowledgement]:
        query = (
            select(PAIN_ACKNOWLEDGEMENTS)
            .where(PAIN_ACKNOWLEDGEMENTS.c.user_id == self.user.id)
            .order_by(PAIN_ACKNOWLEDGEMENTS.c.recorded_at)
        )
        with self.db.read() as connection:
            return [acknowledgement(row) for row in connection.execute(query)]

    def severe_set(
        self, start: datetime, end: datetime, at_least: int
    ) -> tuple[str, int, int] | None:
        """The first done main-block set of a session started in ``[start, end)`` whose pain
        was ``at_least`` or more, as (exercise, set number, pain): one small query, so quick
        logging can ask it on every set."""
        with self.db.read() as connection:
            found = connection.execute(
                SEVERE_SET,
                {"user": self.user.id, "start": start, "end": end, "at_least": at_least},
            ).first()
        return None if found is None else (found[0], found[1], found[2] or 0)


# Asked before every quickly logged set: built once (and its cache key with it).
SEVERE_SET = (
    select(SETS.c.exercise, SETS.c.set_number, SETS.c.pain)
    .join(SESSIONS, SESSIONS.c.id == SETS.c.session_id)
    .where(
        SESSIONS.c.user_id == bindparam("user"),
        SESSIONS.c.started_at >= bindparam("start"),
        SESSIONS.c.started_at < bindparam("end"),
        SETS.c.block == BlockKind.MAIN.value,
        SETS.c.status == SetStatus.DONE.value,
        SETS.c.pain >= bindparam("at_least"),
    )
    .order_by(SETS.c.performed_at)
    .limit(1)
)
"""The day's first severe set (``user``, ``start``, ``end``, ``at_least``)."""


def acknowledgement(row: Row[Any]) -> Acknowledgement:
    return Acknowledgement.model_validate(
        {name: getattr(row, name) for name in Acknowledgement.model_fields}
    )
