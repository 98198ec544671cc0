"""``/exercises``: the catalogue, with the shape of ``backbridge exercises show --json``."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter

from backbridge.catalog.models import Kind
from backbridge.services.documents import exercise_document
from backbridge.web.problems import refusals
from backbridge.web.state import State

router = APIRouter(tags=["exercises"])


@router.get("/exercises", responses=refusals(422))
def list_exercises(state: State, kind: Kind | None = None) -> list[dict[str, Any]]:
    """Every exercise, warm-up move and stretch, or only those of ``kind``."""
    catalog = state.catalog
    return [exercise_document(catalog, e) for e in catalog.exercises if kind in (None, e.kind)]


@router.get("/exercises/{slug}", responses=refusals(404))
def show_exercise(state: State, slug: str) -> dict[str, Any]:
    """One exercise: steps, cues, muscles, dose, tempo, ladder and sources."""
    catalog = state.catalog
    return exercise_document(catalog, catalog.exercise(slug))
