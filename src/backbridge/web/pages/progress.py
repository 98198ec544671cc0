"""``/progress``: the progress charts, drawn on the server."""

from __future__ import annotations

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse

from backbridge.catalog import DEFAULT_PROGRAM
from backbridge.reports import charts
from backbridge.web.pages.layout import render
from backbridge.web.state import State

router = APIRouter(include_in_schema=False)
SPANS = (4, 12, 26, 52)


@router.get("/progress", response_class=HTMLResponse)
def progress_page(
    request: Request, state: State, weeks: int = Query(default=12, ge=1, le=104)
) -> HTMLResponse:
    series = state.overview.progress(DEFAULT_PROGRAM, weeks)
    first, last = series.weeks[0].start, state.today()
    return render(
        request,
        "progress.html",
        series=series,
        weeks=weeks,
        spans=SPANS,
        pain_chart=charts.pain_and_volume(series.weeks),
        band_charts=[(slot, charts.band_levels(slot, first, last)) for slot in series.slots],
        calendar=charts.adherence_calendar(series.calendar),
        muscle_chart=charts.muscle_sets(series.muscles, series.weeks),
        fault_chart=charts.camera_faults(series.faults, series.camera_sets, series.weeks),
    )
