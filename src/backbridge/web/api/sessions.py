"""``/sessions``: start or resume a guided session, read it, log its steps, finish it."""

from __future__ import annotations

import uuid
from typing import Any

from fastapi import APIRouter, Response
from pydantic import BaseModel, ConfigDict, Field

from backbridge.catalog import DEFAULT_PROGRAM
from backbridge.coach.guided import GuidedSession, StepResult
from backbridge.program.effort import Effort
from backbridge.services.documents import (
    SideName,
    lesson_links,
    session_document,
    session_line,
    set_document,
    side_of,
    summary_document,
)
from backbridge.values import Amount, Flag, Name, Note, PainScore
from backbridge.web.api.camera import WatchedSet
from backbridge.web.problems import refusals
from backbridge.web.state import State

router = APIRouter(tags=["sessions"])


def player_document(state: State, guided: GuidedSession) -> dict[str, Any]:
    """The guided session as the player reads it: every step, where it stands, and each main
    set's values of last time."""
    return session_document(guided, state.training.last_time(guided))


class SessionStart(BaseModel):
    model_config = ConfigDict(extra="forbid")

    program: Name = DEFAULT_PROGRAM
    resume: Flag = Field(
        default=True,
        description="Continue the unfinished guided session if there is one (false: close it "
        "as incomplete and start afresh).",
    )


class StepLog(BaseModel):
    """What was done in one step. ``amounts`` maps each side of the step (``left``, ``right``,
    or ``both`` for two-sided work) to the reps done, or the seconds held for a timed move."""

    model_config = ConfigDict(extra="forbid")

    amounts: dict[SideName, Amount] = {}
    band: Name | None = None
    effort: Effort | None = Field(
        default=None,
        description='How hard it was: {"rpe": 1-10 in steps of 0.5} or {"reps_in_reserve": 0-10}.',
    )
    pain: PainScore | None = Field(default=None, description="Pain during the set, 0-10.")
    note: Note | None = None
    skip: Flag = False
    camera: WatchedSet | None = Field(
        default=None,
        description="What the camera coach counted and saw, when it watched the set: the "
        "report's `watched` (from `/ws/camera?exercise=SLUG&sides=...`).",
    )


class PainCheckIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    pain: PainScore = Field(description="Lower-back pain now, 0 (none) to 10 (worst).")
    note: Note | None = None


@router.post("/sessions", responses=refusals(403, 404, 409, 422, 423))
def start_session(state: State, body: SessionStart, response: Response) -> dict[str, Any]:
    """Resume the unfinished guided session, or start one at the next plan (201). Refused with
    423 while a red flag stands and with 409 while the safety questions are due."""
    guided, created = state.training.open_session(body.program, resume=body.resume)
    response.status_code = 201 if created else 200
    return player_document(state, guided)


@router.get("/sessions")
def list_sessions(state: State) -> list[dict[str, Any]]:
    """Every session, newest first, without its sets."""
    return [session_line(s) for s in reversed(state.training.sessions())]


@router.get("/sessions/current", responses=refusals(404))
def current_session(state: State) -> dict[str, Any]:
    """The unfinished guided session, with every step and where it stands."""
    return player_document(state, state.training.current())


@router.get("/sessions/{session_id}", responses=refusals(404, 422))
def get_session(state: State, session_id: uuid.UUID) -> dict[str, Any]:
    """A session: for a guided one every step and its logged sets, otherwise its sets."""
    record = state.training.session(session_id)
    if record.plan is None:
        return {**session_line(record), "sets": [set_document(s) for s in record.sets]}
    return player_document(state, state.training.guided(session_id))


@router.post(
    "/sessions/{session_id}/checkin", status_code=201, responses=refusals(403, 404, 409, 422, 423)
)
def check_in(state: State, session_id: uuid.UUID, body: PainCheckIn) -> dict[str, Any]:
    """The pain check-in before the session starts; ``messages`` say what the pain means."""
    done = state.training.check_in_before(state.training.guided(session_id), body.pain, body.note)
    return {
        **done.checkin.model_dump(mode="json"),
        "screening_due": done.screening_due,
        "messages": [] if done.caution is None else [done.caution],
        "lessons": lesson_links(state.catalog, done.lessons),
    }


@router.post(
    "/sessions/{session_id}/steps/{index}",
    status_code=201,
    responses=refusals(403, 404, 409, 422, 423),
)
def log_step(state: State, session_id: uuid.UUID, index: int, body: StepLog) -> dict[str, Any]:
    """Store step ``index`` of the session (one row per side, in one transaction) before
    answering; pain above the limit stops the exercise for today and skips its other sets."""
    result = None
    if not body.skip:
        amounts = {side_of(name): amount for name, amount in body.amounts.items()}
        camera = None if body.camera is None else body.camera.count()
        result = StepResult(amounts, body.band, body.effort, body.pain, body.note, camera)
    logged = state.training.record_step_at(session_id, index, result)
    guided = logged.guided
    done, total = guided.progress()
    following = next(guided.pending(), None)
    return {
        "saved": [set_document(row) for row in logged.saved],
        "messages": list(logged.feedback.messages),
        "lessons": lesson_links(state.catalog, logged.feedback.lessons),
        "stopped_exercise": logged.feedback.stopped_exercise,
        "stopped_session": logged.feedback.stopped_session,
        "progress": {"done": done, "total": total},
        "next_step": None if following is None else guided.steps.index(following),
    }


@router.post("/sessions/{session_id}/finish", responses=refusals(403, 404, 409, 422))
def finish_session(state: State, session_id: uuid.UUID) -> dict[str, Any]:
    """Close the session; ``summary`` says what it amounted to (time, sets and reps, band, the
    highest pain, camera faults per exercise) and what the next session changes, and why."""
    finished = state.training.finish(session_id)
    summary = summary_document(finished, state.catalog, state.overview.plan(finished.program))
    return {**session_line(finished), "summary": summary}
