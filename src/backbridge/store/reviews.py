"""Stored confirmations of pain reviews, and the day's severe set, for one user."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select

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
        query = (
            select(SetRow.exercise, SetRow.set_number, SetRow.pain)
            .join(SessionRow, SessionRow.id == SetRow.session_id)
            .where(
                SessionRow.user_id == self.user.id,
                SessionRow.started_at >= start,
                SessionRow.started_at < end,
                SetRow.block == BlockKind.MAIN.value,
                SetRow.status == SetStatus.DONE.value,
                SetRow.pain >= at_least,
            )
            .order_by(SetRow.performed_at)
            .limit(1)
        )
        with self.db.read() as tx:
            found = tx.execute(query).first()
        return None if found is None else (found[0], found[1], found[2] or 0)


def acknowledgement(row: PainAcknowledgementRow) -> Acknowledgement:
    return Acknowledgement.model_validate(
        {name: getattr(row, name) for name in Acknowledgement.model_fields}
    )
