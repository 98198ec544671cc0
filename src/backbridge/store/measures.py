"""Stored outcome measures (the Patient-Specific Functional Scale) of one user."""

from __future__ import annotations

from typing import Any

from backbridge.program.measures import FunctionScore
from backbridge.store.database import Database
from backbridge.store.journal import User

SCORES_OF_USER = "SELECT * FROM function_scores WHERE user_id = :user ORDER BY recorded_at"


class MeasureLog:
    def __init__(self, db: Database, user: User) -> None:
        self.db = db
        self.user = user

    def record(self, score: FunctionScore) -> None:
        with self.db.write() as connection:
            connection.insert(
                "function_scores", {**function_score_values(score), "user_id": self.user.id}
            )

    def function_scores(self) -> list[FunctionScore]:
        """Every completed scale, oldest first."""
        with self.db.read() as connection:
            rows = connection.execute(SCORES_OF_USER, {"user": self.user.id})
            return [function_score(row) for row in rows]


def function_score_values(score: FunctionScore) -> dict[str, object]:
    return score.model_dump(mode="python") | {
        "activities": [a.model_dump(mode="json") for a in score.activities]
    }


def function_score(row: Any) -> FunctionScore:
    return FunctionScore.model_validate(
        {"id": row.id, "recorded_at": row.recorded_at, "activities": row.activities}
    )
