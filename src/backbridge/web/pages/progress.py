"""``/progress``: the progress charts, drawn on the server, each with its numbers as a table."""

from __future__ import annotations

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse

from backbridge.catalog import DEFAULT_PROGRAM
from backbridge.reports import charts, timeline
from backbridge.web.pages.layout import render
from backbridge.web.state import State

router = APIRouter(include_in_schema=False)
SPANS = (4, 12, 26, 52)


@router.get("/progress", response_class=HTMLResponse)
def progress_page(
    request: Request, state: State, weeks: int = Query(default=12, ge=1, le=104)
) -> HTMLResponse:
    series = state.overview.progress(DEFAULT_PROGRAM, weeks)
    today = state.today()
    first = series.session_pain[0].day if series.session_pain else today
    important = state.catalog.rules.escalation.min_improvement
    return render(
        request,
        "progress.html",
        series=series,
        weeks=weeks,
        spans=SPANS,
        important=important,
        session_pain=timeline.session_pain(
            series.session_pain, today, series.pain_baseline, important
        ),
        exercise_charts=[
            (slot, timeline.exercise_loads(slot.name, slot.points, first, today))
            for slot in series.slots
        ],
        pain_chart=charts.pain_and_volume(series.weeks),
        calendar=charts.adherence_calendar(series.calendar, natural=True),
        muscle_chart=charts.muscle_sets(series.muscles, series.weeks),
        fault_chart=charts.camera_faults(series.faults, series.camera_sets, series.weeks),
    )
