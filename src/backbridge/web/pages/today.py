"""``/``: Today: the next session with its reasons, the last check-in, the streak."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse

from backbridge.catalog import DEFAULT_PROGRAM
from backbridge.notice import NOTICE_TITLE, notice
from backbridge.program.history import CheckInKind
from backbridge.services.checkins import CheckInRecorded
from backbridge.web.pages.layout import render
from backbridge.web.state import State

router = APIRouter(include_in_schema=False)


@router.get("/", response_class=HTMLResponse)
def today_page(request: Request, state: State) -> HTMLResponse:
    return _today(request, state)


def _today(request: Request, state: State, saved: CheckInRecorded | None = None) -> HTMLResponse:
    catalog = state.catalog
    return render(
        request,
        "today.html",
        today=state.overview.today(DEFAULT_PROGRAM),
        catalog=catalog,
        notice_title=NOTICE_TITLE,
        notice_paragraphs=notice(catalog.rules.pain).split("\n\n"),
        program=catalog.program(DEFAULT_PROGRAM),
        measure_due=state.measures.outcomes().due,
        saved=saved,
    )


@router.post("/notice", response_class=HTMLResponse)
def notice_read(state: State) -> HTMLResponse:
    """The first-run notice was read: it is not shown again."""
    state.overview.mark_notice_seen()
    return HTMLResponse("")


@router.post("/checkin", response_class=HTMLResponse)
def checkin(
    request: Request,
    state: State,
    pain: Annotated[int, Form()],
    kind: Annotated[CheckInKind, Form()] = CheckInKind.NEXT_MORNING,
) -> HTMLResponse:
    """The check-in form of the Today page: the whole page again, with what was saved and
    what it changed (the last check-in, the plan, the safety questions)."""
    return _today(request, state, saved=state.checkins.record(kind, pain))
