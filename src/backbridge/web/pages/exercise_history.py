"""``/history/exercise/{slug}``: one exercise session by session, with its best set and band
over time; an unknown name answers with links to the exercises that come close."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from backbridge.reports import timeline
from backbridge.web.pages.layout import render
from backbridge.web.state import State

router = APIRouter(include_in_schema=False)


@router.get("/history/exercise/{slug}", response_class=HTMLResponse)
def exercise_history_page(request: Request, state: State, slug: str) -> HTMLResponse:
    log = state.overview.exercise_log(slug)
    points = [day.point for day in log.days]
    first = points[0].day if points else state.today()
    return render(
        request,
        "exercise_history.html",
        log=log,
        exercise=state.catalog.exercise(slug),
        ladder=state.catalog.ladder(slug),
        chart=timeline.exercise_loads(log.name, points, first, state.today()),
    )
