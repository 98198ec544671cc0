"""``/checkins``: lower-back pain before a session or the next morning."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter
from pydantic import BaseModel, ConfigDict, Field

from backbridge.program.history import CheckInKind
from backbridge.services.checkins import CheckInRecorded
from backbridge.values import Moment, Note, PainScore
from backbridge.web.problems import refusals
from backbridge.web.state import State

router = APIRouter(tags=["check-ins"])


class CheckInEntry(BaseModel):
    model_config = ConfigDict(extra="forbid")

    pain: PainScore = Field(description="Lower-back pain now, 0 (none) to 10 (worst).")
    kind: CheckInKind = CheckInKind.NEXT_MORNING
    note: Note | None = None
    at: Moment | None = Field(
        default=None,
        description="When the pain was felt, for a check-in given late (up to 48 hours; "
        "default: now).",
    )


def checkin_document(recorded: CheckInRecorded) -> dict[str, Any]:
    """The stored check-in, the session it was linked to (or why none) and whether the
    safety questions are due now."""
    return {
        **recorded.checkin.model_dump(mode="json"),
        "linked_session": None if recorded.session is None else str(recorded.session.id),
        "link_reason": recorded.link_reason,
        "screening_due": recorded.screening_due,
        "baseline": None if recorded.baseline is None else recorded.baseline.pain,
        "caution": recorded.caution,
    }


@router.post("/checkins", status_code=201, responses=refusals(403, 422))
def record_checkin(state: State, body: CheckInEntry) -> dict[str, Any]:
    """Store a check-in linked to the session it is about, like ``backbridge checkin``."""
    return checkin_document(state.checkins.record(body.kind, body.pain, note=body.note, at=body.at))


@router.get("/checkins")
def list_checkins(state: State) -> list[dict[str, Any]]:
    return [c.model_dump(mode="json") for c in state.checkins.all()]
