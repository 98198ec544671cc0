"""``/sets``: log one set outside a guided session, read it, correct it, delete it."""

from __future__ import annotations

import uuid
from typing import TYPE_CHECKING, Any

from fastapi import APIRouter, Response
from fastapi.concurrency import run_in_threadpool
from pydantic import BaseModel, ConfigDict, Field

from backbridge.program.effort import Effort
from backbridge.program.history import Side
from backbridge.services.documents import session_line, set_document
from backbridge.services.training import SetEntry
from backbridge.values import HoldSeconds, Moment, Name, Note, PainScore, RepCount
from backbridge.web.problems import refusals
from backbridge.web.state import State

if TYPE_CHECKING:
    from backbridge.services import Services

router = APIRouter(tags=["sets"])
EFFORT = 'How hard it was: {"rpe": 1-10 in steps of 0.5} or {"reps_in_reserve": 0-10}.'


class SetLog(BaseModel):
    """One set, as ``backbridge log set`` takes it (a set the camera coach watched goes to
    ``POST /camera-sets``)."""

    model_config = ConfigDict(extra="forbid")

    exercise: Name = Field(description="The exercise's slug, e.g. banded-glute-bridge.")
    reps: RepCount | None = Field(default=None, description="Reps done (or give seconds).")
    seconds: HoldSeconds | None = Field(default=None, description="Seconds held, timed moves.")
    side: Side | None = None
    band: Name | None = None
    effort: Effort | None = Field(default=None, description=EFFORT)
    pain: PainScore | None = Field(default=None, description="Pain during the set, 0-10.")
    note: Note | None = None
    at: Moment | None = Field(default=None, description="When it was done (default: now).")


class SetChange(BaseModel):
    """The fields to correct; a field left out stays as it is, ``null`` clears it."""

    model_config = ConfigDict(extra="forbid")

    reps: RepCount | None = None
    seconds: HoldSeconds | None = None
    band: Name | None = None
    effort: Effort | None = Field(default=None, description=EFFORT)
    pain: PainScore | None = None
    note: Note | None = None


@router.post("/sets", status_code=201, responses=refusals(403, 404, 409, 422, 423))
async def log_set(state: State, body: SetLog) -> dict[str, Any]:
    """Store one set in the session of its day (opened if there is none), in its own
    transaction, before answering. Refused (409) while the safety questions are due or when
    pain has stopped this exercise for the day, and (423) while a red flag stands."""
    # The busiest route: async, with the use case (which waits on the database) in the thread
    # pool. A plain ``def`` handler makes FastAPI hop to the pool twice per request, the
    # second time only to check the answer's dict, which costs more CPU than checking it.
    return await run_in_threadpool(_log_set, state, body)


def _log_set(state: Services, body: SetLog) -> dict[str, Any]:
    entry = SetEntry(
        exercise=body.exercise, reps=body.reps, seconds=body.seconds, side=body.side,
        band=body.band, effort=body.effort, pain=body.pain, note=body.note,
    )  # fmt: skip
    result = state.training.log_set(entry, body.at)
    return {
        **set_document(result.logged),
        "session": session_line(result.session, result.sets_in_session),
        "messages": list(result.feedback.messages),
        "stopped_exercise": result.feedback.stopped_exercise,
        "stopped_session": result.feedback.stopped_session,
    }


@router.get("/sets/{set_id}", responses=refusals(404, 422))
def get_set(state: State, set_id: uuid.UUID) -> dict[str, Any]:
    return set_document(state.training.get_set(set_id))


@router.patch("/sets/{set_id}", responses=refusals(403, 404, 409, 422))
def edit_set(state: State, set_id: uuid.UUID, body: SetChange) -> dict[str, Any]:
    """Correct a logged set; every value passes the checks it passed when it was logged."""
    changes = {name: getattr(body, name) for name in body.model_fields_set}
    return set_document(state.training.correct_set(set_id, changes))


@router.delete("/sets/{set_id}", status_code=204, responses=refusals(403, 404, 409, 422))
def delete_set(state: State, set_id: uuid.UUID) -> Response:
    state.training.delete_set(set_id)
    return Response(status_code=204)
