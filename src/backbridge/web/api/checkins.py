"""``/checkins``: lower-back pain before a session or the next morning."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter
from pydantic import BaseModel, ConfigDict, Field

from backbridge.program.history import CheckInKind
from backbridge.web import training
from backbridge.web.state import State

router = APIRouter(tags=["check-ins"])


class CheckInEntry(BaseModel):
    model_config = ConfigDict(extra="forbid")

    pain: int = Field(description="Lower-back pain now, 0 (none) to 10 (worst).")
    kind: CheckInKind = CheckInKind.NEXT_MORNING
    note: str | None = None


@router.post("/checkins", status_code=201)
def record_checkin(state: State, body: CheckInEntry) -> dict[str, Any]:
    """Store a check-in linked to the session it is about, like ``backbridge checkin``."""
    stored, session = training.record_checkin(state, body.kind, body.pain, body.note)
    rescreen = stored.pain >= state.services.catalog.rules.screening.rescreen_pain
    return {
        **stored.model_dump(mode="json"),
        "linked_session": None if session is None else str(session.id),
        "screening_due": rescreen,
    }


@router.get("/checkins")
def list_checkins(state: State) -> list[dict[str, Any]]:
    return [c.model_dump(mode="json") for c in state.services.journal.checkins()]
