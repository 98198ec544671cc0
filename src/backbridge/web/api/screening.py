"""``/screening``: the red-flag questions, answers, the status and a clinician's clearance."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter
from pydantic import BaseModel, ConfigDict, Field

from backbridge.services.documents import review_document, status_document
from backbridge.values import Flag, Name, Note
from backbridge.web.problems import refusals
from backbridge.web.state import State

router = APIRouter(tags=["screening"])


class Answers(BaseModel):
    model_config = ConfigDict(extra="forbid")

    answers: dict[Name, Flag] = Field(
        description="Every question's id with true (yes) or false (no); all are needed."
    )


class ClearanceEntry(BaseModel):
    model_config = ConfigDict(extra="forbid")

    confirmed: Flag
    cleared_by: Name = Field(description="Who cleared you: a name or a role ('Dr Patel, GP').")
    note: Note | None = None


class ReviewConfirmation(BaseModel):
    model_config = ConfigDict(extra="forbid")

    note: Note | None = None


@router.get("/screening/questions")
def questions(state: State) -> list[dict[str, Any]]:
    return [{"id": q.id, "level": str(q.level), "text": q.text} for q in state.safety.questions()]


@router.post("/screening", status_code=201, responses=refusals(403, 422))
def submit(state: State, body: Answers) -> dict[str, Any]:
    """Store a complete set of answers; the outcome says whether training may go on."""
    result = state.safety.submit(body.answers)
    return {
        "id": str(result.record.id),
        "outcome": str(result.record.outcome),
        "flagged": [question.text for question in result.flagged],
        "message": result.message,
        "status": status_document(result.status),
    }


@router.get("/screening/status")
def status(state: State) -> dict[str, Any]:
    """The red-flag status, and the pain review standing, if any."""
    current = state.safety.status()
    review = state.safety.pain_review(status=current)
    return {**status_document(current), "pain_review": review_document(review)}


@router.post("/screening/review", status_code=201, responses=refusals(403, 409, 422))
def confirm_review(state: State, body: ReviewConfirmation) -> dict[str, Any]:
    """Confirm the pain review's advice: training goes on at a reduced dose while it stands."""
    stored = state.safety.confirm_review(body.note)
    return {
        **stored.model_dump(mode="json"),
        "pain_review": review_document(state.safety.pain_review()),
    }


@router.post("/screening/clearance", status_code=201, responses=refusals(403, 409, 422))
def clearance(state: State, body: ClearanceEntry) -> dict[str, Any]:
    """Record that a clinician examined you and cleared you to train."""
    stored = state.safety.clear(
        confirmed=body.confirmed, cleared_by=body.cleared_by, note=body.note
    )
    return {**stored.model_dump(mode="json"), "status": status_document(state.safety.status())}
