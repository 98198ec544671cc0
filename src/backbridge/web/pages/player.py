"""``/session``: the session player. The page carries the session's steps and one card per
exercise; ``player.js`` walks the steps and logs each one through the API."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, RedirectResponse

from backbridge.catalog import DEFAULT_PROGRAM
from backbridge.reports.figures import figure
from backbridge.web.actions import action_link
from backbridge.web.api.sessions import player_document
from backbridge.web.pages.layout import render
from backbridge.web.state import State

router = APIRouter(include_in_schema=False)


@router.get("/session", response_class=HTMLResponse)
def player_page(request: Request, state: State) -> HTMLResponse:
    guided = state.training.unfinished()
    if guided is None:
        status = state.safety.status()
        return render(
            request, "session_start.html", status=status, action=action_link(status.action)
        )
    catalog = state.catalog
    exercises = {step.exercise.slug: step for step in guided.steps}
    cards = [
        {
            "exercise": step.exercise,
            "figure": figure(step.exercise, step.prescription.band),
            "muscles": [catalog.muscle(m).name for m in step.exercise.muscles.primary],
            "reasons": step.prescription.reasons,
            "lessons": catalog.lessons_for(step.exercise.slug),
        }
        for step in exercises.values()
    ]
    return render(
        request,
        "session.html",
        document=player_document(state, guided),
        cards=cards,
        bands=catalog.bands,
    )


@router.post("/session/start")
def start(state: State) -> RedirectResponse:
    """Start (or resume) the session and go to the player."""
    state.training.open_session(DEFAULT_PROGRAM, resume=True)
    return RedirectResponse("/session", status_code=303)


@router.post("/session/restart")
def restart(state: State) -> RedirectResponse:
    """Close the unfinished session as incomplete and start a new one."""
    state.training.open_session(DEFAULT_PROGRAM, resume=False)
    return RedirectResponse("/session", status_code=303)
