"""Server-rendered pages, one module per page; htmx and a little script for the player."""

from __future__ import annotations

from fastapi import APIRouter

from backbridge.web.pages import (
    api_docs,
    camera,
    exercise_history,
    exports,
    history,
    learn,
    library,
    measures,
    nutrition,
    player,
    printed,
    progress,
    safety,
    today,
)


def routers() -> list[APIRouter]:
    return [
        today.router,
        player.router,
        camera.router,
        progress.router,
        measures.router,
        history.router,
        exercise_history.router,
        printed.router,
        exports.router,
        library.router,
        learn.router,
        nutrition.router,
        safety.router,
        api_docs.router,
    ]
