"""Outcome measures: the Patient-Specific Functional Scale and the pain trend, for every
interface."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass

from backbridge.program.measures import (
    FunctionReading,
    FunctionScore,
    PainTrend,
    check_ratings,
    function_reading,
    measure_due,
    pain_trend,
)
from backbridge.services.stores import Room


@dataclass(frozen=True)
class Outcomes:
    """Everything the measures say now."""

    scores: list[FunctionScore]
    """Every completed activities scale, oldest first."""
    function: FunctionReading | None
    pain: PainTrend | None
    due: str | None
    """Why the activities scale is due now, or ``None``."""

    @property
    def activities(self) -> list[str]:
        """The activities of the latest scale, to rate again."""
        return [a.activity for a in self.scores[-1].activities] if self.scores else []


@dataclass(frozen=True)
class Measures:
    room: Room

    def record(self, ratings: Sequence[tuple[str, int]]) -> FunctionScore:
        """Store one completed scale: 3-5 activities, each rated 0-10."""
        rules = self.room.catalog.rules.outcomes
        score = FunctionScore(
            id=uuid.uuid4(), recorded_at=self.room.now(), activities=check_ratings(rules, ratings)
        )
        self.room.stores.measures.record(score)
        return score

    def outcomes(self) -> Outcomes:
        rules = self.room.catalog.rules.outcomes
        scores = self.room.stores.measures.function_scores()
        checkins = self.room.stores.journal.checkins()
        return Outcomes(
            scores=scores,
            function=function_reading(rules, scores),
            pain=pain_trend(rules, checkins),
            due=measure_due(rules, scores, self.room.now()),
        )
