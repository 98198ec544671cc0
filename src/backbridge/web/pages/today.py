"""``/``: Today: the next session with its reasons, the last check-in, the streak."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse

from backbridge.notice import NOTICE_TITLE, notice
from backbridge.program.history import CheckInKind
from backbridge.web import reporting, training
from backbridge.web.pages.layout import render
from backbridge.web.state import DEFAULT_PROGRAM, State

router = APIRouter(include_in_schema=False)


@router.get("/", response_class=HTMLResponse)
def today_page(request: Request, state: State) -> HTMLResponse:
    catalog = state.services.catalog
    return render(
        request,
        "today.html",
        today=reporting.today(state, DEFAULT_PROGRAM),
        catalog=catalog,
        notice_title=NOTICE_TITLE,
        notice_paragraphs=notice(catalog.rules.pain).split("\n\n"),
        program=catalog.program(DEFAULT_PROGRAM),
    )


@router.post("/notice", response_class=HTMLResponse)
def notice_read(state: State) -> HTMLResponse:
    """The first-run notice was read: it is not shown again."""
    reporting.mark_notice_seen(state)
    return HTMLResponse("")


@router.post("/checkin", response_class=HTMLResponse)
def checkin(
    request: Request,
    state: State,
    pain: Annotated[int, Form()],
    kind: Annotated[CheckInKind, Form()] = CheckInKind.NEXT_MORNING,
) -> HTMLResponse:
    """The check-in form of the Today page (htmx swaps in the answer)."""
    stored, session = training.record_checkin(state, kind, pain, None)
    rescreen = stored.pain >= state.services.catalog.rules.screening.rescreen_pain
    return render(
        request, "partials/checkin_saved.html", checkin=stored, session=session, rescreen=rescreen
    )
