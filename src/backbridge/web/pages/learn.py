"""``/learn``: the lessons a physiotherapist gives with the exercises, each with its sources."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from backbridge.web.pages.layout import render
from backbridge.web.state import State

router = APIRouter(include_in_schema=False)


@router.get("/learn", response_class=HTMLResponse)
def learn_page(request: Request, state: State) -> HTMLResponse:
    catalog = state.catalog
    return render(request, "learn.html", lessons=catalog.lessons, catalog=catalog)
