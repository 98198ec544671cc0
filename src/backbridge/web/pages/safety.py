"""``/safety``: the red-flag questions, their outcome, and a clinician's clearance."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from backbridge.services.documents import status_document
from backbridge.services.safety import ScreenResult
from backbridge.web.pages.layout import render
from backbridge.web.state import State

router = APIRouter(include_in_schema=False)


def _page(
    request: Request,
    state: State,
    result: ScreenResult | None = None,
    *,
    cleared: bool = False,
    confirmed: bool = False,
) -> HTMLResponse:
    """The safety page as it stands now, with what the last form did."""
    status = state.safety.status()
    return render(
        request,
        "safety.html",
        status=status_document(status),
        review=state.safety.pain_review(status=status),
        questions=state.safety.questions(),
        result=result,
        cleared=cleared,
        confirmed=confirmed,
    )


@router.get("/safety", response_class=HTMLResponse)
def safety_page(request: Request, state: State) -> HTMLResponse:
    return _page(request, state)


@router.post("/safety", response_class=HTMLResponse)
async def answer(request: Request, state: State) -> HTMLResponse:
    """The questions' form: one yes/no radio per question."""
    form = await request.form()
    answers = {q.id: form.get(q.id) == "yes" for q in state.safety.questions() if q.id in form}
    result = state.safety.submit(answers)
    return _page(request, state, result=result)


@router.post("/safety/clearance", response_class=HTMLResponse)
async def clearance(request: Request, state: State) -> HTMLResponse:
    form = await request.form()
    note, by = form.get("note"), form.get("by")
    state.safety.clear(
        confirmed=form.get("confirmed") == "yes",
        cleared_by=str(by) if by else None,
        note=str(note) if note else None,
    )
    return _page(request, state, cleared=True)


@router.post("/safety/review", response_class=HTMLResponse)
async def confirm_review(request: Request, state: State) -> HTMLResponse:
    """The person confirms the pain review's advice and goes on at a reduced dose."""
    form = await request.form()
    if form.get("confirmed") != "yes":
        return _page(request, state)
    note = form.get("note")
    state.safety.confirm_review(str(note) if note else None)
    return _page(request, state, confirmed=True)
