"""``/progress/export/{format}``: every export as a download from the Progress page — the JSON
backup, Strong and Hevy CSV, the FHIR Bundle and the iCalendar schedule ahead. The same text
``backbridge export --format`` writes."""

from __future__ import annotations

from datetime import date
from typing import Annotated

from fastapi import APIRouter, Query, Response

from backbridge.reports.schedule import Schedule
from backbridge.services.exchange import MAX_WEEKS, MEDIA_TYPES, Exchange, ExportFormat
from backbridge.web.state import State

router = APIRouter(include_in_schema=False)


@router.get("/progress/export/{format}")
def export_download(
    state: State,
    format: ExportFormat,
    start: Annotated[date | None, Query()] = None,
    weeks: Annotated[int, Query(ge=1, le=MAX_WEEKS)] = 8,
) -> Response:
    """The export in ``format``; ``start`` and ``weeks`` choose the iCalendar schedule."""
    text = Exchange(state).export(format, schedule=Schedule(start=start, weeks=weeks))
    media_type, name = MEDIA_TYPES[format]
    return Response(
        text.encode("utf-8"),
        media_type=f"{media_type}; charset=utf-8",
        headers={"Content-Disposition": f'attachment; filename="{name}"'},
    )
