"""The REST API under ``/api/v1``, one module per noun."""

from __future__ import annotations

from fastapi import APIRouter

from backbridge.web.api import (
    camera,
    checkins,
    exercises,
    history,
    measures,
    nutrition,
    plans,
    screening,
    sessions,
    sets,
)


def routers() -> list[APIRouter]:
    return [
        exercises.router,
        plans.router,
        sessions.router,
        sets.router,
        camera.router,
        checkins.router,
        screening.router,
        history.router,
        measures.router,
        nutrition.router,
    ]
