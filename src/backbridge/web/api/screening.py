"""``/screening``: the red-flag questions, answers, the status and a clinician's clearance."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter
from pydantic import BaseModel, ConfigDict

from backbridge.web import safety
from backbridge.web.state import State

router = APIRouter(tags=["screening"])


class Answers(BaseModel):
    model_config = ConfigDict(extra="forbid")

    answers: dict[str, bool]
    acknowledge: bool = False
    """For a clinician flag: the person has read the advice and will check with a clinician."""


class ClearanceEntry(BaseModel):
    model_config = ConfigDict(extra="forbid")

    confirmed: bool
    note: str | None = None


@router.get("/screening/questions")
def questions(state: State) -> list[dict[str, Any]]:
    return safety.questions(state)


@router.post("/screening", status_code=201)
def submit(state: State, body: Answers) -> dict[str, Any]:
    """Store a complete set of answers; the outcome says whether training may go on."""
    result = safety.submit(state, body.answers, body.acknowledge)
    return {
        "id": str(result.record.id),
        "outcome": str(result.record.outcome),
        "flagged": list(result.flagged),
        "message": result.message,
        "status": safety.status(state),
    }


@router.get("/screening/status")
def status(state: State) -> dict[str, Any]:
    return safety.status(state)


@router.post("/screening/clearance", status_code=201)
def clearance(state: State, body: ClearanceEntry) -> dict[str, Any]:
    """Record that a clinician examined you and cleared you to train."""
    stored = safety.record_clearance(state, body.confirmed, body.note)
    return {**stored.model_dump(mode="json"), "status": safety.status(state)}
