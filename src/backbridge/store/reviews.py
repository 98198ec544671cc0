"""Stored confirmations of pain reviews, and the day's severe set, for one user."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import bindparam, select

from backbridge.catalog.models import BlockKind
from backbridge.program.escalation import Acknowledgement
from backbridge.program.history import SetStatus
from backbridge.store.database import Database
from backbridge.store.journal import User
from backbridge.store.tables import PainAcknowledgementRow, SessionRow, SetRow


class ReviewLog:
    def __init__(self, db: Database, user: User) -> None:
        self.db = db
        self.user = user

    def record_acknowledgement(self, acknowledgement: Acknowledgement) -> None:
        with self.db.write() as tx:
            tx.add(PainAcknowledgementRow(user_id=self.user.id, **acknowledgement.model_dump()))

    def acknowledgements(self) -> list[Acknowledgement]:
        query = (
            select(PainAcknowledgementRow)
            .where(PainAcknowledgementRow.user_id == self.user.id)
            .order_by(PainAcknowledgementRow.recorded_at)
        )
        with self.db.read() as tx:
            return [acknowledgement(row) for row in tx.scalars(query)]

    def severe_set(
        self, start: datetime, end: datetime, at_least: int
    ) -> tuple[str, int, int] | None:
        """The first done main-block set of a session started in ``[start, end)`` whose pain
        was ``at_least`` or more, as (exercise, set number, pain): one small query, so quick
        logging can ask it on every set."""
        with self.db.read() as tx:
            found = (
                tx.connection()
                .execute(
                    SEVERE_SET,
                    {"user": self.user.id, "start": start, "end": end, "at_least": at_least},
                )
                .first()
            )
        return None if found is None else (found[0], found[1], found[2] or 0)


# Asked before every quickly logged set: built once (and its cache key with it), run in Core.
_SETS, _SESSIONS = SetRow.__table__, SessionRow.__table__
SEVERE_SET = (
    select(_SETS.c.exercise, _SETS.c.set_number, _SETS.c.pain)
    .join(_SESSIONS, _SESSIONS.c.id == _SETS.c.session_id)
    .where(
        _SESSIONS.c.user_id == bindparam("user"),
        _SESSIONS.c.started_at >= bindparam("start"),
        _SESSIONS.c.started_at < bindparam("end"),
        _SETS.c.block == BlockKind.MAIN.value,
        _SETS.c.status == SetStatus.DONE.value,
        _SETS.c.pain >= bindparam("at_least"),
    )
    .order_by(_SETS.c.performed_at)
    .limit(1)
)
"""The day's first severe set (``user``, ``start``, ``end``, ``at_least``)."""


def acknowledgement(row: PainAcknowledgementRow) -> Acknowledgement:
    return Acknowledgement.model_validate(
        {name: getattr(row, name) for name in Acknowledgement.model_fields}
    )
