"""``/history``: what was done, session by session, a page at a time; each set can be corrected
or deleted (``history.js`` calls the API, which checks a correction as it checked the set). The
first page opens with each exercise's best set and heaviest band, linked to its own history."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse

from backbridge.catalog.models import BlockKind
from backbridge.program.history import CheckInKind, LoggedSet, TrainingSession
from backbridge.web.pages.layout import render
from backbridge.web.state import State

router = APIRouter(include_in_schema=False)
PAGE = 10


@router.get("/history", response_class=HTMLResponse)
def history_page(
    request: Request, state: State, before: str | None = Query(default=None, max_length=80)
) -> HTMLResponse:
    found = state.overview.history(before=before, limit=PAGE)
    catalog = state.catalog
    sessions = [_session_view(session, catalog) for session in reversed(found.sessions)]
    return render(
        request,
        "history.html",
        sessions=sessions,
        unlinked=found.unlinked,
        older=found.next,
        first_page=before is None,
        records=state.overview.exercise_records() if before is None else (),
        bands=[band.slug for band in catalog.bands],
    )


def _session_view(session: TrainingSession, catalog: Any) -> dict[str, Any]:
    before = session.checkin(CheckInKind.BEFORE)
    morning = session.checkin(CheckInKind.NEXT_MORNING)
    main_exercises = {s.exercise for s in session.sets if s.block is BlockKind.MAIN}
    return {
        "record": session,
        "guided": session.plan is not None,
        "pain_before": None if before is None else before.pain,
        "pain_next_morning": None if morning is None else morning.pain,
        "sets": [_set_view(s, catalog) for s in session.sets if s.block is BlockKind.MAIN],
        "moves": len({(s.block, s.exercise) for s in session.sets}) - len(main_exercises),
    }


def _set_view(logged: LoggedSet, catalog: Any) -> dict[str, Any]:
    exercise = catalog.exercise(logged.exercise)
    if logged.seconds is not None:
        amount = f"{logged.seconds} s"
    else:
        amount = "-" if logged.reps is None else f"{logged.reps} reps"
    return {
        "row": logged,
        "name": exercise.name,
        "amount": amount,
        "timed": logged.seconds is not None,
        "uses_band": exercise.uses_band,
        "effort": "" if logged.effort is None else logged.effort.describe(),
        "faults": [] if logged.camera is None else [f.cue for f in logged.camera.faults],
    }
