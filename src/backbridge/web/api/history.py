"""``/history`` and ``/progress``: what was done, and the series the progress charts draw."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Query

from backbridge.catalog import DEFAULT_PROGRAM
from backbridge.services.documents import history_document, progress_document
from backbridge.services.overview import HISTORY_PAGE, HISTORY_PAGE_MAX
from backbridge.values import Day
from backbridge.web.problems import refusals
from backbridge.web.state import State

router = APIRouter(tags=["history and progress"])


@router.get("/history", responses=refusals(422))
def history(
    state: State,
    since: Day | None = None,
    before: str | None = Query(
        default=None, description="The `next` of the page before: where to go on from."
    ),
    limit: int = Query(
        default=HISTORY_PAGE, ge=1, le=HISTORY_PAGE_MAX, description="Sessions per page."
    ),
) -> dict[str, Any]:
    """Sessions with their sets, check-ins and camera results, the shape of ``backbridge
    history --json``, a page at a time: the newest ``limit`` sessions from ``since`` (a local
    date) on, oldest first, with the check-ins linked to no session in the time they span.
    ``next`` is the cursor of the older sessions: pass it as ``before`` for the next page; it
    is ``null`` on the last page. A page costs the same however long the history is."""
    found = state.overview.history(since, before=before, limit=limit)
    return history_document(found.sessions, state.catalog, found.unlinked, found.next)


@router.get("/progress", responses=refusals(404, 422))
def progress(
    state: State,
    weeks: int = Query(default=12, ge=1, le=104, description="Calendar weeks to cover."),
    program: str = DEFAULT_PROGRAM,
) -> dict[str, Any]:
    """Weekly volume and pain, band level and variant per exercise, the adherence calendar,
    sets per muscle per week and camera faults per week."""
    return progress_document(state.overview.progress(program, weeks))
