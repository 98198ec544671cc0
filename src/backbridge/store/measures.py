"""Stored outcome measures (the Patient-Specific Functional Scale) of one user."""

from __future__ import annotations

from sqlalchemy import select

from backbridge.program.measures import FunctionScore
from backbridge.store.database import Database
from backbridge.store.journal import User
from backbridge.store.tables import FunctionScoreRow


class MeasureLog:
    def __init__(self, db: Database, user: User) -> None:
        self.db = db
        self.user = user

    def record(self, score: FunctionScore) -> None:
        with self.db.write() as tx:
            tx.add(FunctionScoreRow(user_id=self.user.id, **function_score_values(score)))

    def function_scores(self) -> list[FunctionScore]:
        """Every completed scale, oldest first."""
        query = (
            select(FunctionScoreRow)
            .where(FunctionScoreRow.user_id == self.user.id)
            .order_by(FunctionScoreRow.recorded_at)
        )
        with self.db.read() as tx:
            return [function_score(row) for row in tx.scalars(query)]


def function_score_values(score: FunctionScore) -> dict[str, object]:
    return score.model_dump(mode="python") | {
        "activities": [a.model_dump(mode="json") for a in score.activities]
    }


def function_score(row: FunctionScoreRow) -> FunctionScore:
    return FunctionScore.model_validate(
        {"id": row.id, "recorded_at": row.recorded_at, "activities": row.activities}
    )
