"""``/sets``: log one set outside a guided session, read it, correct it, delete it."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any, Literal

from fastapi import APIRouter, Response
from pydantic import BaseModel, ConfigDict, Field

from backbridge.coach.quick import ManualSet
from backbridge.program.history import EntrySource, Side
from backbridge.web import training
from backbridge.web.documents import session_line, set_document
from backbridge.web.state import State

router = APIRouter(tags=["sets"])


class SetLog(BaseModel):
    """One set, as ``backbridge log set`` takes it."""

    model_config = ConfigDict(extra="forbid")

    exercise: str
    reps: int | None = None
    seconds: int | None = None
    side: Side | None = None
    band: str | None = None
    effort: str = Field(default="", description="RPE 1-10 (e.g. '8') or reps in reserve ('rir 2').")
    pain: int | None = Field(default=None, description="Pain during the set, 0-10.")
    note: str | None = None
    at: datetime | None = Field(default=None, description="When it was done (default: now).")
    source: Literal["manual", "camera"] = Field(
        default="manual", description="``camera`` when the camera coach counted the reps."
    )


class SetChange(BaseModel):
    """The fields to correct; a field left out stays as it is, ``null`` clears it."""

    model_config = ConfigDict(extra="forbid")

    reps: int | None = None
    seconds: int | None = None
    band: str | None = None
    effort: str | None = None
    pain: int | None = None
    note: str | None = None


@router.post("/sets", status_code=201)
def log_set(state: State, body: SetLog) -> dict[str, Any]:
    """Store one set in the session of its day (opened if there is none), in its own
    transaction, before answering."""
    entry = ManualSet(
        body.exercise, body.reps, body.seconds, body.side, body.band, body.effort, body.pain,
        body.note, EntrySource(body.source),
    )  # fmt: skip
    row, session = training.log_single_set(state, entry, body.at)
    return {**set_document(row), "session": session_line(session)}


@router.get("/sets/{set_id}")
def get_set(state: State, set_id: uuid.UUID) -> dict[str, Any]:
    return set_document(state.corrections.get(set_id))


@router.patch("/sets/{set_id}")
def edit_set(state: State, set_id: uuid.UUID, body: SetChange) -> dict[str, Any]:
    """Correct a logged set; every value passes the checks it passed when it was logged."""
    changes = body.model_dump(include=body.model_fields_set)
    return set_document(training.edit_set(state, set_id, changes))


@router.delete("/sets/{set_id}", status_code=204)
def delete_set(state: State, set_id: uuid.UUID) -> Response:
    training.delete_set(state, set_id)
    return Response(status_code=204)
