"""Stored outcome measures (the Patient-Specific Functional Scale) of one user."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Row, insert, select

from backbridge.program.measures import FunctionScore
from backbridge.store.database import Database
from backbridge.store.journal import User
from backbridge.store.tables import FUNCTION_SCORES


class MeasureLog:
    def __init__(self, db: Database, user: User) -> None:
        self.db = db
        self.user = user

    def record(self, score: FunctionScore) -> None:
        with self.db.write() as connection:
            connection.execute(
                insert(FUNCTION_SCORES), {**function_score_values(score), "user_id": self.user.id}
            )

    def function_scores(self) -> list[FunctionScore]:
        """Every completed scale, oldest first."""
        query = (
            select(FUNCTION_SCORES)
            .where(FUNCTION_SCORES.c.user_id == self.user.id)
            .order_by(FUNCTION_SCORES.c.recorded_at)
        )
        with self.db.read() as connection:
            return [function_score(row) for row in connection.execute(query)]


def function_score_values(score: FunctionScore) -> dict[str, object]:
    return score.model_dump(mode="python") | {
        "activities": [a.model_dump(mode="json") for a in score.activities]
    }


def function_score(row: Row[Any]) -> FunctionScore:
    return FunctionScore.model_validate(
        {"id": row.id, "recorded_at": row.recorded_at, "activities": row.activities}
    )
