"""``/measures``: the activities scale (Patient-Specific Functional Scale) and the pain trend."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter
from pydantic import BaseModel, ConfigDict, Field

from backbridge.program.measures import Rating
from backbridge.services.documents import outcomes_document
from backbridge.values import Name
from backbridge.web.problems import refusals
from backbridge.web.state import State

router = APIRouter(tags=["measures"])


class ActivityRating(BaseModel):
    model_config = ConfigDict(extra="forbid")

    activity: Name = Field(description="An everyday activity the back makes hard.")
    score: Rating = Field(description="0 (unable) to 10 (as well as before the problem).")


class FunctionScaleEntry(BaseModel):
    model_config = ConfigDict(extra="forbid")

    activities: list[ActivityRating] = Field(
        min_length=1, max_length=10, description="3 to 5 activities, each rated 0-10."
    )


@router.get("/measures")
def outcomes(state: State) -> dict[str, Any]:
    """Every activities scale, the pain trend and whether the scale is due, like
    ``backbridge measure --json``."""
    return outcomes_document(state.measures.outcomes())


@router.post("/measures", status_code=201, responses=refusals(403, 422))
def rate(state: State, body: FunctionScaleEntry) -> dict[str, Any]:
    """Store one completed activities scale."""
    state.measures.record([(a.activity, a.score) for a in body.activities])
    return outcomes_document(state.measures.outcomes())
