"""``/history`` and ``/progress``: what was done, and the series the progress charts draw."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Query

from backbridge.catalog import DEFAULT_PROGRAM
from backbridge.services.documents import history_document, progress_document
from backbridge.values import Day
from backbridge.web.problems import refusals
from backbridge.web.state import State

router = APIRouter(tags=["history and progress"])


@router.get("/history", responses=refusals(422))
def history(state: State, since: Day | None = None) -> dict[str, Any]:
    """Every session from ``since`` (a local date) on, with its sets, check-ins and camera
    results: the shape of ``backbridge history --json``."""
    found = state.overview.history(since)
    return history_document(found.sessions, state.catalog, found.unlinked)


@router.get("/progress", responses=refusals(404, 422))
def progress(
    state: State,
    weeks: int = Query(default=12, ge=1, le=104, description="Calendar weeks to cover."),
    program: str = DEFAULT_PROGRAM,
) -> dict[str, Any]:
    """Weekly volume and pain, band level and variant per exercise, the adherence calendar,
    sets per muscle per week and camera faults per week."""
    return progress_document(state.overview.progress(program, weeks))
