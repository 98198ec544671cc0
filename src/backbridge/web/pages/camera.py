"""``/camera``: the camera coach. The page runs the pose model in the browser (``camera.js``)
and streams landmarks to ``/ws/camera``; this route only lists what it can watch."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from backbridge.web.pages.layout import render
from backbridge.web.state import State

router = APIRouter(include_in_schema=False)


@router.get("/camera", response_class=HTMLResponse)
def camera_page(request: Request, state: State, exercise: str = "") -> HTMLResponse:
    exercises = state.camera.watchable()
    chosen = exercise if any(e.slug == exercise for e in exercises) else exercises[0].slug
    return render(
        request,
        "camera.html",
        status=state.safety.status(),
        exercises=exercises,
        chosen=chosen,
    )
