"""``/library``: every exercise, warm-up move and stretch, and one page per entry."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from backbridge.catalog.models import Kind
from backbridge.reports.figures import figure
from backbridge.web.pages.layout import render
from backbridge.web.state import State

router = APIRouter(include_in_schema=False)
KIND_TITLES = {Kind.EXERCISE: "Exercises", Kind.WARM_UP: "Warm-up", Kind.STRETCH: "Stretches"}


@router.get("/library", response_class=HTMLResponse)
def library_page(request: Request, state: State) -> HTMLResponse:
    catalog = state.catalog
    groups = [(KIND_TITLES[kind], catalog.of_kind(kind)) for kind in Kind]
    return render(request, "library.html", groups=groups, catalog=catalog, figure=figure)


@router.get("/library/{slug}", response_class=HTMLResponse)
def exercise_page(request: Request, state: State, slug: str) -> HTMLResponse:
    catalog = state.catalog
    exercise = catalog.exercise(slug)
    return render(
        request,
        "exercise.html",
        exercise=exercise,
        catalog=catalog,
        figure=figure(exercise),
        ladder=catalog.ladder(slug),
        sources=[catalog.source(key) for key in exercise.cited_sources],
        lessons=catalog.lessons_for(slug),
    )
